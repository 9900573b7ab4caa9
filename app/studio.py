"""What `langgraph.json` serves (`langgraph dev`), built from settings on first use: the
companion graph (`graph`) and the MemoryBank as the server's long-term store (`store`), both
over one memory.

`graph` is a graph factory, as LangGraph's server accepts one, so that importing this module
loads no model and the server is up at once (building at import drew the server's slow-import
warning). The memory and the graph are built in a background thread
started at import, never on the server's event loop; a request that comes before they are
ready waits for them.

It lives in app/, not graph/, because it reads the app's settings (dependencies point one way).
No checkpointer: the dev server brings its own persistence and refuses a compiled-in one.
"""
from __future__ import annotations

import app  # noqa: F401  (offline, no-telemetry environment before anything loads)

import asyncio
import threading
from types import SimpleNamespace

_built: SimpleNamespace | None = None
_building = threading.Lock()


def _build() -> SimpleNamespace:
    """The process's memory, companion graph and store, built once (concurrent first calls
    build them once)."""
    global _built
    with _building:
        if _built is None:
            from app.companion import make_companion  # the models' imports wait too
            from app.memory_factory import make_langgraph_store, open_store
            from app.settings import get_settings

            s = get_settings()
            memory = open_store(s)
            _built = SimpleNamespace(graph=make_companion(s, store=memory),
                                     store=make_langgraph_store(s, memory))
        return _built


def companion():
    return _build().graph


async def graph():
    return (_built or await asyncio.to_thread(_build)).graph


async def store():
    return (_built or await asyncio.to_thread(_build)).store


threading.Thread(target=_build, name="build-companion", daemon=True).start()
