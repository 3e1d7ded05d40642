"""translator.server.jobs: a job's summary, how it ends, its batch, and each refusal, as the API answers them.

A stand-in service (no model, no server) keeps these fast: it reads a text as a title and one paragraph
per line and "translates" by upper-casing (a "?" sentence flagged, a "!" one reviewed), so every field a
client reads is known in advance.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.errors import InputError, VietransError
from translator.export import ExportOptions
from translator.server.history import STOPPED
from translator.server.jobs import CANCELLED, PRUNED, Jobs

FORMATS = "md, md-en, docx, docx-en, docx-review, tmx, xliff, jsonl, html"


class Service:
    """What :class:`Jobs` asks of the server's service, and nothing more."""

    def __init__(self, folder: Path, fails: Exception | None = None, max_jobs: int = 100) -> None:
        self.checked: list[str] = []  # the glossary ids checked before a job starts
        self.used: list[str | None] = []  # the glossary id each translation was given
        self.data_dir = folder
        self.options = SimpleNamespace(export=ExportOptions())
        self.settings = SimpleNamespace(max_jobs=max_jobs)
        self.glossaries = SimpleNamespace(for_request=self.checked.append)  # an unknown id would fail here
        self.fails = fails
        self.articles: list[SimpleNamespace] = []
        self.hold = False

    async def read(self, data: bytes, name: str, whole: bool = False) -> Document:
        lines = data.decode("utf-8").splitlines()
        blocks = [Block(BlockKind.TITLE, lines[0], [Sentence(lines[0])])]
        blocks += [Block(BlockKind.PARAGRAPH, line, [Sentence(line)]) for line in lines[1:]]
        return Document(blocks)

    async def read_remote(self, remote: SimpleNamespace) -> Document:
        return await self.read(remote.text.encode("utf-8"), remote.url)

    async def translate(self, doc: Document, glossary_id: str | None) -> Document:
        if self.hold:
            await asyncio.sleep(30)
        self.used.append(glossary_id)
        if self.fails is not None:
            raise self.fails
        for sentence in doc.sentences():
            sentence.translation = sentence.source.upper()
            sentence.flags = ["copied"] if "?" in sentence.source else []
            sentence.reviewed = "approved" if "!" in sentence.source else ""
        return doc

    async def gather(self, urls: list[str]) -> SimpleNamespace:
        return SimpleNamespace(articles=list(self.articles), warnings=[f"{len(urls)} asked"])


async def _settle(job) -> None:
    """Wait for a job's task (the background translation) to end."""
    await asyncio.wait_for(asyncio.shield(job.task), 10)


def test_a_jobs_summary_is_every_field_a_client_reads(tmp_path):
    async def main() -> dict:
        jobs = Jobs(Service(tmp_path))
        job = jobs.add("Tiêu đề\nCâu một?\nCâu hai!\nCâu ba?".encode(), "bài.txt", kind="file")
        assert job.summary()["status"] == "queued"
        await _settle(job)
        assert jobs.get(job.id) is job and jobs.all() == [job]
        with pytest.raises(KeyError):
            jobs.get("nope")
        assert (jobs.service.checked, jobs.service.used) == ([], [None])
        return job.summary() | {"id": job.id == job.summary()["id"], "finished": job.finished >= job.created}

    summary = asyncio.run(main())
    created = summary.pop("created")
    assert isinstance(created, float)
    assert summary == {
        "id": True,
        "name": "bài.txt",
        "finished": True,
        "kind": "file",
        "status": "done",
        "error": "",
        "sentences": 4,
        "flagged": 2,
        "reviewed": 1,
        "title": "Tiêu đề",
        "batch": "",
        "pruned": False,
    }


@pytest.mark.parametrize(
    ("fails", "status", "error"),
    [
        (None, "done", ""),
        (InputError("bai.txt: no article text found"), "error", "bai.txt: no article text found"),
        (VietransError("the model is missing"), "error", "the model is missing"),
        (RuntimeError("CUDA out of memory at 0x7f"), "error", "translation failed (RuntimeError)"),
    ],
)
def test_a_job_ends_done_or_in_error_with_its_one_line(tmp_path, fails, status, error):
    """A known failure is told as it is; any other one in one line naming its kind, never its details."""

    async def main():
        jobs = Jobs(Service(tmp_path, fails))
        job = jobs.add(b"Tin\nMot cau.", "tin.txt")
        await _settle(job)
        return job

    job = asyncio.run(main())
    assert (job.status, job.error, job.finished is not None) == (status, error, True)
    assert (job.doc is not None) == (status == "done")


