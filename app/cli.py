"""The command line: `python -m app memory ...`."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from collections.abc import Callable
from typing import Optional

import typer
from tqdm import tqdm

from app.memory_factory import forgetting_curve, make_retriever, open_store
from app.settings import get_settings
from memory.dates import parse_day

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="SiliconFriend, a companion with long-term memory.")
memory_app = typer.Typer(no_args_is_help=True, help="Inspect and manage the MemoryBank.")
app.add_typer(memory_app, name="memory")


def _day(value: Optional[str]) -> date:
    if value is None:
        return date.today()
    try:
        return parse_day(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(1)


@memory_app.command("import")
def import_(file: Path = typer.Argument(..., help="a MemoryBank JSON file (seed format)")):
    """Import a memory file; checked whole before anything is written."""
    from memory.seed_format import SeedFormatError, import_banks, read_bank

    try:
        banks = read_bank(file)
    except (SeedFormatError, OSError) as e:
        _fail(str(e))
    store = open_store(get_settings())
    if gone := [b.profile.user for b in banks if store.is_deleted(b.profile.user)]:
        _fail(f"deleted for good, their memory cannot be written again: {', '.join(gone)}; "
              f"rename them in the file")
    with tqdm(total=sum(b.turns for b in banks), unit="turn", desc="importing") as bar:
        written = import_banks(store, banks, progress=bar.update)
    typer.echo(f"imported {sum(written.values())} turns of {len(written)} users")


@memory_app.command()
def export(user: str = typer.Option(..., "--user"),
           out: Optional[Path] = typer.Option(None, "--out", help="file; stdout if omitted")):
    """Export a user's memory in the seed format."""
    from memory.seed_format import export_user

    store = open_store(get_settings())
    try:
        data = {user: export_user(store, user)}
    except KeyError as e:
        _fail(e.args[0])
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")


@memory_app.command("list-users")
def list_users():
    """Every user with a memory."""
    store = open_store(get_settings())
    for user in store.users():
        typer.echo(f"{user}\t{store.count(user)} pieces")


@memory_app.command()
def search(query: str, user: str = typer.Option(..., "--user"),
           today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD"),
           k: Optional[int] = typer.Option(None, "--k"),
           reinforce: bool = typer.Option(True, help="recall strengthens what it finds")):
    """Recall a user's memories for a query, as the companion would."""
    day = _day(today)
    s = get_settings()
    store = open_store(s)
    if user not in store.users():
        _fail(f"no memory for user {user!r}")
    docs = make_retriever(s, store, user, reinforce=reinforce).recall(query, day, k)
    store.flush(user)  # what the recall reinforced is written when the command returns
    for d in docs:
        m = d.metadata
        typer.echo(f"[{m['date']} {m['kind']} sim={m['similarity']:.3f} R={m['retention']:.3f} "
                   f"S={m['strength']}] {d.page_content}")
    if not docs:
        typer.echo("nothing recalled")


@memory_app.command()
def reembed(user: Optional[str] = typer.Option(None, "--user", help="one user; all if omitted")):
    """Re-embed memories written with another embedding model (after changing SF_EMBEDDING) or
    before they kept sentence vectors (after upgrading); an up-to-date memory is left alone."""
    store = open_store(get_settings())
    for u in [user] if user else store.users():
        was = store.embedded_with(u)
        if not store.needs_reembed(u):
            typer.echo(f"{u}\tup to date" if was is not None else f"{u}\tno memories")
            continue
        with tqdm(unit="piece", desc=u) as bar:
            n = store.reembed(u, progress=bar.update)
        why = ("sentence vectors added" if was == store.embedding_name
               else f"{was or 'unknown'} -> {store.embedding_name}")
        typer.echo(f"{u}\t{n} pieces re-embedded ({why})")


