"""The retrieval evaluation: gold files checked, every method run on a real store, scores
computed as defined (hit@k, recall@k, per type, unanswerable questions left out of both)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.evaluation.gold import EvalDataError, check_evidence, name_when, read_gold
from app.evaluation.recall import METHODS, _score, evaluate_methods
from app.settings import get_settings
from memory.seed_format import read_bank

BANK = {
    "Ana": {"name": "Ana", "history": {
        "2024-03-01": [{"query": "My sister Lucia just adopted a grey parrot named Kiwi.",
                        "response": "How fun!"},
                       {"query": "Work was long today.", "response": "Rest well."}],
        "2024-03-02": [{"query": "I made lentil soup for dinner.", "response": "Yum."},
                       {"query": "I watched a documentary about volcanoes.",
                        "response": "Fascinating."}],
        "2024-03-03": [{"query": "I booked a trip to Lisbon in May.", "response": "Exciting!"},
                       {"query": "My knee hurts after the run.", "response": "Take it easy."}]}},
    "Ben": {"name": "Ben", "history": {
        "2024-03-05": [{"query": "I started learning the cello.", "response": "Lovely."}]}},
}
GOLD = [
    {"user": "Ana", "qid": "q1", "question": "What is the name of my sister's parrot?",
     "answer": "Kiwi", "evidence": [["2024-03-01", 0]], "type": "fact"},
    {"user": "Ana", "qid": "q2", "question": "What did I cook on March 2nd?",
     "answer": "lentil soup", "evidence": [["2024-03-02", 0]], "type": "date"},
    {"user": "Ana", "qid": "q3", "question": "Where am I travelling in May, and what hurts?",
     "answer": "Lisbon; knee", "evidence": [["2024-03-03", 0], ["2024-03-03", 1]],
     "type": "multi"},
    {"user": "Ana", "qid": "q4", "question": "What is my brother's car?", "answer": "never said",
     "evidence": [], "type": "unanswerable"},
    {"user": "Ben", "qid": "q5", "question": "Which instrument am I learning?",
     "answer": "cello", "evidence": [["2024-03-05", 0]], "type": "fact"},
]


@pytest.fixture
def files(tmp_path):
    bank, gold = tmp_path / "bank.json", tmp_path / "gold.jsonl"
    bank.write_text(json.dumps(BANK), encoding="utf-8")
    gold.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    return bank, gold


def test_scores_follow_their_definitions():
    got = [("2024-03-03", 1), ("2024-03-01", None), ("2024-03-03", 0)]
    assert _score(got, {("2024-03-03", 0), ("2024-03-03", 1)}, 1) == (True, 0.5)
    assert _score(got, {("2024-03-03", 0), ("2024-03-03", 1)}, 3) == (True, 1.0)
    assert _score(got, {("2024-03-01", 4)}, 2) == (True, 1.0)  # that day's summary covers it
    assert _score(got, {("2024-03-02", 0)}, 3) == (False, 0.0)


def test_ours_finds_the_evidence(files):
    r = evaluate_methods(*files, ("ours",), (1, 3))["ours"]
    assert r["method"] == "ours" and r["questions"] == 5 and r["answerable"] == 4
    assert r["hit@k"] == {"1": 1.0, "3": 1.0} and r["recall@k"]["3"] == 1.0
    assert r["recall@k"]["1"] == pytest.approx((1 + 1 + 0.5 + 1) / 4)
    # the relevance floor: a question about nothing Ana told recalls nothing
    assert r["by_type"]["unanswerable"] == {"questions": 1, "hit@k": {}, "recall@k": {},
                                            "recalled_nothing": 1.0}
    assert r["by_type"]["multi"]["recall@k"] == {"1": 0.5, "3": 1.0}
    assert [q["first_hit_rank"] for q in r["per_question"]] == [1, 1, 1, 1]
    assert r["latency_ms"]["p95"] >= r["latency_ms"]["p50"] > 0


def test_other_users_questions_are_asked_as_unanswerable_ones(files):
    """`foreign`: each user also gets other users' questions; ours recalls nothing for them (its
    relevance floor), plain search always the best of the unrelated."""
    r = evaluate_methods(*files, ("ours", "dense"), (1, 3), foreign=1)
    for method in ("ours", "dense"):
        assert r[method]["questions"] == len(GOLD) + 2  # one for Ana, one for Ben
        assert r[method]["by_type"]["foreign"]["questions"] == 2
    assert r["ours"]["by_type"]["foreign"]["recalled_nothing"] == 1.0
    assert r["dense"]["by_type"]["foreign"]["recalled_nothing"] == 0.0
    assert r["ours"]["hit@k"] == {"1": 1.0, "3": 1.0}  # the answerable ones lose nothing


def test_questions_asked_before_and_declined(files):
    """`asked_before`: each answerable question was asked before and got "I don't think you've
    told me". Unmarked (a store written before the mark), the earlier asking comes first
    wherever no day is named; marked as the companion marks it, recall finds what it did."""
    unmarked = evaluate_methods(*files, ("ours",), (1, 3), asked_before="unmarked")["ours"]
    assert [q["first_hit_rank"] for q in unmarked["per_question"]] == [2, 1, 2, 2]
    declined = evaluate_methods(*files, ("ours",), (1, 3), asked_before="declined")["ours"]
    assert declined["hit@k"] == {"1": 1.0, "3": 1.0}
    with pytest.raises(EvalDataError, match="asked-before"):
        evaluate_methods(*files, ("ours",), (1,), asked_before="maybe")


def test_questions_with_their_month_or_week_named(files):
    """`when`: the questions whose evidence lies in one month (or week) are asked with that time
    said after them; those that name a time already, or span two, are left out."""
    golds, todays = read_gold(files[1]), {"Ana": date(2024, 3, 20), "Ben": date(2024, 3, 20)}
    month = name_when(golds, todays, "month", "en")
    assert [(g.qid, g.question) for g in month] == [
        ("q1", "What is the name of my sister's parrot? It was in March."),
        ("q5", "Which instrument am I learning? It was in March.")]
    assert [g.question for g in name_when(golds, todays, "week", "cn")] == [
        "What is the name of my sister's parrot?是3周前的事。",
        "Which instrument am I learning?是2周前的事。"]
    assert name_when(golds, {"Ana": date(2024, 3, 8), "Ben": date(2024, 3, 8)}, "week", "en") == []
    r = evaluate_methods(*files, ("ours",), (1, 3), today=date(2024, 3, 20), when="month")["ours"]
    assert r["answerable"] == 2 and r["hit@k"] == {"1": 1.0, "3": 1.0}
    with pytest.raises(EvalDataError, match="--when"):
        name_when(golds, todays, "year", "en")


@pytest.mark.parametrize("method", METHODS)
def test_every_method_runs_on_the_same_data(files, method):
    r = evaluate_methods(*files, (method,), (1, 2, 3))[method]
    assert r["method"] == method and set(r["hit@k"]) == {"1", "2", "3"}
    assert all(0 <= v <= 1 for v in r["hit@k"].values())
    assert r["hit@k"]["1"] <= r["hit@k"]["2"] <= r["hit@k"]["3"]
    assert set(r["by_type"]) == {"fact", "date", "multi", "unanswerable"}


@pytest.mark.parametrize("text, message", [
    ('{"user": "Ana", "qid": "x", "question": "?", "type": "fact"}', "evidence"),
    ('{"user": "Ana", "qid": "x", "question": "?", "type": "fact", "evidence": [["2024-03-01"]]}',
     "evidence"),
    ('{"user": "", "qid": "x", "question": "?", "type": "fact", "evidence": []}', "'user'"),
    ("not json", "line 1: not valid JSON"),
    ("", "no questions"),
])
def test_bad_gold_files_get_a_clear_error(tmp_path, text, message):
    path = tmp_path / "gold.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvalDataError, match=message):
        read_gold(path)


def test_evidence_the_bank_lacks_is_refused(files, tmp_path):
    bank, _ = files
    gold = tmp_path / "bad.jsonl"
    gold.write_text(json.dumps(GOLD[0] | {"evidence": [["2024-03-01", 7]]}), encoding="utf-8")
    with pytest.raises(EvalDataError, match="no turn 7 on 2024-03-01"):
        evaluate_methods(bank, gold)


def test_eval_command_writes_json(files, tmp_path, monkeypatch):
    monkeypatch.setenv("SF_EMBEDDING", "minilm")
    get_settings.cache_clear()
    out = tmp_path / "r.json"
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "retrieval", "--bank", str(files[0]), "--gold",
                                 str(files[1]), "--k", "1,3", "--method", "dense", "--json",
                                 str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["method"] == "dense"
    ok = runner.invoke(app, ["eval", "validate", "--bank", str(files[0]), "--gold",
                             str(files[1])])
    assert ok.exit_code == 0 and "5 questions" in ok.output
    bad = runner.invoke(app, ["eval", "retrieval", "--bank", str(files[0]), "--gold",
                              str(files[1]), "--k", "0"])
    assert bad.exit_code != 0
    get_settings.cache_clear()


def fake_endpoint(body: dict) -> str:
    """Companion and judge behind one OpenAI-compatible server: the companion always says Kiwi;
    the judge checks the gold answer against the reply, and rambles once."""
    prompt = body["messages"][-1]["content"]
    if not prompt.startswith("You grade an AI companion"):
        return "Your sister's parrot is called Kiwi."
    if "brother's car" in prompt:
        return "Looks fine to me."  # no JSON: a failed judgement
    gold = prompt.split("Gold answer: ")[1].split("\n")[0]
    reply = prompt.split("Companion's answer: ")[1].split("\n")[0]
    return json.dumps({"correctness": 1 if gold.lower() in reply.lower() else 0,
                       "coherence": 1})


def test_eval_answers_scores_with_a_judge(files, tmp_path, monkeypatch):
    from tests.openai_server import FakeOpenAI

    with FakeOpenAI(reply=fake_endpoint) as server:
        for key, value in {"SF_EMBEDDING": "minilm", "SF_CHAT_BACKEND": "openai",
                           "SF_OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-test",
                           "SF_MAX_RETRIES": "0", "SF_DATA_DIR": str(tmp_path / "d")}.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        out = tmp_path / "answers.json"
        result = CliRunner().invoke(app, ["eval", "answers", "--bank", str(files[0]), "--gold",
                                          str(files[1]), "--judge-model", "judge",
                                          "--judge-base-url", server.url, "--json", str(out)])
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    r = json.loads(out.read_text())
    assert r["questions"] == 5 and r["scored"] == 4 and [f["qid"] for f in r["failures"]] == ["q4"]
    assert r["correctness"] == 0.25 and r["coherence"] == 1.0  # only q1 (Kiwi) is right
    assert r["by_type"]["fact"] == {"scored": 2, "correctness": 0.5, "coherence": 1.0}
    judged = [b for b in server.requests if b["messages"][-1]["content"].startswith("You grade")]
    assert judged[0]["model"] == "judge" and judged[0]["temperature"] == 0
    # the companion saw its memories: the question was asked four days after the last day
    asked = [b for b in server.requests if b["messages"][-1]["content"] ==
             "What is the name of my sister's parrot?"]
    assert "Today is 2024-03-07" in asked[0]["messages"][0]["content"]
    assert "grey parrot named Kiwi" in asked[0]["messages"][0]["content"]


EVAL_DATA = Path(__file__).resolve().parents[1] / "eval_data"


def whole_set(name: str, users: int, questions: int, types: set[str]):
    """A committed set's bank and gold, checked to hold together; returns both."""
    golds = read_gold(EVAL_DATA / name / f"gold_{name}.jsonl")
    banks = read_bank(EVAL_DATA / name / f"bank_{name}.json")
    assert check_evidence(banks, golds) == []
    assert len(banks) == users and len(golds) == questions
    assert len({g.qid for g in golds}) == questions
    assert {g.user for g in golds} == {b.profile.user for b in banks}
    assert {g.type for g in golds} == types
    assert all(bool(g.evidence) == (g.type != "unanswerable") for g in golds)
    return banks, golds


