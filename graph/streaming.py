"""The reply as it is written: the respond node's tokens, picked out of a graph's message stream
(which also carries the background reflection's model calls, and those of any tool)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langgraph.graph.state import CompiledStateGraph

REPLY_NODE = "respond"


def reply_token(part: tuple[Any, dict]) -> str:
    """The reply's text in one (chunk, metadata) part of a `stream_mode="messages"` stream; ""
    for a part that is not the reply's."""
    chunk, meta = part
    return chunk.text if meta.get("langgraph_node") == REPLY_NODE else ""


def reply_tokens(graph: CompiledStateGraph, turn: dict, config: dict | None = None,
                 **kwargs: Any) -> Iterator[str]:
    """Runs one turn and yields the reply's text as it comes; `kwargs` go to `graph.stream`
    (a `context`, say)."""
    for part in graph.stream(turn, config, stream_mode="messages", **kwargs):
        if text := reply_token(part):
            yield text
