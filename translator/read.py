"""Read an article file into a :class:`~translator.document.Document`.

Text arrives in many shapes: UTF-8 with or without a BOM, UTF-16 with a
BOM, Windows line ends, Vietnamese letters decomposed into base letter and
combining marks.  Everything is normalised here (NFC, ``\\n``) so later
stages see one form.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from translator.document import Block, BlockKind, Document
from translator.errors import InputError

TEXT_SUFFIXES = (".txt", ".text", ".md", ".markdown")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]$")
_MAX_HEADING = 200


def decode(data: bytes, name: str = "input") -> str:
    """Decode file bytes to NFC text with ``\\n`` line ends."""
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not valid {encoding.upper()} text (byte {err.start}); save it as UTF-8") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_article(path: str | Path) -> Document:
    """Read a text or Markdown article; blank lines separate blocks."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not an article") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from None
    text = decode(data, str(path))
    markdown = path.suffix.lower() in (".md", ".markdown")
    doc = Document(blocks=parse_blocks(text, markdown=markdown), source=path)
    doc.meta["source_file"] = path.name
    return doc


def parse_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Cut text into blocks: blank lines separate them, and so does a line
    break that is not a hard wrap inside a sentence."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        for line in _unwrap(chunk):
            heading = _MD_HEADING.match(line) if markdown else None
            if heading:
                blocks.append(Block(BlockKind.HEADING, heading.group(2)))
            elif _looks_like_heading(line):
                blocks.append(Block(BlockKind.HEADING, line))
            else:
                blocks.append(Block(BlockKind.PARAGRAPH, line))
    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].kind = BlockKind.TITLE
    return blocks


def _unwrap(chunk: str) -> list[str]:
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


def _looks_like_heading(text: str) -> bool:
    """A short line with no closing punctuation: a title or a section heading."""
    return len(text) <= _MAX_HEADING and not text.endswith((".", ":", ";", ",", "…", "?", "!", ")"))
