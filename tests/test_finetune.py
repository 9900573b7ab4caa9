"""LoRA fine-tuning on the project's empathetic dialogues, on the bundled model: the data forms,
the loss mask, the loss going down, the adapter reloading exactly, the companion using it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from langchain_core.messages import HumanMessage
from typer.testing import CliRunner

from app.cli import app
from app.companion import make_companion
from app.training.lora import (IGNORE, DialogueDataError, LoraSettings, encode, finetune,
                          load_dialogues, mean_loss)
from app.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "app" / "training" / "data"


@pytest.fixture(scope="module")
def base(small_model) -> Path:
    return small_model


@pytest.fixture(scope="module")
def tokenizer(base):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base)


# Eight of the shipped dialogues: the training steps are most of this file's time on a CPU.
TRAIN_DIALOGUES = 8


@pytest.fixture(scope="module")
def train_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "few_en.jsonl"
    lines = (DATA / "empathy_en.jsonl").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines[:TRAIN_DIALOGUES]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(base, train_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("adapter")
    facts = finetune(train_file, base, out, LoraSettings(epochs=2, lr=1e-3))
    return out, facts


@pytest.mark.parametrize("lang", ["en", "cn"])
def test_the_shipped_sets_load_in_both_forms(lang):
    dialogues = load_dialogues(DATA / f"empathy_{lang}.jsonl")
    assert len(dialogues) >= 24
    assert all(d[-1]["role"] == "assistant" for d in dialogues)
    assert any(len(d) > 2 and d[0]["role"] == "user" for d in dialogues)  # history form
    assert any(d[0]["role"] == "system" for d in dialogues)  # messages form


@pytest.mark.parametrize("line, message", [
    ('{"input": "hi"}', "line 1: field 'output' must be non-empty text"),
    ('{"input": "hi", "output": "hello", "history": [["only one"]]}', "history[0]"),
    ('{"messages": [{"role": "user", "content": "hi"}]}', "last message must be the assistant"),
    ('{"messages": [{"role": "bot", "content": "hi"}]}', "messages[0].role"),
    ('{"input": "hi", "output": "hello"}\n{oops', "line 2 is not valid JSON"),
    ("", "no dialogues"),
])
def test_malformed_data_gets_a_clear_error(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(line, encoding="utf-8")
    with pytest.raises(DialogueDataError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_dialogues(path)


def test_the_loss_covers_the_companions_replies_only(tokenizer):
    dialogue = [{"role": "system", "content": "Be kind."},
                {"role": "user", "content": "I lost my keys."},
                {"role": "assistant", "content": "Oh no, that's stressful."},
                {"role": "user", "content": "Found them!"},
                {"role": "assistant", "content": "What a relief!"}]
    e = encode(tokenizer, dialogue, 512)
    learned = tokenizer.decode([t for t, label in zip(e["input_ids"], e["labels"])
                                if label != IGNORE])
    assert learned == "Oh no, that's stressful.<|im_end|>\nWhat a relief!<|im_end|>\n"
    assert len(e["input_ids"]) == len(e["labels"])


def test_training_lowers_the_loss_and_writes_a_model_card(trained, base):
    out, facts = trained
    assert facts["loss_after"] < facts["loss_before"] * 0.9
    assert facts["examples"] == TRAIN_DIALOGUES and facts["steps"] == 2 * TRAIN_DIALOGUES
    card = (out / "README.md").read_text()
    assert str(base) in card and f"{facts['loss_before']} before" in card
    assert json.loads((out / "training.json").read_text())["steps"] == 2 * TRAIN_DIALOGUES


def test_the_saved_adapter_reloads_with_identical_outputs(trained, base, tokenizer, train_file):
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    out, facts = trained
    model = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(out))
    examples = [encode(tokenizer, d, 512) for d in load_dialogues(train_file)]
    assert mean_loss(model, examples) == pytest.approx(facts["loss_after"], abs=1e-4)


def test_the_companion_answers_with_the_adapter(trained, base, tmp_path):
    out, _ = trained
    s = Settings(chat_backend="hf", hf_model=str(base), hf_adapter=out, data_dir=tmp_path,
                 embedding="minilm", max_tokens=24)
    reply = make_companion(s).invoke({"messages": [HumanMessage("I feel so lonely tonight.")],
                                      "user_id": "Lin", "today": "2023-05-01"})
    assert reply["messages"][-1].text.strip()


def test_finetune_command(base, tmp_path):
    data = tmp_path / "few.jsonl"
    data.write_text("\n".join((DATA / "empathy_cn.jsonl").read_text(encoding="utf-8")
                              .splitlines()[:4]), encoding="utf-8")
    result = CliRunner().invoke(app, ["finetune", "--data", str(data), "--base", str(base),
                                      "--out", str(tmp_path / "lora"), "--epochs", "1",
                                      "--r", "4", "--max-length", "256"])
    assert result.exit_code == 0, result.output
    assert "saved the adapter" in result.output
    assert (tmp_path / "lora" / "adapter_config.json").exists()
    bad = CliRunner().invoke(app, ["finetune", "--data", str(tmp_path / "none.jsonl"),
                                   "--out", str(tmp_path / "x")])
    assert bad.exit_code == 1 and "cannot read" in bad.output


@pytest.mark.parametrize("lang", ["en", "cn"])
def test_the_memory_grounded_sets_load_and_their_replies_use_the_memory(lang):
    """The LoRA data for replies that use what is remembered: chat records whose system prompt
    is the app's own, held-out users apart, each dev reply holding its keywords."""
    train = load_dialogues(DATA / f"grounded_{lang}.jsonl")
    dev_path = DATA / f"grounded_dev_{lang}.jsonl"
    dev = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines()]
    assert len(train) >= 150 and len(dev) >= 25 and len(load_dialogues(dev_path)) == len(dev)
    head = "你是硅基朋友" if lang == "cn" else "You are SiliconFriend"
    assert all(d[0]["role"] == "system" and d[0]["content"].startswith(head) for d in train)
    who = re.compile(r"你是硅基朋友，(.+?)温暖贴心" if lang == "cn" else r"SiliconFriend, (.+?)'s warm")
    train_users = {who.search(d[0]["content"]).group(1) for d in train}
    for r in dev:
        reply = r["messages"][-1]["content"]
        assert r["kind"] in ("memory", "not_remembered", "feeling")
        assert all(k in reply for k in r["keywords"]) and bool(r["keywords"]) == \
            (r["kind"] == "memory")
        assert who.search(r["messages"][0]["content"]).group(1) not in train_users
