"""Builds the memory objects from settings: the one place that knows both sides."""
from __future__ import annotations

from memory.forgetting import ForgettingCurve
from memory.langgraph_store import MemoryBankStore
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore
from memory.weights import RecallWeights

from app.settings import Settings


def open_store(s: Settings) -> MemoryStore:
    return MemoryStore.open(s.data_dir, host=s.chroma_host, port=s.chroma_port,
                            embedding=s.embedding, language=s.language)


def forgetting_curve(s: Settings) -> ForgettingCurve:
    return ForgettingCurve(tau=s.forget_tau, threshold=s.forget_threshold, mode=s.forget_mode,
                           seed=s.forget_seed)


def recall_weights(s: Settings) -> RecallWeights:
    """The retriever's ranking weights from settings (for the CLI's search and the graph)."""
    return RecallWeights.model_validate(s.model_dump(include=set(RecallWeights.model_fields)))


def make_retriever(s: Settings, store: MemoryStore, user: str, **overrides) -> EbbinghausRetriever:
    args = dict(store=store, user_id=user, k=s.recall_k, curve=forgetting_curve(s),
                weights=recall_weights(s))
    return EbbinghausRetriever(**(args | overrides))


def make_langgraph_store(s: Settings, store: MemoryStore | None = None) -> MemoryBankStore:
    """The MemoryBank as a LangGraph `BaseStore`, recalling with the settings' curve and
    weights (`memory.langgraph_store`)."""
    store = store or open_store(s)
    return MemoryBankStore(store, recaller=lambda user, k: make_retriever(s, store, user, k=k))
