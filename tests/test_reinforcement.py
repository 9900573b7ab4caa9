"""Reinforcement is written off the recall path: a recall returns while the write waits, queued
recalls of a piece add up, and a failing write neither kills the writer nor loses later ones."""
from __future__ import annotations

import threading
from datetime import date

from memory.reinforcement import ReinforcementQueue
from memory.retriever import EbbinghausRetriever

D = date(2023, 5, 1)
LATER = date(2023, 5, 9)


def gated(apply):
    """`apply` that waits at a gate: the test decides when the background write may happen."""
    gate, calls = threading.Event(), []

    def run(user, times, day):
        gate.wait(30)
        calls.append((user, times, day))
        return apply(user, times, day)
    return gate, calls, run


def test_a_recall_returns_before_its_reinforcement_is_written(store):
    store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    gate, calls, run = gated(store._strengthen)
    store._reinforcer = ReinforcementQueue(run)
    retriever = EbbinghausRetriever(store=store, user_id="u", k=1, today=LATER)
    [doc] = retriever.invoke("What is my cat called?")  # returns with the writer held
    assert doc.metadata["strength"] == 2 and calls == []
    gate.set()
    store.flush()
    [piece] = store.pieces("u")
    assert (piece.strength, piece.last_recall_date) == (2, LATER.isoformat())


def test_queued_recalls_of_one_piece_add_up(store):
    a = store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    b = store.add_turn("v", D, "I live in Lisbon.", "Lovely city.")
    gate, calls, run = gated(store._strengthen)
    store._reinforcer = ReinforcementQueue(run)
    store.reinforce_soon("v", [b.id], D)  # the writer takes this one and waits at the gate
    for _ in range(3):  # meanwhile three recalls of one piece queue up: merged into one write
        store.reinforce_soon("u", [a.id, a.id], LATER)
    gate.set()
    store.flush()
    assert [(u, t) for u, t, _ in calls] == [("v", {b.id: 1}), ("u", {a.id: 3})]
    assert store.pieces("u")[0].strength == 4 and store.pieces("v")[0].strength == 2


def test_a_failed_write_is_logged_and_later_ones_still_land(store, caplog):
    piece = store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    fails = iter([True])

    def flaky(user, times, day):
        if next(fails, False):
            raise ConnectionError("the Chroma server went away")
        return store._strengthen(user, times, day)

    store._reinforcer = ReinforcementQueue(flaky)
    store.reinforce_soon("u", [piece.id], D)
    store.flush()
    store.reinforce_soon("u", [piece.id], LATER)
    store.flush()
    assert "reinforcing 1 memories of a user failed" in caplog.text
    assert store.pieces("u")[0].strength == 2


def test_reading_or_deleting_a_user_waits_for_their_queued_reinforcement(store):
    piece = store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    gate, _, run = gated(store._strengthen)
    store._reinforcer = ReinforcementQueue(run)
    store.reinforce_soon("u", [piece.id], LATER)
    threading.Timer(0.3, gate.set).start()
    assert store.pieces("u")[0].strength == 2  # pieces() waited for the write
    store.reinforce_soon("u", [piece.id], LATER)
    assert store.delete_user("u") and store.pieces("u") == []  # nothing written after the delete


def test_the_forgetting_sweep_does_not_deadlock_with_a_queued_reinforcement(store):
    # The sweep used to wait for the writer while holding the store's lock, which the writer
    # needs: a recall just before a sweep hung both for good.
    from memory.forgetting import ForgettingCurve

    piece = store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    gate, _, run = gated(store._strengthen)
    store._reinforcer = ReinforcementQueue(run)
    store.reinforce_soon("u", [piece.id], LATER)  # the writer waits at the gate, lock not taken
    swept = []
    sweep = threading.Thread(target=lambda: swept.append(store.fade(ForgettingCurve(), LATER)),
                             daemon=True)
    sweep.start()
    sweep.join(0.5)  # the sweep is now waiting for the writer
    gate.set()
    sweep.join(30)
    assert swept == [{"u": 0}] and store.pieces("u")[0].strength == 2


def test_a_recall_counts_its_users_queued_reinforcement_in_without_waiting(store, monkeypatch):
    # The writer waits for a quiet moment; meanwhile a second recall of the same memory reads
    # the stored strength plus what is queued, and the two recalls are written as one.
    monkeypatch.setattr("memory.reinforcement.QUIET_S", 60.0)
    monkeypatch.setattr("memory.reinforcement.LONGEST_S", 60.0)
    store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    calls = []
    store._reinforcer = ReinforcementQueue(
        lambda user, times, day: calls.append(times) or store._strengthen(user, times, day))
    retriever = EbbinghausRetriever(store=store, user_id="u", k=1, today=LATER)
    [first] = retriever.invoke("What is my cat called?")
    [second] = retriever.invoke("What's my cat's name?")
    assert (first.metadata["strength"], second.metadata["strength"]) == (2, 3)
    assert second.metadata["retention"] == 1.0  # its clock restarted by the queued recall
    assert calls == []  # nothing written yet
    store.flush("u")  # written at once when someone waits for it
    assert calls == [{first.metadata["id"]: 2}]
    assert store.pieces("u")[0].strength == 3


def test_recalls_in_quick_succession_are_written_together(store):
    piece = store.add_turn("u", D, "My cat is called Mochi.", "Cute!")
    calls = []
    store._reinforcer = ReinforcementQueue(
        lambda user, times, day: calls.append(times) or store._strengthen(user, times, day))
    for _ in range(20):  # a recall every 10 ms: never the quiet moment the writer waits for
        store.reinforce_soon("u", [piece.id], LATER)
        threading.Event().wait(0.01)
    store.flush()
    assert sum(t[piece.id] for t in calls) == 20  # every recall counted, once
    assert len(calls) <= 5  # in a few writes, not twenty
    assert store.pieces("u")[0].strength == 21
