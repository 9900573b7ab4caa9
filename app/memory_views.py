"""What the web companion shows and does with one user's memory, kept out of the UI file:
forgetting-curve series, the day-by-day reflection view, and import restricted to the user."""
from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

from memory.forgetting import ForgettingCurve
from memory.records import MemoryPiece, Profile
from memory.seed_format import SeedFormatError, import_banks, parse_bank
from memory.store import MemoryStore


class ImportRefused(ValueError):
    """The file is valid but does not say which of its entries to bring in."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names) or "nobody")
        self.names = names


def ensure_profile(store: MemoryStore, user: str, name: str) -> None:
    """Makes a new account's profile, which tells the companion what to call it (its memory is
    keyed by the account's id, not by its name)."""
    if store.profile(user) is None:
        store.save_profile(Profile(user=user, name=name))


def curve_points(pieces: list[MemoryPiece], curve: ForgettingCurve, today: date,
                 limit: int = 12, step: int = 1) -> list[dict]:
    """Retention of the most recently recalled turns, from their creation to a month past
    today: strength 1 from creation to the last recall, then the current strength from there
    (the store keeps the last recall, not each one). One row per memory and day, plus a marked
    row at the last recall when the memory was ever reinforced."""
    turns = sorted((p for p in pieces if p.kind == "turn"),
                   key=lambda p: (p.last_recall_date, p.date, p.index), reverse=True)[:limit]
    rows = []
    for p in turns:
        made, last = p.day, p.recalled_on
        label = f"{p.date} · {p.query[:40]}"
        d = made
        while d <= today + timedelta(days=30):
            start, s = (made, 1) if d < last else (last, p.strength)
            rows.append({"memory": label, "day": d.isoformat(),
                         "retention": round(curve.retention(start, s, d), 4),
                         "recall": False})
            d += timedelta(days=step)
        if p.strength > 1:
            rows.append({"memory": label, "day": last.isoformat(), "retention": 1.0,
                         "recall": True})
    return rows


def recalled_view(recalled: list[dict]) -> list[dict]:
    """The memories recalled for a reply, as the page shows them: a turn by the user's own
    words (the companion's reply goes under `reply`, folded away on the page), a summary by its
    text."""
    return [{"date": m.get("date"), "kind": m.get("kind"),
             "text": (m.get("query") or m.get("text", "")) if m.get("kind") == "turn"
             else m.get("text", ""),
             "similarity": m.get("similarity"), "retention": m.get("retention"),
             "strength": m.get("strength"), "reply": m.get("response") or ""}
            for m in recalled]


def days_view(store: MemoryStore, user: str) -> list[dict]:
    """Each day with a summary or a personality reading, newest first."""
    profile = store.profile(user)
    summaries = {p.date: p.summary for p in store.pieces(user, kind="summary")}
    personality = profile.personality if profile else {}
    return [{"date": d, "summary": summaries.get(d, ""), "personality": personality.get(d, "")}
            for d in sorted(set(summaries) | set(personality), reverse=True)]


def bank_entries(raw: bytes) -> dict:
    """The entries of a MemoryBank file, by user. Raises SeedFormatError."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise SeedFormatError(f"not a JSON file: {e}") from None
    parse_bank(data)  # the whole file is checked before anything is written
    return data


def import_for_user(store: MemoryStore, raw: bytes, user: str, entry: str | None = None,
                    name: str | None = None,
                    progress: Callable[[float], None] | None = None) -> int:
    """Brings one entry of a MemoryBank file (`entry`; may be left out when the file holds only
    one) into the memory of `user`, the signed-in account, and nothing of the other entries:
    an explicit import is how memory written elsewhere (the command line, another agent) comes
    into an account. `name` is what the companion calls the user (default: the entry's name).
    `progress` gets the share done. Raises SeedFormatError (malformed; nothing written) or
    ImportRefused (no entry chosen among several, or one the file lacks)."""
    data = bank_entries(raw)
    if entry is None and len(data) == 1:
        entry = next(iter(data))
    if entry not in data:
        raise ImportRefused(sorted(data))
    mine = dict(data[entry])
    mine["name"] = name or mine.get("name") or entry
    bank = parse_bank({user: mine})
    total, done = max(bank[0].turns, 1), [0]

    def advance(n: int) -> None:
        done[0] += n
        if progress:
            progress(min(1.0, done[0] / total))

    return import_banks(store, bank, advance)[user]
