"""Reply evaluation: does the companion, as the user meets it, use what it remembers?

Each answerable gold question is asked through the whole graph (recall, prompt, chat model), in
a new conversation, as its user, on the evaluation's today (four days after that user's last
day), over a fresh store holding the bank. No judge model: the scores are read off the reply.
- memory_use: share of replies containing one of the question's `keywords` (any case);
- language_match: share of replies in the question's language;
- stage_directions: share of replies with role-play actions, "(winks)", "*smiles*", "（笑）";
- chars p50/p95, first_token_ms and reply_s p50/p95 (as streamed), and memory_use by type;
- evidence_recalled: share whose recalled memories held an evidence turn (or its day's summary),
  and memory_use_when_recalled: memory use among those (the model's part, apart from recall's);
- recites: share of replies that copy a long run of the user's words from a recalled memory
  (`RECITAL` characters or more, verbatim): the model reading its notes aloud, which memory_use
  alone counts as a use; memory_use_in_own_words leaves those out;
- first_person: share of answerable replies opening with "I"/"My"/"我", mostly the user's own
  words echoed back ("I went hiking" to "What did I do?"), a reply saying it was not told aside;
- says_not_remembered: share of the same users' unanswerable questions (no evidence) whose reply
  says it does not remember (`NOT_REMEMBERED`, a phrase list) instead of inventing an answer;
  with `foreign`, also each user asked that many answerable questions of the set's other users
  (`gold.foreign_questions`), reported apart as `foreign_says_not_remembered`;
- recites_prompt: share of replies that copy a run of the system prompt's own wording (its rules
  and headers, `PROMPT_RECITAL` characters or more): the prompt leaking into the reply;
- credits_user: among questions about what the companion said or did ("What book did you
  suggest?", `graph.nodes.asks_what_companion_did`), share of replies that give its words to the
  user ("You suggested Stoner", "你推荐了…"; `CREDITS_USER`, a heuristic).
Reflection is off, and each question's exchange is taken out of the store once asked (in
`conversation` mode it stays, as it would), so that every question meets the same memory.
"""
from __future__ import annotations

import difflib
import json
import re
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

from langchain_core.messages import HumanMessage
from langgraph.graph.state import CompiledStateGraph

from graph.nodes import asks_what_companion_did
from graph.streaming import reply_token
from memory.language import detect
from memory.records import turn_id
from memory.seed_format import import_banks, read_bank
from memory.store import MemoryStore

from app.evaluation.gold import EvalDataError, Gold, check_evidence, default_today, \
    foreign_questions, percentile, read_gold
from prompts.companion import COMPANION

# An action in brackets or asterisks: "(winks)", "(takes a bath herself)", "*smiles*", "（笑）";
# markdown bold ("**Swimming**: ...") is not one.
STAGE = re.compile(r"(?<!\*)\*[^*\n]{1,60}\*(?!\*)|\((?:[a-z]+ly |[a-z]+s\b)[^()\n]{0,60}\)|（[^（）\n]{1,12}）")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


# Saying so when it does not remember: phrases a reply uses to decline (checked by reading the
# grounded dev replies; a heuristic, reported as such).
NOT_REMEMBERED = re.compile(
    r"(don't|do not|can't|cannot) (quite )?(remember|recall)|don't think you('ve| have) "
    r"(told|mentioned)|(haven't|have not|never) (told|mentioned)|not sure you('ve| have)|"
    r"不记得|没(有)?(跟|和|对)我(说|提)|没(有)?(提到|说过|提过)|想不起来", re.I)


def uses_memory(reply: str, keywords: tuple[str, ...]) -> bool:
    text = reply.translate(_QUOTES).casefold()
    return any(k.translate(_QUOTES).casefold() in text for k in keywords)


def recalls_evidence(recalled: list[dict], g: Gold) -> bool:
    """Whether the memories the reply was given hold an evidence turn (or its day's summary):
    tells a reply that ignored its memory from one whose memory was never recalled."""
    wanted = {turn_id(g.user, d, i) for d, i in g.evidence}
    days = {d for d, _ in g.evidence}
    return any(m.get("id") in wanted or (m.get("kind") == "summary" and m.get("date") in days)
               for m in recalled)


