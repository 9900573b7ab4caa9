"""The companion as a LangGraph state machine: retrieve -> respond -> remember."""
from graph.builder import build_graph
from graph.nodes import ChatModelError, TurnError
from graph.state import Context, InputState, OutputState, Recalled, State

__all__ = ["build_graph", "ChatModelError", "TurnError", "Context", "InputState", "OutputState",
           "Recalled", "State"]
