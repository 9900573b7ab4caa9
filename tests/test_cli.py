import json

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.settings import get_settings

runner = CliRunner()

BANK = {
    "Emily": {"name": "Emily", "summary": {}, "personality": {}, "overall_history": "",
              "history": {"2023-04-27": [{"query": "My cat is called Mochi.", "response": "Cute!"}],
                          "2023-05-04": [{"query": "I have a speech and I'm nervous.",
                                          "response": "You will do well."}]}},
    "Bob": {"name": "Bob", "summary": {}, "personality": {}, "overall_history": "",
            "history": {"2023-05-01": [{"query": "I like trains.", "response": "Choo!"}]}},
}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SF_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SF_EMBEDDING", "minilm")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def run(*args):
    return runner.invoke(app, list(args))


@pytest.fixture
def bank_file(tmp_path):
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(BANK), encoding="utf-8")
    return path


def test_import_list_search_export(bank_file, tmp_path):
    r = run("memory", "import", str(bank_file))
    assert r.exit_code == 0, r.output
    assert "imported 3 turns of 2 users" in r.output
    r = run("memory", "list-users")
    assert r.output.splitlines() == ["Bob\t1 pieces", "Emily\t2 pieces"]
    r = run("memory", "search", "--user", "Emily", "--today", "2023-05-10", "--k", "1",
            "What is my cat called?")
    assert r.exit_code == 0
    first = r.output.splitlines()[0]
    assert "[2023-04-27 turn" in first and "S=2]" in first and "Mochi" in first
    out = tmp_path / "emily.json"
    r = run("memory", "export", "--user", "Emily", "--out", str(out))
    assert r.exit_code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))["Emily"]
    assert exported["history"]["2023-05-04"] == BANK["Emily"]["history"]["2023-05-04"]
    assert exported["history"]["2023-04-27"][0]["memory_strength"] == 2  # the search recalled it
    assert exported["history"]["2023-04-27"][0]["last_recall_date"] == "2023-05-10"


def test_search_can_leave_memory_untouched(bank_file):
    run("memory", "import", str(bank_file))
    run("memory", "search", "--user", "Bob", "--no-reinforce", "trains?")
    r = run("memory", "export", "--user", "Bob")
    assert json.loads(r.output)["Bob"] == BANK["Bob"]


def test_fade_and_delete_user(tmp_path):
    bank = json.loads(json.dumps(BANK))
    bank["Emily"]["summary"] = {"2023-04-27": {"content": "Emily's cat is called Mochi."}}
    bank["Bob"]["history"]["2023-04-20"] = [{"query": "I rode a steam train.", "response": "Fun!"}]
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(bank), encoding="utf-8")
    run("memory", "import", str(path))
    # R on Jul 7: Apr 20 0.06, Apr 27 0.09, May 1 0.11, May 4 0.12. Only a turn its day's
    # summary holds fades; Bob's Apr 20 turn has no summary and stays.
    r = run("memory", "fade", "--today", "2023-07-07")
    assert r.output.splitlines() == ["Bob\t0 turns forgotten", "Emily\t1 turns forgotten"]
    assert run("memory", "list-users").output.splitlines() == ["Bob\t2 pieces", "Emily\t2 pieces"]
    r = run("memory", "delete-user", "Emily", "--yes")
    assert r.exit_code == 0
    assert run("memory", "list-users").output.splitlines() == ["Bob\t2 pieces"]
    r = run("memory", "delete-user", "Emily", "--yes")
    assert r.exit_code == 1 and "no memory for user 'Emily'" in r.output
    # for good: the file cannot bring Emily back, and nothing of the file is written
    r = run("memory", "import", str(path))
    assert r.exit_code == 1 and "deleted for good" in r.output and "Emily" in r.output
    assert run("memory", "list-users").output.splitlines() == ["Bob\t2 pieces"]


def test_delete_asks_first(bank_file):
    run("memory", "import", str(bank_file))
    r = runner.invoke(app, ["memory", "delete-user", "Bob"], input="n\n")
    assert r.exit_code != 0
    assert "Bob" in run("memory", "list-users").output


