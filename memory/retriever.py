"""EbbinghausRetriever: recall ranked by relevance and retention, reinforcing what it returns."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field, model_validator

from memory import lexical, sentences
from memory.embeddings import DualEmbeddings
from memory.forgetting import ForgettingCurve
from memory.language import detect
from memory.query import Query, read_query
from memory.records import MemoryPiece
from memory.store import Match, MemoryStore
from memory.weights import RELEVANCE_FLOORS, RecallWeights


class EbbinghausRetriever(BaseRetriever):
    """One user's memory as a LangChain retriever.

    Candidates are the nearest pieces to the query (its date words taken out) plus every piece
    from the days the query names (of a span holding more than `span_candidates`, "last week" of
    a talkative user, "in March", the nearest that many). Each is scored

        relevance + lexical_weight * BM25 - retention_weight * (1 - R)
        + telling_weight * how much it tells (`_telling`, divided by the candidates' maximum)
        + date_boost if from a named day (at 1, those days come first)
        + hint_boost if inside the window of a vague time word ("recently", "前几天")
        + for a question about now: recency_weight * how late it is among the candidates, and
          supersede_weight if it supersedes another of the best few (`_supersedes`).

    Similarity mixes three cosines: of the whole exchange (the first model of a two-model
    embedding), of the user's words, and of the user's best-matching sentence (`whole_weight`,
    `said_weight`, `sentence_weight`); with one model the first two are the same. Relevance is
    that similarity rescaled to [0, 1] over the candidates, and BM25 (of the query without its
    date words) is divided by its maximum:
    models differ in their range (e5 packs everything into 0.8-0.95, MiniLM spreads over 0-0.8),
    so the weights mean the same for every model. A piece whose similarity is below the
    relevance floor (`floor`) is not recalled unless its day is named, so that a question about
    nothing in memory recalls nothing. The weights and floors were
    chosen on the project's development sets (EVALUATION.md). A turn the curve has forgotten
    gives way to its day's summary where that summary holds it (as `MemoryStore.fade` deletes
    only such turns), and is otherwise kept, ranked down by its retention; summaries never fade.
    Questions for something the user had told (`MemoryPiece.asked`) are left out; turns whose
    words are in `shown` (the conversation on screen) only when they are not among the k best,
    and they never take another memory's slot (`_slots`). An open question
    about a time ("what have I been up to lately?") is answered by what happened in its days
    instead (`_lately`).
    Each returned piece is reinforced in the store, by a background writer (`MemoryStore.flush`
    waits for it). Document metadata: id, date, kind,
    similarity, retention (as of `today`, before this recall), strength (after it), score, and
    for a turn its query and response, and `focus` (its best-matching sentence, see `_parts`).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    store: MemoryStore
    user_id: str
    k: int = 3
    curve: ForgettingCurve = Field(default_factory=ForgettingCurve)
    today: date | None = None  # fixed "today"; None asks `clock` on every call
    clock: Callable[[], date] = date.today
    weights: RecallWeights = Field(default_factory=RecallWeights)
    candidates: int = 40  # nearest neighbours fetched before re-ranking
    hint_candidates: int = 10  # and the nearest inside a vague time word's window
    span_candidates: int = 40  # and the nearest of the days a question names
    usual_days: int = 30  # an open question's days are weighed against this many days' talk
    open_questions: bool = True  # False ranks an open question like any other (for comparison)
    reinforce: bool = True
    # The user's words of exchanges the caller already shows (a conversation's recent turns):
    # recalling them again would only take the place of an older memory.
    shown: frozenset[str] = frozenset()

    @model_validator(mode="before")
    @classmethod
    def _weights_by_name(cls, data):
        """`lexical_weight=0` and the like may be given by name: they go into `weights`."""
        if isinstance(data, dict) and (named := data.keys() & RecallWeights.model_fields):
            base = RecallWeights.model_validate(data.get("weights") or {})
            data = {k: v for k, v in data.items() if k not in named} | {
                "weights": RecallWeights(**(base.model_dump() | {k: data[k] for k in named}))}
        return data

    def _query(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The query as the whole-exchange model and the user's-words model read it (one
        object for both when the store has one model)."""
        emb = self.store.embeddings_of(self.user_id)
        if isinstance(emb, DualEmbeddings):
            return tuple(_unit(v) for v in emb.embed_query_halves(text))
        q = _unit(emb.embed_query(text))
        return q, q

    def _similarity(self, m: Match, whole: np.ndarray, said: np.ndarray
                    ) -> tuple[float, int | None]:
        """The piece's similarity to the query (the weighted mean of its cosines, so that it
        reads as a cosine whatever the weights, as the relevance floor needs), and which of the
        user's sentences matched best (None when the piece has no sentence vectors)."""
        return self._similarities([m], whole, said)[0]

    def _similarities(self, ms: list[Match], whole: np.ndarray, said: np.ndarray
                      ) -> list[tuple[float, int | None]]:
        """`_similarity` of each of `ms`, computed for all of them at once."""
        if not ms:
            return []
        v = np.stack([np.asarray(m.vector, dtype=np.float32) for m in ms])
        if whole is said:
            c_whole = c_said = _unit_rows(v) @ said
        else:  # the stored vector is [whole half, said half], each scaled to 1/sqrt(2)
            c_whole = _unit_rows(v[:, :len(whole)]) @ whole
            c_said = _unit_rows(v[:, len(whole):]) @ said
        rows = [sentences.unpack(m.sentences, len(said)) for m in ms]
        best, focus = c_said.copy(), [None] * len(ms)
        if have := [i for i, r in enumerate(rows) if r is not None]:
            sims = np.concatenate([rows[i] for i in have]) @ said
            at = 0
            for i in have:  # each piece's best sentence
                part = sims[at:at + len(rows[i])]
                at += len(rows[i])
                focus[i] = int(part.argmax())
                best[i] = part[focus[i]]
        w = self.weights
        mixed = ((w.whole_weight * c_whole + w.said_weight * c_said + w.sentence_weight * best)
                 / ((w.whole_weight + w.said_weight + w.sentence_weight) or 1.0))
        return [(float(x), f) for x, f in zip(mixed, focus)]

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return self.recall(query)

    def recall(self, query: str, today: date | None = None, k: int | None = None) -> list[Document]:
        today = today or self.today or self.clock()
        k = self.k if k is None else k
        asked = read_query(query, today)
        whole, said = self._query(asked.to_embed)
        # Candidates come from the two halves weighed equally, as stored: the whole exchange
        # brings in pieces that the user's words miss.
        search = (np.concatenate([whole, said]) if whole is not said else said).tolist()
        room = k + len(self.shown)  # the conversation's own turns take no other memory's place
        if self.open_questions and asked.recap:
            top, focus = self._lately(asked, today, whole, said, room), {}
        else:
            top, focus = self._rank(asked, today, whole, said, search, room)
        top = self._slots(top, k)

        strength = {p.id: p.strength for _, p, _, _ in top}
        if self.reinforce and top:
            # Written in the background; the strength reported is this recall's own view of it.
            self.store.reinforce_soon(self.user_id, strength, today)
            strength = {pid: s + 1 for pid, s in strength.items()}
        return [Document(page_content=p.text, id=p.id, metadata={
            "id": p.id, "date": p.date, "kind": p.kind, "similarity": round(sim, 4),
            "retention": round(r, 4), "strength": strength.get(p.id, p.strength),
            "score": round(score, 4), **_parts(p, focus.get(p.id))}) for score, p, sim, r in top]

    def _rank(self, asked: Query, today: date, whole: np.ndarray, said: np.ndarray,
              search: list[float], k: int) -> tuple[list[tuple], dict[str, int]]:
        """The k best (score, piece, similarity, retention) for a question about something, and
        each turn's best-matching sentence."""
        matches = self.store.nearest(self.user_id, search, max(self.candidates, 4 * k))
        for hint in asked.hints:  # what "recently" may mean, though older pieces are nearer
            matches += self.store.nearest(self.user_id, search, self.hint_candidates,
                                          within=(hint.start, hint.end))
        for span in asked.spans:  # a named day's pieces; of a longer span, the nearest as many
            matches += self.store.nearest_on_days(self.user_id, search,
                                                  max(self.span_candidates, 4 * k),
                                                  span.start, span.end)
        named = {m.piece.id for m in matches
                 if any(s.start <= m.piece.day <= s.end for s in asked.spans)}
        kept = [m for m in matches if not self._left_out(m.piece)]
        scored = {m.piece.id: (m.piece, *sim)
                  for m, sim in zip(kept, self._similarities(kept, whole, said))}
        found: dict[str, tuple[MemoryPiece, float]] = {
            pid: (p, sim) for pid, (p, sim, _) in scored.items()}
        focus = {pid: f for pid, (_, _, f) in scored.items() if f is not None}
        self._fade_into_summaries(found, today, whole, said)

        sims = [sim for _, sim in found.values()]
        low, span = min(sims, default=0.0), (max(sims, default=0.0) - min(sims, default=0.0)) or 1.0
        words = dict(zip(found, lexical.bm25_scores(asked.to_embed, [p.text for p, _ in found.values()])
                         if self.weights.lexical_weight else [0.0] * len(found)))
        top_words = max(words.values(), default=0.0) or 1.0
        lateness = _lateness([p for p, _ in found.values()]) if asked.about_now else {}
        # A statement of what happened or changed ("part-exchanged the Corsa for an Octavia")
        # tells more than talk around the topic ("stuck in traffic in this car again").
        telling = {}
        if self.weights.telling_weight:
            by_id = {m.piece.id: m for m in matches if m.piece.id in found}
            rare = self._telling(by_id)
            most = max(rare.values(), default=0.0) or 1.0
            telling = {pid: v / most for pid, v in rare.items()}
        ranked = []
        for pid, (p, sim) in found.items():
            r = self.curve.retention(p.recalled_on, p.strength, today) if p.kind == "turn" else 1.0
            relevance = (sim - low) / span
            score = (relevance + self.weights.lexical_weight * words[pid] / top_words
                     - self.weights.retention_weight * (1 - r))
            score += self.weights.telling_weight * telling.get(pid, 0.0)
            if pid in named:
                score += self.weights.date_boost
            if any(h.start <= p.day <= h.end for h in asked.hints):
                score += self.weights.hint_boost
            if asked.about_now:
                score += self.weights.recency_weight * lateness[pid]
            ranked.append((score, p, sim, r))
        ranked.sort(key=lambda x: (-x[0], x[1].date, x[1].index))
        if asked.about_now and self.weights.supersede_weight:
            later = self._supersedes(ranked, {m.piece.id: m.vector for m in matches},
                                     None if whole is said else len(whole))
            ranked = sorted(((s + self.weights.supersede_weight * (p.id in later), p, sim, r)
                             for s, p, sim, r in ranked),
                            key=lambda x: (-x[0], x[1].date, x[1].index))
        # After ranking, so that what is kept ranks as it would with no floor.
        floor = self.floor(asked.to_embed)
        return [x for x in ranked if x[2] >= floor or x[1].id in named][:k], focus

    def _left_out(self, p: MemoryPiece) -> bool:
        """A question for something the user had told (`MemoryPiece.asked`): asked again, it
        would come first, its old reply ("you haven't told me", or a wrong answer) before the
        turn that tells."""
        return p.kind == "turn" and p.asked

    def _on_screen(self, p: MemoryPiece) -> bool:
        return p.kind == "turn" and p.query.strip() in self.shown

    def _slots(self, top: list[tuple], k: int) -> list[tuple]:
        """Of `top` (ranked), the k best not on screen (`shown`), and those on screen that rank
        among the k best of all, in their order: a turn of this conversation is recalled when
        the question is about it (its answer said three messages ago is then in the memories,
        where the model looks, and "nothing recalled" means nothing told), and never takes an
        older memory's place."""
        keep = {x[1].id for x in [x for x in top if not self._on_screen(x[1])][:k]}
        keep |= {x[1].id for x in top[:k] if self._on_screen(x[1])}
        return [x for x in top if x[1].id in keep]

    def floor(self, question: str) -> float:
        """The similarity below which nothing is recalled for `question`: the setting, else the
        floor measured for this memory's embedding and the question's language, else 0."""
        if self.weights.relevance_floor is not None:
            return self.weights.relevance_floor
        return RELEVANCE_FLOORS.get((self.store.embedding_for(self.user_id), detect(question)),
                                    0.0)

    @staticmethod
    def _supersedes(ranked: list[tuple], vectors: dict[str, list[float]],
                    half: int | None) -> set[str]:
        """For a question about now: the turns among the best few that supersede another. A
        turn's closest neighbour among them is what it is about; if that neighbour is a later turn,
        it is the later word on the same thing ("my Tecno's screen is a spiderweb", then
        "spiderweb screen retired: a refurbished iPhone 13"). No word list: the development sets'
        lists of change words did not carry over to the blind sets (EVALUATION.md)."""
        head = [p for _, p, _, _ in ranked[:SUPERSEDE_AMONG]
                if p.kind == "turn" and p.id in vectors]
        if len(head) < 2:
            return set()
        rows = np.asarray([vectors[p.id] for p in head], dtype=np.float32)
        parts = [rows] if half is None else [rows[:, :half], rows[:, half:]]
        units = [u / np.maximum(np.linalg.norm(u, axis=1, keepdims=True), 1e-12) for u in parts]
        near = sum(u @ u.T for u in units) / len(units)  # both models' cosines, weighed alike
        np.fill_diagonal(near, -np.inf)
        return {head[j].id for i, j in enumerate(near.argmax(axis=1)) if head[j].day > head[i].day}

    def _lately(self, asked: Query, today: date, whole: np.ndarray, said: np.ndarray,
                k: int) -> list[tuple]:
        """An open question about a time ("what have I been up to lately?", "我昨天做了什么？")
        names nothing to be similar to: by similarity it recalls the turns as empty as itself
        ("I have a question today"). It gets what happened in the days it names (else in the
        window of its vague word) instead: each day told by its summary, else by its most telling
        turn (`_telling`), later days first, a piece of every day before a second of any."""
        spans = asked.spans or asked.hints
        start, end = min(s.start for s in spans), max(s.end for s in spans)
        # What is rare or unusual is judged against a month at least, so that one named day's
        # few turns are measured against the user's usual talk.
        around = {m.piece.id: m for m in self.store.on_days(
            self.user_id, min(start, end - timedelta(days=self.usual_days)), end)}
        found = {pid: m for pid, m in around.items()
                 if any(s.start <= m.piece.day <= s.end for s in spans)
                 and not self._left_out(m.piece)}
        summaries = {m.piece.date: m.piece for m in found.values() if m.piece.kind == "summary"}
        found = {pid: m for pid, m in found.items()  # a day's summary stands for what it holds
                 if not (m.piece.date in summaries and summaries[m.piece.date].holds(m.piece))}
        if not found:
            return []
        rare = self._telling(around)
        most = max(rare[pid] for pid in found) or 1.0
        telling = {pid: 1.0 if m.piece.kind == "summary" else rare[pid] / most
                   for pid, m in found.items()}
        lateness = _lateness([m.piece for m in found.values()])
        scored = []
        for pid, m in found.items():
            p = m.piece
            r = self.curve.retention(p.recalled_on, p.strength, today) if p.kind == "turn" else 1.0
            score = lateness[pid] + telling[pid] - self.weights.retention_weight * (1 - r)
            scored.append((score, p, r))
        scored.sort(key=lambda x: (-x[0], x[1].date, x[1].index))
        turn_of_day: Counter = Counter()
        order = []
        for score, p, r in scored:  # each day's best, then its second best, ...
            order.append((turn_of_day[p.date], score, p, r))
            turn_of_day[p.date] += 1
        order.sort(key=lambda x: (x[0], -x[1], x[2].date, x[2].index))
        return [(score, p, self._similarity(found[p.id], whole, said)[0], r)
                for _, score, p, r in order[:k]]

    def _telling(self, pieces: dict[str, Match]) -> dict[str, float]:
        """How much each turn tells of what happened: how far it lies from the mean of `pieces`
        (small talk and thanks are alike from day to day; what happened is not) times how rare
        the user's words are among them, per word (names, places, what was done; a long turn is
        not more telling for its length). On the development sets and the paper's banks the
        product picked events more often than either alone (EVALUATION.md)."""
        if not pieces:
            return {}
        words = {pid: lexical.token_set(m.piece.said) for pid, m in pieces.items()}
        seen = Counter(w for ws in words.values() for w in ws)
        vectors = {pid: _unit(m.vector) for pid, m in pieces.items()}
        centre = _unit(np.mean(list(vectors.values()), axis=0))
        apart = {pid: 1.0 - float(v @ centre) for pid, v in vectors.items()}
        least = min(apart.values())
        return {pid: (apart[pid] - least) * sum(
                    math.log((len(pieces) + 1) / (seen[w] + 0.5)) for w in ws) / max(len(ws), 8)
                for pid, ws in words.items()}

    def _fade_into_summaries(self, found: dict[str, tuple[MemoryPiece, float]], today: date,
                             whole: np.ndarray, said: np.ndarray) -> None:
        """Turns the curve has forgotten give way to their day's summary where it holds them;
        a forgotten turn that no summary holds stays (ranked down by its low retention)."""
        faded = [p for p, _ in found.values() if p.kind == "turn" and self.curve.forgets(
            p.id, p.recalled_on, p.strength, today)]
        if not faded:
            return
        held = self.store.summaries(self.user_id, (p.date for p in faded))
        for p in faded:
            summary = held.get(p.date)
            if summary is not None and summary.piece.holds(p):
                del found[p.id]
                if summary.piece.id not in found:
                    found[summary.piece.id] = (summary.piece,
                                               self._similarity(summary, whole, said)[0])


SUPERSEDE_AMONG = 5  # the best few a question about now looks for a later word among


def _lateness(pieces: list[MemoryPiece]) -> dict[str, float]:
    """How late each piece's day is among them: 0 the first day, 1 the last."""
    days = [p.day.toordinal() for p in pieces]
    first = min(days, default=0)
    span = (max(days, default=0) - first) or 1
    return {p.id: (d - first) / span for p, d in zip(pieces, days)}


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float32)
    return v / (np.linalg.norm(v) or 1.0)


def _unit_rows(v: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1.0, norms)


def _parts(p: MemoryPiece, focus: int | None) -> dict:
    """A turn's two sides, so that a prompt can say who said what, and `focus`: the index of the
    user's sentence (`sentences.split`) that matched the query best, so that a long turn can be
    shown around it."""
    if p.kind != "turn":
        return {}
    return {"query": p.query, "response": p.response,
            **({"focus": focus} if focus is not None else {})}
