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


@pytest.mark.parametrize("text, expected", [
    # the greeting and whom it greets go, what follows stays (capitalised)
    ("Hi, AI companion. Today I went for a walk in the park.", "Today I went for a walk in the park."),
    ("Hi AI companion, today I learned a new dish.", "Today I learned a new dish."),
    ("Good morning my friend. Another week at the shop.", "Another week at the shop."),
    ("hi! okay so my friend said talking helps", "Okay so my friend said talking helps"),
    ("Hello Emily! I'm glad to hear that.", "I'm glad to hear that."),
    ("Morning! Squeezed onto the tram again.", "Squeezed onto the tram again."),
    ("你好，朋友。今天的天气真好，我想去公园里散步。", "今天的天气真好，我想去公园里散步。"),
    ("你好啊AI伴侣，今天我去了公园散步。", "今天我去了公园散步。"),
    ("嗨，AI伴侣，今天我学了一道新的菜。", "今天我学了一道新的菜。"),
    ("早上好呀，今天降温了。", "今天降温了。"),
    # what tells is kept: a name, a number, the user's own words after the greeting
    ("Hello, my name is Emily. Nice to meet you.", "My name is Emily. Nice to meet you."),
    ("Hello, I'm Tom.", "I'm Tom."),
    ("Hey, yesterday I met Sam.", "Yesterday I met Sam."),
    ("Good evening o. Chidi here, 34, pharmacist.", "Chidi here, 34, pharmacist."),
    ("Hi my name's Jo, I teach.", "Hi my name's Jo, I teach."),
    ("Hi, it's raining. I stayed in.", "It's raining. I stayed in."),
    ("你好，降温了。我没带外套。", "降温了。我没带外套。"),
    ("你好，我叫张曼婷，很高兴认识你。", "我叫张曼婷，很高兴认识你。"),
    # not greetings, or nothing but one
    ("Morning run was great, then I slept.", "Morning run was great, then I slept."),
    ("Highlights of my day: the lake.", "Highlights of my day: the lake."),
    ("早点睡吧，明天还要上班。", "早点睡吧，明天还要上班。"),
    ("早上好困，我昨晚没睡好。", "早上好困，我昨晚没睡好。"),
    ("早上好呀", "早上好呀"),
    ("Hello!", "Hello!"),
    ("", ""),
])
def test_a_turn_is_shown_without_the_greeting_it_opens_with(text, expected):
    assert sentences.without_greeting(text) == expected


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