def test_a_job_cut_short_says_why_cancelled_or_stopped(tmp_path):
    """A request giving up cancels its job (interrupted, CANCELLED); a stop marks the rest (STOPPED), on disk too."""

    async def main():
        service = Service(tmp_path)
        service.hold = True
        jobs = Jobs(service)
        cancelled, stopped, done = (jobs.add(f"Tin\nCâu {n}.".encode(), f"{n}.txt") for n in range(3))
        await asyncio.sleep(0.05)
        done.status = "done"  # an ended job is left as it is, by the stop and by its cancelled task
        cancelled.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await cancelled.task
        await jobs.stop()
        return cancelled, stopped, done

    cancelled, stopped, done = asyncio.run(main())
    assert (cancelled.status, cancelled.error, cancelled.finished is not None) == ("interrupted", CANCELLED, True)
    assert (stopped.status, stopped.error) == ("interrupted", STOPPED)
    assert (done.status, done.error) == ("done", "")
    assert {(j.id, j.status, j.error) for j in Jobs(Service(tmp_path)).all()} == {
        (cancelled.id, "interrupted", CANCELLED),
        (stopped.id, "interrupted", STOPPED),
        (done.id, "interrupted", STOPPED),  # its row still said translating
    }


def test_a_batch_counts_its_jobs_by_state_the_first_url_first(tmp_path):
    """URLs fetched into one batch: an article that failed to come is a job in error at once, with its line."""

    async def main():
        service = Service(tmp_path)
        service.articles = [
            SimpleNamespace(url="https://a.vn/1", error=None, text="Tin một\nCâu."),
            SimpleNamespace(url="https://a.vn/2", error=InputError("https://a.vn/2: 404 not found"), text=""),
            SimpleNamespace(url="https://a.vn/3", error=None, text="Tin ba\nCâu?"),
        ]
        jobs = Jobs(service)
        batch, started, warnings = await jobs.add_urls(["https://a.vn/feed"], "g1")
        for job in started:
            if job.task is not None:
                await _settle(job)
        assert (service.checked, service.used) == (["g1"], ["g1", "g1"])  # checked once, used by each article
        return jobs, batch, started, warnings

    jobs, batch, started, warnings = asyncio.run(main())
    assert warnings == ["1 asked"]
    assert [(j.name, j.kind, j.url, j.batch, j.status, j.error) for j in started] == [
        ("https://a.vn/1", "url", "https://a.vn/1", batch, "done", ""),
        ("https://a.vn/2", "url", "https://a.vn/2", batch, "error", "https://a.vn/2: 404 not found"),
        ("https://a.vn/3", "url", "https://a.vn/3", batch, "done", ""),
    ]
    assert all(j.finished is not None for j in started)
    progress = jobs.batch(batch)
    listed = progress.pop("jobs")
    assert progress == {
        "batch": batch,
        "total": 3,
        "queued": 0,
        "translating": 0,
        "done": 2,
        "error": 1,
        "interrupted": 0,
    }
    assert [j["title"] for j in listed] == ["Tin một", "", "Tin ba"]
    for unknown in ("", "nope"):
        with pytest.raises(KeyError):
            jobs.batch(unknown)


def test_a_job_run_again_keeps_its_id_and_a_url_is_fetched_again(tmp_path):
    async def main():
        service = Service(tmp_path)
        service.articles = [SimpleNamespace(url="https://a.vn/1", error=None, text="Cũ\nCâu.")]
        jobs = Jobs(service)
        _, (job,), _ = await jobs.add_urls(["https://a.vn/1"])
        await _settle(job)
        service.articles = [SimpleNamespace(url="https://a.vn/1", error=None, text="Mới\nCâu.")]
        again = await jobs.rerun(job)
        assert (again.status, again.error, again.finished) == ("queued", "", None)
        await _settle(again)
        return job, again

    job, again = asyncio.run(main())
    assert again is job and (job.status, job.doc.title) == ("done", "Mới")


