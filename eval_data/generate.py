"""Build the life-like memory-recall sets (bank + gold) from hand-written content.

Run:  .venv/bin/python eval_data/generate.py [SET ...] [--content DIR] [--out DIR] [--allow-small]
With no SET, every folder under the content directory that holds *.json files is built.

Content
-------
``<content>/<set>/*.json`` (merged in file-name order) each hold ``{"users": [...]}``; a user is
``{"name", "meta": {"personality", "hobbies", "speaking_style"}, "start": "YYYY-MM-DD",
"days": N, "events": [...], "distractors": [...], "questions": [...]}``.
- event: ``{"id", "day", "user", "assistant"}``; distractor: the same without ``id``.
  ``day`` is an offset from ``start``; a negative one counts from the end (-1 = last history day).
- question: ``{"type", "question", "answer", "keywords", "evidence": [event ids]}`` plus
  ``"old": [event ids]`` for ``update``. Types: fact, companion, preference, multi, update,
  date, relative, recent, unanswerable.
``<content>/filler_en.json`` / ``filler_cn.json`` hold ``{"exchanges": [{"user", "assistant"}]}``;
a set whose name contains ``_cn`` is Chinese and uses ``filler_cn.json``.

Calendar rules
--------------
- Last history day = start + days - 1; "today" (when questions are asked) = last day + 4.
- Chat days: histories of <= 60 days chat on ~85% of days; longer ones on 2-3 days per
  7-day week. Day 0 and every event/distractor day are always chat days.
- Each chat day gets 2-8 filler exchanges; two BUSY days per user hold 20-40 turns in all
  (one of them, when possible, an event day); a day holding a ``date``-question event gets
  0-2 filler turns and is never busy.
- A filler exchange is used at most once per user, and never one containing a keyword of that
  user's questions. When the pool is too small for the plan, the plan shrinks: large days
  first, then busy days (down to 20 turns), then normal days down to 1 turn, then non-event
  days are dropped. The printout says how often that happened.
- Events and distractors sit at seeded positions among a day's filler; events of one day keep
  their file order.
- Placeholders (filled from the generator's own calendar, question's first evidence event):
  ``{date}`` -> "on March 3" / "3月3日"; ``{weekday}`` -> "last Tuesday" / "上周二" (the event
  must be 5-11 days before today, i.e. day -2 .. -8; Chinese uses the calendar week:
  这周二 / 上周二 / 上上周二); ``{month}`` -> "in March" / "三月" (the month must be one of the
  11 months before today's month, and no other event or distractor of that month may contain a
  keyword of the question).
- ``recent`` questions: every evidence event 5-30 days before today.

Everything random comes from ``random.Random("<set>:<user name>")``, so output is stable byte
for byte. Errors (broken references, keyword clashes, placeholder rules, set size) are all
collected and printed; a set with errors is not written and the exit status is 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = ("fact", "companion", "preference", "multi", "update", "date", "relative", "recent",
         "unanswerable")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
SHORT_HISTORY = 60          # histories up to this many days count as short (daily chats)
BUSY_DAYS = 2
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
WEEKDAYS_CN = ["一", "二", "三", "四", "五", "六", "日"]
EN_STOP = set("""a an the and or but if so of to in on at for from by with about as into over
after before up down out off than then that this these those it its it's i i'm i've i'd me my
mine myself you you're your yours we our us he she his her they them their what which who whom
whose when where why how is are was were be been being am do does did done have has had
having can could will would shall should may might must not no yes there here just again also
very really too any some all one ones remind tell told say said know remember recall
anything something thing things please again ever back once""".split())
CJK = re.compile(r"[\u4e00-\u9fff]")
CN_STOP = set("的了吗呢吧啊我你他她它们是在有和就都也还这那个什么怎么哪一不没上下说过得着把被给")


class ContentError(Exception):
    """A problem in a set's content; carries every message found."""


# ---------------------------------------------------------------- text helpers

