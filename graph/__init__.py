"""The companion as a LangGraph state machine: retrieve -> respond -> remember."""
from graph.builder import build_graph
from graph.nodes import ChatModelError, TurnError
from graph.state import Context, InputState, OutputState, Recalled, State
from graph.streaming import reply_token, reply_tokens

__all__ = ["build_graph", "ChatModelError", "TurnError", "Context", "InputState", "OutputState",
           "Recalled", "State", "reply_token", "reply_tokens"]
