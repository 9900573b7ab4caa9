"""Reflection: daily summaries and personality, the overall summary and portrait; incremental,
retried after failures, safe across a crash. A scripted chat model answers by intent, so the
stored texts can be checked exactly; one run uses the real bundled model on a seed day."""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field
from typer.testing import CliRunner

from app.cli import app
from app.settings import Settings, get_settings
from graph import build_graph
from memory.background import ReflectionWorker
from memory.forgetting import ForgettingCurve
from memory.retriever import EbbinghausRetriever
from memory.seed_format import import_banks, read_bank
from memory.reflection import Reflector, first_sentences
from prompts.reflection import REFLECTION
from tests.conftest import seed_file

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
NEW_DAY = re.compile(r"\[(\d{4}-\d{2}-\d{2})\]")  # "[date] text", a new day in an overall prompt


def by_intent(prompt: str) -> str:
    """What a well-behaved model would write, named so the test can check where it went: an
    overall text names the days its prompt gave, in the prompt's order."""
    days = DAY.findall(prompt)
    if "Summarize in two to four sentences" in prompt or "请用两到四句话总结" in prompt:
        return f"EVENTS {days[0]}"
    if "write what SiliconFriend recommended" in prompt or "硅基朋友向" in prompt:
        if "Sounds lovely" in prompt:  # nothing recommended
            return "无。" if "硅基朋友向" in prompt else "none."
        return f"ADVICE {days[0]}"
    if "personality traits and mood as shown" in prompt or "性格特点和情绪" in prompt:
        return f"MOOD {days[0]}"
    if "life and recent events" in prompt or "生活和近况" in prompt:
        return " ".join(["OVERALL", *NEW_DAY.findall(prompt)])
    if "name the traits" in prompt or "多数时候表现出的性格特点" in prompt:
        return " ".join(["PORTRAIT", *NEW_DAY.findall(prompt)])
    if "feeling lately" in prompt or "最近的心情" in prompt:
        return " ".join(["LATELY", *NEW_DAY.findall(prompt)])
    return "a companion's reply"


class Scripted(BaseChatModel):
    answer: Callable[[str], str] = by_intent
    prompts: list = Field(default_factory=list)
    budgets: list = Field(default_factory=list)  # each call's max_tokens (None: the model's)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        text = "\n".join(m.text for m in messages)  # the system prompt too, for the companion
        self.prompts.append(text)
        self.budgets.append(kwargs.get("max_tokens"))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(self.answer(text)))])

    @property
    def _llm_type(self) -> str:
        return "scripted"


def chat_days(store, user="Emily", days=("2023-05-01", "2023-05-02", "2023-05-03")):
    for d in days:
        store.add_turn(user, date.fromisoformat(d), f"On {d} I went hiking.", "Sounds lovely!")


def reflector(store, model=None, lang="en", every=20) -> Reflector:
    return Reflector(store, model or Scripted(), REFLECTION[lang], every=every)


def test_days_and_overall_texts_are_stored_exactly(store):
    chat_days(store)
    s = reflector(store)
    report = s.reflect("Emily", date(2023, 5, 4))
    assert report.summarized == ["2023-05-01", "2023-05-02", "2023-05-03"]
    assert report.overall_updated and report.failed == {}
    summaries = store.pieces("Emily", kind="summary")
    assert [(p.date, p.summary, p.extra) for p in summaries] == [
        (d, f"EVENTS {d}", {"turns": 1}) for d in ("2023-05-01", "2023-05-02", "2023-05-03")]
    profile = store.profile("Emily")
    assert profile.personality == {d: f"MOOD {d}" for d in ("2023-05-01", "2023-05-02",
                                                            "2023-05-03")}
    assert profile.overall_history == "OVERALL 2023-05-01 2023-05-02 2023-05-03"
    # the traits from the latest days, the mood and how to respond from the last two
    assert profile.overall_personality == \
        "PORTRAIT 2023-05-01 2023-05-02 2023-05-03 LATELY 2023-05-02 2023-05-03"
    assert profile.reflection.unfolded == [] and profile.reflection.pending_from == "2023-05-04"
    # each speaker's words were summarized apart (a day: events, advice, mood), the day's
    # dialogue read for the mood
    events, advice, mood = s.model.prompts[3:6]
    assert "- On 2023-05-02 I went hiking." in events and "Sounds lovely" not in events
    assert "- Sounds lovely!" in advice and "hiking" not in advice
    assert "Emily: On 2023-05-02 I went hiking.\nSiliconFriend: Sounds lovely!" in mood
    # a daily summary is a memory piece, recalled with its date
    docs = EbbinghausRetriever(store=store, user_id="Emily", k=3,
                               today=date(2023, 5, 4)).invoke("What did I do on May 2nd?")
    assert ("2023-05-02", "summary") in {(d.metadata["date"], d.metadata["kind"]) for d in docs}


