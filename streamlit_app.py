"""SiliconFriend's web companion: sign in, chat (streamed), see and manage what it remembers.
Thin by design: the graph, the memory and the app helpers do the work."""
import app  # noqa: F401  (sets the offline, no-telemetry environment)

import json
from datetime import date
from types import SimpleNamespace

import altair as alt
import pandas as pd
import streamlit as st
from langchain_core.messages import HumanMessage

from app.accounts import Accounts, SignInError
from app.chat_models import ChatModelConfigError, describe, make_chat_model
from app.companion import Threads, make_companion
from app.memory_factory import forgetting_curve, open_store
from app.memory_views import (ImportRefused, bank_entries, curve_points, days_view,
                              ensure_profile, import_for_user, recalled_view)
from app.settings import Settings, get_settings
from app.ui_text import UI
from graph import ChatModelError, Context, TurnError, reply_tokens
from memory.seed_format import SeedFormatError, export_user
from memory.background import BACKGROUND, default_worker
from memory.reflection import ReflectionReport, Reflector, forget_pieces
from prompts.reflection import REFLECTION

CURVES = 12  # forgetting curves drawn: the memories recalled most recently (more is unreadable)

st.set_page_config(page_title="SiliconFriend", page_icon="💬", layout="wide")
settings = get_settings()
lang = st.sidebar.radio("Language / 语言", ["en", "cn"], horizontal=True,
                        format_func={"en": "English", "cn": "中文"}.get,
                        index=0 if settings.language == "en" else 1, key="lang")
T = UI[lang]


@st.cache_resource(show_spinner=False)
def memory_resources(settings_json: str) -> SimpleNamespace:
    """One store, thread saver and account book per data settings, per process."""
    s = Settings.model_validate_json(settings_json)
    return SimpleNamespace(store=open_store(s), threads=Threads.open(s),
                           accounts=Accounts.open(s), curve=forgetting_curve(s))


@st.cache_resource(show_spinner=False, max_entries=2)
def chat_model(settings_json: str):
    """One chat model per model settings, per process (loading takes seconds); at most two
    stay loaded: the default and the last one switched to."""
    return make_chat_model(Settings.model_validate_json(settings_json))


# The chat model can be switched in "Your data", among the operator's `model_choices` only.
choice = st.session_state.get("model_choice")
chat_settings = settings.model_copy(update=settings.model_choices.get(choice, {}))
try:
    with st.spinner(T["loading_model"]):
        model = chat_model(chat_settings.model_dump_json())
except (ChatModelConfigError, OSError, ValueError) as e:
    st.session_state.pop("model_choice", None)
    st.error(f"{T['model_not_loaded']}: {e}")
    chat_settings, model = settings, chat_model(settings.model_dump_json())
shared = memory_resources(settings.model_dump_json())  # shared by sessions: never mutated
R = SimpleNamespace(**vars(shared), settings=chat_settings, model=model,
                    graph=make_companion(chat_settings, store=shared.store, model=model,
                                         checkpointer=shared.threads.checkpointer))

st.title("SiliconFriend" if lang == "en" else "硅基朋友 SiliconFriend")
st.caption(T["tagline"])

# -- sign-in -------------------------------------------------------------------------------------
# A reload keeps the sign-in: the page's address carries the session's token (`app.accounts`).
if "user" not in st.session_state and (token := st.query_params.get("session")):
    if (account := R.accounts.resume(token)) is None:
        del st.query_params["session"]
        st.session_state.session_ended = True
    else:
        st.session_state.user, st.session_state.name = account.id, account.name
        st.session_state.token = token
if "user" not in st.session_state:
    if st.session_state.pop("signed_out", False):
        st.warning(T["account_deleted"])
    if st.session_state.pop("session_ended", False):
        st.info(T["session_ended"])
    with st.form("sign_in"):
        name = st.text_input(T["name"])
        passphrase = st.text_input(T["passphrase"], type="password", help=T["sign_in_help"])
        if st.form_submit_button(T["sign_in"]):
            try:
                account = R.accounts.sign_in(name, passphrase, client=st.context.ip_address)
            except SignInError as e:
                st.error(str(e))
            else:
                ensure_profile(R.store, account.id, account.name)
                st.session_state.user, st.session_state.name = account.id, account.name
                st.session_state.created = account.created
                st.session_state.token = st.query_params["session"] = \
                    R.accounts.open_session(account.id)
                st.rerun()
    st.stop()


def sign_out(ended: bool = True) -> None:
    if ended and "token" in st.session_state:
        R.accounts.end_session(st.session_state.token)
    st.query_params.clear()
    st.session_state.clear()


