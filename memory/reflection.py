"""Reflection: each day condensed into an event summary and a personality reading, rolled up into
the overall summary and portrait (the hierarchical half of MemoryBank).

Incremental and crash-safe:
- a day is summarized once it has ended (or on demand, or when enough of today's turns piled
  up), and again only if turns were added to it since;
- a failed or empty generation stores nothing and the day is retried on the next pass;
- the overall texts are written afresh from the latest `overall_days` days' texts, so their cost
  does not grow with the history and they describe the user as they are lately (older days stay
  findable: recall searches every day's summary);
- every write is a whole text (a summary piece, then the profile), in an order that a crash at
  any point leaves a state the next pass completes: nothing half-written, no turn touched.

The prompt templates come from the caller (prompts/), so memory/ stays free of the rest.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from memory.background import user_lock
from memory.records import MemoryPiece, Profile, summary_id
from memory.store import MemoryStore


@dataclass
class ReflectionReport:
    summarized: list[str] = field(default_factory=list)  # days given a summary or personality
    failed: dict[str, str] = field(default_factory=dict)  # day (or "overall") -> why
    overall_updated: bool = False

    def as_dict(self) -> dict:
        return {"summarized": self.summarized, "failed": self.failed,
                "overall_updated": self.overall_updated}


@dataclass
class Day:
    """A day's turns as the reflection prompts read them."""
    dialogue: str  # both speakers, turn by turn
    said: str  # the user's words alone
    replied: str  # the companion's alone ("" if it said nothing)


