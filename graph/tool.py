"""The companion inside other agents: as a tool a tool-calling agent can call.

(As a subgraph no helper is needed: the compiled graph is a node of any parent graph whose state
has `messages`, and `user_id` unless the parent's run context gives it:
`parent.add_node("companion", build_graph(...))`.)
"""
from __future__ import annotations

from langchain_core.messages import HumanMessage
from langchain_core.tools import BaseTool, StructuredTool
from langgraph.graph.state import CompiledStateGraph

from graph.state import Context


def companion_tool(companion: CompiledStateGraph, user_id: str, *, language: str = "en",
                   thread_id: str | None = None, name: str = "siliconfriend") -> BaseTool:
    """A tool that passes a message to SiliconFriend as `user_id` and returns its reply.

    The reply is grounded in that user's long-term memory, and the exchange is remembered. With
    a checkpointer compiled into `companion`, calls share the thread `thread_id` (default
    `"tool:<user_id>"`), so the companion also sees the recent exchanges.
    """
    config = {"configurable": {"thread_id": thread_id or f"tool:{user_id}"}}

    def talk(message: str) -> str:
        out = companion.invoke({"messages": [HumanMessage(message)], "language": language},
                               config, context=Context(user_id=user_id))
        return out["messages"][-1].text

    return StructuredTool.from_function(
        talk, name=name,
        description=f"Talk with SiliconFriend, the empathetic companion of {user_id}, who "
                    f"remembers past conversations with them. Input: what to say, in "
                    f"{'Chinese' if language == 'cn' else 'English'}. Returns the reply.")
