import os
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

import pytest

from memory.store import MemoryStore  # the package sets the offline environment (memory.offline)

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
def bundled_base(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bundled")


@pytest.fixture(scope="session")
def bundled_models(bundled_base) -> Path:
    """The bundled models, verified once per test session (real loads, no mock): the default's
    GGUF (llama.cpp), the 0.5B's GGUF and its dequantized copy (transformers, where a test is
    about that runtime); the directory of every bundled model built so far."""
    from app.bundled_models import DEFAULT
    from app.chat_models import local_gguf, local_model_dir

    local_gguf(bundled_base, DEFAULT)
    local_gguf(bundled_base, "qwen2.5-0.5b")
    local_model_dir(bundled_base, "qwen2.5-0.5b")
    return bundled_base / "models"


@pytest.fixture(scope="session")
def small_model(bundled_base) -> Path:
    """The small English bundled model (SmolLM2-135M), for tests of wiring, not of replies."""
    from app.chat_models import local_model_dir

    return local_model_dir(bundled_base, "smollm2-135m")


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


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real Chroma server (`chroma run` from the chromadb package) on loopback."""
    import sys

    port = free_port()
    path = tmp_path_factory.mktemp("chroma_server")
    env = os.environ | {"ANONYMIZED_TELEMETRY": "False"}
    with served([str(Path(sys.executable).parent / "chroma"), "run", "--path", str(path),
                 "--host", "127.0.0.1", "--port", str(port)],
                f"http://127.0.0.1:{port}/api/v2/heartbeat", path / "server.log", env):
        yield "127.0.0.1", port


@pytest.fixture(params=["embedded", "server"])
def backend(request, tmp_path):
    """Opens stores on one backend: embedded Chroma on disk, or the test's Chroma server (left
    empty after each test). Calling it again reopens the same memory, as a restart would."""
    if request.param == "embedded":
        yield lambda embedding="minilm": MemoryStore.open(tmp_path / "data", embedding=embedding)
        return
    host, port = request.getfixturevalue("chroma_server")
    yield lambda embedding="minilm": MemoryStore.open(host=host, port=port, embedding=embedding)
    from memory.store import make_client

    client = make_client(host=host, port=port)
    for col in client.list_collections():
        client.delete_collection(col.name)


PG_BIN = Path("/usr/lib/postgresql/15/bin")  # Debian's postgresql package; `make test` installs it


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    """A real PostgreSQL cluster on loopback, made and started for this test session (as the
    `postgres` user when the tests run as root: PostgreSQL refuses to run as root). Yields a
    function that makes a fresh, empty database and returns its URL."""
    assert (PG_BIN / "initdb").exists(), "PostgreSQL is missing: run `make test` (it installs it)"
    root = tmp_path_factory.mktemp("postgres")
    data, port = root / "data", free_port()
    as_owner: list[str] = []
    if os.geteuid() == 0:
        import shutil

        shutil.chown(root, "postgres")
        root.chmod(0o700)
        for parent in root.parents:  # the server must reach its folder
            if parent == Path("/"):
                break
            parent.chmod(parent.stat().st_mode | 0o011)
        as_owner = ["runuser", "-u", "postgres", "--"]
    run = lambda *args: subprocess.run([*as_owner, *map(str, args)], check=True,  # noqa: E731
                                       capture_output=True, text=True)
    run(PG_BIN / "initdb", "-D", data, "-U", "sf", "--auth=trust", "-E", "UTF8")
    run(PG_BIN / "pg_ctl", "-D", data, "-l", root / "server.log", "-w", "-o",
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
    made = iter(range(1_000_000))

    def new_database() -> str:
        name = f"sf{next(made)}"
        run(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", port, "-U", "sf", name)
        return f"postgresql://sf@127.0.0.1:{port}/{name}"

    try:
        yield new_database
    finally:
        run(PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    """Where accounts and threads are kept: a SQLite file, or a fresh PostgreSQL database. Yields
    a function that returns the target for a book (a path, or the database's URL)."""
    if request.param == "sqlite":
        yield lambda name: tmp_path / f"{name}.sqlite"
        return
    url = request.getfixturevalue("postgres_server")()
    yield lambda name: url