def test_a_busy_day_summary_says_which_turns_it_read_and_forgetting_keeps_the_rest(store):
    day = date(2023, 5, 1)
    for i in range(6):
        store.add_turn("Emily", day, f"Turn {i}: " + "a long story about my day. " * 10, "I see.")
    s = reflector(store)
    s.max_chars = 1000  # room for the last three turns only (about 310 characters each)
    s.reflect("Emily", date(2023, 5, 2))
    [summary] = store.pieces("Emily", kind="summary")
    assert summary.extra == {"turns": 6, "from": 3}
    assert "Turn 2:" not in s.model.prompts[0] and "Turn 3:" in s.model.prompts[0]
    # A year on, the curve has forgotten them all; only what the summary read gives way to it.
    gone = store.fade(ForgettingCurve(), date(2024, 5, 1))
    assert gone == {"Emily": 3}
    assert [p.index for p in store.pieces("Emily", kind="turn")] == [0, 1, 2]


def test_reflection_is_incremental(store):
    chat_days(store)
    model = Scripted()
    reflector(store, model).reflect("Emily", date(2023, 5, 4))
    calls = len(model.prompts)
    assert calls == 3 * 3 + 3  # three days of three calls, the summary, the portrait's two
    reflector(store, model).reflect("Emily", date(2023, 5, 4))
    assert len(model.prompts) == calls  # nothing new: no model call at all

    chat_days(store, days=("2023-05-04",))
    report = reflector(store, model).reflect("Emily", date(2023, 5, 5))
    assert report.summarized == ["2023-05-04"]
    new = model.prompts[calls:]
    assert len(new) == 6
    overall_prompt = new[3]
    # written afresh from the days' texts, not from the previous overall text nor the dialogue
    assert "[2023-05-01] EVENTS 2023-05-01" in overall_prompt
    assert "[2023-05-04] EVENTS 2023-05-04" in overall_prompt
    assert "OVERALL" not in overall_prompt and "On 2023-05-01" not in overall_prompt
    assert store.profile("Emily").overall_history == \
        "OVERALL 2023-05-01 2023-05-02 2023-05-03 2023-05-04"


def test_the_overall_texts_read_the_latest_days_only(store):
    """However long the history, an overall text reads `overall_days` days: its cost does not
    grow, and it says how the user is lately (a small model asked to update its older text
    copied it, and the portrait never left the first day)."""
    chat_days(store, days=[f"2023-05-{d:02d}" for d in range(1, 11)])
    s = reflector(store)
    s.overall_days = 3
    s.reflect("Emily", date(2023, 5, 11))
    profile = store.profile("Emily")
    assert profile.overall_history == "OVERALL 2023-05-08 2023-05-09 2023-05-10"
    assert profile.overall_personality == \
        "PORTRAIT 2023-05-08 2023-05-09 2023-05-10 LATELY 2023-05-09 2023-05-10"
    chat_days(store, days=("2023-05-11",))
    s.reflect("Emily", date(2023, 5, 12))
    assert store.profile("Emily").overall_history == "OVERALL 2023-05-09 2023-05-10 2023-05-11"


def test_an_overall_text_cut_off_by_its_length_ends_at_its_last_whole_sentence(store):
    """The model writes until its budget runs out; what is stored ends at a whole sentence, and
    the portrait's parts at their own number of sentences: one of traits, two of lately."""
    chat_days(store, days=("2023-05-01",))

    def long_winded(prompt: str) -> str:
        if "life and recent events" in prompt:
            return "张曼婷喜欢绘画。\n1. 2023-04-27：品茶。\n2. 2023-04-28"
        if "name the traits" in prompt:
            return "Emily is curious. She met Dr. Li on May 1.\n\nEmily is curious. Emily is"
        if "feeling lately" in prompt:
            return "Lately she feels tired.\nSiliconFriend should listen. On May 1 she hiked."
        return by_intent(prompt)

    model = Scripted(answer=long_winded)
    reflector(store, model).reflect("Emily", date(2023, 5, 2))
    profile = store.profile("Emily")
    assert profile.overall_history == "张曼婷喜欢绘画。\n1. 2023-04-27：品茶。"
    assert profile.overall_personality == \
        "Emily is curious. Lately she feels tired. SiliconFriend should listen."
    assert model.budgets[-3:] == [360, 80, 120]  # each overall text's own budget reached the model


