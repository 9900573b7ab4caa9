"""Deleting a user for good: a tombstone first, that every later write checks, then their
collections and profile, then what Chroma's files still keep of them."""
from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from chromadb.errors import NotFoundError

from memory.store.chroma import UserDeleted, collection_name, staging_name, tombstone_id
from memory.store.erasure import scrub_files
from memory.store.strength import Strength

log = logging.getLogger(__name__)


class Deletion(Strength):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._deleted: set[str] = set()  # users known to be deleted for good

    def is_deleted(self, user: str) -> bool:
        """Whether `user` was deleted for good, by this process or any other on the store."""
        if user in self._deleted:
            return True
        if self._tombstones().get(ids=[tombstone_id(user)], include=[])["ids"]:
            self._deleted.add(user)
            return True
        return False

    def check_alive(self, user: str) -> None:
        """Raises UserDeleted if `user` was deleted for good; every write checks."""
        if self.is_deleted(user):
            raise UserDeleted(f"user {user!r} was deleted for good; their memory cannot be "
                              f"written again (use another user id)")

    def delete_user(self, user: str) -> bool:
        """Deletes every piece and the profile of `user` for good, including a re-embedding's
        staging copy, and leaves a tombstone (the user id's hash) so that nothing can be
        written for them again: not by another session, a reflection already running or a
        queued reinforcement. Embedded, it also scrubs the deleted text from Chroma's files.
        True if there was anything."""
        with self._lock:  # writes check the tombstone under this lock: none slips past
            self._tombstones().upsert(ids=[tombstone_id(user)], documents=[""],
                                      embeddings=[[1.0]], metadatas=[{"deleted": True}])
            self._deleted.add(user)
        self.flush(user)  # queued reinforcements find no collection and write nothing
        with self._lock:
            existed = self._drop(user)
            if self.disk is not None:
                try:
                    scrub_files(self.disk, user)
                except sqlite3.Error as e:  # the delete holds; the bytes wait for the next scrub
                    log.warning("could not scrub Chroma's file after deleting a user: %s", e)
            return existed

    def _drop(self, user: str) -> bool:
        """Deletes the user's collection, staging copy and profile; True if any existed."""
        existed = False
        for name in (collection_name(user), staging_name(user)):
            self._collections.pop(name, None)
            try:
                self.client.delete_collection(name)
                existed = True
            except (NotFoundError, ValueError):
                pass
        if self._profiles().get(ids=[user], include=[])["ids"]:
            self._profiles().delete(ids=[user])
            existed = True
        return existed

    @contextmanager
    def _undone_if_deleted_meanwhile(self, user: str) -> Iterator[None]:
        """Wraps a write to a Chroma server, where another process's `delete_user` may come
        between the write's tombstone check and the write, which would then outlive the delete.
        The tombstone is written before anything is deleted, so looking again after the write
        settles it: no tombstone yet, and the delete, when it runs, removes this write; a
        tombstone, and the write is removed here. A collection this process had open and the
        delete dropped fails the write: that too is the delete's doing. (Embedded, one process
        holds the store, and its lock already keeps the check and the write together.)"""
        try:
            yield
        except NotFoundError:
            self._collections.pop(collection_name(user), None)
            self.check_alive(user)
            raise
        if self.disk is None and self._tombstones().get(ids=[tombstone_id(user)],
                                                        include=[])["ids"]:
            with self._lock:
                self._deleted.add(user)
                self._drop(user)
            raise UserDeleted(f"user {user!r} was deleted for good while this was written; "
                              f"the write was undone")