# A verbatim run this long (characters) of the user's own words is a recital, not a mention:
# longer than any name or title the gold keywords hold (English 28, Chinese 8 characters at most
# on the project's sets), and the length of about ten English words. The companion repeating its
# own earlier advice is not counted: it speaks as itself.
RECITAL = {"en": 50, "cn": 20}
_FIRST_PERSON = re.compile(r"^(I\b|I'|My\b|我(?!们))")


def recites(reply: str, recalled: list[dict], language: str) -> bool:
    """Whether the reply copies RECITAL characters or more, verbatim, of what the user said in a
    recalled memory (a turn's user words, or a summary): the user's words read back to them."""
    size, reply = RECITAL.get(language, RECITAL["en"]), " ".join(reply.split())
    if len(reply) < size:
        return False
    for m in recalled:
        text = " ".join((m.get("query") if m.get("kind") == "turn" else m.get("text") or "")
                        .split())
        if len(text) >= size and difflib.SequenceMatcher(
                None, reply, text, autojunk=False).find_longest_match().size >= size:
            return True
    return False


# A reply that makes the user the one who said or suggested something: "you" as the subject of a
# verb of telling or giving (not "you asked", "you mentioned": the user's part of the exchange).
CREDITS_USER = {
    "en": re.compile(r"\b[Yy]ou (?:\w+ly |once |also |then )?(?:suggested|recommended|advised|"
                     r"proposed|told me|said|taught me|gave me|sent me|pointed me|picked|"
                     r"described|explained)\b"),
    "cn": re.compile(r"(?<![跟和同给对向问])[你您](?:当时|那时|之前|以前|曾经|还)?(?:给我|跟我|对我|同我|让我|帮我)?"
                     r"(?:推荐|建议|劝|教我|告诉我|介绍)"),
}


def credits_user(reply: str, language: str) -> bool:
    return bool(CREDITS_USER.get(language, CREDITS_USER["en"]).search(reply.replace("\u2019", "'")))


def has_stage_directions(reply: str) -> bool:
    return bool(STAGE.search(reply))


# A run this long (characters) of the system prompt's fixed wording in a reply is the prompt
# read aloud: longer than the phrases a reply shares with it by chance ("you don't remember",
# "今天是"), shorter than any of its headers.
PROMPT_RECITAL = {"en": 30, "cn": 10}
_FILLED = re.compile(r"\{(?!user\})[a-z_]+\}")  # what a prompt fills in, but for the user's name


def recites_prompt(reply: str, language: str, user: str) -> bool:
    """Whether the reply copies a run of the companion prompt's own wording, the user's name
    included (not the memories, summary or date filled into it)."""
    if not reply:
        return False
    t = COMPANION[language]
    reply = reply.replace(user, "{user}") if user else reply
    for template in (t["system"], t["system_new_user"]):
        for part in _FILLED.split(template):
            if len(part) < PROMPT_RECITAL[language]:
                continue
            m = difflib.SequenceMatcher(None, reply, part, autojunk=False).find_longest_match(
                0, len(reply), 0, len(part))
            if m.size >= PROMPT_RECITAL[language]:
                return True
    return False


