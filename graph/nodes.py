"""The companion's nodes: retrieve -> respond -> remember. Each is one small step of a turn."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage, SystemMessage
from langgraph.graph import END
from langgraph.runtime import Runtime

from memory import sentences
from memory.background import BACKGROUND, ReflectionWorker
from memory.dates import parse_day
from memory.forgetting import ForgettingCurve
from memory.query import read_query
from memory.retriever import EbbinghausRetriever
from memory.store import MemoryStore
from memory.weights import RecallWeights
from memory.reflection import Reflector
from memory.language import detect
from prompts.companion import COMPANION, MEMORY_CHARS
from prompts.reflection import REFLECTION

from graph.state import Context, Recalled, State

NOT_TOLD = frozenset(t["not_told"] for t in COMPANION.values())  # a reply made to decline


class TurnError(ValueError):
    """A turn the graph refuses before doing anything: empty message, unknown language, ..."""


class ChatModelError(RuntimeError):
    """The chat model failed; the user's message was remembered all the same."""


FOREIGN = "this conversation belongs to another user; start a new thread"


def speaker(given: str | None, context: Context | None, owner: str | None) -> str:
    """Who a turn is for: the run context's `user_id` (the host's word: a signed-in page, a
    server's auth), else the input's `user_id`. Refused: neither is given; the thread belongs
    to someone else; the input names another user than the context does."""
    host = (getattr(context, "user_id", None) or "").strip()
    given = (given or "").strip()
    user = host or given
    if not user:
        raise TurnError("user_id is required, in the input or the run's context")
    if owner and user != owner:
        raise TurnError(FOREIGN)
    if host and given and given != host:
        raise TurnError("the input's user_id names another user than the run's context")
    return user


def _day(value: str | None, clock: Callable[[], date]) -> date:
    if not value:
        return clock()
    try:
        return parse_day(value)
    except ValueError as e:
        raise TurnError(f"today: {e}") from None


def user_text(state: State) -> str:
    """The message this turn answers: the last one, which must be the user's."""
    messages = state.get("messages") or []
    if not messages or not isinstance(messages[-1], HumanMessage):
        raise TurnError("a turn needs a user message last in `messages`")
    text = messages[-1].text.strip()
    if not text:
        raise TurnError("the message is empty")
    return text


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def excerpt(text: str, focus: int | None, limit: int) -> str:
    """`text` cut to about `limit` characters around its sentence `focus` (the start if None):
    that sentence, then its neighbours after and before while they fit, "…" where text is left
    out. A long turn says its fact among small talk; the model reads that part, not the rest."""
    parts = [" ".join(p.split()) for p in sentences.split(text, cap=None)]
    sep = "" if detect(text) == "cn" else " "
    if len(sep.join(parts)) <= limit:
        return sep.join(parts)
    first = last = min(max(focus or 0, 0), len(parts) - 1)
    size = len(parts[first])
    while True:
        grew = False
        for i in (last + 1, first - 1):
            if 0 <= i < len(parts) and size + len(sep) + len(parts[i]) <= limit:
                first, last, size = min(first, i), max(last, i), size + len(sep) + len(parts[i])
                grew = True
        if not grew:
            break
    kept = _cut(sep.join(parts[first:last + 1]), limit)
    gap = "…" + sep
    return (gap if first > 0 else "") + kept + (sep + "…" if last < len(parts) - 1 and
                                                 not kept.endswith("…") else "")


# The user's words as the companion would say them back ("I adopted a kitten, my sister..." ->
# "You adopted a kitten, your sister..."): English second person needs no verb agreement
# besides am/was, where the user's name in the third person did ("Amara tell Amara Amara is...").
_EN_BACK = [(re.compile(p), r) for p, r in (
    (r"\b[Ii]'m\b|\b[Ii] am\b", "you're"), (r"\b[Ii] was\b", "you were"),
    (r"\b[Ii] wasn't\b", "you weren't"), (r"\b(?:[Ii]|[Ww]e)'ve\b", "you've"),
    (r"\b(?:[Ii]|[Ww]e)'ll\b", "you'll"), (r"\b(?:[Ii]|[Ww]e)'d\b", "you'd"),
    (r"\b[Ww]e're\b", "you're"), (r"\b[Mm]yself\b", "yourself"),
    (r"\b[Oo]urselves\b", "yourselves"), (r"\b(?:[Mm]ine|[Oo]urs)\b", "yours"),
    (r"\b(?:[Mm]y|[Oo]ur)\b", "your"), (r"\b(?:[Ii]|[Mm]e|[Ww]e|us)\b", "you"))]
