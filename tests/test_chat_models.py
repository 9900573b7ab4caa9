"""The three chat backends through the one factory: `openai` against a local OpenAI-compatible
server that the test starts, `hf` with a LoRA adapter trained here, and the bundled `local` model,
each driving the real companion graph on a real Chroma."""
from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage

from app.chat_models import ChatModelConfigError, backend, describe, make_chat_model
from app.companion import make_companion
from app.memory_factory import open_store
from app.settings import Settings
from graph import ChatModelError
from memory.background import default_worker
from tests.openai_server import FakeOpenAI


def turn(text: str, today: str, user: str = "Emily") -> dict:
    return {"messages": [HumanMessage(text)], "user_id": user, "today": today}


@pytest.fixture
def openai_server(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    with FakeOpenAI() as server:
        yield server


def openai_settings(tmp_path, server, **kw) -> Settings:
    return Settings(data_dir=tmp_path / "data", embedding="minilm", chat_backend="openai",
                    openai_base_url=server.url, openai_model="companion-test", max_retries=0,
                    **kw)


def test_auto_backend_is_openai_with_a_key_and_local_without(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert backend(Settings()) == "local" and describe(Settings()).startswith("local")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    assert backend(Settings()) == "openai"
    assert backend(Settings(chat_backend="hf")) == "hf"


def test_backends_missing_what_they_need_say_so(monkeypatch, tmp_path):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(ChatModelConfigError, match="OPENAI_API_KEY"):
        make_chat_model(Settings(chat_backend="openai"))
    with pytest.raises(ChatModelConfigError, match="SF_HF_MODEL"):
        make_chat_model(Settings(chat_backend="hf"))
    with pytest.raises(ChatModelConfigError, match="cannot load"):
        make_chat_model(Settings(chat_backend="hf", hf_model=str(tmp_path / "nowhere")))


def test_openai_plain_reply_carries_the_memories(tmp_path, openai_server):
    s = openai_settings(tmp_path, openai_server, temperature=0.3, max_tokens=77)
    g = make_companion(s)
    g.invoke(turn("My grandmother's name is Rosa.", "2023-05-01"))
    out = g.invoke(turn("What is my grandmother called?", "2023-05-04"))
    assert out["messages"][-1].text == openai_server.reply
    [sent] = [r for r in openai_server.requests
              if r["messages"][-1]["content"] == "What is my grandmother called?"]
    assert sent["model"] == "companion-test" and sent["temperature"] == 0.3
    assert sent.get("max_completion_tokens", sent.get("max_tokens")) == 77
    system = sent["messages"][0]
    assert system["role"] == "system" and \
        "On 2023-05-01, Emily told you: Your grandmother's name is Rosa." in system["content"]
    assert sent["messages"][-1] == {"role": "user", "content": "What is my grandmother called?"}
    # then day 1, now over, was summarized through the same endpoint, in the background
    assert default_worker().wait("Emily", timeout=60)
    assert any("2023-05-01" in r["messages"][-1]["content"] and "Summarize" in
               r["messages"][-1]["content"] for r in openai_server.requests)


def test_openai_streams_tokens(tmp_path, openai_server):
    g = make_companion(openai_settings(tmp_path, openai_server))
    chunks = [c.text for c, meta in g.stream(turn("Hello!", "2023-05-01"), stream_mode="messages")
              if meta["langgraph_node"] == "respond"]
    assert openai_server.requests[-1]["stream"] is True
    assert len([c for c in chunks if c]) >= 5 and "".join(chunks) == openai_server.reply


@pytest.mark.parametrize("mode", ["500", "garbage"])
def test_openai_failure_is_clear_keeps_the_message_and_recovers(tmp_path, openai_server, mode):
    s = openai_settings(tmp_path, openai_server).model_copy(update={"max_retries": 2})
    store = open_store(s)
    g = make_companion(s, store=store)
    openai_server.mode = mode
    with pytest.raises(ChatModelError, match="chat model failed.*remembered"):
        g.invoke(turn("I got the job!", "2023-05-01"))
    # bounded retries: one try plus max_retries (the client does not retry a garbage 200)
    assert len(openai_server.requests) == (3 if mode == "500" else 1)
    [kept] = store.pieces("Emily")
    assert kept.query == "I got the job!" and kept.response == ""

    openai_server.mode = "ok"
    out = g.invoke(turn("Did I tell you my news?", "2023-05-01"))
    assert out["messages"][-1].text == openai_server.reply
    assert any(m["text"].startswith("I got the job!") for m in out["recalled"])


def test_openai_timeout_is_bounded(tmp_path, openai_server):
    g = make_companion(openai_settings(tmp_path, openai_server, request_timeout=0.5))
    openai_server.mode = "slow"
    with pytest.raises(ChatModelError, match="Timeout"):
        g.invoke(turn("Are you there?", "2023-05-01"))
    assert len(openai_server.requests) == 1


def test_local_model_end_to_end(model_data_dir):
    """The bundled SmolLM2 answers through the whole graph; day 1 is recalled on day 5."""
    s = Settings(data_dir=model_data_dir, embedding="minilm", chat_backend="local",
                 max_tokens=24)
    g = make_companion(s)
    first = g.invoke(turn("I adopted a kitten today. Her name is Mochi.", "2023-05-01"))
    reply = first["messages"][-1].text
    assert reply.strip()
    out = g.invoke(turn("What is the name of my kitten?", "2023-05-05"))
    assert out["messages"][-1].text.strip()
    [m] = [m for m in out["recalled"] if m["date"] == "2023-05-01"]
    assert m["query"] == "I adopted a kitten today. Her name is Mochi." and m["response"] == reply
