"""``vietrans serve --ray``: the server's sentences are decoded on a (local) Ray runtime.
Skipped where Ray is not installed, like the other Ray tests (`pip install 'vietrans[ray]'`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from translator.cli import main

ray = pytest.importorskip("ray")


def test_serve_with_ray_translates_through_ray(copy_model, tmp_path, monkeypatch):
    # uvicorn.run is replaced by a client of the very app the command built (its lifespan loads the engine).
    import uvicorn
    from starlette.testclient import TestClient

    seen = {}

    def run(app, host, port, **kw):
        with TestClient(app, base_url="http://127.0.0.1") as client:
            seen["answer"] = client.post("/translate", json={"q": "Học máy.", "source": "vi", "target": "en"}).json()
            translator = app.state.service.translator
            seen["engine"] = type(translator.engine).__name__
            seen["ray"] = ray.is_initialized()
            seen["workers"] = len(translator.engine.actors)

    monkeypatch.setattr(uvicorn, "run", run)
    arguments = ["serve", "--model", str(copy_model), "--data-dir", str(tmp_path / "data"), "--ray", "--workers", "1"]
    result = CliRunner().invoke(main, [*arguments, "--cache", str(tmp_path / "memory.sqlite3"), "--threads", "1"])
    assert result.exit_code == 0, result.output
    assert seen["engine"] == "RayEngine" and seen["ray"] and seen["workers"] == 1
    assert seen["answer"]["translatedText"].strip()  # the copy model's English (its structure, not its meaning)
    assert not ray.is_initialized()  # the server's runtime ended with it
