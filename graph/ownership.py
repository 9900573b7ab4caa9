"""A conversation thread belongs to the user who started it. The `retrieve` node refuses a turn
of another user, but LangGraph saves a run's input before any node runs, so the refused message
would still reach the owner's thread. `build_graph` makes every checkpointer it is handed refuse
to save that input in the first place."""
from __future__ import annotations

from langgraph.checkpoint.base import BaseCheckpointSaver

from graph.nodes import TurnError

FOREIGN = "this conversation belongs to another user; start a new thread"


def refuse_foreign_input(checkpoint: dict) -> None:
    """Raises TurnError when a checkpoint adds another user's input to an owned thread."""
    values = checkpoint.get("channel_values") or {}
    incoming = values.get("__start__")  # a run's input, as LangGraph saves it
    owner = values.get("owner")
    if owner and isinstance(incoming, dict):
        user = str(incoming.get("user_id") or "").strip()
        if user and user != owner:
            raise TurnError(FOREIGN)


def with_owner_check(saver: BaseCheckpointSaver | None) -> BaseCheckpointSaver | None:
    """The same saver, whose saves (sync and async) refuse another user's input first."""
    if not isinstance(saver, BaseCheckpointSaver) or getattr(saver, "owner_checked", False):
        return saver
    put, aput = saver.put, saver.aput

    def checked_put(config, checkpoint, metadata, new_versions):
        refuse_foreign_input(checkpoint)
        return put(config, checkpoint, metadata, new_versions)

    async def checked_aput(config, checkpoint, metadata, new_versions):
        refuse_foreign_input(checkpoint)
        return await aput(config, checkpoint, metadata, new_versions)

    saver.put, saver.aput, saver.owner_checked = checked_put, checked_aput, True
    return saver