@dataclass
class Reflector:
    store: MemoryStore
    model: BaseChatModel
    prompts: Mapping[str, str]  # one language's templates (prompts.reflection.REFLECTION[lang])
    every: int = 20  # today's unsummarized turns that warrant a summary before the day ends
    max_chars: int = 8000  # of a day's dialogue shown to the model (the latest part is kept)
    tags: tuple[str, ...] = ()  # passed to the model's calls ("background" yields to replies)
    # The overall texts read this many of the latest days. Asked to update its previous text
    # with the new days, the bundled model copied the old text and the portrait never moved on
    # from the first day (EVALUATION.md, "The overall summary and portrait").
    overall_days: int = 7
    overall_tokens: int = 360  # the overall summary's length budget: six sentences, in Chinese too
    # The portrait in two short parts: a sentence of traits from the latest days, then two of
    # how the user feels lately and how to respond now, from the last `lately_days` readings.
    # Asked for the whole portrait at once, the bundled model walked through the days (437
    # Chinese characters, "曹志强性格开朗，乐观向上" three times; EVALUATION.md, "A portrait in
    # two parts").
    lately_days: int = 2
    traits_tokens: int = 80
    lately_tokens: int = 120

    def due(self, user: str, today: date, turns_today: int) -> bool:
        """Cheap check after a turn on `today`: has a day ended, or have enough turns piled up,
        since the last pass?"""
        with user_lock(user):
            profile = self.store.profile(user)
            if profile is None:
                return False
            r, t = profile.reflection, today.isoformat()
            if r.pending_from and t < r.pending_from:  # a turn dated before the pending days
                r.pending_from = t
                self.store.save_profile(profile)
            return r.checked != t or turns_today - r.checked_turns >= self.every

    def reflect(self, user: str, today: date, *, include_today: bool | None = None,
                progress: Callable[[str, int, int], None] | None = None) -> ReflectionReport:
        """Summarizes the days that need it, then folds the new days into the overall texts.
        `progress(day, done, total)` follows the days with turns it checks (a day summarized
        before and unchanged is checked and passed over).
        `include_today`: True summarizes today too; None does when `every` turns piled up.
        Holds the user's lock throughout: the profile it reads is the one it writes back."""
        with user_lock(user):
            return self._reflect(user, today, include_today, progress)

    def _reflect(self, user: str, today: date, include_today: bool | None,
                 progress: Callable[[str, int, int], None] | None) -> ReflectionReport:
        report = ReflectionReport()
        profile = self.store.profile(user)
        if profile is None:
            return report
        r = profile.reflection
        since = date.fromisoformat(r.pending_from) if r.pending_from else None
        turns: dict[str, list[MemoryPiece]] = {}
        for p in self.store.pieces(user, kind="turn", since=since):
            turns.setdefault(p.date, []).append(p)
        summaries = {p.date: p for p in self.store.pieces(user, kind="summary", since=since)}
        t = today.isoformat()
        if include_today is None:
            include_today = len(turns.get(t, [])) - _covered(summaries.get(t), 0) >= self.every

        days = sorted(x for x in turns if x < t or (include_today and x == t))
        for done, d in enumerate(days, 1):
            self._reflect_day(profile, d, turns[d], summaries.get(d), report)
            if progress:
                progress(d, done, len(days))
        self._fold(profile, report)

        failed_days = [d for d in report.failed if d != "overall"]
        r.pending_from = min(failed_days + [t])
        r.checked, r.checked_turns = t, len(turns.get(t, []))
        self.store.save_profile(profile)
        return report

    # -- steps ----------------------------------------------------------------------------------
    def _generate(self, intent: str, max_tokens: int | None = None, **fields) -> str:
        budget = {"max_tokens": max_tokens} if max_tokens else {}
        reply = self.model.invoke([HumanMessage(self.prompts[intent].format(**fields))],
                                  config={"tags": list(self.tags)}, **budget)
        text = whole_sentences(reply.text.strip())
        if not text:
            raise ValueError("the model returned an empty text")
        return text

    def _dialogue(self, user: str, day_turns: list[MemoryPiece]) -> tuple[Day, int]:
        """The day's latest turns that fit in `max_chars`, and how many earlier ones were left
        out (the summary does not hold those, so forgetting must keep them)."""
        lines = [self.prompts["dialogue_turn"].format(user=user, query=p.query,
                                                      response=p.response or "…")
                 for p in day_turns]
        kept, size = len(lines), 0
        while kept and size + len(lines[kept - 1]) + 1 <= self.max_chars:
            kept -= 1
            size += len(lines[kept]) + 1
        if kept == len(lines):  # the last turn alone is over budget: its end, held by nothing
            last = day_turns[-1]
            return Day(lines[-1][-self.max_chars:], self._said([last.query[-self.max_chars:]]),
                       ""), len(lines)
        turns = day_turns[kept:]
        return Day("\n".join(lines[kept:]), self._said([p.query for p in turns]),
                   self._said([p.response for p in turns])), kept

    def _said(self, texts: list[str | None]) -> str:
        """One speaker's words of the day, a line each."""
        return "\n".join(self.prompts["said_line"].format(text=" ".join(t.split()))
                         for t in texts if t and t.strip())

    def _events(self, name: str, d: str, day: Day) -> str:
        """The day's summary: what the user told, then what the companion recommended or
        suggested, each written from that speaker's words alone (`prompts.reflection`)."""
        events = self._generate("daily_events", user=name, date=d, lines=day.said)
        advice = self._generate("daily_advice", user=name, date=d, lines=day.replied) \
            if day.replied else ""
        if re.fullmatch(r"\W*" + re.escape(self.prompts["no_advice"]) + r"\W*", advice, re.I):
            return events
        return self.prompts["daily_summary"].format(events=events, advice=advice)

    def _reflect_day(self, profile: Profile, d: str, day_turns: list[MemoryPiece],
                     summary: MemoryPiece | None, report: ReflectionReport) -> bool:
        user, name = profile.user, profile.name or profile.user  # prompts say the name, not the id
        stale = summary is None or _covered(summary, len(day_turns)) < len(day_turns)
        if not stale and d in profile.personality:
            return False
        day, left_out = self._dialogue(name, day_turns)
        try:
            events = self._events(name, d, day) if stale else summary.summary
            personality = self._generate("daily_personality", user=name, date=d,
                                         dialogue=day.dialogue) \
                if stale or d not in profile.personality else profile.personality[d]
        except Exception as e:  # any model failure: store nothing for this day, retry next pass
            report.failed[d] = f"{type(e).__name__}: {e}"
            return False
        if stale:  # the summary piece first: a crash before the profile write redoes only this
            # `from` is a turn index: indexes can have gaps where a memory was deleted.
            first = day_turns[left_out].index if left_out < len(day_turns) \
                else day_turns[-1].index + 1
            self.store.put_summary(user, date.fromisoformat(d), events, turns=len(day_turns),
                                   first=first)
        profile.personality[d] = personality
        if d not in profile.reflection.unfolded:
            profile.reflection.unfolded.append(d)
        self.store.save_profile(profile)
        report.summarized.append(d)
        return True

    def _fold(self, profile: Profile, report: ReflectionReport) -> None:
        if not profile.reflection.unfolded:
            return
        days = sorted(set(profile.personality) | set(profile.reflection.unfolded))
        days = days[-self.overall_days:]
        fresh = {p.date: p for p in self.store.pieces(profile.user, kind="summary",
                                                      since=date.fromisoformat(days[0]))}
        line, none = self.prompts["new_day"], self.prompts["none_yet"]
        events = "\n".join(line.format(date=d, text=fresh[d].summary) for d in days if d in fresh)
        moods = [line.format(date=d, text=profile.personality[d]) for d in days
                 if d in profile.personality]
        name = profile.name or profile.user
        try:
            overall = self._generate("overall_events", self.overall_tokens, user=name,
                                     new=events or none)
            portrait = self._portrait(name, moods)
        except Exception as e:
            report.failed["overall"] = f"{type(e).__name__}: {e}"
            return
        profile.overall_history, profile.overall_personality = overall, portrait
        profile.reflection.unfolded = []
        self.store.save_profile(profile)  # both overall texts in one write
        report.overall_updated = True

    def _portrait(self, name: str, moods: list[str]) -> str:
        """The traits the latest days' readings share, then the mood of the last ones and how to
        respond: each part held to its sentences, so the portrait cannot run on."""
        none = self.prompts["none_yet"]
        traits = self._generate("portrait_traits", self.traits_tokens, user=name,
                                new="\n".join(moods) or none)
        lately = self._generate("portrait_lately", self.lately_tokens, user=name,
                                new="\n".join(moods[-self.lately_days:]) or none)
        return self.prompts["portrait"].format(traits=first_sentences(traits, 1),
                                               lately=first_sentences(lately, 2))


