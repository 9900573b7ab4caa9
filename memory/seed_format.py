"""Import and export of the MemoryBank JSON format (the paper's memory_bank_*.json).

Reads every form found in the wild: user keys with stray spaces (trimmed), turns as
{"query", "response"} or as [query, response], summaries and personalities as {"content": ...}
or plain strings, the forgetting fields (memory_strength, last_recall_date, memory_id), empty
days. The whole file is checked before anything is written, so a malformed file changes nothing.
Export writes one canonical form: dict turns, {"content": ...} entries, and the forgetting
fields only where they differ from a fresh memory's, so export(import(f)) == f for such files.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from memory.dates import parse_day
from memory.records import MemoryPiece, Profile, summary_id, turn_id
from memory.store import MemoryStore

FORGETTING_FIELDS = ("memory_strength", "last_recall_date", "memory_id")
KNOWN_USER_KEYS = {"name", "summary", "personality", "overall_history", "overall_personality",
                   "history", "meta_information"}


class SeedFormatError(ValueError):
    """A malformed memory file; names the user, date and field at fault."""

    def __init__(self, message: str, user: str | None = None, day: str | None = None,
                 field: str | None = None) -> None:
        where = ", ".join(x for x in (f"user {user!r}" if user is not None else "",
                                      f"date {day}" if day else "",
                                      f"field {field!r}" if field else "") if x)
        super().__init__(f"{where}: {message}" if where else message)
        self.user, self.day, self.field = user, day, field


@dataclass
class UserBank:
    profile: Profile
    pieces: list[MemoryPiece] = field(default_factory=list)

    @property
    def turns(self) -> int:
        return sum(p.kind == "turn" for p in self.pieces)


def _day(value: Any, user: str, where: str) -> str:
    try:
        return parse_day(value).isoformat()
    except ValueError as e:
        raise SeedFormatError(str(e), user, None, where) from None


def _text(value: Any, user: str, day: str | None, where: str) -> str:
    if not isinstance(value, str):
        raise SeedFormatError(f"expected text, got {type(value).__name__}", user, day, where)
    return value


def _forgetting(entry: dict, user: str, day: str, where: str, default_id: str) -> dict:
    out: dict[str, Any] = {"id": default_id, "strength": 1, "last_recall_date": day}
    if "memory_strength" in entry:
        s = entry["memory_strength"]
        if isinstance(s, bool) or not isinstance(s, (int, float)) or s < 1 or int(s) != s:
            raise SeedFormatError(f"memory_strength must be an integer >= 1, got {s!r}",
                                  user, day, f"{where}.memory_strength")
        out["strength"] = int(s)
    if "last_recall_date" in entry:
        out["last_recall_date"] = _day(entry["last_recall_date"], user, f"{where}.last_recall_date")
    if "memory_id" in entry:
        out["id"] = _text(entry["memory_id"], user, day, f"{where}.memory_id")
        if not out["id"]:
            raise SeedFormatError("memory_id is empty", user, day, f"{where}.memory_id")
    return out


def _turn(raw: Any, user: str, day: str, i: int) -> MemoryPiece:
    where = f"history[{day}][{i}]"
    if isinstance(raw, list):
        if len(raw) != 2:
            raise SeedFormatError(f"a list-form turn has 2 items, not {len(raw)}", user, day, where)
        raw = {"query": raw[0], "response": raw[1]}
    if not isinstance(raw, dict):
        raise SeedFormatError(f"a turn is an object or a [query, response] list, got "
                              f"{type(raw).__name__}", user, day, where)
    for key in ("query", "response"):
        if key not in raw:
            raise SeedFormatError("missing", user, day, f"{where}.{key}")
    f = _forgetting(raw, user, day, where, turn_id(user, day, i))
    extra = {k: v for k, v in raw.items() if k not in ("query", "response", *FORGETTING_FIELDS)}
    return MemoryPiece(id=f["id"], user=user, date=day, kind="turn", index=i,
                       query=_text(raw["query"], user, day, f"{where}.query"),
                       response=_text(raw["response"], user, day, f"{where}.response"),
                       strength=f["strength"], last_recall_date=f["last_recall_date"], extra=extra)


def _content(raw: Any, user: str, day: str, where: str) -> tuple[str, dict]:
    """A summary or personality entry: a string or {"content": ..., [forgetting fields]}."""
    if isinstance(raw, str):
        return raw, {}
    if isinstance(raw, dict) and "content" in raw:
        unknown = set(raw) - {"content", *FORGETTING_FIELDS}
        if unknown:
            raise SeedFormatError(f"unknown keys {sorted(unknown)}", user, day, where)
        return _text(raw["content"], user, day, f"{where}.content"), raw
    raise SeedFormatError("expected text or {\"content\": text}", user, day, where)


def _mapping(value: Any, user: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise SeedFormatError(f"expected an object keyed by date, got {type(value).__name__}",
                              user, None, where)
    return value


def parse_user(key: str, raw: Any) -> UserBank:
    user = key.strip()
    if not user:
        raise SeedFormatError(f"user key {key!r} is empty")
    if not isinstance(raw, dict):
        raise SeedFormatError(f"expected an object, got {type(raw).__name__}", user)
    name = raw.get("name")
    if name is not None and not isinstance(name, str):
        raise SeedFormatError("expected text", user, None, "name")
    meta = raw.get("meta_information")
    if meta is not None and not isinstance(meta, dict):
        raise SeedFormatError("expected an object", user, None, "meta_information")
    overall_history = raw.get("overall_history", "")
    overall_personality = raw.get("overall_personality")
    for key_, val in (("overall_history", overall_history),
                      ("overall_personality", overall_personality)):
        if val is not None and not isinstance(val, str):
            raise SeedFormatError(f"expected text, got {type(val).__name__}", user, None, key_)

    profile = Profile(user=user, name=name, meta_information=meta,
                      overall_history=overall_history or "",
                      overall_personality=overall_personality,
                      extra={k: v for k, v in raw.items() if k not in KNOWN_USER_KEYS})
    bank = UserBank(profile)
    ids: set[str] = set()

    history = _mapping(raw.get("history", {}), user, "history")
    for day_raw, turns in history.items():
        day = _day(day_raw, user, "history")
        if not isinstance(turns, list):
            raise SeedFormatError(f"a day's history is a list of turns, got {type(turns).__name__}",
                                  user, day, f"history[{day}]")
        profile.history_dates.append(day)
        for i, t in enumerate(turns):
            bank.pieces.append(_turn(t, user, day, i))

    for day_raw, entry in _mapping(raw.get("summary", {}), user, "summary").items():
        day = _day(day_raw, user, "summary")
        text, fields = _content(entry, user, day, f"summary[{day}]")
        f = _forgetting(fields, user, day, f"summary[{day}]", summary_id(user, day))
        bank.pieces.append(MemoryPiece(id=f["id"], user=user, date=day, kind="summary",
                                       summary=text, strength=f["strength"],
                                       last_recall_date=f["last_recall_date"]))

    for day_raw, entry in _mapping(raw.get("personality", {}), user, "personality").items():
        day = _day(day_raw, user, "personality")
        profile.personality[day] = _content(entry, user, day, f"personality[{day}]")[0]

    for p in bank.pieces:
        if p.id in ids:
            raise SeedFormatError(f"memory_id {p.id!r} is used twice", user, p.date, "memory_id")
        ids.add(p.id)
    return bank


def parse_bank(data: Any) -> list[UserBank]:
    """Checks a whole memory file; raises SeedFormatError on the first fault."""
    if not isinstance(data, dict):
        raise SeedFormatError(f"a memory file is an object keyed by user, got {type(data).__name__}")
    banks, seen = [], {}
    for key, raw in data.items():
        if not isinstance(key, str):
            raise SeedFormatError(f"user key {key!r} is not text")
        bank = parse_user(key, raw)
        if bank.profile.user in seen:
            raise SeedFormatError(f"keys {seen[bank.profile.user]!r} and {key!r} name the same user",
                                  bank.profile.user)
        seen[bank.profile.user] = key
        banks.append(bank)
    return banks


def read_bank(path: str | Path) -> list[UserBank]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise SeedFormatError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise SeedFormatError(f"{path}: not valid JSON: {e.msg} at line {e.lineno}, "
                              f"column {e.colno}") from None
    return parse_bank(data)


def import_banks(store: MemoryStore, banks: list[UserBank],
                 progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Writes parsed banks; pieces are upserted by id, so importing twice changes nothing.
    A user's profile is replaced by the file's, keeping the days already known."""
    written = {}
    for bank in banks:
        old = store.profile(bank.profile.user)
        if old is not None:
            bank.profile.history_dates = sorted(set(old.history_dates) | set(bank.profile.history_dates))
        store.save_profile(bank.profile)
        for i in range(0, len(bank.pieces), 256):
            chunk = bank.pieces[i:i + 256]
            store.put(chunk)
            if progress:
                progress(sum(p.kind == "turn" for p in chunk))
        written[bank.profile.user] = bank.turns
    return written


