"""The MemoryBank on Chroma: each user's pieces in a collection of their own, profiles beside.

One collection per user makes isolation structural: a search names one user's collection and
cannot see another's, and deleting a user drops their collection whole. Embedded
(`PersistentClient`) by default, a Chroma server (`HttpClient`) when a host is given; the same
calls either way. Chroma always gets our embedding function, never its downloading default.

`MemoryStore` is built a floor at a time, one job per module, each using only those below:
`collections` (client, per-user collections and embeddings, encoding) → `strength`
(reinforcement) → `deletion` (tombstones, deleting for good) → `profiles` → `reading` and
`writing` → `reembed` (changing the embedding model) and `fading` (the forgetting sweep).
`chroma` holds the layout they share; `erasure`, what a delete wipes besides.
"""
from memory.store.chroma import (PROFILES, Match, StoreError, UserDeleted, collection_name,
                                 make_client, staging_name)
from memory.store.erasure import scrub_heap
from memory.store.fading import Fading
from memory.store.reembed import Reembedding

scrub_heap()


class MemoryStore(Fading, Reembedding):
    """Pieces (turns, daily summaries) and profiles of every user, on one Chroma client.

    >>> import tempfile
    >>> from datetime import date
    >>> store = MemoryStore.open(tempfile.mkdtemp(), embedding="minilm")
    >>> turn = store.add_turn("ann", date(2024, 3, 1), "My cat is called Mochi.", "A lovely name!")
    >>> [m.piece.query for m in store.nearest("ann", store.embeddings_of("ann").embed_query(
    ...     "What is my cat's name?"), 1)]
    ['My cat is called Mochi.']
    """


__all__ = ["MemoryStore", "Match", "StoreError", "UserDeleted", "collection_name", "make_client",
           "staging_name", "PROFILES"]