# The end of a sentence, closing quotes or brackets included: a Chinese mark anywhere; an English
# one before a space, but not a title's full stop ("Dr. Li").
_SENTENCE_END = re.compile(r"(?:[。！？…]|(?:[!?]|(?<![A-Z][a-z])\.)(?=[\"'”’)]*(?:\s|$)))"
                           r"[\"'”’)）」』]*")
_LIST_NUMBER = re.compile(r"(?:^|\n)\s*\d+$")  # "5" before "5. 2023-05-01": no sentence's end


def whole_sentences(text: str) -> str:
    """`text` without an unfinished last sentence: a text cut off by its length budget ("…
    《百年孤独》。\n5. 2023-05-01") ends at its last whole one. A text with no sentence end at all
    is kept as it is."""
    ends = [m for m in _SENTENCE_END.finditer(text) if not _LIST_NUMBER.search(text, 0, m.start())]
    if not ends or ends[-1].end() == len(text):
        return text
    return text[:ends[-1].end()].rstrip()


def first_sentences(text: str, n: int) -> str:
    """The first `n` sentences of `text` on one line (a text with fewer is kept whole)."""
    ends = list(_SENTENCE_END.finditer(text))
    if len(ends) >= n:
        text = text[:ends[n - 1].end()]
    text = re.sub(r"(?<=[。！？…])\s+", "", text.strip())  # no gap between Chinese sentences
    return " ".join(text.split())


def forget_pieces(store: MemoryStore, user: str, ids: Sequence[str]) -> list[str]:
    """Deletes pieces of `user`, and with them what was condensed from them: the summary and
    personality reading of each day a deleted turn came from, and the overall texts (which may
    have read those days). The next reflection pass writes them again from what remains.
    Returns the days made stale."""
    with user_lock(user):
        gone = [p for p in store.pieces(user) if p.id in set(ids)]
        days = sorted({p.date for p in gone})
        store.delete_pieces(user, [p.id for p in gone] + [summary_id(user, d) for d in days])
        profile = store.profile(user)
        if profile is not None and days:
            for d in days:
                profile.personality.pop(d, None)
            r = profile.reflection
            r.unfolded = sorted({p.date for p in store.pieces(user, kind="summary")}
                                | set(profile.personality))
            r.pending_from = min([days[0]] + ([r.pending_from] if r.pending_from else []))
            profile.overall_history, profile.overall_personality = "", None
            store.save_profile(profile)
        return days


def _covered(summary: MemoryPiece | None, default: int) -> int:
    """Turns a summary covers; an imported summary (no count) is taken as covering its day."""
    if summary is None:
        return 0
    return int(summary.extra.get("turns", default))
