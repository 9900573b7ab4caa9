"""The web companion through Streamlit's AppTest: sign-in, chat, the memory panel, export and
deletion. The chat model is the real OpenAI client against a local compatible server, so that
replies are fast and known; memory is a real Chroma with the real embeddings."""
from __future__ import annotations

import json
import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from app.accounts import Accounts, SignInError
from app.memory_views import ImportRefused, curve_points, import_for_user
from app.memory_factory import open_store
from app.settings import get_settings
from memory.background import default_worker
from memory.forgetting import ForgettingCurve
from memory.seed_format import SeedFormatError, export_user
from tests.openai_server import FakeOpenAI

APP = str(Path(__file__).resolve().parents[1] / "streamlit_app.py")
PASS = "correct horse battery"


@pytest.fixture
def server(tmp_path, monkeypatch):
    with FakeOpenAI(reply="I'm glad you told me.") as fake:
        for key, value in {"SF_DATA_DIR": str(tmp_path / "data"), "SF_CHAT_BACKEND": "openai",
                           "SF_OPENAI_BASE_URL": fake.url, "SF_EMBEDDING": "minilm",
                           "SF_MAX_RETRIES": "0", "OPENAI_API_KEY": "sk-test"}.items():
            monkeypatch.setenv(key, value)
        get_settings.cache_clear()
        yield fake
        get_settings.cache_clear()


def signed_in(user: str = "Emily", passphrase: str = PASS) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input[0].input(user)
    at.text_input[1].input(passphrase)
    at.button[0].click().run()
    return at


def say(at: AppTest, text: str) -> AppTest:
    return at.chat_input[0].set_value(text).run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def me(at: AppTest) -> str:
    """The signed-in account's id: the key of its memory."""
    return at.session_state["user"]


def test_sign_in_creates_then_checks_the_passphrase(server):
    at = signed_in()
    assert not at.exception and me(at).startswith("acct-") and at.session_state["name"] == "Emily"
    assert "profile was created" in at.success[0].value
    again = signed_in()
    assert me(again) == me(at) and not again.success
    wrong = signed_in(passphrase="not the one")
    assert "user" not in wrong.session_state and wrong.error[0].value == "wrong passphrase"
    short = signed_in(user="Bob", passphrase="short")
    assert "at least 8 characters" in short.error[0].value


def test_passphrases_are_kept_only_as_salted_hashes(tmp_path):
    accounts = Accounts(tmp_path / "accounts.sqlite")
    assert accounts.sign_in("Emily", PASS).created
    assert accounts.sign_in("Ana", PASS).created
    with accounts.engine.connect() as db:
        rows = db.execute(text("SELECT name, salt, hash FROM accounts")).all()
    assert all(PASS.encode() not in salt + digest for _, salt, digest in rows)
    assert rows[0][1] != rows[1][1] and rows[0][2] != rows[1][2]  # same passphrase, own salts
    assert not accounts.sign_in("Emily", PASS).created
    with pytest.raises(SignInError, match="wrong passphrase"):
        accounts.sign_in("Emily", PASS + "!")
    assert PASS.encode() not in (tmp_path / "accounts.sqlite").read_bytes()


