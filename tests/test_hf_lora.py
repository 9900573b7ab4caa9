"""The `hf` backend with a PEFT LoRA adapter, as the original's ChatGLM/BELLE + LoRA: a fixture
trains an adapter for a few steps on the bundled model and saves it; the factory loads it."""
from __future__ import annotations

import pytest
import torch
from langchain_core.messages import HumanMessage

from app.chat_models import ChatModelConfigError, make_chat_model
from app.companion import make_companion
from app.settings import Settings

CONFIDE = "I feel so lonely since I moved to a new city."
CARING = "I'm here with you. Moving is hard; would you like to tell me what you miss most?"


@pytest.fixture(scope="module")
def base_model(small_model):
    return small_model


@pytest.fixture(scope="module")
def adapter(base_model, tmp_path_factory):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.manual_seed(0)
    tok = AutoTokenizer.from_pretrained(base_model)
    model = get_peft_model(AutoModelForCausalLM.from_pretrained(base_model),
                           LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"],
                                      task_type="CAUSAL_LM"))
    text = tok.apply_chat_template([{"role": "user", "content": CONFIDE},
                                    {"role": "assistant", "content": CARING}], tokenize=False)
    batch = tok(text, return_tensors="pt")
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=5e-3)
    losses = []
    for _ in range(12):
        loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.item())
    assert losses[-1] < losses[0] / 2, losses
    out = tmp_path_factory.mktemp("lora")
    model.save_pretrained(out)
    return out


def greedy(**kw) -> Settings:
    return Settings(chat_backend="hf", temperature=0, max_tokens=20, **kw)


def test_the_adapter_loads_and_changes_the_model(base_model, adapter):
    from peft import PeftModel

    tuned = make_chat_model(greedy(hf_model=str(base_model), hf_adapter=adapter))
    plain = make_chat_model(greedy(hf_model=str(base_model)))
    assert isinstance(tuned.lm, PeftModel)
    ask = [HumanMessage(CONFIDE)]
    tuned_reply, plain_reply = tuned.invoke(ask).text, plain.invoke(ask).text
    assert tuned_reply.startswith("I'm here with you") and tuned_reply != plain_reply


def test_a_directory_without_an_adapter_is_refused(base_model, tmp_path):
    with pytest.raises(ChatModelConfigError, match="adapter_config.json"):
        make_chat_model(greedy(hf_model=str(base_model), hf_adapter=tmp_path))


def test_the_companion_answers_with_the_adapter(base_model, adapter, tmp_path):
    s = greedy(hf_model=str(base_model), hf_adapter=adapter, data_dir=tmp_path / "data",
               embedding="minilm")
    out = make_companion(s).invoke({"messages": [HumanMessage(CONFIDE)], "user_id": "Lin",
                                    "today": "2023-05-01"})
    assert out["messages"][-1].text.strip()
    assert out["remembered"] == "Lin_2023-05-01_0"
