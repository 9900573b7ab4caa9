"""The whole companion's answers to gold questions, scored by a judge model (correctness and
coherence, 0 / 0.5 / 1 each), as the paper scored them."""
from __future__ import annotations

import json
import re
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from memory.seed_format import import_banks, read_bank
from memory.store import MemoryStore

from app.evaluation.gold import EvalDataError, check_evidence, default_today, read_gold

SCORES = (0.0, 0.5, 1.0)


def parse_judgement(text: str) -> dict[str, float]:
    """{"correctness": s, "coherence": s} from the judge's reply; ValueError if absent."""
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
