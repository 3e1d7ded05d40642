"""The job history survives a restart: jobs, their tables and downloads come back; a job the stop cut
short comes back as interrupted (never as running) and can be run again."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator

import httpx

from tests.server.conftest import finished, serving
from translator.server.history import STOPPED

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
        early = "the job is not translated yet"  # a download or a review before there is an English
        for answer in (
            client.get(f"/api/jobs/{started['id']}/export/md"),
            client.post(f"/api/jobs/{started['id']}/review", json={"rows": []}),
        ):
            assert (answer.status_code, answer.json()) == (400, {"error": early, "message": early})
    with serving(copy_model, tmp_path) as second, _client(second.url) as client:
        job = client.get(f"/api/jobs/{started['id']}").json()
        assert job["status"] == "interrupted" and "stopped" in job["error"]
        assert client.post(f"/api/jobs/{started['id']}/rerun").status_code == 202
        assert finished(second.url, started["id"])["status"] == "done"
        assert client.post(f"/api/jobs/{started['id']}/rerun", headers={"X-CSRF-Token": ""}).status_code == 403


def _stored(folder, job_id: str) -> dict:
    """A job's row as the history file holds it (read without a server)."""
    import sqlite3

    with contextlib.closing(sqlite3.connect(folder / "data" / "jobs.sqlite3")) as db:
        db.row_factory = sqlite3.Row
        row = db.execute(
            "SELECT status, error, length(data) AS data, document IS NOT NULL AS document, pruned "
            "FROM jobs WHERE id = ?",
            (job_id,),
        ).fetchone()
    return dict(row)


def test_a_normal_stop_marks_the_running_jobs_interrupted_at_once(copy_model, tmp_path):
    with serving(copy_model, tmp_path) as first, _client(first.url) as client:

        async def never(doc, glossary_id=None):
            await asyncio.Event().wait()

        first.service.translate = never
        started = client.post("/api/jobs", data={"text": ARTICLE}).json()[0]
        done = client.post("/api/jobs", data={"text": "Một câu."}).json()[0]  # queued behind the engine too
        assert _stored(tmp_path, started["id"])["status"] == "translating"
    # The server has stopped (its lifespan's end) and none has started since: the file says so already.
    for job_id in (started["id"], done["id"]):
        row = _stored(tmp_path, job_id)
        assert (row["status"], row["error"]) == ("interrupted", STOPPED)
        assert first.app.state.jobs.get(job_id).status == "interrupted"
        assert first.app.state.jobs.get(job_id).task.cancelled()


def _run(client: httpx.Client, url: str, text: str) -> str:
    started = client.post("/api/jobs", data={"text": text}).json()[0]["id"]
    assert finished(url, started)["status"] == "done"
    return started


def test_only_the_newest_jobs_keep_their_files_and_every_row_stays(copy_model, tmp_path):
    with serving(copy_model, tmp_path, max_jobs=2) as small, _client(small.url) as client:
        ids = [_run(client, small.url, f"Câu số {number}.") for number in range(4)]
        history = client.get("/api/jobs").json()
        assert [(job["id"], job["pruned"]) for job in history] == [
            (ids[3], False),
            (ids[2], False),
            (ids[1], True),
            (ids[0], True),
        ]
        assert all(job["status"] == "done" for job in history)
        refused = client.get(f"/api/jobs/{ids[0]}/export/md")
        assert refused.status_code == 400 and "pruned" in refused.json()["error"]
        again = client.post(f"/api/jobs/{ids[0]}/rerun")
        assert again.status_code == 400 and "cannot run it again: its files were pruned" in again.json()["error"]
        assert client.get(f"/api/jobs/{ids[3]}/export/md").status_code == 200
    assert _stored(tmp_path, ids[0])["data"] == 0 and not _stored(tmp_path, ids[0])["document"]
    assert _stored(tmp_path, ids[0])["pruned"] is not None
    assert _stored(tmp_path, ids[3])["data"] > 0 and _stored(tmp_path, ids[3])["document"]
    with serving(copy_model, tmp_path, max_jobs=2) as again, _client(again.url) as client:
        assert [job["pruned"] for job in client.get("/api/jobs").json()] == [False, False, True, True]


