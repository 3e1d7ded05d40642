"""Read an article into a :class:`~translator.document.Document`: the first stage.

A registry maps each file suffix to its reader (``text``, ``markdown``, ``html``, ``docx``, ``odt``, ``pdf``),
imported only when a file of its kind is read.  Exports :func:`read_article` and :func:`read_data`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from translator.document import Document
from translator.errors import InputError
from translator.files import read_bytes
from translator.read import encoding
from translator.read.text import CONTROL_CHARS, decode, normalise_text, parse_blocks

__all__ = ["CONTROL_CHARS", "SUFFIXES", "decode", "parse_blocks", "read_article", "read_data"]

# suffix -> "module:function"; each function takes (bytes, name) and returns a Document.
READERS = {
    ".txt": "translator.read.text:read_text",
    ".text": "translator.read.text:read_text",
    ".md": "translator.read.markdown:read_markdown_file",
    ".markdown": "translator.read.markdown:read_markdown_file",
    ".html": "translator.read.html:read_html",
    ".htm": "translator.read.html:read_html",
    ".docx": "translator.read.docx:read_docx",
    ".odt": "translator.read.odt:read_odt",
    ".pdf": "translator.read.pdf:read_pdf",
}
SUFFIXES = tuple(READERS)


def _normalise_document(doc: Document) -> None:
    for block in doc.blocks:
        block.text = normalise_text(block.text)
    for removed in doc.removed:
        removed.text = normalise_text(removed.text)
    doc.meta = {key: normalise_text(value) for key, value in doc.meta.items()}
    doc.blocks = [block for block in doc.blocks if block.text.strip()]


MAX_MB = 20  # one article; a bigger file is almost certainly not one (or needs splitting)


def read_article(path: str | Path, max_mb: float = MAX_MB) -> Document:
    """Read an article: text, Markdown, HTML, DOCX, ODT or PDF, by the file's suffix."""
    path = Path(path)
    if path.is_file() and (size := path.stat().st_size) > max_mb * 1024 * 1024:
        raise InputError(
            f"{path}: {size / 1024 / 1024:.0f} MB is more than the {max_mb:g} MB allowed for one article; "
            "split it, or raise the limit with --max-size"
        )
    data = read_bytes(path, InputError, "an article")
    doc = read_data(data, str(path), path.suffix)
    doc.source = path
    return doc


def read_data(data: bytes, name: str, suffix: str = ".txt") -> Document:
    """Read an article from bytes (a file's, or standard input's) with the reader for ``suffix``."""
    module, function = READERS.get(suffix.lower(), READERS[".txt"]).split(":")
    doc = getattr(importlib.import_module(module), function)(data, name)
    _normalise_document(doc)
    if not doc.blocks:
        raise InputError(f"{name}: no text in the file")
    if not encoding.looks_vietnamese(" ".join(b.text for b in doc.blocks)):
        doc.vietnamese = False
        doc.warnings.append(f"{name}: does not look like Vietnamese")
    doc.meta["source_file"] = Path(name).name
    return doc
