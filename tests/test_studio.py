"""`langgraph dev` serves the companion offline (langgraph.json -> app/studio.py): two turns on
one thread through langgraph_sdk (the second reads the first there), then a new thread that
recalls it; the served schemas that Studio's forms are made from; and an import that loads no
model, so the server starts at once."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from langgraph_sdk import get_sync_client

from tests.conftest import served

ROOT = Path(__file__).resolve().parents[1]
PORT = 2127


@pytest.fixture
def server(model_data_dir, tmp_path):
    env = os.environ | {
        "SF_DATA_DIR": str(model_data_dir), "SF_CHAT_BACKEND": "local", "SF_EMBEDDING": "minilm",
        "SF_MAX_TOKENS": "16", "LANGGRAPH_CLI_NO_ANALYTICS": "1",
        "LANGGRAPH_NO_VERSION_CHECK": "true", "LANGSMITH_TRACING": "false"}
    env.pop("OPENAI_API_KEY", None)
    cli = Path(sys.executable).parent / "langgraph"
    url = f"http://127.0.0.1:{PORT}"
    with served([str(cli), "dev", "--no-browser", "--no-reload", "--port", str(PORT), "--host",
                 "127.0.0.1"], f"{url}/ok", tmp_path / "server.log", env):
        yield url


def test_two_turns_through_the_dev_server(server, tmp_path):
    client = get_sync_client(url=server)
    thread = client.threads.create()["thread_id"]

    def say(text: str, today: str, on: str = thread) -> dict:
        return client.runs.wait(on, "siliconfriend", input={
            "messages": [{"role": "user", "content": text}], "user_id": "Emily", "today": today})

    first = say("I adopted a kitten named Mochi.", "2023-05-01")
    assert first["remembered"] == "Emily_2023-05-01_0" and first["messages"][-1]["content"]
    second = say("What is my kitten called?", "2023-05-05")
    assert len(second["messages"]) == 4  # the thread kept the first exchange...
    # ...and recall has it too, the memory the question is about (in no older memory's place)
    assert [m["id"] for m in second["recalled"]] == ["Emily_2023-05-01_0"]
    # a new thread recalls it
    third = say("What is my kitten called?", "2023-05-06", client.threads.create()["thread_id"])
    assert "2023-05-01" in [m["date"] for m in third["recalled"]]
    assert "I adopted a kitten named Mochi." in [m.get("query") for m in third["recalled"]]
    # a server that knows who is speaking says it in the run's context, not the input
    fourth = client.runs.wait(client.threads.create()["thread_id"], "siliconfriend",
                              input={"messages": [{"role": "user", "content": "Any news?"}],
                                     "today": "2023-05-07"}, context={"user_id": "Emily"})
    assert fourth["remembered"] == "Emily_2023-05-07_0"
    # the server's long-term store is the same memory (langgraph.json's store): what the
    # companion remembered is found there, recalled the MemoryBank's way, and a note put
    # there is what the companion recalls
    found = client.store.search_items(["memories", "Emily"], query="my kitten's name", limit=3)
    assert "I adopted a kitten named Mochi." in [i["value"]["query"] for i in found["items"]]
    client.store.put_item(["memories", "Emily"], "allergy",
                          {"query": "I am allergic to peanuts.", "date": "2023-05-07"})
    fifth = say("What food am I allergic to?", "2023-05-08", client.threads.create()["thread_id"])
    assert "I am allergic to peanuts." in [m.get("query") for m in fifth["recalled"]]
    # the import was quick: the server did not warn of a slow one
    assert "exceeded the expected startup time" not in (tmp_path / "server.log").read_text()


def test_studio_is_served_the_graphs_input_output_and_context_schemas(server):
    client = get_sync_client(url=server)
    assistant, = client.assistants.search(graph_id="siliconfriend")
    schemas = client.assistants.get_schemas(assistant["assistant_id"])
    assert {"messages", "user_id", "language", "today"} <= set(
        schemas["input_schema"]["properties"])
    assert schemas["input_schema"]["required"] == ["messages"]
    assert {"messages", "recalled", "remembered"} <= set(schemas["output_schema"]["properties"])
    assert {"user_id", "recall_k", "history_exchanges"} <= set(
        schemas["context_schema"]["properties"])


def test_the_served_module_imports_at_once_and_builds_the_graph_beside(model_data_dir):
    # the dev server imports app/studio.py at start; the models load in a thread beside it
    probe = ("import app.studio as s; print(s._built is None); "
             "print(type(s.companion()).__name__)")
    env = os.environ | {"SF_DATA_DIR": str(model_data_dir), "SF_CHAT_BACKEND": "local",
                        "SF_EMBEDDING": "minilm"}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True, env=env).stdout
    assert out.split() == ["True", "CompiledStateGraph"]
