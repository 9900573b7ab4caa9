"""Retrieval benchmark: latency of our Ebbinghaus recall vs plain dense search vs LangChain's
TimeWeightedVectorStoreRetriever, for one user holding 1k..100k turns, plus import throughput,
peak memory and the cost of one retrieve + write per chat turn.

    python benchmarks/retrieval.py --sizes 1000,10000,100000 --json OUT [--queries 200]
        [--embedding minilm+e5] [--concurrent 4] [--import-bank eval_data/life_en/bank_life_en.json]

Embedding runs on one thread per core (`memory.embeddings`), in bfloat16 where the CPU has it.
"""
from __future__ import annotations

import argparse
import os
import gc
import json
import platform
import random
import resource
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import numpy as np
from tqdm import tqdm

from memory.dates import find_dates
from memory.embeddings import resolve_name
from memory.records import MemoryPiece, turn_id
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore

USER = "bench-user"
PER_DAY = 40  # turns a day: a talkative but plausible companion user
END_DAY = date(2025, 6, 30)  # last day of history; fixed so runs compare
TODAY = END_DAY + timedelta(days=4)  # the paper's probe: 4 days after the last chat
WARMUP = 5
OPEN_QUERIES = ("What have I been up to lately?", "What did I do yesterday?",
                "What happened the other day?")  # 45, 1 and 14 days of talk to read
K = 3
TW_FETCH = 20  # neighbours the time-weighted baseline fetches: same as ours' `candidates`

# -- synthetic chat --------------------------------------------------------------------------
NAMES = ("Emma Liam Sofia Noah Mia Lucas Ava Ethan Zoe Omar Priya Kenji Hana Mateo Chloe Daniel "
         "Grace Leo Nora Sam Aisha Ben Clara Diego Elena Felix Ivy Jonas Maya Ravi").split()
PLACES = ["the bakery on Elm Street", "the library", "Lisbon", "the gym", "my office",
          "grandma's house", "the beach", "the farmers market", "Kyoto", "the park",
          "the hospital", "the train station", "a tiny ramen place", "the climbing hall",
          "my sister's flat", "the museum", "the dentist", "Berlin", "the lake", "a jazz bar",
          "the university", "the airport", "the bookshop", "a rooftop cafe", "the community garden",
          "the cinema", "my parents' place", "the swimming pool", "the zoo", "the old harbour"]
ACTIVITIES = ["learning the guitar", "training for a half marathon", "baking sourdough",
              "painting watercolors", "studying for the bar exam", "learning Spanish",
              "meditating every morning", "journaling before bed", "going to yoga",
              "planning a trip to Japan", "fixing up my bike", "writing a short story",
              "cooking more at home", "looking for a new job", "decluttering my room",
              "playing chess online", "volunteering at the shelter", "learning to swim",
              "taking a pottery class", "saving for a car", "practising the piano",
              "growing tomatoes on the balcony", "reading a book a week", "learning to code",
              "walking ten thousand steps a day", "preparing a presentation", "knitting a scarf",
              "studying for my driving test", "building a bookshelf", "photographing birds"]
FEELINGS = ["anxious", "excited", "tired", "proud", "lonely", "hopeful", "frustrated", "calm",
            "overwhelmed", "grateful", "nervous", "relieved", "sad", "happy", "confused",
            "motivated", "stressed", "content", "embarrassed", "curious", "homesick", "restless",
            "bored", "inspired", "disappointed"]