def kw_in(keyword: str, text: str) -> bool:
    """Verbatim, case-insensitive: the rule the gold keywords must satisfy in evidence."""
    return keyword.lower() in text.lower()


def kw_clash(keyword: str, text: str) -> bool:
    """Keyword found as a whole token (ASCII edges) so 'tea' does not clash with 'team'."""
    pat = re.escape(keyword.lower())
    if keyword[:1].isascii() and keyword[:1].isalnum():
        pat = r"(?<![a-z0-9])" + pat
    if keyword[-1:].isascii() and keyword[-1:].isalnum():
        pat += r"(?![a-z0-9])"
    return re.search(pat, text.lower()) is not None


def n_words(text: str) -> float:
    """Latin tokens plus CJK characters / 1.5 (about one English word per 1.5 characters)."""
    return len(re.findall(r"[A-Za-z0-9']+", text)) + len(CJK.findall(text)) / 1.5


def content_units(text: str) -> set[str]:
    """Content words (en) or CJK bigrams without function characters (cn), for paraphrase level."""
    text = PLACEHOLDER.sub(" ", text.lower())
    units = {w for w in re.findall(r"[a-z0-9']+", text) if w not in EN_STOP and len(w) > 1}
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        run = "".join(c for c in run if c not in CN_STOP)
        units |= {run[i:i + 2] for i in range(len(run) - 1)}
    return units


# ---------------------------------------------------------------- placeholders

def render_date(d: dt.date, cn: bool) -> str:
    return f"{d.month}月{d.day}日" if cn else f"on {MONTHS_EN[d.month - 1]} {d.day}"


def render_weekday(d: dt.date, today: dt.date, cn: bool) -> str:
    if cn:  # Chinese readers count calendar weeks (Monday first), so say which week it is
        weeks_back = (today - dt.timedelta(days=today.weekday()) -
                      (d - dt.timedelta(days=d.weekday()))).days // 7
        return ["这周", "上周", "上上周"][weeks_back] + WEEKDAYS_CN[d.weekday()]
    return "last " + WEEKDAYS_EN[d.weekday()]


def render_month(d: dt.date, cn: bool) -> str:
    return f"{CN_NUM[d.month]}月" if cn else f"in {MONTHS_EN[d.month - 1]}"


# ---------------------------------------------------------------- loading

def load_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ContentError([f"{path}: cannot read JSON ({exc})"]) from exc


def load_filler(path: Path) -> list[dict]:
    data = load_json(path)
    ex = data.get("exchanges") if isinstance(data, dict) else None
    errors = []
    if not isinstance(ex, list):
        raise ContentError([f"{path}: expected {{\"exchanges\": [...]}}"])
    seen = set()
    for i, e in enumerate(ex):
        if not (isinstance(e, dict) and isinstance(e.get("user"), str) and e["user"].strip()
                and isinstance(e.get("assistant"), str) and e["assistant"].strip()):
            errors.append(f"{path.name} exchange {i}: needs non-empty 'user' and 'assistant'")
        elif e["user"] in seen:
            errors.append(f"{path.name} exchange {i}: duplicate user text")
        else:
            seen.add(e["user"])
    if errors:
        raise ContentError(errors)
    return ex


def load_users(folder: Path) -> list[tuple[str, dict]]:
    users = []
    for path in sorted(folder.glob("*.json")):
        data = load_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("users"), list):
            raise ContentError([f"{path}: expected {{\"users\": [...]}}"])
        users += [(path.name, u) for u in data["users"]]
    return users


# ---------------------------------------------------------------- one user

