"""Export formats: a registry that ``--format`` reads, and safe writing.

Each format is a function ``render(doc, options) -> bytes`` in a module of
this package; the registry names it and its output file's suffix.  Outputs
are written by :func:`translator.files.write_bytes` (a temporary file renamed
into place), so an interrupted run never leaves half a file.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from translator.document import Block, Document, Sentence
from translator.files import fit_name, write_bytes


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str
    module: str
    function: str
    description: str


@dataclass(frozen=True)
class ExportOptions:
    """Page settings for the Word outputs."""

    layout: str = "portrait"  # or "landscape"
    paper: str = "a4"  # or "letter"


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("md", ".bilingual.md", "markdown", "render", "bilingual Markdown, one table row per sentence"),
        Format("md-en", ".en.md", "markdown", "render_english", "English-only Markdown"),
        Format("docx", ".bilingual.docx", "docx", "render", "bilingual Word report, two columns"),
        Format("docx-en", ".en.docx", "docx", "render_english", "English-only Word report"),
        Format("docx-review", ".review.docx", "docx", "render_review", "review table: #, source, target, flags"),
        Format("tmx", ".tmx", "tmx", "render", "TMX 1.4 translation memory, one unit per sentence"),
        Format("xliff", ".xlf", "xliff", "render", "XLIFF 2.0, source and target per sentence"),
        Format("jsonl", ".jsonl", "jsonl", "render", "one JSON object per sentence"),
        Format("html", ".bilingual.html", "html", "render", "self-contained bilingual web page"),
    )
}
OUTPUT_SUFFIXES = tuple(f.suffix for f in FORMATS.values())


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
        ("fetched", "Fetched"),
        ("author", "Author"),
        ("date", "Published"),
        ("translated", "Translated"),
        ("model", "Model"),
        ("vietrans", "vietrans"),
    )
    return [(label, doc.meta[key]) for key, label in labels if doc.meta.get(key)]


def cell_text(blocks: list[Block], english: bool) -> str:
    """A table cell's text in one language (a cell may hold several blocks)."""
    if english:
        return " ".join(s.translation for block in blocks for s in block.sentences)
    return " ".join(block.text for block in blocks)


def document_name(doc: Document) -> str:
    """What the formats without a header name the article by: its file, or the URL it was fetched from."""
    return doc.meta.get("source_file") or doc.meta.get("url", "")


def fetched_from(doc: Document) -> dict[str, str]:
    """A fetched article's provenance (final URL, fetch time, outlet); empty for a file."""
    if not doc.meta.get("fetched"):
        return {}
    return {key: doc.meta.get(key, "") for key in ("url", "fetched", "site")}


def reviewed(sentences: list[Sentence]) -> str:
    """How a person reviewed a block (its first sentence's status), when they reviewed every
    sentence in it; else "" (an English-only block shows flags unless it is wholly reviewed)."""
    return sentences[0].reviewed if sentences and all(s.reviewed for s in sentences) else ""


def output_name(stem: str, fmt: str) -> str:
    """``<stem>.bilingual.md``, ``<stem>.en.docx`` ...: the output's name for an input's stem
    (a stem too long for the file system is shortened, never the suffix)."""
    return fit_name(stem + FORMATS[fmt].suffix, keep=FORMATS[fmt].suffix)


def render(doc: Document, fmt: str, options: ExportOptions | None = None) -> bytes:
    spec = FORMATS[fmt]
    module = importlib.import_module(f"translator.export.{spec.module}")
    return getattr(module, spec.function)(doc, options or ExportOptions())


def write(doc: Document, fmt: str, target: Path, force: bool = False, options: ExportOptions | None = None) -> Path:
    """Render ``doc`` and write it to ``target`` atomically."""
    return write_bytes(render(doc, fmt, options), target, force)