def test_a_chinese_portrait_that_walks_through_the_days_is_held_to_its_sentences(cn_store):
    """What the bundled model wrote for the whole portrait at once (a seed user's week, shortened):
    each part keeps its own sentences, with no line breaks between them."""
    chat_days(cn_store, user="曹志强", days=("2023-05-01", "2023-05-02", "2023-05-03"))

    def walks(prompt: str) -> str:
        if "多数时候表现出的性格特点" in prompt:
            return "曹志强是一个开朗、乐观向上的人。他喜欢尝试新事物。曹志强性格开朗，乐观向上，对美食的热爱。"
        if "最近的心情" in prompt:
            return "曹志强最近的心情很好。\n\n硅基朋友现在最好鼓励他练习吉他。曹志强性格开朗，乐观向上，对音乐感兴趣。"
        return by_intent(prompt)

    model = Scripted(answer=walks)
    reflector(cn_store, model, lang="cn").reflect("曹志强", date(2023, 5, 4))
    assert cn_store.profile("曹志强").overall_personality == \
        "曹志强是一个开朗、乐观向上的人。曹志强最近的心情很好。硅基朋友现在最好鼓励他练习吉他。"
    traits, lately = [p for p in model.prompts if "表现出的样子" in p]
    assert NEW_DAY.findall(traits) == ["2023-05-01", "2023-05-02", "2023-05-03"]
    assert NEW_DAY.findall(lately) == ["2023-05-02", "2023-05-03"]


@pytest.mark.parametrize("fault", ["raise", "empty"])
def test_a_failed_day_is_not_stored_and_is_retried(store, fault):
    chat_days(store)

    def flaky(prompt: str) -> str:
        if "On 2023-05-02" in prompt:
            if fault == "raise":
                raise TimeoutError("model timed out")
            return "   "
        return by_intent(prompt)

    report = reflector(store, Scripted(answer=flaky)).reflect("Emily", date(2023, 5, 4))
    assert report.summarized == ["2023-05-01", "2023-05-03"] and list(report.failed) == \
        ["2023-05-02"]
    assert [p.date for p in store.pieces("Emily", kind="summary")] == ["2023-05-01",
                                                                       "2023-05-03"]
    assert "2023-05-02" not in store.profile("Emily").personality
    assert store.profile("Emily").reflection.pending_from == "2023-05-02"

    model = Scripted()
    report = reflector(store, model).reflect("Emily", date(2023, 5, 4))
    assert report.summarized == ["2023-05-02"] and report.overall_updated
    assert len(model.prompts) == 6  # only the failed day, then the overall update
    assert store.profile("Emily").overall_history == "OVERALL 2023-05-01 2023-05-02 2023-05-03"


def test_a_failed_overall_update_keeps_the_days_and_retries_the_fold(store):
    chat_days(store, days=("2023-05-01",))

    def no_overall(prompt: str) -> str:
        if "feeling lately" in prompt:
            raise ConnectionError("endpoint down")
        return by_intent(prompt)

    report = reflector(store, Scripted(answer=no_overall)).reflect("Emily", date(2023, 5, 2))
    assert report.summarized == ["2023-05-01"] and "overall" in report.failed
    profile = store.profile("Emily")
    assert profile.overall_history == "" and profile.reflection.unfolded == ["2023-05-01"]
    model = Scripted()
    assert reflector(store, model).reflect("Emily", date(2023, 5, 2)).overall_updated
    assert len(model.prompts) == 3  # the fold alone (summary, traits, lately); the day was done
    assert store.profile("Emily").overall_personality == "PORTRAIT 2023-05-01 LATELY 2023-05-01"


def test_a_crash_between_writes_leaves_nothing_half_done(store, monkeypatch):
    chat_days(store)
    real_save = store.save_profile

    def crash(profile):
        raise SystemExit("killed")  # the process dies right after the first summary piece

    monkeypatch.setattr(store, "save_profile", crash)
    with pytest.raises(SystemExit):
        reflector(store).reflect("Emily", date(2023, 5, 4))
    monkeypatch.setattr(store, "save_profile", real_save)
    [only] = store.pieces("Emily", kind="summary")
    assert (only.date, only.summary) == ("2023-05-01", "EVENTS 2023-05-01")  # whole, not partial
    assert store.count("Emily") == 3 + 1  # every turn still there

    model = Scripted()
    report = reflector(store, model).reflect("Emily", date(2023, 5, 4))
    assert report.summarized == ["2023-05-01", "2023-05-02", "2023-05-03"]
    assert not any("Summarize in two to four sentences" in p and "On 2023-05-01" in p
                   for p in model.prompts)  # day 1's summary was kept, only its mood redone
    assert len(store.pieces("Emily", kind="summary")) == 3