class UserBuild:
    """Calendar, history and gold of one user; `errors` collects content problems."""

    def __init__(self, set_name: str, src: str, user: dict, cn: bool):
        self.set_name, self.cn, self.u = set_name, cn, user
        self.name = user.get("name") or "?"
        self.where = f"{src} / {self.name}"
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.rng = random.Random(f"{set_name}:{self.name}")
        self.shrunk = False

    def err(self, msg: str) -> None:
        self.errors.append(f"{self.where}: {msg}")

    # -- structure and days
    def check_structure(self) -> bool:
        u = self.u
        for key in ("name", "start", "days", "events", "questions"):
            if key not in u:
                self.err(f"missing '{key}'")
        if self.errors:
            return False
        try:
            self.start = dt.date.fromisoformat(u["start"])
        except (TypeError, ValueError):
            self.err(f"bad start date {u['start']!r}")
            return False
        if not isinstance(u["days"], int) or u["days"] < 1:
            self.err(f"bad days {u['days']!r}")
            return False
        self.ndays = u["days"]
        self.last = self.start + dt.timedelta(days=self.ndays - 1)
        self.today = self.last + dt.timedelta(days=4)
        self.events: dict[str, dict] = {}
        for kind, items in (("event", u["events"]), ("distractor", u.get("distractors", []))):
            for i, e in enumerate(items):
                label = e.get("id", f"#{i}") if isinstance(e, dict) else f"#{i}"
                if not isinstance(e, dict) or not all(
                        isinstance(e.get(k), str) and e[k].strip() for k in ("user", "assistant")):
                    self.err(f"{kind} {label}: needs non-empty 'user' and 'assistant'")
                    continue
                e["_off"] = self.offset(e.get("day"), f"{kind} {label}")
                if kind == "event":
                    if not isinstance(e.get("id"), str) or not e["id"]:
                        self.err(f"event #{i}: missing id")
                    elif e["id"] in self.events:
                        self.err(f"duplicate event id '{e['id']}'")
                    else:
                        self.events[e["id"]] = e
        self.distractors = [d for d in u.get("distractors", [])
                            if isinstance(d, dict) and "_off" in d]
        return True  # later checks skip broken turns, so every problem is reported at once

    def offset(self, day, label: str) -> int | None:
        """Content day (negative counts from the end) -> offset from start, or an error."""
        if not isinstance(day, int) or isinstance(day, bool):
            self.err(f"{label}: day must be an integer, got {day!r}")
            return None
        off = day if day >= 0 else self.ndays + day
        if not 0 <= off < self.ndays:
            self.err(f"{label}: day {day} is outside the {self.ndays}-day history")
            return None
        return off

    def date_of(self, ev: dict) -> dt.date:
        return self.start + dt.timedelta(days=ev["_off"])

    def days_before_today(self, ev: dict) -> int:
        return (self.today - self.date_of(ev)).days

    # -- questions
    def check_questions(self) -> None:
        self.date_days: dict[int, str] = {}
        for qi, q in enumerate(self.u["questions"], 1):
            where = f"question {qi}"
            if not isinstance(q, dict):
                self.err(f"{where}: not an object")
                continue
            t, kws = q.get("type"), q.get("keywords", [])
            ev_ids, old_ids = q.get("evidence", []), q.get("old", [])
            text = q.get("question", "")
            if t not in TYPES:
                self.err(f"{where}: unknown type {t!r}")
                continue
            if not isinstance(text, str) or not text.strip() or not isinstance(q.get("answer"), str):
                self.err(f"{where}: needs 'question' and 'answer' strings")
                continue
            if not (isinstance(kws, list) and all(isinstance(k, str) and k.strip() for k in kws)):
                self.err(f"{where}: keywords must be a list of non-empty strings")
                continue
            if not (isinstance(ev_ids, list) and isinstance(old_ids, list)):
                self.err(f"{where}: 'evidence' and 'old' must be lists of event ids")
                continue
            for eid in ev_ids + old_ids:
                if eid not in self.events:
                    self.err(f"{where}: unknown event id '{eid}'")
            if any(e not in self.events or self.events[e].get("_off") is None
                   for e in ev_ids + old_ids):
                continue
            self.check_shape(where, t, kws, ev_ids, old_ids)
            if t != "unanswerable":
                self.check_keywords(where, kws, ev_ids, old_ids, multi=(t == "multi"))
            self.check_time(where, q, t, text, kws, ev_ids)

    def check_shape(self, where, t, kws, ev_ids, old_ids) -> None:
        if t == "unanswerable":
            if ev_ids or kws:
                self.err(f"{where}: unanswerable needs empty evidence and keywords")
            return
        if not ev_ids:
            self.err(f"{where}: evidence is empty")
        if not 1 <= len(kws) <= 3:
            self.err(f"{where}: needs 1-3 keywords, has {len(kws)}")
        if t == "multi" and len(set(ev_ids)) < 2:
            self.err(f"{where}: multi needs at least 2 evidence events")
        if t == "update":
            if not old_ids:
                self.err(f"{where}: update needs 'old'")
            elif ev_ids and max(self.events[o]["_off"] for o in old_ids) >= min(
                    self.events[e]["_off"] for e in ev_ids):
                self.err(f"{where}: the old value must come before the new one")
        elif old_ids:
            self.err(f"{where}: 'old' is only for update questions")

    def check_keywords(self, where, kws, ev_ids, old_ids, multi: bool) -> None:
        texts = {e: self.events[e]["user"] + "\n" + self.events[e]["assistant"] for e in ev_ids}
        for k in kws:
            holders = [e for e in ev_ids if kw_in(k, texts[e])]
            if not holders:
                self.err(f"{where}: keyword '{k}' is in none of its evidence {ev_ids}")
            elif not multi and len(holders) < len(set(ev_ids)):
                self.warnings.append(f"{self.where}: {where}: keyword '{k}' missing from some "
                                     f"evidence ({sorted(set(ev_ids) - set(holders))})")
            for d in self.distractors:
                if kw_clash(k, d["user"] + "\n" + d["assistant"]):
                    self.err(f"{where}: keyword '{k}' appears in a distractor "
                             f"(day {d.get('day')}: {d['user'][:50]!r}...)")
            for o in old_ids:
                if kw_clash(k, self.events[o]["user"] + "\n" + self.events[o]["assistant"]):
                    self.err(f"{where}: keyword '{k}' appears in the old value '{o}'")

    def check_time(self, where, q, t, text, kws, ev_ids) -> None:
        names = PLACEHOLDER.findall(text)
        allowed = {"date": {"date"}, "relative": {"weekday", "month"}}.get(t, set())
        if set(names) - allowed or len(names) > 1:
            self.err(f"{where}: placeholders {names} not allowed for type {t}")
            return
        if t in allowed and not names:
            self.err(f"{where}: a {t} question needs a placeholder {sorted(allowed)}")
            return
        if t == "recent":
            for e in ev_ids:
                n = self.days_before_today(self.events[e])
                if not 5 <= n <= 30:
                    self.err(f"{where}: recent evidence '{e}' is {n} days before today "
                             f"(needs 5-30, i.e. day -2 .. -27)")
        if not names:
            return
        first = self.events[ev_ids[0]]
        d, n = self.date_of(first), self.days_before_today(first)
        if names[0] == "date":
            other = self.date_days.setdefault(first["_off"], ev_ids[0])
            if other != ev_ids[0]:
                self.err(f"{where}: two date-question events on {d} ('{other}', '{ev_ids[0]}')")
        elif names[0] == "weekday" and not 5 <= n <= 11:
            self.err(f"{where}: {{weekday}} evidence '{ev_ids[0]}' is {n} days before today "
                     f"(needs 5-11, i.e. day -2 .. -8)")
        elif names[0] == "month":
            gap = (self.today.year * 12 + self.today.month) - (d.year * 12 + d.month)
            if not 1 <= gap <= 11:
                self.err(f"{where}: {{month}} evidence '{ev_ids[0]}' is in {d:%Y-%m}, "
                         f"{gap} months before today ({self.today}); needs 1-11")
            same_month = [x for x in list(self.events.values()) + self.distractors
                          if x.get("_off") is not None and x.get("id") not in ev_ids
                          and (self.date_of(x).year, self.date_of(x).month) == (d.year, d.month)]
            for x in same_month:
                if any(kw_clash(k, x["user"] + "\n" + x["assistant"]) for k in kws):
                    self.err(f"{where}: another turn of {d:%Y-%m} shares its keywords "
                             f"({x.get('id', 'distractor')}), 'in {MONTHS_EN[d.month - 1]}' "
                             f"is ambiguous")
        render = {"date": lambda: render_date(d, self.cn),
                  "weekday": lambda: render_weekday(d, self.today, self.cn),
                  "month": lambda: render_month(d, self.cn)}[names[0]]
        if not self.errors:
            q["_filled"] = PLACEHOLDER.sub(lambda m: render(), text)

    # -- calendar
    def plan_days(self, pool_size: int) -> dict[int, int]:
        """Offset -> number of filler turns, for every chat day."""
        rng = self.rng
        special = {}
        for x in list(self.events.values()) + self.distractors:
            special[x["_off"]] = special.get(x["_off"], 0) + 1
        forced = set(special) | {0}
        if self.ndays <= SHORT_HISTORY:
            chat = {o for o in range(self.ndays) if o in forced or rng.random() < 0.85}
        else:  # each 7-day week gets 2-3 chat days, forced days counting toward that quota
            chat = set()
            for w in range(0, self.ndays, 7):
                week = list(range(w, min(w + 7, self.ndays)))
                want = rng.choice((2, 3))
                have = [o for o in week if o in forced]
                rest = [o for o in week if o not in forced]
                chat |= set(have) | set(rng.sample(rest, max(0, min(len(rest), want - len(have)))))
        date_days = set(self.date_days)
        plan = {o: (rng.randint(0, 2) if o in date_days else rng.randint(2, 8))
                for o in sorted(chat)}
        candidates = [o for o in sorted(chat) if o not in date_days]
        with_events = [o for o in candidates if o in special]
        busy = []
        if with_events:  # bury at least one event day among many turns
            busy.append(rng.choice(with_events))
        rest = [o for o in candidates if o not in busy]
        busy += rng.sample(rest, min(len(rest), BUSY_DAYS - len(busy)))
        if len(busy) < BUSY_DAYS:
            self.err(f"not enough chat days for {BUSY_DAYS} busy days")
        for o in busy:
            plan[o] = max(0, rng.randint(20, 40) - special.get(o, 0))
        self.busy = set(busy)
        self.fit(plan, pool_size, special, date_days)
        return plan

    def fit(self, plan, budget, special, date_days) -> None:
        """Shrink the plan until its filler fits the user's pool (no exchange may repeat)."""
        excess = sum(plan.values()) - budget
        if excess <= 0:
            return
        self.shrunk = True
        order = list(plan)
        self.rng.shuffle(order)
        normal = [o for o in order if o not in self.busy and o not in date_days]
        busy_floor = {o: max(0, 20 - special.get(o, 0)) for o in self.busy}
        steps = [(normal, lambda o: 2), ([o for o in order if o in self.busy], busy_floor.get),
                 (normal, lambda o: 1)]
        for days, floor in steps:
            excess = self.level_down(plan, days, floor, excess)
        for o in normal:  # drop whole non-event days, keeping day 0
            if excess <= 0:
                break
            if o not in special and o != 0:
                excess -= plan.pop(o)
        for o in order:  # last resort: event days keep only their events
            if excess <= 0:
                break
            if o in plan and o in special and o not in self.busy:
                cut = min(plan[o], excess)
                plan[o] -= cut
                excess -= cut
        if excess > 0:
            self.err(f"filler pool too small: {budget} usable exchanges, {excess} short")

    @staticmethod
    def level_down(plan, days, floor, excess: int) -> int:
        """Take one turn at a time from the fullest days above their floor."""
        while excess > 0:
            above = [o for o in days if o in plan and plan[o] > floor(o)]
            if not above:
                break
            top = max(plan[o] for o in above)
            for o in above:
                if plan[o] == top and excess > 0:
                    plan[o] -= 1
                    excess -= 1
        return excess

    # -- assembly
    def build(self, filler: list[dict]) -> tuple[dict, list[dict]] | None:
        if not self.check_structure():
            return None
        self.check_questions()
        self.distractors = [d for d in self.distractors if d.get("_off") is not None]
        kws = {k for q in self.u["questions"] if isinstance(q, dict)
               for k in q.get("keywords", []) if isinstance(k, str) and k.strip()}
        usable = [f for f in filler
                  if not any(kw_clash(k, f["user"] + "\n" + f["assistant"]) for k in kws)]
        self.excluded = len(filler) - len(usable)
        for k in sorted(kws):  # a generic keyword silently eats the filler pool: say so
            n = sum(kw_clash(k, f["user"] + "\n" + f["assistant"]) for f in filler)
            if n > 5:
                self.warnings.append(f"{self.where}: keyword '{k}' occurs in {n} filler "
                                     f"exchanges (they are skipped for this user); too generic?")
        if self.errors:
            return None
        plan = self.plan_days(len(usable))
        if self.errors:
            return None
        stream = iter(self.rng.sample(usable, len(usable)))
        history, where_is = {}, {}
        for off, n_fill in sorted(plan.items()):
            turns = [("filler", next(stream)) for _ in range(n_fill)]
            specials = [("event", e) for e in self.events.values() if e["_off"] == off]
            for d in (d for d in self.distractors if d["_off"] == off):
                specials.insert(self.rng.randint(0, len(specials)), ("distractor", d))
            slots = sorted(self.rng.sample(range(len(turns) + len(specials)), len(specials)))
            for slot, item in zip(slots, specials):
                turns.insert(slot, item)
            day = (self.start + dt.timedelta(days=off)).isoformat()
            history[day] = [{"query": x["user"], "response": x["assistant"]} for _, x in turns]
            for i, (kind, x) in enumerate(turns):
                if kind == "event":
                    where_is[x["id"]] = [day, i]
                elif kind == "filler":  # belt and braces for the filter above
                    for k in kws:
                        if kw_clash(k, x["user"] + "\n" + x["assistant"]):
                            self.err(f"keyword '{k}' found in filler turn {day}#{i}")
        self.history = history
        if self.errors:
            return None
        meta = self.u.get("meta", {})
        bank = {"name": self.name, "summary": {}, "personality": {}, "overall_history": "",
                "history": history,
                "meta_information": {"name": self.name,
                                     "personality": meta.get("personality", ""),
                                     "hobbies": meta.get("hobbies", ""),
                                     "speaking_style": meta.get("speaking_style", "")}}
        return bank, self.gold(where_is)

    def gold(self, where_is) -> list[dict]:
        rows = []
        for qi, q in enumerate(self.u["questions"], 1):
            row = {"user": self.name, "qid": None, "question": q.get("_filled", q["question"]),
                   "answer": q["answer"], "keywords": q.get("keywords", []),
                   "evidence": [where_is[e] for e in q.get("evidence", [])], "type": q["type"]}
            if q["type"] == "update":
                row["old"] = [where_is[e] for e in q["old"]]
            rows.append(row)
        return rows


