"""Concurrency: 8 workers x 50 turns through the graph, on one user and on eight, embedded and
on a Chroma server; and 8 processes writing one user's turns to the same server. Every turn is
stored exactly once and strengths add up."""
from __future__ import annotations

import itertools
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage

from graph import build_graph

WORKERS, TURNS = 8, 50


@pytest.mark.parametrize("shared_user", [True, False], ids=["one user", "eight users"])
def test_workers_through_the_graph_lose_nothing(backend, shared_user):
    store = backend()
    model = GenericFakeChatModel(messages=itertools.repeat(AIMessage("I hear you.")))
    g = build_graph(model, store, reflect_every=None)

    def worker(w: int) -> int:
        recalled = 0
        for t in range(TURNS):
            out = g.invoke({"messages": [HumanMessage(f"worker {w} turn {t}: I walked the dog.")],
                            "user_id": "shared" if shared_user else f"user-{w}",
                            "today": "2024-05-01"})
            recalled += len(out["recalled"])
        return recalled

    with ThreadPoolExecutor(WORKERS) as pool:
        recalled = sum(pool.map(worker, range(WORKERS)))

    users = ["shared"] if shared_user else [f"user-{w}" for w in range(WORKERS)]
    pieces = [p for u in users for p in store.pieces(u)]
    expected = {f"worker {w} turn {t}: I walked the dog." for w in range(WORKERS)
                for t in range(TURNS)}
    assert len(pieces) == WORKERS * TURNS and {p.query for p in pieces} == expected
    for u in users:  # indexes of a day are unique and gapless
        assert sorted(p.index for p in store.pieces(u)) == list(
            range(len(store.pieces(u))))
    assert all(p.response == "I hear you." for p in pieces)
    # every recall reinforced exactly once: no lost or doubled update
    assert sum(p.strength - 1 for p in pieces) == recalled > 0


WRITER = """
import sys
from datetime import date
from memory.store import MemoryStore
store = MemoryStore.open(host="127.0.0.1", port=int(sys.argv[1]), embedding="minilm")
for t in range(int(sys.argv[3])):
    store.add_turn("shared", date(2024, 5, 1), f"process {sys.argv[2]} turn {t}", "ok")
"""


def test_processes_writing_one_user_on_a_server_lose_nothing(chroma_server):
    host, port = chroma_server
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(port), str(w), str(TURNS)])
             for w in range(WORKERS)]
    assert [p.wait(timeout=600) for p in procs] == [0] * WORKERS
    from memory.store import MemoryStore, make_client

    store = MemoryStore.open(host=host, port=port, embedding="minilm")
    pieces = store.pieces("shared")
    try:
        assert len(pieces) == WORKERS * TURNS
        assert {p.query for p in pieces} == {f"process {w} turn {t}" for w in range(WORKERS)
                                            for t in range(TURNS)}
        assert sorted(p.index for p in pieces) == list(range(WORKERS * TURNS))
    finally:
        client = make_client(host=host, port=port)
        for col in client.list_collections():
            client.delete_collection(col.name)