@memory_app.command()
def fade(today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD"),
         user: Optional[str] = typer.Option(None, "--user", help="one user; all if omitted")):
    """Forget the turns whose retention has dropped below the threshold as of today."""
    day = _day(today)
    s = get_settings()
    store = open_store(s)
    gone = store.fade(forgetting_curve(s), day, [user] if user else None)
    for u, n in gone.items():
        typer.echo(f"{u}\t{n} turns forgotten")


@memory_app.command("delete-user")
def delete_user(user: str, yes: bool = typer.Option(False, "--yes", help="do not ask")):
    """Delete every memory of a user and their conversation threads, for good: nothing can be
    written under that user id again."""
    from app.companion import Threads

    if not yes:
        typer.confirm(f"Delete every memory of {user!r} for good?", abort=True)
    s = get_settings()
    had_memory = open_store(s).delete_user(user)
    threads = Threads.open(s)
    had_threads = threads.forget_user(user)
    threads.close()
    if not (had_memory or had_threads):
        _fail(f"no memory for user {user!r}")
    typer.echo(f"deleted {user} for good")


@app.command()
def chat(user: str = typer.Option(..., "--user", help="who is talking"),
         language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
         backend: Optional[str] = typer.Option(None, "--backend", help="openai, hf or local"),
         model: Optional[str] = typer.Option(None, "--model", help="hf: a model id or path; "
                                             "openai: a model name"),
         adapter: Optional[Path] = typer.Option(None, "--adapter", help="hf: a LoRA adapter dir"),
         today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD; the clock if "
                                             "omitted"),
         show_memories: bool = typer.Option(False, "--show-memories",
                                            help="print what was recalled for each reply")):
    """Talk with SiliconFriend. Type `clear` for a new conversation, `stop` to quit."""
    from langchain_core.messages import HumanMessage

    from app.chat_models import ChatModelConfigError, describe
    from app.companion import Threads, make_companion
    from graph import ChatModelError, Context, TurnError, reply_tokens
    from memory.store import StoreError

    if today is not None:
        _day(today)
    update = {k: v for k, v in {"language": language, "chat_backend": backend,
                                "hf_adapter": adapter}.items() if v is not None}
    if model is not None:
        update["openai_model" if (backend or get_settings().chat_backend) == "openai"
               else "hf_model"] = model
    try:
        s = get_settings().model_validate(get_settings().model_dump() | update)
    except ValueError as e:
        _fail(str(e))
    typer.secho(f"SiliconFriend ({describe(s)}); `clear` starts a new conversation, `stop` "
                "quits.", dim=True, err=True)
    threads = Threads.open(s)
    try:
        companion = make_companion(s, checkpointer=threads.checkpointer)
    except (ChatModelConfigError, RuntimeError) as e:
        _fail(str(e))
    thread = threads.current(user)
    while True:
        try:
            line = input(f"{user}> ")
        except (EOFError, KeyboardInterrupt):
            break
        command = line.strip().lower()
        if command == "stop":
            break
        if command == "clear":
            thread = threads.new(user)
            typer.secho("(a new conversation)", dim=True)
            continue
        if not command:
            continue
        turn = {"messages": [HumanMessage(line)], "language": s.language, "today": today}
        config = {"configurable": {"thread_id": thread}}
        typer.echo("SiliconFriend> ", nl=False)
        try:
            for text in reply_tokens(companion, turn, config, context=Context(user_id=user)):
                typer.echo(text, nl=False)
            typer.echo()
        except (ChatModelError, TurnError) as e:
            typer.echo()
            typer.secho(f"error: {e}", fg="red", err=True)
            continue
        except StoreError as e:  # the user was deleted for good meanwhile, say
            typer.echo()
            _fail(str(e))
        if show_memories:
            for m in companion.get_state(config).values.get("recalled", []):
                words = " ".join(m["text"].split())  # what was recalled, on one line
                typer.secho(f"  [{m['date']} {m['kind']} sim={m['similarity']:.2f} "
                            f"R={m['retention']:.2f} S={m['strength']}] "
                            f"{words[:117] + '…' if len(words) > 120 else words}", dim=True)
    threads.close()
    _finish_reflection(user)


