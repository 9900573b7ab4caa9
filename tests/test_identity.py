"""Whose memory is it: accounts keyed by id, sign-in throttling, concurrent sign-ups, a final
delete that leaves nothing on disk, and deleting one memory with what was condensed from it.
Real SQLite, real Chroma on disk, real embeddings."""
from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest
from sqlalchemy import inspect, text
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage

from app.accounts import (SCRYPT, SESSION_DAYS, Account, Accounts, SignInError,
                          SignInThrottled, _hash, delay)
from app.companion import Threads
from graph import build_graph
from memory.background import ReflectionWorker
from memory.records import Profile, summary_id
from memory.store import MemoryStore, UserDeleted, collection_name, staging_name
from memory.reflection import Reflector, forget_pieces
from prompts.reflection import REFLECTION
from tests.test_isolation_fuzz import HNSW_FILES

PASS = "correct horse battery"
D1, D2 = date(2023, 5, 1), date(2023, 5, 2)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_an_account_is_an_id_and_a_new_name_inherits_nothing(database, tmp_path):
    accounts = Accounts(database("accounts"))
    emily = accounts.sign_in("Emily", PASS)
    assert emily.created and emily.name == "Emily" and emily.id.startswith("acct-")
    assert emily.id != "Emily" and accounts.get(emily.id) == Account(emily.id, "Emily")
    assert accounts.sign_in("Emily", PASS) == Account(emily.id, "Emily")
    # a name that looks the same is the same account, not a second one
    with pytest.raises(SignInError, match="wrong passphrase"):
        accounts.sign_in("ｅｍｉｌｙ", "another passphrase")
    other = Accounts(tmp_path / "other.sqlite").sign_in("Emily", PASS)
    assert other.id != emily.id  # ids are random: a new book never reuses memory keys
    assert accounts.delete(emily.id) and accounts.get(emily.id) is None
    again = accounts.sign_in("Emily", PASS)
    assert again.created and again.id != emily.id  # a new account after a delete starts empty


def test_accounts_made_before_ids_keep_their_name_as_id(tmp_path):
    # an account book of the previous release: the memory of an account was keyed by its name
    path, salt = tmp_path / "accounts.sqlite", b"0" * 16
    old = sqlite3.connect(path)
    with old:
        old.execute("CREATE TABLE accounts (user TEXT PRIMARY KEY, salt BLOB NOT NULL, "
                    "hash BLOB NOT NULL, n INTEGER NOT NULL, r INTEGER NOT NULL, "
                    "p INTEGER NOT NULL)")
        old.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                    ("Emily", salt, _hash(PASS, salt, **SCRYPT), SCRYPT["n"], SCRYPT["r"],
                     SCRYPT["p"]))
    old.close()
    accounts = Accounts(path)
    assert accounts.sign_in("Emily", PASS) == Account("Emily", "Emily")
    assert accounts.sign_in("Ana", PASS).id.startswith("acct-")


def test_wrong_passphrases_are_throttled_per_name_and_per_client(database):
    clock = Clock()
    accounts = Accounts(database("accounts"), clock=clock)
    accounts.sign_in("Emily", PASS)
    for _ in range(3):  # a few typos cost nothing
        with pytest.raises(SignInError, match="wrong passphrase"):
            accounts.sign_in("Emily", "guess guess", client="10.0.0.9")
    with pytest.raises(SignInError, match="wrong passphrase"):
        accounts.sign_in("Emily", "guess guess", client="10.0.0.9")
    with pytest.raises(SignInThrottled) as waiting:  # even the right passphrase waits
        accounts.sign_in("Emily", PASS, client="10.0.0.1")
    assert waiting.value.wait == pytest.approx(delay(4)) and delay(4) == 2.0
    # the client is throttled across names too
    accounts.sign_in("Ana", PASS)
    with pytest.raises(SignInThrottled):
        accounts.sign_in("Ana", PASS, client="10.0.0.9")
    clock.now += 2.5
    with pytest.raises(SignInError, match="wrong passphrase"):
        accounts.sign_in("Emily", "guess guess", client="10.0.0.9")
    with pytest.raises(SignInThrottled) as longer:
        accounts.sign_in("Emily", PASS)
    assert longer.value.wait == pytest.approx(4.0)  # the delay doubles
    clock.now += 4.5
    assert not accounts.sign_in("Emily", PASS).created  # and the right one then gets in
    assert [delay(n) for n in (3, 5, 40)] == [0.0, 4.0, 900.0]