TOPICS = ["my job interview", "the deadline at work", "a possible promotion", "the rent going up",
          "my landlord", "my cat's vet visit", "the new puppy", "my sister's wedding",
          "my exam results", "a fight with my roommate", "my birthday party", "the broken laptop",
          "my sleep schedule", "the weekend plans", "a breakup", "my grandmother's health",
          "a concert ticket", "the group project", "my manager's feedback", "moving apartments",
          "a first date", "my knee injury", "the thesis draft", "a missed flight",
          "my friend's new baby", "the tax return", "a lost wallet", "the neighbours' noise",
          "my diet", "a job offer abroad", "the family dinner", "my old school friends",
          "a parking ticket", "the heating bill", "my coffee habit", "the football match",
          "my brother's graduation", "the volunteer fair", "a podcast I love", "the book club",
          "my phone screen", "the rainy weather", "my savings", "a surprise gift",
          "the art exhibition", "my therapist appointment", "the team offsite", "a cooking fail",
          "my cousin's visit", "the hiking trip", "a scary movie", "the job fair",
          "my vaccination", "a wedding speech", "the company layoffs", "my side project",
          "the marathon registration", "a noisy cafe", "the language exchange", "a video call"]
Q_TEMPLATES = [
    "Today I went to {place} with {name} and we ended up talking about {topic} for hours.",
    "I've been {activity} for a while now, but {topic} keeps getting in the way.",
    "{name} called me this morning about {topic}. Honestly I feel {feeling} and don't know what to say.",
    "Can I tell you something? I'm thinking about giving up {activity} because of {topic}.",
    "Guess what, I finally spent the afternoon {activity} at {place}! {name} came along too.",
    "I couldn't sleep last night, I kept thinking about {topic} and felt so {feeling}.",
    "Do you think it's silly that I feel {feeling} about {topic}? {name} says I overthink it.",
    "Work was long today. After that I went to {place} just to clear my head a bit.",
]
R_TEMPLATES = [
    "That sounds like a lot to carry. It's completely understandable to feel {feeling} when {topic} comes up.",
    "I remember how much {activity} means to you, so please don't be too hard on yourself.",
    "How did {name} react? Sometimes talking it through with a friend makes {topic} feel lighter.",
    "Maybe a slow walk around {place} this weekend would help you reset.",
    "I'm really proud of you for {activity}; small steps still count, even on days you feel {feeling}.",
    "It's okay to take a break. Would it help to write down what worries you most about {topic}?",
    "You could invite {name} to {place} and just enjoy some time without thinking about {topic}.",
    "Feeling {feeling} is a normal reaction. What would make tomorrow a little easier for you?",
]


def _fill(rng: random.Random, template: str) -> str:
    return template.format(name=rng.choice(NAMES), place=rng.choice(PLACES),
                           activity=rng.choice(ACTIVITIES), feeling=rng.choice(FEELINGS),
                           topic=rng.choice(TOPICS))


