"""The job history on disk: one SQLite file under the server's data folder, so that a restart keeps it.

Each job is a row: its id and keys, its kind, what it was given (the upload's bytes, the URL),
its status, times and error, and once translated the document itself (the record that
``review apply`` also keeps, :mod:`translator.export.record`), from which every download is
made again.  A job that was queued or translating when the server stopped is marked
``interrupted`` as the server stops (and, after a crash, as it starts again): the history
never shows a job running that nothing runs.

Retention: the rows stay (the history), the files go.  Only the newest jobs keep their files
(the upload's bytes and the translated document): at most ``max_jobs`` of them (``vietrans
serve``: 200) and at most ``max_files_mb`` of files in all (500 MB); beyond either limit the
oldest finished jobs' files are dropped first, their rows kept with the time they were
pruned (``pruned``), so the history still says what was translated, when, and that its files
are gone.  Rows themselves are kept up to ``MAX_ROWS``, the oldest finished deleted beyond it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from translator.export import ExportOptions
from translator.export.record import Record, dump, load

INTERRUPTED = "interrupted"
UNFINISHED = ("queued", "translating")
STOPPED = "the server stopped before this job finished"
MAX_ROWS = 10_000  # jobs listed in the history at all (their files pruned long before)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    glossary_id TEXT,
    whole INTEGER NOT NULL,
    batch TEXT NOT NULL,
    url TEXT NOT NULL,
    output TEXT NOT NULL,
    data BLOB NOT NULL,
    created REAL NOT NULL,
    finished REAL,
    status TEXT NOT NULL,
    error TEXT NOT NULL,
    warnings TEXT NOT NULL,
    document BLOB,
    pruned REAL
)
"""
_FIELDS = ("id", "key", "kind", "name", "glossary_id", "whole", "batch", "url", "output", "data", "created", "finished")
_STATE = ("status", "error", "warnings", "document")
_LOADED = (*_FIELDS, *_STATE, "pruned")


class History:
    """The jobs table (one connection, used under a lock from the event loop and its worker threads)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(jobs)")}
        if "pruned" not in columns:  # a history written before retention was explicit
            self._db.execute("ALTER TABLE jobs ADD COLUMN pruned REAL")
        self.closed = False

    def add(self, job) -> None:
        """A new job, as it is now."""
        values = [getattr(job, name) for name in _FIELDS] + list(_state(job))
        columns = ", ".join(_FIELDS + _STATE)
        with self._lock:
            if self.closed:  # a job still running as the server stops: it reads back as interrupted
                return
            self._db.execute(f"INSERT OR REPLACE INTO jobs ({columns}) VALUES ({', '.join('?' * len(values))})", values)

    def update(self, job) -> None:
        """A job's status, error, end and (once translated) its document."""
        with self._lock:
            if self.closed:
                return
            self._db.execute(
                "UPDATE jobs SET status = ?, error = ?, warnings = ?, document = ?, finished = ? WHERE id = ?",
                (*_state(job), job.finished, job.id),
            )

    def prune(self, max_jobs: int, max_bytes: int, finished: set[str]) -> tuple[list[str], list[str]]:
        """Apply the retention limits (the module docstring) to the jobs in ``finished`` (only those
        may lose anything): the ids whose files were dropped now, and the ids whose rows were deleted."""
        with self._lock:
            if self.closed:
                return [], []
            rows = self._db.execute(
                "SELECT id, length(data) + ifnull(length(document), 0), pruned FROM jobs ORDER BY created"
            ).fetchall()
            kept = [(job_id, size) for job_id, size, pruned in rows if pruned is None]
            count, size = len(kept), sum(size for _, size in kept)
            pruned = []
            for job_id, bytes_ in kept:
                if count <= max_jobs and size <= max_bytes:
                    break
                if job_id in finished:
                    pruned.append(job_id)
                    count, size = count - 1, size - bytes_
            when = time.time()
            self._db.executemany(
                "UPDATE jobs SET data = x'', document = NULL, pruned = ? WHERE id = ?", [(when, i) for i in pruned]
            )
            excess = len(rows) - MAX_ROWS
            deleted = [job_id for job_id, _, _ in rows if job_id in finished][: max(excess, 0)]
            self._db.executemany("DELETE FROM jobs WHERE id = ?", [(i,) for i in deleted])
        return pruned, deleted

    def load(self) -> list[dict]:
        """Every job, oldest first, as the fields of a job (``doc`` the document, or None); the
        unfinished marked interrupted, here and on disk."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET status = ?, error = ? WHERE status IN (?, ?)",
                (INTERRUPTED, STOPPED, *UNFINISHED),
            )
            rows = self._db.execute(f"SELECT {', '.join(_LOADED)} FROM jobs ORDER BY created").fetchall()
        jobs = []
        for row in rows:
            fields = dict(zip(_LOADED, row, strict=True))
            blob = fields.pop("document")
            record = load(bytes(blob)) if blob is not None else None
            fields["doc"] = record.document if record else None
            if fields["doc"] is not None:
                fields["doc"].warnings = json.loads(fields["warnings"])
            del fields["warnings"]
            fields["whole"] = bool(fields["whole"])
            fields["data"] = bytes(fields["data"])
            jobs.append(fields)
        return jobs

    def close(self) -> None:
        with self._lock:
            self.closed = True
            self._db.close()


def _state(job) -> tuple:
    doc = job.doc
    document = dump(Record(doc, ExportOptions(), [])) if doc is not None else None
    return job.status, job.error, json.dumps(doc.warnings if doc is not None else [], ensure_ascii=False), document