LIFE = [("life_en", 20, 300), ("life_cn", 20, 300), ("life_en_blind", 10, 150),
        ("life_cn_blind", 10, 150), ("life_en_blind2", 10, 150), ("life_cn_blind2", 10, 150)]


def test_life_sets_are_what_their_generator_writes(tmp_path):
    # One generator builds every life-like set from its JSON content; the committed files must
    # be exactly its output, so that nobody edits a bank or a gold line by hand.
    run = subprocess.run([sys.executable, str(EVAL_DATA / "generate.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    sets = [p.name for p in EVAL_DATA.iterdir() if (p / f"gold_{p.name}.jsonl").exists()]
    assert sorted(sets) == sorted(name for name, _, _ in LIFE)  # no set outside the generator
    for name, _, _ in LIFE:
        for f in (f"bank_{name}.json", f"gold_{name}.jsonl"):
            assert (tmp_path / name / f).read_bytes() == (EVAL_DATA / name / f).read_bytes(), f


@pytest.mark.parametrize("name, users, questions", LIFE)
def test_life_sets_are_whole(name, users, questions):
    banks, golds = whole_set(name, users, questions, {
        "fact", "companion", "preference", "multi", "update", "date", "relative", "recent",
        "unanswerable"})
    turns = {(b.profile.user, p.date, p.index): p.text.lower() for b in banks for p in b.pieces}
    for g in golds:  # the keywords a reply is scored on lie in the evidence
        if g.evidence:
            said = " ".join(turns[(g.user, d, i)] for d, i in g.evidence)
            assert all(k.lower() in said for k in g.keywords), g.qid
    spans = [(date.fromisoformat(max(b.profile.history_dates))
              - date.fromisoformat(min(b.profile.history_dates))).days for b in banks]
    assert sum(s >= 170 for s in spans) >= users // 2 - 1  # half of them 6-12 months long


OPEN_EVENTS = ["My sister Lucia adopted a grey parrot named Kiwi.",
               "Booked flights to Lisbon for the Santos festival in June.",
               "Ran the Hackney half marathon in 1:58, my knees are wrecked.",
               "Our choir sang Faure's Requiem at St Anne's and I had a solo.",
               "Signed the lease on a two-bed flat in Walthamstow with Jonah."]


def test_eval_open_counts_events_among_what_an_open_question_recalls(tmp_path, monkeypatch):
    # Each day: small talk, one event, thanks. The generator's content files say which turns
    # are events; by similarity an open question recalls the small talk, read as open it recalls
    # what happened.
    history = {f"2024-03-0{d + 1}": [
        {"query": "Hi, I have a question for you today.", "response": "Of course!"},
        {"query": event, "response": "How wonderful!"},
        {"query": "Thanks, I feel much better now.", "response": "Glad to hear it."}]
        for d, event in enumerate(OPEN_EVENTS)}
    bank, content = tmp_path / "bank.json", tmp_path / "content"
    bank.write_text(json.dumps({"Ana": {"name": "Ana", "history": history}}), encoding="utf-8")
    content.mkdir()
    (content / "a.json").write_text(json.dumps({"users": [{"name": "Ana", "events": [
        {"id": f"e{i}", "day": i, "user": e, "assistant": "How wonderful!"}
        for i, e in enumerate(OPEN_EVENTS)]}]}), encoding="utf-8")
    out = tmp_path / "open.json"
    monkeypatch.setenv("SF_EMBEDDING", "minilm")
    get_settings.cache_clear()
    result = CliRunner().invoke(app, ["eval", "open", "--bank", str(bank), "--content",
                                      str(content), "--language", "en", "--json", str(out)])
    assert result.exit_code == 0, result.output
    got = json.loads(out.read_text())
    assert got["users"] == 1 and got["ours"]["pieces"] == 9
    assert got["ours"]["events"] == 1.0 and got["ours"]["last_30_days"] == 1.0
    assert got["by_similarity"]["events"] < 0.5
    (content / "a.json").write_text(json.dumps({"users": [{"name": "Ana", "events": []}]}))
    empty = CliRunner().invoke(app, ["eval", "open", "--bank", str(bank), "--content",
                                     str(content), "--language", "en"])
    assert empty.exit_code != 0 and "no events" in empty.output
    wrong = CliRunner().invoke(app, ["eval", "open", "--bank", str(bank), "--content",
                                     str(content), "--language", "fr"])
    assert wrong.exit_code != 0 and "language must be one of" in wrong.output
    get_settings.cache_clear()