def chat_turn(rng: random.Random) -> tuple[str, str]:
    """One exchange of 250-350 characters (query + response), like real companion chat."""
    while True:
        q = _fill(rng, rng.choice(Q_TEMPLATES))
        if rng.random() < 0.5:
            q += " " + _fill(rng, rng.choice(Q_TEMPLATES))
        r = _fill(rng, rng.choice(R_TEMPLATES))
        while len(q) + len(r) < 250:
            r += " " + _fill(rng, rng.choice(R_TEMPLATES))
        if len(q) + len(r) <= 350:
            return q, r


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def recall_queries(n: int, seed: int) -> list[str]:
    """Questions that ask the companion to remember; ~40% name a day or week, as users do."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        when = ""
        if rng.random() < 0.4:
            d = END_DAY - timedelta(days=rng.randrange(0, 20))  # recent days: what people name
            when = rng.choices([f" on {MONTHS[d.month - 1]} {_ordinal(d.day)}", " yesterday",
                                f" {rng.randrange(2, 6)} days ago",
                                f" last {WEEKDAYS[d.weekday()]}", " last week"],
                               weights=[5, 1, 1, 2, 1])[0]
        out.append(rng.choice([
            f"Do you remember what I told you about {rng.choice(TOPICS)}{when}?",
            f"What did {rng.choice(NAMES)} and I do at {rng.choice(PLACES)}{when}?",
            f"How was I feeling about {rng.choice(ACTIVITIES)}{when}?",
            f"Remind me what I said about {rng.choice(TOPICS)}{when}.",
            f"Why was I so {rng.choice(FEELINGS)}{when}?",
        ]))
    return out


def day_layout(n: int, end: date) -> list[tuple[str, int]]:
    """(date, index) of n turns, PER_DAY a day ending at `end`; the first day takes the remainder."""
    days = -(-n // PER_DAY)
    first = n - PER_DAY * (days - 1)
    start = end - timedelta(days=days - 1)
    out = [(start.isoformat(), i) for i in range(first)]
    for k in range(n - first):
        out.append(((start + timedelta(days=1 + k // PER_DAY)).isoformat(), k % PER_DAY))
    return out


# -- building a store --------------------------------------------------------------------------
def build_user(store: MemoryStore, n: int, pool: list[tuple[str, str]],
               pool_vecs: tuple[np.ndarray, list[str]], seed: int) -> None:
    """Writes n turns straight into the user's collection with precomputed vectors.

    Embedding 100k turns with MiniLM on 2 cores would take ~20 min per run, and retrieval cost
    does not depend on where a vector came from; so a pool of distinct turns is encoded once, as
    the store encodes a turn (its vector and its sentence vectors), and cycled. Each reused vector gets a small deterministic jitter (cosine ~0.98 to the
    original): exact duplicates would give HNSW degenerate zero-distance clusters no real
    store has. Ids, dates and metadata are unique per turn, written by the store's own helper.
    """
    noise = np.random.default_rng(seed)
    batch = min(5000, store.client.get_max_batch_size())
    layout = day_layout(n, END_DAY)
    for lo in tqdm(range(0, n, batch), desc=f"build {n:,}", unit="batch", leave=False):
        idx = range(lo, min(lo + batch, n))
        pieces = [MemoryPiece(id=turn_id(USER, layout[k][0], layout[k][1]), user=USER,
                              date=layout[k][0], kind="turn", index=layout[k][1],
                              query=pool[k % len(pool)][0], response=pool[k % len(pool)][1])
                  for k in idx]
        vecs = pool_vecs[0][[k % len(pool) for k in idx]]
        vecs = vecs + noise.normal(0.0, 0.01, vecs.shape).astype(np.float32)
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        # buffer_idx: the time-weighted baseline maps search hits to its memory_stream by it;
        # an extra metadata key that our store ignores when it reads pieces back.
        store.put_encoded(pieces, vecs.tolist(), [pool_vecs[1][k % len(pool)] for k in idx],
                          extra=[{"buffer_idx": k} for k in idx])


def time_weighted(store: MemoryStore):
    """TimeWeightedVectorStoreRetriever over the same client and collection as our store.

    It ranks by its in-process memory_stream (Documents indexed by buffer_idx, with datetimes),
    so that is filled from the collection once, as an app restarting on a store would do.
    """
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import TimeWeightedVectorStoreRetriever
    from langchain_core.documents import Document

    col = store.collection(USER)
    n = col.count()
    stream: list = [None] * n
    for off in range(0, n, 5000):
        got = col.get(include=["documents", "metadatas"], limit=5000, offset=off)
        for doc, m in zip(got["documents"], got["metadatas"]):
            stream[m["buffer_idx"]] = Document(page_content=doc, metadata={
                "buffer_idx": m["buffer_idx"],
                "created_at": datetime.fromisoformat(m["date"]),
                "last_accessed_at": datetime.fromisoformat(m["last_recall_date"])})
    assert all(d is not None for d in stream), "memory_stream has holes"
    vs = Chroma(client=store.client, collection_name=col.name, embedding_function=store.embeddings)
    return TimeWeightedVectorStoreRetriever(vectorstore=vs, memory_stream=stream, k=K,
                                            search_kwargs={"k": TW_FETCH})


# -- measuring ---------------------------------------------------------------------------------
def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]  # nearest rank


def summary(ms: list[float]) -> dict:
    return {"p50_ms": round(statistics.median(ms), 2), "p95_ms": round(pct(ms, 95), 2),
            "mean_ms": round(statistics.fmean(ms), 2), "queries": len(ms)}


def ours_breakdown(store: MemoryStore, queries: list[str]) -> dict:
    """Where EbbinghausRetriever.recall spends its time: the query embedding and each store call
    are wrapped with timers for the run; "rank" is the rest of recall (dates, BM25, scoring)."""
    steps = defaultdict(list)
    emb = store.embeddings
    embed = "embed_query_halves" if hasattr(emb, "embed_query_halves") else "embed_query"
    wrapped = [(emb, embed, "embed_query"), (store, "nearest", "store.nearest (40)"),
               (store, "nearest_on_days", "store.nearest_on_days"), (store, "reinforce", "store.reinforce")]

    def timer(fn, step):
        def run(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                steps[step].append(time.perf_counter() - t)
        return run

    wrapped = [w for w in wrapped if hasattr(w[0], w[1])]  # (an older store: no nearest_on_days)
    for obj, name, step in wrapped:  # an instance attribute shadows the method until deleted
        setattr(obj, name, timer(getattr(obj, name), step))
    ours = EbbinghausRetriever(store=store, user_id=USER, k=K, today=TODAY)
    try:
        for q_text in queries:
            before = sum(map(sum, steps.values()))
            t = time.perf_counter()
            ours.recall(q_text)
            steps["rank"].append(time.perf_counter() - t - (sum(map(sum, steps.values())) - before))
            store.flush()
    finally:
        for obj, name, _ in wrapped:
            delattr(obj, name)
    n = len(queries)
    # mean over all queries (a step that did not run counts 0); p95 over the calls that ran
    return {s: {"mean_per_query_ms": round(1000 * sum(v) / n, 2), "runs": len(v),
                "p95_when_run_ms": round(1000 * pct(v, 95), 2)} for s, v in steps.items()}


def bench_size(n: int, args, pool, pool_vecs) -> tuple[dict, MemoryStore | None, tempfile.TemporaryDirectory]:
    tmp = tempfile.TemporaryDirectory(prefix=f"sf-bench-{n}-")
    store = MemoryStore.open(tmp.name, embedding=args.embedding)
    t0 = time.perf_counter()
    build_user(store, n, pool, pool_vecs, seed=args.seed + n)
    build_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tw = time_weighted(store)
    tw_setup_s = time.perf_counter() - t0

    col = store.collection(USER)
    ours = EbbinghausRetriever(store=store, user_id=USER, k=K, today=TODAY)  # reinforces: real cost

    def dense(q: str):
        e = store.embeddings.embed_query(q)
        return col.query(query_embeddings=[e], n_results=K,
                         include=["documents", "metadatas", "distances"])["ids"][0]

    methods = {"ours": ours.invoke, "dense": dense, "time-weighted": tw.invoke}
    queries = recall_queries(WARMUP + args.queries, seed=args.seed + 1)
    dated = [bool(find_dates(q, TODAY)) for q in queries]
    ms, got, tw_cap = defaultdict(list), defaultdict(list), args.queries
    for qi, q in enumerate(tqdm(queries, desc=f"query {n:,}", unit="q", leave=False)):
        names = list(methods)
        names = names[qi % 3:] + names[:qi % 3]  # rotate order so machine noise spreads evenly
        for name in names:
            if name == "time-weighted" and qi - WARMUP >= tw_cap:
                continue
            t = time.perf_counter()
            res = methods[name](q)
            dt = 1000 * (time.perf_counter() - t)
            # Recall's reinforcement is written in the background; in a chat it lands while the
            # reply is written. Written here between methods, untimed, so that it slows none of
            # them (it used to land in whichever method ran next).
            store.flush()
            if qi < WARMUP:
                # The baseline may cap its queries at the big sizes if it proves infeasibly slow.
                if name == "time-weighted" and n >= 100_000 and dt > 1000:
                    tw_cap = min(tw_cap, 50)
                continue
            ms[name].append(dt)
            got[name].append(len(res))
            if name == "ours":
                ms["ours_dated" if dated[qi] else "ours_undated"].append(dt)

    out = {name: summary(ms[name]) | {"returned_mean": round(statistics.fmean(got[name]), 2)}
           for name in methods}
    for part in ("ours_dated", "ours_undated"):
        if ms[part]:
            out["ours"][part.split("_")[1] + "_p50_ms"] = round(statistics.median(ms[part]), 2)
            out["ours"][part.split("_")[1] + "_queries"] = len(ms[part])
    out["time-weighted"]["search_k"] = TW_FETCH
    # Open questions about a time read every piece of their window (`EbbinghausRetriever._lately`).
    opened = []
    for qi in range(WARMUP + min(args.queries, 30)):
        t = time.perf_counter()
        ours.invoke(OPEN_QUERIES[qi % len(OPEN_QUERIES)])
        if qi >= WARMUP:
            opened.append(1000 * (time.perf_counter() - t))
        store.flush()
    out["ours_open"] = summary(opened)
    out["spans"] = span_questions(ours, dense, args.seed)
    out["ours_breakdown"] = ours_breakdown(store, queries[WARMUP:WARMUP + min(args.queries, 100)])
    if args.concurrent > 1:
        out["ours_concurrent"] = concurrent(store, queries[WARMUP:], args.concurrent)
    out["loadavg_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: a noise gauge
    out["build_s"] = round(build_s, 1)
    out["tw_setup_s"] = round(tw_setup_s, 1)
    del tw, methods
    return out, store, tmp


SPANS = {"week": "last week", "month": f"in {MONTHS[END_DAY.month - 1]}"}  # 280 and 1,200 turns


def span_questions(ours, dense, seed: int, n: int = 20) -> dict:
    """Questions that name a week or a month (`SPANS`), ours and dense one after the other:
    recall ranks that span's nearest pieces with the rest (`EbbinghausRetriever`)."""
    rng, out = random.Random(seed + 5), {}
    for name, when in SPANS.items():
        ms = defaultdict(list)
        for i in range(WARMUP + n):
            q = f"What did I tell you about {rng.choice(TOPICS)} {when}?"
            for method, run in (("ours", ours.invoke), ("dense", dense)):
                t = time.perf_counter()
                run(q)
                if i >= WARMUP:
                    ms[method].append(1000 * (time.perf_counter() - t))
                ours.store.flush()  # untimed, as in `bench_size`
        out[name] = {m: summary(v) for m, v in ms.items()}
    return out


