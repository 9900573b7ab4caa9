"""How the store lays memory out in Chroma: the client, the collections' names and shape, a
piece as Chroma metadata and back, and filters by day. No state: the store's parts share these.
"""
from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import NamedTuple

import chromadb
import numpy as np
from chromadb.api import ClientAPI
from chromadb.config import Settings

from memory.records import MemoryPiece

PROFILES = "sf_profiles"
DELETED = "sf_deleted"  # tombstones: hashed ids of users deleted for good (`delete_user`)
BATCH = 512  # pieces per Chroma write; well under Chroma's max batch size
IN_DAYS = 62  # spans up to this many days are fetched by listing their dates
SENTENCE_VECTORS = "sentence_vectors"  # collection mark: every piece has them (memory.sentences)


class StoreError(RuntimeError):
    pass


class UserDeleted(StoreError):
    """The user was deleted for good: nothing may be written for them again."""


class Match(NamedTuple):
    """A piece found for a recall, with what the retriever scores it by."""
    piece: MemoryPiece
    vector: np.ndarray  # as stored, float32
    sentences: str  # the user's sentences' vectors (`memory.sentences`); "" in older stores
    similarity: float | None = None  # cosine similarity to the query, where it was searched for


def cosine() -> dict:
    """Every collection's configuration (our vectors are unit length). A new dict each time:
    Chroma writes the collection's embedding function into the one it is given."""
    return {"hnsw": {"space": "cosine"}}


def collection_name(user: str) -> str:
    # Chroma names allow [a-zA-Z0-9._-]; user names are free text (Chinese, spaces), so hash.
    return "sf_mem_" + hashlib.sha256(user.encode("utf-8")).hexdigest()[:40]


def tombstone_id(user: str) -> str:
    return collection_name(user).removeprefix("sf_mem_")


def staging_name(user: str) -> str:
    """Where a re-embedding writes the user's memory before it replaces the old collection."""
    return "sf_new_" + tombstone_id(user)


def to_metadata(p: MemoryPiece) -> dict:
    return {"user": p.user, "date": p.date, "day": p.day.toordinal(), "kind": p.kind,
            "index": p.index, "query": p.query, "response": p.response, "summary": p.summary,
            "strength": p.strength, "last_recall_date": p.last_recall_date,
            "extra": json.dumps(p.extra, ensure_ascii=False) if p.extra else ""} \
        | ({"key": p.key} if p.key else {})


def to_piece(id_: str, meta: dict) -> MemoryPiece:
    return MemoryPiece(id=id_, user=meta["user"], date=meta["date"], kind=meta["kind"],
                       index=meta["index"], query=meta.get("query", ""),
                       response=meta.get("response", ""), summary=meta.get("summary", ""),
                       strength=meta["strength"], last_recall_date=meta["last_recall_date"],
                       extra=json.loads(meta["extra"]) if meta.get("extra") else {},
                       key=meta.get("key", ""))


def matches(got: dict, similarity: bool = False) -> list[Match]:
    """Chroma's answer (a `get`, or one query's row of a `query`) as Matches, each vector a row
    of one float32 array (Chroma hands back float64; converting piece by piece cost more than
    the scoring that reads them)."""
    sims = [1.0 - d for d in got["distances"]] if similarity else [None] * len(got["ids"])
    vectors = np.asarray(got["embeddings"], dtype=np.float32) if len(got["ids"]) else []
    return [Match(to_piece(i, m), e, m.get("sentences", ""), s) for i, m, e, s in
            zip(got["ids"], got["metadatas"], vectors, sims)]


def day_filter(start: date, end: date) -> dict:
    """A Chroma filter for pieces made from `start` to `end`, inclusive."""
    days = (end - start).days + 1
    if 0 < days <= IN_DAYS:
        # Chroma answers equality on a string field much faster than a range on an int
        # (BENCHMARKS.md): list the days.
        return {"date": {"$in": [date.fromordinal(start.toordinal() + i).isoformat()
                                 for i in range(days)]}}
    return {"$and": [{"day": {"$gte": start.toordinal()}}, {"day": {"$lte": end.toordinal()}}]}


def make_client(data_dir: str | Path | None = None, host: str | None = None,
                port: int = 8000) -> ClientAPI:
    """Embedded (`PersistentClient` under `data_dir`/chroma), or a Chroma server's when `host`
    is given; never with telemetry."""
    settings = Settings(anonymized_telemetry=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    if data_dir is None:
        raise StoreError("an embedded store needs a data directory")
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)