def test_bad_input_gets_clear_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"Emily": {"history": {"2023-05-01": [{"query": 1, "response": "x"}]}}}')
    r = run("memory", "import", str(bad))
    assert r.exit_code == 1
    assert "user 'Emily', date 2023-05-01, field 'history[2023-05-01][0].query'" in r.output
    r = run("memory", "import", str(tmp_path / "missing.json"))
    assert r.exit_code == 1 and "No such file" in r.output
    r = run("memory", "search", "--user", "nobody", "hello")
    assert r.exit_code == 1 and "no memory for user 'nobody'" in r.output
    r = run("memory", "search", "--user", "x", "--today", "May 5", "hello")
    assert r.exit_code != 0 and "YYYY-MM-DD" in r.output
    r = run("memory", "export", "--user", "nobody")
    assert r.exit_code == 1


def test_reembed_adds_sentence_vectors_to_a_memory_written_before_them(bank_file):
    from app.memory_factory import open_store

    assert run("memory", "import", str(bank_file)).exit_code == 0
    col = open_store(get_settings())._collection("Emily", create=False)
    # As a store from before sentence vectors: no mark on the collection, none on the pieces.
    col.modify(metadata={"user": "Emily", "embedding": "minilm"})
    ids = col.get(include=[])["ids"]
    col.update(ids=ids, metadatas=[{"sentences": ""}] * len(ids))
    r = run("memory", "reembed")
    assert r.exit_code == 0, r.output
    assert "Emily\t2 pieces re-embedded (sentence vectors added)" in r.output
    assert "Bob\tup to date" in r.output
    fresh = open_store(get_settings())._collection("Emily", create=False)
    assert all(m["sentences"] for m in fresh.get(include=["metadatas"])["metadatas"])
    assert "Emily\tup to date" in run("memory", "reembed", "--user", "Emily").output


def test_reembed_after_changing_the_embedding_model(bank_file, monkeypatch):
    assert run("memory", "import", str(bank_file)).exit_code == 0
    monkeypatch.setenv("SF_EMBEDDING", "e5")
    get_settings.cache_clear()
    r = run("memory", "search", "--user", "Emily", "What is my cat called?")
    assert r.exit_code != 0 and "memory reembed" in str(r.exception)
    r = run("memory", "reembed")
    assert r.exit_code == 0, r.output
    assert "Emily\t2 pieces re-embedded (minilm -> e5)" in r.output
    assert "Bob\t1 pieces re-embedded (minilm -> e5)" in r.output
    assert "Emily\tup to date" in run("memory", "reembed", "--user", "Emily").output
    r = run("memory", "search", "--user", "Emily", "--today", "2023-05-10", "--k", "1",
            "What is my cat called?")
    assert r.exit_code == 0 and "Mochi" in r.output.splitlines()[0]


def test_summarize_shows_how_many_days_of_how_many(bank_file, monkeypatch):
    """The progress bar has its total (it used to read "1day [02:36, 156.66s/day]"), and the
    days are summarized through the configured endpoint (a local OpenAI-compatible server)."""
    from tests.openai_server import FakeOpenAI

    run("memory", "import", str(bank_file))
    with FakeOpenAI("Emily talked about her cat Mochi.") as server:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
        monkeypatch.setenv("SF_CHAT_BACKEND", "openai")
        monkeypatch.setenv("SF_OPENAI_BASE_URL", server.url)
        monkeypatch.setenv("SF_MAX_RETRIES", "0")
        get_settings.cache_clear()
        r = run("summarize", "--user", "Emily", "--today", "2023-05-10")
    assert r.exit_code == 0, r.output
    assert "2/2" in r.output and "Emily\t2 days summarized, overall updated" in r.output
    r = run("memory", "search", "--user", "Emily", "cat", "--today", "2023-05-10")
    assert "Emily talked about her cat Mochi." in r.output  # the summary is a memory now
