"""A local transformers model as a LangChain chat model: chat template, streaming, the model's
own generation settings, stop strings, and background work that yields to replies.

A prompt that begins like a recent one (the same system prompt for the same user and day, the
same thread) reuses the attention states computed for it and only reads what is new: on a 2-core
machine reading the prompt is most of the wait for the first token.

Replies and reflection share one model and, on a small machine, the same cores. A call tagged
`background` (the reflection worker's) pauses between tokens while any reply is being generated,
so that a summary written in the background never slows the reply the user is waiting for.
"""
from __future__ import annotations

import copy
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, PrivateAttr

from app.bundled_models import Generation
from memory.background import BACKGROUND

_ROLES = {"system": "system", "human": "user", "ai": "assistant"}


def chat_turns(messages: list[BaseMessage]) -> list[dict]:
    """Messages as the role/content turns a chat template reads."""
    return [{"role": _ROLES.get(m.type, "user"), "content": m.text} for m in messages]


class LocalChatModel(BaseChatModel):
    """What the local runtimes share: the model's generation settings, replies that work in the
    background (calls tagged `background`) yields to, `openings=`: words a reply must begin
    with (its first token is one that begins with one of them; `not_next=`: words its second
    token may not begin with), `start=`: the very text a reply
    must begin with, and `doubts`: whether the model, asked, says its prompt does not hold an
    answer."""
    model_config = ConfigDict(arbitrary_types_allowed=True)
    takes_openings: bool = True  # `graph.nodes` passes `openings=` only to models that take it

    model_id: str
    generation: Generation = Generation()

    _replying: int = PrivateAttr(default=0)
    _idle: threading.Condition = PrivateAttr(default_factory=threading.Condition)

    @property
    def _identifying_params(self) -> dict:
        return {"model_id": self.model_id, **vars(self.generation)}

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs) -> ChatResult:
        text = "".join(c.text for c in self._stream(messages, stop, run_manager, **kwargs))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(text))])

    def doubts(self, messages: list[BaseMessage], yes: tuple[str, ...], no: tuple[str, ...],
               language: str) -> bool:
        """Whether the model, asked in `messages` whether its prompt holds the answer, leans to
        `no` over `yes` at its first word by more than its margin for `language`
        (`generation.decline_above`); never where it has none."""
        above = dict(self.generation.decline_above).get(language)
        return above is not None and self.leaning(messages, no, yes) > above

    def favour(self, text: str | None, asked: str, encode: Callable[[str], list[int]],
               decode: Callable[[int], str]) -> Callable | None:
        """A logits processor favouring the content words of `text` (`content_tokens`) by the
        model's `favour_bias` (None: no text, no such word, or no bias for this model)."""
        if not (text and self.generation.favour_bias):
            return None
        tokens = content_tokens(((i, decode(i)) for i in encode(text)), asked)
        return favouring(tokens, self.generation.favour_bias) if tokens else None

    def leaning(self, messages: list[BaseMessage], toward: tuple[str, ...],
                against: tuple[str, ...]) -> float:
        """The best first-word logit among tokens beginning with one of `toward` minus the best
        among those beginning with one of `against`."""
        raise NotImplementedError

    @contextmanager
    def replying(self, background: bool) -> Iterator[None]:
        """Counts a reply (not background work) as being written while the block runs."""
        if background:
            yield
            return
        with self._idle:
            self._replying += 1
        try:
            yield
        finally:
            with self._idle:
                self._replying -= 1
                self._idle.notify_all()

    def wait_for_replies(self) -> None:
        """Blocks while any reply is being generated (background work calls this per token)."""
        with self._idle:
            while self._replying:
                self._idle.wait(0.5)


def opening_tokens(vocabulary: Iterable[tuple[int, str]], openings: tuple[str, ...]) -> list[int]:
    """The tokens a reply that begins with one of `openings` can begin with: those whose text is
    an opening followed by no more letters of its word ("You", "Your", "你的"; not "Young")."""
    return [i for i, text in vocabulary
            if any(text.startswith(o) and not _LETTERS.match(text[len(o):]) for o in openings)]


_LETTERS = re.compile(r"[A-Za-z]")


def forced_start(tokens: list[int]) -> Callable[[Any, Any], Any]:
    """A logits processor that makes the reply's first tokens exactly `tokens`, then anything."""
    step: list[int] = []

    def process(input_ids, scores):
        if len(step) >= len(tokens):
            return scores
        kept = scores - float("inf")
        kept[..., tokens[len(step)]] = 0.0
        step.append(1)
        return kept
    return process


def next_tokens(vocabulary: Iterable[tuple[int, str]], words: tuple[str, ...]) -> list[int]:
    """The tokens that begin with one of `words`, after any spaces (" remember", "叫做")."""
    return [i for i, text in vocabulary if text.lstrip().startswith(words)]


