"""Recall strengthens a piece: strength +1, and its forgetting clock restarts on the day."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from memory.records import MemoryPiece
from memory.reinforcement import ReinforcementQueue
from memory.store.chroma import Match, to_piece
from memory.store.collections import Collections


class Strength(Collections):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reinforcer = ReinforcementQueue(self._strengthen)

    def reinforce(self, user: str, ids: Iterable[str], today: date) -> list[MemoryPiece]:
        """Strengthens the pieces now and returns them as they are after."""
        self.flush(user)
        return self._strengthen(user, dict.fromkeys(ids, 1), today)

    def reinforce_soon(self, user: str, ids: Iterable[str], today: date) -> None:
        """`reinforce`, written by a background thread (`memory.reinforcement`): a recall
        returns without waiting. `flush` waits for it."""
        self._reinforcer.put(user, ids, today)

    def flush(self, user: str | None = None) -> None:
        """Waits until queued reinforcements (of `user`, or of everyone) are written."""
        self._reinforcer.flush(user)

    def _with_queued(self, user: str, read: Callable[[], list[Match]]) -> list[Match]:
        """What `read()` finds of the user's memory, with their queued reinforcements counted
        in as `_strengthen` will write them: a recall need not wait for the writer."""
        with self._reinforcer.view(user) as (queued, day):
            found = read()
        if not queued:
            return found
        return [m._replace(piece=m.piece.model_copy(update={
                    "strength": m.piece.strength + queued[m.piece.id],
                    "last_recall_date": day.isoformat()}))
                if m.piece.id in queued else m for m in found]

    def _strengthen(self, user: str, times: dict[str, int], today: date) -> list[MemoryPiece]:
        if not times:
            return []
        with self._lock:
            col = self._collection(user, create=False)
            if col is None:
                return []
            got = col.get(ids=list(times), include=["metadatas"])
            # Chroma merges the keys an update names into the stored metadata: only the two
            # that change are sent, not the sentence vectors.
            changed = [{"strength": m["strength"] + times[i], "last_recall_date": today.isoformat()}
                       for i, m in zip(got["ids"], got["metadatas"])]
            if got["ids"]:
                col.update(ids=got["ids"], metadatas=changed)
            return [to_piece(i, m | c) for i, m, c in zip(got["ids"], got["metadatas"], changed)]