def test_a_session_lasts_while_used_and_ends_with_sign_out_or_delete(database):
    clock = Clock()
    accounts = Accounts(database("accounts"), clock=clock)
    emily, ana = accounts.sign_in("Emily", PASS), accounts.sign_in("Ana", PASS)
    first, second, hers = (accounts.open_session(a.id) for a in (emily, emily, ana))
    assert len({first, second, hers}) == 3
    assert accounts.resume(first) == accounts.resume(second) == Account(emily.id, "Emily")
    assert accounts.resume(hers) == Account(ana.id, "Ana")
    assert accounts.resume(first + "x") is None and accounts.resume("") is None
    with accounts.engine.connect() as db:  # only hashes are kept
        kept = db.execute(text("SELECT digest FROM sessions")).scalars().all()
    assert len(kept) == 3 and not {first, second, hers} & set(kept)
    clock.now += (SESSION_DAYS - 1) * 86400
    assert accounts.resume(first) is not None  # used: it lasts SESSION_DAYS from now
    clock.now += (SESSION_DAYS - 1) * 86400
    assert accounts.resume(first) is not None and accounts.resume(second) is None  # lapsed
    accounts.end_session(first)  # signing out
    assert accounts.resume(first) is None
    third, hers = accounts.open_session(emily.id), accounts.open_session(ana.id)
    assert accounts.delete(emily.id) and accounts.resume(third) is None
    assert accounts.resume(hers) == Account(ana.id, "Ana")
    with accounts.engine.connect() as db:  # lapsed and deleted sessions are gone from disk
        assert db.execute(text("SELECT account FROM sessions")).scalars().all() == [ana.id]


