"""The application layer: settings, the command line, and what the UI and tools share."""
# No telemetry from any tool, and no hub downloads: the app runs offline but for a model endpoint.
from memory import offline  # noqa: F401
