"""Builds the grounded-reply LoRA data from the hand-written app/training/data/grounded_content.json.

Each of today's messages becomes one chat record: the system prompt the app itself would build
(graph.nodes.system_prompt, with 3 of that user's memories recalled), the user's message and the
ideal reply. A question about a memory gets that memory plus 2 others, shuffled; a question that
no memory answers gets 3 memories that do not answer it (its near-miss memory among them when it
has one); a shared feeling gets 3 memories (its related memory among them when it has one).

Every 6th user of each language (the 6th, 12th, ...) is held out: their records go to
grounded_dev_<lang>.jsonl, each also carrying "kind" and "keywords" (the exact detail(s) a
correct reply must contain; empty for not_remembered and feeling).

Run from the repository root:  .venv/bin/python app/training/data/build_grounded.py
The output is deterministic (each record's draw is seeded by its language, user and position).
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from graph.nodes import system_prompt  # noqa: E402  (the app's own prompt builder)
from memory.language import detect  # noqa: E402  (how the app picks the prompt's language)

CONTENT = HERE / "grounded_content.json"
SEED = "siliconfriend-grounded-v1"
LANGUAGES = ("en", "cn")
KINDS = ("memory", "not_remembered", "feeling")
HOLD_OUT_EVERY = 6  # the 6th, 12th, ... user of each language goes to the dev split
RECALLED = 3  # memories in each prompt
# System prompt + reply, in characters: a guard for the token budget (under 600 tokens of the
# 0.5B model's tokenizer; note that finetune's default max length, 512 tokens, cuts a longer
# record from its end, which is the reply).
MAX_CHARS = {"en": 1800, "cn": 900}
MEMORY_DAYS = (28, 310)  # a memory is 1-10 months older than the user's "today"
STAGE = re.compile(r"[()（）*\[\]【】]")  # stage directions: "(smiles)", "*hugs*"


class ContentError(ValueError):
    """A malformed or inconsistent entry in grounded_content.json."""


def problems(u: dict, lang: str) -> list[str]:
    """What is wrong with one user's entry (an empty list when nothing is)."""
    out = []
    where = f"{lang}/{u.get('user')}"
    today = date.fromisoformat(u["today"])
    mems = u["memories"]
    if not 5 <= len(mems) <= 8:
        out.append(f"{where}: {len(mems)} memories (5-8 wanted)")
    for m in mems:
        age = (today - date.fromisoformat(m["date"])).days
        if not MEMORY_DAYS[0] <= age <= MEMORY_DAYS[1]:
            out.append(f"{where}: memory of {m['date']} is {age} days before {u['today']}")
        if not (m["query"].strip() and m["response"].strip()):
            out.append(f"{where}: empty memory text on {m['date']}")
    if not 4 <= len(u["items"]) <= 6:
        out.append(f"{where}: {len(u['items'])} messages for today (4-6 wanted)")
    for i, it in enumerate(u["items"]):
        at = f"{where} item {i + 1}"
        idx = it.get("memory")
        if it["kind"] not in KINDS or (idx is not None and not 0 <= idx < len(mems)):
            out.append(f"{at}: unknown kind {it['kind']!r} or no memory {idx}")
            continue
        for field in ("message", "reply"):
            if detect(it[field]) != lang:
                out.append(f"{at}: {field} is not detected as {lang}")
        if STAGE.search(it["reply"]):
            out.append(f"{at}: the reply has brackets or asterisks")
        if it["kind"] == "memory":
            if idx is None or not it.get("keywords"):
                out.append(f"{at}: a memory question needs 'memory' and 'keywords'")
                continue
            m = mems[idx]
            source = (m["query"] + " " + m["response"]).lower()
            for k in it["keywords"]:
                if k.lower() not in source:
                    out.append(f"{at}: keyword {k!r} is not in memory {idx}")
                if k.lower() not in it["reply"].lower():
                    out.append(f"{at}: keyword {k!r} is not in the reply")
                if k.lower() in it["message"].lower():
                    out.append(f"{at}: keyword {k!r} gives the answer away in the question")
        elif it.get("keywords"):
            out.append(f"{at}: only memory questions carry keywords")
    return out