def import_file(store: MemoryStore, path: str | Path,
                progress: Callable[[int], None] | None = None) -> dict[str, int]:
    return import_banks(store, read_bank(path), progress)


def _with_forgetting(entry: dict, p: MemoryPiece, default_id: str) -> dict:
    if p.strength != 1 or p.last_recall_date != p.date or p.id != default_id:
        entry.update(memory_strength=p.strength, last_recall_date=p.last_recall_date,
                     memory_id=p.id)
    return entry


def export_user(store: MemoryStore, user: str) -> dict:
    """One user's memory in the seed format (the value under the user's key)."""
    profile = store.profile(user)
    if profile is None:
        raise KeyError(f"no memory for user {user!r}")
    pieces = store.pieces(user)
    days = sorted(set(profile.history_dates) | {p.date for p in pieces if p.kind == "turn"})
    history: dict[str, list] = {d: [] for d in days}
    summary: dict[str, dict] = {}
    for p in pieces:
        if p.kind == "turn":
            entry = {"query": p.query, "response": p.response, **p.extra}
            history[p.date].append(_with_forgetting(entry, p, turn_id(user, p.date, p.index)))
        else:
            summary[p.date] = _with_forgetting({"content": p.summary}, p, summary_id(user, p.date))
    out: dict[str, Any] = {}
    if profile.name is not None:
        out["name"] = profile.name
    out["summary"] = summary
    out["personality"] = {d: {"content": t} for d, t in sorted(profile.personality.items())}
    out["overall_history"] = profile.overall_history
    if profile.overall_personality is not None:
        out["overall_personality"] = profile.overall_personality
    out["history"] = history
    if profile.meta_information is not None:
        out["meta_information"] = profile.meta_information
    out.update(profile.extra)
    return out


def export_bank(store: MemoryStore, users: list[str] | None = None) -> dict:
    return {u: export_user(store, u) for u in (users if users is not None else store.users())}
