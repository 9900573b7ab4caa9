"""`langgraph dev` serves the companion offline (langgraph.json -> app/studio.py): two turns on
one thread through langgraph_sdk, the second recalling the first."""
from __future__ import annotations

import os
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


def test_two_turns_through_the_dev_server(server):
    client = get_sync_client(url=server)
    thread = client.threads.create()["thread_id"]

    def say(text: str, today: str) -> dict:
        return client.runs.wait(thread, "siliconfriend", input={
            "messages": [{"role": "user", "content": text}], "user_id": "Emily", "today": today})

    first = say("I adopted a kitten named Mochi.", "2023-05-01")
    assert first["remembered"] == "Emily_2023-05-01_0" and first["messages"][-1]["content"]
    second = say("What is my kitten called?", "2023-05-05")
    assert [m["date"] for m in second["recalled"]] == ["2023-05-01"]
    assert second["recalled"][0]["query"] == "I adopted a kitten named Mochi."
    assert len(second["messages"]) == 4  # the thread kept the first exchange
