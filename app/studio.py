"""The graph that `langgraph.json` serves (`langgraph dev`), built from settings.

It lives in app/, not graph/, because it reads the app's settings (dependencies point one way).
No checkpointer: the dev server brings its own persistence and refuses a compiled-in one.
"""
import app  # noqa: F401  (offline, no-telemetry environment before anything loads)
from app.companion import make_companion
from app.settings import get_settings

graph = make_companion(get_settings())