def concurrent(store: MemoryStore, queries: list[str], users: int) -> dict:
    """`users` recalls at once, as a server with several people chatting: each thread runs its
    share of the queries back to back; latency per recall, reinforcement included."""
    ours = EbbinghausRetriever(store=store, user_id=USER, k=K, today=TODAY)
    start, ms = threading.Barrier(users), []

    def run(share: list[str]) -> list[float]:
        start.wait()
        out = []
        for q in share:
            t = time.perf_counter()
            ours.recall(q)
            out.append(1000 * (time.perf_counter() - t))
        return out

    with ThreadPoolExecutor(users) as pool:
        for got in pool.map(run, [queries[i::users] for i in range(users)]):
            ms += got
    store.flush()  # the reinforcement written meanwhile or after, counted in none of the above
    return summary(ms) | {"users": users}


def per_turn(store: MemoryStore, seed: int, turns: int = 50) -> dict:
    """One chat turn's memory work at the largest size: recall, write the new exchange, and
    write what the recall reinforced (in the background in the app)."""
    ours = EbbinghausRetriever(store=store, user_id=USER, k=K, today=TODAY)
    rng, qs = random.Random(seed), recall_queries(turns, seed + 7)
    ms = []
    for q in tqdm(qs, desc="retrieve+write", unit="turn", leave=False):
        _, resp = chat_turn(rng)
        t = time.perf_counter()
        ours.invoke(q)
        store.add_turn(USER, TODAY, q, resp)
        store.flush(USER)
        ms.append(1000 * (time.perf_counter() - t))
    return {"p50": round(statistics.median(ms), 2), "p95": round(pct(ms, 95), 2), "turns": turns}


