"""The companion graph's wiring, on a real Chroma with the real bundled embeddings and a fake chat
model that records what it was sent (the graph, not the model, is under test here)."""
from __future__ import annotations

from datetime import date

import pytest
from langchain.agents import create_agent
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, MessagesState, StateGraph
from pydantic import Field

from app.companion import Threads
from prompts.companion import COMPANION
from graph import ChatModelError, Context, TurnError, build_graph
from graph.nodes import FAVOUR_CHARS, asks_about_self, asks_memory, asks_what_companion_did, \
    asks_what_was_told, excerpt, format_memory, told_of
from graph.tool import companion_tool
from memory.store import MemoryStore


class Recorder(GenericFakeChatModel):
    """Replies from a list, and keeps every prompt it was sent."""
    seen: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.seen.append(list(messages))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


class Broken(GenericFakeChatModel):
    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        raise ConnectionError("endpoint unreachable")


def replies(*texts: str) -> Recorder:
    return Recorder(messages=iter([AIMessage(t) for t in texts]))


def turn(text: str, user: str = "Emily", today: str | None = None, **extra) -> dict:
    return {"messages": [HumanMessage(text)], "user_id": user, "today": today, **extra}


def thread(name: str = "t") -> dict:
    return {"configurable": {"thread_id": name}}


def test_a_day_one_turn_is_recalled_with_its_date_on_day_five(store):
    model = replies("What a lovely name!", "Your kitten is Mochi.")
    g = build_graph(model, store, checkpointer=InMemorySaver())
    first = g.invoke(turn("I adopted a kitten today, her name is Mochi.", today="2023-05-01"),
                     thread())
    assert first["day"] == "2023-05-01" and first["remembered"] == "Emily_2023-05-01_0"
    assert first["recalled"] == []  # nothing to recall yet
    assert "no memories" in model.seen[0][0].text  # the new-user prompt

    out = g.invoke(turn("What is my kitten called?", today="2023-05-05"), thread("other"))
    [m] = [m for m in out["recalled"] if m["id"] == "Emily_2023-05-01_0"]
    assert m["date"] == "2023-05-01" and m["kind"] == "turn" and "Mochi" in m["text"]
    assert m["strength"] == 2 and 0 < m["retention"] < 1 and m["similarity"] > 0.3
    system = model.seen[1][0]
    assert isinstance(system, SystemMessage)
    # a question about her own life: her words, not the companion's reply
    assert system.text.endswith(
        "- On 2023-05-01, Emily told you: You adopted a kitten today, her name is Mochi.")
    assert "Today is 2023-05-05" in system.text
    assert out["messages"][-1].text == "Your kitten is Mochi."
    assert [p.id for p in store.pieces("Emily")] == ["Emily_2023-05-01_0", "Emily_2023-05-05_0"]
    assert store.pieces("Emily")[1].response == "Your kitten is Mochi."


def test_the_companions_replies_are_shown_only_where_the_message_speaks_of_them(store):
    store.add_turn("Emily", date(2023, 5, 1), "I can't sleep before exams.",
                   "Try the 4-7-8 breathing: in for 4, hold for 7, out for 8.")
    model = replies("Exams do.", "It was 4-7-8.", "Glad to hear it.", "So glad!", "Oh no.")
    g = build_graph(model, store, reflect_every=None)
    reply = ' You replied: "Try the 4-7-8 breathing: in for 4, hold for 7, out for 8."'
    told = "- On 2023-05-01, Emily told you: You can't sleep before exams."
    # about her own life: her words only (the reply would be one more thing to answer from)
    g.invoke(turn("What keeps me from sleeping?", today="2023-05-04"), thread("a"))
    assert model.seen[0][0].text.endswith(told)
    # about what the companion said: its reply is the answer
    g.invoke(turn("What breathing trick did you suggest?", today="2023-05-04"), thread("b"))
    assert model.seen[1][0].text.endswith(told + reply)
    # news, speaking of neither: her words only (old replies were copied into the answer)
    g.invoke(turn("Slept well last night before the exam!", today="2023-05-04"), thread("c"))
    assert told in model.seen[2][0].text and "You replied" not in model.seen[2][0].text
    # speaking of the companion, or of both: the whole exchange, as the conversation went
    g.invoke(turn("Your breathing trick worked, I slept well!", today="2023-05-04"), thread("d"))
    assert told + reply in model.seen[3][0].text
    g.invoke(turn("上次我们聊的考试，我没考好。", today="2023-05-04", language="cn"), thread("e"))
    assert "你回答：“Try the 4-7-8 breathing: in for 4, hold for 7, out for 8.”" in \
        model.seen[4][0].text


def test_tokens_stream_through_messages_mode(store):
    g = build_graph(replies("I am so glad you told me that."), store)
    chunks = [(c.text, meta["langgraph_node"]) for c, meta in
              g.stream(turn("I passed my exam!", today="2023-05-01"), stream_mode="messages")]
    assert len(chunks) > 3 and {node for _, node in chunks} == {"respond"}
    assert "".join(t for t, _ in chunks) == "I am so glad you told me that."


