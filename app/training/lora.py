"""LoRA fine-tuning of a causal LM on empathetic dialogues, as the paper's SiliconFriend was
tuned, so that the companion comforts rather than lectures; and on memory-grounded dialogues
(the system prompt holds recalled memories, the reply uses the right one), so that a small
model answers from what it remembers.

Data: JSON or JSONL records in the original's form ({"input", "output", optional "history":
[[user, companion], ...]}) or in chat-messages form ({"messages": [{"role", "content"}, ...]}).
The loss covers the companion's replies only: everything else is context.
"""
from __future__ import annotations

import json
import math
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROLES = ("system", "user", "assistant")
IGNORE = -100  # label of tokens the loss skips


class DialogueDataError(ValueError):
    """A malformed training file; names the record and the field."""


@dataclass
class LoraSettings:
    epochs: int = 3
    lr: float = 2e-4
    r: int = 8
    alpha: int = 16
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: ["q_proj", "v_proj"])
    max_length: int = 512
    seed: int = 0
    loss_sample: int = 24  # examples the loss before and after is measured on, at most


def _records(path: Path) -> list[tuple[str, object]]:
    text = path.read_text(encoding="utf-8")
    if text.lstrip().startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise DialogueDataError(f"{path}: not valid JSON: {e.msg} at line {e.lineno}") from None
        return [(f"record {i + 1}", r) for i, r in enumerate(data)]
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError as e:
                raise DialogueDataError(f"{path}: line {n} is not valid JSON: {e.msg}") from None
    return out


