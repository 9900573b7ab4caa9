"""Could a floor on recall's scores tell a question nothing in memory answers? For each gold
question of a set, the best similarity and score among the memories recalled for it (k=3, no
reinforcement), split into questions the history cannot answer, answerable ones whose evidence
was recalled, and answerable ones whose evidence was missed; then, for each floor that would turn
away one more unanswerable question, how many answerable ones with their evidence it turns away.

    python benchmarks/relevance_floor.py --set life_en --language en [--json OUT]
    python benchmarks/relevance_floor.py --set life_cn --language cn [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.evaluation.gold import default_today, read_gold  # noqa: E402
from memory.records import turn_id  # noqa: E402
from memory.retriever import EbbinghausRetriever  # noqa: E402
from memory.seed_format import import_banks, read_bank  # noqa: E402
from memory.store import MemoryStore  # noqa: E402


def best(rows: list[dict], key: str) -> list[float]:
    return sorted(max(r[key]) if r[key] else 0.0 for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", required=True, help="a folder of eval_data/, e.g. life_en")
    ap.add_argument("--language", default="en")
    ap.add_argument("--json")
    a = ap.parse_args()
    folder = Path(__file__).resolve().parents[1] / "eval_data" / a.set
    banks = read_bank(folder / f"bank_{a.set}.json")
    todays = {b.profile.user: default_today(b) for b in banks}
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-floor-") as tmp:
        store = MemoryStore.open(tmp, language=a.language)
        import_banks(store, banks)
        for g in read_gold(folder / f"gold_{a.set}.jsonl"):
            docs = EbbinghausRetriever(store=store, user_id=g.user, k=3, today=todays[g.user],
                                       reinforce=False).recall(g.question)
            evidence = {turn_id(g.user, d, i) for d, i in g.evidence}
            group = ("unanswerable" if g.type == "unanswerable" else
                     "evidence recalled" if any(d.metadata["id"] in evidence for d in docs)
                     else "evidence missed")
            rows.append({"qid": g.qid, "group": group,
                         "similarity": [d.metadata["similarity"] for d in docs],
                         "score": [d.metadata["score"] for d in docs]})
    report = {}
    for key in ("similarity", "score"):
        groups = {name: best([r for r in rows if r["group"] == name], key)
                  for name in ("unanswerable", "evidence recalled", "evidence missed")}
        print(f"best {key} among the recalled, p25 / p50 / p75:")
        for name, xs in groups.items():
            q = [xs[min(len(xs) - 1, int(p * len(xs)))] for p in (0.25, 0.5, 0.75)] if xs else []
            print(f"  {name:18} n={len(xs):3}  " + " / ".join(f"{v:.3f}" for v in q))
        unanswerable, recalled = groups["unanswerable"], groups["evidence recalled"]
        floors = [{"floor": f, "unanswerable_turned_away": sum(x < f for x in unanswerable),
                   "answerable_turned_away": sum(x < f for x in recalled)}
                  for f in sorted(set(unanswerable))[1:]]
        for f in floors:
            print(f"  floor {f['floor']:.3f}: turns away {f['unanswerable_turned_away']}/"
                  f"{len(unanswerable)} unanswerable, {f['answerable_turned_away']}/"
                  f"{len(recalled)} answerable with their evidence recalled")
        report[key] = {"groups": groups, "floors": floors}
    if a.json:
        Path(a.json).write_text(json.dumps({"rows": rows, "report": report}, indent=1,
                                           ensure_ascii=False))


if __name__ == "__main__":
    main()
