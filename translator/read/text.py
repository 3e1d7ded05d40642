"""Plain text: decode bytes, normalise what a reader cannot see, cut lines into blocks.

Every reader passes its text through :func:`normalise_text`; plain text and Markdown also use
:func:`unwrap` and :func:`looks_like_heading`.  Text arrives as UTF-8 with or without a BOM,
UTF-16, legacy Vietnamese encodings (``encoding``), Windows line ends, decomposed letters:
all of it leaves here as NFC with ``\\n`` line ends.
"""

from __future__ import annotations

import re
import unicodedata

from translator.document import Block, BlockKind, Document
from translator.read import encoding

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


def decode(data: bytes, name: str = "input") -> str:
    """Decode file bytes to NFC text with ``\\n`` line ends (see ``translator.read.encoding``)."""
    return decode_with_warnings(data, name)[0]


def decode_with_warnings(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text and what decoding had to guess (a legacy encoding, replaced bytes)."""
    text, warnings = encoding.decode(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return normalise_text(CONTROL_CHARS.sub("", text)), warnings


def read_text(data: bytes, name: str) -> Document:
    """A plain-text article: blank lines and stand-alone lines separate its blocks."""
    text, warnings = decode_with_warnings(data, name)
    return Document(blocks=parse_blocks(text), warnings=warnings)


def parse_blocks(text: str) -> list[Block]:
    """Cut plain text into blocks: blank lines separate them, and so does a line
    break that is not a hard wrap inside a sentence.  Bulleted lines are list items."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text):
        for line in unwrap(chunk):
            blocks.append(_block(line))
    if blocks and blocks[0].kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and looks_like_title(blocks[0].text):
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


_HEADING_WORDS = 20  # a section heading is a phrase; a longer line without a full stop is a paragraph
_TITLE_WORDS = 35  # a headline may run longer, and may ask or exclaim
_CLOSERS = (".", ":", ";", ",", "…", ")")
_OPENERS = ('"', "'", "“", "‘", "«", "-", "–", "—")  # quoted speech, a line of dialogue
# More than one sentence, or speech introduced in the line ("Ông Hùng nói: “…”").
_SENTENCES = re.compile(r"[.!?…][”\"'’»)]?\s+\S|:\s*[“\"«]")


def looks_like_heading(text: str) -> bool:
    """A short phrase standing alone: no closing punctuation, no quoted speech, one sentence."""
    return _phrase(text, _HEADING_WORDS) and not text.endswith(("?", "!"))


def looks_like_title(text: str) -> bool:
    """A headline: a phrase like a heading, longer, possibly a question or an exclamation."""
    return _phrase(text.rstrip("?!"), _TITLE_WORDS)


def _phrase(text: str, words: int) -> bool:
    text = text.strip()
    return (
        bool(text)
        and len(text) <= _MAX_HEADING
        and len(text.split()) <= words
        and not text.endswith(_CLOSERS)
        and not text.startswith(_OPENERS)
        and not _SENTENCES.search(text)
    )
