"""No telemetry from any tool and no model hub: the one place that says so. Imported first by the
`memory` package (and so by everything of ours), before any tool reads its settings; a value
already set in the environment wins."""
import os

ENVIRONMENT = {
    "ANONYMIZED_TELEMETRY": "False",  # Chroma
    "HF_HUB_DISABLE_TELEMETRY": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
    "LANGSMITH_TRACING": "false", "LANGCHAIN_TRACING_V2": "false",
    "TOKENIZERS_PARALLELISM": "false",  # fork-safe; our threads share one tokenizer
}

for _key, _value in ENVIRONMENT.items():
    os.environ.setdefault(_key, _value)
