"""Evaluation, an offline tool: gold questions (`gold`), recall against baselines (`recall`), the
companion's replies without a judge (`replies`) and with one (`answers`). The running app
imports none of it (tests/test_docs.py)."""