# Memory, threads and profile are keyed by the account's id, never by its name.
user, name = st.session_state.user, st.session_state.name
if R.accounts.get(user) is None or R.store.is_deleted(user):  # deleted in another session
    sign_out(ended=False)
    st.session_state.signed_out = True
    st.rerun()
if st.session_state.pop("created", False):
    st.success(T["created"].format(user=name))
with st.sidebar:
    st.markdown(f"**{name}**")
    if st.button(T["new_conversation"], width="stretch"):
        R.threads.new(user)
    if st.button(T["sign_out"], width="stretch"):
        sign_out()
        st.rerun()
config = {"configurable": {"thread_id": R.threads.current(user)}}
today = date.today()

# The open tab is kept across reruns, and across a change of language by its place.
TABS = ("chat", "memories", "your_data")
labels = [T[t] for t in TABS]
if (open_tab := st.session_state.get("tab")) and open_tab not in labels:
    st.session_state.tab = next((labels[i] for words in UI.values()
                                 for i, t in enumerate(TABS) if words[t] == open_tab), labels[0])
chat_tab, memory_tab, data_tab = st.tabs(labels, key="tab", on_change="rerun")

# -- chat ----------------------------------------------------------------------------------------
with chat_tab:
    history = st.container()
    for m in R.graph.get_state(config).values.get("messages", []):
        history.chat_message("user" if m.type == "human" else "assistant").write(m.text)
    if prompt := st.chat_input(T["say"]):
        history.chat_message("user").write(prompt)

        def streamed_reply():
            turn = {"messages": [HumanMessage(prompt)], "language": lang}
            # the signed-in account speaks: the graph takes it from the run's context
            yield from reply_tokens(R.graph, turn, config, context=Context(user_id=user))

        with history.chat_message("assistant"):
            try:
                st.write_stream(streamed_reply())
            except ChatModelError as e:
                st.error(f"{T['model_failed']}\n\n{e}")
            except TurnError as e:
                st.warning(str(e))

# -- memories ------------------------------------------------------------------------------------
with memory_tab:
    if flash := st.session_state.pop("flash", None):  # what the last action did, after its rerun
        st.success(T[flash])
    recalled = R.graph.get_state(config).values.get("recalled") or []
    st.subheader(T["recalled"])
    if recalled:
        rows = [r | {"kind": T["kinds"].get(r["kind"], r["kind"])}  # in the page's language
                for r in recalled_view(recalled)]  # the user's words; replies folded below
        st.table(pd.DataFrame([{T[k]: r[k] for k in ("date", "kind", "text", "similarity",
                                                     "retention", "strength")} for r in rows]))
        with st.expander(T["replies_recalled"]):
            for r in rows:
                st.markdown(f"**{r['date']}** {r['text']}" + (
                    f"  \n*{T['companion_replied']}* {r['reply']}" if r["reply"] else ""))
    else:
        st.caption(T["nothing_recalled"])

    profile = R.store.profile(user)
    left, right = st.columns(2)
    left.subheader(T["overall"])
    left.write((profile and profile.overall_history) or T["not_yet"])
    right.subheader(T["portrait"])
    right.write((profile and profile.overall_personality) or T["not_yet"])
    # Summaries are written in the background, one pass at a time per user, yielding to replies.
    worker = default_worker()

    def summarize_now() -> None:  # a callback: it runs before the page, which then shows it
        reflector = Reflector(R.store, R.model, REFLECTION[lang], tags=(BACKGROUND,))
        worker.last.pop(user, None)
        worker.submit(user, lambda: reflector.reflect(user, today, include_today=True,
                                                       progress=worker.report(user)))

    st.button(T["summarize_now"], disabled=worker.running(user), on_click=summarize_now)

    # While a pass runs, its progress is redrawn every 2 s; when it ends the page is redrawn.
    @st.fragment(run_every=2.0 if worker.running(user) else None)
    def summarizing() -> None:
        last = worker.last.get(user)
        if worker.running(user):
            day = worker.progress.get(user)
            st.info(T["summarizing_day"].format(day=day[0], done=day[1], total=day[2])
                    if day else T["summarizing"])
            st.session_state.summarizing = True
        elif st.session_state.pop("summarizing", False):
            st.rerun(scope="app")  # it ended: the days and the overall texts are new
        elif isinstance(last, ReflectionReport):
            st.success(T["summarized"].format(n=len(last.summarized)))
            for why in last.failed.values():
                st.warning(T["summarize_failed"].format(why=why))
        elif isinstance(last, Exception):
            st.warning(T["summarize_failed"].format(why=f"{type(last).__name__}: {last}"))

    summarizing()

    st.subheader(T["days"])
    for day in days_view(R.store, user):
        with st.expander(day["date"]):
            st.markdown(f"**{T['day_summary']}** {day['summary'] or '—'}")
            st.markdown(f"**{T['day_personality']}** {day['personality'] or '—'}")

    st.subheader(T["curves"])
    pieces = R.store.pieces(user)
    rows = curve_points(pieces, R.curve, today, limit=CURVES)
    turns = sum(p.kind == "turn" for p in pieces)
    st.caption(T["curves_help"].format(n=min(turns, CURVES), total=turns))
    if rows:
        data = pd.DataFrame(rows).rename(columns={"memory": T["memory_axis"],
                                                  "day": T["days_axis"],
                                                  "retention": T["retention"]})
        x = alt.X(f"{T['days_axis']}:T", title=T["days_axis"])
        y = alt.Y(f"{T['retention']}:Q", title=T["retention"], scale=alt.Scale(domain=[0, 1]))
        # 20 distinct colours for at most 12 lines; the legend below the chart, labels whole
        color = alt.Color(f"{T['memory_axis']}:N", scale=alt.Scale(scheme="tableau20"),
                          legend=alt.Legend(orient="bottom", columns=2, labelLimit=360))
        lines = alt.Chart(data[~data["recall"]]).mark_line().encode(x, y, color)
        dots = alt.Chart(data[data["recall"]]).mark_point(filled=True, size=60).encode(
            x, y, color)
        floor = alt.Chart(pd.DataFrame({"t": [R.curve.threshold]})).mark_rule(
            strokeDash=[4, 4]).encode(y="t:Q")
        st.altair_chart(lines + dots + floor, width="stretch")
    else:
        st.caption(T["no_memories"])

    if pieces:
        st.subheader(T["delete_one"])
        picked = st.selectbox(T["delete_one"], pieces, label_visibility="collapsed",
                              format_func=lambda p: f"{p.date} · " +
                              p.text[:80].replace("\n", " · "))
        st.caption(T["delete_one_help"])
        if st.button(T["delete_one_button"]):
            forget_pieces(R.store, user, [picked.id])
            # the day's summary and the overall texts are written again without it
            reflector = Reflector(R.store, R.model, REFLECTION[lang], tags=(BACKGROUND,))
            default_worker().submit(user, lambda: reflector.reflect(user, today,
                                                                     include_today=True))
            st.session_state.flash = "deleted_one"
            st.rerun()