_EN_STARTS = re.compile(r"(^|[.!?…]\s+|[\"“(]\s*)you\b")
_CN_SELF = [(re.compile(p), r) for p, r in ((r"我们|俺们|咱们|我哋", "{n}他们"), (r"我|俺|咱", "{n}"))]
_CN_BACK = [(re.compile(p), r) for p, r in ((r"我们|俺们|咱们|我哋", "你们"), (r"我|俺|咱", "你"))]


def told_of(text: str, name: str, language: str, back: bool = False) -> str:
    """The user's words as a memory tells them, with no "I" of the user's for a small model to
    copy back ("I went hiking" to "What did I do?"). English: said back to the user, "I adopted
    a kitten, my sister..." -> "You adopted a kitten, your sister...", the way the reply will
    say it. Chinese: of the user by name, "我前两天去报了名" -> "王秀兰前两天去报了名", or said
    back when `back` ("你前两天去报了名"): a recap, whose reply goes on from "…5月6日，你", told
    "你提到王秀兰…" of the user by name."""
    text = text.replace("\u2019", "'")
    if language == "cn":
        for pattern, repl in _CN_BACK if back else _CN_SELF:
            said = repl.format(n=name)
            text = pattern.sub(lambda _: said, text)  # a name is text, never a pattern
        return text
    for pattern, repl in _EN_BACK:  # "My" -> "Your"; "I" is upper case anywhere: see below
        text = pattern.sub(lambda m, r=repl: r.capitalize() if m[0][0] in "MOW" else r, text)
    return _EN_STARTS.sub(lambda m: m.group(1) + "You", text)


_EN_ME = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Mm]ine|[Mm]yself)\b")
_EN_YOU = re.compile(r"\b[Yy]ou")
_EN_ASKS = re.compile(r"\?|^\s*(?:what|when|where|which|who|whose|how|why|remind me)\b", re.I)
_CN_ME, _CN_YOU = re.compile(r"[我俺咱]"), re.compile(r"[你您]")
_CN_ASKS = re.compile(r"[？?吗]|什么|啥|哪|谁|几|多少|怎么|咋")


def asks_about_self(text: str, language: str) -> bool:
    """Whether the user asks about their own life ("What is my cat called?", "我最近在忙什么？"),
    not about the companion ("What did you suggest?"). A small model reads the user's "I" and
    answers as the user ("I have been working on a new project"): such a reply must begin with
    "you" (`reply_openings`)."""
    me, you, asks = (_CN_ME, _CN_YOU, _CN_ASKS) if language == "cn" else (_EN_ME, _EN_YOU, _EN_ASKS)
    text = text.replace("\u2019", "'")
    return bool(asks.search(text) and me.search(text) and not you.search(text))


# The companion as the doer of something past: "did you", or "you" before a verb in the past
# ("you suggested", "you told me", "you have recommended", "have you given"); Chinese, 你 (and
# when, to whom) before a verb of telling, giving or teaching ("你推荐我看的", "你当时劝俺",
# "你给我出的主意", "你曾经和我推荐过").
_EN_YOU_DID = re.compile(r"\b[Dd]id you\b|\b(?:[Hh]ave you|[Yy]ou(?: have|'ve)?) "
                         r"(?:\w+ly |once |ever |just |also |then )?"
                         r"(?:\w+ed|told|said|taught|gave|given|sent|showed|shown|wrote|written|"
                         r"made|chose|chosen|found|brought|meant|thought|put|got|took|taken|lent|"
                         r"left|read)\b")
