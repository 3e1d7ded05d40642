"""Translation jobs: an article pasted, uploaded or sent to ``/v2/document``, its report and its review.

A job is known by a random id (and, for DeepL's documents, a second random key); the
name a client gave its file is only shown (escaped), never used as a path.  Jobs live in
the server's memory and in its job history on disk (:mod:`translator.server.history`): every
job's row, and the files (upload, translated document) of the newest ``max_jobs`` within
``MAX_FILES_MB`` (older jobs' files are pruned, their rows kept).  A stop marks the jobs still
running ``interrupted``, and a restart reads them back so, to be run again; a job its request gave
up on (the client gone, a body over the limit) is marked so too.  The translations
themselves are in the translation memory, so a job translated again costs nothing.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path

from translator.document import Document
from translator.errors import InputError, VietransError
from translator.export import FORMATS, ExportOptions, output_name, render
from translator.server.history import INTERRUPTED, STOPPED, History

QUEUED, TRANSLATING, DONE, ERROR = "queued", "translating", "done", "error"
ENDED = (DONE, ERROR, INTERRUPTED)
MAX_FILES_MB = 500  # uploads and translated documents kept, all jobs together (the oldest finished pruned first)
PRUNED = "its files were pruned from the history (only the newest jobs keep theirs)"
CANCELLED = "cancelled with its request (the client went away, or sent a body over the limit)"


@dataclass
class Job:
    """One article and what became of it."""

    name: str  # as the client named it: shown, never a path
    data: bytes
    glossary_id: str | None = None
    whole: bool = False  # nothing set aside (an API's document must come back whole)
    id: str = field(default_factory=lambda: secrets.token_urlsafe(12))
    key: str = field(default_factory=lambda: secrets.token_hex(16))  # DeepL's document_key
    created: float = field(default_factory=time.time)
    status: str = QUEUED
    error: str = ""
    doc: Document | None = None
    task: asyncio.Task | None = None
    remote: object | None = None  # translator.read.url.Remote: a fetched article
    batch: str = ""  # the batch (a list of URLs, a feed) the job came in
    kind: str = "text"  # text (pasted), file (uploaded), document (DeepL's), url (fetched)
    url: str = ""  # a fetched article's address (to fetch it again when it is re-run)
    output: str = ""  # the format a DeepL document or LibreTranslate file answers in (server.documents)
    finished: float | None = None
    pages: ExportOptions = field(default_factory=ExportOptions)  # the server's --layout and --paper
    pruned: float | None = None  # when its files (upload, translated document) were dropped by retention
    rendered: dict[str, bytes] = field(default_factory=dict, repr=False)  # PDF, ODT made for an API, kept

    @property
    def stem(self) -> str:
        """A file name's stem made from the client's name: letters, digits, ``-`` and ``_`` only."""
        stem = re.sub(r"[^\w-]+", "_", Path(self.name.replace("\\", "/")).stem, flags=re.ASCII).strip("_")
        return stem[:60] or "article"

    def summary(self) -> dict:
        sentences = list(self.doc.sentences()) if self.doc else []
        return {
            "id": self.id,
            "name": self.name,
            "created": self.created,
            "finished": self.finished,
            "kind": self.kind,
            "status": self.status,
            "error": self.error,
            "sentences": len(sentences),
            "flagged": sum(bool(s.flags) for s in sentences),
            "reviewed": sum(bool(s.reviewed) for s in sentences),
            "title": self.doc.title if self.doc else "",
            "batch": self.batch,
            "pruned": self.pruned is not None,
        }

    def rows(self) -> list[dict]:
        """The sentence table: the JSON Lines export's fields, each row with its review id."""
        import json

        from translator.export.rows import row_id

        if self.doc is None:
            return []
        rows = [json.loads(line) for line in render(self.doc, "jsonl").decode("utf-8").splitlines()]
        for number, (row, sentence) in enumerate(zip(rows, self.doc.sentences(), strict=True), 1):
            row["n"] = number
            row["id"] = row_id(number, sentence)
        return rows

    def export(self, fmt: str) -> tuple[bytes, str]:
        """The report in ``fmt`` and its file name."""
        if fmt not in FORMATS:
            raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
        if self.doc is None:
            raise InputError(PRUNED if self.pruned else "the job is not translated yet")
        return render(self.doc, fmt, self.pages), output_name(self.stem, fmt)