def test_overall_summary_and_portrait_reach_the_prompt(store):
    store.add_turn("Emily", date(2023, 5, 1), "I love hiking.", "Nice!")
    profile = store.profile("Emily")
    profile.overall_history = "Emily moved to Lisbon in April."
    profile.overall_personality = "Curious and kind; likes gentle encouragement."
    store.save_profile(profile)
    model = replies("ok")
    build_graph(model, store).invoke(turn("Any plans for me?", today="2023-05-03"))
    system = model.seen[0][0].text
    assert "Emily moved to Lisbon in April." in system
    assert "Curious and kind; likes gentle encouragement." in system


def test_model_failure_keeps_the_message_and_the_next_turn_works(store):
    saver = InMemorySaver()
    g = build_graph(Broken(messages=iter([])), store, checkpointer=saver)
    with pytest.raises(ChatModelError, match="endpoint unreachable.*remembered"):
        g.invoke(turn("Please remember: my sister is called Ana.", today="2023-05-01"), thread())
    [kept] = store.pieces("Emily")
    assert kept.query == "Please remember: my sister is called Ana." and kept.response == ""

    model = replies("Ana, of course.")
    g = build_graph(model, store, checkpointer=saver)  # the endpoint is back
    out = g.invoke(turn("What is my sister called?", today="2023-05-02"), thread())
    assert out["messages"][-1].text == "Ana, of course."
    # the model reads the kept message: in the thread it is part of the conversation shown...
    assert [m.text for m in model.seen[0][1:]] == ["Please remember: my sister is called Ana.",
                                                   "What is my sister called?"]
    assert len(store.pieces("Emily")) == 2
    # ...and in a new conversation it is recalled
    model = replies("Ana.")
    out = build_graph(model, store, checkpointer=saver).invoke(
        turn("What is my sister called?", today="2023-05-03"), thread("new"))
    assert any("Ana" in m["text"] for m in out["recalled"])


@pytest.mark.parametrize("bad, message", [
    (turn("   "), "empty"),
    (turn("hi", user=" "), "user_id"),
    (turn("hi", today="May 5"), "YYYY-MM-DD"),
    (turn("hi", language="fr"), "language"),
    ({"messages": [AIMessage("hi")], "user_id": "Emily"}, "user message"),
])
def test_bad_turns_get_a_clear_error_and_store_nothing(store, bad, message):
    model = replies("never sent")
    with pytest.raises(TurnError, match=message):
        build_graph(model, store).invoke(bad)
    assert store.pieces("Emily") == [] and model.seen == []


def test_recent_exchanges_of_the_thread_go_to_the_model(store):
    model = replies(*[f"reply {i}" for i in range(6)])
    g = build_graph(model, store, checkpointer=InMemorySaver(), history_exchanges=2)
    for i in range(5):
        g.invoke(turn(f"message {i}", today="2023-05-01"), thread())
    sent = model.seen[-1]
    assert [m.text for m in sent[1:]] == ["message 2", "reply 2", "message 3", "reply 3",
                                          "message 4"]
    # per-run context overrides the graph's defaults
    g.invoke(turn("message 5", today="2023-05-01"), thread(),
             context=Context(history_exchanges=0, recall_k=1))
    assert [m.text for m in model.seen[-1][1:]] == ["message 5"]
    assert len(g.get_state(thread()).values["recalled"]) == 1


def test_a_long_memory_is_shown_around_what_the_question_asked():
    told = ("Rough morning. The bus was late and my umbrella broke. Picked up a bag of beans from "
            "Ridgeline Roasters on the way. At least the office was warm. Then the meeting ran "
            "over by an hour, and my boss was grumpy about the quarterly numbers. I need a holiday "
            "somewhere sunny, maybe Lisbon in June.")
    # the best sentence (focus 2), then its neighbours after and before while they fit
    assert excerpt(told, 2, 140) == ("… The bus was late and my umbrella broke. Picked up a bag "
                                     "of beans from Ridgeline Roasters on the way. At least the "
                                     "office was warm. …")
    assert excerpt(told, None, 1000) == told  # short enough: whole
    assert excerpt(told, None, 60) == "Rough morning. The bus was late and my umbrella broke. …"
    # one sentence longer than the budget is cut, never dropped; nothing lost past 32 sentences
    assert excerpt(" ".join(f"{i}." for i in range(50)), None, 1000).endswith("48. 49.")
    assert excerpt("word " * 100, 0, 50).endswith("…") and len(excerpt("word " * 100, 0, 50)) == 50
    # Chinese: sentences joined without spaces
    said = "今天去医院做了个胃镜，俺怕得要死。结果还行，大夫说是浅表性胃炎，不要紧。让俺按时吃饭，少吃辣的凉的。楼下的老王也去了。"
    assert excerpt(said, 1, 40) == "…结果还行，大夫说是浅表性胃炎，不要紧。让俺按时吃饭，少吃辣的凉的。…"
    # in the prompt: a pasted essay of the user's, shown around its matching sentence
    essay = " ".join(f"Line {i} of a long day." for i in range(20)) + " My cat is Mochi."
    shown = format_memory({"kind": "turn", "date": "2023-05-01", "query": essay, "focus": 20,
                           "response": "Cute!"}, "Emily", "en")
    assert shown.startswith("- On 2023-05-01, Emily told you: … Line ") and \
        shown.endswith('of a long day. Your cat is Mochi. You replied: "Cute!"')