def _finish_reflection(user: str) -> None:
    """Lets a summary being written in the background end before the process does: a model
    thread killed mid-generation aborts the interpreter with a C++ message. Ctrl-C leaves at
    once; the pass is redone next time (the reflector is crash-safe)."""
    from memory.background import default_worker

    worker = default_worker()
    if not worker.running(user):
        return
    typer.secho("(finishing the summary of your earlier days; Ctrl-C leaves now and it is "
                "done next time)", dim=True, err=True)
    try:
        worker.wait(user)
    except KeyboardInterrupt:
        pass


@app.command()
def summarize(user: Optional[str] = typer.Option(None, "--user", help="one user"),
              all_users: bool = typer.Option(False, "--all", help="every user"),
              today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD"),
              include_today: bool = typer.Option(True, help="summarize today's turns too")):
    """Summarize days (events, personality) and update the overall summary and portrait."""
    from app.chat_models import ChatModelConfigError, make_chat_model
    from memory.reflection import Reflector
    from prompts.reflection import REFLECTION

    if bool(user) == all_users:
        _fail("give --user U or --all")
    day = _day(today)
    s = get_settings()
    store = open_store(s)
    users = store.users() if all_users else [user]
    if user and user not in store.users():
        _fail(f"no memory for user {user!r}")
    try:
        reflector = Reflector(store, make_chat_model(s), REFLECTION[s.language])
    except ChatModelConfigError as e:
        _fail(str(e))
    failures = 0
    for u in users:
        with tqdm(desc=f"summarizing {u}", unit="day") as bar:
            def advance(_day: str, done: int, total: int, bar=bar) -> None:
                bar.total = total  # known once the reflector has read which days need it
                bar.update(done - bar.n)

            report = reflector.reflect(u, day, include_today=include_today, progress=advance)
        failures += len(report.failed)
        typer.echo(f"{u}\t{len(report.summarized)} days summarized"
                   + (", overall updated" if report.overall_updated else ""))
        for what, why in report.failed.items():
            typer.secho(f"  {what}: not summarized ({why}); it will be retried", fg="yellow",
                        err=True)
    if failures:
        raise typer.Exit(1)


@app.command()
def finetune(data: list[Path] = typer.Option(..., "--data", help="dialogues: JSON or JSONL, "
                                             "{input, output, history} or {messages}; "
                                             "repeat for several files"),
             base: str = typer.Option("local", "--base", help="a model path or cached id; "
                                      "`local` = the bundled model (SF_LOCAL_MODEL)"),
             out: Path = typer.Option(..., "--out", help="where the adapter is saved"),
             epochs: int = typer.Option(3, min=1), lr: float = typer.Option(2e-4, min=0),
             r: int = typer.Option(8, min=1), alpha: int = typer.Option(16, min=1),
             dropout: float = typer.Option(0.05, min=0, max=1),
             target_modules: str = typer.Option("q_proj,v_proj", help="comma-separated"),
             max_length: int = typer.Option(512, min=16), seed: int = typer.Option(0)):
    """LoRA fine-tuning on empathetic dialogues; the loss covers the companion's replies."""
    from app.chat_models import local_model_dir
    from app.training.lora import DialogueDataError, LoraSettings, load_dialogues
    from app.training.lora import finetune as train

    try:
        n = sum(len(load_dialogues(f)) for f in data)
    except DialogueDataError as e:
        _fail(str(e))
    settings = LoraSettings(epochs=epochs, lr=lr, r=r, alpha=alpha, dropout=dropout,
                            target_modules=[m.strip() for m in target_modules.split(",")
                                            if m.strip()],
                            max_length=max_length, seed=seed)
    s = get_settings()
    base_model = local_model_dir(s.data_dir, s.local_model) if base == "local" else base
    with tqdm(total=epochs * n, unit="step", desc="fine-tuning") as bar:
        def step(_i: int, loss: float) -> None:
            bar.set_postfix(loss=f"{loss:.3f}")
            bar.update()

        try:
            facts = train(data, base_model, out, settings, on_step=step)
        except (DialogueDataError, OSError, ValueError, RuntimeError) as e:
            _fail(str(e))
    typer.echo(f"saved the adapter to {out}: loss on the replies {facts['loss_before']} -> "
               f"{facts['loss_after']} over {facts['steps']} steps")


