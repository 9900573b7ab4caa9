"""Gold-labelled questions about a memory bank: reading them, checking them against the bank,
and the day each is asked on.

Gold JSONL: {"user", "qid", "question", "answer", "evidence": [["YYYY-MM-DD", turn_index], ...],
"type", optional "keywords": [...]}; turn_index is the 0-based position in that day's history. A
question with no evidence is unanswerable. Each question is asked as its user on `today` (default:
four days after that user's last history day, as in the paper).
"""
from __future__ import annotations

import statistics

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from memory.records import MemoryPiece, turn_id
from memory.seed_format import UserBank


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


def foreign_questions(golds: list[Gold], per_user: int, seed: int = 0) -> list[Gold]:
    """Each user asked `per_user` answerable questions of the set's other users (a seeded draw),
    as unanswerable questions of type "foreign": their people and places are not in this user's
    memory, though a topic may be ("What car do I drive now?"). What recall brings for them is
    the best of the unrelated, unless a relevance floor holds it back."""
    users = list(dict.fromkeys(g.user for g in golds))
    draw = random.Random(seed)
    out = []
    for u in users:
        others = [g for g in golds if g.user != u and g.evidence]
        out += [Gold(u, f"foreign-{u}-{g.qid}", g.question, "", (), "foreign")
                for g in draw.sample(others, min(per_user, len(others)))]
    return out


ASKED_BEFORE = ("declined", "unmarked")


def ask_before(banks: list[UserBank], golds: list[Gold], todays: dict[str, date], reply: str,
               how: str) -> None:
    """Each answerable question put into its user's history as asked once before, 1-10 days
    before that user's `todays`, and answered `reply` ("I don't think you've told me."): a
    user who asks again. `how`: "declined" marks the turn as the graph marks a question for
    something told (`MemoryPiece.asked`); "unmarked" leaves it as a store written before the
    mark."""
    if how not in ASKED_BEFORE:
        raise EvalDataError(f"--asked-before must be one of {', '.join(ASKED_BEFORE)}")
    by_user = {b.profile.user: b for b in banks}
    for i, g in enumerate(q for q in golds if q.evidence):
        bank = by_user[g.user]
        day = (todays[g.user] - timedelta(days=1 + i % 10)).isoformat()
        index = 1 + max((p.index for p in bank.pieces if p.date == day and p.kind == "turn"),
                        default=-1)
        bank.pieces.append(MemoryPiece(
            id=turn_id(g.user, day, index), user=g.user, date=day, kind="turn", index=index,
            query=g.question, response=reply,
            extra={"asked": True} if how == "declined" else {}))


WHEN = ("month", "week")
_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_WHEN_SAID = {"en": {"month": " It was in {month_name}.", "week": " It was {weeks} weeks ago."},
              "cn": {"month": "是{month}月份的事。", "week": "是{weeks}周前的事。"}}


def name_when(golds: list[Gold], todays: dict[str, date], how: str, language: str) -> list[Gold]:
    """The answerable questions whose evidence lies in one calendar month (`how` "month", within
    the last eleven) or one Monday-Sunday week (`how` "week", two or more weeks back), each
    with that time said after it, as a user adds it ("What did the vet say? It was in March.",
    "…？是3月份的事。"); the others are left out, and so are those that already name a time
    (a day, "recently"), so that a question names one. The time comes from the gold evidence."""
    from memory.query import read_query

    if how not in WHEN:
        raise EvalDataError(f"--when must be one of {', '.join(WHEN)}")
    said = _WHEN_SAID.get(language, _WHEN_SAID["en"])[how]
    out = []
    for g in golds:
        today = todays[g.user]
        asked = read_query(g.question, today)
        if not g.evidence or asked.spans or asked.hints or asked.recap:
            continue
        days = sorted({date.fromisoformat(d) for d, _ in g.evidence})
        if how == "month":
            months = {12 * d.year + d.month for d in days}
            if len(months) > 1 or not 0 <= 12 * today.year + today.month - min(months) <= 11:
                continue
            extra = said.format(month=days[0].month, month_name=_MONTHS[days[0].month - 1])
        else:
            mondays = {d - timedelta(days=d.weekday()) for d in days}
            weeks = ((today - timedelta(days=today.weekday())) - min(mondays)).days // 7
            if len(mondays) > 1 or weeks < 2:
                continue
            extra = said.format(weeks=weeks)
        out.append(Gold(g.user, g.qid, g.question + extra, g.answer, g.evidence, g.type,
                        g.keywords))
    return out


def default_today(bank: UserBank) -> date:
    days = bank.profile.history_dates or [p.date for p in bank.pieces]
    return date.fromisoformat(max(days)) + timedelta(days=4)


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] if xs else 0.0


def share(rows: list[dict], key: str) -> float:
    """Share of `rows` whose `key` is true."""
    return round(statistics.fmean(bool(r[key]) for r in rows), 4)


def spread(rows: list[dict], key: str) -> dict:
    """Median and 95th percentile of `key` over `rows`."""
    xs = [r[key] for r in rows]
    return {"p50": statistics.median(xs), "p95": percentile(xs, 95)}