def test_the_users_words_are_said_back_to_them_in_english_and_told_by_name_in_chinese():
    # English: as the reply will say it, in the second person, whose verbs need no agreeing
    assert told_of("Every morning I tell myself I'm going to start slow, and I end up rushing "
                   "out with my hair wet.", "Amara", "en") == \
        "Every morning you tell yourself you're going to start slow, and you end up rushing " \
        "out with your hair wet."
    assert told_of("I’ve got a new iPhone. Mine is blue. I'll keep it, I was sure.", "Bo",
                   "en") == "You've got a new iPhone. Yours is blue. You'll keep it, you were sure."
    assert told_of("Bisi lives near, so we carpool in her car and it's ours to share. Give me "
                   "a lift? i said.", "Bo", "en") == \
        "Bisi lives near, so you carpool in her car and it's yours to share. Give you a lift? " \
        "You said."
    assert told_of("Iris and Mike went to Illinois with the youth club, US 66.", "Bo", "en") \
        == "Iris and Mike went to Illinois with the youth club, US 66."  # words, not letters
    assert told_of("俺前两天去报了名，我们每周四排练，我的老师姓孔。", "王秀兰", "cn") == \
        "王秀兰前两天去报了名，王秀兰他们每周四排练，王秀兰的老师姓孔。"
    assert told_of("我赢了。", r"Zoë \1 (\g<0>)", "cn") == r"Zoë \1 (\g<0>)赢了。"  # names are text
    assert told_of("俺前两天去报了名，我们每周四排练，我的老师姓孔。", "王秀兰", "cn", back=True) == \
        "你前两天去报了名，你们每周四排练，你的老师姓孔。"  # said back, for a recap
    shown = format_memory({"kind": "turn", "date": "2023-05-01", "response": "Lovely!",
                           "query": "I adopted a kitten, her name is Mochi."}, "Emily Chen", "en")
    assert shown == ('- On 2023-05-01, Emily Chen told you: You adopted a kitten, her name is '
                     'Mochi. You replied: "Lovely!"')
    # a greeting is no memory: "5月5日，你告诉我你好，朋友。" was a recap's reading of one
    shown = format_memory({"kind": "turn", "date": "5月5日", "response": "你好！天气好就该出去走走。",
                           "query": "你好，朋友。今天的天气真好，我想去公园里散步。"}, "郝明", "cn")
    assert shown == "- 5月5日，郝明告诉你：今天的天气真好，郝明想去公园里散步。 你回答：“天气好就该出去走走。”"


class Opener(Recorder):
    """A model that takes `openings` (words its reply must begin with) and `start` (the text it
    must begin with), as the local ones do."""
    takes_openings: bool = True
    openings: list = Field(default_factory=list)
    not_next: list = Field(default_factory=list)  # words the reply's second token may not begin
    wrap_ups: list = Field(default_factory=list)  # the length past which a reply wraps up
    favours: list = Field(default_factory=list)  # the words a reply is nudged toward

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        self.openings.append(kwargs.get("start") or kwargs.get("openings"))
        self.not_next.append(kwargs.get("not_next"))
        self.wrap_ups.append(kwargs.get("wrap_up"))
        self.favours.append(kwargs.get("favour"))
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


class Doubter(Opener):
    """A local model whose self-check says, for each question in turn, whether it doubts."""
    said: list = Field(default_factory=list)
    checks: list = Field(default_factory=list)

    def doubts(self, messages, yes, no, language) -> bool:
        self.checks.append((messages[-1].text, yes, no, language))
        return self.said.pop(0)


def test_a_question_about_the_users_own_life_gets_a_reply_that_begins_with_you(store):
    model = Opener(messages=iter([AIMessage(t) for t in (
        "Lovely!", "You named her Mochi.", "I suggested a bell.", "That's great!")]))
    g = build_graph(model, store, checkpointer=InMemorySaver())
    for i, said in enumerate(("I adopted a kitten, her name is Mochi.", "What did I name my kitten?",
                              "What did you suggest for her collar?", "I bought her a bell.")):
        g.invoke(turn(said, today="2023-05-05"), thread(str(i)))
    # ...and one about what the companion itself said, a reply that speaks as "I"
    assert model.openings == [None, ("You", "Your"), ("I",), None]
    # ...whose next word is not "remember" ("I remember that you told me…" gave it back)
    assert model.not_next == [None, None, ("remember", "recall", "replied"), None]
    cn = Opener(messages=iter([AIMessage("你的猫叫芝麻。"), AIMessage("我推荐了铃铛。")]))
    for said in ("我的猫叫什么？", "你给我推荐的项圈是哪种？"):
        build_graph(cn, store).invoke(turn(said, language="cn", today="2023-05-05"))
    assert cn.openings == [("你",), ("我",)]
    assert "叫" in cn.not_next[1] and cn.not_next[0] is None  # 我叫… reads "my name is"
    plain = replies("Mochi.")  # a model that takes no openings (an OpenAI endpoint) gets none
    out = build_graph(plain, store).invoke(turn("What did I name my kitten?", today="2023-05-05"))
    assert out["messages"][-1].text == "Mochi."


