"""Recall on gold-labelled memory banks (`app.evaluation.gold`): our Ebbinghaus retriever
against plain dense search, the original MemoryBank recipe and LangChain's time-weighted
retriever; and what open questions about a time ("What have I been up to lately?") recall.

An unanswerable question counts in `questions` and latency, not in hit@k or recall@k; for those,
`recalled_nothing` is the share that recalled nothing (a relevance floor at work; `foreign` adds
other users' questions as such, `gold.foreign_questions`). Recall does not reinforce here, so that
results do not depend on question order.
"""
from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from memory.embeddings import SINGLE_BY_LANGUAGE, ChromaEmbeddingFunction
from memory.retriever import EbbinghausRetriever
from memory.seed_format import UserBank, import_banks, read_bank
from memory.store import MemoryStore
from memory.store.chroma import cosine
from prompts.companion import COMPANION

from app.evaluation.gold import EvalDataError, Gold, ask_before, check_evidence, \
    default_today, foreign_questions, name_when, percentile, read_gold

METHODS = ("ours", "dense", "original", "time-weighted")
Hit = tuple[str, int | None]  # (date, turn index); None for a day's summary


# -- methods: each returns the top-k (date, index) of a question ----------------------------------
Search = Callable[[str, str, date, int], list[Hit]]


def _turn_keys(store: MemoryStore, users: list[str]) -> dict[str, Hit]:
    return {p.id: (p.date, p.index if p.kind == "turn" else None)
            for u in users for p in store.pieces(u)}


def ours(store: MemoryStore, banks: list[UserBank], **weights: float) -> Search:
    """Our retriever; `weights` override its ranking weights (benchmarks/recall_parts.py)."""
    keys = _turn_keys(store, [b.profile.user for b in banks])

    def search(user: str, question: str, today: date, k: int) -> list[Hit]:
        docs = EbbinghausRetriever(store=store, user_id=user, k=k, today=today,
                                   reinforce=False, **weights).recall(question)
        return [keys[d.metadata["id"]] for d in docs]
    return search


def dense(store: MemoryStore, banks: list[UserBank]) -> Search:
    def search(user: str, question: str, today: date, k: int) -> list[Hit]:
        found = store.nearest(user, store.embeddings_of(user).embed_query(question), k)
        return [(m.piece.date, m.piece.index if m.piece.kind == "turn" else None) for m in found]
    return search


def original(store: MemoryStore, banks: list[UserBank]) -> Search:
    """The MemoryBank code's recipe: one document per turn, prefixed with its date and speaker
    tags, dense top-k over that user's documents (here in a Chroma collection of its own)."""
    cols = {}
    for b in banks:
        user = b.profile.user
        col = store.client.create_collection(
            "sf_eval_orig_" + hashlib.sha256(user.encode()).hexdigest()[:32],
            embedding_function=ChromaEmbeddingFunction(store.embeddings, store.embedding_name),
            configuration=cosine())
        turns = [p for p in b.pieces if p.kind == "turn"]
        for i in range(0, len(turns), 256):
            chunk = turns[i:i + 256]
            col.add(ids=[p.id for p in chunk],
                    documents=[f"Conversation content on {p.date}:[|User|]: {p.query}; "
                               f"[|AI|]: {p.response}" for p in chunk],
                    metadatas=[{"date": p.date, "index": p.index} for p in chunk])
        cols[user] = col

    def search(user: str, question: str, today: date, k: int) -> list[Hit]:
        got = cols[user].query(query_embeddings=[store.embeddings.embed_query(question)],
                               n_results=k, include=["metadatas"])
        return [(m["date"], m["index"]) for m in got["metadatas"][0]]
    return search


