"""Crashes: real processes killed with SIGKILL in the middle of a turn through the companion
graph, of a seed-format import, and of a reflection. The parent then reopens the store from
disk and checks that it opens, that every write that had returned is there exactly once, that
nothing is half-written, and that redoing the interrupted work ends with exact counts.

Each child runs this module (`python -m tests.test_crash <child> ...`). It prints a marker
line at a chosen point and, where the point must hold still, waits there; the parent kills it
on reading the marker. No sleep is used to synchronize: a wait is only ever a timeout.
"""
from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from memory.records import summary_id, turn_id
from memory.store import MemoryStore

ROOT = Path(__file__).resolve().parents[1]
EMB = "e5"  # loads in ~1 s (MiniLM takes several): each child loads it once
TIMEOUT = 240  # seconds a child may take to reach its marker on a loaded machine


def wait_for_kill() -> None:
    """Holds the child still at a kill point; the bound only spares an orphan if the parent
    died first."""
    threading.Event().wait(TIMEOUT)
    sys.exit(3)


def mark(line: str) -> None:
    print(line, flush=True)


# -- a turn through the companion graph ---------------------------------------------------------
USER, DAY = "Emily", "2024-05-01"
BEFORE = 4  # turns that complete before the one the kill interrupts


def message(i: int) -> str:
    return f"Message {i}: today I repotted fern number {i} on the balcony."


def answer(query: str) -> str:
    return f"Re: {query} How lovely, tell me more!"


class Friend(BaseChatModel):
    """Replies 'Re: <message> ...' token by token; stops mid-reply on `block_on`."""
    block_on: str | None = None
    calls: int = 0

    def _stream(self, messages, stop=None, run_manager=None, **kwargs):
        self.calls += 1
        query = messages[-1].text
        for n, token in enumerate(re.findall(r"\S+\s*", answer(query))):
            if n == 2 and query == self.block_on:
                mark("mid-reply")  # two tokens already streamed to the caller
                wait_for_kill()
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=token))
            if run_manager:
                run_manager.on_llm_new_token(token, chunk=chunk)
            yield chunk

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        text = "".join(c.text for c in self._stream(messages, stop, run_manager))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])

    @property
    def _llm_type(self) -> str:
        return "friend"


def companion(data: Path, store: MemoryStore, model: BaseChatModel, threads):
    """The app's companion (app/companion.py): settings, store, model, SQLite threads."""
    from app.companion import make_companion
    from app.settings import Settings

    return make_companion(Settings(data_dir=data, embedding=EMB, language="en"), store=store,
                          model=model, checkpointer=threads.checkpointer,
                          clock=lambda: date.fromisoformat(DAY))


def turn(i: int) -> dict:
    return {"messages": [HumanMessage(message(i))], "user_id": USER, "today": DAY}


def child_turns(data: str, kill_at: str) -> None:
    from chromadb.api.models.Collection import Collection

    from app.companion import Threads

    data_dir = Path(data)
    store = MemoryStore.open(data_dir, embedding=EMB)
    threads = Threads(data_dir / "threads.sqlite")
    model = Friend(block_on=message(BEFORE) if kill_at == "reply" else None)
    g = companion(data_dir, store, model, threads)
    config = {"configurable": {"thread_id": threads.current(USER)}}
    for i in range(BEFORE + 1):
        if i == BEFORE and kill_at == "written":  # inside add_turn: the piece is in Chroma,
            real_add = Collection.add             # add_turn has not returned

            def add(self, *args, **kwargs):
                real_add(self, *args, **kwargs)
                mark("written")
                wait_for_kill()
            Collection.add = add
        if i == BEFORE and kill_at == "remembered":  # add_turn returned, the graph goes on
            real_add_turn = store.add_turn

            def add_turn(*args, **kwargs):
                piece = real_add_turn(*args, **kwargs)
                mark(f"remembered {piece.id}")
                wait_for_kill()
            store.add_turn = add_turn
        for _chunk in g.stream(turn(i), config, stream_mode="messages"):  # as the CLI does
            pass
        mark(f"done {i}")
    mark("finished")


