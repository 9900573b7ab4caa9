"""`python -m app chat` with the bundled model: streamed replies, `clear`, `stop`, and the
thread kept across restarts."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from app.cli import app
from app.companion import Threads
from app.memory_factory import open_store
from app.settings import get_settings


@pytest.fixture
def env(model_data_dir, monkeypatch):
    for key, value in {"SF_DATA_DIR": str(model_data_dir), "SF_CHAT_BACKEND": "local",
                       "SF_EMBEDDING": "minilm", "SF_MAX_TOKENS": "16"}.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def chat(*lines: str, today: str = "2023-05-01"):
    return CliRunner().invoke(app, ["chat", "--user", "Emily", "--today", today,
                                    "--show-memories"], input="\n".join(lines) + "\n")


def test_chat_remembers_clears_and_stops(env):
    result = chat("My dog is called Rex.", "", "clear", "What is my dog called?", "stop",
                  "never read")
    assert result.exit_code == 0, result.output
    assert result.output.count("SiliconFriend> ") == 2 and "(a new conversation)" in result.output
    # the second reply recalled the first turn, shown with its words
    assert "S=2] My dog is called Rex." in result.output.split("[2023-05-01 turn", 1)[1]
    store = open_store(env)
    assert [p.query for p in store.pieces("Emily")] == ["My dog is called Rex.",
                                                        "What is my dog called?"]
    assert all(p.response.strip() for p in store.pieces("Emily"))
    threads = Threads.open(env)
    assert threads.forget_user("Emily") == 2  # `clear` started a second thread


def test_chat_goes_on_in_the_same_thread_after_a_restart(env):
    assert chat("I live in Porto.", "stop").exit_code == 0
    threads = Threads.open(env)
    tid = threads.current("Emily")
    threads.close()
    assert chat("Hello again.", "stop").exit_code == 0
    threads = Threads.open(env)
    assert threads.current("Emily") == tid
    state = threads.checkpointer.get_tuple({"configurable": {"thread_id": tid}})
    texts = [m.content for m in state.checkpoint["channel_values"]["messages"]]
    assert texts[0] == "I live in Porto." and texts[2] == "Hello again." and len(texts) == 4


def test_chat_rejects_a_bad_language(env):
    result = CliRunner().invoke(app, ["chat", "--user", "Emily", "--language", "fr"], input="")
    assert result.exit_code == 1 and "language" in result.output


def test_stop_waits_for_the_summary_being_written_in_the_background(env):
    """A new day's first message starts the summary of the last day in the background; `stop`
    lets it finish, so the summary is there when the command returns."""
    assert chat("My dog is called Rex.", "stop").exit_code == 0
    result = chat("Rex learned to sit today!", "stop", today="2023-05-02")
    assert result.exit_code == 0, result.output
    assert "finishing the summary" in result.output
    summaries = [p for p in open_store(env).pieces("Emily") if p.kind == "summary"]
    assert [p.date for p in summaries] == ["2023-05-01"]