def time_weighted(store: MemoryStore, banks: list[UserBank]) -> Search:
    """LangChain's TimeWeightedVectorStoreRetriever (default decay 0.01 an hour), each turn
    created and last accessed on its day, the clock set to `today`."""
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import TimeWeightedVectorStoreRetriever
    from langchain_core.documents import Document
    from langchain_core.utils.utils import mock_now

    retrievers = {}
    for b in banks:
        user = b.profile.user
        name = "sf_eval_tw_" + hashlib.sha256(user.encode()).hexdigest()[:32]
        vs = Chroma(client=store.client, collection_name=name, embedding_function=store.embeddings,
                    collection_configuration=cosine())
        turns = [p for p in b.pieces if p.kind == "turn"]
        stream = [Document(p.text, metadata={
            "buffer_idx": i, "date": p.date, "index": p.index,
            "created_at": datetime.fromisoformat(p.date),
            "last_accessed_at": datetime.fromisoformat(p.date)}) for i, p in enumerate(turns)]
        # Chroma keeps no datetimes: the vector store gets the plain fields, the stream all.
        vs.add_documents([Document(d.page_content, metadata={
            k: d.metadata[k] for k in ("buffer_idx", "date", "index")}) for d in stream])
        retrievers[user] = TimeWeightedVectorStoreRetriever(vectorstore=vs, memory_stream=stream,
                                                            search_kwargs={"k": 20})

    def search(user: str, question: str, today: date, k: int) -> list[Hit]:
        r = retrievers[user]
        r.k = k
        with mock_now(datetime.combine(today, datetime.min.time())):
            docs = r.invoke(question)
        return [(d.metadata["date"], d.metadata["index"]) for d in docs]
    return search


BUILDERS = {"ours": ours, "dense": dense, "original": original, "time-weighted": time_weighted}


# -- scoring ------------------------------------------------------------------------------------
def _score(got: list[Hit], evidence: set[tuple[str, int]], k: int) -> tuple[bool, float]:
    top = got[:k]
    found = {e for e in evidence if e in top or (e[0], None) in top}  # a summary covers its day
    return bool(found), len(found) / len(evidence)


def evaluate_methods(bank_path: str | Path, gold_path: str | Path,
                     methods: tuple[str, ...] = METHODS, ks: tuple[int, ...] = (1, 2, 3, 5, 10),
                     today: date | None = None, embedding: str = "auto", language: str = "en",
                     progress: Callable[[int], None] | None = None, foreign: int = 0,
                     asked_before: str | None = None, when: str | None = None
                     ) -> dict[str, dict]:
    """Imports the bank once into a fresh store and runs each method on every question, and on
    `foreign` questions per user drawn from the other users (`gold.foreign_questions`).
    `asked_before` ("declined" or "unmarked"): each question was asked once before and the
    companion said it had not been told (`gold.ask_before`). `when` ("month" or "week"): the
    questions whose evidence lies in one month or week, that time named (`gold.name_when`)."""
    unknown = [m for m in methods if m not in BUILDERS]
    if unknown:
        raise EvalDataError(f"unknown method {unknown[0]!r}; one of {', '.join(METHODS)}")
    banks, golds = read_bank(bank_path), read_gold(gold_path)
    problems = check_evidence(banks, golds)
    if problems:
        raise EvalDataError(f"{len(problems)} gold problems, first: " + "; ".join(problems[:3]))
    golds += foreign_questions(golds, foreign)
    todays = {b.profile.user: today or default_today(b) for b in banks}
    if when:
        golds = name_when(golds, todays, when, language)
    if asked_before:
        ask_before(banks, golds, todays, f"{COMPANION[language]['not_told']}.", asked_before)
    # The baselines get plain vectors of the best single model for the language (what a peer
    # would use), not our two-model vectors; with a named model, every method gets that one.
    plain = SINGLE_BY_LANGUAGE.get(language, "e5") if embedding == "auto" else embedding
    with tempfile.TemporaryDirectory(prefix="sf-eval-") as tmp:
        stores: dict[str, MemoryStore] = {}

        def store_for(method: str) -> MemoryStore:
            name = embedding if method == "ours" else plain
            if name not in stores:
                stores[name] = MemoryStore.open(Path(tmp) / str(len(stores)), embedding=name,
                                                language=language)
                import_banks(stores[name], banks)
            return stores[name]

        return {m: score_search(m, BUILDERS[m](store_for(m), banks), golds, todays, ks, progress)
                for m in methods}