def test_chat_streams_remembers_and_recalls(server):
    at = say(signed_in(), "My cat is called Mochi.")
    assert not at.exception
    messages = [(m.name, m.markdown[0].value) for m in at.chat_message]
    assert messages == [("user", "My cat is called Mochi."),
                        ("assistant", "I'm glad you told me.")]
    at = say(at, "Do you like cats?")
    # the conversation on screen goes to the model as it is; the turn the question is about is
    # among the memories recalled as well
    assert [m["content"] for m in server.requests[-1]["messages"][1:]] == [
        "My cat is called Mochi.", "I'm glad you told me.", "Do you like cats?"]
    assert "Emily told you: Your cat is called Mochi." in server.requests[-1]["messages"][0]["content"]
    # the thread survives a reload (a new session of the same user)
    reloaded = signed_in()
    assert len(reloaded.chat_message) == 4
    # a new conversation starts an empty thread; the long-term memory stays and is recalled
    fresh = button(reloaded, "New conversation").click().run()
    assert len(fresh.chat_message) == 0
    fresh = say(fresh, "What is my cat called?")
    assert [m.markdown[0].value for m in fresh.chat_message] == ["What is my cat called?",
                                                                 "I'm glad you told me."]
    assert any("Mochi" in text for text in fresh.table[0].value["memory"])
    # the table shows what the user said; the companion's replies are folded away below it
    assert "My cat is called Mochi." in list(fresh.table[0].value["memory"])
    assert not any("glad" in text for text in fresh.table[0].value["memory"])
    folded = next(e for e in fresh.expander
                  if e.label == "Whole memories, with what SiliconFriend replied")
    assert any("I'm glad you told me." in m.value for m in folded.markdown)
    assert set(fresh.table[0].value["kind"]) == {"conversation"}
    chinese = fresh.radio[0].set_value("cn").run()  # the table speaks the page's language
    assert set(chinese.table[0].value["类型"]) == {"对话"}
    system = server.requests[-1]["messages"][0]["content"]
    assert "Emily told you: Your cat is called Mochi." in system
    assert len(open_store(get_settings()).pieces(me(at))) == 3


def test_a_model_failure_is_shown_and_the_message_kept(server):
    at = signed_in()
    server.mode = "500"
    at = say(at, "I got the job!")
    assert "your message was remembered" in at.error[0].value
    assert [p.query for p in open_store(get_settings()).pieces(me(at))] == ["I got the job!"]
    server.mode = "ok"
    at = say(at, "Did you hear my news?")
    assert not at.error and at.chat_message[-1].markdown[0].value == "I'm glad you told me."


def test_memory_panel_and_deleting_one_memory(server):
    at = say(say(signed_in(), "I started learning the cello."), "I love Bach.")
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # the curves
    titles = [s.value for s in at.subheader]
    assert "Forgetting curves" in titles and "Overall summary" in titles
    # the page says which memories the curves are of
    assert any("Shown: the 2 of your 2 conversation memories recalled most recently" in c.value
               for c in at.caption)
    before = [p.id for p in open_store(get_settings()).pieces(me(at)) if p.kind == "turn"]
    at.selectbox[0].select_index(0).run()
    at = button(at, "Delete this memory").click().run()
    # the day is summarized again without it, in the background: read once that is done
    default_worker().wait(me(at))
    after = open_store(get_settings()).pieces(me(at))
    turns = [p.id for p in after if p.kind == "turn"]
    assert len(turns) == len(before) - 1 and before[0] not in turns
    assert any("conversation threads still show" in c.value for c in at.caption)
    assert [s.value for s in at.success] == ["The memory was deleted."]  # outlives the rerun
    # and is said once (a summary that a background pass finished meanwhile may be said)
    assert "The memory was deleted." not in [s.value for s in at.run().success]


def test_a_reload_stays_signed_in_until_signing_out(server):
    at = signed_in()
    token = at.query_params["session"]
    assert len(token) >= 40 and token not in Accounts.open(get_settings()).engine.url.database

    def reloaded(session: str) -> AppTest:  # the same address opened again: a new session
        again = AppTest.from_file(APP, default_timeout=120)
        again.query_params["session"] = session
        return again.run()

    again = reloaded(token)
    assert not again.exception and again.session_state["user"] == me(at)
    assert not any(t.label == "Passphrase" for t in again.text_input)
    assert "user" not in reloaded("forged-" + token).session_state
    # signing out ends the session: its address signs in no more
    out = button(again, "Sign out").click().run()
    assert "session" not in out.query_params and "user" not in out.session_state
    ended = reloaded(token)
    assert "user" not in ended.session_state and ended.info[0].value.startswith(
        "Your session has ended")
    assert "session" not in ended.query_params
    # deleting the account ends its sessions too
    gone = signed_in()
    token = gone.query_params["session"]
    gone.checkbox[0].check().run()
    button(gone, "Delete all my data").click().run()
    assert "user" not in reloaded(token).session_state