eval_app = typer.Typer(no_args_is_help=True, help="Measure recall on gold-labelled data.")
app.add_typer(eval_app, name="eval")


@eval_app.command("retrieval")
def eval_retrieval(bank: Path = typer.Option(..., "--bank", help="a MemoryBank JSON file"),
                   gold: Path = typer.Option(..., "--gold", help="gold questions, JSONL"),
                   k: str = typer.Option("1,2,3,5,10", "--k", help="comma-separated"),
                   today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD; "
                                                       "default: 4 days after each user's last"),
                   method: str = typer.Option("ours", "--method",
                                              help="ours | dense | original | "
                                              "time-weighted, several comma-separated, or all"),
                   language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
                   foreign: int = typer.Option(0, "--foreign", min=0, help="also ask each user "
                                               "N questions of the other users (unanswerable)"),
                   asked_before: Optional[str] = typer.Option(
                       None, "--asked-before", help="declined | unmarked: each question was "
                       "asked once before and got \"I don't think you've told me\", marked as "
                       "the companion marks it, or not"),
                   when: Optional[str] = typer.Option(
                       None, "--when", help="month | week: only the questions whose evidence "
                       "lies in one month or week, with that time said after them (\"It was in "
                       "March.\")"),
                   json_out: Optional[Path] = typer.Option(None, "--json", help="write here")):
    """Hit@k and recall@k of a retrieval method on a bank and its gold questions; for the
    unanswerable ones, the share that recalled nothing."""
    from app.evaluation.gold import EvalDataError, read_gold
    from app.evaluation.recall import METHODS, evaluate_methods
    from memory.seed_format import SeedFormatError

    methods = METHODS if method == "all" else tuple(m.strip() for m in method.split(","))
    try:
        ks = tuple(sorted({int(x) for x in k.split(",") if x.strip()}))
        if not ks or min(ks) < 1:
            raise ValueError
    except ValueError:
        raise typer.BadParameter(f"{k!r} is not a list of positive integers") from None
    day = _day(today) if today else None
    s = get_settings()
    try:
        golds = read_gold(gold)
        total = (len(golds) + foreign * len({g.user for g in golds})) * len(methods)
        with tqdm(total=total, unit="q", desc=f"eval {method}") as bar:
            results = evaluate_methods(bank, gold, methods, ks, day, s.embedding,
                                       language or s.language, progress=bar.update,
                                       foreign=foreign, asked_before=asked_before,
                                       when=when)
    except (EvalDataError, SeedFormatError, OSError) as e:
        _fail(str(e))
    result = results[methods[0]] if len(methods) == 1 else results  # several: keyed by method
    if json_out:
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    brief = {m: {k: v for k, v in r.items() if k != "per_question"} for m, r in results.items()}
    typer.echo(json.dumps(brief[methods[0]] if len(methods) == 1 else brief,
                          ensure_ascii=False, indent=2))


