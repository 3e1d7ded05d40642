"""The job history survives a restart: jobs, their tables and downloads come back; a job the stop cut
short comes back as interrupted (never as running) and can be run again."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

import httpx

from tests.server.conftest import finished, serving

ARTICLE = "Học máy thay đổi tòa soạn.\n\nBiên tập viên vẫn đọc lại từng câu."


@contextlib.contextmanager
def _client(url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url) as client:
        client.get("/")
        client.headers["X-CSRF-Token"] = client.cookies["vietrans_csrf"]
        yield client


def test_history_and_downloads_survive_a_restart(copy_model, tmp_path):
    with serving(copy_model, tmp_path) as first, _client(first.url) as client:
        started = client.post("/api/jobs", data={"text": ARTICLE, "name": "bai.txt"}).json()[0]
        job = finished(first.url, started["id"])
        assert job["status"] == "done" and job["finished"] >= job["created"]
        before = {fmt: client.get(f"/api/jobs/{job['id']}/export/{fmt}").content for fmt in ("md", "jsonl", "xliff")}
    assert (tmp_path / "data" / "jobs.sqlite3").is_file()
    with serving(copy_model, tmp_path) as second, _client(second.url) as client:
        history = client.get("/api/jobs").json()
        assert [(j["id"], j["status"], j["name"], j["kind"]) for j in history] == [
            (job["id"], "done", "bai.txt", "text")
        ]
        again = client.get(f"/api/jobs/{job['id']}").json()
        assert again["rows"] == job["rows"] and again["created"] == job["created"]
        for fmt, data in before.items():
            assert client.get(f"/api/jobs/{job['id']}/export/{fmt}").content == data


def test_a_job_running_when_the_server_stops_is_interrupted_and_can_be_rerun(copy_model, tmp_path):
    with serving(copy_model, tmp_path) as first, _client(first.url) as client:

        async def never(doc, glossary_id=None):  # the engine busy until the server stops
            await asyncio.Event().wait()

        first.service.translate = never
        started = client.post("/api/jobs", data={"text": ARTICLE}).json()[0]
        assert client.get(f"/api/jobs/{started['id']}").json()["status"] == "translating"
    with serving(copy_model, tmp_path) as second, _client(second.url) as client:
        job = client.get(f"/api/jobs/{started['id']}").json()
        assert job["status"] == "interrupted" and "stopped" in job["error"]
        assert client.post(f"/api/jobs/{started['id']}/rerun").status_code == 202
        assert finished(second.url, started["id"])["status"] == "done"
        assert client.post(f"/api/jobs/{started['id']}/rerun", headers={"X-CSRF-Token": ""}).status_code == 403
