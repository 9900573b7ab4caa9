"""The embedding models' thread policy: every call computes on a worker with one thread of its
own, bulk work spread over the workers in order, a query's two halves read side by side,
queries that arrive together read together, and torch elsewhere left with its threads."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from memory.compute import Gathered
from memory.embeddings import make_embeddings

TEXTS = [f"Day {i}: I walked the dog to the river and my sister phoned about the wedding."
         for i in range(9)] + ["我今天去爬山了，好累。", "Short."] * 40


def test_bulk_embedding_in_parallel_parts_keeps_every_text_in_its_place():
    for name in ("e5", "minilm"):
        model = make_embeddings(name)
        together = np.asarray(model.embed_documents(TEXTS))
        one_by_one = np.asarray([model.embed_documents([t])[0] for t in TEXTS[:11]])
        assert together.shape == (len(TEXTS), 384)
        # the same texts in other batches: the same vectors, to bfloat16's rounding
        assert ((together[:11] * one_by_one).sum(axis=1) > 0.999).all(), name
        assert ((together[9::2] * together[9]).sum(axis=1) > 0.999).all(), name
        assert (together[9] @ together[10]) < 0.9  # and not one text's vector everywhere


def test_a_querys_two_models_read_it_side_by_side_with_the_same_result():
    dual = make_embeddings("minilm+e5")
    whole, said = dual.embed_query_halves("What is my cat called?")
    np.testing.assert_allclose(whole, dual.whole.embed_query("What is my cat called?"), atol=1e-6)
    np.testing.assert_allclose(said, dual.said.embed_query("What is my cat called?"), atol=1e-6)


def test_queries_that_arrive_together_are_read_in_one_call_each_getting_its_own_row():
    calls, first_started, later_queued = [], threading.Event(), threading.Event()

    def embed(texts):
        calls.append(list(texts))
        if len(calls) == 1:  # the model is busy with the first query while the rest arrive
            first_started.set()
            assert later_queued.wait(10)
        return [[float(len(t))] for t in texts]

    gathered = Gathered(embed)
    first = gathered.submit("a")
    assert first_started.wait(10)
    rest = [gathered.submit("b" * n) for n in range(2, 9)]
    later_queued.set()
    assert first.result(10) == [1.0]
    assert [f.result(10) for f in rest] == [[float(n)] for n in range(2, 9)]
    assert calls == [["a"], ["b" * n for n in range(2, 9)]]  # two calls for eight queries


def test_a_failed_call_reaches_every_query_in_it_and_the_next_query_is_read_afresh():
    fail = threading.Event()
    fail.set()

    def embed(texts):
        if fail.is_set():
            raise RuntimeError("model fell over")
        return [[1.0] for _ in texts]

    gathered = Gathered(embed)
    with pytest.raises(RuntimeError, match="fell over"):
        gathered.submit("a").result(10)
    fail.clear()
    assert gathered.submit("b").result(10) == [1.0]


def test_real_queries_at_once_get_the_vectors_they_get_alone():
    dual = make_embeddings("minilm+e5")
    texts = [f"What did I cook for my sister on day {i}?" for i in range(6)] + [
        "我上周去哪里爬山了？", "Where does my cat sleep?"]
    alone = [dual.embed_query_halves(t) for t in texts]
    start = threading.Barrier(len(texts))

    def ask(t):
        start.wait()
        return dual.embed_query_halves(t)

    with ThreadPoolExecutor(len(texts)) as pool:
        together = list(pool.map(ask, texts))
    for (w1, s1), (w2, s2) in zip(alone, together):  # padded in a batch: bfloat16's rounding
        assert np.dot(w1, w2) > 0.999 and np.dot(s1, s2) > 0.999
    said = np.asarray([s for _, s in together])
    assert (said @ said.T)[np.triu_indices(len(texts), 1)].min() < 0.99  # not one row for all


def test_embedding_leaves_torch_its_threads_everywhere_else():
    # The workers compute on one thread each; the main thread, and threads started later (the
    # chat model's), keep torch's count: a chat model on one thread is many times slower.
    code = ("import threading, torch; before = torch.get_num_threads(); "
            "from memory.embeddings import make_embeddings; e = make_embeddings('minilm+e5'); "
            "e.embed_documents(['a walk by the river'] * 200); e.embed_query_halves('a walk?'); "
            "later = []; t = threading.Thread(target=lambda: later.append(torch.get_num_threads()));"
            " t.start(); t.join(); print(before, torch.get_num_threads(), later[0])")
    env = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=300, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert out.returncode == 0, out.stderr[-2000:]
    before, main, later = map(int, out.stdout.split()[-3:])
    assert main == later == before == (os.cpu_count() or 1)
