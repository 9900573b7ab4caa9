"""The two local runtimes on a bundled model, the model alone: how fast each reads a prompt
(400 tokens at once) and writes (30 tokens one at a time, each reading the last), llama.cpp on
the verified Q4_K_M GGUF and transformers on its bfloat16 copy. `--busy N` keeps N other
processes spinning on the CPU throughout, as on a shared machine.

    python benchmarks/runtimes.py [--model qwen2.5-1.5b] [--threads 2] [--busy 0]
                                  [--data-dir SF_DATA_DIR] [--json OUT]

The models are verified and built once in the data directory (dequantizing the 1.5B takes about
70 s and 9 GB the first time).
"""
from __future__ import annotations

import os

import memory.offline  # noqa: E402,F401  (no hub, no telemetry)
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as the app runs llama.cpp

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

PROMPT = "Emily is a nurse who moved to Leeds in March, likes hiking and has a sister, Anna. " * 40
READ, WRITE = 400, 30


def spin() -> None:
    while True:
        pass


def llama_cpp(gguf: Path, threads: int) -> dict:
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf), n_ctx=1024, n_threads=threads, n_threads_batch=threads,
                verbose=False)
    tokens = llm.tokenize(PROMPT.encode())[:READ]
    llm.eval(tokens)  # the first read sets up buffers and threads: measured, the second
    llm.reset()
    t = time.perf_counter()
    llm.eval(tokens)
    read = time.perf_counter() - t
    t = time.perf_counter()
    for token in tokens[:WRITE]:
        llm.eval([token])
    return {"read_tokens_per_s": round(READ / read, 1),
            "write_tokens_per_s": round(WRITE / (time.perf_counter() - t), 1)}


def transformers(model_dir: Path, threads: int) -> dict:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(model_dir)
    lm = AutoModelForCausalLM.from_pretrained(model_dir, dtype="auto").eval()
    ids = tok(PROMPT, return_tensors="pt").input_ids[:, :READ]
    with torch.no_grad():
        lm(ids)  # the first read sets up buffers and threads: measured, the second
        t = time.perf_counter()
        past = lm(ids, use_cache=True).past_key_values
        read = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(WRITE):
            past = lm(ids[:, i:i + 1], past_key_values=past, use_cache=True).past_key_values
    return {"read_tokens_per_s": round(READ / read, 1),
            "write_tokens_per_s": round(WRITE / (time.perf_counter() - t), 1)}


def main() -> None:
    from app.chat_models import local_gguf, local_model_dir
    from app.settings import get_settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="qwen2.5-1.5b")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--busy", type=int, default=0, help="CPU-spinning processes alongside")
    ap.add_argument("--data-dir", type=Path, default=None)
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    data = args.data_dir or get_settings().data_dir
    gguf, model_dir = local_gguf(data, args.model), local_model_dir(data, args.model)
    spinners = [multiprocessing.get_context("spawn").Process(target=spin, daemon=True)
                for _ in range(args.busy)]
    for p in spinners:
        p.start()
    try:
        result = {"model": args.model, "threads": args.threads, "busy": args.busy,
                  "llama.cpp": llama_cpp(gguf, args.threads),
                  "transformers": transformers(model_dir, args.threads),
                  "cpus": os.cpu_count(), "loadavg_end": os.getloadavg()}
    finally:
        for p in spinners:
            p.terminate()
    print(json.dumps(result, indent=2))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
