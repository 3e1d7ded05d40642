"""Translation memory: a SQLite cache of every sentence translated.

A re-run translates nothing already translated.  Each entry is keyed by
the *context* that made it (the model's identity, the decoding options and
whatever else changes the output, such as the glossary entries a sentence
uses) and the normalised source sentence.  Human translations (a
reviewer's corrections and approvals, :mod:`translator.review`) are kept
apart, keyed on the source sentence alone: they win over any model's.  SQLite in WAL mode with a busy
timeout lets two vietrans processes share one cache safely.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from translator.errors import MemoryFileError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT PRIMARY KEY,
    context TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    score REAL,
    created REAL NOT NULL,
    original TEXT
);
CREATE TABLE IF NOT EXISTS human (
    source TEXT PRIMARY KEY,
    translation TEXT NOT NULL,
    status TEXT NOT NULL,
    comment TEXT NOT NULL,
    origin TEXT NOT NULL,
    created REAL NOT NULL,
    machine TEXT
);
CREATE TABLE IF NOT EXISTS shown (
    source TEXT PRIMARY KEY,
    translation TEXT NOT NULL,
    context TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    content_type TEXT NOT NULL,
    charset TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched TEXT NOT NULL,
    body BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    source TEXT NOT NULL,
    folder TEXT NOT NULL,
    record BLOB NOT NULL,
    written REAL NOT NULL,
    PRIMARY KEY (source, folder)
);
CREATE TABLE IF NOT EXISTS outputs (
    path TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    digest TEXT NOT NULL,
    written REAL NOT NULL
);
"""


def default_path() -> Path:
    from translator.engines.packages import cache_dir

    return cache_dir() / "memory.sqlite3"