def first_token_among(allowed: Sequence[int],
                      not_next: Sequence[int] = ()) -> Callable[[Any, Any], Any]:
    """A logits processor ((input ids, scores) -> scores, numpy or torch) that lets only the
    `allowed` tokens be written first, none of `not_next` second, and then anything."""
    step: list[int] = []

    def process(input_ids, scores):
        step.append(1)
        if len(step) == 1:
            kept = scores - float("inf")
            kept[..., allowed] = scores[..., allowed]
            return kept
        if len(step) == 2 and len(not_next):
            scores[..., list(not_next)] = -float("inf")
        return scores
    return process


# Words too common to favour: a reply full of "the" and 的 is no closer to the memory.
_COMMON = frozenset(
    "the and with that this for from you your yours have has had was were are about just what "
    "when where which who how then than them they their there been into very really some also "
    "but not all can will would could should one two out get got its it's too any our more "
    "to in of on at it is my we me so do go up as an or by be he no if us am"
    .split()) | frozenset("的了是我你他她它在和也就都很还有这那个一不吗呢吧啊呀么着过说跟把被给")
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[^\W_]+")


def content_tokens(pieces: Iterable[tuple[int, str]], asked: str) -> list[int]:
    """Of `pieces` ((token, text) of a memory's words, in order), those worth favouring in a
    reply: every piece of a word of two letters or more, or of a number, that is not among the
    commonest words and that the question does not say already; a Chinese piece alike on its own.
    A word is judged whole: " Z" + "anz" + "ibar" is Zanzibar, every piece of it favoured."""
    asked = asked.casefold()
    said = set(_WORD.findall(asked))
    words: list[tuple[str, list[int]]] = []
    for i, text in pieces:
        goes_on = (words and text[:1].isalnum() and words[-1][0][-1:].isalnum()
                   and not _CJK.search(text + words[-1][0]))
        if goes_on:
            words[-1] = (words[-1][0] + text, words[-1][1] + [i])
        else:
            words.append((text, [i]))
    kept: list[int] = []
    for text, ids in words:
        word = text.strip().casefold()
        if not word or word in _COMMON:
            continue
        if _CJK.search(word):
            wanted = word not in asked
        else:
            wanted = bool(_WORD.fullmatch(word)) and (len(word) >= 2 or word.isdigit()) \
                and word not in said
        kept += [i for i in ids if wanted and i not in kept]
    return kept


def favouring(tokens: Sequence[int], bias: float) -> Callable[[Any, Any], Any]:
    """A logits processor that adds `bias` to the `tokens` at every step: the words of the memory
    that answers, more likely than the model's guesses ("Abuja" for the "Accra" it was told)."""
    tokens = list(tokens)

    def process(input_ids, scores):
        scores[..., tokens] += bias
        return scores
    return process


