"""Changing a user's embedding model: their memory re-embedded into a staging collection that
replaces the old one only when complete, so a crash at any point loses nothing."""
from __future__ import annotations

from collections.abc import Callable

from chromadb.errors import NotFoundError

from memory.store.chroma import BATCH, SENTENCE_VECTORS, collection_name, staging_name, to_piece
from memory.store.deletion import Deletion
from memory.store.reading import Reading


class Reembedding(Reading, Deletion):
    def _written_as(self, user: str) -> dict | None:
        # The metadata of a user's collection, or of the complete copy a crashed reembed left.
        for name in (collection_name(user), staging_name(user)):
            try:
                return self.client.get_collection(name).metadata or {}
            except (NotFoundError, ValueError):
                continue
        return None

    def embedded_with(self, user: str) -> str | None:
        """The embedding model a user's memory was written with; None if they have none."""
        meta = self._written_as(user)
        return None if meta is None else meta.get("embedding", "")

    def needs_reembed(self, user: str) -> bool:
        """Written with another model, or before pieces kept their sentence vectors."""
        meta = self._written_as(user)
        return meta is not None and (meta.get("embedding") not in self._allowed()
                                     or not meta.get(SENTENCE_VECTORS))

    def reembed(self, user: str, progress: Callable[[int], None] | None = None) -> int:
        """Re-embeds a user's memory with this store's model (opened with "auto": the model for
        the language the memory is in); returns the pieces re-embedded.

        The new vectors go into a staging collection that replaces the old one only when it is
        complete: a crash before that leaves the old memory whole, a crash after the swap's
        delete leaves the staging collection whole, and running this again finishes either.
        """
        name, staging = collection_name(user), staging_name(user)
        self.check_alive(user)
        self.flush(user)
        with self._lock:
            self._collections.pop(name, None)
            try:
                old = self.client.get_collection(name)
            except (NotFoundError, ValueError):
                old = None
            if old is None:  # crashed between delete and rename: the staging copy is complete
                try:
                    self.client.get_collection(staging).modify(name=name)
                except (NotFoundError, ValueError):
                    return 0
                return self.count(user)
            try:
                self.client.delete_collection(staging)  # a half-made copy from a crashed run
            except (NotFoundError, ValueError):
                pass
            got = old.get(include=["metadatas"])
            pieces = [to_piece(i, m) for i, m in zip(got["ids"], got["metadatas"])]
            embedding = self._embedding_for_language(pieces)
            new = self._new_collection(staging, user, embedding, create=True)
            for i in range(0, len(pieces), BATCH):
                chunk = pieces[i:i + BATCH]
                vectors, packed = self._encode(chunk, embedding)
                new.add(ids=[p.id for p in chunk], documents=[p.text for p in chunk],
                        embeddings=vectors,
                        metadatas=[m | {"sentences": s} for m, s in
                                   zip(got["metadatas"][i:i + BATCH], packed)])
                if progress:
                    progress(len(chunk))
            self.client.delete_collection(name)
            new.modify(name=name)
            return len(pieces)
