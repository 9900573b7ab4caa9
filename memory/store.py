"""The MemoryBank on Chroma: each user's pieces in a collection of their own, profiles beside.

One collection per user makes isolation structural: a search names one user's collection and
cannot see another's, and deleting a user drops their collection whole. Embedded
(`PersistentClient`) by default, a Chroma server (`HttpClient`) when a host is given; the same
calls either way. Chroma always gets our embedding function, never its downloading default.
"""
from __future__ import annotations

import ctypes
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NamedTuple

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings
from chromadb.errors import NotFoundError
from langchain_core.embeddings import Embeddings

from memory.forgetting import ForgettingCurve
from memory.embeddings import (DEFAULT_BY_LANGUAGE, ChromaEmbeddingFunction, DualEmbeddings,
                               make_embeddings, resolve_name)
from memory.language import detect
from memory import sentences
from memory.reinforcement import ReinforcementQueue
from memory.records import MemoryPiece, Profile, summary_id, turn_id

log = logging.getLogger(__name__)


def _scrub_heap() -> None:
    """Chroma's HNSW index files (hnswlib) are written from buffers that are never cleared: the
    unused part holds whatever the process's heap held there before, which can be anyone's
    words, and survives a user's final delete (found by tests/test_isolation_fuzz.py). glibc's
    M_PERTURB fills each new allocation with a fixed byte and each freed one too, so that those
    files, and the heap, keep no stale text (not all: a buffer grown in place keeps its old
    tail). Its cost is in BENCHMARKS.md; SF_HEAP_SCRUB=0 turns it off."""
    if os.environ.get("SF_HEAP_SCRUB", "1") == "0":
        return
    try:
        ctypes.CDLL("libc.so.6").mallopt(-6, 0xA5)  # M_PERTURB
    except (OSError, AttributeError):  # not glibc: nothing to do this way
        pass


_scrub_heap()

PROFILES = "sf_profiles"
DELETED = "sf_deleted"  # tombstones: hashed ids of users deleted for good (`delete_user`)
BATCH = 512  # pieces per Chroma write; well under Chroma's max batch size
PROBE = 64  # turn ids looked up at once when finding a day's next turn index
IN_DAYS = 62  # spans up to this many days are fetched by listing their dates
SENTENCE_VECTORS = "sentence_vectors"  # collection mark: every piece has them (memory.sentences)


class StoreError(RuntimeError):
    pass


class UserDeleted(StoreError):
    """The user was deleted for good: nothing may be written for them again."""


class Match(NamedTuple):
    """A piece found for a recall, with what the retriever scores it by."""
    piece: MemoryPiece
    vector: list[float]  # as stored
    sentences: str  # the user's sentences' vectors (`memory.sentences`); "" in older stores


def collection_name(user: str) -> str:
    # Chroma names allow [a-zA-Z0-9._-]; user names are free text (Chinese, spaces), so hash.
    return "sf_mem_" + hashlib.sha256(user.encode("utf-8")).hexdigest()[:40]


def _tombstone(user: str) -> str:
    return collection_name(user).removeprefix("sf_mem_")


def _staging(user: str) -> str:
    return "sf_new_" + collection_name(user).removeprefix("sf_mem_")


def _meta(p: MemoryPiece) -> dict:
    return {"user": p.user, "date": p.date, "day": p.day.toordinal(), "kind": p.kind,
            "index": p.index, "query": p.query, "response": p.response, "summary": p.summary,
            "strength": p.strength, "last_recall_date": p.last_recall_date,
            "extra": json.dumps(p.extra, ensure_ascii=False) if p.extra else ""} \
        | ({"key": p.key} if p.key else {})


def _piece(id_: str, meta: dict) -> MemoryPiece:
    return MemoryPiece(id=id_, user=meta["user"], date=meta["date"], kind=meta["kind"],
                       index=meta["index"], query=meta.get("query", ""),
                       response=meta.get("response", ""), summary=meta.get("summary", ""),
                       strength=meta["strength"], last_recall_date=meta["last_recall_date"],
                       extra=json.loads(meta["extra"]) if meta.get("extra") else {},
                       key=meta.get("key", ""))


