"""One factory for the three chat backends, each a LangChain chat model, so the graph never
knows which it has: `openai` (ChatGPT or any OpenAI-compatible endpoint), `hf` (a Hugging Face
causal LM by id or path, with an optional PEFT LoRA adapter) and `local` (a bundled GGUF model
run by llama.cpp, offline with no key; with a LoRA adapter, its dequantized copy on
transformers)."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from app import bundled_models
from app.bundled_models import Generation
from app.llama_chat import LlamaCppChat, default_threads
from app.local_chat import TransformersChat
from app.settings import Settings


class ChatModelConfigError(ValueError):
    """A backend asked for without what it needs (a key, a model, an adapter on disk)."""


def backend(s: Settings) -> str:
    if s.chat_backend != "auto":
        return s.chat_backend
    return "openai" if os.environ.get("OPENAI_API_KEY") else "local"


def make_chat_model(s: Settings) -> BaseChatModel:
    kind = backend(s)
    if kind == "openai":
        return openai_chat_model(s)
    if kind == "hf":
        if not s.hf_model:
            raise ChatModelConfigError("the hf backend needs a model: set SF_HF_MODEL (id or path)")
        return hf_chat_model(s.hf_model, s, adapter=s.hf_adapter)
    bundled = bundled_models.get(s.local_model)
    adapter = bundled_models.adapter_dir(bundled, s.local_adapter)
    if adapter is not None:  # llama.cpp cannot read a PEFT adapter: transformers runs both
        return hf_chat_model(str(local_model_dir(s.data_dir, bundled.name)), s, adapter=adapter,
                             generation=bundled.generation)
    return LlamaCppChat(path=local_gguf(s.data_dir, bundled.name), model_id=bundled.name,
                        generation=_generation(s, bundled.generation),
                        threads=s.local_threads or default_threads()).load()


def describe(s: Settings) -> str:
    """The chat model in use, in words, for the UI and the command line."""
    kind = backend(s)
    if kind == "openai":
        return f"openai: {s.openai_model}" + (f" at {s.openai_base_url}" if s.openai_base_url else "")
    if kind == "hf":
        return f"hf: {s.hf_model}" + (f" + LoRA {s.hf_adapter}" if s.hf_adapter else "")
    bundled = bundled_models.get(s.local_model)
    adapter = bundled_models.adapter_dir(bundled, s.local_adapter)
    runtime = f"transformers) + LoRA {adapter.name}" if adapter else "llama.cpp)"
    return f"local: {bundled.description} (bundled, offline, {runtime}"


def openai_chat_model(s: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    if not os.environ.get("OPENAI_API_KEY"):
        raise ChatModelConfigError("the openai backend needs OPENAI_API_KEY")
    return ChatOpenAI(model=s.openai_model, base_url=s.openai_base_url,
                      temperature=0.7 if s.temperature is None else s.temperature,
                      top_p=s.top_p, max_tokens=s.max_tokens,
                      timeout=s.request_timeout, max_retries=s.max_retries)


def hf_chat_model(model: str, s: Settings, adapter: Path | None = None,
                  generation: Generation | None = None) -> BaseChatModel:
    """A local transformers model (a path or a cached id, with an optional PEFT LoRA adapter)
    as a streaming LangChain chat model."""
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(model)
        lm = AutoModelForCausalLM.from_pretrained(model, dtype="auto")
    except OSError as e:
        raise ChatModelConfigError(f"cannot load the model {model!r} (no hub access here; give "
                                   f"a local path or a cached id): {e}") from e
    if adapter is not None:
        from peft import PeftModel

        if not (Path(adapter) / "adapter_config.json").exists():
            raise ChatModelConfigError(f"{adapter} holds no LoRA adapter (adapter_config.json)")
        lm = PeftModel.from_pretrained(lm, str(adapter))
    lm.eval()  # generate() runs without gradients by itself
    return TransformersChat(lm=lm, tokenizer=tokenizer, model_id=str(model),
                            generation=_generation(s, generation or Generation()))


def _generation(s: Settings, base: Generation) -> Generation:
    """The model's own generation settings, with what the settings override."""
    return replace(base, **{k: v for k, v in {
        "max_new_tokens": s.max_tokens, "temperature": s.temperature, "top_p": s.top_p,
        "favour_bias": s.favour_bias}.items()
        if v is not None})


def local_gguf(data_dir: Path, name: str = bundled_models.DEFAULT) -> Path:
    """The bundled model's GGUF, verified and joined once into `data_dir/models/<name>.gguf`."""
    try:
        return bundled_models.gguf_file(data_dir, name)
    except bundled_models.BundledModelError as e:
        raise ChatModelConfigError(str(e)) from e


def local_model_dir(data_dir: Path, name: str = bundled_models.DEFAULT) -> Path:
    """The bundled model, verified and dequantized once into `data_dir/models/<name>`."""
    try:
        return bundled_models.model_dir(data_dir, name)
    except bundled_models.BundledModelError as e:
        raise ChatModelConfigError(str(e)) from e
