"""Edit a Word table the way Word does with Track Changes on, built with python-docx's oxml.

Word records a replaced word as a ``w:del`` (the old runs, their text in ``w:delText``)
followed by a ``w:ins`` (the new runs), a moved phrase as ``w:moveFrom`` / ``w:moveTo``, and
a comment as a ``w:comment`` in the comments part anchored by ``w:commentRangeStart`` /
``w:commentRangeEnd`` and a ``w:commentReference`` run.  These helpers write exactly that.
"""

from __future__ import annotations

import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_IDS = itertools.count(100)
DATE = "2026-12-04T10:00:00Z"


def _change(tag: str, text: str, author: str = "Biên tập viên"):
    """A tracked change holding one run of ``text`` (``w:delText`` inside deletions)."""
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(next(_IDS)))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    run = OxmlElement("w:r")
    piece = OxmlElement("w:delText" if tag == "w:del" else "w:t")  # (Word keeps w:t in moved-from text)
    piece.set(qn("xml:space"), "preserve")
    piece.text = text
    run.append(piece)
    element.append(run)
    return element


def _plain(text: str):
    run = OxmlElement("w:r")
    piece = OxmlElement("w:t")
    piece.set(qn("xml:space"), "preserve")
    piece.text = text
    run.append(piece)
    return run


def _clear(paragraph) -> None:
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)


def tracked_replace(cell, old: str, new: str) -> None:
    """Replace the first ``old`` in the cell's first paragraph with ``new``, as a tracked change."""
    paragraph = cell.paragraphs[0]
    text = paragraph.text
    at = text.index(old)
    _clear(paragraph)
    if text[:at]:
        paragraph._p.append(_plain(text[:at]))
    paragraph._p.append(_change("w:del", old))
    if new:
        paragraph._p.append(_change("w:ins", new))
    if text[at + len(old) :]:
        paragraph._p.append(_plain(text[at + len(old) :]))


def tracked_retype(cell, new: str) -> None:
    """The whole text deleted and ``new`` typed in its place: Word's runs hold no plain text at all."""
    tracked_replace(cell, cell.paragraphs[0].text, new)


def tracked_move(cell, phrase: str, before: str) -> None:
    """Move ``phrase`` (found before ``before``) to just before ``before``, as Word records a drag."""
    paragraph = cell.paragraphs[0]
    text = paragraph.text
    start = text.index(phrase)
    after = text[start + len(phrase) :]
    cut = after.index(before)
    _clear(paragraph)
    if text[:start]:
        paragraph._p.append(_plain(text[:start]))
    paragraph._p.append(_change("w:moveFrom", phrase))
    paragraph._p.append(_plain(after[:cut]))
    paragraph._p.append(_change("w:moveTo", phrase))
    paragraph._p.append(_plain(after[cut:]))


def comment(word, cell, text: str, author: str = "Chị Lan"):
    """A Word comment on the cell's first paragraph (``Document.add_comment`` writes the anchors)."""
    paragraph = cell.paragraphs[0]
    runs = paragraph.runs
    if not runs:
        paragraph._p.append(_plain(""))
        runs = paragraph.runs
    return word.add_comment(runs, text=text, author=author, initials=author[:1])