# -- the user's data -----------------------------------------------------------------------------
with data_tab:
    if R.store.profile(user) is not None:
        st.download_button(T["export"], file_name=f"memory_bank_{name}.json",
                           mime="application/json",
                           data=json.dumps({name: export_user(R.store, user)},
                                           ensure_ascii=False, indent=2))
    # Memory written elsewhere (the command line, another agent) joins an account only here:
    # the signed-in user brings in one entry of a file, by choice.
    upload = st.file_uploader(T["import"], type=["json"], help=T["import_help"])
    entries = []
    if upload is not None:
        try:
            entries = sorted(bank_entries(upload.getvalue()))
        except SeedFormatError as e:
            st.error(str(e))
    if entries:
        entry = st.selectbox(T["import_entry"], entries)
        if st.button(T["import_button"]):
            bar = st.progress(0.0, text=T["importing"])
            try:
                n = import_for_user(R.store, upload.getvalue(), user, entry, name=name,
                                    progress=lambda share: bar.progress(share,
                                                                        text=T["importing"]))
            except (SeedFormatError, ImportRefused) as e:
                st.error(str(e))
            else:
                bar.progress(1.0)
                st.success(T["imported"].format(n=n))

    st.subheader(T["delete_all"])
    sure = st.checkbox(T["delete_all_confirm"])
    if st.button(T["delete_all_button"], type="primary", disabled=not sure):
        # The tombstone first: from then on nothing can write for this user, not another
        # session, a reflection already running or a queued reinforcement.
        R.store.delete_user(user)
        R.threads.forget_user(user)
        R.accounts.delete(user)  # every other session of the account signs out
        sign_out(ended=False)
        st.rerun()

    st.subheader(T["settings"])
    st.markdown(f"- {T['chat_model']}: `{describe(R.settings)}`\n"
                f"- {T['embedding_model']}: `{R.store.embedding_for(user)}`\n"
                f"- {T['data_dir']}: `{R.settings.data_dir}`")
    if settings.model_choices:
        with st.form("chat_model"):
            st.markdown(f"**{T['switch_model']}**")
            labels = [T["default_model"], *settings.model_choices]
            current = st.session_state.get("model_choice")
            picked_model = st.selectbox(T["model_choice"], labels,
                                        index=labels.index(current) if current in labels else 0)
            if st.form_submit_button(T["apply"]):
                st.session_state.model_choice = picked_model if picked_model in \
                    settings.model_choices else None
                st.rerun()
