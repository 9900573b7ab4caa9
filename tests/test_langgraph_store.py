"""The MemoryBank as a LangGraph store: an agent of another shape, which only calls
`runtime.store`, remembers and recalls through it (with reinforcement, each user apart), and
the store's operations, sync and async. Real Chroma on disk, real embeddings."""
from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from datetime import date

import pytest
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.store.base import InvalidNamespaceError
from typing_extensions import TypedDict

from memory.langgraph_store import MemoryBankStore
from memory.store import MemoryStore

TODAY = date(2023, 5, 10)


@pytest.fixture
def bank(tmp_path) -> MemoryBankStore:
    return MemoryBankStore(MemoryStore.open(tmp_path, embedding="minilm"), clock=lambda: TODAY)


class Turn(TypedDict, total=False):
    said: str
    answer: str


@dataclass
class Who:
    user_id: str


def notebook_agent(store: MemoryBankStore):
    """Not the companion: a two-node graph that answers with the closest memory, then keeps
    what was said. All it knows of memory is `runtime.store`."""

    def answer(state: Turn, runtime: Runtime[Who]) -> Turn:
        found = runtime.store.search(("memories", runtime.context.user_id), query=state["said"],
                                     limit=1)
        return {"answer": found[0].value["query"] if found else ""}

    def remember(state: Turn, runtime: Runtime[Who]) -> Turn:
        runtime.store.put(("memories", runtime.context.user_id), uuid.uuid4().hex,
                          {"query": state["said"], "response": "Noted."})
        return {}

    graph = StateGraph(Turn, context_schema=Who)
    graph.add_node(answer)
    graph.add_node(remember)
    graph.add_edge(START, "answer")
    graph.add_edge("answer", "remember")
    graph.add_edge("remember", END)
    return graph.compile(store=store)


def test_an_agent_of_another_shape_remembers_and_recalls_through_the_store(bank):
    agent = notebook_agent(bank)
    emily, bob = Who("emily"), Who("bob")
    assert agent.invoke({"said": "My sister Ana moved to Porto last spring."},
                        context=emily)["answer"] == ""
    agent.invoke({"said": "I started cello lessons on Tuesdays."}, context=emily)
    agent.invoke({"said": "My manager is called Keith."}, context=bob)
    got = agent.invoke({"said": "Which city does my sister live in?"}, context=emily)
    assert got["answer"] == "My sister Ana moved to Porto last spring."
    # each recall reinforced it: found for the cello turn (then the only memory) and for the
    # question, so strength 1 + 2, and its forgetting restarted today
    kept = {i.value["query"]: i.value for i in bank.search(("memories", "emily"))}
    porto = kept["My sister Ana moved to Porto last spring."]
    assert porto["strength"] == 3 and porto["last_recall_date"] == "2023-05-10"
    assert kept["I started cello lessons on Tuesdays."]["strength"] == 1
    assert kept["Which city does my sister live in?"]["strength"] == 1
    # each user apart: Bob's agent never sees Emily's memories
    assert "Porto" not in agent.invoke({"said": "Where does my sister live?"},
                                       context=bob)["answer"]
    assert bank.list_namespaces() == [("memories", "bob"), ("memories", "emily")]


def test_put_get_rewrite_delete_and_list(bank):
    ns = ("memories", "emily")
    bank.put(ns, "cat", {"query": "I adopted a kitten named Mochi.", "response": "Lovely!",
                         "date": "2023-05-01"})
    item = bank.get(ns, "cat")
    assert item.key == "cat" and item.namespace == ns and item.value["kind"] == "turn"
    assert item.value["query"] == "I adopted a kitten named Mochi."
    assert item.created_at.date() == date(2023, 5, 1)
    bank.put(ns, "cat", {"query": "I adopted a kitten named Mochi. She is grey."})  # in place
    assert [i.value["query"] for i in bank.search(ns)] == [
        "I adopted a kitten named Mochi. She is grey."]
    bank.put(ns, "note", {"content": "Allergic to peanuts."})  # a note, on today
    assert bank.get(ns, "note").value["date"] == TODAY.isoformat()
    assert [i.key for i in bank.search(ns, filter={"date": {"$gte": "2023-05-05"}})] == ["note"]
    [top] = bank.search(ns, query="Does she have a pet?", limit=1)
    assert top.key == "cat" and top.score is not None
    bank.delete(ns, "cat")
    assert bank.get(ns, "cat") is None and [i.key for i in bank.search(ns)] == ["note"]
    assert bank.get(("memories", "bob"), "note") is None  # another user's namespace: not there


def test_only_one_users_memories_are_a_namespace(bank):
    with pytest.raises(InvalidNamespaceError):
        bank.put(("profiles", "emily"), "k", {"query": "x"})
    with pytest.raises(InvalidNamespaceError):  # a search across users is refused
        bank.search(("memories",), query="anything")
    with pytest.raises(ValueError, match="non-empty"):
        bank.put(("memories", "emily"), "k", {"response": "only a reply"})
    assert bank.list_namespaces() == []


def test_the_async_forms(bank):
    ns = ("memories", "li")

    async def run():
        await bank.aput(ns, "trip", {"query": "我下个月要去杭州出差。", "response": "一路顺风！"})
        found = await bank.asearch(ns, query="我要去哪里出差？", limit=1)
        item = await bank.aget(ns, "trip")
        spaces = await bank.alist_namespaces(prefix=("memories",))
        await bank.adelete(ns, "trip")
        return found, item, spaces, await bank.aget(ns, "trip")

    found, item, spaces, gone = asyncio.run(run())
    assert found[0].key == "trip" and item.value["query"] == "我下个月要去杭州出差。"
    assert spaces == [("memories", "li")] and gone is None