def evaluate_replies(bank_path: str | Path, gold_path: str | Path,
                     companion_factory: Callable[[MemoryStore], CompiledStateGraph],
                     embedding: str = "auto", language: str = "en", limit: int | None = None,
                     today: date | None = None,
                     progress: Callable[[int], None] | None = None,
                     conversation: bool = False, foreign: int = 0,
                     types: tuple[str, ...] = ()) -> dict:
    """`companion_factory(store)` builds the companion over the imported memory. `limit`: the
    first N answerable questions (only their users are imported, and their unanswerable ones
    asked too). `conversation`: each user's questions one after another in one conversation (its
    recent exchanges in every prompt; the companion needs a checkpointer), instead of each in a
    new one. `foreign`: each user also asked that many of the other users' questions, as questions
    their memory cannot answer. `types`: only the questions of these types ("companion",
    "update", "unanswerable"...)."""
    banks, everything = read_bank(bank_path), read_gold(gold_path)
    everything = [g for g in everything if not types or g.type in types]
    golds = [g for g in everything if g.evidence and g.keywords][:limit]
    if not golds:
        raise EvalDataError(f"{gold_path}: no answerable question with keywords")
    problems = check_evidence(banks, golds)
    if problems:
        raise EvalDataError(f"{len(problems)} gold problems, first: " + "; ".join(problems[:3]))
    users = {g.user for g in golds}
    golds += [g for g in everything if not g.evidence and g.user in users]
    if foreign:
        golds += [g for g in foreign_questions([g for g in everything if g.keywords], foreign)
                  if g.user in users]
    banks = [b for b in banks if b.profile.user in users]
    rows = []
    with tempfile.TemporaryDirectory(prefix="sf-eval-replies-") as tmp:
        store = MemoryStore.open(tmp, embedding=embedding, language=language)
        import_banks(store, banks)
        companion = companion_factory(store)
        todays = {b.profile.user: today or default_today(b) for b in banks}
        for n, g in enumerate(golds):
            thread = f"eval-{g.user}" if conversation else f"eval-{n}"
            row = _ask(companion, g, todays[g.user], language, thread)
            stored = row.pop("stored")
            if stored and not conversation:
                # The exchange just stored is no memory for the next question: recalled, its
                # reply (right or wrong) was copied into the next answer word for word.
                store.delete_pieces(g.user, [stored])
            rows.append(row)
            if progress:
                progress(1)
    return {"conversation": conversation, **summarize(rows)}


def stream_turn(companion: CompiledStateGraph, user: str, message: str, day: str,
                language: str, thread: str) -> tuple[str, list[dict], str | None, dict]:
    """One message through the graph as it streams: the reply, the memories recalled, the id of
    the piece stored, and the times (ms to the first token, s to the end)."""
    turn = {"messages": [HumanMessage(message)], "user_id": user, "language": language,
            "today": day}
    start, first, pieces, recalled, stored = time.perf_counter(), None, [], [], None
    for mode, part in companion.stream(turn, {"configurable": {"thread_id": thread}},
                                       stream_mode=["messages", "updates"]):
        if mode == "updates":
            recalled = (part.get("retrieve") or {}).get("recalled", recalled)
            stored = (part.get("remember") or {}).get("remembered", stored)
        elif text := reply_token(part):
            first = first or time.perf_counter()
            pieces.append(text)
    end = time.perf_counter()
    return "".join(pieces).strip(), recalled, stored, {
        "first_token_ms": round(1000 * ((first or end) - start)), "reply_s": round(end - start, 2)}


def _ask(companion: CompiledStateGraph, g: Gold, day: date, language: str, thread: str) -> dict:
    reply, recalled, stored, times = stream_turn(companion, g.user, g.question, day.isoformat(),
                                                 language, thread)
    answerable = bool(g.evidence)
    return {"qid": g.qid, "type": g.type, "today": day.isoformat(), "question": g.question,
            "answer": g.answer,
            "keywords": list(g.keywords), "reply": reply,
            "memory_use": uses_memory(reply, g.keywords) if answerable else None,
            "evidence_recalled": recalls_evidence(recalled, g) if answerable else None,
            "says_not_remembered": None if answerable else bool(NOT_REMEMBERED.search(reply)),
            "language_match": detect(reply, default="?") == detect(g.question),
            "stage_directions": has_stage_directions(reply),
            "recites_prompt": recites_prompt(reply, detect(g.question), g.user),
            "recites": recites(reply, recalled, detect(g.question)),
            "first_person": bool(_FIRST_PERSON.match(reply) and not NOT_REMEMBERED.search(reply)),
            "credits_user": credits_user(reply, detect(g.question))
            if answerable and asks_what_companion_did(g.question, detect(g.question)) else None,
            "recalled": [m.get("id") for m in recalled], "stored": stored,
            **times, "chars": len(reply)}


