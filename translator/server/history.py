"""The job history on disk: one SQLite file under the server's data folder, so that a restart keeps it.

Each job is a row: its id and keys, its kind, what it was given (the upload's bytes, the URL),
its status, times and error, and once translated the document itself (the record that
``review apply`` also keeps, :mod:`translator.export.record`), from which every download is
made again.  A job that was queued or translating when the server stopped is read back as
``interrupted``: the history never shows a job running that nothing runs.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

from translator.export import ExportOptions
from translator.export.record import Record, dump, load

INTERRUPTED = "interrupted"
UNFINISHED = ("queued", "translating")

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
    document BLOB
)
"""
_FIELDS = ("id", "key", "kind", "name", "glossary_id", "whole", "batch", "url", "output", "data", "created", "finished")
_STATE = ("status", "error", "warnings", "document")


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

    def remove(self, ids: list[str]) -> None:
        with self._lock:
            if self.closed:
                return
            self._db.executemany("DELETE FROM jobs WHERE id = ?", [(i,) for i in ids])

    def load(self) -> list[dict]:
        """Every job, oldest first, as the fields of a job (``doc`` the document, or None); the
        unfinished marked interrupted, here and on disk."""
        with self._lock:
            self._db.execute(
                "UPDATE jobs SET status = ?, error = ? WHERE status IN (?, ?)",
                (INTERRUPTED, "the server stopped before this job finished", *UNFINISHED),
            )
            rows = self._db.execute(f"SELECT {', '.join(_FIELDS + _STATE)} FROM jobs ORDER BY created").fetchall()
        jobs = []
        for row in rows:
            fields = dict(zip(_FIELDS + _STATE, row, strict=True))
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
