"""A conversation thread belongs to the user who started it. The `retrieve` node refuses a turn
of another user (named by the run's context or by the input), but LangGraph saves a run's input
before any node runs, so the refused message would still reach the owner's thread.
`build_graph` makes every checkpointer it is handed refuse to save that input in the first
place."""
from __future__ import annotations

from collections import OrderedDict

from langgraph.checkpoint.base import BaseCheckpointSaver

from graph.nodes import TurnError, speaker

# LangGraph hands a run's Runtime (and so its context) to the saver inside the config, under this
# private key (langgraph 1.2; tests/test_graph.py fails if it moves).
RUNTIME_KEY = "__pregel_runtime"


def refuse_foreign_input(config: dict, checkpoint: dict) -> None:
    """Raises TurnError when a checkpoint would save a run's input that is not its owner's: the
    user named by the run's context or by the input differs from the thread's owner, or the two
    differ from each other (`graph.nodes.speaker`)."""
    values = checkpoint.get("channel_values") or {}
    incoming = values.get("__start__")  # a run's input, as LangGraph saves it
    if not isinstance(incoming, dict):
        return
    runtime = (config.get("configurable") or {}).get(RUNTIME_KEY)
    context = getattr(runtime, "context", None)
    given = incoming.get("user_id")
    if given or getattr(context, "user_id", None):
        speaker(str(given or ""), context, values.get("owner"))


def with_owner_check(saver: BaseCheckpointSaver | None) -> BaseCheckpointSaver | None:
    """The same saver, whose saves (sync and async) refuse another user's input first. LangGraph
    goes on to save the input's pending writes (the message, the user id) against the refused
    checkpoint; those are dropped too, or they would sit unseen in the owner's thread."""
    if not isinstance(saver, BaseCheckpointSaver) or getattr(saver, "owner_checked", False):
        return saver
    put, aput = saver.put, saver.aput
    put_writes, aput_writes = saver.put_writes, saver.aput_writes
    refused: OrderedDict[str, None] = OrderedDict()  # ids of checkpoints refused lately

    def check(config: dict, checkpoint: dict) -> None:
        try:
            refuse_foreign_input(config, checkpoint)
        except TurnError:
            refused[checkpoint["id"]] = None
            while len(refused) > 1024:
                refused.popitem(last=False)
            raise

    def of_refused(config: dict) -> bool:
        return (config.get("configurable") or {}).get("checkpoint_id") in refused

    def checked_put(config, checkpoint, metadata, new_versions):
        check(config, checkpoint)
        return put(config, checkpoint, metadata, new_versions)

    async def checked_aput(config, checkpoint, metadata, new_versions):
        check(config, checkpoint)
        return await aput(config, checkpoint, metadata, new_versions)

    def checked_put_writes(config, writes, task_id, task_path=""):
        if not of_refused(config):
            put_writes(config, writes, task_id, task_path)

    async def checked_aput_writes(config, writes, task_id, task_path=""):
        if not of_refused(config):
            await aput_writes(config, writes, task_id, task_path)

    saver.put, saver.aput = checked_put, checked_aput
    saver.put_writes, saver.aput_writes = checked_put_writes, checked_aput_writes
    saver.owner_checked = True
    return saver