def assert_turns(store: MemoryStore, queries: list[str]) -> None:
    """Exactly these turns, each once, whole, with gapless indexes, in Chroma's index too."""
    turns = store.pieces(USER, kind="turn")
    assert [p.query for p in turns] == queries
    assert [p.id for p in turns] == [turn_id(USER, DAY, i) for i in range(len(queries))]
    assert [p.index for p in turns] == list(range(len(queries)))
    assert [p.response for p in turns] == [answer(q) for q in queries]
    assert store.count(USER) == len(queries)
    near = store.nearest(USER, store.embeddings.embed_query(queries[-1]), len(queries) + 5)
    assert sorted(m.piece.id for m in near) == sorted(p.id for p in turns)
    assert near[0].piece.query == queries[-1]


# -- an import of a seed-format bank ------------------------------------------------------------
def seed_bank() -> dict:
    """Ann: 27 days of 10 turns, each day summarized (297 pieces: chunks of 256 and 41); Ben: 3
    days (33 pieces). In the canonical form, so that export(import(bank)) == bank."""
    bank = {}
    for user, days in (("Ann", 27), ("Ben", 3)):
        ds = [(date(2023, 4, 1) + timedelta(days=i)).isoformat() for i in range(days)]
        bank[user] = {
            "name": user,
            "summary": {d: {"content": f"{user} planted seeds on {d}."} for d in ds},
            "personality": {d: {"content": f"{user} was cheerful on {d}."} for d in ds},
            "overall_history": f"{user} gardens.",
            "overall_personality": f"{user} is patient.",
            "history": {d: [{"query": f"{user} {d} #{i}", "response": "ok"} for i in range(10)]
                        for d in ds},  # short texts: embedding is most of an import's time
        }
    return bank


def child_import(data: str, bank: str, kill_at: str) -> None:
    """`python -m app memory import BANK`, reporting each written chunk of pieces."""
    real_put = MemoryStore.put

    def put(self, pieces):
        real_put(self, pieces)
        mark(f"put {pieces[0].user} {len(pieces)}")
        if kill_at == "between-chunks":
            wait_for_kill()
    MemoryStore.put = put
    from app.cli import app

    app(["memory", "import", bank], standalone_mode=False)
    mark("finished")


# -- a reflection -------------------------------------------------------------------------------
DAYS = ("2023-05-01", "2023-05-02", "2023-05-03")
REFLECT_ON = date(2023, 5, 4)
NEW_DAY = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")


def reflection_answer(prompt: str) -> str:
    day = re.search(r"\d{4}-\d{2}-\d{2}", prompt)
    if "Summarize in two to four sentences" in prompt:
        return f"EVENTS {day.group()}"
    if "write what SiliconFriend recommended" in prompt:
        return "none."
    if "personality traits and mood" in prompt:
        return f"MOOD {day.group()}"
    if "life and recent events" in prompt:
        return " ".join(["OVERALL", *NEW_DAY.findall(prompt)])
    if "name the traits" in prompt:
        return " ".join(["PORTRAIT", *NEW_DAY.findall(prompt)])
    if "feeling lately" in prompt:
        return " ".join(["LATELY", *NEW_DAY.findall(prompt)])
    raise AssertionError(f"an unexpected prompt: {prompt[:80]!r}")


class IntentModel(BaseChatModel):
    """Answers each reflection intent with a text naming it; stops on the answer `block_on`."""
    block_on: str | None = None
    prompts: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        prompt = messages[-1].text
        self.prompts.append(prompt)
        text = reflection_answer(prompt)
        if self.block_on and text.startswith(self.block_on):
            mark("mid-generation")
            wait_for_kill()
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])

    @property
    def _llm_type(self) -> str:
        return "reflector"


def child_reflect(data: str, kill_at: str) -> None:
    from memory.reflection import Reflector
    from prompts.reflection import REFLECTION

    store = MemoryStore.open(data, embedding=EMB)
    for d in DAYS:
        for i in range(2):
            store.add_turn(USER, date.fromisoformat(d), f"On {d} I went hiking ({i}).",
                           "Sounds lovely!")
    mark("turns written")
    if kill_at == "summary":  # day 1's summary piece is written, its profile write is not
        real_put_summary = store.put_summary

        def put_summary(*args, **kwargs):
            real_put_summary(*args, **kwargs)
            mark("summary written")
            wait_for_kill()
        store.put_summary = put_summary
    model = IntentModel(block_on={"summary": None, "day": "EVENTS 2023-05-02",
                                "fold": "PORTRAIT"}[kill_at])
    Reflector(store, model, REFLECTION["en"]).reflect(USER, REFLECT_ON)
    mark("finished")


