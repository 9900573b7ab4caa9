"""Reinforcement off the recall path: a recall queues what it returned, and one writer thread
per store strengthens it, so that nobody waits for the write.

Queued recalls of one user are merged (a piece recalled twice gains 2), and the writer applies
them under the store's lock, so counts stay exact with many recalls at once. The writer waits for
a quiet moment (no recall queued for `QUIET_S`, or a user's oldest queued recall `LONGEST_S`
old): a Chroma write slows every read beside it three- to fourfold, and several users recalling
at once then pay for each other's writes (BENCHMARKS.md). Meanwhile a recall reads its user's
queued counts with the stored ones (`view`), so it ranks as if they were written. `flush` waits
until what was queued is written (and has it written at once); the store calls it before it
reads or changes a user's memory wholesale, and at exit.
"""
from __future__ import annotations

import atexit
import contextlib
import logging
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date

log = logging.getLogger(__name__)

Apply = Callable[[str, dict[str, int], date], object]  # (user, {id: recalls}, last recall day)
IDLE_S = 2.0  # a writer with nothing to do for this long ends; the next recall starts another
QUIET_S = 0.05  # written once no recall has been queued for this long,
LONGEST_S = 1.0  # or once a user's oldest queued recall is this old
_live: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:
    for queue in list(_live):
        queue.flush(timeout=30)


class ReinforcementQueue:
    def __init__(self, apply: Apply) -> None:
        self._apply = apply
        self._pending: dict[str, tuple[Counter, date]] = {}
        self._since: dict[str, float] = {}  # when a user's oldest queued recall came
        self._last = 0.0  # when the last recall was queued
        self._busy: set[str] = set()
        self._readers: Counter = Counter()  # users being read (`view`): not written meanwhile
        self._urgent: Counter = Counter()  # users someone waits for (`flush`); None: everyone
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def put(self, user: str, ids: Iterable[str], today: date) -> None:
        with self._cond:
            counts, day = self._pending.get(user, (Counter(), today))
            counts.update(dict.fromkeys(ids, 1))
            self._pending[user] = (counts, max(day, today))
            self._last = time.monotonic()
            self._since.setdefault(user, self._last)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="reinforce", daemon=True)
                self._thread.start()
                _live.add(self)
            self._cond.notify_all()

    def flush(self, user: str | None = None, timeout: float | None = None) -> bool:
        """Waits until the queued reinforcements (of `user`, or all) are written; False if
        `timeout` ran out first."""
        def done() -> bool:
            if user is None:
                return not self._pending and not self._busy
            return user not in self._pending and user not in self._busy

        with self._cond:
            self._urgent[user] += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(done, timeout)
            finally:
                self._urgent[user] -= 1
                if not self._urgent[user]:
                    del self._urgent[user]

    @contextlib.contextmanager
    def view(self, user: str) -> Iterator[tuple[dict[str, int], date | None]]:
        """The user's queued recalls ({id: count}, last day) for a read of the stored pieces
        inside the `with`: none of them is written meanwhile (one being written is waited for),
        so stored and queued counts add up exactly."""
        with self._cond:
            self._cond.wait_for(lambda: user not in self._busy)
            self._readers[user] += 1
            counts, day = self._pending.get(user, (Counter(), None))
            queued = dict(counts)
        try:
            yield queued, day
        finally:
            with self._cond:
                self._readers[user] -= 1
                if not self._readers[user]:
                    del self._readers[user]
                self._cond.notify_all()

    def _next(self) -> tuple[str | None, float]:
        """The user to write now, or None and how long to wait before asking again."""
        now, wait = time.monotonic(), IDLE_S
        for user in self._pending:  # the longest waiting first
            if self._readers[user]:
                continue  # a reader wakes the writer when done
            if self._urgent[None] or self._urgent[user]:
                return user, 0.0
            due = min(self._last + QUIET_S, self._since[user] + LONGEST_S)
            if due <= now:
                return user, 0.0
            wait = min(wait, due - now)
        return None, wait

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    user, wait = self._next()
                    if user is not None:
                        break
                    if self._pending:
                        self._cond.wait(wait)
                    elif not self._cond.wait_for(lambda: self._pending, IDLE_S):
                        self._thread = None  # idle: let the store (and this queue) be collected
                        return
                counts, day = self._pending.pop(user)
                del self._since[user]
                self._busy.add(user)
            try:
                self._apply(user, dict(counts), day)
            except Exception:  # a lost reinforcement is a small loss; a dead writer is not
                log.exception("reinforcing %d memories of a user failed", len(counts))
            finally:
                with self._cond:
                    self._busy.discard(user)
                    self._cond.notify_all()