def test_a_question_about_something_told_nudges_the_reply_toward_the_best_memory(store):
    """`favour=`: for a question about something told, the words of the best memory around the
    sentence that matched, said back to the user (in Chinese too: never the user's name, which
    the reply would then speak of); nothing for advice, for what the companion said, for news."""
    store.add_turn("Emily", date(2023, 5, 1), "Big news today. I adopted a kitten, her name is "
                   "Mochi, and she is tiny.", "Lovely!")
    store.add_turn("Emily", date(2023, 5, 2), "I went to the dentist and my tooth is fine.", "Good.")
    model = Opener(messages=iter([AIMessage(t) for t in (
        "You named her Mochi.", "Try a puzzle feeder.", "I suggested a bell.", "Lovely!")]))
    g = build_graph(model, store, reflect_every=None)
    for said in ("What did I name my kitten?", "How do I get my kitten to eat slower?",
                 "What did you suggest for her collar?", "I bought her a bell."):
        g.invoke(turn(said, today="2023-05-05"))
    assert model.favours == [
        "Big news today. You adopted a kitten, her name is Mochi, and she is tiny.",
        None, None, None]
    # a long turn: the sentence that matched and what fits around it (FAVOUR_CHARS), not its start
    small_talk = " ".join(f"The weather on day {i} was grey and mild." for i in range(8))
    store.add_turn("Ana", date(2023, 5, 1), f"{small_talk} My sister Lucia moved to Porto in "
                   f"March. {small_talk}", "Oh, Porto!")
    model = Opener(messages=iter([AIMessage("Porto.")]))
    build_graph(model, store, reflect_every=None).invoke(
        turn("Where did my sister move to?", user="Ana", today="2023-05-05"))
    nudged = model.favours[0]
    assert "Your sister Lucia moved to Porto in March." in nudged, nudged
    # (cut to FAVOUR_CHARS before it is said back: "My" -> "Your" adds two characters)
    assert nudged.startswith("… ") and len(nudged) <= FAVOUR_CHARS["en"] + len("… " + " …") + 2
    cn = Opener(messages=iter([AIMessage("你的猫叫芝麻。")]))
    store.add_turn("小明", date(2023, 5, 1), "我领养了一只三花猫，叫芝麻。", "真好！")
    build_graph(cn, store, reflect_every=None).invoke(
        turn("我的猫叫什么？", user="小明", language="cn", today="2023-05-05"))
    assert cn.favours == ["你领养了一只三花猫，叫芝麻。"]