def test_a_failed_job_run_again_reads_what_it_was_given(tmp_path):
    async def main():
        service = Service(tmp_path, fails=RuntimeError("out of memory"))
        jobs = Jobs(service)
        job = jobs.add("Tin\nCâu.".encode(), "tin.txt", "g2")
        await _settle(job)
        assert (job.status, job.error) == ("error", "translation failed (RuntimeError)")
        service.fails = None
        await _settle(await jobs.rerun(job))
        return job, service

    job, service = asyncio.run(main())
    assert (job.status, job.error, job.doc.title) == ("done", "", "Tin")
    assert (service.checked, service.used) == (["g2"], ["g2", "g2"])


def test_only_the_newest_jobs_keep_their_files(tmp_path):
    """Beyond ``max_jobs`` the oldest finished job is pruned: its row kept, its download refused in one line."""

    async def main():
        jobs = Jobs(Service(tmp_path, max_jobs=1))
        old = jobs.add(b"Cu\nCau.", "old.txt")
        await _settle(old)
        new = jobs.add(b"Moi\nCau.", "new.txt")
        await _settle(new)
        return old, new

    old, new = asyncio.run(main())
    assert [(j.summary()["pruned"], j.summary()["sentences"], j.data) for j in (old, new)] == [
        (True, 0, b""),
        (False, 2, b"Moi\nCau."),
    ]
    with pytest.raises(InputError) as refused:
        old.export("md")
    assert str(refused.value) == PRUNED


def _ended(jobs: Jobs, **state):
    job = jobs.add(b"Tin\nCau.", "a.txt")
    job.task.cancel()
    for name, value in {"status": "done", "doc": None, **state}.items():
        setattr(job, name, value)
    return job


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        ({}, "export:xlsx", f"unknown format 'xlsx'; choose from {FORMATS}"),
        ({}, "export:md", "the job is not translated yet"),
        ({"pruned": 1.0}, "export:md", PRUNED),
        ({"status": "translating"}, "rerun", "the job is still running"),
        ({"status": "queued"}, "rerun", "the job is still running"),
        ({"pruned": 1.0}, "rerun", f"cannot run it again: {PRUNED}"),
        ({"kind": "url", "url": "https://a.vn/gone"}, "rerun", "https://a.vn/gone: no article there any more"),
        ({"kind": "url", "url": "https://a.vn/x", "status": "error"}, "rerun:404", "https://a.vn/x: 404"),
        ({}, "review", "the job is not translated yet"),
    ],
)
def test_each_refusal_of_a_job_is_its_one_line(tmp_path, state, action, message):
    """What the API answers with 400: the whole line, for each thing a job cannot do in its state."""

    async def main():
        service = Service(tmp_path)
        if action == "rerun:404":
            service.articles = [SimpleNamespace(url="https://a.vn/x", error=InputError("https://a.vn/x: 404"))]
        jobs = Jobs(service)
        job = _ended(jobs, **state)
        name, _, fmt = action.partition(":")
        with pytest.raises(InputError) as refused:
            if name == "export":
                job.export(fmt)
            elif name == "rerun":
                await jobs.rerun(job)
            else:
                await jobs.review(job, [])
        return str(refused.value)

    assert asyncio.run(main()) == message


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("bài báo.docx", "b_i_b_o"),
        ("C:\\Users\\x\\tin tức.txt", "tin_t_c"),
        ("../../etc/passwd", "passwd"),
        ("***.txt", "article"),
        ("a" * 80 + ".md", "a" * 60),
    ],
)
def test_a_download_is_named_from_a_safe_stem(tmp_path, name, stem):
    """A client's name never becomes a path: letters, digits, - and _ only, 60 at most, else "article"."""

    async def main():
        jobs = Jobs(Service(tmp_path))
        job = jobs.add(b"Tin\nCau.", name)
        await _settle(job)
        return job.export("md")[1]

    assert asyncio.run(main()) == f"{stem}.bilingual.md"
