"""Every setting in one place, read from SF_* environment variables (or a .env file)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from memory.weights import RecallWeights


class Settings(BaseSettings, RecallWeights):
    """Also recall's ranking weights, each one (`memory.weights.RecallWeights`): SF_LEXICAL_WEIGHT,
    SF_HINT_BOOST and so on."""
    model_config = SettingsConfigDict(env_prefix="SF_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path(".sf_data"), description="memory, threads and caches live here")
    language: Literal["en", "cn"] = "en"
    embedding: str = Field("auto", description="auto | minilm | e5 | openai:<model> | an ST id or path")
    # Chat model: auto = openai when OPENAI_API_KEY is set, else the bundled local model.
    chat_backend: Literal["auto", "openai", "hf", "local"] = "auto"
    openai_model: str = "gpt-4o-mini"
    openai_base_url: str | None = Field(None, description="any OpenAI-compatible endpoint")
    hf_model: str | None = Field(None, description="a Hugging Face causal LM id or local path")
    hf_adapter: Path | None = Field(None, description="a PEFT LoRA adapter directory")
    local_model: Literal["qwen2.5-1.5b", "qwen2.5-0.5b", "smollm2-135m"] = Field(
        "qwen2.5-1.5b", description="the bundled model: a bilingual Qwen (1.5B, or the faster "
        "0.5B), or the small English one")
    local_adapter: str = Field("auto", description="LoRA for the bundled model: auto (the one "
                               "shipped for it, if any), none, or an adapter directory")
    local_threads: int | None = Field(None, ge=1, description="CPU threads of the bundled "
                                      "model (unset: the machine's cores, at most 8)")
    # Generation: unset, each model uses its own settings (app/bundled_models.py); openai 0.7
    temperature: float | None = Field(None, ge=0, le=2)
    top_p: float | None = Field(None, gt=0, le=1)
    max_tokens: int | None = Field(None, ge=1)
    favour_bias: float | None = Field(None, ge=0, le=10, description="added to the logits of "
                                      "the best memory's words for a question about something "
                                      "told (bundled and transformers models; 0: off)")
    # Chat models a signed-in user may switch to on the page, by label: each a set of the
    # settings above. Only the operator names them; the page offers nothing else.
    model_choices: dict[str, dict[str, str]] = Field(
        default_factory=dict, description='e.g. {"Qwen + LoRA": {"chat_backend": "hf", '
        '"hf_model": "/models/qwen", "hf_adapter": "/models/lora"}}')
    request_timeout: float = Field(60.0, gt=0, description="seconds per chat request")
    max_retries: int = Field(2, ge=0, description="retries of a failed chat request")
    # Short-term context: exchanges of the current thread that go to the model
    history_exchanges: int = Field(4, ge=0)
    # Reflection after a turn: when a day has ended, or this many of today's turns piled up
    # (0: only on demand, `python -m app summarize`)
    reflect_every: int = Field(20, ge=0)
    # Forgetting: R = exp(-t / (tau * S)); turns with R below the threshold are forgotten.
    forget_tau: float = Field(30.0, gt=0)
    forget_threshold: float = Field(0.1, ge=0, lt=1)
    forget_mode: Literal["threshold", "random"] = "threshold"
    forget_seed: int = 0
    # Recall
    recall_k: int = Field(3, ge=1)
    # Embedding models compute in bfloat16 where the CPU has it; read by `memory.compute` from
    # the environment
    embed_bf16: bool = True
    # Accounts and conversation threads on PostgreSQL (postgresql://user:pass@host:port/db),
    # shared by several app processes; unset: SQLite files in data_dir
    database_url: str | None = None
    # A Chroma server instead of the embedded store
    chroma_host: str | None = None
    chroma_port: int = 8000


    @field_validator("model_choices")
    @classmethod
    def _only_model_settings(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for label, overrides in v.items():
            if wrong := set(overrides) - MODEL_KEYS:
                raise ValueError(f"model choice {label!r} sets {sorted(wrong)}; a choice may "
                                 f"set only {sorted(MODEL_KEYS)}")
        return v


MODEL_KEYS = {"chat_backend", "openai_model", "openai_base_url", "hf_model", "hf_adapter",
              "local_model", "local_adapter"}


@lru_cache
def get_settings() -> Settings:
    s = Settings()
    # memory/ reads no settings: a value from .env reaches it through the environment
    os.environ.setdefault("SF_EMBED_BF16", "1" if s.embed_bf16 else "0")
    return s