def score_search(method: str, search: Search, golds: list[Gold], todays: dict[str, date],
                 ks: tuple[int, ...], progress: Callable[[int], None] | None) -> dict:
    """One method's hit@k and recall@k, overall and by type, its latency, and each answerable
    question's first hit."""
    kmax = max(ks)
    hits: dict[str, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    recalls: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[str, int] = defaultdict(int)
    empty: dict[str, list[bool]] = defaultdict(list)  # unanswerable: recalled nothing?
    latency, per_question = [], []
    for g in golds:
        t = time.perf_counter()
        got = search(g.user, g.question, todays[g.user], kmax)
        latency.append(1000 * (time.perf_counter() - t))
        counts[g.type] += 1
        if not g.evidence:
            for group in ("all", g.type):
                empty[group].append(not got)
        else:
            for k in ks:
                hit, rec = _score(got, set(g.evidence), k)
                for group in ("all", g.type):
                    hits[group][k].append(hit)
                    recalls[group][k].append(rec)
            first = next((r for r in range(1, len(got) + 1)
                          if _score(got, set(g.evidence), r)[0]), None)
            per_question.append({"qid": g.qid, "type": g.type, "question": g.question,
                                 "answer": g.answer, "first_hit_rank": first,
                                 "retrieved": [list(x) for x in got]})
        if progress:
            progress(1)

    def table(group: str) -> dict:
        return {"hit@k": {str(k): round(statistics.fmean(hits[group][k]), 4)
                          for k in ks if hits[group][k]},
                "recall@k": {str(k): round(statistics.fmean(recalls[group][k]), 4)
                             for k in ks if recalls[group][k]},
                **({"recalled_nothing": round(statistics.fmean(empty[group]), 4)}
                   if empty[group] else {})}

    return {"method": method, "questions": len(golds), "answerable": len(per_question),
            **table("all"),
            "by_type": {t: {"questions": n, **table(t)} for t, n in sorted(counts.items())},
            "latency_ms": {"p50": round(statistics.median(latency), 2),
                           "p95": round(percentile(latency, 95), 2)},
            "per_question": per_question}


# -- open questions about a time ----------------------------------------------------------------
OPEN_QUESTIONS = {"en": ("What have I been up to lately?", "What did I do recently?",
                         "What happened the other day?"),
                  "cn": ("我最近在忙些什么？", "我最近做了什么？", "前几天发生了什么？")}


def event_texts(content_dir: str | Path) -> set[str]:
    """The user's words of every event in a life-like set's content files (`eval_data/content/
    <set>/*.json`): the generator's own record of what happened, as opposed to its filler."""
    texts = set()
    for f in sorted(Path(content_dir).glob("*.json")):
        for user in json.loads(f.read_text(encoding="utf-8"))["users"]:
            texts.update(" ".join(e["user"].split()) for e in user["events"])
    return texts


def evaluate_open(bank_path: str | Path, content_dir: str | Path, embedding: str = "auto",
                  language: str = "en", users: int | None = None, k: int = 3,
                  progress: Callable[[int], None] | None = None) -> dict:
    """Open questions about a time ("What have I been up to lately?"), asked by each user of a
    life-like set on their default today: of the k pieces recalled, the share that are events
    (not filler) and the share from the last 30 days, with and without the retriever's reading
    of open questions (`EbbinghausRetriever.open_questions`)."""
    banks, events = read_bank(bank_path)[:users], event_texts(content_dir)
    if not events:
        raise EvalDataError(f"{content_dir}: no events in its content files")
    found: dict[str, list[tuple[bool, int]]] = {"ours": [], "by_similarity": []}
    with tempfile.TemporaryDirectory(prefix="sf-eval-open-") as tmp:
        store = MemoryStore.open(tmp, embedding=embedding, language=language)
        import_banks(store, banks)
        for b in banks:
            today = default_today(b)
            for question in OPEN_QUESTIONS[language]:
                for method, reads_open in (("ours", True), ("by_similarity", False)):
                    docs = EbbinghausRetriever(store=store, user_id=b.profile.user, k=k,
                                               today=today, reinforce=False,
                                               open_questions=reads_open).recall(question)
                    found[method] += [(" ".join(d.metadata.get("query", "").split()) in events,
                                       (today - date.fromisoformat(d.metadata["date"])).days)
                                      for d in docs]
                if progress:
                    progress(1)
    return {"users": len(banks), "questions": list(OPEN_QUESTIONS[language]), "k": k, **{
        method: {"pieces": len(got),
                 "events": round(statistics.fmean(e for e, _ in got), 3) if got else None,
                 "last_30_days": round(statistics.fmean(a <= 30 for _, a in got), 3) if got else None,
                 "age_days_p50": statistics.median(a for _, a in got) if got else None}
        for method, got in found.items()}}
