"""notebooks/eval.ipynb runs headless from top to bottom on the project's evaluation sets (cut
to one user per set, to keep the suite quick) and draws its figures."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def test_the_eval_notebook_runs_headless(monkeypatch):
    monkeypatch.setenv("SF_EVAL_USERS", "1")
    # Importing streamlit (other tests do) sets MPLBACKEND=Agg for the process, which the
    # kernel would inherit and then draw nothing; a notebook kernel draws inline.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(ROOT / "notebooks" / "eval.ipynb", as_version=4)
    NotebookClient(nb, timeout=900, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    table = next(o for o in outputs if "text/html" in o.get("data", {}))["data"]["text/html"]
    assert all(m in table for m in ("ours", "dense", "original", "time-weighted"))
    assert all(s in table for s in ("life_en", "life_cn", "life_en_blind", "life_cn_blind"))
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 2  # hit@k, per type
