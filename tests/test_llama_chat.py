"""The bundled model on llama.cpp, as the app runs it: from its verified GGUF with no dequantized
copy; a summary written in the background waits while a reply is written (and reads its prompt
in slices that wait too, writing what a reading at once writes); a reader that stops early leaves
the model ready; a LoRA adapter on a bundled model goes to transformers; loading it leaves the
heap cleared as before and no copy of the file mapped beside the weights."""
from __future__ import annotations

import ctypes
import sys
import threading
import time
from dataclasses import replace

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.messages import HumanMessage, SystemMessage

from app.bundled_models import MODELS
from app.chat_models import make_chat_model
from app.llama_chat import LlamaCppChat, _codec, yielding
from app.local_chat import TransformersChat, content_tokens, favouring, first_token_among, \
    next_tokens, wrapped_up
from app.settings import Settings
from memory.background import BACKGROUND
from memory.store.erasure import heap_scrub_paused

STORY = [SystemMessage("You are a storyteller."),
         HumanMessage("Tell me a long story about a lighthouse keeper and her dog.")]


@pytest.fixture(scope="module")
def llama(bundled_models) -> LlamaCppChat:
    chat = make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local",
                                    local_model="qwen2.5-0.5b"))
    assert isinstance(chat, LlamaCppChat)
    return chat


def test_the_bundled_model_runs_from_its_verified_gguf(tmp_path):
    """No dequantized copy is made; a cached GGUF of the wrong size is joined and checked again."""
    model = MODELS["qwen2.5-0.5b"]
    s = Settings(data_dir=tmp_path, chat_backend="local", local_model=model.name, max_tokens=8)
    chat = make_chat_model(s)
    gguf = tmp_path / "models" / f"{model.name}.gguf"
    assert chat.path == gguf and gguf.stat().st_size == model.size
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == [gguf.name]
    assert chat.invoke([HumanMessage("Hello!")]).text.strip()
    with gguf.open("r+b") as f:
        f.truncate(1000)
    assert make_chat_model(s).path.stat().st_size == model.size


def _fresh_allocation() -> bytes:
    """The first bytes of a new 64 MB allocation: 0x5a throughout while M_PERTURB is 0xa5."""
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    p = libc.malloc(64 << 20)
    try:
        return ctypes.string_at(p, 8)
    finally:
        libc.free(ctypes.c_void_p(p))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's M_PERTURB")
def test_the_heap_is_cleared_again_once_the_model_has_its_buffers(bundled_models):
    """M_PERTURB (memory.store) fills every new allocation; paused while llama.cpp allocates
    (it would write every page of the model's buffers at once), then on again: a context
    opened later, for the background, leaves it on too. The weights are read, not mapped."""
    assert _fresh_allocation() == b"\x5a" * 8  # filled: the scrub is on
    with heap_scrub_paused():
        assert _fresh_allocation() != b"\x5a" * 8  # left as it was
    chat = make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local",
                                    local_model="qwen2.5-0.5b", max_tokens=4))
    assert _fresh_allocation() == b"\x5a" * 8
    chat.invoke([HumanMessage("Summarize: we went hiking.")], config={"tags": [BACKGROUND]})
    assert chat._context(background=True)[0].n_tokens > 0
    assert _fresh_allocation() == b"\x5a" * 8
    with open("/proc/self/maps") as maps:
        assert str(chat.path) not in maps.read()


class _Clock(BaseCallbackHandler):
    """When each piece of a generation came."""

    def __init__(self) -> None:
        self.times: list[float] = []

    def on_llm_new_token(self, token: str, **kwargs) -> None:
        self.times.append(time.monotonic())


def test_a_background_summary_waits_while_a_reply_is_written(llama):
    """The reflector's call (invoke, tagged background) pauses between tokens for a reply."""
    story = _Clock()
    worker = threading.Thread(target=lambda: llama.invoke(
        STORY, config={"tags": [BACKGROUND], "callbacks": [story]}))
    worker.start()
    while not story.times and worker.is_alive():
        time.sleep(0.05)
    reply = []
    for chunk in llama.stream([HumanMessage("What is a good name for a kitten?")]):
        reply.append((time.monotonic(), chunk.text))
    worker.join()
    assert "".join(text for _, text in reply).strip()
    first, last = reply[0][0], reply[-1][0]
    assert not [t for t in story.times if first <= t <= last], "the summary went on meanwhile"
    assert [t for t in story.times if t > last], "the summary did not resume after the reply"