class TransformersChat(LocalChatModel):
    lm: Any  # a transformers causal LM (a PeftModel with an adapter), in eval mode
    tokenizer: Any

    _prompts: "PromptCache" = PrivateAttr(default_factory=lambda: PromptCache())
    _openings: dict = PrivateAttr(default_factory=dict)  # openings -> the tokens they begin with

    @property
    def _llm_type(self) -> str:
        return "transformers"

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None,
                **kwargs) -> Iterator[ChatGenerationChunk]:
        from transformers import TextIteratorStreamer

        background = BACKGROUND in (run_manager.tags if run_manager else [])
        stops = tuple(self.generation.stop) + tuple(stop or ())
        inputs = self.tokenizer.apply_chat_template(
            chat_turns(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True)
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        failure: list[BaseException] = []
        control = _Control(self, background)
        past = self._prompts.lookup(inputs["input_ids"][0].tolist())

        def work() -> None:
            try:
                out = self.lm.generate(**inputs, **self._settings(stops, control,
                                                                   kwargs.get("max_tokens")),
                                       **self._first(kwargs.get("openings"), kwargs.get("start"),
                                                     kwargs.get("not_next", ()),
                                                     self.favour(
                                                         kwargs.get("favour"), messages[-1].text,
                                                         self._encode, self.tokenizer.decode)),
                                       cache=past, streamer=streamer)
                self._prompts.keep(out[0, :past.get_seq_length()].tolist(), past)
            except BaseException as e:  # reported to the reader below, never lost in the thread
                failure.append(e)
                streamer.end()

        worker = threading.Thread(target=work, daemon=True)
        with self.replying(background):
            worker.start()
            try:
                for piece in wrapped_up(_until_stop(streamer, stops), kwargs.get("wrap_up")):
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=piece))
                    if run_manager:
                        run_manager.on_llm_new_token(piece, chunk=chunk)
                    yield chunk
            finally:
                control.cancelled.set()  # a reader that stopped early stops the generation too
                worker.join()
        if failure:
            raise failure[0]

    def _first(self, openings: tuple[str, ...] | None, start: str | None = None,
               not_next: tuple[str, ...] = (), favour: Callable | None = None) -> dict:
        """generate's logits processors that make the reply begin with `start`, or else with one
        of `openings` followed by none of `not_next`; and `favour`, if given."""
        if start:
            process = forced_start(self.tokenizer.encode(start, add_special_tokens=False))
        elif openings:
            process = first_token_among(self._tokens(openings), self._tokens(not_next, next_tokens))
        else:
            process = None
        if not (process or favour):
            return {}
        from transformers import LogitsProcessor, LogitsProcessorList

        def step(p: Callable) -> LogitsProcessor:
            class Step(LogitsProcessor):
                __call__ = staticmethod(p)
            return Step()
        return {"logits_processor": LogitsProcessorList([step(p) for p in (process, favour) if p])}

    def _encode(self, text: str) -> list[int]:
        return self.tokenizer.encode(text, add_special_tokens=False)

    def _tokens(self, words: tuple[str, ...], match: Callable = opening_tokens) -> list[int]:
        if not words:
            return []
        if (words, match) not in self._openings:  # a pass over the vocabulary, once
            self._openings[words, match] = match(
                ((i, self.tokenizer.decode([i])) for i in range(len(self.tokenizer))), words)
        return self._openings[words, match]

    def leaning(self, messages: list[BaseMessage], toward: tuple[str, ...],
                against: tuple[str, ...]) -> float:
        import torch

        inputs = self.tokenizer.apply_chat_template(
            chat_turns(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True)
        with self.replying(False), torch.inference_mode():
            logits = self.lm(**inputs).logits[0, -1]
        return float(logits[self._tokens(toward)].max() - logits[self._tokens(against)].max())

    def _settings(self, stops: tuple[str, ...], control: "_Control",
                  max_tokens: int | None = None) -> dict:
        from transformers import StoppingCriteriaList

        g = self.generation
        sample = g.temperature > 0
        eos = self.lm.generation_config.eos_token_id
        return dict(max_new_tokens=max_tokens or g.max_new_tokens, do_sample=sample,
                    temperature=g.temperature if sample else None,
                    top_p=g.top_p if sample else None, top_k=None,
                    repetition_penalty=g.repetition_penalty,
                    pad_token_id=self.tokenizer.pad_token_id or
                    (eos[0] if isinstance(eos, list) else eos),
                    stop_strings=list(stops) or None, tokenizer=self.tokenizer,
                    stopping_criteria=StoppingCriteriaList([control]))


class PromptCache:
    """Attention states (a transformers DynamicCache) of the last few token sequences the model
    read. `lookup` gives a copy cut to the longest prefix a new prompt shares with one of them
    (an empty cache if none), which `generate` then extends; `keep` stores it afterwards."""

    def __init__(self, size: int = 6) -> None:
        self.size = size  # each entry holds ~12 KB per token for the bundled 0.5B model
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[int, ...], Any] = OrderedDict()
        self.reused = 0  # tokens the last lookup did not have to read again

    def lookup(self, ids: list[int]):
        from transformers import DynamicCache

        with self._lock:
            best, shared = None, 0
            for key in self._entries:
                n = _common_prefix(key, ids)
                if n > shared:
                    best, shared = key, n
            shared = min(shared, len(ids) - 1)  # generate must read at least one token
            self.reused = shared if best is not None and shared > 0 else 0
            if not self.reused:
                return DynamicCache()
            self._entries.move_to_end(best)
            past = copy.deepcopy(self._entries[best])
        extra = past.get_seq_length() - shared
        if extra > 0:
            past.crop(-extra)
        return past

    def keep(self, ids: list[int], past) -> None:
        if not ids:
            return
        with self._lock:
            self._entries[tuple(ids)] = past
            self._entries.move_to_end(tuple(ids))
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)


def _common_prefix(a: tuple[int, ...], b: list[int]) -> int:
    n = min(len(a), len(b))
    for i in range(n):
        if a[i] != b[i]:
            return i
    return n


class _Control:
    """A stopping criterion checked after each token: it stops a generation whose reader has
    gone, and pauses background generation while a reply is being written."""

    def __init__(self, chat: TransformersChat, background: bool) -> None:
        self.chat, self.background = chat, background
        self.cancelled = threading.Event()

    def __call__(self, input_ids, scores, **kwargs):
        import torch

        if self.background:
            self.chat.wait_for_replies()
        stop = self.cancelled.is_set()
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)


_ENDS_SENTENCE = re.compile(r"(?:[。！？]|(?<!\d)[.!?])[\"'”’)）]*\s*$")


def wrapped_up(pieces: Iterable[str], after: int | None) -> Iterator[str]:
    """A reply's pieces as written until, `after` characters in, one ends a sentence (None: all
    of them): a recap tells a few of its memories, not every one at length."""
    written = 0
    for piece in pieces:
        yield piece
        written += len(piece)
        if after and written >= after and _ENDS_SENTENCE.search(piece):
            return


def _until_stop(pieces: Iterator[str], stops: tuple[str, ...]) -> Iterator[str]:
    """Passes text through until a stop string, which is cut with everything after it. Text that
    could be the start of a stop string is held back until the next piece tells."""
    held = ""
    for piece in pieces:
        held += piece
        cut = min((i for i in (held.find(s) for s in stops) if i >= 0), default=-1)
        if cut >= 0:
            if held[:cut]:
                yield held[:cut]
            return
        keep = max((n for s in stops for n in range(len(s) - 1, 0, -1)
                    if held.endswith(s[:n])), default=0)
        if len(held) > keep:
            yield held[:len(held) - keep]
            held = held[len(held) - keep:]
    if held:
        yield held
