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

from functools import lru_cache
from importlib import resources

import regex as re  # nltk's own dependency; knows Unicode letter cases (\p{Lu})

_LIST_MARKER = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[-–—•*+·▪►])$")
# A piece that starts with a lowercase letter (not a brand spelled like "iPhone"),
# or with a comma, semicolon or colon, continues the sentence before it.
_CONTINUATION = re.compile(r"^[\"'“”‘’«»(\[]*(?:[,;:]|\s*\p{Ll}(?!\p{Lu}))")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    text = resources.files("translator").joinpath("data/vi_abbreviations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _tokenizer():
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer

    class VietnameseVars(PunktLanguageVars):
        sent_end_chars = (".", "?", "!", "…")

    params = PunktParameters()
    params.abbrev_types = set(_abbreviations())
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
        spans.extend(_split_missed(line, start, end))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(line[merged[-1][0] : merged[-1][1]], line[start:end]):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues(previous: str, piece: str) -> bool:
    """Whether ``piece`` belongs to the same sentence as ``previous``: it
    follows a bare list marker, continues a clause, or is only punctuation."""
    if _LIST_MARKER.match(previous) or _CONTINUATION.match(piece):
        return True
    return not any(ch.isalnum() for ch in piece)


# Places Punkt keeps inside a sentence that may end one: an ellipsis, "v.v." or a
# one-letter word before whitespace and a capital.
_MISSED_BREAK = re.compile(
    r"(?:(?P<dots>\.{3,}|…|\bv\.v\.)|(?<!\S)(?P<letter>[^\W\d_])\.)"
    r"[\"'”’»)\]]*(?P<gap>\s+)(?=[\"'“‘«(]*\p{Lu})"
)
_CAPITALISED_WORD = re.compile(r"(?:^|\s)[\"'“‘«(]*\p{Lu}\S*\s+$")


def _split_missed(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a Punkt sentence where it kept a real boundary inside."""
    pieces = []
    for match in _MISSED_BREAK.finditer(line, start, end):
        letter = match.group("letter")
        if letter and (letter.lower() in _abbreviations() or _is_initial(letter, line[start : match.start()])):
            continue
        pieces.append((start, match.start("gap")))
        start = match.end("gap")
    pieces.append((start, end))
    return pieces


def _is_initial(letter: str, before: str) -> bool:
    """ "W." in "George W. Bush" is an initial; "Ý." (Italy), "y." or "B." in
    "từ A đến B." are words: an initial is an ASCII capital after a name."""
    return letter.isascii() and letter.isupper() and bool(_CAPITALISED_WORD.search(before))
