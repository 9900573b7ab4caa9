"""Reflection off the reply path: per-user locks for profile writes, and a worker that runs each
user's reflection in the background, one at a time per user.

A reply must never wait for a summary. The graph hands the pass to `ReflectionWorker.submit`
and returns; "Summarize now" and the command line go through the same worker or the same lock,
so two passes over one user never interleave their profile writes.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

BACKGROUND = "background"  # the tag of model calls made off the reply path; they yield to replies
_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()


def user_lock(user: str) -> threading.RLock:
    """The process-wide lock held while a user's profile is read, changed and written back."""
    with _locks_guard:
        return _locks.setdefault(user, threading.RLock())


@dataclass
class _Slot:
    thread: threading.Thread
    again: Callable[[], object] | None = None  # the newest pass asked for while one ran
    done: threading.Event = field(default_factory=threading.Event)


class ReflectionWorker:
    """Runs reflection passes in daemon threads (a pass killed with the process is redone by the
    next one: the reflector is crash-safe), at most one per user at a time. A pass asked for
    while one runs is kept (only the newest) and runs right after it."""

    def __init__(self) -> None:
        self._slots: dict[str, _Slot] = {}
        self._guard = threading.Lock()
        self.last: dict[str, object] = {}  # user -> the last pass's result (or exception)
        self.progress: dict[str, tuple[str, int, int]] = {}  # user -> (day, done, total) now

    def report(self, user: str) -> Callable[[str, int, int], None]:
        """A `progress(day, done, total)` callback for a pass of `user`, read from `progress`."""
        return lambda day, done, total: self.progress.__setitem__(user, (day, done, total))

    def submit(self, user: str, work: Callable[[], object]) -> bool:
        """Queues `work` (a reflection pass of `user`); True if it started now, False if it
        will run after the pass in progress."""
        with self._guard:
            slot = self._slots.get(user)
            if slot is not None:
                slot.again = work
                return False
            thread = threading.Thread(target=self._run, args=(user, work), daemon=True,
                                      name=f"reflect-{user}")
            self._slots[user] = _Slot(thread)
            thread.start()
            return True

    def _run(self, user: str, work: Callable[[], object]) -> None:
        while True:
            self.progress.pop(user, None)
            try:
                self.last[user] = work()
            except Exception as e:  # kept for whoever asks; the next pass retries
                self.last[user] = e
            with self._guard:
                slot = self._slots[user]
                work, slot.again = slot.again, None
                if work is None:
                    del self._slots[user]
                    slot.done.set()
                    return

    def running(self, user: str) -> bool:
        with self._guard:
            return user in self._slots

    def wait(self, user: str, timeout: float | None = None) -> bool:
        """Waits for the user's passes to finish; True if none is running any more."""
        with self._guard:
            slot = self._slots.get(user)
        return slot is None or slot.done.wait(timeout)


_default: ReflectionWorker | None = None


def default_worker() -> ReflectionWorker:
    """The process's worker, shared by every graph and page in it."""
    global _default
    with _locks_guard:
        if _default is None:
            _default = ReflectionWorker()
        return _default
