"""Reinforcement off the recall path: a recall queues what it returned, and one writer thread
per store strengthens it, so that nobody waits for the write.

Queued recalls of one user are merged (a piece recalled twice gains 2), and the writer applies
them under the store's lock, so counts stay exact with many recalls at once. `flush` waits until
what was queued is written; the store calls it before it reads or changes a user's memory
wholesale, and at exit.
"""
from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date

log = logging.getLogger(__name__)

Apply = Callable[[str, dict[str, int], date], object]  # (user, {id: recalls}, last recall day)
IDLE_S = 2.0  # a writer with nothing to do for this long ends; the next recall starts another
_live: weakref.WeakSet = weakref.WeakSet()


@atexit.register
def _flush_all() -> None:
    for queue in list(_live):
        queue.flush(timeout=30)


class ReinforcementQueue:
    def __init__(self, apply: Apply) -> None:
        self._apply = apply
        self._pending: dict[str, tuple[Counter, date]] = {}
        self._busy: set[str] = set()
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None

    def put(self, user: str, ids: Iterable[str], today: date) -> None:
        with self._cond:
            counts, day = self._pending.get(user, (Counter(), today))
            counts.update(dict.fromkeys(ids, 1))
            self._pending[user] = (counts, max(day, today))
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
            return self._cond.wait_for(done, timeout)

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._cond.wait_for(lambda: self._pending, IDLE_S):
                    self._thread = None  # idle: let the store (and this queue) be collected
                    return
                user = next(iter(self._pending))  # the longest waiting first
                counts, day = self._pending.pop(user)
                self._busy.add(user)
            try:
                self._apply(user, dict(counts), day)
            except Exception:  # a lost reinforcement is a small loss; a dead writer is not
                log.exception("reinforcing %d memories of a user failed", len(counts))
            finally:
                with self._cond:
                    self._busy.discard(user)
                    self._cond.notify_all()