def test_what_the_companion_recommended_is_summarized_from_its_own_words(store):
    """A day's summary says who recommended what: the user's words and the companion's are
    summarized apart, and a day on which the companion recommended nothing gets no advice."""
    day = date(2023, 5, 1)
    store.add_turn("Emily", day, "I finished 'Stoner' last night.\n\nAny other novel like it?",
                   "Try 'The Remains of the Day', quiet and sad in the same way.")
    store.add_turn("Emily", day, "Thanks, I'll look for it.", "")
    store.add_turn("Emily", date(2023, 5, 2), "Rainy day, stayed in.", "Sounds lovely!")
    model = Scripted()
    reflector(store, model).reflect("Emily", date(2023, 5, 3))
    events, advice = model.prompts[:2]
    assert "- I finished 'Stoner' last night. Any other novel like it?\n- Thanks, I'll look for " \
        "it." in events and "Remains" not in events
    assert advice.count("\n- ") == 1 and "- Try 'The Remains of the Day'" in advice \
        and "Stoner" not in advice
    summaries = {p.date: p.summary for p in store.pieces("Emily", kind="summary")}
    assert summaries == {"2023-05-01": "EVENTS 2023-05-01 ADVICE 2023-05-01",
                         "2023-05-02": "EVENTS 2023-05-02"}  # "none." is no advice
    # a day the companion said nothing on has no advice to ask for
    store.add_turn("Emily", date(2023, 5, 3), "Quiet day.", "")
    calls = len(model.prompts)
    reflector(store, model).reflect("Emily", date(2023, 5, 4))
    assert [p.split("\n")[0] for p in model.prompts[calls:calls + 2]] == [
        "Here is what Emily told their AI companion SiliconFriend on 2023-05-03:",
        "Here is a conversation between Emily and their AI companion SiliconFriend on "
        "2023-05-03:"]


def test_today_is_summarized_once_enough_turns_piled_up_and_redone_when_it_ends(store):
    s = reflector(store, every=3)
    chat_days(store, days=("2023-05-01", "2023-05-01"))
    assert s.reflect("Emily", date(2023, 5, 1)).summarized == []
    chat_days(store, days=("2023-05-01",))
    assert s.reflect("Emily", date(2023, 5, 1)).summarized == ["2023-05-01"]
    chat_days(store, days=("2023-05-01",))  # a fourth turn that evening
    report = s.reflect("Emily", date(2023, 5, 2))
    assert report.summarized == ["2023-05-01"]
    assert store.pieces("Emily", kind="summary")[0].extra == {"turns": 4}


def test_chinese_reflection_uses_chinese_prompts(cn_store):
    chat_days(cn_store, user="小明", days=("2023-05-01",))
    model = Scripted()
    reflector(cn_store, model, lang="cn").reflect("小明", date(2023, 5, 2))
    assert "下面是小明在2023-05-01对AI伙伴硅基朋友说的话：\n\n- On 2023-05-01 I went hiking." in \
        model.prompts[0]
    assert "下面是AI伙伴硅基朋友在2023-05-01对小明说的话：\n\n- Sounds lovely!" in model.prompts[1]
    assert "小明：On 2023-05-01 I went hiking.\n硅基朋友：Sounds lovely!" in model.prompts[2]
    assert cn_store.pieces("小明", kind="summary")[0].summary == "EVENTS 2023-05-01"
    assert cn_store.profile("小明").overall_personality == "PORTRAIT 2023-05-01LATELY 2023-05-01"


def test_the_graph_reflects_after_a_day_ends_and_uses_the_result(store):
    model, worker = Scripted(), ReflectionWorker()
    g = build_graph(model, store, reflector=worker)
    first = g.invoke({"messages": [HumanMessage("I started a pottery class.")],
                      "user_id": "Emily", "today": "2023-05-01"})
    assert first["reflection"]["queued"] and worker.wait("Emily", timeout=30)
    assert worker.last["Emily"].summarized == []  # the first day has not ended
    second = g.invoke({"messages": [HumanMessage("Good morning!")], "user_id": "Emily",
                       "today": "2023-05-02"})
    assert second["messages"][-1].text == "a companion's reply"  # the reply came first
    assert worker.wait("Emily", timeout=30)
    assert worker.last["Emily"].summarized == ["2023-05-01"]
    g.invoke({"messages": [HumanMessage("How am I doing?")], "user_id": "Emily",
              "today": "2023-05-02"})
    assert worker.wait("Emily", timeout=30)
    [asked] = [p for p in model.prompts if p.endswith("How am I doing?")]
    assert "OVERALL 2023-05-01" in asked and "PORTRAIT 2023-05-01" in asked
    # no reflection after the third turn: same day, few turns
    assert len([p for p in model.prompts if "life and recent events" in p]) == 1