@eval_app.command("open")
def eval_open(bank: Path = typer.Option(..., "--bank", help="a life-like set's bank"),
              content: Path = typer.Option(..., "--content", help="its content folder, "
                                           "eval_data/content/<set>"),
              users: Optional[int] = typer.Option(None, "--users", help="the first N users"),
              language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
              json_out: Optional[Path] = typer.Option(None, "--json", help="write here")):
    """Open questions about a time ("What have I been up to lately?"): are the memories
    recalled events or small talk, and how recent?"""
    from app.evaluation.gold import EvalDataError
    from app.evaluation.recall import OPEN_QUESTIONS, evaluate_open
    from memory.seed_format import SeedFormatError

    s = get_settings()
    lang = language or s.language
    if lang not in OPEN_QUESTIONS:
        _fail(f"language must be one of {sorted(OPEN_QUESTIONS)}, got {lang!r}")
    try:
        with tqdm(unit="q", desc="eval open") as bar:
            result = evaluate_open(bank, content, s.embedding, lang, users, progress=bar.update)
    except (EvalDataError, SeedFormatError, OSError) as e:
        _fail(str(e))
    _report(result, json_out, "")


@eval_app.command("replies")
def eval_replies(bank: Path = typer.Option(..., "--bank", help="a MemoryBank JSON file"),
                 gold: Path = typer.Option(..., "--gold", help="gold questions with keywords"),
                 language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
                 backend: Optional[str] = typer.Option(None, "--backend",
                                                       help="openai, hf or local"),
                 local_model: Optional[str] = typer.Option(None, "--local-model",
                                                           help="a bundled model"),
                 adapter: Optional[Path] = typer.Option(None, "--adapter",
                                                        help="a LoRA adapter directory"),
                 limit: Optional[int] = typer.Option(None, "--limit", min=1,
                                                     help="the first N answerable questions"),
                 today: Optional[str] = typer.Option(None, "--today", help="YYYY-MM-DD; "
                                                     "default: 4 days after each user's last"),
                 conversation: bool = typer.Option(False, "--conversation",
                                                   help="each user's questions in one "
                                                        "conversation, not each in a new one"),
                 foreign: int = typer.Option(0, "--foreign", min=0,
                                             help="also ask each user N of the other users' "
                                                  "questions (unanswerable for them)"),
                 types: Optional[list[str]] = typer.Option(None, "--type",
                                                           help="only questions of this type "
                                                                "(repeatable)"),
                 json_out: Optional[Path] = typer.Option(None, "--json", help="write here")):
    """The companion answers each gold question through the whole graph; scores memory use,
    language, stage directions, length and speed (no judge model)."""
    from langgraph.checkpoint.memory import InMemorySaver

    from app.chat_models import ChatModelConfigError, backend as backend_of, make_chat_model
    from app.companion import make_companion
    from app.evaluation.gold import EvalDataError
    from app.evaluation.replies import evaluate_replies
    from memory.seed_format import SeedFormatError

    s = _with(get_settings(), language=language, chat_backend=backend, local_model=local_model,
              reflect_every=0)
    if adapter is not None:
        s = _with(s, **{"hf_adapter" if backend_of(s) == "hf" else "local_adapter": str(adapter)})
    try:
        model = make_chat_model(s)
    except ChatModelConfigError as e:
        _fail(str(e))
    try:
        with tqdm(total=limit, unit="q", desc="eval replies") as bar:
            result = evaluate_replies(bank, gold, lambda store: make_companion(
                s, store=store, model=model, checkpointer=InMemorySaver()), s.embedding,
                s.language, limit, _day(today) if today else None, bar.update, conversation,
                foreign, tuple(types or ()))
    except (EvalDataError, SeedFormatError, OSError) as e:
        _fail(str(e))
    _report(result, json_out, "replies")