def test_a_question_about_something_never_told_gets_a_reply_that_says_so(tmp_path):
    store = MemoryStore.open(tmp_path / "data")  # the default embedding, with its relevance floor
    store.add_turn("Emily", date(2023, 5, 1), "I adopted a kitten, her name is Mochi.", "Lovely!")
    model = Doubter(messages=iter([AIMessage(t) for t in (
        "I don't think you've told me about a dentist.", "You named her Mochi.",
        "I don't think you've told me which vet.", "You can try a puzzle feeder.",
        "I don't think you've told me which vet.")]), said=[False, True, True])
    g = build_graph(model, store, reflect_every=None)
    asked, kept = [], []
    for said in ("What did my dentist say about my wisdom teeth?", "What did I name my kitten?",
                 "Which vet did I take my kitten to?", "How do I get my kitten to eat slower?"):
        out = g.invoke(turn(said, today="2023-05-05"))
        asked.append(out["recalled"])
        kept.append(store.find("Emily", out["remembered"]))
    not_told = "I don't think you've told me"
    # a question for something told is marked so, answered or declined, advice not; recall
    # leaves the marked ones out when a question comes again
    assert [p.asked for p in kept] == [True, True, True, False]
    again = g.invoke(turn("Which vet did I take my kitten to?", today="2023-05-06"))["recalled"]
    assert not {kept[1].id, kept[2].id} & {m["id"] for m in again}
    assert "I adopted a kitten, her name is Mochi." in [m.get("query") for m in again]
    # the dentist question recalled nothing (the relevance floor), so the model was not asked;
    # it was asked about the two kitten questions (something was recalled); advice never is
    assert [len(r) > 0 for r in asked] == [False, True, True, True]
    assert model.openings == [not_told, ("You", "Your"), not_told, ("You", "Your"), not_told]
    assert [c[0].split("\n")[0] for c in model.checks] == [
        "What did I name my kitten?", "Which vet did I take my kitten to?",
        "Which vet did I take my kitten to?"]
    assert model.checks[0][0].endswith("Reply with only yes or no.")
    assert model.checks[0][1:] == (("yes", "Yes"), ("no", "No"), "en")
    # its check sees the same prompt as the reply would, the question replaced by the check
    assert "Mochi" in model.seen[1][0].text
    cn = Doubter(messages=iter([AIMessage("你好像还没跟我说过。")]), said=[True])
    store.add_turn("小明", date(2023, 5, 1), "我领养了一只三花猫，叫芝麻。", "真好！")
    build_graph(cn, store).invoke(turn("我的猫在哪家医院看的病？", user="小明", language="cn",
                                       today="2023-05-05"))
    assert cn.openings == ["你好像还没跟我说过"] and cn.checks[0][1:] == (("有",), ("没",), "cn")
    # a recap asks for no one thing told: what its days recalled answers it, unchecked
    # and begins with the first memory's date (from "You" the bundled model guessed, from "你"
    # it said the question back); a reply so begun is no decline
    recap = Doubter(messages=iter([AIMessage("From what you've told me, on May 1, you adopted "
                                             "Mochi.")]), said=[False])
    out = build_graph(recap, store, reflect_every=None).invoke(
        turn("What did I do recently?", today="2023-05-05"))
    assert out["recalled"][0]["date"] == "2023-05-01" and recap.checks == []
    assert recap.openings == ["From what you've told me, on May 1, you"]
    assert recap.wrap_ups == [COMPANION["en"]["recap_chars"]]  # a few memories, not every one
    said_back = Doubter(messages=iter([AIMessage("根据我的记忆，5月1日，你领养了芝麻。"),
                                       AIMessage("你好像还没跟我说过。")]), said=[True])
    g = build_graph(said_back, store, reflect_every=None, checkpointer=InMemorySaver())
    declined = []
    for i, said in enumerate(("我最近都在忙些什么？", "我的猫在哪家医院看的病？")):
        g.invoke(turn(said, user="小明", language="cn", today="2023-05-05"), thread(f"cn{i}"))
        declined.append(g.get_state(thread(f"cn{i}")).values["declined"])
    assert said_back.openings == ["根据我的记忆，5月1日，你", "你好像还没跟我说过"]
    assert said_back.wrap_ups == [COMPANION["cn"]["recap_chars"], None]
    assert len(said_back.checks) == 1 and declined == [False, True]
    # the recap's memories are said back to the user, as its reply goes on from "…你" (by name
    # it told "你提到小明…"); other questions' tell of the user by name
    prompts = [seen[0].text for seen in said_back.seen]
    assert "小明告诉你：你领养了一只三花猫，叫芝麻。" in prompts[0]
    assert "小明告诉你：小明领养了一只三花猫，叫芝麻。" in prompts[-1]
    plain = replies("I'm not sure.")  # a model that takes no openings is never asked
    out = build_graph(plain, store).invoke(turn("Which vet did I use?", today="2023-05-05"))
    assert out["messages"][-1].text == "I'm not sure."


def test_what_asks_for_something_told():
    told = ["What is my cat called?", "Which vet did I take my kitten to?", "Where do I work now?",
            "What did my dentist say?"]
    advice = ["How do I get my kitten to eat slower?", "Should I call my sister?",
              "Why do I feel so tired?", "What should I cook for my mum?",
              "Any tips for my interview?", "What are some easy ways to make my home cozier?",
              "Is it normal to feel tired all the time even when I'm sleeping enough?"]
    assert [asks_what_was_told(t, "en") for t in told] == [True] * len(told)
    assert [asks_what_was_told(t, "en") for t in advice] == [False] * len(advice)
    assert [asks_what_was_told(t, "cn") for t in ("我的猫叫什么？", "我对象在哪上班？")] == [True] * 2
    assert [asks_what_was_told(t, "cn") for t in ("我该怎么跟我妈说？", "我为什么总是睡不着？",
                                                  "我的猫不吃饭怎么办？")] == [False] * 3


def test_what_asks_memory_for_something_told():
    """Marked when remembered and left out of recall (`MemoryPiece.asked`): a question for
    something told, with a question word; not a yes/no question or a statement with a question
    tagged on, which may tell something new, nor advice, nor a question about the companion."""
    asks = ["What is my cat called?", "So, what is my kitten called again?",
            "Which vet did I take her to?", "Remind me what my dentist is called?"]
    tells = ["I adopted Mochi today, isn't she cute?", "Is it weird that I named my kitten Mochi?",
             "I adopted a kitten. What should I call her?", "How do I get my cat to eat?",
             "What did you suggest for my commute?"]
    assert [asks_memory(t, "en") for t in asks] == [True] * len(asks)
    assert [asks_memory(t, "en") for t in tells] == [False] * len(tells)
    assert [asks_memory(t, "cn") for t in ("我的小猫叫什么名字？", "我家那只猫叫什么名字来着？",
                                           "我的经理多大了？", "我上班要骑多久？")] == [True] * 4
    assert [asks_memory(t, "cn") for t in ("我今天领养了一只猫，可爱吧？", "我的猫可爱吗？",
                                           "我的猫不吃饭怎么办？", "你给我推荐的是哪本书？")] == [False] * 4