def test_the_open_tab_is_kept_when_the_language_changes(server):
    at = signed_in()
    at.session_state["tab"] = "Memories"  # as a click on the tab leaves it
    at = at.run()
    assert at.session_state["tab"] == "Memories"
    at = at.radio[0].set_value("cn").run()
    assert at.session_state["tab"] == "记忆" and not at.exception
    at = at.radio[0].set_value("en").run()
    assert at.session_state["tab"] == "Memories"


def test_summarize_now_shows_its_progress_then_the_days(server):
    gate = threading.Event()
    today = date.today()
    days = [(today - timedelta(days=n)).isoformat() for n in (2, 1)]

    def reply(body: dict) -> str:
        words = body["messages"][-1]["content"]
        if "Summarize in two to four sentences" in words and days[1] in words:
            gate.wait(60)  # the second day's summary waits: the page shows the first as done
        if "write what SiliconFriend recommended" in words:
            return "none."
        return f"Emily talked about {'the cello' if days[0] in words else 'Bach'}."

    server.reply = reply
    at = signed_in()
    store = open_store(get_settings())
    for d, said in zip(days, ("I started the cello.", "I love Bach.")):
        store.add_turn(me(at), date.fromisoformat(d), said, "Lovely!")
    try:
        at = button(at.run(), "Summarize now").click().run()
        assert button(at, "Summarize now").disabled
        for _ in range(60):  # the fragment redraws itself; here each run stands for a tick
            if any("1 of 2 days done" in i.value for i in at.info):
                break
            threading.Event().wait(0.5)
            at = at.run()
        assert any(i.value == f"Summarizing in the background: 1 of 2 days done (the last: "
                   f"{days[0]})."
                   for i in at.info)
    finally:
        gate.set()
    assert default_worker().wait(me(at), 60)
    at = at.run()
    assert [s.value for s in at.success] == ["2 days summarized."]
    events = [m.value for m in at.markdown if m.value.startswith("**Events**")]
    assert events == ["**Events** Emily talked about Bach.",
                      "**Events** Emily talked about the cello."]


def test_users_see_only_their_own_memories(server):
    say(signed_in("Emily"), "My secret: the key is under the blue pot.")
    bob = say(signed_in("Bob"), "Where is the key?")
    assert not any("blue pot" in m.markdown[0].value for m in bob.chat_message)
    assert "blue pot" not in server.requests[-1]["messages"][0]["content"]
    assert not bob.table  # Bob's first turn recalled nothing at all


def test_export_and_delete_everything(server):
    at = say(signed_in(), "I live in Porto.")
    account = me(at)
    other_session = signed_in()  # the same account, open in another tab
    assert at.get("download_button")
    at.checkbox[0].check().run()
    at = button(at, "Delete all my data").click().run()
    assert "user" not in at.session_state and at.text_input  # back at the sign-in form
    store = open_store(get_settings())
    assert store.pieces(account) == [] and store.profile(account) is None
    assert not Accounts.open(get_settings()).exists("Emily")
    # the other tab is signed out at its next step, and its message is not kept
    other_session = say(other_session, "Remember that I moved to Lisbon.")
    assert "user" not in other_session.session_state
    assert "was deleted" in other_session.warning[0].value
    assert store.pieces(account) == [] and store.is_deleted(account)


def test_a_new_account_never_inherits_memory_kept_under_its_name(server):
    # memory written without an account: the command line, another agent, an import
    store = open_store(get_settings())
    store.add_turn("Emily", date(2023, 5, 1), "My bank PIN is 4321.", "I'll keep it safe.")
    at = say(signed_in("Emily"), "What is my bank PIN?")
    assert server.requests[-1]["messages"][-1]["content"] == "What is my bank PIN?"
    assert "4321" not in server.requests[-1]["messages"][0]["content"]
    assert [p.query for p in store.pieces(me(at))] == ["What is my bank PIN?"]
    # bringing it in is an explicit import by the signed-in user
    bank = json.dumps({"Emily": export_user(store, "Emily")}).encode()
    assert import_for_user(store, bank, me(at), name="Emily") == 1
    say(at, "What is my bank PIN?")
    chat = [r for r in server.requests if r["messages"][-1]["content"] == "What is my bank PIN?"]
    assert "Emily told you: Your bank PIN is 4321." in chat[-1]["messages"][0]["content"]