class Jobs:
    """Every job of this server (see the module docstring)."""

    def __init__(self, service) -> None:
        self.service = service
        self.history = History(service.data_dir / "jobs.sqlite3")
        self._jobs: dict[str, Job] = {}
        for fields in self.history.load():
            job = Job(**fields, pages=service.options.export)
            self._jobs[job.id] = job
        self._forget()

    def _new(self, job: Job) -> Job:
        job.pages = self.service.options.export
        self._jobs[job.id] = job
        self.history.add(job)
        return job

    def add(
        self,
        data: bytes,
        name: str,
        glossary_id: str | None = None,
        whole: bool = False,
        kind: str = "text",
        output: str = "",
    ) -> Job:
        """Start translating an upload; the job is answered at once and finishes in the background."""
        if glossary_id:
            self.service.glossaries.for_request(glossary_id)  # an unknown id fails now, not later
        job = self._new(Job(name[:200], data, glossary_id, whole, kind=kind, output=output))
        self._forget()
        job.task = asyncio.get_running_loop().create_task(self.run(job))
        return job

    async def add_urls(self, urls: list[str], glossary_id: str | None = None) -> tuple[str, list[Job], list[str]]:
        """A batch: every article the URLs bring (a feed: its items), fetched now, translated in the
        background; its id, its jobs and what the fetching had to say."""
        if glossary_id:
            self.service.glossaries.for_request(glossary_id)
        gathered = await self.service.gather(urls)
        batch = secrets.token_urlsafe(9)
        jobs = []
        for remote in gathered.articles:
            job = Job(remote.url[:200], b"", glossary_id, remote=remote, batch=batch, kind="url", url=remote.url)
            if remote.error is not None:
                job.status, job.error, job.finished = ERROR, str(remote.error), time.time()
            self._new(job)
            if remote.error is None:
                job.task = asyncio.get_running_loop().create_task(self.run(job))
            jobs.append(job)
        self._forget()
        return batch, jobs, gathered.warnings

    async def rerun(self, job: Job) -> Job:
        """A job run again from what it was given (a fetched article: fetched again), under its own id."""
        if job.status not in ENDED:
            raise InputError("the job is still running")
        if job.pruned:
            raise InputError(f"cannot run it again: {PRUNED}")
        if job.kind == "url":
            gathered = await self.service.gather([job.url])
            remote = next(iter(gathered.articles), None)
            if remote is None or remote.error is not None:
                raise InputError(str(remote.error) if remote else f"{job.url}: no article there any more")
            job.remote = remote
        job.status, job.error, job.finished = QUEUED, "", None
        job.doc = None  # the last run's translation is never served (or counted) as this run's
        self.history.update(job)
        job.task = asyncio.get_running_loop().create_task(self.run(job))
        return job

    def batch(self, batch: str) -> dict:
        """A batch's progress: how many of its jobs are done, failed, still running."""
        jobs = [job for job in self.all() if batch and job.batch == batch]
        if not jobs:
            raise KeyError(batch)
        states = (QUEUED, TRANSLATING, DONE, ERROR, INTERRUPTED)
        count = {state: sum(job.status == state for job in jobs) for state in states}
        return {"batch": batch, "total": len(jobs), **count, "jobs": [job.summary() for job in reversed(jobs)]}

    async def run(self, job: Job) -> None:
        job.status = TRANSLATING
        job.rendered.clear()
        self.history.update(job)
        try:
            if job.remote is not None:
                doc = await self.service.read_remote(job.remote)
            else:
                doc = await self.service.read(job.data, job.name, whole=job.whole)
            job.doc = await self.service.translate(doc, job.glossary_id)
            job.status = DONE
        except asyncio.CancelledError:  # its request gave up on it: never left showing as running
            if job.status not in ENDED:  # (a stop has said why already)
                job.status, job.error, job.finished = INTERRUPTED, CANCELLED, time.time()
                self.history.update(job)
            raise
        except VietransError as err:
            job.status, job.error = ERROR, str(err)
        except Exception as err:  # the engine failed: the job says so in one line; the server goes on
            job.status, job.error = ERROR, f"translation failed ({type(err).__name__})"
        job.finished = time.time()
        await asyncio.to_thread(self.history.update, job)  # (the document compressed off the event loop)
        self._forget()

    def get(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise KeyError(job_id)
        return job

    def all(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda job: job.created, reverse=True)

    async def stop(self) -> None:
        """The server stops: jobs still queued or translating are cut short and marked interrupted
        (on disk too), then the history is closed."""
        running = [job for job in self._jobs.values() if job.status not in ENDED]
        for job in running:
            if job.task is not None:
                job.task.cancel()
            job.status, job.error = INTERRUPTED, STOPPED
            self.history.update(job)
        tasks = [job.task for job in running if job.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=5)
        self.history.close()

    def _forget(self) -> None:
        """Apply the history's retention (:mod:`translator.server.history`): the oldest finished jobs'
        files pruned beyond ``max_jobs`` or ``MAX_FILES_MB``, their rows beyond ``MAX_ROWS``."""
        finished = {job.id for job in self._jobs.values() if job.status in ENDED}
        pruned, deleted = self.history.prune(self.service.settings.max_jobs, int(MAX_FILES_MB * 1024 * 1024), finished)
        for job_id in pruned:
            job = self._jobs[job_id]
            job.data, job.doc, job.pruned, job.remote = b"", None, time.time(), None
            job.rendered.clear()
        for job_id in deleted:
            del self._jobs[job_id]

    async def review(self, job: Job, edits: list[dict]) -> dict:
        """A reviewer's edits from the browser, judged and stored exactly as ``vietrans review apply``
        stores a review file's; then the job is translated again (the memory gives their English)."""
        from translator.review import Row, judge

        if job.doc is None:
            raise InputError("the job is not translated yet")
        sentences = list(job.doc.sentences())
        rows, problems = [], []
        for edit in edits:
            number = edit.get("n")
            if not isinstance(number, int) or not 1 <= number <= len(sentences):
                problems.append(f"row {number}: no such row in the article; not applied")
                continue
            rows.append(
                Row(
                    str(edit.get("id") or ""),
                    sentences[number - 1].source,
                    str(edit.get("english") or "").strip(),
                    str(edit.get("comment") or "").strip(),
                    str(edit.get("status") or "").strip(),
                )
            )
        result = judge(Path(f"web review of {job.stem}"), {"vietrans_review": 1}, rows)
        await self.service.on_engine(self.service.human_store, result)
        job.status = TRANSLATING
        await self.run(job)
        return {
            "corrected": result.corrected,
            "approved": result.approved,
            "stored": result.stored,
            "problems": problems + result.problems,
            "notes": result.notes,
        }
