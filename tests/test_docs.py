"""The examples the docs show run as tests: the public modules' docstring examples (doctest),
and the README's MemoryBank example as written; and the running app's imports stay clear of the
offline tools."""
from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

import memory.dates
import memory.forgetting
import memory.language
import memory.query
import memory.store
import memory.weights

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("module", [memory.dates, memory.forgetting, memory.language,
                                    memory.query, memory.store, memory.weights],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failed == 0


def test_the_readmes_memorybank_example_runs_as_written(tmp_path, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The MemoryBank (`memory/`)"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(tmp_path)  # its ".sf_data" lands here
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    meta = scope["docs"][0].metadata
    assert {"id", "date", "kind", "similarity", "retention", "strength", "score", "query",
            "response"} <= set(meta)
    assert "Mochi" in scope["docs"][0].page_content


def test_the_readmes_langgraph_store_example_runs_as_written(tmp_path, monkeypatch, capsys):
    from app.settings import get_settings

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("As a LangGraph store, for an agent of any shape"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.setenv("SF_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SF_EMBEDDING", "minilm")
    get_settings.cache_clear()
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        get_settings.cache_clear()
    # what the example says it prints, it prints
    said = re.search(r"print\(out\[\"recalled\"\]\)  # (.*)", code).group(1)
    assert capsys.readouterr().out.strip() == said


def test_the_running_app_imports_nothing_of_training_or_evaluation():
    # What the page, the chat command and the graph load (app.studio builds from these, in a
    # thread). The offline tools (evaluation, reply scoring, LoRA training) are loaded only by
    # their own commands.
    import subprocess
    import sys

    probe = ("import sys, app.accounts, app.chat_models, app.companion, app.memory_factory, "
             "app.memory_views, app.settings, app.ui_text, graph, memory.background, "
             "memory.seed_format, memory.reflection, prompts.reflection; "
             "print(sorted(m for m in sys.modules if m.startswith(('app.evaluation', "
             "'app.training', 'peft'))))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True).stdout
    assert out.strip() == "[]"