@eval_app.command("statements")
def eval_statements(bank: Path = typer.Option(..., "--bank", help="a MemoryBank JSON file"),
                    language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
                    backend: Optional[str] = typer.Option(None, "--backend",
                                                          help="openai, hf or local"),
                    local_model: Optional[str] = typer.Option(None, "--local-model",
                                                              help="a bundled model"),
                    users: Optional[int] = typer.Option(None, "--users", min=1,
                                                        help="the bank's first N users"),
                    per_user: int = typer.Option(3, "--per-user", min=1,
                                                 help="messages told per user"),
                    json_out: Optional[Path] = typer.Option(None, "--json", help="write here")):
    """The companion answers what each user told on their last day (held out of the memory);
    scores how often it says the message back, language, length and speed (no judge model)."""
    from app.evaluation.statements import evaluate_statements

    s = _with(get_settings(), language=language, chat_backend=backend, local_model=local_model,
              reflect_every=0)
    result = _over_companions(s, "eval statements", "message", lambda companion, progress:
                              evaluate_statements(bank, companion, s.embedding, s.language,
                                                  users, per_user, progress))
    _report(result, json_out, "replies")


def _over_companions(s, desc: str, unit: str, run: Callable) -> dict:
    """`run(companion_factory, progress)`: an evaluation of the chat model of `s` through the
    whole graph, over each store it opens; a bad model setting or data file ends the command
    with its message."""
    from langgraph.checkpoint.memory import InMemorySaver

    from app.chat_models import ChatModelConfigError, make_chat_model
    from app.companion import make_companion
    from app.evaluation.gold import EvalDataError
    from memory.seed_format import SeedFormatError

    try:
        model = make_chat_model(s)
    except ChatModelConfigError as e:
        _fail(str(e))
    try:
        with tqdm(unit=unit, desc=desc) as bar:
            return run(lambda store: make_companion(s, store=store, model=model,
                                                    checkpointer=InMemorySaver()), bar.update)
    except (EvalDataError, SeedFormatError, OSError) as e:
        _fail(str(e))


@eval_app.command("recaps")
def eval_recaps(bank: Path = typer.Option(..., "--bank", help="a MemoryBank JSON file"),
                language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
                backend: Optional[str] = typer.Option(None, "--backend", help="openai, hf or local"),
                local_model: Optional[str] = typer.Option(None, "--local-model",
                                                          help="a bundled model"),
                users: Optional[int] = typer.Option(None, "--users", min=1,
                                                    help="the bank's first N users"),
                after: int = typer.Option(4, "--after", min=0,
                                          help="days after each user's last chat day"),
                json_out: Optional[Path] = typer.Option(None, "--json", help="write here")):
    """Each user asks what they have been up to lately (three ways), over their whole memory;
    scores how often the reply says the question back, carries what was recalled, guesses, or
    retells a greeting."""
    from app.evaluation.recaps import evaluate_recaps

    s = _with(get_settings(), language=language, chat_backend=backend, local_model=local_model,
              reflect_every=0)
    result = _over_companions(s, "eval recaps", "question", lambda companion, progress:
                              evaluate_recaps(bank, companion, s.embedding, s.language, users,
                                              after, progress))
    _report(result, json_out, "replies")


@eval_app.command("dialogues")
def eval_dialogues(data: Path = typer.Option(..., "--data", help="prepared prompts, JSONL "
                                             "(app/training/data/grounded_dev_*.jsonl)"),
                   local_model: Optional[str] = typer.Option(None, "--local-model"),
                   adapter: Optional[str] = typer.Option(None, "--adapter",
                                                         help="auto, none or a directory"),
                   json_out: Optional[Path] = typer.Option(None, "--json")):
    """The bundled chat model alone on prepared prompts with memories: uses the right memory,
    says when it does not remember, language, length, stage directions."""
    from app.chat_models import ChatModelConfigError, make_chat_model
    from app.evaluation.replies import evaluate_dialogues

    s = _with(get_settings(), chat_backend="local", local_model=local_model,
              local_adapter=adapter)
    try:
        model = make_chat_model(s)
        with tqdm(unit="prompt", desc="eval dialogues") as bar:
            result = evaluate_dialogues(data, model, bar.update)
    except (ChatModelConfigError, OSError, ValueError, KeyError) as e:
        _fail(str(e))
    _report(result, json_out, "replies")


