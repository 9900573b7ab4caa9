"""The application layer: settings, the command line, and what the UI and tools share."""
import os

# No telemetry from any tool, and no hub downloads: the app runs offline but for a model endpoint.
for _key, _value in {"ANONYMIZED_TELEMETRY": "False", "HF_HUB_DISABLE_TELEMETRY": "1",
                     "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                     "LANGSMITH_TRACING": "false", "LANGCHAIN_TRACING_V2": "false",
                     "TOKENIZERS_PARALLELISM": "false"}.items():
    os.environ.setdefault(_key, _value)
