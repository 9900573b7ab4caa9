"""The reply evaluation: each answerable question asked through the whole graph in a new
conversation, on a real store; the scores read off the replies as defined. The chat model here
is scripted (what is under test is the measuring, not the model); the bundled model's replies
are measured by the command itself (EVALUATION.md)."""
from __future__ import annotations

import json

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langgraph.checkpoint.memory import InMemorySaver
from typer.testing import CliRunner

from app.cli import app
from app.evaluation.gold import EvalDataError, read_gold
from app.evaluation.replies import NOT_REMEMBERED, credits_user, evaluate_replies, \
    has_stage_directions, recalls_evidence, recites, recites_prompt, uses_memory
from graph import build_graph

BANK = {"Ana": {"name": "Ana", "history": {
    "2024-03-01": [{"query": "My sister Lucia just adopted a grey parrot named Kiwi.",
                    "response": "How fun!"}],
    "2024-03-02": [{"query": "我今天做了番茄炒蛋。", "response": "好香！"}]}}}
GOLD = [
    {"user": "Ana", "qid": "q1", "question": "What is my sister's parrot called?",
     "answer": "Kiwi", "keywords": ["kiwi"], "evidence": [["2024-03-01", 0]], "type": "fact"},
    {"user": "Ana", "qid": "q2", "question": "我3月2日做了什么菜？", "answer": "番茄炒蛋",
     "keywords": ["番茄炒蛋"], "evidence": [["2024-03-02", 0]], "type": "date"},
    {"user": "Ana", "qid": "q3", "question": "What's my brother's name?", "answer": "never said",
     "evidence": [], "type": "unanswerable"},
]


@pytest.fixture
def files(tmp_path):
    bank, gold = tmp_path / "bank.json", tmp_path / "gold.jsonl"
    bank.write_text(json.dumps(BANK, ensure_ascii=False), encoding="utf-8")
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOLD), encoding="utf-8")
    return bank, gold


def test_the_reading_of_a_reply():
    assert uses_memory("Your sister’s parrot is KIWI!", ("kiwi",))
    assert uses_memory("It's Lucia's bird", ("Lucia's",))  # curly and straight apostrophes
    assert not uses_memory("I don't remember.", ("kiwi",))
    for staged in ("(winks) Sure!", "Of course *smiles warmly*", "好呀（笑）", "(takes a bath)"):
        assert has_stage_directions(staged), staged
    for plain in ("Your parrot (Kiwi) is lovely.", "It cost $640 (with tax).", "好的，周四见。",
                  "1. **Swimming**: gentle on the knee."):
        assert not has_stage_directions(plain), plain
    assert NOT_REMEMBERED.search("Hmm, I don't think you've told me about your brother yet.")
    assert NOT_REMEMBERED.search("你好像还没跟我说过呢。")
    assert not NOT_REMEMBERED.search("Your brother is called Sam.")


def test_a_reply_that_reads_its_memory_aloud_is_told_from_one_that_uses_it():
    parrot = [{"kind": "turn", "query": "My sister Lucia just adopted a grey parrot named Kiwi.",
               "response": "How fun! Grey parrots can learn dozens of words and live for decades."}]
    assert recites('Ana said: "My sister Lucia  just adopted a grey parrot named Kiwi."', parrot,
                   "en")
    assert not recites("Your sister Lucia's parrot is called Kiwi.", parrot, "en")
    # the companion repeating its own words speaks as itself
    assert not recites("Grey parrots can learn dozens of words and live for decades!", parrot,
                       "en")
    assert not recites("Kiwi!", [], "en")
    stomach = [{"kind": "summary", "text": "今天去千佛山医院做了个胃镜，俺怕得要死，结果还行，大夫说是浅表性胃炎。"}]
    assert recites("王秀兰说：“今天去千佛山医院做了个胃镜，俺怕得要死，结果还行”", stomach, "cn")
    assert not recites("大夫说你是浅表性胃炎，不要紧的。", stomach, "cn")