def _text(value: object, where: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DialogueDataError(f"{where}: field {name!r} must be non-empty text")
    return value


def to_messages(record: object, where: str) -> list[dict]:
    """One record as chat messages ending with the companion's reply."""
    if not isinstance(record, dict):
        raise DialogueDataError(f"{where}: expected an object")
    if "messages" in record:
        msgs = record["messages"]
        if not isinstance(msgs, list) or not msgs:
            raise DialogueDataError(f"{where}: field 'messages' must be a non-empty list")
        out = []
        for i, m in enumerate(msgs):
            if not isinstance(m, dict) or m.get("role") not in ROLES:
                raise DialogueDataError(f"{where}: messages[{i}].role must be one of {ROLES}")
            out.append({"role": m["role"], "content": _text(m.get("content"), where,
                                                              f"messages[{i}].content")})
        if out[-1]["role"] != "assistant":
            raise DialogueDataError(f"{where}: the last message must be the assistant's reply")
        return out
    out = []
    history = record.get("history") or []
    if not isinstance(history, list):
        raise DialogueDataError(f"{where}: field 'history' must be a list of [user, reply] pairs")
    for i, pair in enumerate(history):
        if not (isinstance(pair, list) and len(pair) == 2):
            raise DialogueDataError(f"{where}: history[{i}] must be a [user, reply] pair")
        out += [{"role": "user", "content": _text(pair[0], where, f"history[{i}][0]")},
                {"role": "assistant", "content": _text(pair[1], where, f"history[{i}][1]")}]
    return out + [{"role": "user", "content": _text(record.get("input"), where, "input")},
                  {"role": "assistant", "content": _text(record.get("output"), where, "output")}]


def load_dialogues(path: str | Path) -> list[list[dict]]:
    path = Path(path)
    try:
        records = _records(path)
    except (OSError, UnicodeDecodeError) as e:
        raise DialogueDataError(f"{path}: cannot read: {e}") from None
    if not records:
        raise DialogueDataError(f"{path}: no dialogues")
    return [to_messages(r, f"{path}: {where}") for where, r in records]


def encode(tokenizer, messages: list[dict], max_length: int) -> dict:
    """Token ids of the whole dialogue through the chat template, with labels on the
    companion's replies only (each reply's tokens through its end-of-turn marker)."""
    def ids(msgs: list[dict], prompt: bool) -> list[int]:
        text = tokenizer.apply_chat_template(msgs, tokenize=False, add_generation_prompt=prompt)
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    input_ids = ids(messages, False)
    labels = [IGNORE] * len(input_ids)
    for i, m in enumerate(messages):
        if m["role"] == "assistant":
            start, end = len(ids(messages[:i], True)), len(ids(messages[:i + 1], False))
            labels[start:end] = input_ids[start:end]
    return {"input_ids": input_ids[:max_length], "labels": labels[:max_length]}


def mean_loss(model, examples: list[dict], at_most: int | None = None) -> float:
    """Mean loss on the replies; over an evenly spread sample of `at_most` examples if given
    (a full pass over hundreds of long prompts takes many minutes on a CPU)."""
    import torch

    if at_most and len(examples) > at_most:
        examples = examples[::math.ceil(len(examples) / at_most)]
    model.eval()
    with torch.no_grad():
        losses = [model(input_ids=torch.tensor([e["input_ids"]]),
                        labels=torch.tensor([e["labels"]])).loss.item() for e in examples]
    return sum(losses) / len(losses)


def finetune(data: str | Path | list[str | Path], base: str | Path, out: str | Path,
             settings: LoraSettings,
             on_step: Callable[[int, float], None] | None = None) -> dict:
    """Trains a LoRA adapter on `data` (one file or several) over the model at `base`; saves it
    with a model card in `out`. Returns the card's facts (loss before and after included)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    files = [Path(d) for d in (data if isinstance(data, list) else [data])]
    dialogues = [d for f in files for d in load_dialogues(f)]
    data = ", ".join(str(f) for f in files)
    random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    tokenizer = AutoTokenizer.from_pretrained(str(base))
    examples = [e for e in (encode(tokenizer, d, settings.max_length) for d in dialogues)
                if any(x != IGNORE for x in e["labels"])]
    if not examples:
        raise DialogueDataError(f"{data}: every reply falls beyond --max-length")
    model = get_peft_model(
        AutoModelForCausalLM.from_pretrained(str(base), dtype="auto"),
        LoraConfig(r=settings.r, lora_alpha=settings.alpha, lora_dropout=settings.dropout,
                   target_modules=settings.target_modules, task_type="CAUSAL_LM"))
    before = mean_loss(model, examples, settings.loss_sample)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad],
                                  lr=settings.lr)
    step, losses = 0, []
    for _ in range(settings.epochs):
        model.train()
        order = list(range(len(examples)))
        random.shuffle(order)
        for i in order:
            e = examples[i]
            loss = model(input_ids=torch.tensor([e["input_ids"]]),
                         labels=torch.tensor([e["labels"]])).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            optimizer.zero_grad()
            step += 1
            losses.append(loss.item())
            if on_step:
                on_step(step, loss.item())
    after = mean_loss(model, examples, settings.loss_sample)
    if not math.isfinite(after):
        raise RuntimeError("training diverged (loss is not finite); try a lower --lr")
    out = Path(out)
    model.save_pretrained(str(out))
    facts = {"base_model": str(base), "data": str(data), "dialogues": len(dialogues),
             "examples": len(examples), "steps": step, "loss_before": round(before, 4),
             "loss_after": round(after, 4), "last_step_loss": round(losses[-1], 4),
             "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
             "settings": asdict(settings)}
    (out / "training.json").write_text(json.dumps(facts | {"step_losses": losses}, indent=2))
    (out / "README.md").write_text(model_card(facts), encoding="utf-8")
    return facts


def model_card(f: dict) -> str:
    s = f["settings"]
    return (f"# SiliconFriend LoRA adapter\n\n"
            f"A PEFT LoRA adapter that tunes `{f['base_model']}` towards the companion's "
            f"replies: empathetic, short, and using what is remembered.\n\n"
            f"| | |\n|---|---|\n"
            f"| base model | `{f['base_model']}` |\n"
            f"| data | `{f['data']}`: {f['dialogues']} dialogues, {f['examples']} used |\n"
            f"| LoRA | r={s['r']}, alpha={s['alpha']}, dropout={s['dropout']}, "
            f"target modules {', '.join(s['target_modules'])} |\n"
            f"| training | {s['epochs']} epochs, {f['steps']} steps, lr={s['lr']}, "
            f"max length {s['max_length']}, seed {s['seed']} |\n"
            f"| loss on the replies | {f['loss_before']} before, {f['loss_after']} after |\n"
            f"| trained | {f['trained_at']} |\n\n"
            f"Use it: `python -m app chat --backend hf --model {f['base_model']} --adapter "
            f"<this folder>`\n")
