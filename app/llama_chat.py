"""A bundled GGUF model run by llama.cpp (llama-cpp-python) as a LangChain chat model.

llama.cpp computes with the 4-bit weights as they are, so the bundled models need no
dequantized copy, and on a small CPU it writes several times faster than transformers in
bfloat16, more so when the machine is busy, though it reads a prompt slower (BENCHMARKS.md).

Replies and reflection each get their own llama.cpp context over one loaded copy of the
weights: a context is one conversation's attention state, so a summary written in the background
neither waits for a reply's context nor spoils the prefix it keeps. A call tagged `background`
(the reflection worker's) pauses while a reply is being written: between the tokens it writes,
and between slices of the prompt it reads, since reading a summary's long prompt in one piece
would hold both cores for seconds. Within a context a prompt that begins like the last one only
reads what is new (llama.cpp keeps the prefix).
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk
from pydantic import PrivateAttr

from app.local_chat import LocalChatModel, chat_turns, first_token_among, forced_start, \
    next_tokens, opening_tokens, wrapped_up
from memory.background import BACKGROUND
from memory.store.erasure import heap_scrub_paused


def default_threads() -> int:
    return max(1, min(8, os.cpu_count() or 1))


class LlamaCppChat(LocalChatModel):
    path: Path  # a verified GGUF file
    threads: int = default_threads()
    context: int = 4096  # tokens of prompt and reply together
    endless: bool = False  # for benchmarks: replies of exactly max_new_tokens (no end of turn)

    _contexts: dict = PrivateAttr(default_factory=dict)  # "reply" / "background" -> (Llama, lock)
    _guard: threading.Lock = PrivateAttr(default_factory=threading.Lock)
    _openings: dict = PrivateAttr(default_factory=dict)  # openings -> the tokens they begin with

    @property
    def _llm_type(self) -> str:
        return "llama.cpp"

    def load(self) -> "LlamaCppChat":
        """Opens the reply context now rather than at the first message."""
        self._context(background=False)
        return self

    def _context(self, background: bool) -> tuple[Any, threading.Lock]:
        with self._guard:
            if "reply" not in self._contexts:
                self._contexts["reply"] = (_open(self.path, self.threads, self.context),
                                           threading.Lock())
            if background and "background" not in self._contexts:
                with heap_scrub_paused():  # its buffers: see _open
                    llm = _sibling(self._contexts["reply"][0])
                llm.eval = yielding(llm.eval, self.wait_for_replies)
                self._contexts["background"] = (llm, threading.Lock())
            return self._contexts["background" if background else "reply"]

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None,
                **kwargs) -> Iterator[ChatGenerationChunk]:
        background = BACKGROUND in (run_manager.tags if run_manager else [])
        g = self.generation
        llm, lock = self._context(background)
        from llama_cpp import LogitsProcessorList  # imported by _open first (its threads' policy)

        # (logits processors, not logit_bias: llama-cpp-python drops both when given both)
        processors = [p for p in (_ends(llm) if self.endless else None,
                                  self._first(llm, kwargs.get("openings"), kwargs.get("start"),
                                              kwargs.get("not_next", ())),
                                  self.favour(kwargs.get("favour"), messages[-1].text,
                                              *_codec(llm)))
                      if p]
        with self.replying(background), lock:  # one conversation at a time per context
            pieces = llm.create_chat_completion(
                chat_turns(messages), stream=True,
                max_tokens=kwargs.get("max_tokens") or g.max_new_tokens,
                temperature=g.temperature, top_p=g.top_p, top_k=0, min_p=0.0,
                repeat_penalty=g.repetition_penalty, stop=list(g.stop) + list(stop or ()),
                seed=0, logits_processor=LogitsProcessorList(processors) if processors else None)
            def texts() -> Iterator[str]:
                for part in pieces:
                    if text := part["choices"][0]["delta"].get("content"):
                        yield text
                    if background:
                        self.wait_for_replies()
            try:
                for text in wrapped_up(texts(), kwargs.get("wrap_up")):
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                    if run_manager:
                        run_manager.on_llm_new_token(text, chunk=chunk)
                    yield chunk
            finally:
                pieces.close()  # a reader that stopped early stops the generation too

    def _first(self, llm, openings: tuple[str, ...] | None, start: str | None = None,
               not_next: tuple[str, ...] = ()):
        """A logits processor that makes the reply begin with `start`, or else with one of
        `openings` followed by none of `not_next` (None: neither)."""
        if start:
            return forced_start(llm.tokenize(start.encode("utf-8"), add_bos=False, special=False))
        return first_token_among(self._tokens(llm, openings),
                                 self._tokens(llm, not_next, next_tokens)) if openings else None

    def _tokens(self, llm, words: tuple[str, ...], match: Callable = opening_tokens) -> list[int]:
        if not words:
            return []
        with self._guard:
            if (words, match) not in self._openings:  # a pass over the vocabulary, once
                self._openings[words, match] = match(
                    ((i, _text(llm, i)) for i in range(llm.n_vocab())), words)
            return self._openings[words, match]

    def leaning(self, messages: list[BaseMessage], toward: tuple[str, ...],
                against: tuple[str, ...]) -> float:
        # In the reply context: the reply that follows shares this prompt's beginning, so
        # llama.cpp reads only what differs (the check's own words) once more.
        llm, lock = self._context(background=False)
        from llama_cpp import LogitsProcessorList

        a, b = self._tokens(llm, toward), self._tokens(llm, against)
        seen: list[float] = []

        def look(input_ids, scores):
            if not seen:
                seen.append(float(scores[a].max() - scores[b].max()))
            return scores
        with self.replying(False), lock:
            llm.create_chat_completion(chat_turns(messages), max_tokens=1, temperature=0.0,
                                       logits_processor=LogitsProcessorList([look]))
        return seen[0]


def _codec(llm) -> tuple[Callable[[str], list[int]], Callable[[int], str]]:
    """Text to `llm`'s tokens, and a token to its text."""
    return (lambda text: llm.tokenize(text.encode("utf-8"), add_bos=False, special=False),
            lambda token: _text(llm, token))


