"""EbbinghausRetriever: recall ranked by relevance and retention, reinforcing what it returns."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from memory.dates import find_dates
from memory.forgetting import ForgettingCurve
from memory.records import MemoryPiece
from memory.store import MemoryStore


class EbbinghausRetriever(BaseRetriever):
    """One user's memory as a LangChain retriever.

    score = relevance - retention_weight * (1 - R), + date_boost for a piece from a day the query
    names (at 1, those days come first). Relevance is the cosine similarity rescaled to [0, 1]
    over the candidates: models differ in their range (e5 packs everything into 0.8-0.95,
    MiniLM spreads over 0-0.8), so the weights mean the same for every model. Turns the curve
    has forgotten are never returned, even before `MemoryStore.fade` deletes them; summaries
    never fade (R = 1). Each returned piece is reinforced in the store. Document metadata: id,
    date, kind, similarity, retention (as of `today`, before this recall), strength (after it),
    score, and for a turn its query and response.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: MemoryStore
    user_id: str
    k: int = 3
    curve: ForgettingCurve = Field(default_factory=ForgettingCurve)
    today: date | None = None  # fixed "today"; None asks `clock` on every call
    clock: Callable[[], date] = date.today
    retention_weight: float = 0.15
    date_boost: float = 1.0
    candidates: int = 20  # nearest neighbours fetched before re-ranking
    reinforce: bool = True

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.recall(query)

    def recall(self, query: str, today: date | None = None, k: int | None = None) -> list[Document]:
        today = today or self.today or self.clock()
        k = self.k if k is None else k
        q = np.asarray(self.store.embeddings.embed_query(query), dtype=np.float32)
        q /= np.linalg.norm(q) or 1.0

        found: dict[str, tuple[MemoryPiece, float]] = {
            p.id: (p, sim) for p, sim in self.store.similar(self.user_id, q.tolist(),
                                                            max(self.candidates, 4 * k))}
        named: set[str] = set()
        for span in find_dates(query, today):
            for p, emb in self.store.on_days(self.user_id, span.start, span.end):
                e = np.asarray(emb, dtype=np.float32)
                found[p.id] = (p, float(e @ q / (np.linalg.norm(e) or 1.0)))
                named.add(p.id)

        sims = [sim for _, sim in found.values()]
        low, span = min(sims, default=0.0), (max(sims, default=0.0) - min(sims, default=0.0)) or 1.0
        ranked = []
        for pid, (p, sim) in found.items():
            last = date.fromisoformat(p.last_recall_date)
            if p.kind == "turn":
                if self.curve.forgets(p.id, last, p.strength, today):
                    continue
                r = self.curve.retention(last, p.strength, today)
            else:
                r = 1.0
            relevance = (sim - low) / span
            score = relevance - self.retention_weight * (1 - r)
            if pid in named:
                score += self.date_boost
            ranked.append((score, p, sim, r))
        ranked.sort(key=lambda x: (-x[0], x[1].date, x[1].index))
        top = ranked[:k]

        strength = {p.id: p.strength for _, p, _, _ in top}
        if self.reinforce and top:
            strength = {p.id: p.strength for p in
                        self.store.reinforce(self.user_id, strength, today)}
        return [Document(page_content=p.text, id=p.id, metadata={
            "id": p.id, "date": p.date, "kind": p.kind, "similarity": round(sim, 4),
            "retention": round(r, 4), "strength": strength.get(p.id, p.strength),
            "score": round(score, 4), **_parts(p)}) for score, p, sim, r in top]


def _parts(p: MemoryPiece) -> dict:
    # A turn's two sides, so that a prompt can say who said what.
    return {"query": p.query, "response": p.response} if p.kind == "turn" else {}
