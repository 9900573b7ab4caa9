"""Companion benchmark on a bundled local model: load times (the first verify-and-join, or
verify-and-dequantize for transformers, in a child process, then the cached copy), time to first
token and total time per turn through the whole graph (recall + reply + remember) with replies
of exactly `--max-tokens` tokens, and the running app's peak resident memory (the first build's
peak is reported apart). `--busy N` keeps N other processes spinning on the CPU throughout, as
on a shared machine. `--runtime transformers` runs the dequantized copy, as a LoRA adapter does.

`--conversation`: every turn in one conversation on one day (the thread's recent exchanges are
in each prompt), instead of one new conversation a day. On llama.cpp it also reports the prompt
tokens read per turn (what the context did not keep from the previous prompt).

`--bank FILE --gold FILE`: the first user of an evaluation set instead of ten short messages: that
user's months of history are imported first, the messages are their gold questions, asked on the
evaluation's today, so that recall hands the model memories of a real length.

    python benchmarks/companion.py [--model qwen2.5-0.5b] [--runtime llama.cpp] [--turns 10]
                                   [--max-tokens 60] [--busy 0] [--no-prompt-cache]
                                   [--conversation] [--bank FILE --gold FILE]
                                   [--language en] [--json OUT]
"""
from __future__ import annotations

import argparse
import os
import json
import multiprocessing
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from langchain_core.messages import HumanMessage
from langgraph.checkpoint.memory import InMemorySaver

from app.chat_models import make_chat_model
from app.companion import make_companion
from app.local_chat import PromptCache
from app.memory_factory import open_store
from app.settings import Settings
from graph.streaming import reply_tokens
from memory.background import default_worker

MESSAGES = [
    "I adopted a kitten today, her name is Mochi.", "Work was exhausting, my manager yelled.",
    "I'm training for a half marathon in June.", "My sister Ana is visiting next week.",
    "I can't sleep, I keep worrying about my exam.", "What is my kitten called?",
    "Do you remember who is visiting me?", "I finally ran 15 km today!",
    "I feel lonely in this new city.", "What was I worried about the other day?",
]


def rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def spin() -> None:
    while True:
        pass


def build(data_dir: str, name: str, runtime: str) -> None:
    from app.chat_models import local_gguf, local_model_dir

    (local_gguf if runtime == "llama.cpp" else local_model_dir)(Path(data_dir), name)


def load(s: Settings, runtime: str, no_prompt_cache: bool):
    """The chat model, set to write replies of exactly max_tokens tokens."""
    if runtime == "llama.cpp":
        model = make_chat_model(s)
        model.generation = replace(model.generation, stop=())
        model.endless = True
        return model
    from app.chat_models import hf_chat_model, local_model_dir

    model = hf_chat_model(str(local_model_dir(s.data_dir, s.local_model)), s)
    model.generation = replace(model.generation, stop=())
    model.lm.generation_config.eos_token_id = None
    if no_prompt_cache:
        model._prompts = PromptCache(size=0)
    return model


