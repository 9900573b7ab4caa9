"""Retrieval evaluation on gold-labelled memory banks: our Ebbinghaus retriever against plain
dense search, the original MemoryBank recipe and LangChain's time-weighted retriever.

Gold JSONL: {"user", "qid", "question", "answer", "evidence": [["YYYY-MM-DD", turn_index], ...],
"type", optional "keywords": [...]}; turn_index is the 0-based position in that day's history. A question with no evidence
is unanswerable: it counts in `questions` and latency, not in hit@k or recall@k. Each question is
asked as its user on `today` (default: four days after that user's last history day, as in the
paper). Recall does not reinforce here, so that results do not depend on question order.
"""
from __future__ import annotations

import hashlib
import json
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from memory.embeddings import SINGLE_BY_LANGUAGE, ChromaEmbeddingFunction
from memory.retriever import EbbinghausRetriever
from memory.seed_format import UserBank, import_banks, read_bank
from memory.store import MemoryStore

METHODS = ("ours", "dense", "original", "time-weighted")
Hit = tuple[str, int | None]  # (date, turn index); None for a day's summary


class EvalDataError(ValueError):
    """A malformed gold file, or gold evidence that the bank does not hold."""


@dataclass(frozen=True)
class Gold:
    user: str
    qid: str
    question: str
    answer: str
    evidence: tuple[tuple[str, int], ...]
    type: str
    keywords: tuple[str, ...] = ()  # any one in a reply shows the reply used the memory


def read_gold(path: str | Path) -> list[Gold]:
    out = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise EvalDataError(f"{path}: cannot read: {e}") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}: line {n}"
        try:
            r = json.loads(line)
        except json.JSONDecodeError as e:
            raise EvalDataError(f"{where}: not valid JSON: {e.msg}") from None
        if not isinstance(r, dict):
            raise EvalDataError(f"{where}: expected an object")
        for key in ("user", "qid", "question", "type"):
            if not isinstance(r.get(key), str) or not r[key].strip():
                raise EvalDataError(f"{where}: field {key!r} must be non-empty text")
        ev = r.get("evidence")
        if not isinstance(ev, list) or not all(
                isinstance(e, list) and len(e) == 2 and isinstance(e[0], str)
                and isinstance(e[1], int) for e in ev):
            raise EvalDataError(f"{where}: field 'evidence' must be [[\"YYYY-MM-DD\", index], ...]")
        kws = r.get("keywords", [])
        if not isinstance(kws, list) or not all(isinstance(k, str) and k.strip() for k in kws):
            raise EvalDataError(f"{where}: field 'keywords' must be a list of non-empty texts")
        out.append(Gold(r["user"].strip(), r["qid"], r["question"], str(r.get("answer", "")),
                        tuple((d, i) for d, i in ev), r["type"], tuple(kws)))
    if not out:
        raise EvalDataError(f"{path}: no questions")
    return out


def check_evidence(banks: list[UserBank], golds: list[Gold]) -> list[str]:
    """Every gold user and evidence turn must exist in the bank; returns the problems."""
    turns = {b.profile.user: {(p.date, p.index) for p in b.pieces if p.kind == "turn"}
             for b in banks}
    problems = []
    for g in golds:
        if g.user not in turns:
            problems.append(f"{g.qid}: user {g.user!r} is not in the bank")
            continue
        problems += [f"{g.qid}: no turn {i} on {d} for {g.user!r}" for d, i in g.evidence
                     if (d, i) not in turns[g.user]]
    return problems


def default_today(bank: UserBank) -> date:
    days = bank.profile.history_dates or [p.date for p in bank.pieces]
    return date.fromisoformat(max(days)) + timedelta(days=4)


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
            configuration={"hnsw": {"space": "cosine"}})
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
                    collection_configuration={"hnsw": {"space": "cosine"}})
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


def _percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] if xs else 0.0