def _text(llm, token: int) -> str:
    try:
        return llm.detokenize([token]).decode("utf-8")
    except UnicodeDecodeError:  # a piece of a character: never an opening
        return ""


def yielding(evaluate: Callable[[Sequence[int]], None], wait: Callable[[], None],
             step: int = 32) -> Callable[[Sequence[int]], None]:
    """`evaluate` (llama.cpp's, which extends the context by the tokens it is given) in slices of
    `step` tokens, calling `wait` before each: a slice short enough that a reply waits little."""
    def evaluate_in_slices(tokens: Sequence[int]) -> None:
        tokens = list(tokens)
        for i in range(0, len(tokens), step):
            wait()
            evaluate(tokens[i:i + step])
    return evaluate_in_slices


def _ends(llm) -> Callable[[Any, Any], Any]:
    """A logits processor that bans every token that ends a turn."""
    ends = {llm.token_eos()}
    for text in (b"<|im_end|>", b"<|endoftext|>"):
        ids = llm.tokenize(text, add_bos=False, special=True)
        if len(ids) == 1:
            ends.add(ids[0])
    ends = sorted(ends)

    def ban(input_ids, scores):
        scores = scores.copy()
        scores[ends] = -1e9
        return scores
    return ban


def _sibling(llm):
    """Another llama.cpp context over the model `llm` has loaded, for a second conversation: a
    second `Llama` would load (and repack) the weights again, as much memory once more.
    llama-cpp-python (pinned) has no public way to do this, so this copies `llm` and replaces
    what belongs to a context: the context, its batch, tokens, logits and sampler state."""
    import contextlib
    import ctypes

    import numpy as np
    from llama_cpp import Llama, _internals

    other = Llama.__new__(Llama)  # copy.copy would pickle and so load the model again
    other.__dict__.update(llm.__dict__)
    # but not a wrapper set on `llm` itself (a benchmark's count of tokens read): it would
    # evaluate in `llm`'s context, two threads in one context at once (llama.cpp aborts)
    other.__dict__.pop("eval", None)
    other.parent = llm  # the model is freed with `llm`: it must outlive its siblings
    other._stack = contextlib.ExitStack()
    other._ctx = other._stack.enter_context(contextlib.closing(_internals.LlamaContext(
        model=llm._model, params=llm.context_params, verbose=False)))
    other._batch = other._stack.enter_context(contextlib.closing(_internals.LlamaBatch(
        n_tokens=llm.n_batch, embd=0, n_seq_max=llm.context_params.n_ctx, verbose=False)))
    other._candidates = _internals.LlamaTokenDataArray(n_vocab=llm._n_vocab)
    other.n_tokens, other._requires_eval, other._sampler = 0, True, None
    other.input_ids = np.ndarray(llm.input_ids.shape, dtype=np.intc)
    other.scores = np.ndarray(llm.scores.shape, dtype=np.single)
    other._mirostat_mu = ctypes.c_float(10.0)
    other.cache = None  # the chat template handlers (stateless) stay shared
    return other


def _open(path: Path, threads: int, context: int):
    # Idle OpenMP threads sleep instead of spinning: on a busy 2-core machine spinning threads
    # took the cores from each other (BENCHMARKS.md). Read once, when
    # llama.cpp's OpenMP runtime starts, so it is set before the first import.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from llama_cpp import Llama

    # Read into memory rather than mapped: llama.cpp repacks most weights into its own buffers,
    # and a mapped file stayed resident beside them (600 MB more, BENCHMARKS.md).
    with heap_scrub_paused():
        return Llama(model_path=str(path), n_ctx=context, n_threads=threads,
                     n_threads_batch=threads, use_mmap=False, verbose=False)
