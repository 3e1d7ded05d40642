"""Read an article file into a :class:`~translator.document.Document`.

Plain text and Markdown are parsed here; HTML and DOCX have readers of their
own (``html_reader``, ``docx_reader``) chosen by the file's suffix.  Text
arrives in many shapes: UTF-8 with or without a BOM, UTF-16 with a BOM,
Windows line ends, Vietnamese letters decomposed into base letter and
combining marks.  Everything is normalised here (NFC, ``\\n``) so later
stages see one form.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from translator import encoding
from translator.document import Block, BlockKind, Document
from translator.errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + DOCX_SUFFIXES

_LIST_ITEM = re.compile(r"^[-*+•▪►]\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]$")
_MAX_HEADING = 200
# Control characters other than tab and newline: never text, and invalid in XML (DOCX, TMX).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


# Text from web pages and word processors carries characters a reader cannot see but matching,
# splitting and number finding would trip on.  Spaces of other widths (no-break, narrow no-break,
# em, ideographic ...) become a plain space; a zero-width space becomes a space between two words
# and nothing beside a space; other invisible format characters (zero-width joiners, soft hyphen,
# BOM, word joiner, direction marks) are removed.  Documented in the README ("Inputs").
_OTHER_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZWSP_BETWEEN_WORDS = re.compile(r"(?<=\S)\u200b+(?=\S)")
_INVISIBLE = re.compile(r"[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalise_text(text: str) -> str:
    """``text`` with invisible characters and odd spaces made plain (see above), NFC."""
    text = _OTHER_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", _ZWSP_BETWEEN_WORDS.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def _normalise_document(doc: Document) -> None:
    for block in doc.blocks:
        block.text = normalise_text(block.text)
    for removed in doc.removed:
        removed.text = normalise_text(removed.text)
    doc.meta = {key: normalise_text(value) for key, value in doc.meta.items()}
    doc.blocks = [block for block in doc.blocks if block.text.strip()]


def decode(data: bytes, name: str = "input") -> str:
    """Decode file bytes to NFC text with ``\\n`` line ends (see ``translator.encoding``)."""
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    text, warnings = encoding.decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return normalise_text(CONTROL_CHARS.sub("", text)), warnings


MAX_MB = 20  # one article; a bigger file is almost certainly not one (or needs splitting)


def read_article(path: str | Path, max_mb: float = MAX_MB) -> Document:
    """Read an article: text, Markdown, HTML or DOCX, by the file's suffix."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_mb * 1024 * 1024 and path.is_file():
            raise InputError(
                f"{path}: {size / 1024 / 1024:.0f} MB is more than the {max_mb:g} MB allowed for one article; "
                "split it, or raise the limit with --max-size"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an article") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    doc = read_data(data, str(path), path.suffix)
    doc.source = path
    return doc


def read_data(data: bytes, name: str, suffix: str = ".txt") -> Document:
    """Read an article from bytes (a file's, or standard input's)."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        from translator.html_reader import read_html

        doc = read_html(data, name)
    elif suffix in DOCX_SUFFIXES:
        from translator.docx_reader import read_docx

        doc = read_docx(data, name)
    else:
        text, warnings = _decode(data, name)
        if suffix in (".md", ".markdown"):
            from translator.markdown_reader import read_markdown

            blocks, meta = read_markdown(text)
            doc = Document(blocks=blocks, meta=meta, warnings=warnings)
        else:
            doc = Document(blocks=parse_blocks(text), warnings=warnings)
    _normalise_document(doc)
    if not doc.blocks:
        raise InputError(f"{name}: no text in the file")
    if not encoding.looks_vietnamese(" ".join(b.text for b in doc.blocks)):
        doc.vietnamese = False
        doc.warnings.append(f"{name}: does not look like Vietnamese")
    doc.meta["source_file"] = Path(name).name
    return doc


def parse_blocks(text: str) -> list[Block]:
    """Cut plain text into blocks: blank lines separate them, and so does a line
    break that is not a hard wrap inside a sentence.  Bulleted lines are list items."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        for line in unwrap(chunk):
            blocks.append(_block(line))
    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].kind = BlockKind.TITLE
    return [b for b in blocks if b.text]


def _block(line: str) -> Block:
    item = _LIST_ITEM.match(line)
    if item:
        return Block(BlockKind.LIST_ITEM, line[item.end() :])
    return Block(BlockKind.HEADING if looks_like_heading(line) else BlockKind.PARAGRAPH, line)


def unwrap(chunk: str) -> list[str]:
    """Join hard-wrapped lines; keep lines that stand alone apart."""
    lines: list[str] = []
    for raw in chunk.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if lines and not _SENTENCE_END.search(lines[-1]) and line[:1].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def looks_like_heading(text: str) -> bool:
    """A short line with no closing punctuation: a title or a section heading."""
    return len(text) <= _MAX_HEADING and not text.endswith((".", ":", ";", ",", "…", "?", "!", ")"))