def evaluate_methods(bank_path: str | Path, gold_path: str | Path,
                     methods: tuple[str, ...] = METHODS, ks: tuple[int, ...] = (1, 2, 3, 5, 10),
                     today: date | None = None, embedding: str = "auto", language: str = "en",
                     progress: Callable[[int], None] | None = None) -> dict[str, dict]:
    """Imports the bank once into a fresh store and runs each method on every question."""
    unknown = [m for m in methods if m not in BUILDERS]
    if unknown:
        raise EvalDataError(f"unknown method {unknown[0]!r}; one of {', '.join(METHODS)}")
    banks, golds = read_bank(bank_path), read_gold(gold_path)
    problems = check_evidence(banks, golds)
    if problems:
        raise EvalDataError(f"{len(problems)} gold problems, first: " + "; ".join(problems[:3]))
    todays = {b.profile.user: today or default_today(b) for b in banks}
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

        return {m: _run(m, BUILDERS[m](store_for(m), banks), golds, todays, ks, progress)
                for m in methods}


def _run(method: str, search: Search, golds: list[Gold], todays: dict[str, date],
         ks: tuple[int, ...], progress: Callable[[int], None] | None) -> dict:
    kmax = max(ks)
    hits: dict[str, dict[int, list[bool]]] = defaultdict(lambda: defaultdict(list))
    recalls: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    counts: dict[str, int] = defaultdict(int)
    latency, per_question = [], []
    for g in golds:
        t = time.perf_counter()
        got = search(g.user, g.question, todays[g.user], kmax)
        latency.append(1000 * (time.perf_counter() - t))
        counts[g.type] += 1
        if g.evidence:
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
                             for k in ks if recalls[group][k]}}

    return {"method": method, "questions": len(golds), "answerable": len(per_question),
            **table("all"),
            "by_type": {t: {"questions": n, **table(t)} for t, n in sorted(counts.items())},
            "latency_ms": {"p50": round(statistics.median(latency), 2),
                           "p95": round(_percentile(latency, 95), 2)},
            "per_question": per_question}


# -- answers, scored by a judge model ----------------------------------------------------------
SCORES = (0.0, 0.5, 1.0)


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


def parse_judgement(text: str) -> dict[str, float]:
    """{"correctness": s, "coherence": s} from the judge's reply; ValueError if absent."""
    import re

    found = re.search(r"\{.*?\}", text, re.S)
    if not found:
        raise ValueError(f"no JSON in the judge's reply: {text[:200]!r}")
    data = json.loads(found.group(0))
    out = {}
    for key in ("correctness", "coherence"):
        value = float(data[key])
        if value not in SCORES:
            raise ValueError(f"{key} must be 0, 0.5 or 1, got {value}")
        out[key] = value
    return out


def evaluate_answers(bank_path: str | Path, gold_path: str | Path, companion_factory,
                     judge, today: date | None = None, embedding: str = "auto",
                     language: str = "en", limit: int | None = None,
                     progress: Callable[[int], None] | None = None) -> dict:
    """The full companion answers each question as its user; `judge` (a chat model) scores it.
    `companion_factory(store)` returns the companion graph over the imported bank."""
    from langchain_core.messages import HumanMessage

    from prompts.judge import JUDGE

    banks, golds = read_bank(bank_path), read_gold(gold_path)[:limit]
    problems = check_evidence(banks, golds)
    if problems:
        raise EvalDataError(f"{len(problems)} gold problems, first: " + "; ".join(problems[:3]))
    todays = {b.profile.user: today or default_today(b) for b in banks}
    rows, failures = [], []
    with tempfile.TemporaryDirectory(prefix="sf-eval-answers-") as tmp:
        store = MemoryStore.open(tmp, embedding=embedding, language=language)
        import_banks(store, banks)
        companion = companion_factory(store)
        for g in golds:
            try:
                out = companion.invoke({"messages": [HumanMessage(g.question)], "user_id": g.user,
                                        "language": language,
                                        "today": todays[g.user].isoformat()})
                reply = out["messages"][-1].text
                verdict = parse_judgement(judge.invoke(JUDGE.format(
                    question=g.question, answer=g.answer, reply=reply)).text)
                rows.append({"qid": g.qid, "type": g.type, "reply": reply, **verdict})
            except Exception as e:  # one bad answer or judgement is reported, not fatal
                failures.append({"qid": g.qid, "error": f"{type(e).__name__}: {e}"})
            if progress:
                progress(1)

    def means(rs: list[dict]) -> dict:
        return {"scored": len(rs), **{k: round(statistics.fmean(r[k] for r in rs), 4) if rs
                                      else None for k in ("correctness", "coherence")}}

    by_type = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    return {"questions": len(golds), **means(rows),
            "by_type": {t: means(rs) for t, rs in sorted(by_type.items())},
            "failures": failures, "answers": rows}