_CN_YOU_DID = re.compile(r"(?<![跟和同给給对對向问問])[你您](?:当时|當時|那时|那時|那次|上次|之前|以前|曾经|曾經|还|還|都|又|也|"
                         r"跟|和|给|給|对|對|同|帮|幫|替|我|俺|咱)*(?:推荐|推薦|建议|建議|说|說|讲|講|告诉|告訴|教|劝|勸|"
                         r"让|讓|叫|提|出|给|給|介绍|介紹|分享|发|發|选|選|挑|帮|幫|写|寫|找)")


def asks_what_companion_did(text: str, language: str) -> bool:
    """Whether the user asks about something the companion itself said or did ("What book did
    you suggest?", "你推荐我看的那本书叫啥？"): its answer speaks as "I" ("I suggested..."). The
    small model read the memory's "You replied" and its own advice given back as the user's
    ("You told me to use the windowpane test", EVALUATION.md)."""
    text = text.replace("\u2019", "'")
    asks, did = (_CN_ASKS, _CN_YOU_DID) if language == "cn" else (_EN_ASKS, _EN_YOU_DID)
    return bool(asks.search(text) and did.search(text))


_EN_US = re.compile(r"\b(?:[Yy]ou(?:'\w+|r|rs|rself)?|[Ww]e|[Uu]s|[Oo]urs?)\b")
_CN_US = re.compile(r"[你您]|我们|咱")


def shows_replies(text: str, language: str) -> bool:
    """Whether the memories in the prompt show the companion's replies, or the user's words only.
    Only for what may need them: a question that is not about the user's own life ("What did you
    suggest?", "What's a good film for tonight?"), or a message that speaks of the companion or
    of both ("Thanks for your advice", "我们上次聊的那本书"). A message that tells something
    needs the user's side of a memory only: the old replies were what the small model copied
    into its answer to news ("Old photos are like little time capsules…" to an afternoon's
    jigsaw puzzle; EVALUATION.md, "News told to the companion")."""
    text = text.replace("\u2019", "'")
    asks, us = (_CN_ASKS, _CN_US) if language == "cn" else (_EN_ASKS, _EN_US)
    if asks.search(text):
        return not asks_about_self(text, language)
    return bool(us.search(text))


# Questions that ask for help rather than for something told ("How do I fix my bike?", "我该怎么
#办？"): never answered with "you haven't told me".
_EN_ADVICE = re.compile(r"^\s*(?:how (?:do|can|could|should|would|to)|should|can|could|would|why|"
                        r"what (?:should|can|could|would)|any (?:tips|ideas|advice)|"
                        r"what (?:are|is|'s) (?:some|a good|the best)|is it (?:normal|ok|okay))\b",
                        re.I)
_CN_ADVICE = re.compile(r"怎么办|怎么(?:做|才|弄|处理)|该怎么|应该|能不能|可不可以|可以吗|有什么(?:建议|办法)|为什么|"
                        r"如何")


def asks_what_was_told(text: str, language: str) -> bool:
    """Whether the user asks about their own life for something they would have told ("What is
    my cat called?", "我对象在哪上班？"), not for advice ("How do I get my cat to eat?")."""
    advice = _CN_ADVICE if language == "cn" else _EN_ADVICE
    return asks_about_self(text, language) and not advice.search(text.replace("\u2019", "'"))


# A question for information, as it begins: a yes/no question or a statement with a question
# tagged on ("Is it weird that I named her Mochi?", "I adopted Mochi, isn't she cute?") may tell
# something new, and stays recallable.
_EN_WH = re.compile(r"^\W*(?:(?:so|and|oh|hey|ok|okay|wait|sorry)\W+)?"
                    r"(?:what|when|where|which|who|whose|how|remind me|tell me)\b", re.I)
_CN_WH = re.compile(r"什么|什麼|啥|哪|谁|誰|几|幾|多少|多大|多久|多长|多遠|多远|多高|多重|怎么|怎麼|咋")