def test_a_wrong_answer_is_not_given_again_over_what_the_user_said_since(store):
    """Asked, the companion invented a name; the user then told it. Asked again, the earlier
    asking (its words the question's own) would come first with the invented name."""
    model = replies("Lovely! How does she feel?", "Your kitten is named Max.", "Oh, Mochi!",
                    "Your kitten is named Mochi.")
    g = build_graph(model, store, reflect_every=None)
    for day, said in (("2023-05-01", "I adopted a kitten today! She's tiny and grey."),
                      ("2023-05-02", "What is my kitten called?"),
                      ("2023-05-03", "Her name is Mochi, by the way. She chewed my headphones.")):
        g.invoke(turn(said, today=day))
    recalled = g.invoke(turn("What is my kitten called?", today="2023-05-06"))["recalled"]
    assert "Your kitten is named Max." not in [m.get("response") for m in recalled]
    assert "Her name is Mochi, by the way. She chewed my headphones." in [
        m.get("query") for m in recalled]


def test_what_asks_about_the_users_own_life():
    asks = ["What is my cat called?", "What have I been up to lately?", "Remind me of my dog's name",
            "I'm saving for a trip. Which city is it in?", "Where do I work now?"]
    not_asks = ["What did you suggest for my eyes?", "Do you remember my cat?", "How are you?",
                "I adopted a kitten today.", "Tell me a joke.", "What is the capital of Peru?"]
    assert [asks_about_self(t, "en") for t in asks] == [True] * len(asks)
    assert [asks_about_self(t, "en") for t in not_asks] == [False] * len(not_asks)
    assert [asks_about_self(t, "cn") for t in ("我最近在忙什么？", "俺现在住在哪儿？", "我家猫叫啥")] == \
        [True] * 3
    assert [asks_about_self(t, "cn") for t in ("你还记得我的猫叫什么吗？", "我今天去爬山了",
                                               "北京在哪里？")] == [False] * 3


def test_what_asks_what_the_companion_said_or_did():
    asks = ["What did you suggest for my eyes?", "Which book did you recommend?",
            "You gave me a recipe once, what was it?", "What was that trick you taught me?",
            "How long did you say my toast should last?", "You pointed me to a course, which one?",
            "Which podcasts have you recommended to me?", "What tips have you given me for sleep?",
            "You've suggested a few films, which ones?"]
    not_asks = ["What did I tell you about my sister?", "Do you remember my cat?",
                "How are you?", "You suggested Stoner, thanks!", "Can you recommend a book?",
                "What is my cat called?", "I have recommended two films to you, which ones?",
                "Have you ever been to Lisbon?"]
    assert [asks_what_companion_did(t, "en") for t in asks] == [True] * len(asks)
    assert [asks_what_companion_did(t, "en") for t in not_asks] == [False] * len(not_asks)
    assert [asks_what_companion_did(t, "cn") for t in (
        "上周你给我推荐了什么？", "你当时劝俺换成啥锻炼？", "你教我的那个动作叫啥？",
        "你建議我用的那個方法叫什麼？", "你之前和我推荐过几部纪录片，是哪几部？")] == [True] * 5
    # the user telling the companion (跟你提过, 同你讲) is not the companion telling
    assert [asks_what_companion_did(t, "cn") for t in (
        "我老伴叫啥名来着，我跟你提过一回。", "前阵子我同你讲嘅大好消息系咩？", "你觉得我该怎么办？",
        "你推荐的书真好看。", "我之前和你推荐过几部纪录片，是哪几部？")] == [False] * 5


def test_what_the_conversation_shows_is_not_recalled_again(store):
    # Told weeks ago; then, in today's conversation, questions much like the next one.
    store.add_turn("Emily", date(2023, 4, 2), "My brother Tom moved to Oslo for a job at a bank.",
                   "Oslo! Exciting for him.")
    store.add_turn("Emily", date(2023, 4, 3), "I started pottery classes on Thursdays.", "Fun!")
    model = replies(*[f"reply {i}" for i in range(6)])
    g = build_graph(model, store, checkpointer=InMemorySaver(), history_exchanges=2, recall_k=2,
                    reflect_every=None)
    for text in ("Where did my brother move to?", "Where does my brother live now?"):
        g.invoke(turn(text, today="2023-05-01"), thread())
    out = g.invoke(turn("Which city is my brother in these days?", today="2023-05-01"), thread())
    # the two questions before it are in the prompt's history; recall brings what they are not
    assert [m["query"] for m in out["recalled"]][0].startswith("My brother Tom moved to Oslo")
    assert not {m["query"] for m in out["recalled"]} & {"Where did my brother move to?",
                                                         "Where does my brother live now?"}
    # out of the history window, a turn of the thread is a memory like any other, but these
    # two asked for something told (`asks_memory`): recall leaves them out for what told it
    g.invoke(turn("Thanks!", today="2023-05-01"), thread())
    g.invoke(turn("Bye!", today="2023-05-01"), thread())
    late = g.invoke(turn("Where is my brother these days?", today="2023-05-01"), thread())
    assert late["recalled"][0]["query"].startswith("My brother Tom moved to Oslo")
    assert not {"Where did my brother move to?", "Where does my brother live now?"} & {
        m["query"] for m in late["recalled"]}


