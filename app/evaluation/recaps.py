"""Recap evaluation: what the companion replies to "What have I been up to lately?".

People ask a companion that remembers them what they have been doing, and none of the gold sets
asks it. Each user's whole bank is imported; each question of `RECAPS` is asked as that user,
`after` days after their last chat day, each in a new conversation, over the same memory (each
exchange is taken out again once stored). No judge model: the scores are read off the reply, and
the replies and what recall gave them are kept to be read.
- says_back: share of replies that say the question back or only ask ("你最近都在忙些什么？" to
  "我最近都在忙些什么？"): `restates`, or every sentence a question;
- from_memory: share of replies that carry something of the recalled memories that the question
  does not (`carries`): a run of four Chinese characters, or two content words in English;
- guesses: share of replies that guess ("可能", "maybe"), which a recap of things told never needs;
- greets: share of replies that retell a greeting as something done ("5月5日，你告诉我你好，朋友。");
- language_match, chars p50/p95, first_token_ms and reply_s p50/p95.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from langgraph.graph.state import CompiledStateGraph

from memory.language import detect
from memory.seed_format import import_banks, read_bank
from memory.store import MemoryStore

from app.evaluation.gold import EvalDataError, share, spread
from app.evaluation.replies import stream_turn
from app.evaluation.statements import restates, words

RECAPS = {
    "en": ("What have I been up to lately?", "What have I been doing these past few days?",
           "How have things been going for me recently?"),
    "cn": ("我最近都在忙些什么？", "最近我都做了哪些事情呀？", "这几天我过得怎么样？"),
}
_GUESS = {"en": re.compile(r"\b(?:maybe|might|probably|perhaps)\b", re.I),
          "cn": re.compile(r"可能|也许|或许|大概")}
_GREETS = {"en": re.compile(r"\b(?:hi|hello|hey|good (?:morning|evening)|greeted)\b", re.I),
           "cn": re.compile(r"你好|您好|嗨|早上好|晚上好|打招呼|问好")}
_ASKS = re.compile(r"[^.!?。！？\n]+[.!?。！？]*")
_HAN_RUN = 4  # Chinese characters in a row that a reply shares with a memory, no pronoun
_PRONOUN = re.compile(r"[我你您他她它俺咱]")  # in them ("你最近都" is "我最近都" said back)
_EN_WORDS = 2  # English content words that a reply shares with the memories


def only_asks(reply: str) -> bool:
    parts = [p.strip() for p in _ASKS.findall(reply) if p.strip()]
    return bool(parts) and all(p.endswith(("?", "？")) for p in parts)


def carries(reply: str, memories: list[str], question: str, language: str) -> bool:
    """Whether the reply holds something of the memories that the question does not."""
    if language == "cn":
        seen = "".join(memories)
        runs = {reply[i:i + _HAN_RUN] for i in range(len(reply) - _HAN_RUN + 1)}
        return any(re.fullmatch(r"[\u4e00-\u9fff]+", r) and not _PRONOUN.search(r)
                   and r in seen and r not in question for r in runs)
    remembered = {w for m in memories for w in words(m, "en")}
    return len(set(words(reply, "en")) & remembered - set(words(question, "en"))) >= _EN_WORDS


def evaluate_recaps(bank_path: str | Path,
                    companion_factory: Callable[[MemoryStore], CompiledStateGraph],
                    embedding: str = "auto", language: str = "en", users: int | None = None,
                    after: int = 4, progress: Callable[[int], None] | None = None) -> dict:
    """`companion_factory(store)` builds the companion over the imported memory; `users`: the
    bank's first N users that have talked."""
    banks = [b for b in read_bank(bank_path) if any(p.kind == "turn" for p in b.pieces)][:users]
    if not banks:
        raise EvalDataError(f"{bank_path}: no user has talked")
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-eval-recaps-") as tmp:
        store = MemoryStore.open(tmp, embedding=embedding, language=language)
        import_banks(store, banks)
        companion = companion_factory(store)
        for bank in banks:
            user = bank.profile.user
            last = max(date.fromisoformat(p.date) for p in bank.pieces if p.kind == "turn")
            day = (last + timedelta(days=after)).isoformat()
            for question in RECAPS[language]:
                reply, recalled, stored, times = stream_turn(companion, user, question, day,
                                                             language, f"eval-{len(rows)}")
                if stored:
                    store.delete_pieces(user, [stored])
                memories = [m.get("text") or "" for m in recalled]
                rows.append({
                    "user": user, "today": day, "question": question, "reply": reply,
                    "says_back": restates(reply, question, language) or only_asks(reply),
                    "from_memory": carries(reply, memories, question, language),
                    "guesses": bool(_GUESS[language].search(reply)),
                    "greets": bool(_GREETS[language].search(reply)),
                    "language_match": detect(reply, default="?") == language,
                    "chars": len(reply), "recalled": memories, **times})
                if progress:
                    progress(1)
    return summarize(rows)


def summarize(rows: list[dict]) -> dict:
    return {"questions": len(rows), "says_back": share(rows, "says_back"),
            "from_memory": share(rows, "from_memory"), "guesses": share(rows, "guesses"),
            "greets": share(rows, "greets"),
            "language_match": share(rows, "language_match"), "chars": spread(rows, "chars"),
            "first_token_ms": spread(rows, "first_token_ms"), "reply_s": spread(rows, "reply_s"),
            "replies": rows}