def asks_memory(text: str, language: str) -> bool:
    """Whether the user only asks for something they would have told, with a question word
    ("What is my cat called?", "我的小猫叫什么名字？"): what the companion replies is
    its recollection, or that it has none, and the turn tells nothing new. Such a turn is marked
    when remembered, and recall leaves it out (`MemoryPiece.asked`): asked again, it matched
    best and came first, and a wrong answer given once ("Your kitten is named Max.") was given
    again over what the user had said since."""
    if not (asks_what_was_told(text, language) and sentences.only_asks(text)):
        return False
    if language == "cn":
        return bool(_CN_WH.search((sentences.clauses(text) or [""])[0]))
    return bool(_EN_WH.search(text.replace("\u2019", "'")))


def format_memory(m: Recalled, user: str, language: str, replies: bool = True,
                  back: bool = False) -> str:
    """One recalled memory for the prompt: its date, who said what; the user's long words shown
    around the sentence that matched the question (`told_of`, said `back` to the user or not),
    the reply's from its start (unless not `replies`: the user's words only); neither with the
    greeting it opened with."""
    t = COMPANION[language]
    if m["kind"] == "turn":
        said = excerpt(m["query"], m.get("focus"), MEMORY_CHARS["query"])
        query = told_of(sentences.without_greeting(said), user, language, back)
        if not (replies and (m.get("response") or "").strip()):
            return t["memory_user_only"].format(date=m["date"], user=user, query=query)
        response = sentences.without_greeting(m["response"].strip())
        return t["memory_turn"].format(date=m["date"], user=user, query=query,
                                       response=_cut(response, MEMORY_CHARS["response"]))
    return t["memory_summary"].format(date=m["date"],
                                      text=_cut(m["text"], MEMORY_CHARS["summary"]))


# How much of the best memory a reply to a question about something told is nudged toward: its
# matching sentence and what fits around it (`excerpt`).
FAVOUR_CHARS = {"en": 160, "cn": 60}


def best_words(m: Recalled, user: str, language: str) -> str:
    """The words of memory `m` that most likely answer a question about something told: a turn's
    user words around the sentence that matched, said back to the user (never the user's name,
    which the reply would then speak of); a summary's start."""
    if m["kind"] == "turn":
        return told_of(excerpt(m["query"], m.get("focus"), FAVOUR_CHARS[language]), user,
                       language, back=True)
    return _cut(m["text"], FAVOUR_CHARS[language])


def system_prompt(user: str, day: str, language: str, recalled: list[Recalled],
                  overall: str = "", portrait: str | None = None, replies: bool = True,
                  back: bool = False) -> str:
    """The companion's system prompt: role, today, recalled memories, overall summary and
    portrait, and how to reply; the new-user prompt when there is nothing to remember."""
    t = COMPANION[language]
    if not (recalled or overall or portrait):
        return t["system_new_user"].format(user=user, today=day)
    return t["system"].format(
        user=user, today=day,
        memories="\n".join(format_memory(m, user, language, replies, back) for m in recalled)
        or t["no_memories"],
        overall_history=overall or t["no_overall_history"],
        overall_personality=portrait or t["no_overall_personality"])


def prompt_messages(user: str, day: str, language: str, recalled: list[Recalled],
                    overall: str, portrait: str | None, past: list[AnyMessage],
                    message: str, replies: bool = True, back: bool = False) -> list[AnyMessage]:
    """Everything the chat model reads for one reply: the system prompt, the thread's recent
    exchanges and the user's message."""
    system = system_prompt(user, day, language, recalled, overall, portrait, replies, back)
    return [SystemMessage(system), *past, HumanMessage(message)]


def history(messages: list[AnyMessage], exchanges: int) -> list[AnyMessage]:
    """The thread's last `exchanges` exchanges before the current message."""
    if exchanges <= 0:
        return []
    past = [m for m in messages[:-1] if isinstance(m, (HumanMessage, AIMessage))]
    starts = [i for i, m in enumerate(past) if isinstance(m, HumanMessage)]
    return past[starts[-exchanges]:] if len(starts) >= exchanges else past