def _report(result: dict, json_out: Optional[Path], details: str) -> None:
    """Writes the whole result to `json_out` (if given) and prints it without `details`."""
    if json_out:
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n",
                            encoding="utf-8")
    typer.echo(json.dumps({k: v for k, v in result.items() if k != details},
                          ensure_ascii=False, indent=2))


def _with(s, **update):
    """Settings with the given fields changed (None leaves one as it is), validated."""
    try:
        return s.model_validate(s.model_dump() | {k: v for k, v in update.items()
                                                  if v is not None})
    except ValueError as e:
        _fail(str(e))


@eval_app.command("validate")
def eval_validate(bank: Path = typer.Option(..., "--bank"), gold: Path = typer.Option(..., "--gold")):
    """Checks that every gold evidence turn exists in the bank."""
    from app.evaluation.gold import EvalDataError, check_evidence, read_gold
    from memory.seed_format import SeedFormatError, read_bank

    try:
        golds, banks = read_gold(gold), read_bank(bank)
    except (EvalDataError, SeedFormatError) as e:
        _fail(str(e))
    problems = check_evidence(banks, golds)
    for p in problems:
        typer.echo(p)
    if problems:
        _fail(f"{len(problems)} problems in {len(golds)} questions")
    typer.echo(f"ok: {len(golds)} questions, {len(banks)} users, every evidence turn exists")


@eval_app.command("answers")
def eval_answers(bank: Path = typer.Option(..., "--bank"), gold: Path = typer.Option(..., "--gold"),
                 judge_model: str = typer.Option(..., "--judge-model", help="judge model name"),
                 judge_base_url: Optional[str] = typer.Option(
                     None, "--judge-base-url", help="an OpenAI-compatible endpoint; the key is "
                     "SF_JUDGE_API_KEY or OPENAI_API_KEY"),
                 today: Optional[str] = typer.Option(None, "--today"),
                 limit: Optional[int] = typer.Option(None, "--limit", min=1),
                 language: Optional[str] = typer.Option(None, "--language", help="en or cn"),
                 json_out: Optional[Path] = typer.Option(None, "--json")):
    """The companion answers each gold question; a judge model scores correctness and
    coherence (0, 0.5, 1), as the paper's raters did."""
    import os

    from langchain_openai import ChatOpenAI

    from app.chat_models import ChatModelConfigError, make_chat_model
    from app.companion import make_companion
    from app.evaluation.answers import evaluate_answers
    from app.evaluation.gold import EvalDataError, read_gold
    from memory.seed_format import SeedFormatError

    key = os.environ.get("SF_JUDGE_API_KEY") or os.environ.get("OPENAI_API_KEY")
    if not key:
        _fail("the judge needs SF_JUDGE_API_KEY or OPENAI_API_KEY")
    s = get_settings()
    lang = language or s.language
    try:
        model = make_chat_model(s)
    except ChatModelConfigError as e:
        _fail(str(e))
    judge = ChatOpenAI(model=judge_model, base_url=judge_base_url, api_key=key, temperature=0,
                       timeout=s.request_timeout, max_retries=s.max_retries)
    no_reflection = s.model_copy(update={"reflect_every": 0})
    try:
        n = len(read_gold(gold)[:limit])
        with tqdm(total=n, unit="q", desc="eval answers") as bar:
            result = evaluate_answers(
                bank, gold, lambda store: make_companion(no_reflection, store=store, model=model),
                judge, _day(today) if today else None, s.embedding, lang, limit, bar.update)
    except (EvalDataError, SeedFormatError, OSError) as e:
        _fail(str(e))
    text = json.dumps(result, ensure_ascii=False, indent=2)
    if json_out:
        json_out.write_text(text + "\n", encoding="utf-8")
    typer.echo(json.dumps({k: v for k, v in result.items() if k != "answers"},
                          ensure_ascii=False, indent=2))
