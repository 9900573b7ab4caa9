"""Can the bundled chat model tell, from the memories in its prompt, that a question is not
answered there? For answerable questions (the first N) and every unanswerable one of a set, the
companion's own prompt is built (recall through the graph, as a reply would get it) and the
model is asked instead whether the memories hold the answer, its first word held to yes/no.

    python benchmarks/self_check.py --set life_en --language en [--answerable 20] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from pydantic import Field  # noqa: E402

from app.chat_models import make_chat_model  # noqa: E402
from app.evaluation.gold import default_today, read_gold  # noqa: E402
from app.settings import get_settings  # noqa: E402
from graph import Context, build_graph  # noqa: E402
from memory.records import turn_id  # noqa: E402
from memory.seed_format import import_banks, read_bank  # noqa: E402
from memory.store import MemoryStore  # noqa: E402

CHECK = {"en": "{q}\n\nBefore you answer: do the memories above contain the answer to this "
               "question? Reply with only yes or no.",
         "cn": "{q}\n\n回答之前先判断：上面的记忆里有这个问题的答案吗？只回答“有”或“没有”。"}
WORDS = {"en": ("yes", "no", "Yes", "No"), "cn": ("有", "没有")}


class Prompted(GenericFakeChatModel):
    """Keeps the prompt the graph built; its reply is never used."""
    seen: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--language", default="en")
    ap.add_argument("--answerable", type=int, default=20)
    ap.add_argument("--json")
    a = ap.parse_args()
    folder = Path(__file__).resolve().parents[1] / "eval_data" / a.set
    banks = read_bank(folder / f"bank_{a.set}.json")
    todays = {b.profile.user: default_today(b) for b in banks}
    golds = read_gold(folder / f"gold_{a.set}.jsonl")
    asked = ([g for g in golds if g.type != "unanswerable"][:a.answerable]
             + [g for g in golds if g.type == "unanswerable"])
    model = make_chat_model(get_settings().model_copy(update={"max_tokens": 3}))
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-check-") as tmp:
        store = MemoryStore.open(tmp, language=a.language)
        import_banks(store, banks)
        for g in asked:
            prompted = Prompted(messages=iter([AIMessage("-")]))
            out = build_graph(prompted, store, reflect_every=None).invoke(
                {"messages": [HumanMessage(g.question)], "language": a.language,
                 "today": todays[g.user].isoformat()}, context=Context(user_id=g.user))
            evidence = {turn_id(g.user, d, i) for d, i in g.evidence}
            messages = prompted.seen[0][:-1] + [HumanMessage(CHECK[a.language].format(
                q=g.question))]
            said = model.invoke(messages, openings=WORDS[a.language]).text.strip()
            rows.append({"qid": g.qid, "type": g.type, "says_no": said.lower().startswith(
                ("no", "没有")), "evidence_recalled": any(
                m["id"] in evidence for m in out["recalled"]), "said": said})
            print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    groups = Counter(("unanswerable" if r["type"] == "unanswerable" else
                      "evidence recalled" if r["evidence_recalled"] else "evidence missed",
                      r["says_no"]) for r in rows)
    for name in ("unanswerable", "evidence recalled", "evidence missed"):
        n = groups[(name, True)] + groups[(name, False)]
        print(f"{name:18} says no: {groups[(name, True)]}/{n}")
    if a.json:
        Path(a.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
