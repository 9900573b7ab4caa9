"""Isolation between users, driven at random: sign-up, sign-in, chat (also on another user's
thread), import, summarize and a final delete, across 4 names, for at least 1,000 steps. After
every step no user can read, recall, export or summarize another's memory, and every deleted
user has left nothing behind. Real SQLite, real Chroma on disk, real embeddings; the chat model
repeats every secret it is shown, so that a leak anywhere reaches what is stored and is seen."""
from __future__ import annotations

import itertools
import json
import re
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, invariant, precondition, rule,
                                 run_state_machine_as_test)
from langchain_core.language_models.chat_models import SimpleChatModel

from langchain_core.messages import HumanMessage

from app.accounts import Accounts, SignInError
from app.companion import Threads
from app.memory_views import ensure_profile, import_for_user
from graph import Context, TurnError, build_graph
from memory.retriever import EbbinghausRetriever
from memory.seed_format import export_user
from memory.store import MemoryStore
from memory.reflection import Reflector
from prompts.reflection import REFLECTION

NAMES = ["Ana", "Bo", "Chen", "Dee"]
PASS = "correct horse battery"
SECRET = re.compile(r"tok\d+x")
STEPS = {"run": 0}


class Repeater(SimpleChatModel):
    """Replies (and summarizes) with every secret found in what it was sent."""

    @property
    def _llm_type(self) -> str:
        return "repeater"

    def _call(self, messages, stop=None, run_manager=None, **kwargs) -> str:
        seen = sorted(set(SECRET.findall(" ".join(m.text for m in messages))))
        return "I remember " + (" ".join(seen) or "nothing yet") + "."


def secrets_in(value) -> set[str]:
    return set(SECRET.findall(json.dumps(value, ensure_ascii=False, default=str)))


# hnswlib, inside Chroma, writes its index files from buffers it never clears: their unused
# parts can hold stale bytes of the process's heap, anyone's words among them (RELIABILITY.md,
# "Security"). They are left out of the scan; every other file is read whole.
HNSW_FILES = {"data_level0.bin", "length.bin", "link_lists.bin", "header.bin"}


def files_holding(folder: Path, needle: str) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and p.name not in HNSW_FILES
            and needle.encode() in p.read_bytes()]