def test_each_question_goes_through_the_graph_in_a_new_conversation(files):
    bank, gold = files
    model = GenericFakeChatModel(messages=iter([AIMessage("Your sister's parrot is Kiwi."),
                                                AIMessage("You cooked tomato and eggs (smiles)."),
                                                AIMessage("Your brother is called Sam.")]))
    seen = []

    def companion(s):
        seen.append(s)
        return build_graph(model, s, reflect_every=None)

    result = evaluate_replies(bank, gold, companion, embedding="minilm")
    assert result["questions"] == 2 and len(seen) == 1 and not result["conversation"]
    assert result["memory_use"] == 0.5 and result["by_type"]["fact"]["memory_use"] == 1.0
    # the unanswerable question is asked after the answerable ones; an invented answer
    assert result["unanswerable"] == 1 and result["says_not_remembered"] == 0.0
    assert result["language_match"] == round(2 / 3, 4)  # the Chinese question got English
    assert result["stage_directions"] == round(1 / 3, 4)
    # in its own words, and speaking to the user
    assert result["recites"] == 0.0 and result["first_person"] == 0.0
    assert result["memory_use_in_own_words"] == 0.5
    [first, second, third] = result["replies"]
    assert third["qid"] == "q3" and third["memory_use"] is None
    assert first["reply"] == "Your sister's parrot is Kiwi." and first["memory_use"]
    assert not second["memory_use"] and first["first_token_ms"] <= first["reply_s"] * 1000
    # both facts were in the recalled memories: the miss is the model's, not recall's
    assert first["evidence_recalled"] and second["evidence_recalled"]
    assert third["evidence_recalled"] is None
    assert result["evidence_recalled"] == 1.0 and result["memory_use_when_recalled"] == 0.5
    # asked as its user on the evaluation's today: four days after the user's last day
    assert {r["today"] for r in result["replies"]} == {"2024-03-06"}
    # and over the same memory: no question recalls the exchange of the one before
    assert all(r["recalled"] and not any("2024-03-06" in i for i in r["recalled"])
               for r in result["replies"])


def test_questions_of_one_type_and_whose_words_the_reply_gives(tmp_path):
    bank, gold = tmp_path / "bank.json", tmp_path / "gold.jsonl"
    told = {"Ana": {"name": "Ana", "history": {"2024-03-01": [
        {"query": "My eyes hurt after work.", "response": "Try the 20-20-20 rule."},
        {"query": "I'm reading Stoner.", "response": "A quiet, lovely novel."}]}}}
    bank.write_text(json.dumps(told), encoding="utf-8")
    gold.write_text("\n".join(json.dumps(g) for g in [
        {"user": "Ana", "qid": "c1", "question": "What trick did you give me for my eyes?",
         "answer": "20-20-20", "keywords": ["20-20-20"], "evidence": [["2024-03-01", 0]],
         "type": "companion"},
        {"user": "Ana", "qid": "f1", "question": "Which novel am I reading?", "answer": "Stoner",
         "keywords": ["Stoner"], "evidence": [["2024-03-01", 1]], "type": "fact"},
        {"user": "Ana", "qid": "c2", "question": "Which book did you suggest?", "answer": "-",
         "evidence": [], "type": "unanswerable"}]), encoding="utf-8")
    model = GenericFakeChatModel(messages=iter([AIMessage("You told me the 20-20-20 rule.")]))
    result = evaluate_replies(bank, gold, lambda s: build_graph(model, s, reflect_every=None),
                              embedding="minilm", types=("companion",))
    # only the companion question: the fact question and the unanswerable one are not asked
    assert [r["qid"] for r in result["replies"]] == ["c1"] and result["unanswerable"] == 0
    # the reply gives the companion's own advice to the user
    assert result["asks_what_companion_did"] == 1 and result["credits_user"] == 1.0
    assert credits_user("I suggested the 20-20-20 rule, as you asked.", "en") is False
    assert credits_user("You suggested Stoner.", "en") and credits_user("你推荐我看的是《繁花》。", "cn")
    assert not credits_user("我推荐你看《繁花》，你说过喜欢上海。", "cn")


