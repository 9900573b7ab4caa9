"""Can the bundled chat model tell, from the memories in its prompt, that a question about the
user's own life is not answered there? For questions that ask for something told
(`graph.nodes.asks_what_was_told`) the companion's own prompt is built (recall through the graph,
as a reply would get it), and the model is asked instead whether the memories hold the answer
(`prompts.companion` "self_check"); its leaning to "no" over "yes" at the first word is recorded
(`LocalChatModel.leaning`). Groups: answerable questions whose evidence recall brought
("recalled") or missed ("missed"), the set's unanswerable ones, and other users' questions
("foreign", `gold.foreign_questions`). It prints, per margin, how many of each group a reply
would decline, and the margin of the rule the shipped ones were chosen by: the lowest (to 0.05)
at which at most `--budget` of the "recalled" questions are declined.

    python benchmarks/self_check.py --set life_en --language en [--users 10] [--every 2]
        [--foreign 3] [--budget 0.05] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage, HumanMessage  # noqa: E402
from pydantic import Field  # noqa: E402
from tqdm import tqdm  # noqa: E402

from app.chat_models import make_chat_model  # noqa: E402
from app.evaluation.gold import default_today, foreign_questions, read_gold  # noqa: E402
from app.evaluation.replies import recalls_evidence  # noqa: E402
from app.settings import get_settings  # noqa: E402
from graph import Context, build_graph  # noqa: E402
from graph.nodes import asks_what_was_told  # noqa: E402
from memory.seed_format import import_banks, read_bank  # noqa: E402
from memory.store import MemoryStore  # noqa: E402
from prompts.companion import COMPANION  # noqa: E402


class Prompted(GenericFakeChatModel):
    """Keeps the prompt the graph built; its reply is never used."""
    seen: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def group(g, recalled: list[dict]) -> str:
    if g.type == "foreign":
        return "foreign"
    if not g.evidence:
        return "unanswerable"
    return "recalled" if recalls_evidence(recalled, g) else "missed"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", required=True)
    ap.add_argument("--language", default="en")
    ap.add_argument("--users", type=int, default=10, help="the set's first N users")
    ap.add_argument("--every", type=int, default=2, help="every Nth answerable question")
    ap.add_argument("--foreign", type=int, default=3, help="other users' questions per user")
    ap.add_argument("--budget", type=float, default=0.05)
    ap.add_argument("--json")
    a = ap.parse_args()
    folder = Path(__file__).resolve().parents[1] / "eval_data" / a.set
    banks = read_bank(folder / f"bank_{a.set}.json")
    users = list(dict.fromkeys(b.profile.user for b in banks))[:a.users]
    banks = [b for b in banks if b.profile.user in users]
    todays = {b.profile.user: default_today(b) for b in banks}
    golds = read_gold(folder / f"gold_{a.set}.jsonl")
    asked = ([g for g in golds if g.evidence and g.user in users][::a.every]
             + [g for g in golds if not g.evidence and g.user in users]
             + [g for g in foreign_questions(golds, a.foreign, seed=1) if g.user in users])
    asked = sorted((g for g in asked if asks_what_was_told(g.question, a.language)),
                   key=lambda g: users.index(g.user))  # a user's prompts share a beginning
    t = COMPANION[a.language]
    yes, no = t["check_words"]
    model = make_chat_model(get_settings())
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-check-") as tmp:
        store = MemoryStore.open(tmp, language=a.language)
        import_banks(store, banks)
        for g in tqdm(asked, unit="q"):
            prompted = Prompted(messages=iter([AIMessage("-")]))
            out = build_graph(prompted, store, reflect_every=None).invoke(
                {"messages": [HumanMessage(g.question)], "language": a.language,
                 "today": todays[g.user].isoformat()}, context=Context(user_id=g.user))
            check = HumanMessage(t["self_check"].format(message=g.question))
            rows.append({"qid": g.qid, "question": g.question, "group": group(g, out["recalled"]),
                         "recalled": len(out["recalled"]),
                         "doubt": round(model.leaning([*prompted.seen[0][:-1], check], no, yes),
                                        3)})
    groups = {k: [r for r in rows if r["group"] == k]
              for k in ("recalled", "missed", "unanswerable", "foreign")}
    answered = sorted(r["doubt"] for r in groups["recalled"])
    margin = -3.0
    while sum(d > margin for d in answered) > a.budget * len(answered):
        margin = round(margin + 0.05, 2)
    print(f"rule's margin: {margin}")
    for m in sorted({margin, -0.4, -0.2, 0.0, 0.2, 0.4}):
        print(f"margin {m:+.2f} declines " + ", ".join(
            f"{k} {sum(r['doubt'] > m for r in rs)}/{len(rs)}" for k, rs in groups.items()))
    if a.json:
        Path(a.json).write_text(json.dumps({"margin": margin, "rows": rows}, indent=1,
                                           ensure_ascii=False))


if __name__ == "__main__":
    main()