def test_the_background_context_reads_in_its_own_context_when_the_reply_ones_is_wrapped(
        bundled_models):
    """A wrapper set on the reply context's `eval` (a benchmark counting the tokens read) is not
    copied into the background context: it would read there in the reply's context, and two
    threads reading one context at once abort the process."""
    chat = make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local",
                                    local_model="qwen2.5-0.5b", max_tokens=4))
    reply_llm, _ = chat._context(background=False)
    read, evaluate = [], reply_llm.eval
    reply_llm.eval = lambda tokens: (read.append(len(tokens)), evaluate(tokens))[1]
    chat.invoke([HumanMessage("Summarize: we went hiking.")], config={"tags": [BACKGROUND]})
    background, _ = chat._context(background=True)
    assert read == [] and background.n_tokens > 0 and reply_llm.n_tokens == 0
    chat.invoke([HumanMessage("Hello!")])
    assert read and reply_llm.n_tokens > 0


def test_a_reader_that_stops_early_leaves_the_model_ready(llama):
    for _ in llama.stream(STORY):
        break  # the reader goes away after the first piece
    done = []
    asker = threading.Thread(target=lambda: done.append(
        llama.invoke([HumanMessage("Say hello in one word.")]).text))
    asker.start()
    asker.join(timeout=120)
    assert done and done[0].strip(), "the model stayed busy with the abandoned reply"


def test_a_calls_own_length_budget_replaces_the_models(llama):
    """`max_tokens=` on a call (an overall summary's longer budget) is the length of that
    reply alone: the story runs to it, and the next call has the model's own budget again."""
    endless = llama.model_copy(update={"endless": True, "generation": replace(
        llama.generation, temperature=0.0, max_new_tokens=8)})
    count = lambda text: len(endless._context(False)[0].tokenize(  # noqa: E731
        text.encode("utf-8"), add_bos=False, special=False))
    assert abs(count(endless.invoke(STORY, max_tokens=30).text) - 30) <= 2
    assert abs(count(endless.invoke(STORY).text) - 8) <= 2


def test_a_reply_wrapped_up_ends_at_the_first_sentence_end_past_its_length(llama):
    """`wrap_up=` (a recap's): the reply runs past that many characters to the end of a
    sentence, then stops, the stream and the generation with it; without it the model writes
    on to its own budget (no end of turn here)."""
    endless = llama.model_copy(update={"endless": True, "generation": replace(
        llama.generation, temperature=0.0, max_new_tokens=80)})
    whole = endless.invoke(STORY).text
    short = endless.invoke(STORY, wrap_up=40).text
    assert len(short) >= 40 and short.rstrip()[-1] in ".!?" and whole.startswith(short), short
    assert len(short) < len(whole), (short, whole)
    cut = [i for i in range(40, len(whole)) if whole[i - 1] in ".!?" and
           (i == len(whole) or whole[i] in " \n\"'")]
    assert cut and len(short) <= cut[0] + 2, (short, whole)  # the first sentence end past 40


def test_wrapping_up_counts_what_was_written_and_skips_numbers():
    pieces = ["You went", " hiking on May", " 3.", "5 miles", " of trail.", " Then you", " rested."]
    assert list(wrapped_up(pieces, 20)) == pieces[:5]
    assert list(wrapped_up(pieces, None)) == pieces
    assert list(wrapped_up(["你去爬山了。", "还去了公园。", "然后休息了。"], 7)) == ["你去爬山了。", "还去了公园。"]


class _Pieces(BaseCallbackHandler):
    def __init__(self) -> None:
        self.pieces: list[str] = []

    def on_llm_new_token(self, token: str, **kwargs) -> None:
        self.pieces.append(token)


