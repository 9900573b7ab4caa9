"""What the Chinese held-out generators share: build their users with build_cn.py's machinery and
their own content, rename the question ids, write the two files and check them.

build_cn reads its content from module globals (FILLERS, SEED, USERS, PINS); they are lent the
set's own for the duration of the build and put back afterwards. build_cn.validate looks
questions up by the development prefix and expects at least 20 users; the ids are mapped for it,
and its "only N users" message is the one message dropped (these sets have 8 by design).
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import build_cn as B  # the development set's generator: runs nothing on import
from build_cn import TYPES, BuildError, build_user, validate

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_PREFIX = "cn"


@contextmanager
def lent_to_build_cn(**names):
    """Set build_cn's module globals for the duration of the block, then put them back."""
    saved = {k: getattr(B, k) for k in names}
    for k, v in names.items():
        setattr(B, k, v)
    try:
        yield
    finally:
        for k, v in saved.items():
            setattr(B, k, v)


def write_set(users: list, fillers: dict, pins: dict, seed: int, name: str, prefix: str) -> int:
    """Writes eval_data/NAME/bank_NAME.json and gold_NAME.jsonl, prints counts, 0 if valid."""
    out_dir = HERE / name
    bank_path, gold_path = out_dir / f"bank_{name}.json", out_dir / f"gold_{name}.jsonl"
    bank, gold, metas = {}, [], {}
    with lent_to_build_cn(FILLERS=fillers, SEED=seed, USERS=users, PINS=pins):
        try:
            for ui, u in enumerate(users, 1):
                record, g, meta = build_user(ui, u)
                if u["name"] in bank:
                    raise BuildError(f"duplicate user {u['name']}")
                bank[u["name"]] = record
                gold.extend(g)
                metas[u["name"]] = meta
        except BuildError as e:
            print(f"build failed: {e}", file=sys.stderr)
            return 1
        for g in gold:
            g["qid"] = prefix + g["qid"][g["qid"].index("-"):]

        out_dir.mkdir(parents=True, exist_ok=True)
        bank_path.write_text(json.dumps(bank, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        gold_path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold), encoding="utf-8")

        # Validate what was written, read back from disk, with build_cn's own checks (which look
        # questions up by the development prefix).
        bank_r = json.loads(bank_path.read_text(encoding="utf-8"))
        gold_r = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
        as_dev = [dict(g, qid=DEV_PREFIX + g["qid"][len(prefix):]) for g in gold_r]
        errors = validate(bank_r, as_dev, metas)
    errors = [e.replace(f"{DEV_PREFIX}-", f"{prefix}-") for e in errors
              if e != f"only {len(bank_r)} users"]  # this set has 8 users by design
    if len(bank_r) != len(users):
        errors.append(f"{len(bank_r)} users, expected {len(users)}")
    if any(not g["qid"].startswith(prefix + "-") for g in gold_r):
        errors.append("a qid lacks the held-out prefix")
    for path in (bank_path, gold_path):
        size = path.stat().st_size
        if size >= 2 * 1024 * 1024:
            errors.append(f"{path.name} is {size} bytes (limit 2 MB)")

    n_days = sum(len(r["history"]) for r in bank_r.values())
    per_user = [sum(len(t) for t in r["history"].values()) for r in bank_r.values()]
    n_key = sum(sum(1 for k in m["kinds"].values() if k == "key") for m in metas.values())
    n_ev = sum(len(g["evidence"]) for g in gold_r)
    types = Counter(g["type"] for g in gold_r)
    rel_forms = Counter()
    for g in gold_r:
        if g["type"] == "relative":
            q = g["question"]
            rel_forms["N天前" if "天前" in q and q[0].isdigit() else
                      "前几天/几天前" if "几天前" in q or "前几天" in q else
                      "上周X" if q.startswith("上周") and q[2] in B.WEEKDAYS_CN else "上周"] += 1
    print(f"users {len(bank_r)}, days {n_days}, turns {sum(per_user)} ({min(per_user)}-{max(per_user)} per user; "
          f"{n_key} hand-written key turns, {sum(per_user) - n_key} filler turns)")
    print("questions " + str(len(gold_r)) + ": " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    print("relative forms: " + ", ".join(f"{k} {v}" for k, v in sorted(rel_forms.items())))
    print(f"evidence turns {n_ev}")
    for name, m in metas.items():
        print(f"  {name}: {m['start']} .. {m['last']}, today {m['today']}, "
              f"fillers dropped for keywords {m['dropped']}, unused {m['pool_left']}")
    print(f"wrote {bank_path.relative_to(ROOT)} ({bank_path.stat().st_size} bytes), "
          f"{gold_path.relative_to(ROOT)} ({gold_path.stat().st_size} bytes)")
    if errors:
        print(f"VALIDATION FAILED ({len(errors)} problems):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("validation passed")
    return 0

