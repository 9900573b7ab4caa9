"""Training, an offline tool: LoRA adapters on dialogue data (`lora`) from the files in `data/`.
The running app imports none of it (tests/test_docs.py)."""
