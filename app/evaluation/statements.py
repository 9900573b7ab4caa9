"""Statement evaluation: what the companion replies when the user tells it something.

Most of what people say to a companion tells rather than asks ("My best friend is moving to
Canada next month."). Each user's last chat day is held out of the bank; the rest is imported,
and the day's messages that ask nothing (no question mark) are sent on that day through the whole
graph, each in a new conversation, over the same memory (each exchange is taken out again once
stored). No judge model: the scores are read off the reply, and the replies are kept to be read.
- restates: share of replies with a sentence that says the message back, most of its words the
  message's own (`restates`): "Leo is moving to Canada next month." to that message;
- echo: mean share of a reply's words that are the message's (`words`);
- asks_back: share of replies with a question in them (a friend's usual answer to news);
- sentences p50/p95 and chars p50/p95 (the prompt asks for one to three short sentences);
- repeats_itself: share of replies that copy a long run (`RECITAL` characters) of one of the
  companion's own earlier replies among the recalled memories: old advice given again to news it
  does not fit ("Old photos are like little time capsules…" to an afternoon's jigsaw puzzle);
- language_match, stage_directions, recites_prompt, recites (as `app.evaluation.replies`);
- leaks_format: share of replies with a memory line's own words ("told you:", "你回答：").
"""
from __future__ import annotations

import re
import statistics
import tempfile
from collections.abc import Callable
from pathlib import Path

from langgraph.graph.state import CompiledStateGraph

from memory.language import detect
from memory.seed_format import UserBank, import_banks, read_bank
from memory.store import MemoryStore

from app.evaluation.gold import EvalDataError, share, spread
from app.evaluation.replies import has_stage_directions, recites, recites_prompt, \
    stream_turn
from prompts.companion import COMPANION

