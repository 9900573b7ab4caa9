"""EbbinghausRetriever: recall ranked by relevance and retention, reinforcing what it returns."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from memory.forgetting import ForgettingCurve
from memory.lexical import bm25_scores
from memory.query import read_query, tells_change
from memory.records import MemoryPiece
from memory.store import MemoryStore


class EbbinghausRetriever(BaseRetriever):
    """One user's memory as a LangChain retriever.

    Candidates are the nearest pieces to the query (its date words taken out) plus every piece
    from a day the query names. Each is scored

        relevance + lexical_weight * BM25 - retention_weight * (1 - R)
        + date_boost if from a named day (at 1, those days come first)
        + for a question about now: change_boost if it tells of a change, recency_weight * how
          late it is among the candidates.

    Relevance is the cosine similarity rescaled to [0, 1] over the candidates, and BM25 is
    divided by its maximum: models differ in their range (e5 packs everything into 0.8-0.95,
    MiniLM spreads over 0-0.8), so the weights mean the same for every model. The weights were
    chosen on the project's evaluation sets (EVALUATION.md). Turns the curve has forgotten are
    never returned, even before `MemoryStore.fade` deletes them; summaries never fade (R = 1).
    Each returned piece is reinforced in the store. Document metadata: id, date, kind,
    similarity, retention (as of `today`, before this recall), strength (after it), score, and
    for a turn its query and response.
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
    lexical_weight: float = 0.3
    change_boost: float = 0.3
    recency_weight: float = 0.1
    candidates: int = 40  # nearest neighbours fetched before re-ranking
    reinforce: bool = True

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.recall(query)

    def recall(self, query: str, today: date | None = None, k: int | None = None) -> list[Document]:
        today = today or self.today or self.clock()
        k = self.k if k is None else k
        asked = read_query(query, today)
        q = np.asarray(self.store.embeddings.embed_query(asked.to_embed), dtype=np.float32)
        q /= np.linalg.norm(q) or 1.0

        found: dict[str, tuple[MemoryPiece, float]] = {
            p.id: (p, sim) for p, sim in self.store.similar(self.user_id, q.tolist(),
                                                            max(self.candidates, 4 * k))}
        named: set[str] = set()
        for span in asked.spans:
            for p, emb in self.store.on_days(self.user_id, span.start, span.end):
                e = np.asarray(emb, dtype=np.float32)
                found[p.id] = (p, float(e @ q / (np.linalg.norm(e) or 1.0)))
                named.add(p.id)

        sims = [sim for _, sim in found.values()]
        low, span = min(sims, default=0.0), (max(sims, default=0.0) - min(sims, default=0.0)) or 1.0
        words = dict(zip(found, bm25_scores(query, [p.text for p, _ in found.values()])
                         if self.lexical_weight else [0.0] * len(found)))
        top_words = max(words.values(), default=0.0) or 1.0
        if asked.about_now:
            days = [p.day.toordinal() for p, _ in found.values()]
            first = min(days, default=0)
            days_span = (max(days, default=0) - first) or 1
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
            score = (relevance + self.lexical_weight * words[pid] / top_words
                     - self.retention_weight * (1 - r))
            if pid in named:
                score += self.date_boost
            if asked.about_now:
                score += self.recency_weight * (p.day.toordinal() - first) / days_span
                if p.kind == "turn" and tells_change(p.said):
                    score += self.change_boost
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
