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

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*+•▪►]|\d{1,3}[.)])\s+(?=\S)")
_MD_QUOTE = re.compile(r"^>\s?")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_INLINE = (
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])"), r"\2"),  # emphasis
    (re.compile(r"`([^`]+)`"), r"\1"),  # code
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)\]]$")
_MAX_HEADING = 200
# Control characters other than tab and newline: never text, and invalid in XML (DOCX, TMX).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def decode(data: bytes, name: str = "input") -> str:
    """Decode file bytes to NFC text with ``\\n`` line ends (see ``translator.encoding``)."""
    return _decode(data, name)[0]


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    text, warnings = encoding.decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", CONTROL_CHARS.sub("", text)), warnings


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
        doc = Document(blocks=parse_blocks(text, markdown=suffix in (".md", ".markdown")), warnings=warnings)
    if not doc.blocks:
        raise InputError(f"{name}: no text in the file")
    if not encoding.looks_vietnamese(" ".join(b.text for b in doc.blocks)):
        doc.vietnamese = False
        doc.warnings.append(f"{name}: does not look like Vietnamese")
    doc.meta["source_file"] = Path(name).name
    return doc


def parse_blocks(text: str, markdown: bool = False) -> list[Block]:
    """Cut text into blocks: blank lines separate them, and so does a line
    break that is not a hard wrap inside a sentence.  Markdown's headings,
    lists and quotes become block kinds, and its inline markup is dropped."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        for line in _unwrap(chunk, markdown):
            blocks.append(_block(line, markdown))
    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].kind = BlockKind.TITLE
    return [b for b in blocks if b.text]


def _block(line: str, markdown: bool) -> Block:
    heading = _MD_HEADING.match(line) if markdown else None
    if heading:
        return Block(BlockKind.HEADING, _inline(heading.group(2)))
    if markdown and _MD_QUOTE.match(line):
        return Block(BlockKind.QUOTE, _inline(_MD_QUOTE.sub("", line)))
    item = _LIST_ITEM.match(line)
    if item and (markdown or not line[0].isdigit()):
        return Block(BlockKind.LIST_ITEM, _inline(line[item.end() :]) if markdown else line[item.end() :])
    text = _inline(line) if markdown else line
    return Block(BlockKind.HEADING if _looks_like_heading(text) else BlockKind.PARAGRAPH, text)


def _inline(text: str) -> str:
    """Markdown inline markup removed, its text kept."""
    text = _MD_IMAGE.sub("", text)
    for pattern, replacement in _MD_INLINE:
        text = pattern.sub(replacement, text)
    return text.strip()


def _unwrap(chunk: str, markdown: bool = False) -> list[str]:
    """Join hard-wrapped lines; keep lines that stand alone apart."""
    lines: list[str] = []
    for raw in chunk.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if markdown and lines and _MD_QUOTE.match(line) and _MD_QUOTE.match(lines[-1]):
            lines[-1] = f"{lines[-1]} {_MD_QUOTE.sub('', line)}"
        elif lines and not _SENTENCE_END.search(lines[-1]) and line[:1].islower():
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return lines


def _looks_like_heading(text: str) -> bool:
    """A short line with no closing punctuation: a title or a section heading."""
    return len(text) <= _MAX_HEADING and not text.endswith((".", ":", ";", ",", "…", "?", "!", ")"))