def test_retention_never_takes_an_unfinished_jobs_files_or_row(copy_model, tmp_path, monkeypatch):
    """The oldest job still translating: beyond the limits the oldest finished jobs lose their files,
    then their rows; the unfinished job keeps both."""
    from translator.server import history

    monkeypatch.setattr(history, "MAX_ROWS", 3)  # (10,000 in use)
    with serving(copy_model, tmp_path, max_jobs=2) as served, _client(served.url) as client:
        real = served.service.translate

        async def held(doc, glossary_id=None):  # the engine busy with the first job until the server stops
            if any("GIỮ" in block.text for block in doc.blocks):
                await asyncio.Event().wait()
            return await real(doc, glossary_id)

        served.service.translate = held
        oldest = client.post("/api/jobs", data={"text": "Bài GIỮ lại."}).json()[0]["id"]
        ids = [_run(client, served.url, f"Câu số {number}.") for number in range(4)]
        history_now = [(job["id"], job["status"], job["pruned"]) for job in client.get("/api/jobs").json()]
        assert history_now == [(ids[3], "done", False), (ids[2], "done", True), (oldest, "translating", False)]
        assert _stored(tmp_path, oldest)["data"] > 0


def test_the_files_total_size_is_limited_too_the_oldest_pruned_first(copy_model, tmp_path, monkeypatch):
    from translator.server import jobs

    article = "\n\n".join(f"Biên tập viên số {n} đọc lại từng câu của bài báo." for n in range(200))
    with serving(copy_model, tmp_path, max_jobs=100) as served, _client(served.url) as client:
        first = _run(client, served.url, article)
        one = _stored(tmp_path, first)
        size = (
            one["data"]
            + served.app.state.jobs.history._db.execute(
                "SELECT length(document) FROM jobs WHERE id = ?", (first,)
            ).fetchone()[0]
        )
        monkeypatch.setattr(jobs, "MAX_FILES_MB", 1.5 * size / 1024 / 1024)  # room for one job's files, not two
        second = _run(client, served.url, article.replace("số", "thứ"))
        third = _run(client, served.url, article.replace("số", "hạng"))
        expected = {first: True, second: True, third: False}
        for _ in range(50):  # a job shows "done" a moment before it is stored and the limits applied
            pruned = {job["id"]: job["pruned"] for job in client.get("/api/jobs").json()}
            if pruned == expected:
                break
            time.sleep(0.1)
    assert pruned == expected


def test_a_jobs_warnings_survive_a_restart(copy_model, tmp_path):
    garbled = ARTICLE.encode("utf-8").decode("latin-1").encode("utf-8")  # "Viá»‡t": mis-decoded once
    with serving(copy_model, tmp_path) as first, _client(first.url) as client:
        started = client.post("/api/jobs", files=[("file", ("bai.txt", garbled))]).json()[0]
        warnings = finished(first.url, started["id"])["warnings"]
        assert any("repaired text" in w for w in warnings)
    with serving(copy_model, tmp_path) as second, _client(second.url) as client:
        assert client.get(f"/api/jobs/{started['id']}").json()["warnings"] == warnings


def test_a_server_without_a_memory_keeps_no_review(copy_model, tmp_path):
    with serving(copy_model, tmp_path, use_cache=False) as running, _client(running.url) as client:
        job = finished(running.url, client.post("/api/jobs", data={"text": ARTICLE}).json()[0]["id"])
        row = job["rows"][0]
        edits = [{"n": 1, "id": row["id"], "english": "Machine learning changes the newsroom.", "comment": ""}]
        kept = client.post(f"/api/jobs/{job['id']}/review", json={"rows": edits})
        assert kept.status_code == 409  # the server's state, not the request, is why: one line, no 500
        assert kept.json()["error"] == (
            "this server keeps no translation memory (started with --no-cache): reviews cannot be kept"
        )
        assert client.get(f"/api/jobs/{job['id']}").json()["rows"][0]["target"] == row["target"]
    assert not (tmp_path / "memory.sqlite3").exists()
