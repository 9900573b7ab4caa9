"""The store's ground floor: one Chroma client, each user's collection (opened once, cached), the
embedding model each user's memory is written and searched with, and encoding pieces."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Self

import numpy as np
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.errors import NotFoundError
from langchain_core.embeddings import Embeddings

from memory import sentences
from memory.compute import side_by_side
from memory.embeddings import (DEFAULT_BY_LANGUAGE, ChromaEmbeddingFunction, DualEmbeddings,
                               make_embeddings, resolve_name)
from memory.language import detect
from memory.records import MemoryPiece
from memory.store.chroma import (cosine, DELETED, PROFILES, SENTENCE_VECTORS, StoreError,
                                 collection_name, make_client)


class Collections:
    def __init__(self, client: ClientAPI, embeddings: Embeddings, embedding_name: str,
                 by_language: dict[str, str] | None = None) -> None:
        self.client = client
        self.embeddings = embeddings  # the default; a user's may differ (`embeddings_of`)
        self.embedding_name = embedding_name
        # Opened with "auto": a user's memory is embedded for the language it is in (Chinese
        # memory with e5 on both halves even where the server's default is English), chosen by
        # its first write and kept in its collection's metadata.
        self.by_language = by_language
        self._models = {embedding_name: embeddings}
        self._loading = threading.Lock()  # a model loads once, even when asked for at once
        self._ef = ChromaEmbeddingFunction(embeddings, embedding_name)
        self._collections: dict[str, Collection] = {}
        self._lock = threading.RLock()  # serializes read-modify-write (turn index, strength)
        self._dim: int | None = None
        self.disk: Path | None = None  # an embedded Chroma's folder

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, host: str | None = None,
             port: int = 8000, embedding: str = "auto", language: str = "en") -> Self:
        """Embedded under `data_dir`, or on the Chroma server at `host`; `embedding` "auto"
        embeds each user's memory for its language (`language` is the default's)."""
        name = resolve_name(embedding, language)
        store = cls(make_client(data_dir, host, port), make_embeddings(name), name,
                    dict(DEFAULT_BY_LANGUAGE) if embedding == "auto" else None)
        if not host:  # embedded: a final delete also scrubs what Chroma's files keep
            store.disk = Path(data_dir) / "chroma"
        return store

    # -- embeddings per user ------------------------------------------------------------------
    def _allowed(self) -> set[str]:
        return {self.embedding_name} | set((self.by_language or {}).values())

    def model(self, name: str) -> Embeddings:
        """The embedding model called `name` (loaded once per process)."""
        with self._loading:
            if name not in self._models:
                self._models[name] = make_embeddings(name)
            return self._models[name]

    def embedding_for(self, user: str, pieces: Sequence[MemoryPiece] = ()) -> str:
        """The embedding a user's memory is written and searched with: the one their memory
        was made with, else (a user with none yet) the one for the language of `pieces`."""
        col = self._collection(user, create=False)
        if col is not None:
            return self._made_with(col)
        return self._embedding_for_language(pieces)

    def _embedding_for_language(self, pieces: Sequence[MemoryPiece]) -> str:
        if not self.by_language or not pieces:
            return self.embedding_name
        language = detect(" ".join(p.said for p in pieces[:20]))
        return self.by_language.get(language, self.embedding_name)

    def embeddings_of(self, user: str) -> Embeddings:
        """The model that reads queries to `user`'s memory."""
        return self.model(self.embedding_for(user))

    def _made_with(self, col: Collection) -> str:
        return (col.metadata or {}).get("embedding") or self.embedding_name

    # -- collections ------------------------------------------------------------------------
    def collection(self, user: str) -> Collection | None:
        """The user's Chroma collection, for tools that query it directly (the benchmarks'
        baselines); None if the user has no memory."""
        return self._collection(user, create=False)

    def _new_collection(self, name: str, user: str, embedding: str, create: bool = False
                        ) -> Collection:
        """A user's collection (`create`: it must not exist yet), as every one is made."""
        make = self.client.create_collection if create else self.client.get_or_create_collection
        return make(name, embedding_function=ChromaEmbeddingFunction(self.model(embedding),
                                                                     embedding),
                    configuration=cosine(),
                    metadata={"user": user, "embedding": embedding, SENTENCE_VECTORS: True})

    def _collection(self, user: str, create: bool, embedding: str | None = None
                    ) -> Collection | None:
        """The user's collection; `create` makes it, embedded with `embedding` (default: the
        store's), if it is missing."""
        name = collection_name(user)
        col = self._collections.get(name)
        if col is not None:
            return col
        try:
            if create:
                col = self._new_collection(name, user, embedding or self.embedding_name)
            else:
                col = self.client.get_collection(name, embedding_function=self._ef)
        except NotFoundError:
            return None
        except ValueError as e:  # chroma reports a conflicting embedding function this way
            raise StoreError(f"memory of {user!r} was written with another embedding model: {e}")
        made_with = (col.metadata or {}).get("embedding")
        if made_with and made_with not in self._allowed():
            raise StoreError(f"memory of {user!r} was embedded with {made_with!r}, not "
                             f"{self.embedding_name!r}; open the store with that embedding model, "
                             f"or re-embed it: python -m app memory reembed")
        self._collections[name] = col
        return col

    def _shared(self, name: str) -> Collection:
        """A collection of the whole store (profiles, tombstones): fetched by id, never by
        similarity, so its vectors are one constant, recorded as `vector_length` 1."""
        col = self._collections.get(name)
        if col is None:
            # get_or_create leaves an existing collection's metadata as it is.
            col = self.client.get_or_create_collection(
                name, embedding_function=self._ef, configuration=cosine(),
                metadata={"vector_length": 1})
            self._collections[name] = col
        return col

    def _profiles(self) -> Collection:
        return self._shared(PROFILES)

    def _tombstones(self) -> Collection:
        return self._shared(DELETED)

    def _constant_vector(self) -> list[float]:
        # A profile's vector. Stores made before `vector_length` was recorded gave profiles the
        # embedding model's length, read back from a stored profile (never from a collection
        # still being created: on a server, reading vectors that another process is first
        # writing fails).
        if self._dim is None:
            col = self._profiles()
            self._dim = (col.metadata or {}).get("vector_length")
            if self._dim is None:
                got = col.get(limit=1, include=["embeddings"])["embeddings"]
                self._dim = len(got[0]) if got is not None and len(got) else 1
        return [1.0] + [0.0] * (self._dim - 1)

    # -- encoding -----------------------------------------------------------------------------
    def _encode(self, pieces: Sequence[MemoryPiece], embedding: str | None = None
                ) -> tuple[list[list[float]], list[str]]:
        """Each piece's vector (a two-model embedding reads the user's words apart) and its
        packed sentence vectors (`memory.sentences`), with `embedding` (default: the store's)."""
        if not pieces:
            return [], []
        e, said = self.model(embedding or self.embedding_name), [p.said for p in pieces]
        every = [sentences.split(t, None) for t in said]
        split = [parts[:sentences.MAX_SENTENCES] for parts in every]
        todo = [i for i, parts in enumerate(split) if len(parts) > 1]
        flat = [s for i in todo for s in split[i]]
        if isinstance(e, DualEmbeddings):
            # The said half of a turn of several sentences is the mean of its sentence vectors,
            # not a second pass over the same words (e5's work was most of an import's time,
            # BENCHMARKS.md). Read whole: a one-sentence turn, and one whose sentences past
            # `MAX_SENTENCES` the kept vectors leave out.
            read = [i for i in range(len(pieces))
                    if len(split[i]) == 1 or len(every[i]) > len(split[i])]
            wholes, rows = side_by_side(
                lambda: e.whole.embed_documents([p.text for p in pieces]),
                lambda: iter(e.said.embed_documents([said[i] for i in read] + flat)))
            said_vecs = {i: next(rows) for i in read}
            per_piece = {i: [next(rows) for _ in split[i]] for i in todo}
            for i in todo:
                said_vecs.setdefault(i, np.mean(per_piece[i], axis=0).tolist())
            vectors = [e.join(a, said_vecs[i]) for i, a in enumerate(wholes)]
            packed = [sentences.pack(per_piece.get(i, [said_vecs[i]]))
                      for i in range(len(pieces))]
            return vectors, packed
        vectors = e.embed_documents([p.text for p in pieces])
        rows = iter(e.embed_documents([s for parts in split for s in parts]))
        packed = [sentences.pack([next(rows) for _ in parts]) for parts in split]
        return vectors, packed

    def encode(self, pieces: Sequence[MemoryPiece]) -> tuple[list[list[float]], list[str]]:
        """The vectors `put` would write for these pieces (one user's, or a new user's): each
        piece's vector and its packed sentence vectors."""
        return self._encode(pieces, self.embedding_for(pieces[0].user, pieces) if pieces else None)
