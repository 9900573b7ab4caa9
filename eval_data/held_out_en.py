"""What the English held-out generators share: build their users with build_en.py's machinery and
their own filler lines, rename the question ids, write the two files and check them.

build_user fills each day from build_en.FILLER, so that is pointed at the set's own FILLER while
its users are built and set back afterwards. build_en.validate expects at least 20 users; its
"only N users" message is the one message dropped (these sets have 8 by design).
"""
from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import build_en as B  # the development set's generator: runs nothing on import
from build_en import TYPES, build_user, validate

HERE = Path(__file__).resolve().parent


def write_set(users: list[dict], filler: list[str], seed: int, name: str, prefix: str) -> int:
    """Writes eval_data/NAME/bank_NAME.json and gold_NAME.jsonl, prints counts, 0 if valid."""
    out_dir = HERE / name
    bank_path, gold_path = out_dir / f"bank_{name}.json", out_dir / f"gold_{name}.jsonl"
    rng = random.Random(seed)
    banks, gold, ctxs = {}, [], {}
    dev_filler = B.FILLER
    B.FILLER = filler  # build_user reads the module's FILLER when it fills a day
    try:
        for ui, spec in enumerate(users, 1):
            bank, g, ctx = build_user(ui, spec, rng)
            for q in g:  # build_user writes "en-UU-QQ"
                q["qid"] = prefix + q["qid"][q["qid"].index("-"):]
            banks[spec["name"]] = bank
            gold.extend(g)
            ctxs[spec["name"]] = ctx
    finally:
        B.FILLER = dev_filler

    out_dir.mkdir(parents=True, exist_ok=True)
    bank_path.write_text(json.dumps(banks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold),
                         encoding="utf-8")

    # validate what was written, read back from disk, with build_en's own checks
    banks_read = json.loads(bank_path.read_text(encoding="utf-8"))
    gold_read = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    errors = validate(banks_read, gold_read, ctxs)
    errors = [e for e in errors if e != f"only {len(banks_read)} users"]
    if len(banks_read) != len(users):
        errors.append(f"{len(banks_read)} users, expected {len(users)}")
    for path in (bank_path, gold_path):
        if path.stat().st_size >= 2 * 1024 * 1024:
            errors.append(f"{path.name} is over 2 MB")

    n_days = sum(len(b["history"]) for b in banks_read.values())
    per_user = [sum(len(t) for t in b["history"].values()) for b in banks_read.values()]
    types = Counter(g["type"] for g in gold_read)
    rel = Counter(it["rel"] for spec in users for it in spec["items"] if it["type"] == "relative")
    print(f"users: {len(banks_read)}  days: {n_days}  turns: {sum(per_user)} "
          f"({min(per_user)}-{max(per_user)} per user)  questions: {len(gold_read)}  "
          f"evidence turns: {sum(len(g['evidence']) for g in gold_read)}")
    print("questions per type: " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    print("relative kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(rel.items())))
    print(f"{bank_path.relative_to(HERE.parent)}: {bank_path.stat().st_size:,} bytes; "
          f"{gold_path.relative_to(HERE.parent)}: {gold_path.stat().st_size:,} bytes")
    if errors:
        print(f"\nVALIDATION FAILED ({len(errors)} problems):")
        for e in errors:
            print(" -", e)
        return 1
    print("validation passed")
    return 0
