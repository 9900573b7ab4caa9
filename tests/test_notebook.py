"""notebooks/eval.ipynb runs headless from top to bottom, as `make notebook` runs it by default (a
seeded sample of users per set, to keep the suite quick), draws figures sized for a screen and
says how long it took."""
from __future__ import annotations

import base64
import struct
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def png_size(data: str) -> tuple[int, int]:
    width, height = struct.unpack(">II", base64.b64decode(data)[16:24])  # the IHDR chunk
    return width, height


def test_the_eval_notebook_runs_headless_by_default(monkeypatch):
    monkeypatch.delenv("SF_EVAL_USERS", raising=False)  # the default run
    # Importing streamlit (other tests do) sets MPLBACKEND=Agg for the process, which the
    # kernel would inherit and then draw nothing; a notebook kernel draws inline.
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(ROOT / "notebooks" / "eval.ipynb", as_version=4)
    NotebookClient(nb, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    # the same sample every run: two users of each set, named
    assert printed.count("life_en: ") == 1 and len(printed.split("life_en: ")[1]
                                                   .splitlines()[0].split(", ")) == 2
    assert "a sample of 2 users per set" in printed.splitlines()[-1]
    assert printed.splitlines()[-1].startswith("ran in ")
    table = next(o for o in outputs if "text/html" in o.get("data", {}))["data"]["text/html"]
    assert all(m in table for m in ("ours", "dense", "original", "time-weighted"))
    assert all(s in table for s in ("life_en", "life_cn", "life_en_blind", "life_cn_blind",
                                    "life_en_blind2", "life_cn_blind2"))
    figures = [png_size(o["data"]["image/png"]) for o in outputs
               if "image/png" in o.get("data", {})]
    assert len(figures) == 2  # hit@k, per type
    assert all(width <= 1100 for width, _ in figures), figures  # a screen's width, not 1,400+