def test_today_holds_for_one_turn_then_the_clock_decides(store):
    g = build_graph(replies("a", "b"), store, checkpointer=InMemorySaver(),
                    clock=lambda: date(2023, 6, 1))
    assert g.invoke(turn("hello", today="2023-05-01"), thread())["day"] == "2023-05-01"
    assert g.invoke(turn("hello again"), thread())["day"] == "2023-06-01"


def test_a_thread_cannot_be_continued_by_another_user(store):
    model = replies("Hi Emily", "never")
    saver = InMemorySaver()
    g = build_graph(model, store, checkpointer=saver)
    g.invoke(turn("My diary: I feel lonely.", today="2023-05-01"), thread())
    with pytest.raises(TurnError, match="another user"):
        g.invoke(turn("What did Emily say?", user="Mallory", today="2023-05-01"), thread())
    assert store.pieces("Mallory") == [] and len(model.seen) == 1
    # nothing of the refused turn was saved: not in the thread, not in its history
    saved = saved_texts(g, thread())
    assert saved and not any("What did Emily say?" in t for t in saved)
    assert g.get_state(thread()).values["user_id"] == "Emily"
    # nor among the pending writes LangGraph saves for the refused checkpoint, unseen by
    # get_state but kept in the owner's thread (and so kept after Mallory is deleted)
    assert "Mallory" not in repr(saver.writes) and "What did Emily" not in repr(saver.writes)


def saved_texts(g, config: dict) -> list[str]:
    return [m.text for s in g.get_state_history(config) for m in s.values.get("messages", [])]


def test_the_user_can_be_given_by_the_runs_context(store):
    """A host that knows who is speaking (the page's signed-in account, a server's auth) says
    it in the context, as LangGraph's memory templates do; the input need not name anyone."""
    model = replies("Lovely.", "Mochi!")
    g = build_graph(model, store, checkpointer=InMemorySaver())
    emily = Context(user_id="Emily")
    out = g.invoke({"messages": [HumanMessage("My kitten is called Mochi.")],
                    "today": "2023-05-01"}, thread(), context=emily)
    assert out["remembered"] == "Emily_2023-05-01_0"
    assert g.get_state(thread()).values["owner"] == "Emily"
    out = g.invoke({"messages": [HumanMessage("What is my kitten called?")],
                    "today": "2023-05-05"}, thread("new"), context={"user_id": "Emily"})
    assert any("Mochi" in m["text"] for m in out["recalled"])
    assert [p.query for p in store.pieces("Emily")] == ["My kitten is called Mochi.",
                                                        "What is my kitten called?"]


def test_a_context_user_cannot_continue_anothers_thread_and_nothing_is_saved(store):
    model = replies("Hi Emily", "never")
    g = build_graph(model, store, checkpointer=InMemorySaver())
    g.invoke({"messages": [HumanMessage("My diary: I feel lonely.")], "today": "2023-05-01"},
             thread(), context=Context(user_id="Emily"))
    with pytest.raises(TurnError, match="another user"):
        g.invoke({"messages": [HumanMessage("What did Emily say?")]}, thread(),
                 context=Context(user_id="Mallory"))
    assert store.pieces("Mallory") == [] and len(model.seen) == 1
    # refused by the saver before LangGraph saved the input (graph.ownership reads the run's
    # context where LangGraph hands it to the saver; this fails if that place moves)
    assert not any("What did Emily say?" in t for t in saved_texts(g, thread()))
    assert g.get_state(thread()).values["user_id"] == "Emily"


def test_an_input_that_names_another_user_than_the_context_is_refused(store):
    model = replies("never")
    g = build_graph(model, store, checkpointer=InMemorySaver())
    with pytest.raises(TurnError, match="names another user"):
        g.invoke(turn("I am Emily, really.", user="Emily"), thread(),
                 context=Context(user_id="Mallory"))
    assert saved_texts(g, thread()) == [] and model.seen == []
    with pytest.raises(TurnError, match="names another user"):  # without a checkpointer too
        build_graph(model, store).invoke(turn("hi", user="Emily"),
                                         context=Context(user_id="Mallory"))
    assert store.pieces("Emily") == store.pieces("Mallory") == [] and model.seen == []


