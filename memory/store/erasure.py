"""Deleted words must not outlive their delete: not in the process's heap, not in Chroma's files.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from memory.store.chroma import PROFILES, tombstone_id


_M_PERTURB = -6


def _perturb(byte: int) -> None:
    try:
        ctypes.CDLL("libc.so.6").mallopt(_M_PERTURB, byte)
    except (OSError, AttributeError):  # not glibc: nothing to do this way
        pass


def scrub_heap() -> None:
    """Chroma's HNSW index files (hnswlib) are written from buffers that are never cleared: the
    unused part holds whatever the process's heap held there before, which can be anyone's
    words, and survives a user's final delete (found by tests/test_isolation_fuzz.py). glibc's
    M_PERTURB fills each new allocation with a fixed byte and each freed one too, so that those
    files, and the heap, keep no stale text (not all: a buffer grown in place keeps its old
    tail). Its cost is in BENCHMARKS.md; SF_HEAP_SCRUB=0 turns it off."""
    if os.environ.get("SF_HEAP_SCRUB", "1") != "0":
        _perturb(0xA5)


@contextlib.contextmanager
def heap_scrub_paused() -> Iterator[None]:
    """M_PERTURB off while a local model allocates its buffers (weights, attention cache,
    logits): filling each new allocation writes every page of them at once, 760 MB more
    resident memory for the bundled 1.5B model than the pages it uses (BENCHMARKS.md). Buffers
    that large come fresh from the kernel, zeroed: they hold no one's words before the model
    computes in them. Process-wide while it lasts (a load takes about a second): what another
    thread frees meanwhile is not cleared."""
    _perturb(0)
    try:
        yield
    finally:
        scrub_heap()


def scrub_files(disk: Path, user: str) -> None:
    """Chroma's embedded files keep deleted text: its write-ahead log keeps recent operations
    (the user's profile, the last pieces of a dropped collection), a dropped collection's index
    folder stays, and SQLite leaves freed pages as they were. The folders go; the user's log
    rows are blanked in place (their sequence numbers must stay: Chroma would reuse a deleted
    one and skip the write that gets it); then VACUUM rewrites the file without the freed
    pages. `disk` is the embedded Chroma's folder."""
    # Listed before the segments are read: a folder is made only after its segment's row.
    folders = [p for p in disk.iterdir() if p.is_dir()]
    db = sqlite3.connect(str(disk / "chroma.sqlite3"), timeout=30)
    try:
        segments = {r[0] for r in db.execute("SELECT id FROM segments")}
        for folder in folders:  # the vector index of a dropped collection stays otherwise
            if folder.name not in segments:
                shutil.rmtree(folder, ignore_errors=True)
        live = {r[0] for r in db.execute("SELECT id FROM collections")}
        profiles = db.execute("SELECT id FROM collections WHERE name = ?",
                              (PROFILES,)).fetchone()
        dropped = [t for (t,) in db.execute("SELECT DISTINCT topic FROM embeddings_queue")
                   if t.rsplit("/", 1)[-1] not in live]
        blank = ("UPDATE embeddings_queue SET id = ?, metadata = NULL, "
                 "vector = zeroblob(length(vector)) WHERE ")
        with db:
            for topic in dropped:  # no segment reads these again
                db.execute(blank + "topic = ?", (tombstone_id(user), topic))
            if profiles:  # a replay reads an upsert and a delete of one unknown id
                db.execute(blank + "id = ? AND topic LIKE ?",
                           (tombstone_id(user), user, f"%/{profiles[0]}"))
        db.execute("VACUUM")
    finally:
        db.close()
