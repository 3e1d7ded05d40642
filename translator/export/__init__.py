"""Export formats: a registry that ``--format`` reads, and safe writing.

Each format is a module with ``render(doc) -> bytes``; this module names
the output, and writes it through a temporary file that is renamed into
place, so an interrupted run never leaves half a file.
"""

from __future__ import annotations

import glob
import importlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from translator.document import Document
from translator.errors import OutputError


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    module: str
    description: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".bilingual.md", "translator.export.markdown", "bilingual Markdown, one table row per sentence"),
        Format("docx", ".bilingual.docx", "translator.export.docx", "bilingual Word document, two columns"),
    )
}


TEST_MODEL_WARNING = (
    "Made with a test model: the English text is not a translation. "
    "Install a real vi→en model before sharing this document."
)


def metadata_rows(doc: Document) -> list[tuple[str, str]]:
    """The header every export shows: where the text came from and what translated it."""
    labels = (
        ("source_file", "Source"),
        ("site", "Site"),
        ("url", "URL"),
        ("author", "Author"),
        ("date", "Published"),
        ("translated", "Translated"),
        ("model", "Model"),
        ("vietrans", "vietrans"),
    )
    return [(label, doc.meta[key]) for key, label in labels if doc.meta.get(key)]


def output_name(stem: str, fmt: str) -> str:
    """``<stem>.bilingual.<ext>``: the output file's name for an input's stem."""
    return stem + FORMATS[fmt].suffix


def render(doc: Document, fmt: str) -> bytes:
    return importlib.import_module(FORMATS[fmt].module).render(doc)


def write(doc: Document, fmt: str, target: Path, force: bool = False) -> Path:
    """Render ``doc`` and write it to ``target`` atomically."""
    return write_bytes(render(doc, fmt), target, force)


def write_bytes(data: bytes, target: Path, force: bool = False) -> Path:
    """Write through a temporary file renamed into place: never half a file."""
    if target.exists() and not force:
        raise OutputError(f"{target} exists; add --force to overwrite it")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):  # left by a killed run
            stale.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise OutputError(f"{target}: cannot write ({err.strerror})") from None
    return target
