"""Split Vietnamese paragraphs into sentences.

nltk ships no Vietnamese Punkt model and cannot download one here, so the
splitter is Punkt's algorithm with parameters we ship
(``data/vi_abbreviations.txt``) plus a few rules Punkt cannot learn from an
abbreviation list: a line break always ends a sentence, a lowercase word
never starts one, a bare list marker belongs to the item it numbers, and an
ellipsis or a ``v.v.`` before a capital ends a sentence.

Every function works on character offsets into the input, so the pieces,
joined with the whitespace between them, give back the input exactly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[-–—•*+·▪►])$")
# A piece that starts with a lowercase letter continues the sentence before it,
# unless it is a brand spelled like "iPhone" or "eBay".
_LOWER_START = re.compile(r"^[\"'“‘«(\[]*[^\W\d_A-ZÀ-ÝĂĐĨŨƠƯẠ-Ỹ](?![A-Z])", re.UNICODE)


@lru_cache(maxsize=1)
def _tokenizer():
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    class VietnameseVars(PunktLanguageVars):
        sent_end_chars = (".", "?", "!", "…")

    text = resources.files("translator").joinpath("data/vi_abbreviations.txt").read_text("utf-8")
    params = PunktParameters()
    params.abbrev_types = {line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return PunktSentenceTokenizer(params, lang_vars=VietnameseVars())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of each sentence in ``text``."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend((offset + s, offset + e) for s, e in _line_spans(line))
        offset += len(line) + 1
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; whitespace between them is dropped."""
    return [text[start:end] for start, end in sentence_spans(text)]


def _line_spans(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for start, end in _tokenizer().span_tokenize(line):
        spans.extend(_split_after_ellipsis(line, start, end))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(line[merged[-1][0] : merged[-1][1]], line[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues(previous: str, piece: str) -> bool:
    """Whether ``piece`` belongs to the same sentence as ``previous``."""
    if _LIST_MARKER.match(previous):
        return True
    return bool(_LOWER_START.match(piece))


_ELLIPSIS_BREAK = re.compile(r"(?:\.{3,}|…|\bv\.v\.)[\"'”’»)\]]*(\s+)(?=[\"'“‘«(]*[A-ZÀ-ÝĂĐĨŨƠƯẠ-Ỹ])")


def _split_after_ellipsis(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Punkt keeps an ellipsis or ``v.v.`` inside; a capital after it starts a sentence."""
    pieces = []
    for match in _ELLIPSIS_BREAK.finditer(line, start, end):
        pieces.append((start, match.start(1)))
        start = match.end(1)
    pieces.append((start, end))
    return pieces