def _recalled(m: dict) -> dict:
    return {"kind": "turn", "date": m["date"], "query": m["query"], "response": m["response"]}


def pick(u: dict, item: dict, rng: random.Random) -> tuple[list[int], int | None]:
    """Indexes of the memories to recall, shuffled, and where the item's own memory landed."""
    n = len(u["memories"])
    own = item.get("memory")
    if own is None:
        chosen = rng.sample(range(n), RECALLED)
    else:
        chosen = [own] + rng.sample([j for j in range(n) if j != own], RECALLED - 1)
    rng.shuffle(chosen)
    return chosen, (chosen.index(own) if own is not None else None)


def build(lang: str, users: list[dict]) -> tuple[list[dict], list[dict], dict]:
    wrong = [p for u in users for p in problems(u, lang)]
    if len({u["user"] for u in users}) != len(users):
        wrong.append(f"{lang}: two users share a name")
    if wrong:
        raise ContentError(f"{CONTENT.name}: {len(wrong)} problem(s):\n  " + "\n  ".join(wrong))
    train, dev = [], []
    stats = {"position": Counter(), "max_chars": 0, "kinds": Counter()}
    for ui, u in enumerate(users):
        held_out = (ui + 1) % HOLD_OUT_EVERY == 0
        for ii, item in enumerate(u["items"]):
            rng = random.Random(f"{SEED}:{lang}:{u['user']}:{ii}")
            chosen, position = pick(u, item, rng)
            recalled = [_recalled(u["memories"][j]) for j in chosen]
            system = system_prompt(u["user"], u["today"], lang, recalled)
            size = len(system) + len(item["reply"])
            if size > MAX_CHARS[lang]:
                wrong.append(f"{lang}/{u['user']} item {ii + 1}: prompt + reply is {size} "
                             f"characters (limit {MAX_CHARS[lang]})")
            stats["max_chars"] = max(stats["max_chars"], size)
            record = {"messages": [{"role": "system", "content": system},
                                   {"role": "user", "content": item["message"]},
                                   {"role": "assistant", "content": item["reply"]}]}
            if item["kind"] == "memory":
                stats["position"][position + 1] += 1
            stats["kinds"][("dev" if held_out else "train", item["kind"])] += 1
            if held_out:
                dev.append(record | {"kind": item["kind"],
                                     "keywords": list(item.get("keywords") or [])})
            else:
                train.append(record)
    if wrong:
        raise ContentError(f"{CONTENT.name}: {len(wrong)} problem(s):\n  " + "\n  ".join(wrong))
    return train, dev, stats


def write(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")


def main() -> int:
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        users = content[lang]
        train, dev, stats = build(lang, users)
        write(HERE / f"grounded_{lang}.jsonl", train)
        write(HERE / f"grounded_dev_{lang}.jsonl", dev)
        k = stats["kinds"]
        n_dev_users = len(users) // HOLD_OUT_EVERY
        print(f"{lang}: {len(users)} users ({len(users) - n_dev_users} train, {n_dev_users} dev)")
        for split, records in (("train", train), ("dev", dev)):
            print(f"  {split:5} {len(records):4} records: "
                  + ", ".join(f"{kind} {k[(split, kind)]}" for kind in KINDS))
        print(f"  the answering memory's place in the prompt (1st/2nd/3rd): "
              f"{stats['position'][1]}/{stats['position'][2]}/{stats['position'][3]}; "
              f"longest system prompt + reply: {stats['max_chars']} characters")
        print(f"  wrote {HERE.relative_to(ROOT)}/grounded_{lang}.jsonl and grounded_dev_{lang}.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main())