def test_chinese_interface(server):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at = at.radio[0].set_value("cn").run()
    assert at.button[0].label == "登录" and at.title[0].value.startswith("硅基朋友")


def test_import_brings_one_chosen_entry_into_the_account(store):
    bank = {"Emily": {"name": "Emily", "history": {"2023-05-01": [
                {"query": "I like jazz.", "response": "Nice!"}]}},
            "Mallory": {"name": "Mallory", "history": {"2023-05-01": [
                {"query": "secret", "response": "ok"}]}}}
    raw = json.dumps(bank).encode()
    with pytest.raises(ImportRefused) as refused:  # two entries: which one must be said
        import_for_user(store, raw, "acct-1")
    assert refused.value.names == ["Emily", "Mallory"] and store.users() == []
    shares = []
    assert import_for_user(store, raw, "acct-1", "Emily", progress=shares.append) == 1
    assert shares == [1.0] and store.users() == ["acct-1"]
    assert [p.query for p in store.pieces("acct-1")] == ["I like jazz."]
    assert store.profile("acct-1").name == "Emily"
    with pytest.raises(SeedFormatError, match="not a JSON file"):
        import_for_user(store, b"{not json", "acct-1")


def test_forgetting_curve_points_mark_reinforcements(store):
    store.add_turn("Emily", date(2023, 5, 1), "I adopted Mochi.", "Lovely!")
    store.add_turn("Emily", date(2023, 5, 2), "Rainy day.", "Stay cozy.")
    store.reinforce("Emily", ["Emily_2023-05-01_0"], date(2023, 5, 4))
    rows = curve_points(store.pieces("Emily"), ForgettingCurve(), date(2023, 5, 6))
    mochi = [r for r in rows if "Mochi" in r["memory"] and not r["recall"]]
    assert [r for r in rows if r["recall"]] == [
        {"memory": "2023-05-01 · I adopted Mochi.", "day": "2023-05-04", "retention": 1.0,
         "recall": True}]
    by_day = {r["day"]: r["retention"] for r in mochi}
    assert by_day["2023-05-01"] == 1.0 and by_day["2023-05-04"] == 1.0  # reset by the recall
    assert by_day["2023-05-03"] < 1.0
    # after the recall S = 2: ten days later R = exp(-10 / 20)
    assert by_day["2023-05-14"] == round(ForgettingCurve().retention(date(2023, 5, 4), 2,
                                                                     date(2023, 5, 14)), 4)


def test_the_chat_model_can_be_switched_among_the_operators_choices_only(
        server, small_model, tmp_path, monkeypatch):
    assert not any(s.label == "Chat model" for s in signed_in().selectbox)  # none named: no form
    monkeypatch.setenv("SF_MODEL_CHOICES", json.dumps({
        "Small hf": {"chat_backend": "hf", "hf_model": str(small_model)},
        "Broken adapter": {"chat_backend": "hf", "hf_model": str(small_model),
                           "hf_adapter": str(tmp_path)}}))
    get_settings.cache_clear()
    at = signed_in()
    picker = next(s for s in at.selectbox if s.label == "Chat model")
    assert picker.options == ["The default model", "Small hf", "Broken adapter"]
    picker.select("Small hf")
    at = button(at, "Apply").click().run()
    assert not at.error, [e.value for e in at.error]
    assert any("hf: " in m.value for m in at.markdown)
    # an adapter folder that holds no adapter: said plainly, and the default model is back
    at = signed_in()
    next(s for s in at.selectbox if s.label == "Chat model").select("Broken adapter")
    at = button(at, "Apply").click().run()
    assert "could not be loaded" in at.error[0].value and "adapter_config.json" in \
        at.error[0].value
    assert any("openai: " in m.value for m in at.markdown)