# Words that carry no content of their own, pronouns first: the reply says "you" where the
# message said "I", so a said-back sentence shares its other words only.
_STOP = frozenset("""
i me my mine myself you your yours yourself we us our ours he him his she her it its they them
their a an the and or but so if of to in on at for with from by as is am are was were be been
being have has had do does did not no that this these those there here what which who how when
where why just really very too also about up out all some any can could will would should may
might must i'm you're it's that's i've you've i'll you'll don't didn't can't won't isn't
""".split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_PRONOUNS = re.compile(r"[我你您他她它俺咱]")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
RESTATED = 0.8  # a sentence this much the message's words is the message said back
UNITS = 3  # ...when it has at least this many words (a bare "Leo!" says nothing back)


def words(text: str, language: str) -> list[str]:
    """The words of `text` that carry content: English words but the stop list; Chinese pairs of
    adjacent characters (it has no spaces) with no pronoun in them."""
    if language == "cn":
        return [run[i:i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)
                if not _PRONOUNS.search(run[i:i + 2])]
    return [w for w in _WORD.findall(text.replace("\u2019", "'").lower()) if w not in _STOP]


def echo(reply: str, message: str, language: str) -> float:
    """Share of the reply's content words that are the message's own."""
    said, theirs = words(reply, language), set(words(message, language))
    return sum(w in theirs for w in said) / len(said) if said else 0.0


def restates(reply: str, message: str, language: str) -> bool:
    """Whether a sentence of the reply is the message said back: at least `UNITS` content words,
    `RESTATED` of them the message's."""
    theirs = set(words(message, language))
    for sentence in _SENTENCE.findall(reply):
        said = words(sentence, language)
        if len(said) >= UNITS and sum(w in theirs for w in said) / len(said) >= RESTATED:
            return True
    return False


def repeats_itself(reply: str, recalled: list[dict], language: str) -> bool:
    """Whether the reply copies `RECITAL` characters or more, verbatim, of an earlier reply of
    the companion's among the recalled memories."""
    return recites(reply, [{"kind": "turn", "query": m.get("response") or ""} for m in recalled
                           if m.get("kind") == "turn"], language)


def sentences(reply: str) -> int:
    return sum(1 for s in _SENTENCE.findall(reply) if s.strip(" .!?。！？\"“”'"))


def _format_words(language: str) -> list[str]:
    """The fixed words of a memory line in the prompt ("told you:", "You replied:")."""
    t = COMPANION[language]
    parts = re.split(r"\{[a-z_]+\}", t["memory_turn"] + t["memory_user_only"])
    return [p.strip(" -\"“”") for p in parts if len(p.strip(" -\"“”")) >= 3]


def leaks_format(reply: str, language: str) -> bool:
    return any(p in reply for p in _format_words(language))


def statements_of(bank: UserBank, per_user: int) -> tuple[UserBank, str, list[str]]:
    """The bank without its last chat day, that day, and up to `per_user` of its messages that
    ask nothing."""
    turns = [p for p in bank.pieces if p.kind == "turn"]
    if not turns:
        return bank, "", []
    last = max(p.date for p in turns)
    told = [p.query.strip() for p in sorted(turns, key=lambda p: p.index)
            if p.date == last and p.query.strip() and not re.search(r"[?？]", p.query)]
    profile = bank.profile.model_copy(update={
        "history_dates": [d for d in bank.profile.history_dates if d != last],
        "personality": {d: v for d, v in bank.profile.personality.items() if d != last}})
    return (UserBank(profile=profile, pieces=[p for p in bank.pieces if p.date != last]), last,
            told[:per_user])


def evaluate_statements(bank_path: str | Path,
                        companion_factory: Callable[[MemoryStore], CompiledStateGraph],
                        embedding: str = "auto", language: str = "en", users: int | None = None,
                        per_user: int = 3, progress: Callable[[int], None] | None = None) -> dict:
    """`companion_factory(store)` builds the companion over the imported memory; `users`: the
    bank's first N users."""
    held = [statements_of(b, per_user) for b in read_bank(bank_path)[:users]]
    held = [h for h in held if h[2]]
    if not held:
        raise EvalDataError(f"{bank_path}: no user's last day holds a message that asks nothing")
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-eval-statements-") as tmp:
        store = MemoryStore.open(tmp, embedding=embedding, language=language)
        import_banks(store, [bank for bank, _, _ in held])
        companion = companion_factory(store)
        for bank, day, told in held:
            for message in told:
                row = _tell(companion, bank.profile.user, day, message, language,
                            f"eval-{len(rows)}")
                if stored := row.pop("stored"):
                    store.delete_pieces(bank.profile.user, [stored])
                rows.append(row)
                if progress:
                    progress(1)
    return summarize(rows)


def _tell(companion: CompiledStateGraph, user: str, day: str, message: str, language: str,
          thread: str) -> dict:
    reply, recalled, stored, times = stream_turn(companion, user, message, day, language, thread)
    lang = detect(message)
    return {"user": user, "today": day, "message": message, "reply": reply,
            "restates": restates(reply, message, lang),
            "echo": round(echo(reply, message, lang), 3),
            "asks_back": bool(re.search(r"[?？]", reply)),
            "sentences": sentences(reply), "chars": len(reply),
            "language_match": detect(reply, default="?") == lang,
            "stage_directions": has_stage_directions(reply),
            "recites_prompt": recites_prompt(reply, lang, user),
            "recites": recites(reply, recalled, lang),
            "repeats_itself": repeats_itself(reply, recalled, lang),
            "leaks_format": leaks_format(reply, lang),
            "recalled": [m.get("id") for m in recalled], "stored": stored, **times}


def summarize(rows: list[dict]) -> dict:
    return {"statements": len(rows), "restates": share(rows, "restates"),
            "echo": round(statistics.fmean(r["echo"] for r in rows), 4),
            "asks_back": share(rows, "asks_back"), "sentences": spread(rows, "sentences"),
            "chars": spread(rows, "chars"), "language_match": share(rows, "language_match"),
            "stage_directions": share(rows, "stage_directions"),
            "recites_prompt": share(rows, "recites_prompt"), "recites": share(rows, "recites"),
            "repeats_itself": share(rows, "repeats_itself"),
            "leaks_format": share(rows, "leaks_format"),
            "first_token_ms": spread(rows, "first_token_ms"), "reply_s": spread(rows, "reply_s"),
            "replies": rows}
