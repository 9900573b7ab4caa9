"""Which bundled embedding model to use for each language, by measurement.

Task (a proxy for recall, on the paper's seed banks, which have no gold labels): for every turn,
the user's message is the query and the companion's replies of the same user are the corpus;
the turn's own reply should rank first. Replies answer the message without repeating it, so
this scores semantic matching in that language, not string overlap.

    python benchmarks/embeddings.py --seed-dir ../shared/seed_eval_data [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from memory.embeddings import make_embeddings  # noqa: E402
from memory.seed_format import read_bank  # noqa: E402


def score(model_name: str, path: Path) -> dict:
    emb = make_embeddings(model_name)
    top1 = top3 = n = 0
    started = time.perf_counter()
    for bank in read_bank(path):
        turns = [p for p in bank.pieces if p.kind == "turn"]
        if len(turns) < 2:
            continue
        docs = np.asarray(emb.embed_documents([t.response for t in turns]))
        for i, t in enumerate(turns):
            q = np.asarray(emb.embed_query(t.query))
            rank = int((docs @ q > docs[i] @ q).sum())
            top1 += rank == 0
            top3 += rank < 3
            n += 1
    return {"top1": round(top1 / n, 3), "top3": round(top3 / n, 3), "queries": n,
            "seconds": round(time.perf_counter() - started, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed-dir", type=Path, default=Path("../shared/seed_eval_data"))
    ap.add_argument("--models", default="minilm,e5")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    results = {lang: {m: score(m, args.seed_dir / lang / f"memory_bank_{lang}.json")
                      for m in args.models.split(",")} for lang in ("en", "cn")}
    for lang, by_model in results.items():
        for m, r in by_model.items():
            print(f"{lang}  {m:8s} top1={r['top1']:.3f} top3={r['top3']:.3f} "
                  f"({r['queries']} queries, {r['seconds']}s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