def summarize(rows: list[dict]) -> dict:
    """Memory use, length and speed over the answerable questions; declines over the
    unanswerable ones; language and stage directions over all."""
    answerable = [r for r in rows if r["memory_use"] is not None]
    unanswerable = [r for r in rows if r["memory_use"] is None and r["type"] != "foreign"]
    foreign = [r for r in rows if r["type"] == "foreign"]

    def share(rs: list[dict], key: str) -> float | None:
        return round(statistics.fmean(r[key] for r in rs), 4) if rs else None

    def spread(key: str) -> dict:
        xs = [r[key] for r in answerable]
        return {"p50": statistics.median(xs), "p95": percentile(xs, 95)}

    by_type = defaultdict(list)
    for r in answerable:
        by_type[r["type"]].append(r)
    given = [r for r in answerable if r["evidence_recalled"]]
    own = [r for r in answerable if r.get("credits_user") is not None]
    return {"questions": len(answerable), "memory_use": share(answerable, "memory_use"),
            "evidence_recalled": share(answerable, "evidence_recalled"),
            "memory_use_when_recalled": share(given, "memory_use"),
            "memory_use_in_own_words": round(statistics.fmean(
                r["memory_use"] and not r["recites"] for r in answerable), 4),
            "recites": share(rows, "recites"),
            "first_person": share(answerable, "first_person"),
            "unanswerable": len(unanswerable),
            "says_not_remembered": share(unanswerable, "says_not_remembered"),
            "foreign": len(foreign),
            "foreign_says_not_remembered": share(foreign, "says_not_remembered"),
            "recites_prompt": share(rows, "recites_prompt"),
            "asks_what_companion_did": len(own),
            "credits_user": share(own, "credits_user"),
            "language_match": share(rows, "language_match"),
            "stage_directions": share(rows, "stage_directions"),
            "chars": spread("chars"), "first_token_ms": spread("first_token_ms"),
            "reply_s": spread("reply_s"),
            "by_type": {t: {"questions": len(rs), "memory_use": share(rs, "memory_use")}
                        for t, rs in sorted(by_type.items())},
            "replies": rows}


def evaluate_dialogues(path: str | Path, model, progress: Callable[[int], None] | None = None
                       ) -> dict:
    """The chat model alone on prepared prompts (a system prompt holding recalled memories and
    one message, as `app/training/data/grounded_dev_*.jsonl` holds them, with "kind" and "keywords"):
    memory questions scored by keyword, questions no memory answers by whether the reply says it
    does not remember, feelings by length and stage directions only."""
    from langchain_core.messages import SystemMessage

    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()
               if line.strip()]
    rows = []
    for r in records:
        system, message = r["messages"][0]["content"], r["messages"][1]["content"]
        start = time.perf_counter()
        reply = model.invoke([SystemMessage(system), HumanMessage(message)]).text.strip()
        rows.append({"kind": r["kind"], "message": message, "reply": reply,
                     "ideal": r["messages"][-1]["content"],
                     "ok": uses_memory(reply, tuple(r["keywords"])) if r["kind"] == "memory"
                     else bool(NOT_REMEMBERED.search(reply)) if r["kind"] == "not_remembered"
                     else None,
                     "language_match": detect(reply, default="?") == detect(message),
                     "stage_directions": has_stage_directions(reply), "chars": len(reply),
                     "reply_s": round(time.perf_counter() - start, 2)})
        if progress:
            progress(1)
    kinds = defaultdict(list)
    for row in rows:
        kinds[row["kind"]].append(row)
    return {"records": len(rows),
            "memory_use": round(statistics.fmean(x["ok"] for x in kinds["memory"]), 4)
            if kinds["memory"] else None,
            "says_not_remembered": round(statistics.fmean(
                x["ok"] for x in kinds["not_remembered"]), 4) if kinds["not_remembered"] else None,
            "language_match": round(statistics.fmean(x["language_match"] for x in rows), 4),
            "stage_directions": round(statistics.fmean(x["stage_directions"] for x in rows), 4),
            "chars": {"p50": statistics.median(x["chars"] for x in rows),
                      "p95": percentile([x["chars"] for x in rows], 95)},
            "replies": rows}
