"""What each part of recall adds: hit@3 of our retriever on the evaluation sets with one part
taken away at a time (the weights of the others unchanged).

    python benchmarks/recall_parts.py --language en [--json OUT]     (life_en)
    python benchmarks/recall_parts.py --language cn [--json OUT]     (life_cn)
    python benchmarks/recall_parts.py --set life_en_blind [--json OUT]   (any folder of eval_data/)
    python benchmarks/recall_parts.py --set life_en --try '{"lexical_weight": 0.2}' [--try ...]
        (more rows: all parts with these weights changed)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.evaluation.gold import default_today, read_gold  # noqa: E402
from app.evaluation.recall import ours, score_search  # noqa: E402
from memory.embeddings import DEFAULT_BY_LANGUAGE, SINGLE_BY_LANGUAGE  # noqa: E402
from memory.seed_format import import_banks, read_bank  # noqa: E402
from memory.store import MemoryStore  # noqa: E402

OFF = {"lexical_weight": 0.0, "supersede_weight": 0.0, "recency_weight": 0.0, "sentence_weight": 0.0}
BEFORE = {"whole_weight": 0.5, "said_weight": 0.5, "sentence_weight": 0.0, "lexical_weight": 0.3}
VARIANTS = [  # (name, embedding: "dual" or "single", retriever overrides)
    ("all parts", "dual", {}),
    ("without the sentence vectors", "dual", {"sentence_weight": 0.0}),
    ("as before sentences (halves 1:1, BM25 0.3)", "dual", BEFORE),
    ("without BM25", "dual", {"lexical_weight": 0.0}),
    ("without the 'now' handling", "dual", {"supersede_weight": 0.0, "recency_weight": 0.0}),
    ("without the relevance floor", "dual", {"relevance_floor": 0.0}),
    ("one model for every part", "single", {}),
    ("one model, no BM25, no 'now' handling", "single", OFF),
    ("one model, none of the above, 20 candidates", "single", OFF | {"candidates": 20}),
]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--language", default="en", help="its development set (life_en, life_cn)")
    ap.add_argument("--set", dest="name", help="a set of eval_data/ by folder, e.g. life_en")
    ap.add_argument("--try", dest="tries", action="append", default=[], type=json.loads,
                    help="retriever weights as JSON, one more row each")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    name = args.name or f"life_{args.language}"
    lang = "cn" if "cn" in name.split("_") else "en"
    root = Path(__file__).resolve().parents[1] / "eval_data" / name
    banks, golds = read_bank(root / f"bank_{name}.json"), read_gold(root / f"gold_{name}.jsonl")
    todays = {b.profile.user: default_today(b) for b in banks}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {}
        for kind, model in (("dual", DEFAULT_BY_LANGUAGE[lang]), ("single", SINGLE_BY_LANGUAGE[lang])):
            stores[kind] = MemoryStore.open(Path(tmp) / kind, embedding=model)
            import_banks(stores[kind], banks)
        tries = [(json.dumps(w), "dual", w) for w in args.tries]
        for label, kind, weights in VARIANTS + tries:
            store = stores[kind]
            r = score_search("ours", ours(store, banks, **weights), golds, todays, (1, 3, 5), None)
            results[label] = {"embedding": store.embedding_name, "hit@k": r["hit@k"],
                              "by_type": {t: v["hit@k"].get("3") for t, v in r["by_type"].items()}}
            print(f"{label:44s} {store.embedding_name:10s} hit@3 {r['hit@k']['3']:.3f}  "
                  + " ".join(f"{t} {v:.3f}" for t, v in results[label]["by_type"].items() if v is not None),
                  flush=True)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