def _days(start: date, end: date) -> dict:
    """A Chroma filter for pieces made from `start` to `end`, inclusive."""
    days = (end - start).days + 1
    if 0 < days <= IN_DAYS:
        # Chroma answers equality on a string field about 8x faster than a range on an int
        # (11 vs 87 ms for one day among 100k pieces, BENCHMARKS.md): list the days.
        return {"date": {"$in": [date.fromordinal(start.toordinal() + i).isoformat()
                                 for i in range(days)]}}
    return {"$and": [{"day": {"$gte": start.toordinal()}}, {"day": {"$lte": end.toordinal()}}]}


def make_client(data_dir: str | Path | None = None, host: str | None = None,
                port: int = 8000) -> ClientAPI:
    settings = Settings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    if data_dir is None:
        raise StoreError("an embedded store needs a data directory")
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class MemoryStore:
    """Pieces (turns, daily summaries) and profiles of every user, on one Chroma client."""

    def __init__(self, client: ClientAPI, embeddings: Embeddings, embedding_name: str,
                 by_language: dict[str, str] | None = None) -> None:
        self.client = client
        self.embeddings = embeddings  # the default; a user's may differ (`embeddings_of`)
        self.embedding_name = embedding_name
        # Opened with "auto": a user's memory is embedded for the language it is in (Chinese
        # memory with e5 on both halves even where the server's default is English), chosen by
        # its first write and kept in its collection's metadata.
        self.by_language = by_language
        self._models = {embedding_name: embeddings}
        self._loading = threading.Lock()  # a model loads once, even when asked for at once
        self._ef = ChromaEmbeddingFunction(embeddings, embedding_name)
        self._collections: dict[str, Collection] = {}
        self._lock = threading.RLock()  # serializes read-modify-write (turn index, strength)
        self._dim: int | None = None
        self._reinforcer = ReinforcementQueue(self._strengthen)
        self._deleted: set[str] = set()  # users known to be deleted for good
        self.disk: Path | None = None  # an embedded Chroma's folder

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, host: str | None = None,
             port: int = 8000, embedding: str = "auto", language: str = "en") -> "MemoryStore":
        name = resolve_name(embedding, language)
        store = cls(make_client(data_dir, host, port), make_embeddings(name), name,
                    dict(DEFAULT_BY_LANGUAGE) if embedding == "auto" else None)
        if not host:  # embedded: a final delete also scrubs what Chroma's files keep
            store.disk = Path(data_dir) / "chroma"
        return store

    # -- embeddings per user ------------------------------------------------------------------
    def _allowed(self) -> set[str]:
        return {self.embedding_name} | set((self.by_language or {}).values())

    def model(self, name: str) -> Embeddings:
        """The embedding model called `name` (loaded once per process)."""
        with self._loading:
            if name not in self._models:
                self._models[name] = make_embeddings(name)
            return self._models[name]

    def embedding_for(self, user: str, pieces: Sequence[MemoryPiece] = ()) -> str:
        """The embedding a user's memory is written and searched with: the one their memory
        was made with, else (a user with none yet) the one for the language of `pieces`."""
        col = self._collection(user, create=False)
        if col is not None:
            return (col.metadata or {}).get("embedding") or self.embedding_name
        return self._embedding_for_language(pieces)

    def _embedding_for_language(self, pieces: Sequence[MemoryPiece]) -> str:
        if not self.by_language or not pieces:
            return self.embedding_name
        language = detect(" ".join(p.said for p in pieces[:20]))
        return self.by_language.get(language, self.embedding_name)

    def embeddings_of(self, user: str) -> Embeddings:
        """The model that reads queries to `user`'s memory."""
        return self.model(self.embedding_for(user))

    # -- collections ------------------------------------------------------------------------
    def _collection(self, user: str, create: bool, embedding: str | None = None
                    ) -> Collection | None:
        """The user's collection; `create` makes it, embedded with `embedding` (default: the
        store's), if it is missing."""
        name = collection_name(user)
        col = self._collections.get(name)
        if col is not None:
            return col
        try:
            if create:
                embedding = embedding or self.embedding_name
                col = self.client.get_or_create_collection(
                    name, embedding_function=ChromaEmbeddingFunction(self.model(embedding),
                                                                     embedding),
                    configuration={"hnsw": {"space": "cosine"}},
                    metadata={"user": user, "embedding": embedding,
                              SENTENCE_VECTORS: True})
            else:
                col = self.client.get_collection(name, embedding_function=self._ef)
        except NotFoundError:
            return None
        except ValueError as e:  # chroma reports a conflicting embedding function this way
            raise StoreError(f"memory of {user!r} was written with another embedding model: {e}")
        made_with = (col.metadata or {}).get("embedding")
        if made_with and made_with not in self._allowed():
            raise StoreError(f"memory of {user!r} was embedded with {made_with!r}, not "
                             f"{self.embedding_name!r}; open the store with that embedding model, "
                             f"or re-embed it: python -m app memory reembed")
        self._collections[name] = col
        return col

    def _profiles(self) -> Collection:
        col = self._collections.get(PROFILES)
        if col is None:
            # A new collection records its vectors' length; get_or_create leaves an existing
            # collection's metadata as it is.
            col = self.client.get_or_create_collection(
                PROFILES, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}},
                metadata={"vector_length": 1})
            self._collections[PROFILES] = col
        return col

    def _constant_vector(self) -> list[float]:
        # Profiles are fetched by id, never by similarity: a fixed unit vector spares embedding
        # them. Its length is independent of the embedding model, so a store keeps working when
        # the model changes. Stores made before this recorded no length: their profiles had the
        # model's length, read back from a stored profile (never from a collection still being
        # created: on a server, reading vectors that another process is first writing fails).
        if self._dim is None:
            col = self._profiles()
            self._dim = (col.metadata or {}).get("vector_length")
            if self._dim is None:
                got = col.get(limit=1, include=["embeddings"])["embeddings"]
                self._dim = len(got[0]) if got is not None and len(got) else 1
        return [1.0] + [0.0] * (self._dim - 1)

    def _encode(self, pieces: Sequence[MemoryPiece], embedding: str | None = None
                ) -> tuple[list[list[float]], list[str]]:
        """Each piece's vector (a two-model embedding reads the user's words apart) and its
        packed sentence vectors (`memory.sentences`), with `embedding` (default: the store's)."""
        if not pieces:
            return [], []
        e, said = self.model(embedding or self.embedding_name), [p.said for p in pieces]
        sentence_model = e.said if isinstance(e, DualEmbeddings) else e
        split = [sentences.split(t) for t in said]
        if isinstance(e, DualEmbeddings):
            said_vecs = e.said.embed_documents(said)
            vectors = [e.join(a, b) for a, b in
                       zip(e.whole.embed_documents([p.text for p in pieces]), said_vecs)]
            # A one-sentence turn's sentence vector is its said half: embed only the others.
            todo = [i for i, parts in enumerate(split) if len(parts) > 1]
        else:
            said_vecs = [None] * len(pieces)
            vectors = e.embed_documents([p.text for p in pieces])
            todo = list(range(len(pieces)))
        flat = [s for i in todo for s in split[i]]
        rows = iter(sentence_model.embed_documents(flat) if flat else [])
        per_piece = {i: [next(rows) for _ in split[i]] for i in todo}
        packed = [sentences.pack(per_piece[i] if i in per_piece else [said_vecs[i]])
                  for i in range(len(pieces))]
        return vectors, packed

    # -- profiles ---------------------------------------------------------------------------
    def profile(self, user: str) -> Profile | None:
        got = self._profiles().get(ids=[user], include=["documents"])
        if not got["ids"]:
            return None
        return Profile.model_validate_json(got["documents"][0])

    def save_profile(self, profile: Profile) -> None:
        self.check_alive(profile.user)
        with self._undone_if_deleted_meanwhile(profile.user):
            self._profiles().upsert(ids=[profile.user], documents=[profile.model_dump_json()],
                                    embeddings=[self._constant_vector()],
                                    metadatas=[{"user": profile.user}])

    def users(self) -> list[str]:
        got = self._profiles().get(include=["metadatas"])
        return sorted(m["user"] for m in got["metadatas"])

    # -- deleting for good ---------------------------------------------------------------------
    def _tombstones(self) -> Collection:
        col = self._collections.get(DELETED)
        if col is None:
            col = self.client.get_or_create_collection(
                DELETED, embedding_function=self._ef, metadata={"vector_length": 1})
            self._collections[DELETED] = col
        return col

    def is_deleted(self, user: str) -> bool:
        """Whether `user` was deleted for good, by this process or any other on the store."""
        if user in self._deleted:
            return True
        if self._tombstones().get(ids=[_tombstone(user)], include=[])["ids"]:
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
            self._tombstones().upsert(ids=[_tombstone(user)], documents=[""],
                                      embeddings=[[1.0]], metadatas=[{"deleted": True}])
            self._deleted.add(user)
        self.flush(user)  # queued reinforcements find no collection and write nothing
        with self._lock:
            existed = self._drop(user)
            if self.disk is not None:
                try:
                    self._scrub(user)
                except sqlite3.Error as e:  # the delete holds; the bytes wait for the next scrub
                    log.warning("could not scrub Chroma's file after deleting a user: %s", e)
            return existed

    def _drop(self, user: str) -> bool:
        """Deletes the user's collection, staging copy and profile; True if any existed."""
        existed = False
        for name in (collection_name(user), _staging(user)):
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
        if self.disk is None and self._tombstones().get(ids=[_tombstone(user)],
                                                        include=[])["ids"]:
            with self._lock:
                self._deleted.add(user)
                self._drop(user)
            raise UserDeleted(f"user {user!r} was deleted for good while this was written; "
                              f"the write was undone")

    def _scrub(self, user: str) -> None:
        """Chroma's embedded files keep deleted text: its write-ahead log keeps recent
        operations (the user's profile, the last pieces of a dropped collection), a dropped
        collection's index folder stays, and SQLite leaves freed pages as they were. The
        folders go; the user's log rows are blanked in place (their sequence numbers must
        stay: Chroma would reuse a deleted one and skip the write that gets it); then VACUUM
        rewrites the file without the freed pages."""
        # Listed before the segments are read: a folder is made only after its segment's row.
        folders = [p for p in self.disk.iterdir() if p.is_dir()]
        db = sqlite3.connect(str(self.disk / "chroma.sqlite3"), timeout=30)
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
                    db.execute(blank + "topic = ?", (_tombstone(user), topic))
                if profiles:  # a replay reads an upsert and a delete of one unknown id
                    db.execute(blank + "id = ? AND topic LIKE ?",
                               (_tombstone(user), user, f"%/{profiles[0]}"))
            db.execute("VACUUM")
        finally:
            db.close()

    def _ensure_profile(self, user: str) -> None:
        self.check_alive(user)
        if self.profile(user) is None:
            self.save_profile(Profile(user=user, name=user))

    # -- writing pieces -----------------------------------------------------------------------
    def encode(self, pieces: Sequence[MemoryPiece]) -> tuple[list[list[float]], list[str]]:
        """The vectors `put` would write for these pieces (one user's, or a new user's): each
        piece's vector and its packed sentence vectors."""
        return self._encode(pieces, self.embedding_for(pieces[0].user, pieces) if pieces else None)

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
                metadatas=[_meta(p) | {"sentences": s} | e
                           for p, s, e in zip(pieces, sentence_vectors, extra)])

    def collection(self, user: str) -> Collection | None:
        """The user's Chroma collection, for tools that query it directly (the benchmarks'
        baselines); None if the user has no memory."""
        return self._collection(user, create=False)

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
                            embeddings=vectors, metadatas=[_meta(p) | {"sentences": s}
                                                           for p, s in zip(chunk, packed)])

    def add_turn(self, user: str, day: date, query: str, response: str,
                 key: str | None = None) -> MemoryPiece:
        """Writes one exchange under `day`; durable when this returns.

        `key` names the exchange (the graph passes its message id): a write repeated with the
        same key, as when a run killed after this call returned is resumed, returns the stored
        turn instead of adding it twice. Only the day's last turn is compared, one lookup by id.
        """
        with self._undone_if_deleted_meanwhile(user):
            piece = self._add_turn(user, day.isoformat(), query, response, key)
        return piece

    def _add_turn(self, user: str, d: str, query: str, response: str,
                  key: str | None) -> MemoryPiece:
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
                    return _piece(last["ids"][0], last["metadatas"][0])
            while True:
                # Another process (a second app on the same Chroma server) may take the same
                # index at the same moment. Chroma's `add` keeps the first write of an id and
                # ignores the rest, so a nonce read back tells whose turn holds it.
                piece = MemoryPiece(id=turn_id(user, d, index), user=user, date=d, kind="turn",
                                    index=index, query=query, response=response, key=key or "")
                nonce = uuid.uuid4().hex
                col.add(ids=[piece.id], documents=[text], embeddings=vector,
                        metadatas=[_meta(piece) | {"sentences": packed[0], "nonce": nonce}])
                got = col.get(ids=[piece.id], include=["metadatas"])["metadatas"]
                if got and got[0].get("nonce") == nonce:
                    return piece
                index += 1

    def _made_with(self, col: Collection) -> str:
        return (col.metadata or {}).get("embedding") or self.embedding_name

    @staticmethod
    def _next_index(col: Collection, user: str, d: str) -> int:
        # Turn ids are "<user>_<date>_<index>", so probing ids chunk by chunk finds the day's
        # next index; fetching by id is ~4 ms among 100k pieces, a metadata filter 10-80 ms.
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

    def reinforce(self, user: str, ids: Iterable[str], today: date) -> list[MemoryPiece]:
        """Recall strengthens: strength +1, and the forgetting clock restarts today."""
        self.flush(user)
        return self._strengthen(user, dict.fromkeys(ids, 1), today)

    def reinforce_soon(self, user: str, ids: Iterable[str], today: date) -> None:
        """`reinforce`, written by a background thread (`memory.reinforcement`): a recall
        returns without waiting. `flush` waits for it."""
        self._reinforcer.put(user, ids, today)

    def flush(self, user: str | None = None) -> None:
        """Waits until queued reinforcements (of `user`, or of everyone) are written."""
        self._reinforcer.flush(user)

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
            return [_piece(i, m | c) for i, m, c in zip(got["ids"], got["metadatas"], changed)]

    def delete_pieces(self, user: str, ids: Sequence[str]) -> None:
        col = self._collection(user, create=False)
        if col is not None and ids:
            col.delete(ids=list(ids))

    # -- reading pieces -----------------------------------------------------------------------
    def find(self, user: str, key: str) -> MemoryPiece | None:
        """The user's piece with this id, or else the one its writer named `key`."""
        self.flush(user)
        col = self._collection(user, create=False)
        if col is None or not key:
            return None
        got = col.get(ids=[key], include=["metadatas"])
        if not got["ids"]:
            got = col.get(where={"key": key}, limit=1, include=["metadatas"])
        return _piece(got["ids"][0], got["metadatas"][0]) if got["ids"] else None

    def count(self, user: str) -> int:
        col = self._collection(user, create=False)
        return 0 if col is None else col.count()

    def pieces(self, user: str, kind: str | None = None,
               since: date | None = None) -> list[MemoryPiece]:
        """A user's pieces (of one kind, from one day on, if asked), in (date, kind, index) order."""
        self.flush(user)
        return self._stored_pieces(user, kind, since)

    def _stored_pieces(self, user: str, kind: str | None = None,
                       since: date | None = None) -> list[MemoryPiece]:
        # Without waiting for queued reinforcement: safe under `_lock`, which the writer needs.
        col = self._collection(user, create=False)
        if col is None:
            return []
        where = [{"kind": kind}] if kind else []
        if since is not None:
            where.append({"day": {"$gte": since.toordinal()}})
        got = col.get(where=(where[0] if len(where) == 1 else {"$and": where}) if where else None,
                      include=["metadatas"])
        out = [_piece(i, m) for i, m in zip(got["ids"], got["metadatas"])]
        return sorted(out, key=lambda p: (p.date, p.kind != "summary", p.index))

    def similar(self, user: str, embedding: Sequence[float], n: int) -> list[tuple[MemoryPiece, float]]:
        """The n pieces nearest to `embedding` with their cosine similarity."""
        col = self._collection(user, create=False)
        if col is None or n <= 0:
            return []
        got = col.query(query_embeddings=[list(embedding)], n_results=n,
                        include=["metadatas", "distances"])
        return [(_piece(i, m), 1.0 - d) for i, m, d in
                zip(got["ids"][0], got["metadatas"][0], got["distances"][0])]

    def nearest(self, user: str, embedding: Sequence[float], n: int,
                within: tuple[date, date] | None = None) -> list[Match]:
        """The n pieces nearest to `embedding` (made between the two days of `within`, if
        given), with their vectors, for re-ranking."""
        col = self._collection(user, create=False)
        if col is None or n <= 0:
            return []
        where = None if within is None else _days(*within)
        got = col.query(query_embeddings=[list(embedding)], n_results=n, where=where,
                        include=["metadatas", "embeddings"])
        return [Match(_piece(i, m), e, m.get("sentences", "")) for i, m, e in
                zip(got["ids"][0], got["metadatas"][0], got["embeddings"][0])]

    def summaries(self, user: str, days: Iterable[str]) -> dict[str, Match]:
        """The daily summaries of `days` (YYYY-MM-DD) that exist, by day, with their vectors."""
        col = self._collection(user, create=False)
        days = sorted(set(days))
        if col is None or not days:
            return {}
        got = col.get(ids=[summary_id(user, d) for d in days], include=["metadatas", "embeddings"])
        return {m["date"]: Match(_piece(i, m), e, m.get("sentences", "")) for i, m, e in
                zip(got["ids"], got["metadatas"], got["embeddings"])}

    def on_days(self, user: str, start: date, end: date) -> list[Match]:
        """Pieces made between start and end (inclusive), with their vectors."""
        col = self._collection(user, create=False)
        if col is None:
            return []
        got = col.get(where=_days(start, end), include=["metadatas", "embeddings"])
        return [Match(_piece(i, m), e, m.get("sentences", "")) for i, m, e in
                zip(got["ids"], got["metadatas"], got["embeddings"])]

    # -- changing the embedding model ---------------------------------------------------------
    def _written_as(self, user: str) -> dict | None:
        # The metadata of a user's collection, or of the complete copy a crashed reembed left.
        for name in (collection_name(user), _staging(user)):
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
        name, staging = collection_name(user), _staging(user)
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
            pieces = [_piece(i, m) for i, m in zip(got["ids"], got["metadatas"])]
            embedding = self._embedding_for_language(pieces)
            new = self.client.create_collection(
                staging, embedding_function=self._ef, configuration={"hnsw": {"space": "cosine"}},
                metadata={"user": user, "embedding": embedding, SENTENCE_VECTORS: True})
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

    # -- forgetting ---------------------------------------------------------------------------
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
                        and curve.forgets(p.id, date.fromisoformat(p.last_recall_date),
                                          p.strength, today)]
                self.delete_pieces(user, gone)
            forgotten[user] = len(gone)
        return forgotten
