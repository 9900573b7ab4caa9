"""How the embedding models compute on this CPU: on one thread per worker, one worker per core,
in bfloat16 where the CPU has instructions for it.

Both choices were measured on the development machine (BENCHMARKS.md): calls that each spread
over every core wait on each other at every step, and on a busy machine a query that took 26 ms
on one thread took 790 on two; bfloat16 matrix products (AMX) read MiniLM and e5 2-3x faster
with vectors within a cosine of 0.9999 of float32's.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def bf16_is_fast() -> bool:
    """Whether this CPU computes in bfloat16 natively (AMX, AVX512-BF16); elsewhere torch
    emulates it, slower than float32. `SF_EMBED_BF16=0` turns it off."""
    if os.environ.get("SF_EMBED_BF16", "1") == "0":
        return False
    import torch

    return any(getattr(torch.cpu, probe, lambda: False)()
               for probe in ("_is_amx_tile_supported", "_is_avx512_bf16_supported"))


def fast_math() -> contextlib.AbstractContextManager:
    """Matrix products in bfloat16 where that is fast; norms, softmax and sums stay float32."""
    if not bf16_is_fast():
        return contextlib.nullcontext()
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16)


def _one_torch_thread() -> None:
    """Makes torch compute on one thread in the calling thread only.

    torch's thread count is per thread under OpenMP, but `set_num_threads` also becomes the
    count that threads starting later take; a throwaway thread puts that back at once, so that
    the chat model keeps every core."""
    import torch

    every = torch.get_num_threads()
    torch.set_num_threads(1)
    back = threading.Thread(target=torch.set_num_threads, args=(every,))
    back.start()
    back.join()


_pool: ThreadPoolExecutor | None = None
_callers: ThreadPoolExecutor | None = None
_pool_guard = threading.Lock()


def embed_pool() -> ThreadPoolExecutor:
    """One worker per core, each computing on one thread of its own."""
    global _pool
    with _pool_guard:
        _pool = _pool or ThreadPoolExecutor(os.cpu_count() or 1, "embed", _one_torch_thread)
    return _pool


def spread(embed: Callable[[list[str]], Any], texts: list[str], part: int = 64
           ) -> list[list[float]]:
    """Embeds `texts` on the pool's workers, in parts of `part` side by side, rows in order.
    Texts of close lengths go together, so that batches carry little padding."""
    import numpy as np

    if not texts:
        return []
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    parts = [[texts[i] for i in order[at:at + part]] for at in range(0, len(order), part)]
    rows = np.concatenate([np.asarray(p, dtype=np.float32)
                           for p in embed_pool().map(embed, parts)])
    out = np.empty_like(rows)
    out[order] = rows
    return out.tolist()


def side_by_side(first: Callable[[], Any], second: Callable[[], Any]) -> tuple[Any, Any]:
    """`first()` and `second()` at once (a write's two models: each hands its work to the pool,
    so together they keep every worker busy); `first` runs on a caller thread of its own, never
    on a pool worker, which could then wait for a free worker forever."""
    global _callers
    with _pool_guard:
        _callers = _callers or ThreadPoolExecutor(4, "embed-caller")
    later = _callers.submit(first)
    now = second()
    return later.result(), now


class Gathered:
    """One model's queries, read together when they arrive together.

    A query is read at once when the model is idle; those that arrive while it reads wait and
    go together in its next call, on a pool worker. Four queries in one call cost 1.35-1.5x one
    query, against 4x in four calls (BENCHMARKS.md), so several users recalling at once share
    the model's time instead of queueing for it; one user alone waits for nothing."""

    def __init__(self, embed: Callable[[list[str]], Any], most: int = 16) -> None:
        self._embed, self._most = embed, most  # embed: texts -> one row per text
        self._lock = threading.Lock()
        self._waiting: list[tuple[str, Future]] = []
        self._reading = False

    def submit(self, text: str) -> Future:
        """A future of `text`'s row."""
        done: Future = Future()
        with self._lock:
            self._waiting.append((text, done))
            if self._reading:  # the running call takes it next
                return done
            self._reading = True
        try:
            embed_pool().submit(self._read)
        except BaseException:  # no worker to read it (the interpreter is shutting down)
            with self._lock:
                self._reading = False
            raise
        return done

    def _read(self) -> None:
        while True:
            with self._lock:
                batch, self._waiting = self._waiting[:self._most], self._waiting[self._most:]
                if not batch:
                    self._reading = False
                    return
            try:
                rows = self._embed([text for text, _ in batch])
                if len(rows) != len(batch):
                    raise RuntimeError(f"{len(rows)} vectors came back for {len(batch)} texts")
            except BaseException as e:  # every waiter hears of it; later queries try afresh
                for _, done in batch:
                    done.set_exception(e)
                continue
            for (_, done), row in zip(batch, rows):
                done.set_result(row)