def import_first_user(store, bank: str, gold: str) -> tuple[str, list[str], date]:
    """Imports the bank's first user; their questions (answerable first) and the day to ask."""
    from app.evaluation.gold import default_today, read_gold
    from memory.seed_format import import_banks, read_bank

    first = read_bank(bank)[0]
    user = first.profile.user
    asked = sorted((g for g in read_gold(gold) if g.user == user), key=lambda g: not g.evidence)
    import_banks(store, [first])
    return user, [g.question for g in asked], default_today(first)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="qwen2.5-0.5b")
    ap.add_argument("--runtime", choices=["llama.cpp", "transformers"], default="llama.cpp")
    ap.add_argument("--turns", type=int, default=10)
    ap.add_argument("--max-tokens", type=int, default=60)
    ap.add_argument("--busy", type=int, default=0, help="CPU-spinning processes alongside")
    ap.add_argument("--no-prompt-cache", action="store_true",
                    help="transformers: read every prompt from its first token (PromptCache off)")
    ap.add_argument("--conversation", action="store_true",
                    help="all turns in one conversation on one day")
    ap.add_argument("--bank", help="an evaluation bank: its first user's history and questions")
    ap.add_argument("--gold", help="the bank's gold questions (with --bank)")
    ap.add_argument("--language", default="en")
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    if bool(args.bank) != bool(args.gold):
        ap.error("--bank and --gold go together")
    with tempfile.TemporaryDirectory(prefix="sf-bench-companion-") as tmp:
        t = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(target=build,
                                                             args=(tmp, args.model, args.runtime))
        child.start()
        child.join()
        cold = time.perf_counter() - t
        build_rss = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        spinners = [multiprocessing.get_context("spawn").Process(target=spin, daemon=True)
                    for _ in range(args.busy)]
        for p in spinners:
            p.start()
        # A reply of exactly max_tokens tokens: no stop strings, no end-of-turn token.
        s = Settings(data_dir=Path(tmp), chat_backend="local", local_model=args.model,
                     max_tokens=args.max_tokens, language=args.language)
        store = open_store(s)
        user, messages, start = "bench", MESSAGES, date(2025, 5, 1)
        if args.bank:
            user, messages, start = import_first_user(store, args.bank, args.gold)
        t = time.perf_counter()
        model = load(s, args.runtime, args.no_prompt_cache)
        warm = time.perf_counter() - t
        read: list[int] = []  # llama.cpp: tokens of each evaluation (the prompt's comes first)
        if args.runtime == "llama.cpp":
            llm, _ = model._context(background=False)
            evaluate = llm.eval
            llm.eval = lambda tokens: (read.append(len(tokens)), evaluate(tokens))[1]
        prompt_read = []
        g = make_companion(s, store=store, model=model, checkpointer=InMemorySaver())
        first_token, total, tokens, reused = [], [], [], []
        for i in range(args.turns):
            day = start if args.conversation or args.bank else start + timedelta(days=i)
            msg = {"messages": [HumanMessage(messages[i % len(messages)])], "user_id": user,
                   "today": day.isoformat()}
            thread = {"configurable": {"thread_id": "one" if args.conversation else f"day-{i}"}}
            t, first, n = time.perf_counter(), None, 0
            read.clear()
            for _ in reply_tokens(g, msg, thread):
                first = first or time.perf_counter() - t
                n += 1
            total.append(time.perf_counter() - t)
            if read:  # the prompt tokens llama.cpp read (the rest it kept from the last prompt)
                prompt_read.append(read[0])
            if args.runtime == "transformers":  # prompt tokens not read again (PromptCache)
                reused.append(model._prompts.reused)
            first_token.append(first or total[-1])
            tokens.append(n)
        # A summary the last turns started, still being written when the interpreter ends,
        # aborts it (a segfault after the results): let it end first.
        default_worker().wait(user)
        for p in spinners:
            p.terminate()
    result = {
        "model": args.model, "runtime": args.runtime, "busy": args.busy,
        "prompt_cache": not args.no_prompt_cache,
        "load_s": {"first_build": round(cold, 2), "cached": round(warm, 2)},
        "first_build_peak_rss_mb": build_rss,
        "conversation": args.conversation, "bank": args.bank,
        "first_token_s": [round(x, 2) for x in first_token],
        "turn_s": {"first_token_p50": round(statistics.median(first_token), 2),
                   "total_p50": round(statistics.median(total), 2),
                   "total_max": round(max(total), 2)},
        "chunks_per_s": round(sum(tokens) / sum(total), 1), "chunks_p50": statistics.median(tokens),
        "prompt_tokens_reused_p50": statistics.median(reused) if reused else None,
        "prompt_tokens_read": prompt_read,
        "turns": args.turns, "max_tokens": args.max_tokens, "peak_rss_mb": rss_mb(),
        "cpus": os.cpu_count(), "loadavg_end": os.getloadavg(),
    }
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