def import_pieces(args, turns: int) -> list[MemoryPiece]:
    """The turns an import writes: the first `turns` of `--import-bank` (a project's set, so
    lengths are real), else synthetic chat."""
    if args.import_bank:
        from memory.seed_format import read_bank

        got = [p for b in read_bank(args.import_bank) for p in b.pieces if p.kind == "turn"]
        return got[:turns]
    rng = random.Random(args.seed + 2)
    layout = day_layout(turns, END_DAY)
    return [MemoryPiece(id=turn_id("import-user", d, i), user="import-user", date=d,
                        kind="turn", index=i, query=q, response=r)
            for (d, i), (q, r) in zip(layout, (chat_turn(rng) for _ in range(turns)))]


def import_throughput(args, turns: int = 1000) -> dict:
    """The real import path (store.put, embedding included), beside each model's own ceiling:
    texts/s on exactly the texts the store embeds (the whole exchange for the first model of a
    pair; for the other, the user's words of a one-sentence turn, each sentence of the others),
    and the turns/s that embedding alone would allow."""
    from memory import sentences
    from memory.embeddings import DualEmbeddings, make_embeddings

    pieces = import_pieces(args, turns)
    emb = make_embeddings(resolve_name(args.embedding))
    every = [sentences.split(p.said, None) for p in pieces]
    kept = [parts[:sentences.MAX_SENTENCES] for parts in every]
    if isinstance(emb, DualEmbeddings):  # as `Collections._encode`: a turn's words are read once
        read = [p.said for p, a, k in zip(pieces, every, kept) if len(k) == 1 or len(a) > len(k)]
        work = {"said": read + [x for parts in kept if len(parts) > 1 for x in parts],
                "whole": [p.text for p in pieces]}
        models = {"said": emb.said, "whole": emb.whole}
    else:
        work = {"said": [p.text for p in pieces] + [x for parts in kept for x in parts]}
        models = {"said": emb}
    ceiling, embed_s = {}, 0.0
    for part, texts in work.items():
        t = time.perf_counter()
        models[part].embed_documents(texts)
        dt = time.perf_counter() - t
        embed_s += dt
        ceiling[part] = {"texts": len(texts), "chars_mean": round(statistics.fmean(map(len, texts))),
                         "texts_per_s": round(len(texts) / dt, 1)}
    with tempfile.TemporaryDirectory(prefix="sf-bench-import-") as tmp:
        store = MemoryStore.open(tmp, embedding=args.embedding)
        t = time.perf_counter()
        store.put(pieces)
        total = time.perf_counter() - t
        assert sum(store.count(u) for u in {p.user for p in pieces}) == len(pieces)
    return {"import_turns_per_s": round(len(pieces) / total, 1),
            "import_ceiling_turns_per_s": round(len(pieces) / embed_s, 1),
            "import": {"turns": len(pieces), "source": str(args.import_bank or "synthetic"),
                       "total_s": round(total, 2), "embed_alone_s": round(embed_s, 2),
                       "models": ceiling}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--json", dest="json_out")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--embedding", default="minilm")
    ap.add_argument("--pool", type=int, default=2000, help="distinct texts embedded and cycled")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--concurrent", type=int, default=4, help="recalls at once (1: skip)")
    ap.add_argument("--import-bank", help="a set's bank file: import its first 1,000 turns")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    rng = random.Random(args.seed)
    pool = [chat_turn(rng) for _ in range(min(args.pool, max(sizes)))]
    # Encoded as the store writes a turn: its vector and its sentence vectors.
    drafts = [MemoryPiece(id="", user=USER, date=END_DAY.isoformat(), kind="turn", query=q,
                          response=r) for q, r in pool]
    t0, vecs, packed = time.perf_counter(), [], []
    with tempfile.TemporaryDirectory() as tmp:
        encoder = MemoryStore.open(tmp, embedding=args.embedding)
        for lo in tqdm(range(0, len(drafts), 256), desc="embed pool", unit="batch"):
            v, p = encoder.encode(drafts[lo:lo + 256])
            vecs += v
            packed += p
    pool_vecs = (np.asarray(vecs, dtype=np.float32), packed)
    print(f"pool: {len(pool)} turns, {np.mean([len(d.text) for d in drafts]):.0f} chars avg, "
          f"embedded in {time.perf_counter() - t0:.1f}s")

    result = {"sizes": {}, **import_throughput(args), "peak_rss_mb": {}}
    print(f"import: {result['import_turns_per_s']} turns/s; embedding alone allows "
          f"{result['import_ceiling_turns_per_s']}: {result['import']['models']}")
    for i, n in enumerate(sizes):
        res, store, tmp = bench_size(n, args, pool, pool_vecs)
        if i == len(sizes) - 1:
            result["per_turn_ms"] = per_turn(store, args.seed + 3)
        result["sizes"][str(n)] = res
        store.flush(USER)  # the last recalls' reinforcement, before its folder goes
        del store
        gc.collect()
        tmp.cleanup()
        # ru_maxrss is KiB on Linux and the process-wide max so far: cumulative across sizes
        result["peak_rss_mb"][str(n)] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(f"size {n:,}: " + ", ".join(f"{m} p50 {res[m]['p50_ms']} / p95 {res[m]['p95_ms']} ms"
                                          for m in ("ours", "dense", "time-weighted")))
        for span, r in res["spans"].items():
            print(f"  questions naming a {span}: ours p50 {r['ours']['p50_ms']} / p95 "
                  f"{r['ours']['p95_ms']} ms, dense p50 {r['dense']['p50_ms']} / p95 "
                  f"{r['dense']['p95_ms']} ms")
        if "ours_concurrent" in res:
            c = res["ours_concurrent"]
            print(f"  {c['users']} recalls at once: p50 {c['p50_ms']} / p95 {c['p95_ms']} ms")
    import chromadb
    from memory.compute import bf16_is_fast

    result["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(),
                         "embedding_bf16": bf16_is_fast(),
                         "embedding": resolve_name(args.embedding), "chromadb": chromadb.__version__,
                         "loadavg_end": os.getloadavg()}
    result["settings"] = {"k": K, "turns_per_day": PER_DAY, "pool": len(pool), "warmup": WARMUP,
                          "end_day": END_DAY.isoformat(), "today": TODAY.isoformat(), "seed": args.seed}

    from rich.console import Console
    from rich.table import Table
    table = Table(title="retrieval latency (ms), query embedding included")
    for col in ("turns", "method", "p50", "p95", "queries", "returned", "peak RSS MB"):
        table.add_column(col, justify="right")
    for n, res in result["sizes"].items():
        for m in ("ours", "dense", "time-weighted"):
            table.add_row(f"{int(n):,}", m, f"{res[m]['p50_ms']:.1f}", f"{res[m]['p95_ms']:.1f}",
                          str(res[m]["queries"]), str(res[m]["returned_mean"]),
                          str(result["peak_rss_mb"][n]) if m == "ours" else "")
    console = Console()
    console.print(table)
    console.print(f"import {result['import_turns_per_s']} turns/s (embedding alone: "
                  f"{result['import_ceiling_turns_per_s']}); retrieve+write per turn at "
                  f"{sizes[-1]:,}: p50 {result['per_turn_ms']['p50']} / p95 {result['per_turn_ms']['p95']} ms")
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
