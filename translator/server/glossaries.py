"""The glossaries a server applies, the one its web editor changes, and DeepL's glossaries.

Every translation uses the shipped glossaries, then the ``--glossary`` files, then the
server's own file (``DATA/glossary.tsv``), which the web editor edits through the same
library calls as ``vietrans glossary add/remove/import/export`` (same validation, order and
comments kept).  A DeepL glossary (``/v2/glossaries``) is a vietrans TSV under
``DATA/deepl/``, named by an id the server made; a request naming it gets it on top.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import threading
import uuid
from pathlib import Path

from translator.errors import GlossaryError
from translator.glossary import Glossary, entry_from_row, load, load_all
from translator.glossary.files import add, export, import_file, remove

DEEPL_FORMATS = {"tsv": "csv", "csv": "csv"}  # DeepL's entry formats; the CSV reader takes tabs too
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Glossaries:
    """The server's glossary files (one lock for every edit: two editors never interleave)."""

    def __init__(self, folder: Path, files: tuple[Path, ...] = (), shipped: bool = True, enabled: bool = True):
        self.folder = folder
        self.editable = folder / "glossary.tsv"
        self.deepl = folder / "deepl"
        self.files = files
        self.shipped = shipped
        self.enabled = enabled
        self.lock = threading.Lock()
        self._cache: tuple[tuple, Glossary] | None = None

    def _paths(self) -> list[Path]:
        return [*self.files, *([self.editable] if self.editable.is_file() else [])]

    def current(self) -> Glossary | None:
        """Every glossary the server applies, read again when a file changed (None: ``--no-glossary``)."""
        if not self.enabled:
            return None
        paths = self._paths()
        stamp = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
        if self._cache is None or self._cache[0] != stamp:
            self._cache = (stamp, load_all(paths, shipped=self.shipped))
        return self._cache[1]

    def for_request(self, glossary_id: str | None) -> Glossary | None:
        """The glossaries with a DeepL glossary on top (it applies even under ``--no-glossary``)."""
        base = self.current()
        if not glossary_id:
            return base
        extra = load(self._deepl_path(glossary_id))
        return extra if base is None else base.merged(extra)

    # The web editor: the server's own file.

    def search(self, query: str) -> list[dict]:
        """Entries matching ``query`` (all with an empty query), each saying whether the editor may change it."""
        glossary = self.current() or Glossary()
        entries = glossary.search(query) if query.strip() else list(glossary)
        return [
            {
                "vi": " | ".join(e.variants or (e.vi,)),
                "en": e.en,
                "note": e.note,
                "domain": e.domain,
                "case": e.case,
                "adj": e.en_adj,
                "match": e.match,
                "source": Path(e.source.rsplit(":", 1)[0]).name,
                "editable": e.source.rsplit(":", 1)[0] == str(self.editable),
            }
            for e in entries
        ]

    def add(self, fields: dict[str, str], replace: bool) -> None:
        """Add (or with ``replace`` change) an entry of the server's file, as ``glossary add`` does."""
        row = {key: str(fields.get(key) or "") for key in ("vi", "en", "note", "domain", "case", "match")}
        row["en_adj"] = str(fields.get("adj") or "")
        entry = entry_from_row(row, "the form")
        with self.lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            add(self.editable, entry, replace)

    def remove(self, vi: str) -> int:
        with self.lock:
            return len(remove(self.editable, vi))

    def import_data(self, data: bytes, fmt: str | None, name: str) -> int:
        """Add (replacing) every entry of an uploaded glossary file to the server's file."""
        glossary = self._read_upload(data, fmt or _format_of(name), name)
        with self.lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            for entry in glossary.entries:
                add(self.editable, entry, replace=True)
        return len(glossary.entries)

    def export(self, fmt: str) -> bytes:
        return export(load(self.editable) if self.editable.is_file() else Glossary(), fmt)

    def _read_upload(self, data: bytes, fmt: str, name: str) -> Glossary:
        """An uploaded glossary, read by the library from a file of the server's naming."""
        scratch = self.folder / "uploads"
        scratch.mkdir(parents=True, exist_ok=True)
        path = scratch / f"{secrets.token_hex(16)}.{ {'tbx': 'tbx', 'tsv': 'tsv'}.get(fmt, 'csv') }"
        try:
            path.write_bytes(data)
            return import_file(path, fmt)
        except GlossaryError as err:  # named as the client named it: the server's folders are no business of theirs
            raise GlossaryError(str(err).replace(str(path), Path(name).name or "upload")) from None
        finally:
            path.unlink(missing_ok=True)

    # DeepL's glossaries.

    def _deepl_path(self, glossary_id: str) -> Path:
        if not _ID.match(glossary_id or "") or not (self.deepl / f"{glossary_id}.tsv").is_file():
            raise KeyError(glossary_id)
        return self.deepl / f"{glossary_id}.tsv"

    def create(self, name: str, entries: str, fmt: str, source: str, target: str) -> dict:
        if fmt not in DEEPL_FORMATS:
            raise GlossaryError(f"entries_format must be tsv or csv, not {fmt!r}")
        glossary = self._read_upload(entries.encode("utf-8"), DEEPL_FORMATS[fmt], "entries")
        glossary_id = str(uuid.uuid4())
        info = {
            "glossary_id": glossary_id,
            "name": name,
            "ready": True,
            "source_lang": source.lower(),
            "target_lang": target.lower(),
            "creation_time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "entry_count": sum(len(e.variants or (e.vi,)) for e in glossary.entries),
        }
        with self.lock:
            self.deepl.mkdir(parents=True, exist_ok=True)
            (self.deepl / f"{glossary_id}.tsv").write_bytes(export(glossary, "tsv"))
            (self.deepl / f"{glossary_id}.json").write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        return info

    def info(self, glossary_id: str) -> dict:
        self._deepl_path(glossary_id)
        return json.loads((self.deepl / f"{glossary_id}.json").read_text(encoding="utf-8"))

    def all(self) -> list[dict]:
        if not self.deepl.is_dir():
            return []
        ids = sorted(p.stem for p in self.deepl.glob("*.json") if _ID.match(p.stem))
        return sorted((self.info(i) for i in ids), key=lambda info: info["creation_time"])

    def entries(self, glossary_id: str) -> str:
        """DeepL's TSV: one ``source<TAB>target`` line per Vietnamese variant."""
        glossary = load(self._deepl_path(glossary_id))
        return "".join(f"{v}\t{e.en}\n" for e in glossary.entries for v in e.variants or (e.vi,))

    def delete(self, glossary_id: str) -> None:
        path = self._deepl_path(glossary_id)
        with self.lock:
            os.unlink(path)
            (self.deepl / f"{glossary_id}.json").unlink(missing_ok=True)


def _format_of(name: str) -> str:
    return {".tbx": "tbx", ".xml": "tbx", ".csv": "csv"}.get(Path(name).suffix.lower(), "tsv")
