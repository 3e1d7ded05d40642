"""A real server on 127.0.0.1 for the server's tests: uvicorn in a thread, a test model, its own folders."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")


@dataclass
class Served:
    url: str
    app: object
    data: Path

    @property
    def service(self):
        return self.app.state.service


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(model: Path, folder: Path, **settings) -> Iterator[Served]:
    """``vietrans serve`` as the command builds it, on a free port, until the block ends."""
    import uvicorn

    from translator.engines import EngineSpec
    from translator.pipeline import Options
    from translator.server.app import create_app
    from translator.server.service import ServerSettings

    option_fields = {
        k: settings.pop(k)
        for k in list(settings)
        if k in ("terms", "glossaries", "use_cache", "fetch", "export", "skip_non_vietnamese")
    }
    options = Options(
        engine=EngineSpec(model=str(model)),
        download=False,
        progress=False,
        cache=folder / "memory.sqlite3",
        **{"terms": "inject", **option_fields},
    )
    app = create_app(ServerSettings(options=options, data_dir=folder / "data", **settings))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Served(f"http://127.0.0.1:{port}", app, folder / "data")
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def finished(url: str, job_id: str) -> dict:
    """A job of the server at ``url`` once it is done (or failed)."""
    import httpx

    for _ in range(400):
        job = httpx.get(f"{url}/api/jobs/{job_id}").json()
        if job["status"] in ("done", "error"):
            return job
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


@pytest.fixture(scope="module")
def served(copy_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for a module's tests (the copy model: its English is its Vietnamese, terms injected)."""
    with serving(copy_model, tmp_path_factory.mktemp("served")) as running:
        yield running
