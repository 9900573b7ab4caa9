"""Writing pieces: turns as they happen (durable on return, never twice), daily summaries, bulk
loads, and deletes."""
from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from chromadb.api.models.Collection import Collection

from memory.records import MemoryPiece, summary_id, turn_id
from memory.store.chroma import BATCH, to_metadata, to_piece
from memory.store.profiles import Profiles

PROBE = 64  # turn ids looked up at once when finding a day's next turn index


class Writing(Profiles):
    def put(self, pieces: Sequence[MemoryPiece]) -> None:
        """Upserts pieces (ids are stable, so re-writing one replaces it, never duplicates)."""
        by_user: dict[str, list[MemoryPiece]] = {}
        for p in pieces:
            by_user.setdefault(p.user, []).append(p)
        for user, ps in by_user.items():
            with self._undone_if_deleted_meanwhile(user):
                embedding = self.embedding_for(user, ps)
                for i in range(0, len(ps), BATCH):
                    chunk = ps[i:i + BATCH]
                    vectors, packed = self._encode(chunk, embedding)  # slow: outside the lock
                    with self._lock:  # the tombstone check and the write, no delete between
                        self._ensure_profile(user)
                        col = self._collection(user, create=True, embedding=embedding)
                        if (made_with := self._made_with(col)) != embedding:  # made meanwhile
                            embedding = made_with
                            vectors, packed = self._encode(chunk, embedding)
                        col.upsert(
                            ids=[p.id for p in chunk], documents=[p.text for p in chunk],
                            embeddings=vectors, metadatas=[to_metadata(p) | {"sentences": s}
                                                           for p, s in zip(chunk, packed)])

    def put_encoded(self, pieces: Sequence[MemoryPiece], vectors: Sequence[Sequence[float]],
                    sentence_vectors: Sequence[str], extra: Sequence[dict] | None = None) -> None:
        """Adds new pieces of one user with vectors already made (`encode`), as a bulk load
        from elsewhere does; `extra` adds metadata of the caller's own to each."""
        if not pieces:
            return
        user = pieces[0].user
        extra = extra or [{}] * len(pieces)
        with self._undone_if_deleted_meanwhile(user), self._lock:
            self._ensure_profile(user)
            self._collection(user, create=True, embedding=self.embedding_for(user, pieces)).add(
                ids=[p.id for p in pieces], documents=[p.text for p in pieces],
                embeddings=[list(v) for v in vectors],
                metadatas=[to_metadata(p) | {"sentences": s} | e
                           for p, s, e in zip(pieces, sentence_vectors, extra)])

    def add_turn(self, user: str, day: date, query: str, response: str,
                 key: str | None = None, asked: bool = False) -> MemoryPiece:
        """Writes one exchange under `day`; durable when this returns. `asked`: the user asked
        in it for something they had told (`MemoryPiece.asked`).

        `key` names the exchange (the graph passes its message id): a write repeated with the
        same key, as when a run killed after this call returned is resumed, returns the stored
        turn instead of adding it twice. Only the day's last turn is compared, one lookup by id.
        """
        with self._undone_if_deleted_meanwhile(user):
            piece = self._add_turn(user, day.isoformat(), query, response, key,
                                   {"asked": True} if asked else {})
        return piece

    def _add_turn(self, user: str, d: str, query: str, response: str,
                  key: str | None, extra: dict) -> MemoryPiece:
        draft = MemoryPiece(id="", user=user, date=d, kind="turn", query=query, response=response)
        embedding = self.embedding_for(user, [draft])
        text, (vector, packed) = draft.text, self._encode([draft], embedding)
        with self._lock:
            self._ensure_profile(user)
            col = self._collection(user, create=True, embedding=embedding)
            if (made_with := self._made_with(col)) != embedding:  # made meanwhile, otherwise
                vector, packed = self._encode([draft], made_with)
            index = self._next_index(col, user, d)
            if key and index > 0:
                last = col.get(ids=[turn_id(user, d, index - 1)], include=["metadatas"])
                if last["ids"] and last["metadatas"][0].get("key") == key:
                    return to_piece(last["ids"][0], last["metadatas"][0])
            while True:
                # Another process (a second app on the same Chroma server) may take the same
                # index at the same moment. Chroma's `add` keeps the first write of an id and
                # ignores the rest, so a nonce read back tells whose turn holds it.
                piece = MemoryPiece(id=turn_id(user, d, index), user=user, date=d, kind="turn",
                                    index=index, query=query, response=response, key=key or "",
                                    extra=extra)
                nonce = uuid.uuid4().hex
                col.add(ids=[piece.id], documents=[text], embeddings=vector,
                        metadatas=[to_metadata(piece) | {"sentences": packed[0], "nonce": nonce}])
                got = col.get(ids=[piece.id], include=["metadatas"])["metadatas"]
                if got and got[0].get("nonce") == nonce:
                    return piece
                index += 1

    @staticmethod
    def _next_index(col: Collection, user: str, d: str) -> int:
        # Turn ids are "<user>_<date>_<index>", so probing ids chunk by chunk finds the day's
        # next index; a lookup by id stays cheap as a collection grows, a metadata filter not.
        # The first turn of a day asks the metadata, in case imported turns carry other ids.
        base = 0
        while True:
            ids = [turn_id(user, d, i) for i in range(base, base + PROBE)]
            found = col.get(ids=ids, include=[])["ids"]
            if not found and base == 0:
                taken = col.get(where={"date": d}, include=["metadatas"])["metadatas"]
                return max((m["index"] for m in taken if m["kind"] == "turn"), default=-1) + 1
            if ids[-1] not in found:
                return max(int(i.rsplit("_", 1)[1]) for i in found) + 1 if found else base
            base += PROBE

    def put_summary(self, user: str, day: date, text: str, turns: int | None = None,
                    first: int = 0) -> MemoryPiece:
        """Writes (or rewrites) a day's event summary of the turns `first` to `turns` - 1
        (`MemoryPiece.holds`); no count: the whole day."""
        d = day.isoformat()
        extra = {} if turns is None else {"turns": turns} | ({"from": first} if first else {})
        piece = MemoryPiece(id=summary_id(user, d), user=user, date=d, kind="summary", summary=text,
                            extra=extra)
        self.put([piece])
        return piece

    def delete_pieces(self, user: str, ids: Sequence[str]) -> None:
        col = self._collection(user, create=False)
        if col is not None and ids:
            col.delete(ids=list(ids))