def _greedy_streamed(llama, messages, **kwargs) -> tuple[LlamaCppChat, str]:
    """A greedy 24-token reply, checked to be what was streamed."""
    greedy = llama.model_copy(update={"generation": replace(llama.generation, temperature=0.0,
                                                             max_new_tokens=24)})
    seen = _Pieces()
    reply = greedy.invoke(messages, config={"callbacks": [seen]}, **kwargs).text
    assert "".join(seen.pieces) == reply
    return greedy, reply


@pytest.mark.parametrize("openings, asked", [
    (("You", "Your"), "What is my cat called, and where do I live?"),
    (("你",), "我的猫叫什么？我住在哪里？")])
def test_a_reply_begins_with_one_of_the_openings_it_is_given(llama, openings, asked):
    """`openings=`: the reply's first token begins with one of them ("Your", not "You" then
    "r"), and the model writes on from there, streaming as usual."""
    facts = SystemMessage("You are SiliconFriend, a kind friend. Emily's cat is called Mochi; "
                          "Emily lives in Leeds.")
    greedy, reply = _greedy_streamed(llama, [facts, HumanMessage(asked)], openings=openings)
    assert reply.startswith(openings), reply
    assert "Mochi" in reply or "Leeds" in reply, reply
    for word in ("Young", "YouTube"):  # begins with "You", but is not the word
        assert not reply.startswith(word)
    # the vocabulary read for the openings: every token of "You"/"Your", none of "Young"
    tokens = greedy._tokens(greedy._contexts["reply"][0], openings)  # read once, then kept
    texts = {greedy._contexts["reply"][0].detokenize([t]).decode() for t in tokens}
    assert set(openings) <= texts and not any(t.startswith(("Young", "YouTube")) for t in texts)


def test_the_word_after_the_opening_can_be_held_off(llama):
    """`not_next=`: the reply's second token begins with none of those words; the model writes
    something else there and goes on."""
    greedy = llama.model_copy(update={"generation": replace(llama.generation, temperature=0.0,
                                                             max_new_tokens=16)})
    asked = [SystemMessage("You are SiliconFriend, a kind friend. Last week you recommended the "
                           "novel Stoner to Emily."),
             HumanMessage("Which novel did you recommend to me?")]

    def tokens(**kwargs) -> list[str]:  # the reply as streamed, one piece per token
        seen = _Pieces()
        greedy.invoke(asked, config={"callbacks": [seen]}, openings=("I",), **kwargs)
        return seen.pieces
    free = tokens()
    second = free[1].strip()
    assert free[0].startswith("I") and second, free
    held = tokens(not_next=(second,))
    assert held[0] == free[0] and len(held) > 2, held
    assert not held[1].strip().startswith(second), (free, held)


def test_the_first_token_is_held_to_the_openings_and_the_second_off_the_words():
    import numpy as np

    process = first_token_among([1, 2], not_next=[3])
    scores = np.arange(5, dtype=np.float32)
    first = process(None, scores.copy())
    assert np.isinf(first[[0, 3, 4]]).all() and (first[[1, 2]] == [1, 2]).all()
    second = process(None, scores.copy())
    assert np.isinf(second[3]) and (second[[0, 1, 2, 4]] == [0, 1, 2, 4]).all()
    assert (process(None, scores.copy()) == scores).all()  # then anything


def test_the_words_favoured_are_the_memorys_own_and_not_the_questions():
    import numpy as np

    pieces = [(1, " Acc"), (2, "ra"), (3, " the"), (4, " plot"), (5, " 47"), (6, "的"),
              (7, "三百八"), (8, " my"), (9, " Plot"), (10, ","), (11, "你"), (12, " 7"), (1, " Acc"),
              (2, "ra"), (13, "三"), (14, " Z"), (15, "anz"), (16, " garden"), (17, "ers")]
    # names (every piece: " Z" + "anz" is a word), numbers, Chinese words; not "the"/的/你,
    # punctuation, nor what the question says already (any case; "gardeners" is not "garden"),
    # each once
    assert content_tokens(pieces, "Which garden PLOT is mine? 三") == [1, 2, 5, 7, 12, 14, 15,
                                                                      16, 17]
    process = favouring([1, 3], 2.5)
    scores = np.zeros(5, dtype=np.float32)
    scores[3] = -np.inf  # a token held off by another processor stays held off
    for _ in range(2):  # at every step
        scores = process(None, scores)
    assert scores[1] == 5.0 and np.isinf(scores[3]) and (scores[[0, 2, 4]] == 0).all()