# -- the parent's side --------------------------------------------------------------------------
class Child:
    """A child process running one of the `child_*` functions, read line by line."""

    def __init__(self, tmp_path: Path, name: str, *args) -> None:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("SF_") and k != "OPENAI_API_KEY"}
        env |= {"SF_DATA_DIR": str(args[0]), "SF_EMBEDDING": EMB, "SF_CHAT_BACKEND": "local"}
        self.log_path = tmp_path / f"{name}.log"
        self._log = self.log_path.open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.test_crash", name,
                                      *map(str, args)], cwd=ROOT, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=self._log)
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until(self, marker: str) -> tuple[list[str], str]:
        """The lines before the first one that starts with `marker`, and that line."""
        seen, deadline = [], time.monotonic() + TIMEOUT
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self.fail(f"no {marker!r} within {TIMEOUT} s")
            if line is None:
                self.fail(f"the child ended before {marker!r}")
            if line.startswith(marker):
                return seen, line
            seen.append(line)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        assert self.proc.wait(timeout=60) == -signal.SIGKILL  # killed, not exited by itself

    def fail(self, why: str) -> None:
        self.close()
        pytest.fail(f"{why}; the child's stderr:\n{self.log_path.read_text()[-4000:]}")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=60)
        self._log.close()

    def __enter__(self) -> "Child":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.mark.parametrize("kill_at", ["reply", "written", "remembered"])
def test_a_turn_killed_midway_loses_nothing_and_doubles_nothing(tmp_path, kill_at):
    """Killed mid-reply (two tokens streamed), inside add_turn (the piece in Chroma, the call
    not returned), and after add_turn returned (before the graph's end)."""
    from app.companion import Threads

    data = tmp_path / "data"
    with Child(tmp_path, "child_turns", data, kill_at) as child:
        done, last = child.until({"reply": "mid-reply", "written": "written",
                                  "remembered": "remembered"}[kill_at])
        child.kill()
    assert done == [f"done {i}" for i in range(BEFORE)]
    if kill_at == "remembered":
        assert last == f"remembered {turn_id(USER, DAY, BEFORE)}"
    kept = BEFORE + (kill_at != "reply")  # the interrupted turn counts once Chroma has it

    store = MemoryStore.open(data, embedding=EMB)  # reopened from disk after the kill
    assert_turns(store, [message(i) for i in range(kept)])
    threads = Threads(data / "threads.sqlite")
    try:
        config = {"configurable": {"thread_id": threads.current(USER)}}
        model = Friend()
        g = companion(data, store, model, threads)
        said = [m.text for m in g.get_state(config).values["messages"]]
        for i in range(BEFORE):  # the thread kept every finished exchange
            assert said.count(message(i)) == 1 and said.count(answer(message(i))) == 1

        # Redo: the interrupted message is sent again, or the next one where it was kept.
        out = g.invoke(turn(kept), config)
        assert model.calls == 1  # the killed run's pending step was not replayed
        assert out["messages"][-1].text == answer(message(kept))
        assert out["remembered"] == turn_id(USER, DAY, kept)
        assert out["recalled"] and all(m["id"].startswith(f"{USER}_{DAY}_") for m in
                                       out["recalled"])
        assert_turns(store, [message(i) for i in range(kept + 1)])
    finally:
        threads.close()


@pytest.mark.parametrize("kill_at", ["between-chunks", "running"])
def test_an_import_killed_midway_is_redone_exactly(tmp_path, kill_at):
    """`python -m app memory import` killed after Ann's first chunk of 256 pieces: held there
    ("between-chunks"), or left running so the kill lands in the next embedding or write."""
    from memory.seed_format import export_bank, import_file, parse_bank

    data, path = tmp_path / "data", tmp_path / "bank.json"
    bank = seed_bank()
    path.write_text(json.dumps(bank, ensure_ascii=False), encoding="utf-8")
    with Child(tmp_path, "child_import", data, path, kill_at) as child:
        child.until("put Ann 256")
        child.kill()

    store = MemoryStore.open(data, embedding=EMB)
    parsed = {b.profile.user: b for b in parse_bank(bank)}
    ann = parsed["Ann"].pieces
    stored = store.pieces("Ann")
    by_id = {p.id: p for p in ann}
    assert all(p == by_id[p.id] for p in stored)  # each stored piece whole, as in the file
    assert len({p.id for p in stored}) == len(stored) == store.count("Ann")
    profile = store.profile("Ann")  # written before the pieces, whole
    assert profile.history_dates == parsed["Ann"].profile.history_dates
    assert profile.personality == parsed["Ann"].profile.personality
    if kill_at == "between-chunks":
        assert sorted(p.id for p in stored) == sorted(p.id for p in ann[:256])
        assert store.profile("Ben") is None and store.count("Ben") == 0
    else:
        assert len(stored) >= 256
    assert all(p == {q.id: q for q in parsed["Ben"].pieces}[p.id] for p in store.pieces("Ben"))

    written = import_file(store, path)  # the import, redone
    assert written == {"Ann": 270, "Ben": 30}
    assert (store.count("Ann"), store.count("Ben")) == (297, 33)
    assert export_bank(store) == bank  # every turn, summary and profile exactly once
    again = MemoryStore.open(data, embedding=EMB)
    assert len(again.nearest("Ann", again.embeddings.embed_query("Ann 2023-04-02 #3"), 400)) == 297


