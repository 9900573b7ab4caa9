"""The MemoryBank as a LangGraph long-term store (`BaseStore`), for agents of any shape.

A user's memories live under the namespace `("memories", user_id)`; nothing else is a
namespace here, and every operation names one user, so one user's agent can never read
another's memories.

- `put(ns, key, {"query": ..., "response": ...})` remembers an exchange (`{"content": ...}`
  remembers a note), on `value["date"]` (YYYY-MM-DD) or today; putting the same key again
  rewrites it in place, keeping its strength; a value of None deletes it.
- `get(ns, key)`: the memory put under `key` (or with that piece id).
- `search(ns, query=...)` recalls as the companion does: the Ebbinghaus ranking, and each
  memory found is reinforced (strength + 1, its forgetting restarts). Without a query it lists
  the memories, newest first, filtered by exact values if asked.
- `delete(ns, key)` forgets the memory and what was condensed from it (its day's summary).
- `list_namespaces()`: one `("memories", user_id)` per user with memories.

An item's value holds `kind` ("turn" or "summary"), `date`, `query`, `response`, `summary`,
`strength` and `last_recall_date`; a search's items carry the recall score.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date, datetime, timezone
from typing import Any

from langgraph.store.base import (BaseStore, GetOp, InvalidNamespaceError, Item, ListNamespacesOp,
                                  Op, PutOp, Result, SearchItem, SearchOp)

from memory.forgetting import ForgettingCurve
from memory.records import MemoryPiece
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore
from memory.dates import parse_day
from memory.reflection import forget_pieces

PREFIX = "memories"


def _user(namespace: tuple[str, ...]) -> str:
    if len(namespace) != 2 or namespace[0] != PREFIX or not namespace[1]:
        raise InvalidNamespaceError(
            f"namespace {namespace!r}: this store holds only ({PREFIX!r}, user_id)")
    return namespace[1]


def _when(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=timezone.utc)


def _value(p: MemoryPiece) -> dict[str, Any]:
    return {"kind": p.kind, "date": p.date, "query": p.query, "response": p.response,
            "summary": p.summary, "strength": p.strength, "last_recall_date": p.last_recall_date}


def _item(p: MemoryPiece, score: float | None = None, searched: bool = False) -> Item:
    args = dict(namespace=(PREFIX, p.user), key=p.key or p.id, value=_value(p),
                created_at=_when(p.date), updated_at=_when(p.last_recall_date))
    return SearchItem(**args, score=score) if searched else Item(**args)


def _matches(value: dict[str, Any], where: dict[str, Any] | None) -> bool:
    ops = {"$eq": lambda a, b: a == b, "$ne": lambda a, b: a != b, "$gt": lambda a, b: a > b,
           "$gte": lambda a, b: a >= b, "$lt": lambda a, b: a < b, "$lte": lambda a, b: a <= b}
    for field, want in (where or {}).items():
        have = value.get(field)
        tests = want.items() if isinstance(want, dict) else [("$eq", want)]
        if have is None or not all(ops[op](have, arg) for op, arg in tests):
            return False
    return True


class MemoryBankStore(BaseStore):
    """`BaseStore` over a `MemoryStore`. `recaller(user, k)` makes the retriever a search uses
    (default: the Ebbinghaus retriever with `curve`); `clock` gives today."""

    supports_ttl = False

    def __init__(self, store: MemoryStore, curve: ForgettingCurve | None = None,
                 recaller: Callable[[str, int], EbbinghausRetriever] | None = None,
                 clock: Callable[[], date] = date.today) -> None:
        self.store = store
        self.clock = clock
        curve = curve or ForgettingCurve()
        self.recaller = recaller or (lambda user, k: EbbinghausRetriever(
            store=store, user_id=user, k=k, curve=curve, clock=clock))

    # -- the operations ---------------------------------------------------------------------
    def batch(self, ops: Iterable[Op]) -> list[Result]:
        return [self._run(op) for op in ops]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        # Chroma and the embedding models block: off the event loop.
        return await asyncio.to_thread(self.batch, list(ops))

    def _run(self, op: Op) -> Result:
        if isinstance(op, GetOp):
            piece = self.store.find(_user(op.namespace), op.key)
            return None if piece is None else _item(piece)
        if isinstance(op, PutOp):
            return self._put(_user(op.namespace), op.key, op.value)
        if isinstance(op, SearchOp):
            return self._search(op)
        if isinstance(op, ListNamespacesOp):
            return self._namespaces(op)
        raise TypeError(f"unknown store operation {type(op).__name__}")

    def _put(self, user: str, key: str, value: dict[str, Any] | None) -> None:
        old = self.store.find(user, key)
        if value is None:
            if old is not None:
                forget_pieces(self.store, user, [old.id])
            return
        query = str(value.get("query", value.get("content", "")))
        response = str(value.get("response", ""))
        if not query.strip():
            raise ValueError("a memory needs a non-empty 'query' or 'content'")
        if old is not None:  # rewritten in place: same id, strength and date
            self.store.put([old.model_copy(update={"query": query, "response": response})])
            return
        day = parse_day(value["date"]) if value.get("date") else self.clock()
        self.store.add_turn(user, day, query, response, key=key)

    def _search(self, op: SearchOp) -> list[SearchItem]:
        if op.namespace_prefix[:1] != (PREFIX,) or len(op.namespace_prefix) != 2:
            raise InvalidNamespaceError(
                f"search {op.namespace_prefix!r}: name one user, ({PREFIX!r}, user_id)")
        user = _user(op.namespace_prefix)
        if op.query:
            docs = self.recaller(user, op.offset + op.limit).recall(op.query, self.clock())
            found = [(self.store.find(user, d.metadata["id"]), d.metadata["score"]) for d in docs]
            found = [(p, s) for p, s in found if p is not None and _matches(_value(p), op.filter)]
            return [_item(p, s, searched=True) for p, s in found[op.offset:]]
        pieces = [p for p in reversed(self.store.pieces(user)) if _matches(_value(p), op.filter)]
        return [_item(p, searched=True) for p in pieces[op.offset:op.offset + op.limit]]

    def _namespaces(self, op: ListNamespacesOp) -> list[tuple[str, ...]]:
        spaces = [(PREFIX, u) for u in self.store.users()]
        for condition in op.match_conditions or ():
            n = len(condition.path)
            part = (lambda ns: ns[:n]) if condition.match_type == "prefix" else (lambda ns: ns[-n:])
            spaces = [ns for ns in spaces if len(ns) >= n and all(
                want in ("*", have) for want, have in zip(condition.path, part(ns)))]
        if op.max_depth is not None:
            spaces = sorted(set(ns[:op.max_depth] for ns in spaces))
        return spaces[op.offset:op.offset + op.limit]