def test_chinese_turns_use_chinese_prompts_and_dates(cn_store):
    model = replies("真好！", "你说过你在学弹吉他。")
    g = build_graph(model, cn_store)
    g.invoke(turn("我最近开始学弹吉他了。", user="小明", today="2023-05-01", language="cn"))
    out = g.invoke(turn("我5月1日跟你说了什么？", user="小明", today="2023-05-05",
                        language="cn"))
    assert out["recalled"][0]["date"] == "2023-05-01"
    system = model.seen[1][0].text
    assert "硅基朋友" in system and "2023-05-01，小明告诉你：小明最近开始学弹吉他了。" in system


def test_threads_persist_across_restarts(store, database):
    threads = Threads(database("threads"))
    tid = threads.current("Emily")
    build_graph(replies("Noted."), store, checkpointer=threads.checkpointer).invoke(
        turn("My favourite colour is teal.", today="2023-05-01"), thread(tid))
    threads.close()

    threads = Threads(database("threads"))  # a restarted app
    assert threads.current("Emily") == tid
    model = replies("Teal!")
    build_graph(model, store, checkpointer=threads.checkpointer).invoke(
        turn("And what did I just say?", today="2023-05-01"), thread(tid))
    assert [m.text for m in model.seen[0][1:]] == ["My favourite colour is teal.", "Noted.",
                                                  "And what did I just say?"]
    assert threads.new("Emily") != tid and threads.current("Emily") != tid
    assert threads.forget_user("Emily") == 2
    assert threads.checkpointer.get_tuple(thread(tid)) is None
    threads.close()


def test_the_companion_works_as_a_subgraph(store):
    companion = build_graph(replies("Hello from inside."), store)

    class Parent(MessagesState):
        user_id: str

    parent = StateGraph(Parent)
    parent.add_node("companion", companion)
    parent.add_edge(START, "companion")
    out = parent.compile().invoke({"messages": [HumanMessage("hi there")], "user_id": "Emily"})
    assert out["messages"][-1].text == "Hello from inside."
    assert store.pieces("Emily")[0].query == "hi there"
    # or the parent's run context names the user: it reaches the subgraph
    companion = build_graph(replies("Hello again."), store)
    parent = StateGraph(MessagesState, context_schema=Context)
    parent.add_node("companion", companion)
    parent.add_edge(START, "companion")
    out = parent.compile().invoke({"messages": [HumanMessage("it's me again")]},
                                  context=Context(user_id="Emily"))
    assert out["messages"][-1].text == "Hello again."
    assert [p.query for p in store.pieces("Emily")] == ["hi there", "it's me again"]


class ToolCaller(GenericFakeChatModel):
    def bind_tools(self, tools, **kwargs):
        return self


def test_the_companion_works_as_a_tool_of_an_agent(store):
    store.add_turn("Emily", date.today(), "My dog is called Biscuit.", "Cute!")
    tool = companion_tool(build_graph(replies("Your dog Biscuit!"), store), "Emily")
    agent_model = ToolCaller(messages=iter([
        AIMessage("", tool_calls=[{"name": "siliconfriend", "id": "call1",
                                   "args": {"message": "What is my dog called?"}}]),
        AIMessage("SiliconFriend says: your dog Biscuit!")]))
    out = create_agent(agent_model, [tool]).invoke({"messages": [HumanMessage("ask my friend")]})
    assert out["messages"][2].text == "Your dog Biscuit!"  # the tool's answer
    assert store.pieces("Emily")[-1].query == "What is my dog called?"


def test_a_run_resumed_after_a_crash_in_remember_stores_the_turn_once(store, monkeypatch):
    # The process "dies" right after the turn was written, before remember's checkpoint:
    # resuming the run replays remember, which must find the turn it already wrote.
    g = build_graph(replies("What a lovely name!", "Noted."), store, checkpointer=InMemorySaver())
    real_add = store.add_turn

    def add_then_die(*args, **kwargs):
        real_add(*args, **kwargs)
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(store, "add_turn", add_then_die)
        with pytest.raises(KeyboardInterrupt):
            g.invoke(turn("My kitten is called Mochi.", today="2023-05-01"), thread())
    assert store.count("Emily") == 1
    out = g.invoke(None, thread())  # resume the interrupted run
    assert out["remembered"] == "Emily_2023-05-01_0" and store.count("Emily") == 1
    g.invoke(turn("And I like tea.", today="2023-05-01"), thread())
    assert [p.index for p in store.pieces("Emily", kind="turn")] == [0, 1]


def test_the_graph_describes_its_input_output_and_context(store):
    """What Studio's input form and other agents read (pydantic JSON schemas of the graph's
    TypedDicts): on Python 3.11 typing.TypedDict had none."""
    g = build_graph(replies("ok"), store)
    given = g.get_input_jsonschema()
    assert set(given["properties"]) == {"messages", "user_id", "language", "today"}
    assert set(given["required"]) == {"messages"}  # the user may come from the context
    assert given["properties"]["language"]["enum"] == ["en", "cn"]
    assert {"messages", "recalled", "day", "remembered"} <= set(g.get_output_jsonschema()["properties"])
    assert set(g.get_context_jsonschema()["properties"]) == {"user_id", "recall_k",
                                                             "history_exchanges"}
