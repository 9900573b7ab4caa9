"""The statement evaluation: each user's last day held out of a real store, its messages that ask
nothing told through the whole graph; the scores read off the replies as defined. The chat model
is scripted (what is under test is the measuring); the bundled model's replies are measured by
the command (EVALUATION.md)."""
from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from typer.testing import CliRunner

from app.cli import app
from app.evaluation.gold import EvalDataError
from app.evaluation.statements import echo, evaluate_statements, leaks_format, \
    repeats_itself, restates, sentences, words
from graph import build_graph

BANK = {"Ana": {"name": "Ana", "history": {
    "2024-03-01": [{"query": "My sister Lucia just adopted a grey parrot named Kiwi.",
                    "response": "How fun!"}],
    "2024-03-04": [{"query": "Do you think Kiwi will talk?", "response": "Maybe!"},
                   {"query": "My best friend Leo is moving to Canada next month.",
                    "response": "Oh no, you'll miss him."},
                   {"query": "Kiwi bit my finger today, it was funny.", "response": "Ouch!"}]}},
    "王芳": {"name": "王芳", "history": {
        "2024-03-01": [{"query": "我今天做了番茄炒蛋。", "response": "好香！"}],
        "2024-03-02": [{"query": "我最好的朋友小李下个月要搬去加拿大了。", "response": "舍不得吧？"}]}}}


def test_a_reply_that_says_the_message_back():
    message = "My best friend Leo is moving to Canada next month."
    assert restates("Leo is moving to Canada next month.", message, "en")
    assert restates("Oh! Your best friend Leo is moving to Canada next month? Wow.", message, "en")
    assert not restates("That's a big change! Will you visit him there?", message, "en")
    assert not restates("Leo!", message, "en")  # too short to say anything back
    assert echo("Leo is moving to Canada next month.", message, "en") == 1.0
    assert echo("You'll miss him. Will you visit?", message, "en") == 0.0
    cn = "我最好的朋友小李下个月要搬去加拿大了。"
    assert restates("你最好的朋友小李下个月要搬去加拿大了。", cn, "cn")  # 我 -> 你 counts for nothing
    assert not restates("舍不得吧？你们认识多久了？", cn, "cn")
    assert "我最" not in words(cn, "cn") and "加拿" in words(cn, "cn")
    assert sentences("That's big news! Will you visit him? ") == 2
    assert sentences("太好了！你打算什么时候去看他？") == 2


def test_a_reply_that_gives_old_advice_again():
    old = [{"kind": "turn", "query": "I found old photos.",
            "response": "Old photos are like little time capsules, they bring back details."}]
    assert repeats_itself("How fun! Old photos are like little time capsules, they bring back "
                          "details you'd never remember.", old, "en")
    assert not repeats_itself("Old photos are lovely. Which one made you smile?", old, "en")
    # the user's own words said back are another measure (`recites`)
    assert not repeats_itself("You found old photos.", old, "en")


def test_a_reply_that_shows_the_memory_lines_words():
    assert leaks_format('On Monday, Ana told you: she has a parrot. You replied: "How fun!"', "en")
    assert leaks_format("你回答：“看起来你需要一些减压的方式。”", "cn")
    assert not leaks_format("Your sister's parrot is Kiwi, you told me.", "en")


@pytest.fixture
def bank(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(BANK, ensure_ascii=False), encoding="utf-8")
    return path


def test_each_users_last_day_is_told_over_the_days_before(bank):
    model = GenericFakeChatModel(messages=iter([
        AIMessage("Leo is moving to Canada next month."),
        AIMessage("Ha! Parrots do that. Did it hurt?"),
        AIMessage("舍不得吧？你们认识多久了？")]))
    result = evaluate_statements(bank, lambda s: build_graph(model, s, reflect_every=None),
                                 embedding="e5")
    # the question of Ana's last day is not told; her two other messages are, in order
    assert [r["message"] for r in result["replies"]] == [
        "My best friend Leo is moving to Canada next month.",
        "Kiwi bit my finger today, it was funny.", "我最好的朋友小李下个月要搬去加拿大了。"]
    assert [r["today"] for r in result["replies"]] == ["2024-03-04", "2024-03-04", "2024-03-02"]
    assert result["statements"] == 3 and result["restates"] == round(1 / 3, 4)
    assert result["asks_back"] == round(2 / 3, 4) and result["language_match"] == 1.0
    # the held-out day is not in memory, the days before are; each message meets the same memory
    for r in result["replies"]:
        assert not any(r["today"] in i for i in r["recalled"])
    assert any("2024-03-01" in i for i in result["replies"][1]["recalled"])


def test_a_bank_whose_last_days_only_ask_is_refused(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(json.dumps({"Ana": {"name": "Ana", "history": {"2024-03-01": [
        {"query": "What's up?", "response": "Not much!"}]}}}), encoding="utf-8")
    with pytest.raises(EvalDataError, match="asks nothing"):
        evaluate_statements(path, lambda s: None, embedding="e5")


def test_the_command_names_a_missing_bank_and_writes_nothing(bank, tmp_path, monkeypatch):
    monkeypatch.setenv("SF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")  # built, never called
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["eval", "statements", "--bank", str(tmp_path / "nope.json"),
                                      "--backend", "openai", "--json", str(out)])
    assert result.exit_code == 1 and "nope.json" in result.output and not out.exists()