def test_other_users_questions_are_asked_as_ones_to_decline(tmp_path):
    bank, gold = tmp_path / "bank.json", tmp_path / "gold.jsonl"
    two = {**BANK, "Ben": {"name": "Ben", "history": {"2024-03-01": [
        {"query": "We got a puppy! He's a beagle called Rex.", "response": "Aww!"}]}}}
    bank.write_text(json.dumps(two, ensure_ascii=False), encoding="utf-8")
    gold.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in [GOLD[0], {
        "user": "Ben", "qid": "b1", "question": "What is my dog called?", "answer": "Rex",
        "keywords": ["rex"], "evidence": [["2024-03-01", 0]], "type": "fact"}]),
        encoding="utf-8")
    model = GenericFakeChatModel(messages=iter([AIMessage(t) for t in (
        "Your sister's parrot is Kiwi.", "Your dog is Rex.",
        "I don't think you've told me about a dog.",  # Ana, asked Ben's question
        "What you know of Ben's life so far: a beagle.")]))  # Ben, asked Ana's: the prompt read
    result = evaluate_replies(bank, gold, lambda s: build_graph(model, s, reflect_every=None),
                              embedding="minilm", foreign=1)
    assert [(r["qid"], r["type"]) for r in result["replies"]] == [
        ("q1", "fact"), ("b1", "fact"), ("foreign-Ana-b1", "foreign"),
        ("foreign-Ben-q1", "foreign")]
    assert result["questions"] == 2 and result["memory_use"] == 1.0
    assert result["unanswerable"] == 0 and result["says_not_remembered"] is None
    assert result["foreign"] == 2 and result["foreign_says_not_remembered"] == 0.5
    assert result["recites_prompt"] == 0.25 and result["replies"][3]["recites_prompt"]


def test_a_reply_that_reads_the_prompt_aloud():
    assert recites_prompt("What you know of Ben's life so far: nothing yet.", "en", "Ben")
    assert not recites_prompt("你记得的和王秀兰以前聊过的内容（最相关的在前）：…", "cn", "王秀兰")  # old
    assert recites_prompt("王秀兰的性格，以及最合适的回应方式：开朗", "cn", "王秀兰")
    assert not recites_prompt("I don't think you've told me about your brother.", "en", "Ana")
    assert not recites_prompt("你好像还没跟我说过你哥哥的名字。", "cn", "小明")


def test_in_a_conversation_a_users_questions_share_one_thread(files):
    bank, gold = files
    seen = []

    class Seeing(GenericFakeChatModel):
        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            seen.append([m.text for m in messages[1:]])  # what follows the system prompt
            return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)

    model = Seeing(messages=iter([AIMessage("Kiwi."), AIMessage("番茄炒蛋。"),
                                  AIMessage("I don't remember your brother's name.")]))
    result = evaluate_replies(bank, gold, lambda s: build_graph(
        model, s, reflect_every=None, checkpointer=InMemorySaver()), embedding="minilm",
        conversation=True)
    assert result["conversation"] and result["memory_use"] == 1.0
    assert seen[1] == ["What is my sister's parrot called?", "Kiwi.", "我3月2日做了什么菜？"]
    assert seen[2][-1] == "What's my brother's name?" and len(seen[2]) == 5
    assert result["says_not_remembered"] == 1.0


def test_evidence_counts_as_recalled_by_its_turn_or_its_days_summary(files):
    [q1] = [g for g in read_gold(files[1]) if g.qid == "q1"]
    turn = {"id": "Ana_2024-03-01_0", "kind": "turn", "date": "2024-03-01"}
    other = {"id": "Ana_2024-03-01_1", "kind": "turn", "date": "2024-03-01"}
    summary = {"id": "Ana_2024-03-01_summary", "kind": "summary", "date": "2024-03-01"}
    assert recalls_evidence([other, turn], q1) and recalls_evidence([summary], q1)
    assert not recalls_evidence([other], q1) and not recalls_evidence([], q1)


def test_keywords_must_be_texts(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text(json.dumps(GOLD[0] | {"keywords": ["ok", ""]}), encoding="utf-8")
    with pytest.raises(EvalDataError, match="keywords"):
        read_gold(bad)


def test_the_command_refuses_a_gold_file_without_keywords(files, tmp_path, monkeypatch):
    bank, _ = files
    gold = tmp_path / "plain.jsonl"
    gold.write_text(json.dumps({k: v for k, v in GOLD[0].items() if k != "keywords"}),
                    encoding="utf-8")
    monkeypatch.setenv("SF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SF_CHAT_BACKEND", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")  # the client is built, never called
    result = CliRunner().invoke(app, ["eval", "replies", "--bank", str(bank), "--gold",
                                      str(gold)])
    assert result.exit_code == 1 and "no answerable question with keywords" in result.output
