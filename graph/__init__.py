"""The LangGraph companion: state, nodes, builder (arrives with the companion graph issue)."""