@pytest.mark.parametrize("kill_at", ["summary", "day", "fold"])
def test_a_reflection_killed_midway_leaves_nothing_half_done(tmp_path, kill_at):
    """Killed after day 1's summary piece was written but before its profile write ("summary"),
    while the model writes day 2's summary ("day"), and between the two overall texts
    ("fold")."""
    from memory.reflection import Reflector
    from prompts.reflection import REFLECTION

    data = tmp_path / "data"
    with Child(tmp_path, "child_reflect", data, kill_at) as child:
        child.until("turns written")
        child.until("summary written" if kill_at == "summary" else "mid-generation")
        child.kill()

    store = MemoryStore.open(data, embedding=EMB)
    turns = store.pieces(USER, kind="turn")
    assert [(p.date, p.index, p.query) for p in turns] == [
        (d, i, f"On {d} I went hiking ({i}).") for d in DAYS for i in range(2)]
    summaries = store.pieces(USER, kind="summary")
    for p in summaries:  # whole texts, with the count of turns they cover
        assert (p.id, p.summary, p.extra) == (summary_id(USER, p.date), f"EVENTS {p.date}",
                                             {"turns": 2})
    profile = store.profile(USER)
    r = profile.reflection
    # bookkeeping: a day's mood only after its summary, a day to fold only once it has both
    assert set(profile.personality) <= {p.date for p in summaries}
    assert set(r.unfolded) <= set(profile.personality)
    assert all(t == f"MOOD {d}" for d, t in profile.personality.items())
    assert profile.overall_history == "" and profile.overall_personality is None
    expected = {"summary": (["2023-05-01"], [], []),
                "day": (["2023-05-01"], ["2023-05-01"], ["2023-05-01"]),
                "fold": (list(DAYS), list(DAYS), list(DAYS))}[kill_at]
    assert ([p.date for p in summaries], sorted(profile.personality), r.unfolded) == expected

    model = IntentModel()
    report = Reflector(store, model, REFLECTION["en"]).reflect(USER, REFLECT_ON)  # redone
    # a day is three calls (the user's events, the companion's advice, the mood)
    redo = {"summary": (list(DAYS), 1 + 2 * 3), "day": (list(DAYS[1:]), 2 * 3),
            "fold": ([], 0)}[kill_at]
    # + the overall summary and the portrait's two parts
    assert (report.summarized, len(model.prompts)) == (redo[0], redo[1] + 3)
    assert report.overall_updated and report.failed == {}
    assert [(p.date, p.summary) for p in store.pieces(USER, kind="summary")] == [
        (d, f"EVENTS {d}") for d in DAYS]
    assert store.count(USER) == 6 + 3
    profile = store.profile(USER)
    assert profile.personality == {d: f"MOOD {d}" for d in DAYS}
    assert profile.overall_history == "OVERALL " + " ".join(DAYS)
    assert profile.overall_personality == "PORTRAIT " + " ".join(DAYS) + " LATELY " + \
        " ".join(DAYS[-2:])
    assert profile.reflection.unfolded == [] and profile.reflection.pending_from == \
        REFLECT_ON.isoformat()
    again = IntentModel()
    assert Reflector(store, again, REFLECTION["en"]).reflect(USER, REFLECT_ON).summarized == []
    assert again.prompts == []  # nothing left to redo


if __name__ == "__main__":  # a child process: python -m tests.test_crash <child> <args...>
    {"child_turns": child_turns, "child_import": child_import,
     "child_reflect": child_reflect}[sys.argv[1]](*sys.argv[2:])
