"""A deployment that outgrows one machine: two app processes, each with its own empty data folder,
sharing one Chroma server (memory) and one PostgreSQL database (accounts and threads). The chat
model is the real OpenAI client against a local compatible server."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from langchain_core.messages import HumanMessage

from app.accounts import Accounts
from app.companion import Threads
from memory.store import MemoryStore
from tests.conftest import ROOT
from tests.openai_server import FakeOpenAI

APP_PROCESS = """
import json, sys
from langchain_core.messages import HumanMessage
from app.accounts import Accounts
from app.companion import Threads, make_companion
from app.settings import get_settings

s, me = get_settings(), sys.argv[1]
account = Accounts.open(s).sign_in("Zoë", "correct horse battery")
threads = Threads.open(s)
graph = make_companion(s, checkpointer=threads.checkpointer)
thread = threads.new(account.id)
for t in range(3):
    graph.invoke({"messages": [HumanMessage(f"process {me} says {t}: I planted tulips.")],
                  "user_id": account.id, "today": "2024-04-0" + str(t + 1)},
                 {"configurable": {"thread_id": thread}})
print(json.dumps({"account": account.id, "thread": thread}))
"""


def test_two_app_processes_share_one_chroma_server_and_one_postgres(
        chroma_server, postgres_server, tmp_path):
    url, (host, port) = postgres_server(), chroma_server
    with FakeOpenAI(reply="How lovely.") as fake:
        env = os.environ | {"SF_DATABASE_URL": url, "SF_CHROMA_HOST": host,
                            "SF_CHROMA_PORT": str(port), "SF_CHAT_BACKEND": "openai",
                            "SF_OPENAI_BASE_URL": fake.url, "OPENAI_API_KEY": "sk-test",
                            "SF_EMBEDDING": "minilm", "SF_REFLECT_EVERY": "0",
                            "SF_MAX_RETRIES": "0", "PYTHONPATH": str(ROOT)}
        procs = [subprocess.Popen([sys.executable, "-c", APP_PROCESS, str(i)], cwd=tmp_path,
                                  env=env | {"SF_DATA_DIR": str(tmp_path / f"app{i}")},
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i in range(2)]
        outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    ran = [json.loads(out.strip().splitlines()[-1]) for out, _ in outs]
    # one sign-up won; the other process signed in to the same account
    account = ran[0]["account"]
    assert ran[1]["account"] == account and Accounts(url).get(account).name == "Zoë"
    # the memory of both processes is on the Chroma server, under the account
    store = MemoryStore.open(host=host, port=port, embedding="minilm")
    said = sorted(p.query for p in store.pieces(account))
    assert said == sorted(f"process {i} says {t}: I planted tulips." for i in range(2)
                          for t in range(3))
    # each process's thread is in PostgreSQL, whole, and a third process goes on with it
    threads = Threads(url)
    assert threads.current(account) in {r["thread"] for r in ran}
    for i, r in enumerate(ran):
        state = threads.checkpointer.get_tuple({"configurable": {"thread_id": r["thread"]}})
        texts = [m.text for m in state.checkpoint["channel_values"]["messages"]
                 if isinstance(m, HumanMessage)]
        assert texts == [f"process {i} says {t}: I planted tulips." for t in range(3)]
    threads.close()
    # nothing was kept in the processes' own folders
    assert not any(p.is_file() for i in range(2) for p in (tmp_path / f"app{i}").rglob("*"))