def test_a_favoured_memory_word_is_written_where_the_model_guessed(llama):
    """`favour=` with the model's bias: the real tokenizer's pieces of the memory's content words
    (not the question's, not "in"/"the") are favoured, and the reply takes the memory's city
    (without the bias, the greedy 0.5B named Abuja when this was written); a model with no bias
    ignores `favour=`."""
    greedy = llama.model_copy(update={"generation": replace(
        llama.generation, temperature=0.0, max_new_tokens=24, favour_bias=3.0)})
    llm = greedy._context(background=False)[0]
    told = "Your cousin Efua is getting married in Accra in August."
    encode, decode = _codec(llm)
    favoured = {decode(t).strip() for t in content_tokens(
        ((i, decode(i)) for i in encode(told)), "Which city is my cousin's wedding in?")}
    assert {"Efua", "Accra", "August"} <= {w for w in told.rstrip(".").split()
                                            if any(p and p in w for p in favoured)}, favoured
    assert not favoured & {"cousin", "in", "is", "Your", "city", "wedding"}, favoured
    asked = [SystemMessage("You are SiliconFriend, Amara's friend. What you remember:\n"
                           "- On 2025-03-31, Amara told you: There was a testing conference in "
                           "Abuja you thought about attending, but you'll skip it.\n"
                           "- On 2025-03-18, Amara told you: " + told),
             HumanMessage("I'm saving for a family celebration abroad. Which city is it in?")]
    nudged = greedy.invoke(asked, favour=told).text
    assert "Accra" in nudged, nudged
    unbiased = greedy.model_copy(update={"generation": replace(greedy.generation, favour_bias=0.0)})
    assert unbiased.invoke(asked, favour=told).text == unbiased.invoke(asked).text


def test_the_favour_bias_is_the_models_own_unless_set(bundled_models):
    def bias(**settings) -> float:
        return make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local",
                                        **settings)).generation.favour_bias
    assert bias() == MODELS["qwen2.5-1.5b"].generation.favour_bias > 0  # the default model's
    assert bias(favour_bias=0) == 0.0 and bias(local_model="qwen2.5-0.5b") == 0.0
    assert bias(local_model="qwen2.5-0.5b", favour_bias=1.5) == 1.5


def test_the_tokens_a_word_held_off_covers():
    vocabulary = list(enumerate([" remember", "remembered", " Remember", " rem", "叫", "叫做",
                                 "我叫", " recall"]))
    assert next_tokens(vocabulary, ("remember", "叫")) == [0, 1, 4, 5]
    assert next_tokens(vocabulary, ()) == []


@pytest.mark.parametrize("start, asked", [
    ("I don't think you've told me", "Which vet did I take my cat to?"),
    ("你好像还没跟我说过", "我的猫在哪家医院看的病？")])
def test_a_reply_begins_with_the_text_it_is_given_and_goes_on(llama, start, asked):
    """`start=`: the reply is that text, streamed like the rest, and the model goes on from it."""
    facts = SystemMessage("You are SiliconFriend, a kind friend. Emily's cat is called Mochi.")
    _, reply = _greedy_streamed(llama, [facts, HumanMessage(asked)], start=start)
    assert reply.startswith(start), reply
    assert len(reply.strip()) > len(start) + 1, reply  # it went on


