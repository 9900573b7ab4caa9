"""The forgetting sweep: turns the curve forgets are deleted, where their day's summary holds them."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from memory.forgetting import ForgettingCurve
from memory.store.reading import Reading
from memory.store.writing import Writing


class Fading(Reading, Writing):
    def fade(self, curve: ForgettingCurve, today: date,
             users: Sequence[str] | None = None) -> dict[str, int]:
        """Deletes the turns that `curve` forgets as of `today` and that their day's summary
        holds (`MemoryPiece.holds`): a detail fades only into something condensed, so what was
        never summarized stays. Summaries never fade. Returns the turns deleted per user."""
        forgotten: dict[str, int] = {}
        for user in users if users is not None else self.users():
            self.flush(user)  # never under `_lock`: the writer takes it to apply what is queued
            with self._lock:
                held = {p.date: p for p in self._stored_pieces(user, kind="summary")}
                gone = [p.id for p in self._stored_pieces(user, kind="turn")
                        if p.date in held and held[p.date].holds(p)
                        and curve.forgets(p.id, p.recalled_on, p.strength, today)]
                self.delete_pieces(user, gone)
            forgotten[user] = len(gone)
        return forgotten