def normalise(source: str) -> str:
    """The form a sentence is looked up by: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", source).split())


def _key(context: str, source: str) -> str:
    return hashlib.sha256(f"{context}\0{normalise(source)}".encode()).hexdigest()


class TranslationMemory:
    """One SQLite file; open it once per run."""

    def __init__(self, path: Path | None = None, create: bool = True) -> None:
        """``create``: make the file if it is not there; else a missing file is an error (a
        command that only reads or clears a memory must not make an empty one at a mistyped path)."""
        self.path = Path(path) if path else default_path()
        if not create and not self.path.exists():
            raise MemoryFileError(
                f"{self.path}: no translation memory there (check the path; vietrans translate makes one)"
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.executescript(_SCHEMA)
                columns = {row[1] for row in self._db.execute("PRAGMA table_info(memory)")}
                if "original" not in columns:  # a memory written before the original source was kept
                    self._db.execute("ALTER TABLE memory ADD COLUMN original TEXT")
                return
            except sqlite3.OperationalError as err:
                # Switching a new file to WAL needs a lock SQLite will not wait for:
                # another process opening the same memory at the same moment. Try again.
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise MemoryFileError(f"{self.path}: cannot open the translation memory ({err})") from None
                time.sleep(0.05)
            except (sqlite3.Error, OSError) as err:
                raise MemoryFileError(f"{self.path}: cannot open the translation memory ({err})") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, context: str, sources: Sequence[str]) -> dict[str, tuple[str, float | None]]:
        """Cached ``(translation, score)`` for each source found, by source text."""
        return self._select(
            "SELECT key, translation, score FROM memory WHERE key IN", {_key(context, s): s for s in sources}
        )

    def _select(self, query: str, wanted: dict[str, str]) -> dict[str, tuple]:
        """``query`` (ending in ``… IN``) over the keys of ``wanted``, in chunks SQLite accepts: each
        row's remaining columns, by the value ``wanted`` maps its first column to."""
        found: dict[str, tuple] = {}
        keys = list(wanted)
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for key, *values in self._db.execute(f"{query} ({','.join('?' * len(chunk))})", chunk):
                found[wanted[key]] = tuple(values)
        return found

    def store(self, context: str, rows: Iterable[tuple[str, str, str, float | None]]) -> None:
        """Save ``(engine input, original source, translation, score)`` rows in one transaction.

        The engine input (glossary terms and numbers already rendered in English) is the key;
        the original Vietnamese is what an export of the memory shows as the source."""
        now = time.time()
        values = [(_key(context, s), context, normalise(s), t, score, now, normalise(o)) for s, o, t, score in rows]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?, ?)", values)

    def lookup_human(self, sources: Sequence[str]) -> dict[str, tuple[str, str, str]]:
        """A reviewer's ``(translation, status, comment)`` for each source sentence that has one."""
        return self._select(
            "SELECT source, translation, status, comment FROM human WHERE source IN",
            {normalise(s): s for s in sources},
        )

    def machine_translations(self, source: str) -> list[str]:
        """Every machine translation the memory holds of the Vietnamese sentence ``source``."""
        rows = self._db.execute("SELECT translation FROM memory WHERE original = ?", (normalise(source),))
        return [row[0] for row in rows]

    def human_rows(self) -> list[tuple[str, str, str, str, str | None]]:
        """Every human translation: ``(source, translation, status, comment, machine English it replaced)``."""
        return list(
            self._db.execute("SELECT source, translation, status, comment, machine FROM human ORDER BY created, source")
        )

    def store_human(self, rows: Iterable[tuple[str, str, str, str, str]], machine: dict[str, str] | None = None) -> int:
        """Save ``(source, translation, status, comment, origin)`` rows (``machine``: the machine's
        English a correction replaced, by source); return how many changed anything (applying
        the same review twice changes nothing)."""
        machine = machine or {}
        changed = 0
        now = time.time()
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            for source, translation, status, comment, origin in rows:
                key = normalise(source)
                old = self._db.execute(
                    "SELECT translation, status, comment, machine FROM human WHERE source = ?", (key,)
                ).fetchone()
                comment = comment or (old[2] if old else "")  # a report written again has no comments
                replaced = machine.get(source) or (old[3] if old else None)
                if old is not None and old[:3] == (translation, status, comment):
                    continue
                self._db.execute(
                    "INSERT OR REPLACE INTO human VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, translation, status, comment, origin, now, replaced),
                )
                changed += 1
        return changed

    def record_shown(self, context: str, rows: Iterable[tuple[str, str]]) -> None:
        """Keep ``(Vietnamese sentence, English)`` as a report showed them: what ``export_tmx``
        writes.  The memory's other rows are what the model gave along the way (a first output,
        a retry, a term placed, before numbers were put right), not what anyone read."""
        now = time.time()
        values = [(normalise(source), translation, context, now) for source, translation in rows]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO shown VALUES (?, ?, ?, ?)", values)

    def output_record(self, path: Path) -> tuple[str, str] | None:
        """``(signature, digest)`` of the output vietrans last wrote at ``path``, if it did."""
        return self._db.execute(
            "SELECT signature, digest FROM outputs WHERE path = ?", (str(Path(path).resolve()),)
        ).fetchone()

    def record_output(self, path: Path, signature: str, digest: str) -> None:
        """Remember what made the output at ``path`` (the run's signature) and its bytes' digest."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)",
                (str(Path(path).resolve()), signature, digest, time.time()),
            )

    def page(self, url: str) -> dict[str, object] | None:
        """A fetched page as :meth:`store_page` kept it (its body as ``data``), or None."""
        row = self._db.execute(
            "SELECT final_url, content_type, charset, etag, last_modified, fetched, body FROM pages WHERE url = ?",
            (url,),
        ).fetchone()
        if row is None:
            return None
        keys = ("final_url", "content_type", "charset", "etag", "last_modified", "fetched")
        return {"url": url, **dict(zip(keys, row[:6], strict=True)), "data": zlib.decompress(row[6])}

    def store_page(self, page: dict[str, object]) -> None:
        """Keep a fetched page: its validators, so a re-run can ask whether it changed, and its
        body (compressed), which a 304 then stands for."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    *(page[k] for k in ("url", "final_url", "content_type", "charset", "etag", "last_modified")),
                    page["fetched"],
                    zlib.compress(page["data"]),
                ),
            )

    def record_article(self, source: Path, folder: Path, record: bytes) -> None:
        """Keep what the article at ``source`` was made into, in ``folder`` (:mod:`translator.export.record`)."""
        with self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?)",
                (str(Path(source).resolve()), str(Path(folder).resolve()), record, time.time()),
            )

    def article_records(self, source: Path) -> list[bytes]:
        """The records of every folder the article at ``source`` was translated into, latest first."""
        rows = self._db.execute(
            "SELECT record FROM articles WHERE source = ? ORDER BY written DESC", (str(Path(source).resolve()),)
        )
        return [row[0] for row in rows]

    def stats(self) -> dict[str, object]:
        entries, contexts = self._db.execute("SELECT COUNT(*), COUNT(DISTINCT context) FROM memory").fetchone()
        human = self._db.execute("SELECT COUNT(*) FROM human").fetchone()[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {"path": str(self.path), "entries": entries, "human": human, "contexts": contexts, "bytes": size}

    def clear(self) -> int:
        """Delete every machine translation (a reviewer's work is kept); return how many there were."""
        with self._db:
            count = self._db.execute("DELETE FROM memory").rowcount
            self._db.execute("DELETE FROM shown")
        self._db.execute("VACUUM")
        return count

    def export_tmx(self) -> str:
        """The English the reports showed, one unit per sentence (a reviewer's, where there is
        one, else the latest machine English), as a TMX 1.4 document (source vi, target en)."""
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="vietrans" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
            ' adminlang="en" srclang="vi" o-tmf="vietrans-sqlite"/>\n  <body>\n'
        )
        units = []
        for source, translation, context in self._db.execute(
            "SELECT source, translation, context FROM shown WHERE source NOT IN (SELECT source FROM human)"
            " ORDER BY created, source"
        ):
            units.append(
                f'    <tu><prop type="x-origin">machine</prop><prop type="x-context">{escape(context)}</prop>'
                f'<tuv xml:lang="vi"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(translation)}</seg></tuv></tu>\n'
            )
        for source, translation, status, comment, origin in self._db.execute(
            "SELECT source, translation, status, comment, origin FROM human ORDER BY created, source"
        ):
            note = f"<note>{escape(comment)}</note>" if comment else ""
            units.append(
                f'    <tu><prop type="x-origin">human</prop><prop type="x-status">{escape(status)}</prop>'
                f'<prop type="x-review-file">{escape(origin)}</prop>{note}'
                f'<tuv xml:lang="vi"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(translation)}</seg></tuv></tu>\n'
            )
        return head + "".join(units) + "  </body>\n</tmx>\n"

    def unshown(self) -> int:
        """Sentences translated that no report this memory recorded showed (translated before
        reports were recorded: a re-run records them); ``export_tmx`` leaves them out."""
        return self._db.execute(
            "SELECT COUNT(DISTINCT coalesce(original, source)) FROM memory WHERE coalesce(original, source) NOT IN"
            " (SELECT source FROM shown UNION SELECT source FROM human)"
        ).fetchone()[0]
