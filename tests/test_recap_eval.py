"""The recap evaluation: each user of a real store asks what they have been up to lately; the
scores read off the replies as defined. The chat model is scripted (what is under test is the
measuring); the bundled model's replies are measured by the command (EVALUATION.md)."""
from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

from app.cli import app
from app.evaluation.gold import EvalDataError
from app.evaluation.recaps import RECAPS, carries, evaluate_recaps, only_asks
from graph import build_graph

BANK = {"Ana": {"name": "Ana", "history": {
    "2024-03-01": [{"query": "My sister Lucia just adopted a grey parrot named Kiwi.",
                    "response": "How fun!"}],
    "2024-03-04": [{"query": "I signed up for a pottery class at the community centre.",
                    "response": "Lovely, what will you make first?"}]}},
    "王芳": {"name": "王芳", "history": {
        "2024-03-02": [{"query": "我今天去绿禾公园放风筝了。", "response": "真开心！"}]}}}


def test_a_reply_that_says_the_question_back_or_only_asks():
    assert only_asks("你最近都在忙些什么？")
    assert only_asks("How have you been? What's new?")
    assert not only_asks("You signed up for pottery. How is it going?")
    assert not only_asks("")


def test_a_reply_that_carries_what_was_recalled():
    memories = ["I signed up for a pottery class at the community centre.\nLovely!"]
    question = "What have I been up to lately?"
    assert carries("You signed up for a pottery class!", memories, question, "en")
    # one word in common is not enough, nor words of the question itself
    assert not carries("You have been busy with a class, I think.", memories, question, "en")
    assert not carries("What have you been up to lately?", memories, question, "en")
    cn = ["我今天去绿禾公园放风筝了。\n真开心！"]
    assert carries("根据我的记忆，你去绿禾公园放风筝了。", cn, "我最近都在忙些什么？", "cn")
    assert not carries("根据我的记忆，你最近在忙工作。", cn, "我最近都在忙些什么？", "cn")
    assert not carries("你最近都在忙些什么？", ["你最近都在忙些什么"], "我最近都在忙些什么？", "cn")


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(BANK, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_user_asks_over_their_whole_memory(bank):
    said = ["You signed up for a pottery class.", "What have you been up to?",
            "Maybe you have been working a lot. On March 1 you said hello."]
    model = GenericFakeChatModel(messages=iter([AIMessage(t) for t in said]))
    result = evaluate_recaps(bank, lambda s: build_graph(model, s, reflect_every=None),
                             embedding="e5", users=1)
    rows = result["replies"]
    assert [r["question"] for r in rows] == list(RECAPS["en"])
    assert {r["today"] for r in rows} == {"2024-03-08"}  # four days after Ana's last
    assert [r["says_back"] for r in rows] == [False, True, False]
    assert [r["guesses"] for r in rows] == [False, False, True]
    assert [r["greets"] for r in rows] == [False, False, True]  # a greeting retold as news
    assert rows[0]["from_memory"] and not rows[1]["from_memory"]
    assert result["questions"] == 3 and result["says_back"] == round(1 / 3, 4)
    # each question meets the same memory: the asked exchange is taken out again
    assert all(any("pottery" in m for m in r["recalled"]) for r in rows)
    assert not any("up to" in m for r in rows for m in r["recalled"])
    cn = GenericFakeChatModel(messages=iter([AIMessage("你去绿禾公园放风筝了。")] * 6))
    out = evaluate_recaps(bank, lambda s: build_graph(cn, s, reflect_every=None),
                          embedding="e5", language="cn")
    assert [r["user"] for r in out["replies"]][-3:] == ["王芳"] * 3
    assert all(r["from_memory"] and r["language_match"] for r in out["replies"][-3:])


def test_a_bank_where_no_one_talked_is_refused(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(json.dumps({"Ana": {"name": "Ana", "history": {}}}), encoding="utf-8")
    with pytest.raises(EvalDataError, match="no user has talked"):
        evaluate_recaps(path, lambda s: None, embedding="e5")


def test_the_command_names_a_missing_bank_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("SF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")  # built, never called
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["eval", "recaps", "--bank", str(tmp_path / "nope.json"),
                                      "--backend", "openai", "--json", str(out)])
    assert result.exit_code == 1 and "nope.json" in result.output and not out.exists()
