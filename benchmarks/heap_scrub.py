"""What clearing the heap costs (`memory.store.erasure.scrub_heap`, glibc's M_PERTURB): the memory work
of a chat turn (write one exchange, recall for a question) with it on and off, each in a fresh
process, alternating, on the embedded store with MiniLM.

    python benchmarks/heap_scrub.py [--turns 60] [--recalls 30] [--rounds 3] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

ONE_RUN = r"""
import json, sys, tempfile, time
from datetime import date
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore

turns, recalls = int(sys.argv[1]), int(sys.argv[2])
store = MemoryStore.open(tempfile.mkdtemp(), embedding="minilm")
store.add_turn("u", date(2024, 1, 1), "warm up", "ok")
writes = []
for i in range(turns):
    t = time.perf_counter()
    store.add_turn("u", date(2024, 1, 1 + i % 28), f"I walked my dog number {i} in the park "
                   "today and it was sunny", "How lovely, tell me more about it.")
    writes.append(time.perf_counter() - t)
reads = []
for i in range(recalls):
    t = time.perf_counter()
    EbbinghausRetriever(store=store, user_id="u", today=date(2024, 3, 1),
                        reinforce=False).invoke("where did I walk my dog?")
    reads.append(time.perf_counter() - t)
print(json.dumps({"write_ms": [w * 1000 for w in writes], "recall_ms": [r * 1000 for r in reads]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--turns", type=int, default=60)
    ap.add_argument("--recalls", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    got = {"on": {"write_ms": [], "recall_ms": []}, "off": {"write_ms": [], "recall_ms": []}}
    for _ in range(args.rounds):
        for mode in ("off", "on"):
            env = os.environ | {"SF_HEAP_SCRUB": "1" if mode == "on" else "0",
                                "OMP_NUM_THREADS": "1"}
            out = subprocess.run([sys.executable, "-c", ONE_RUN, str(args.turns),
                                  str(args.recalls)], env=env, capture_output=True, text=True,
                                 check=True).stdout
            for key, values in json.loads(out.strip().splitlines()[-1]).items():
                got[mode][key] += values
    report = {mode: {key: {"p50": round(statistics.median(v), 1),
                           "p95": round(statistics.quantiles(v, n=20)[-1], 1)}
                     for key, v in series.items()} for mode, series in got.items()}
    print(json.dumps(report, indent=2))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(report, f, indent=2)


if __name__ == "__main__":
    main()
