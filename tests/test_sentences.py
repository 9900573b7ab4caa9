import numpy as np
import pytest

from memory import sentences


@pytest.mark.parametrize("text, expected", [
    ("Rough morning. Picked up beans from Ridgeline! Was it worth it? Yes",
     ["Rough morning.", "Picked up beans from Ridgeline!", "Was it worth it?", "Yes"]),
    ("今天好累。下午去看牙，王医生说我的智齿要拔！晚上吃了火锅", ["今天好累。", "下午去看牙，王医生说我的智齿要拔！", "晚上吃了火锅"]),
    ("first line\nsecond line", ["first line", "second line"]),
    ("no end mark", ["no end mark"]),
    ("   ", [""]),
])
def test_split_cuts_english_and_chinese_sentences(text, expected):
    assert sentences.split(text) == expected


def test_split_keeps_at_most_max_sentences():
    assert len(sentences.split("Yes. " * 100)) == sentences.MAX_SENTENCES


def test_pack_round_trips_unit_rows_within_float16():
    rows = np.random.default_rng(0).normal(size=(3, 384))
    back = sentences.unpack(sentences.pack(rows), 384)
    unit = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    assert back.shape == (3, 384) and back.dtype == np.float32
    assert np.abs(back - unit).max() < 1e-3


def test_unpack_ignores_absent_or_foreign_vectors():
    assert sentences.unpack("", 384) is None
    assert sentences.unpack(sentences.pack(np.ones((3, 384))), 768) is None  # another model's
    assert sentences.unpack("not base64 at all!", 384) is None  # damaged


@pytest.mark.parametrize("text, asks", [
    ("What is my cat called?", True),
    ("So, what's my cat called, do you remember?", True),
    ("What's the vet called? And when is her next jab?", True),
    ("我女儿叫什么名字，你还记得吗？", True),
    ("I adopted a kitten. What should I call her?", False),  # it tells as it asks
    ("I adopted a kitten today!", False),
    ("安安最近什麼青菜都不吃，夾到碗裡就吐出來，我快崩潰了，有沒有什麼辦法？", False),
    ("", False),
])
def test_only_asks_is_a_question_and_nothing_told(text, asks):
    assert sentences.only_asks(text) is asks