class Gated(Scripted):
    """Replies at once; every reflection call waits until the test opens the gate."""
    gate: threading.Event = Field(default_factory=threading.Event)
    background_calls: list = Field(default_factory=list)

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):
        if "background" in (run_manager.tags if run_manager else []):
            self.background_calls.append(messages[-1].text[:40])
            assert self.gate.wait(60), "the test never opened the gate"
        return super()._generate(messages, stop, run_manager, **kwargs)


def test_a_turn_never_waits_for_reflection_and_passes_run_one_at_a_time(store):
    model, worker = Gated(), ReflectionWorker()
    g = build_graph(model, store, reflector=worker)
    g.invoke({"messages": [HumanMessage("I started a pottery class.")], "user_id": "Emily",
              "today": "2023-05-01"})
    worker.wait("Emily", timeout=30)
    started = time.monotonic()
    out = g.invoke({"messages": [HumanMessage("Good morning!")], "user_id": "Emily",
                    "today": "2023-05-02"})
    # The turn is back with its reply stored while its reflection is still held at the gate.
    assert out["messages"][-1].text == "a companion's reply" and worker.running("Emily")
    assert time.monotonic() - started < 20
    assert [p.query for p in store.pieces("Emily", kind="turn")][-1] == "Good morning!"
    # Two more turns while it runs: no second pass starts beside the first (one is queued).
    for text in ("Still here.", "And again."):
        again = g.invoke({"messages": [HumanMessage(text)], "user_id": "Emily",
                          "today": "2023-05-03"})
        assert again["reflection"] == {"queued": True, "after_running_pass": True}
    assert len(model.background_calls) == 1  # only the first pass's first call so far
    model.gate.set()
    assert worker.wait("Emily", timeout=60) and not worker.running("Emily")
    assert [p.date for p in store.pieces("Emily", kind="summary")] == ["2023-05-01",
                                                                      "2023-05-02"]


def test_the_graph_never_reflects_when_told_not_to(store):
    model = Scripted()
    g = build_graph(model, store, reflect_every=None)
    for d in ("2023-05-01", "2023-05-02"):
        out = g.invoke({"messages": [HumanMessage("hi")], "user_id": "Emily", "today": d})
    assert "reflection" not in out or out["reflection"] == {}
    assert store.pieces("Emily", kind="summary") == []


def test_real_bundled_model_summarizes_a_seed_day(store, bundled_models):
    from app.chat_models import make_chat_model

    bank = next(b for b in read_bank(seed_file("en")) if b.turns >= 3)
    first_day = min(p.date for p in bank.pieces if p.kind == "turn")
    bank.pieces = [p for p in bank.pieces if p.date == first_day]
    import_banks(store, [bank])
    user = bank.profile.user
    model = make_chat_model(Settings(data_dir=bundled_models.parent, chat_backend="local",
                                     max_tokens=40))
    report = reflector(store, model).reflect(user, date.fromisoformat(first_day) +
                                              timedelta(days=1))
    assert report.summarized == [first_day] and report.overall_updated, report.failed
    [summary] = store.pieces(user, kind="summary")
    profile = store.profile(user)
    assert summary.summary.strip() and summary.extra == {"turns": len(bank.pieces)}
    assert profile.personality[first_day].strip() and profile.overall_history.strip()
    # the portrait: a sentence of traits, at most two of lately
    assert profile.overall_personality.strip()
    assert first_sentences(profile.overall_personality, 3) == profile.overall_personality


def test_summarize_command(monkeypatch, model_data_dir):
    for key, value in {"SF_DATA_DIR": str(model_data_dir), "SF_CHAT_BACKEND": "local",
                       "SF_EMBEDDING": "minilm", "SF_MAX_TOKENS": "16"}.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        runner = CliRunner()
        assert runner.invoke(app, ["summarize"]).exit_code == 1
        from app.memory_factory import open_store
        chat_days(open_store(get_settings()), days=("2023-05-01", "2023-05-02"))
        result = runner.invoke(app, ["summarize", "--user", "Emily", "--today", "2023-05-02"])
        assert result.exit_code == 0, result.output
        assert "2 days summarized, overall updated" in result.output
        again = runner.invoke(app, ["summarize", "--all", "--today", "2023-05-02"])
        assert "Emily\t0 days summarized" in again.output
    finally:
        get_settings.cache_clear()