def test_the_model_leans_to_the_answer_its_prompt_supports(llama):
    """`leaning`: the first-word logit of one set of words over another, read without writing a
    reply; asked whether the prompt holds an answer, it leans to yes when it does."""
    def asked(facts: str) -> list:
        return [SystemMessage(f"You are SiliconFriend. What you remember: {facts}"),
                HumanMessage("What is my cat called?\n\nBefore you answer: do the memories "
                             "above contain the answer to this question? Reply with only yes "
                             "or no.")]
    told = llama.leaning(asked("Emily's cat is called Mochi."), ("yes", "Yes"), ("no", "No"))
    untold = llama.leaning(asked("Emily went hiking in Wales in May."), ("yes", "Yes"),
                           ("no", "No"))
    assert told > untold, (told, untold)
    assert llama.leaning(asked("x"), ("no",), ("yes",)) == pytest.approx(
        -llama.leaning(asked("x"), ("yes",), ("no",)), abs=1e-4)
    # with a margin set, `doubts` is that leaning to no over the margin; with none, never
    wary = llama.model_copy(update={"generation": replace(
        llama.generation, decline_above=(("en", -100.0),))})
    assert wary.doubts(asked("Emily went hiking."), ("yes", "Yes"), ("no", "No"), "en")
    assert not wary.doubts(asked("Emily went hiking."), ("yes", "Yes"), ("no", "No"), "cn")
    sure = wary.model_copy(update={"generation": replace(wary.generation, decline_above=(
        ("en", 100.0),))})
    assert not sure.doubts(asked("Emily went hiking."), ("yes", "Yes"), ("no", "No"), "en")


def test_a_lora_adapter_on_a_bundled_model_runs_on_transformers(small_model, tmp_path):
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    adapter = tmp_path / "adapter"
    get_peft_model(AutoModelForCausalLM.from_pretrained(small_model),
                   LoraConfig(r=4, target_modules=["q_proj"], task_type="CAUSAL_LM")
                   ).save_pretrained(adapter)
    chat = make_chat_model(Settings(data_dir=small_model.parent.parent, chat_backend="local",
                                    local_model="smollm2-135m", local_adapter=str(adapter),
                                    max_tokens=8))
    assert isinstance(chat, TransformersChat) and type(chat.lm).__name__ == "PeftModelForCausalLM"
    assert chat.invoke([HumanMessage("Hello!")]).text.strip()
    begun = chat.invoke([HumanMessage("What is my name?")], openings=("Your",)).text
    assert begun.startswith("Your"), begun
    greedy = chat.model_copy(update={"generation": replace(chat.generation, temperature=0.0)})
    free = greedy.invoke([HumanMessage("What is my name?")], openings=("Your",)).text
    word = free[len("Your"):].split()[0]  # what came next, held off the second time
    held = greedy.invoke([HumanMessage("What is my name?")], openings=("Your",),
                         not_next=(word,)).text
    assert held.startswith("Your") and not held[len("Your"):].lstrip().startswith(word), held
    started = chat.invoke([HumanMessage("What is my name?")], start="I don't think").text
    assert started.startswith("I don't think"), started
    # a memory's words favoured on transformers too, with the opening held
    nudged = greedy.model_copy(update={"generation": replace(greedy.generation, favour_bias=8.0)})
    named = nudged.invoke([HumanMessage("What is my name?")], openings=("Your",),
                          favour="Your name is Zanzibar.").text
    assert named.startswith("Your") and "Zan" in named and "Zan" not in free, (named, free)
    ask = [HumanMessage("Is the sky blue? Reply with only yes or no.")]
    assert chat.leaning(ask, ("yes", "Yes"), ("no", "No")) == pytest.approx(
        -chat.leaning(ask, ("no", "No"), ("yes", "Yes")), abs=1e-3)


def test_a_background_prompt_is_read_in_slices_that_first_wait_for_replies():
    calls = []
    evaluate = yielding(lambda tokens: calls.append(list(tokens)), lambda: calls.append("wait"),
                        step=3)
    evaluate(range(7))
    assert calls == ["wait", [0, 1, 2], "wait", [3, 4, 5], "wait", [6]]


def test_reading_in_slices_writes_what_reading_at_once_writes(llama):
    greedy = llama.model_copy(update={"generation": replace(llama.generation, temperature=0.0,
                                                             max_new_tokens=24)})
    asked = [SystemMessage("You are SiliconFriend, a kind friend. Emily's cat is called Mochi; "
                           "Emily lives in Leeds, works as a nurse and swims on Sundays."),
             HumanMessage("What is my cat called, and where do I live?")]
    in_slices = greedy.invoke(asked, config={"tags": [BACKGROUND]}).text
    assert in_slices.strip() and greedy.invoke(asked).text == in_slices