class Isolation(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="sf-isolation-"))
        self.store = MemoryStore.open(self.dir / "data", embedding="minilm")
        self.accounts = Accounts(self.dir / "data" / "accounts.sqlite", clock=self._clock)
        self.threads = Threads(self.dir / "data" / "threads.sqlite")
        self.model = Repeater()
        self.graph = build_graph(self.model, self.store, checkpointer=self.threads.checkpointer,
                                 reflect_every=None)
        self.now = 0.0
        self.live: dict[str, str] = {}  # name -> account id
        self.secrets: dict[str, set[str]] = {}  # account id -> secrets it told
        self.deleted: dict[str, set[str]] = {}  # deleted account id -> its secrets
        self.counter = itertools.count()
        self.day = itertools.count(1)

    def _clock(self) -> float:
        self.now += 3600.0  # an hour between sign-ins: throttling never blocks a later step
        return self.now

    def _secret(self) -> str:
        return f"tok{next(self.counter)}x"

    def _today(self) -> str:
        return date.fromordinal(date(2024, 1, 1).toordinal() + next(self.day) // 5).isoformat()

    def teardown(self) -> None:
        self.threads.close()
        self.accounts.engine.dispose()

    # -- rules ------------------------------------------------------------------------------
    @rule(name=st.sampled_from(NAMES))
    def sign_up_or_in(self, name: str) -> None:
        account = self.accounts.sign_in(name, PASS)
        ensure_profile(self.store, account.id, account.name)  # as the page does
        assert account.created == (name not in self.live)
        if account.created:
            assert account.id not in self.secrets and account.id not in self.deleted
            self.live[name] = account.id
            self.secrets[account.id] = set()
        assert account.id == self.live[name]

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def wrong_passphrase(self, data) -> None:
        name = data.draw(st.sampled_from(sorted(self.live)))
        with pytest.raises(SignInError):
            self.accounts.sign_in(name, PASS + "?")

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def chat(self, data) -> None:
        account = self.live[data.draw(st.sampled_from(sorted(self.live)))]
        secret = self._secret()
        self.secrets[account].add(secret)
        out = self.graph.invoke(  # as the page does: the signed-in account in the context
            {"messages": [HumanMessage(f"My secret is {secret}. What do you remember?")],
             "today": self._today()},
            {"configurable": {"thread_id": self.threads.current(account)}},
            context=Context(user_id=account))
        assert secrets_in(out["messages"][-1].text) <= self.secrets[account]

    @precondition(lambda self: len(self.live) >= 2)
    @rule(data=st.data(), in_context=st.booleans())
    def chat_on_another_users_thread(self, data, in_context: bool) -> None:
        intruder, owner = data.draw(st.permutations(sorted(self.live)))[:2]
        thread = self.threads.current(self.live[owner])
        if not self.graph.get_state({"configurable": {"thread_id": thread}}).values:
            return  # an empty thread is nobody's yet
        turn = {"messages": [HumanMessage(f"Tell me {self._secret()}")], "today": self._today()}
        who = {"context": Context(user_id=self.live[intruder])} if in_context else {}
        if not in_context:
            turn["user_id"] = self.live[intruder]
        with pytest.raises(TurnError, match="another user"):
            self.graph.invoke(turn, {"configurable": {"thread_id": thread}}, **who)

    @precondition(lambda self: self.live)
    @rule(data=st.data(), others=st.booleans())
    def import_a_file(self, data, others: bool) -> None:
        name = data.draw(st.sampled_from(sorted(self.live)))
        account, secret, stranger = self.live[name], self._secret(), self._secret()
        bank = {"from-elsewhere": {"name": name, "history": {self._today(): [
            {"query": f"Imported: {secret}", "response": "ok"}]}}}
        if others:  # an entry of someone else in the same file is never brought in
            bank["someone-else"] = {"name": "X", "history": {"2024-01-01": [
                {"query": f"Not yours: {stranger}", "response": "ok"}]}}
        self.secrets[account].add(secret)
        import_for_user(self.store, json.dumps(bank).encode(), account, "from-elsewhere",
                        name=name)

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def summarize(self, data) -> None:
        account = self.live[data.draw(st.sampled_from(sorted(self.live)))]
        Reflector(self.store, self.model, REFLECTION["en"]).reflect(
            account, date(2025, 1, 1), include_today=True)

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def delete_everything(self, data) -> None:
        name = data.draw(st.sampled_from(sorted(self.live)))
        account = self.live.pop(name)
        self.store.delete_user(account)
        self.threads.forget_user(account)
        assert self.accounts.delete(account)
        self.deleted[account] = self.secrets.pop(account)
        for secret in self.deleted[account]:
            assert files_holding(self.dir, secret) == [], secret
        assert files_holding(self.dir, account) == []

    # -- after every step -------------------------------------------------------------------
    @invariant()
    def nobody_sees_anothers_memory(self) -> None:
        STEPS["run"] += 1
        for name, account in self.live.items():
            mine = self.secrets[account]
            assert secrets_in([p.text for p in self.store.pieces(account)]) <= mine
            profile = self.store.profile(account)
            assert profile is not None and profile.name == name
            assert secrets_in(profile.model_dump()) <= mine
            assert secrets_in(export_user(self.store, account)) <= mine
            state = self.graph.get_state(
                {"configurable": {"thread_id": self.threads.current(account)}})
            assert secrets_in([m.text for m in state.values.get("messages", [])]) <= mine
            recalled = EbbinghausRetriever(store=self.store, user_id=account, k=5,
                                           today=date(2025, 1, 1), reinforce=False).invoke(
                "What secret did I tell you?")
            assert secrets_in([d.page_content for d in recalled]) <= mine

    @invariant()
    def the_deleted_leave_nothing(self) -> None:
        for account in self.deleted:
            assert self.store.pieces(account) == [] and self.store.profile(account) is None
            assert self.store.is_deleted(account) and self.accounts.get(account) is None
            assert account not in self.store.users()


def test_no_user_reaches_anothers_memory_over_a_thousand_random_steps():
    STEPS["run"] = 0
    run_state_machine_as_test(Isolation, settings=settings(
        max_examples=25, stateful_step_count=50, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck)))
    print(f"isolation fuzz: {STEPS['run']} steps checked")  # shown with -s
    assert STEPS["run"] >= 1000, STEPS
