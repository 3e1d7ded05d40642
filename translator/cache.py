"""Translation memory: a SQLite cache of every sentence translated.

A re-run translates nothing already translated.  Each entry is keyed by
the *context* that made it (the model's identity, the decoding options and
whatever else changes the output, such as the glossary entries a sentence
uses) and the normalised source sentence.  SQLite in WAL mode with a busy
timeout lets two vietrans processes share one cache safely.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from translator.errors import VietransError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT PRIMARY KEY,
    context TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    score REAL,
    created REAL NOT NULL
)
"""


def default_path() -> Path:
    from translator.models import cache_dir

    return cache_dir() / "memory.sqlite3"


def normalise(source: str) -> str:
    """The form a sentence is looked up by: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", source).split())


def _key(context: str, source: str) -> str:
    return hashlib.sha256(f"{context}\0{normalise(source)}".encode()).hexdigest()


class TranslationMemory:
    """One SQLite file; open it once per run."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_path()
        deadline = time.monotonic() + 60
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(_SCHEMA)
                return
            except sqlite3.OperationalError as err:
                # Switching a new file to WAL needs a lock SQLite will not wait for:
                # another process opening the same memory at the same moment. Try again.
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise VietransError(f"{self.path}: cannot open the translation memory ({err})") from None
                time.sleep(0.05)
            except (sqlite3.Error, OSError) as err:
                raise VietransError(f"{self.path}: cannot open the translation memory ({err})") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, context: str, sources: Sequence[str]) -> dict[str, tuple[str, float | None]]:
        """Cached ``(translation, score)`` for each source found, by source text."""
        keys = {_key(context, s): s for s in sources}
        found: dict[str, tuple[str, float | None]] = {}
        items = list(keys)
        for start in range(0, len(items), 500):
            chunk = items[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, translation, score FROM memory WHERE key IN ({marks})", chunk)
            for key, translation, score in rows:
                found[keys[key]] = (translation, score)
        return found

    def store(self, context: str, rows: Iterable[tuple[str, str, float | None]]) -> None:
        """Save ``(source, translation, score)`` rows in one transaction."""
        now = time.time()
        values = [(_key(context, s), context, normalise(s), t, score, now) for s, t, score in rows]
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?)", values)

    def stats(self) -> dict[str, object]:
        entries, contexts = self._db.execute("SELECT COUNT(*), COUNT(DISTINCT context) FROM memory").fetchone()
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*") if p.is_file())
        return {"path": str(self.path), "entries": entries, "contexts": contexts, "bytes": size}

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        with self._db:
            count = self._db.execute("DELETE FROM memory").rowcount
        self._db.execute("VACUUM")
        return count

    def export_tmx(self) -> str:
        """Every entry as a TMX 1.4 document (source vi, target en)."""
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
            '  <header creationtool="vietrans" creationtoolversion="1" datatype="plaintext" segtype="sentence"'
            ' adminlang="en" srclang="vi" o-tmf="vietrans-sqlite"/>\n  <body>\n'
        )
        units = []
        for source, translation, context in self._db.execute(
            "SELECT source, translation, context FROM memory ORDER BY created, key"
        ):
            units.append(
                f'    <tu><prop type="x-context">{escape(context)}</prop>'
                f'<tuv xml:lang="vi"><seg>{escape(source)}</seg></tuv>'
                f'<tuv xml:lang="en"><seg>{escape(translation)}</seg></tuv></tu>\n'
            )
        return head + "".join(units) + "  </body>\n</tmx>\n"
