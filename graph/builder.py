"""build_graph: the companion as a compiled LangGraph graph, from a chat model and a memory store."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from langchain_core.language_models import BaseChatModel
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from memory.background import ReflectionWorker, default_worker
from memory.forgetting import ForgettingCurve
from memory.store import MemoryStore
from memory.weights import RecallWeights

from graph.nodes import CompanionNodes, fail
from graph.ownership import with_owner_check
from graph.state import Context, InputState, OutputState, State
from graph.streaming import REPLY_NODE


def build_graph(model: BaseChatModel, store: MemoryStore, *,
                checkpointer: BaseCheckpointSaver | None = None,
                curve: ForgettingCurve | None = None, clock: Callable[[], date] = date.today,
                recall_k: int = 3, history_exchanges: int = 4,
                recall_weights: RecallWeights | dict[str, float] | None = None,
                reflect_every: int | None = 20,
                reflector: ReflectionWorker | None = None,
                name: str = "siliconfriend") -> CompiledStateGraph:
    """One turn: retrieve -> respond -> remember -> (reflect | fail) -> end.

    `reflect` hands a reflection pass to `reflector` (the process's background worker unless
    given) after the reply is streamed and stored, and returns at once; the pass summarizes
    when a day has ended since the last one or `reflect_every` turns piled up today (None:
    never; summarize on demand).
    `fail` reports a chat-model failure after `remember` kept the user's message.

    Input: {"messages": [HumanMessage], "user_id": ..., "language": "en"|"cn",
    "today": "YYYY-MM-DD"}; output: messages, recalled, day, remembered. `recall_k` and
    `history_exchanges` can be changed per run through the context (`Context`);
    `recall_weights`: recall's ranking weights (`RecallWeights`, or a dict of those to change
    from their defaults).
    """
    nodes = CompanionNodes(
        model, store, curve=curve or ForgettingCurve(), clock=clock,
        defaults=Context(recall_k=recall_k, history_exchanges=history_exchanges),
        weights=RecallWeights.model_validate(recall_weights or {}), reflect_every=reflect_every,
        reflector=reflector or default_worker())
    builder = StateGraph(State, context_schema=Context, input_schema=InputState,
                         output_schema=OutputState)
    builder.add_node("retrieve", nodes.retrieve)
    builder.add_node(REPLY_NODE, nodes.respond)
    builder.add_node("remember", nodes.remember)
    builder.add_node("reflect", nodes.reflect)
    builder.add_node("fail", fail)
    builder.add_edge(START, "retrieve")
    builder.add_edge("retrieve", "respond")
    builder.add_edge("respond", "remember")
    builder.add_conditional_edges("remember", nodes.after_remember, ["reflect", "fail", END])
    builder.add_edge("reflect", END)
    builder.add_edge("fail", END)
    # A thread's owner is checked before LangGraph saves a turn's input (graph.ownership).
    return builder.compile(checkpointer=with_owner_check(checkpointer), name=name)
