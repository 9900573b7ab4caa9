import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

import pytest

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from memory.store import MemoryStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = Path(os.environ.get("SF_SEED_DIR", ROOT.parent / "shared" / "seed_eval_data"))


def seed_file(lang: str, kind: str = "memory_bank") -> Path:
    ext = "json" if kind == "memory_bank" else "jsonl"
    path = SEED / lang / f"{kind}_{lang}.{ext}"
    if not path.exists():
        pytest.skip(f"seed evaluation data not found at {SEED} (set SF_SEED_DIR)")
    return path


@pytest.fixture
def store(tmp_path) -> MemoryStore:
    """A real embedded Chroma on disk with the bundled English embeddings."""
    return MemoryStore.open(tmp_path / "data", embedding="minilm")


@pytest.fixture
def cn_store(tmp_path) -> MemoryStore:
    return MemoryStore.open(tmp_path / "data_cn", embedding="e5")


@pytest.fixture(scope="session")
def bundled_models(tmp_path_factory) -> Path:
    """The bundled chat model, dequantized once per test session (a real load, no mock)."""
    from app.chat_models import local_model_dir

    base = tmp_path_factory.mktemp("bundled")
    local_model_dir(base)
    return base / "models"


@pytest.fixture
def model_data_dir(tmp_path, bundled_models) -> Path:
    """A fresh data directory that already holds the dequantized bundled model."""
    data = tmp_path / "sf_data"
    data.mkdir()
    (data / "models").symlink_to(bundled_models, target_is_directory=True)
    return data


@contextmanager
def served(args: list[str], health_url: str, log_path: Path, env: dict):
    """Runs a server process from the repository root until it answers `health_url` (or fails
    the test with its log), and stops it afterwards."""
    log = log_path.open("w")
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(health_url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{args[0]} did not start:\n" + log_path.read_text())
            time.sleep(0.5)
        yield proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
