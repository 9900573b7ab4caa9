"""The graph that `langgraph.json` serves (`langgraph dev`), built from settings on first use.

`graph` is a graph factory, as LangGraph's server accepts one, so that importing this module
loads no model and the server is up at once (the import used to take 8-27 s and drew the
server's slow-import warning). The graph is built in a background thread started at import,
never on the server's event loop; a request that comes before it is ready waits for it.

It lives in app/, not graph/, because it reads the app's settings (dependencies point one way).
No checkpointer: the dev server brings its own persistence and refuses a compiled-in one.
"""
from __future__ import annotations

import app  # noqa: F401  (offline, no-telemetry environment before anything loads)

import asyncio
import threading

from langgraph.graph.state import CompiledStateGraph

_built: CompiledStateGraph | None = None
_building = threading.Lock()


def companion() -> CompiledStateGraph:
    """The process's companion graph, built once (concurrent first calls build it once)."""
    global _built
    with _building:
        if _built is None:
            from app.companion import make_companion  # the models' imports wait too
            from app.settings import get_settings

            _built = make_companion(get_settings())
        return _built


async def graph() -> CompiledStateGraph:
    return _built if _built is not None else await asyncio.to_thread(companion)


threading.Thread(target=companion, name="build-companion", daemon=True).start()