def test_concurrent_sign_ups_of_one_name_make_one_account(database):
    accounts = Accounts(database("accounts"))
    got, errors, start = [], [], threading.Barrier(6)

    def sign_up():
        start.wait()
        try:
            got.append(accounts.sign_in("Zoë", PASS))
        except Exception as e:  # any error is a failure of the test
            errors.append(e)

    threads = [threading.Thread(target=sign_up) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({a.id for a in got}) == 1 and sum(a.created for a in got) == 1
    # a second book on the same database (another process) sees the one account
    other = Accounts(database("accounts"))
    assert other.sign_in("Zoë", PASS).id == got[0].id


def files_holding(folder, needles: list[bytes]) -> dict[str, list[bytes]]:
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and path.name not in HNSW_FILES:
            data = path.read_bytes()
            hits = [n for n in needles if n in data]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


class Slow(GenericFakeChatModel):
    """A reflection model that waits at a gate, to delete a user while a pass is running."""
    gate: object = None

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.gate.wait(30)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def rows_mentioning(engine, needles: list[bytes]) -> list[str]:
    """Tables of a database with a row whose text or bytes hold one of `needles`."""
    found = []
    with engine.connect() as db:
        for table in inspect(db).get_table_names():
            for row in db.execute(text(f'SELECT * FROM "{table}"')):
                raw = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
                if any(n in raw for n in needles):
                    found.append(table)
                    break
    return found


def test_a_final_delete_leaves_nothing_of_the_user_behind(tmp_path, database):
    data = tmp_path / "data"
    store = MemoryStore.open(data, embedding="minilm")
    threads = Threads(database("threads"))
    user = "acct-5ecre7"
    graph = build_graph(GenericFakeChatModel(messages=iter(
        [AIMessage(f"Your ZEBRAQUOKKA{i} is safe with me.") for i in range(4)]
        + [AIMessage("Tea is nice.")])), store,
        checkpointer=threads.checkpointer, reflect_every=None)
    config = {"configurable": {"thread_id": threads.current(user)}}
    for i, day in enumerate(["2023-05-01", "2023-05-01", "2023-05-02", "2023-05-03"]):
        graph.invoke({"messages": [HumanMessage(f"My secret word is ZEBRAQUOKKA{i}.")],
                      "user_id": user, "today": day}, config)
    graph.invoke({"messages": [HumanMessage("I like tea.")], "user_id": "acct-other",
                  "today": "2023-05-01"},
                 {"configurable": {"thread_id": threads.new("acct-other")}})
    # a re-embedding interrupted mid-way left a staging copy
    store.client.create_collection(staging_name(user), metadata={"user": user}).add(
        ids=["x"], documents=["ZEBRAQUOKKA staged"], embeddings=[[0.1] * 384])
    # a reflection pass is mid-way when the delete comes, and a reinforcement is queued
    gate = threading.Event()
    worker = ReflectionWorker()
    reflector = Reflector(store, Slow(gate=gate, messages=iter(
        [AIMessage("ZEBRAQUOKKA summary")] * 20)), REFLECTION["en"])
    worker.submit(user, lambda: reflector.reflect(user, D2, include_today=True))
    store.reinforce_soon(user, [p.id for p in store.pieces(user)], D2)
    needles = [b"ZEBRAQUOKKA", user.encode()]
    assert files_holding(tmp_path, needles)  # the test can see them before
    assert rows_mentioning(threads.engine, needles)

    assert store.delete_user(user)
    threads.forget_user(user)
    gate.set()
    assert worker.wait(user, 30)
    assert isinstance(worker.last[user], UserDeleted)  # the pass could not write anything back
    with pytest.raises(UserDeleted):
        store.add_turn(user, D2, "still here?", "")
    with pytest.raises(UserDeleted):  # nor another process on the same store
        MemoryStore.open(data, embedding="minilm").put_summary(user, D1, "ZEBRAQUOKKA")
    store.flush()
    # On SQLite and embedded Chroma, the files themselves hold nothing; a PostgreSQL server
    # keeps its own write-ahead log (RELIABILITY.md): no row holds anything.
    assert files_holding(tmp_path, needles) == {}
    assert rows_mentioning(threads.engine, needles) == []
    # no index folder is left of a dropped collection: each belongs to a live segment
    folders = {seg.name for seg in (data / "chroma").iterdir() if seg.is_dir()}
    with sqlite3.connect(data / "chroma" / "chroma.sqlite3") as db:
        assert folders <= {row[0] for row in db.execute("SELECT id FROM segments")}
    # everyone else's memory is whole, and the store reopens
    again = MemoryStore.open(data, embedding="minilm")
    assert [p.query for p in again.pieces("acct-other")] == ["I like tea."]
    assert again.users() == ["acct-other"]


@pytest.mark.parametrize("write", ["first turn", "another turn", "summary", "profile"])
def test_a_write_racing_a_delete_from_another_process_does_not_outlive_it(chroma_server, write):
    """Two app processes on one Chroma server: the delete comes between a write's tombstone
    check and the write itself (the writer is made to let the other process delete right
    before it opens the user's collection, or, for the profile, right after its check). Before,
    the write landed after the delete and the user's memory came back, or failed with Chroma's
    "collection does not exist"."""
    host, port = chroma_server
    writer, deleter = (MemoryStore.open(host=host, port=port, embedding="minilm")
                       for _ in range(2))
    user = f"acct-race-{write.replace(' ', '-')}"
    if write != "first turn":  # the writer has the user's memory open already
        writer.add_turn(user, D1, "My locker code is 5512.", "Noted.")
    step = "check_alive" if write == "profile" else "_collection"
    real = getattr(writer, step)

    def the_other_process_deletes_meanwhile(u: str, *args, **kwargs):
        if write == "profile":
            real(u)
        setattr(writer, step, real)
        deleter.delete_user(u)
        return real(u, *args, **kwargs) if write != "profile" else None

    setattr(writer, step, the_other_process_deletes_meanwhile)
    with pytest.raises(UserDeleted):
        if write.endswith("turn"):
            writer.add_turn(user, D2, "My new locker code is 7781.", "Got it.")
        elif write == "summary":
            writer.put_summary(user, D1, "Emily's locker code is 5512.")
        else:
            writer.save_profile(Profile(user=user, name="Emily", overall_history="code 5512"))
    for store in (deleter, MemoryStore.open(host=host, port=port, embedding="minilm")):
        assert store.count(user) == 0 and store.profile(user) is None
        assert user not in store.users()
        assert collection_name(user) not in {c.name for c in store.client.list_collections()}
    with pytest.raises(UserDeleted):
        writer.add_turn(user, D2, "still here?", "")


def test_deleting_one_memory_rewrites_what_was_condensed_from_it(store):
    store.add_turn("u", D1, "My sister Ana lives in Porto.", "How lovely.")
    store.add_turn("u", D1, "I had soup.", "Yum.")
    store.add_turn("u", D2, "I ran 5 km.", "Great!")
    model = GenericFakeChatModel(messages=iter([AIMessage(t) for t in [  # a day: events,
        "Ana in Porto; soup.", "none", "Warm.", "Ran 5 km.", "none", "Sporty.",  # advice, mood
        "Overall: Ana, soup, run.", "Portrait one.", "Lately one.", "Soup only.", "none",
        "Calm.", "Overall: soup, run.", "Portrait two.", "Lately two."]]))
    reflector = Reflector(store, model, REFLECTION["en"])
    reflector.reflect("u", date(2023, 5, 3))
    assert "Ana" in store.profile("u").overall_history
    ana = next(p for p in store.pieces("u") if "Ana" in p.query)
    assert forget_pieces(store, "u", [ana.id]) == ["2023-05-01"]
    profile = store.profile("u")
    assert profile.overall_history == "" and "2023-05-01" not in profile.personality
    assert summary_id("u", "2023-05-01") not in {p.id for p in store.pieces("u")}
    report = reflector.reflect("u", date(2023, 5, 3))
    assert report.summarized == ["2023-05-01"] and report.overall_updated
    texts = [p.text for p in store.pieces("u")] + [store.profile("u").overall_history]
    assert not any("Ana" in t for t in texts)
    assert store.pieces("u", kind="summary")[0].summary == "Soup only."