# ---------------------------------------------------------------- one set

def paraphrase_share(q: dict, u: dict) -> float | None:
    """Share of the question's content words found in its evidence text (lower = paraphrased)."""
    ev = [e for e in u["events"] if e.get("id") in q.get("evidence", [])]
    words = content_units(q["question"])
    if not ev or not words:
        return None
    found = content_units(" ".join(e["user"] + " " + e["assistant"] for e in ev))
    return len(words & found) / len(words)


def build_set(name: str, content: Path, out: Path, allow_small: bool) -> bool:
    cn = "_cn" in name
    try:
        filler = load_filler(content / ("filler_cn.json" if cn else "filler_en.json"))
        users = load_users(content / name)
    except ContentError as exc:
        return report_errors(name, exc.args[0])
    errors, warnings, bank, gold, builds = [], [], {}, [], []
    for ui, (src, u) in enumerate(users, 1):
        b = UserBuild(name, src, u, cn)
        if b.name in bank:
            errors.append(f"{src}: duplicate user name '{b.name}'")
            continue
        built = b.build(filler)
        errors += b.errors
        warnings += b.warnings
        if built:
            bank[b.name] = built[0]
            for qi, row in enumerate(built[1], 1):
                row["qid"] = f"{name}-{ui:02d}-{qi:02d}"
            gold += built[1]
            builds.append(b)
            warnings += soft_checks(b)
    min_users, min_q = (10, 150) if "blind" in name else (20, 300)
    n_q = sum(len(u.get("questions", [])) for _, u in users)
    if not allow_small and (len(users) < min_users or n_q < min_q):
        errors.append(f"set has {len(users)} users and {n_q} questions; "
                      f"needs >= {min_users} users and >= {min_q} questions")
    for w in warnings:
        print(f"[{name}] warning: {w}")
    if errors:
        return report_errors(name, errors)
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"bank_{name}.json").write_text(
        json.dumps(bank, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / f"gold_{name}.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold), encoding="utf-8")
    print_stats(name, builds, gold, folder)
    return True


def soft_checks(b: UserBuild) -> list[str]:
    """Spec wishes that do not stop the build but deserve a look."""
    out = []
    nd = len(b.distractors)
    if not 4 <= nd <= 8:
        out.append(f"{b.where}: {nd} distractors (spec: 4-8)")
    types = {q.get("type") for q in b.u["questions"]}
    if len(types) < 6:
        out.append(f"{b.where}: only {len(types)} question types")
    if b.ndays > SHORT_HISTORY:
        answerable = [q for q in b.u["questions"] if q.get("evidence")]
        old = [q for q in answerable
               if b.days_before_today(b.events[q["evidence"][0]]) > 70]
        if answerable and len(old) * 2 < len(answerable):
            out.append(f"{b.where}: {len(old)}/{len(answerable)} questions on events > 70 days "
                       f"before today (spec: at least half)")
    return out


def print_stats(name, builds, gold, folder) -> None:
    turns = [t for b in builds for ts in b.history.values() for t in ts]
    days = sum(len(b.history) for b in builds)
    span = sum(b.ndays for b in builds)
    per_type = {t: sum(r["type"] == t for r in gold) for t in TYPES}
    long_share = sum(n_words(t["response"]) > 100 for t in turns) / max(1, len(turns))
    shares = [s for b in builds for q in b.u["questions"]
              if (s := paraphrase_share(q, b.u)) is not None]
    shrunk = sum(b.shrunk for b in builds)
    excluded = sum(b.excluded for b in builds)
    print(f"[{name}] -> {folder}")
    print(f"  users {len(builds)}, history days {span}, chat days {days}, turns {len(turns)}, "
          f"questions {len(gold)}")
    print("  per type: " + ", ".join(f"{t} {n}" for t, n in per_type.items()))
    print(f"  replies over 100 words: {long_share:.1%}; paraphrase level "
          f"(question content words in evidence): {sum(shares) / max(1, len(shares)):.2f}")
    print(f"  filler: {excluded} exchange-uses skipped for keyword clashes; "
          f"{shrunk}/{len(builds)} users' calendars shrunk to fit the pool")


def report_errors(name: str, errors: list[str]) -> bool:
    print(f"[{name}] NOT written, {len(errors)} error(s):", file=sys.stderr)
    for e in errors:
        print(f"  - {e}", file=sys.stderr)
    return False


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="*", help="set names (default: every content folder)")
    ap.add_argument("--content", type=Path, default=HERE / "content")
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--allow-small", action="store_true",
                    help="skip the minimum users/questions check (for test content)")
    args = ap.parse_args(argv)
    sets = args.sets or sorted(p.name for p in args.content.iterdir()
                               if p.is_dir() and any(p.glob("*.json")))
    if not sets:
        print(f"no content folders under {args.content}", file=sys.stderr)
        return 1
    ok = [build_set(s, args.content, args.out, args.allow_small) for s in sets]
    return 0 if all(ok) else 1


if __name__ == "__main__":
    sys.exit(main())