class CompanionNodes:
    """The nodes, sharing the chat model, the memory store and the clock."""

    def __init__(self, model: BaseChatModel, store: MemoryStore, *, curve: ForgettingCurve,
                 clock: Callable[[], date], defaults: Context, weights: RecallWeights,
                 reflect_every: int | None, reflector: ReflectionWorker) -> None:
        self.model, self.store, self.curve, self.clock = model, store, curve, clock
        self.defaults = defaults
        self.weights = weights  # the retriever's ranking weights
        self.reflect_every = reflect_every  # None: the graph never reflects by itself
        self.reflector = reflector  # runs reflection passes off the reply path

    def _setting(self, runtime: Runtime[Context], name: str) -> int:
        value = getattr(runtime.context, name, None) if runtime.context else None
        return getattr(self.defaults, name) if value is None else value

    def retrieve(self, state: State, runtime: Runtime[Context]) -> dict:
        """Checks the turn, then recalls this user's memories for the message (reinforcing them)."""
        user = speaker(state.get("user_id"), runtime.context, state.get("owner"))
        language = state.get("language") or "en"
        if language not in COMPANION:
            raise TurnError(f"language must be one of {sorted(COMPANION)}, got {language!r}")
        query = user_text(state)
        day = _day(state.get("today"), self.clock)
        # What the prompt shows of this conversation takes no slot of an older memory; it is
        # recalled as well only when it is among the best for the message (`_slots`).
        shown = frozenset(m.text.strip() for m in history(
            state["messages"], self._setting(runtime, "history_exchanges"))
            if isinstance(m, HumanMessage))
        retriever = EbbinghausRetriever(
            store=self.store, user_id=user, k=self._setting(runtime, "recall_k"),
            curve=self.curve, today=day, shown=shown, weights=self.weights)
        recalled = [Recalled(text=d.page_content, **{k: v for k, v in d.metadata.items()
                                                      if k in Recalled.__annotations__})
                    for d in retriever.invoke(query)]
        return {"query": query, "recalled": recalled, "day": day.isoformat(), "owner": user,
                "user_id": user, "language": language, "error": None}

    def prompt(self, state: State, exchanges: int) -> list[AnyMessage]:
        """System prompt (role, duties, memories, overall summary and portrait) + recent turns,
        in the language of the user's message (the thread's language when it has no words)."""
        user = state["user_id"].strip()
        language = detect(state["query"], default=state.get("language") or "en")
        profile = self.store.profile(user)
        name = (profile.name if profile else "") or user  # an account's id is not a name
        return prompt_messages(name, state["day"], language, state.get("recalled") or [],
                               profile.overall_history if profile else "",
                               profile.overall_personality if profile else None,
                               history(state["messages"], exchanges), state["query"],
                               replies=shows_replies(state["query"], language),
                               back=self._recap(state, language))

    def _recap(self, state: State, language: str) -> bool:
        """Whether the message asks what the user has been up to lately (`recap_start`)."""
        return bool(asks_about_self(state["query"], language)
                    and read_query(state["query"], date.fromisoformat(state["day"])).recap)

    def openings(self, state: State, messages: list[AnyMessage]) -> dict:
        """For a model that takes them (the local ones), how a reply to a question about the
        user's own life begins (`asks_about_self`): "You"/"Your", "你"; or, when it asks for
        something told and nothing recalled holds it, "I don't think you've told me" (`not_told`).
        Nothing recalled holds it when nothing was recalled, or when the model, asked whether
        its memories answer the question, says no (`LocalChatModel.doubts`); a recap ("what did I
        do recently?") asks for no one thing told, so whatever its days recalled answers it, and
        its reply begins with the first memory's date ("From what you've told me, on May 6, you",
        "根据我的记忆，5月6日，你": `recap_start`): from "You"/"你" the bundled model guessed ("You've
        been busy with work and personal commitments.") or, in Chinese, said the question back
        ("你最近都在忙些什么？"), EVALUATION.md; and it ends at the first sentence end past
        `recap_chars` characters, where it had gone on through every memory. A question for
        something told that the check lets through is written leaning to the best memory's own
        words (`favour`, `best_words`): the model had answered "Abuja" with "Accra" first."""
        language = detect(state["query"], default=state.get("language") or "en")
        if not getattr(self.model, "takes_openings", False):
            return {}
        t = COMPANION[language]
        if asks_what_companion_did(state["query"], language) and state.get("recalled"):
            return {"openings": t["own_openings"], "not_next": t["own_not_next"]}
        if not asks_about_self(state["query"], language):
            return {}
        recap = self._recap(state, language)
        if asks_what_was_told(state["query"], language):
            check = HumanMessage(t["self_check"].format(message=messages[-1].text))
            doubts = None if recap else getattr(self.model, "doubts", None)
            if not state.get("recalled") or (doubts and doubts([*messages[:-1], check],
                                                                *t["check_words"], language)):
                return {"start": t["not_told"]}
        if recap and t["recap_start"] and state.get("recalled"):
            first = date.fromisoformat(state["recalled"][0]["date"])
            return {"start": t["recap_start"].format(date=first), "wrap_up": t["recap_chars"]}
        if asks_what_was_told(state["query"], language) and state.get("recalled"):
            return {"openings": t["reply_openings"],
                    "favour": best_words(state["recalled"][0], state["user_id"], language)}
        return {"openings": t["reply_openings"]}

    def respond(self, state: State, runtime: Runtime[Context]) -> dict:
        """Asks the chat model (it streams when the caller streams messages)."""
        messages = self.prompt(state, self._setting(runtime, "history_exchanges"))
        opening: dict = {}
        try:  # the openings may ask the model too (its self-check)
            opening = self.openings(state, messages)
            reply = self.model.invoke(messages, **opening)
        except Exception as e:  # any backend, any failure: remember the message, then report
            return {"error": f"the chat model failed: {type(e).__name__}: {e}", "declined": False}
        if not reply.text.strip():
            return {"error": "the chat model returned an empty reply", "declined": False}
        return {"messages": [AIMessage(reply.text.strip(), id=reply.id,
                                       response_metadata=reply.response_metadata)],
                "declined": opening.get("start") in NOT_TOLD}

    def remember(self, state: State) -> dict:
        """Writes the exchange under its day (the user's message alone if the model failed)."""
        reply = "" if state.get("error") else state["messages"][-1].text
        asked = next(m for m in reversed(state["messages"]) if isinstance(m, HumanMessage))
        # The message id keys the write: a resumed run that replays this node stores no twin.
        language = detect(state["query"], default=state.get("language") or "en")
        piece = self.store.add_turn(state["user_id"].strip(), date.fromisoformat(state["day"]),
                                    state["query"], reply, key=asked.id,
                                    asked=bool(reply) and (bool(state.get("declined"))
                                                           or asks_memory(state["query"], language)))
        # `today` holds for one turn only: a thread that goes on tomorrow asks the clock again.
        return {"remembered": piece.id, "today": None, "turns_today": piece.index + 1,
                "reflection": {}}

    def reflection(self, state: State) -> Reflector:
        return Reflector(self.store, self.model, REFLECTION[state.get("language") or "en"],
                         every=self.reflect_every or 0, tags=(BACKGROUND,))

    def after_remember(self, state: State) -> str:
        """fail if the model failed; else hand reflection to the background (if the graph
        reflects at all); else the end."""
        if state.get("error"):
            return "fail"
        return "reflect" if self.reflect_every else END

    def reflect(self, state: State) -> dict:
        """Queues a reflection pass for this user in the background and returns at once: the
        pass checks whether a day has ended or turns piled up, then summarizes. The reply is
        already streamed and stored and never waits for it; a failure is kept in the worker's
        `last`, never raised into the turn."""
        user, day = state["user_id"].strip(), parse_day(state["day"])
        reflection, turns = self.reflection(state), state["turns_today"]

        def work():
            return reflection.reflect(user, day) if reflection.due(user, day, turns) else None

        started = self.reflector.submit(user, work)
        return {"reflection": {"queued": True, "after_running_pass": not started}}


def fail(state: State) -> dict:
    """Reports the chat model's failure to the caller, after `remember` kept the message."""
    raise ChatModelError(f"{state['error']} (your message was remembered)")
