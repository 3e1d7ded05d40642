"""Read an edited review table as Word shows it with every tracked change accepted.

Reviewers work with Track Changes on, so a cell's English is runs of plain text, insertions
(``w:ins``), deletions (``w:del``) and moves (``w:moveFrom`` / ``w:moveTo``); python-docx's
``cell.text`` reads only the plain runs, which turned a corrected first word into half a
sentence.  Here a cell is read the way Word shows it once changes are accepted: inserted and
moved-to text in, deleted and moved-from text out, a content control's placeholder out.
What cannot be read with certainty (a picture, a text box, hidden text, a nested table, a
footnote mark, merged or tracked cells) refuses the row with its reason: a half-read row is
never stored.  Word comments anchored anywhere in a row become that row's comments.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Text Word does not show once changes are accepted, or that is no text at all.
_SKIPPED = {f"{W}{name}" for name in ("del", "moveFrom", "sdtPr", "rPr", "pPr", "tcPr", "trPr", "instrText")}
_SPACES = {f"{W}{name}" for name in ("tab", "br", "cr", "ptab")}
# What a cell's text cannot be read from with certainty, and how the reviewer is told.
_UNREADABLE = {
    f"{W}drawing": "a picture",
    f"{W}pict": "a picture",
    f"{W}object": "an embedded object",
    f"{W}txbxContent": "a text box",
    f"{W}tbl": "a table inside the cell",
    f"{W}altChunk": "imported content",
    f"{W}footnoteReference": "a footnote mark",
    f"{W}endnoteReference": "an endnote mark",
    f"{W}sym": "a symbol character",
    f"{MC}AlternateContent": "content Word shows one of two ways",
    f"{W}vanish": "hidden text",
    f"{W}cellIns": "a cell inserted with Track Changes",
    f"{W}cellDel": "a cell deleted with Track Changes",
    f"{W}cellMerge": "cells merged with Track Changes",
    f"{W}gridSpan": "merged cells",
    f"{W}vMerge": "merged cells",
}
COLUMNS = ("#", "Tiếng Việt", "English", "Flags", "Comment", "Status")
_READ = {0: "#", 1: "Vietnamese", 2: "English", 4: "Comment", 5: "Status"}  # (the Flags are vietrans's own)


@dataclass
class Cells:
    """One table row as the reviewer sees it."""

    texts: list[str]
    comments: list[str] = field(default_factory=list)  # Word comments anchored in the row
    problem: str = ""  # why the row cannot be read with certainty ("" when it can)
    deleted: bool = False  # the whole row deleted with Track Changes
    inserted: bool = False  # the whole row inserted with Track Changes


@dataclass
class Table:
    """A review table read from a Word file."""

    identifier: str  # the document's identifier property (the review header), "" if dropped
    paragraphs: list[str]  # the body's paragraphs outside tables (the header's last line)
    rows: list[Cells] | None  # None: no review table in the file
    loose_comments: list[str] = field(default_factory=list)  # comments anchored outside the table


def read_table(path: Path) -> Table:
    """The review table in the Word file at ``path``, read as Word shows it."""
    import zipfile

    from docx import Document as open_docx

    try:
        word = open_docx(io.BytesIO(path.read_bytes()))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(f"{path}: not a Word document ({err})") from None
    comments = _comments(word)
    body = word.element.body
    paragraphs = [text(p) for p in body.iterchildren(f"{W}p")]
    anchored: set[str] = set()
    rows = None
    for table in body.iter(f"{W}tbl"):
        read = [_row(tr, comments, anchored) for tr in table.iterchildren(f"{W}tr")]
        if read and read[0].texts[:2] == list(COLUMNS[:2]):
            rows = read[1:]
            break
    loose = [note for key, note in comments.items() if key not in anchored]
    return Table(word.core_properties.identifier or "", paragraphs, rows, loose)


def _comments(word) -> dict[str, str]:
    """Each Word comment's text by its id (``Author: text``)."""
    if not any(rel.reltype.endswith("/comments") for rel in word.part.rels.values()):
        return {}
    found = {}
    for comment in word.comments:
        said = " ".join(text(p) for p in comment._comment_elm.iterchildren(f"{W}p")).strip()
        author = (comment.author or "").strip()
        found[str(comment.comment_id)] = f"{author}: {said}" if author and said else said
    return found


def _row(tr, comments: dict[str, str], anchored: set[str]) -> Cells:
    """A table row: its cells' texts, the comments anchored in it, and whether it can be trusted."""
    properties = tr.find(f"{W}trPr")
    cells = list(tr.iterchildren(f"{W}tc"))
    row = Cells([text(tc) for tc in cells] + [""] * (len(COLUMNS) - len(cells)))
    row.deleted = properties is not None and properties.find(f"{W}del") is not None
    row.inserted = properties is not None and properties.find(f"{W}ins") is not None
    keys = [e.get(f"{W}id") for e in tr.iter(f"{W}commentRangeStart", f"{W}commentReference")]
    for key in dict.fromkeys(keys):
        if key in comments:
            anchored.add(key)
            row.comments.append(comments[key])
    if len(cells) != len(COLUMNS):
        row.problem = f"it has {len(cells)} cells, not {len(COLUMNS)}"
    for index, tc in enumerate(cells):
        reason = unreadable(tc) if index in _READ else ""
        if reason and not row.problem:
            row.problem = f"its {_READ[index]} cell holds {reason}, which cannot be read as text"
    return row


def unreadable(element) -> str:
    """What in ``element`` keeps its text from being read with certainty ("" if nothing)."""
    for child in element.iter():
        reason = _UNREADABLE.get(child.tag)
        if reason == "hidden text" and child.get(f"{W}val") in ("0", "false", "off"):
            continue
        if reason and not _inside_skipped(child, element):
            return reason
    return ""


def _inside_skipped(child, top) -> bool:
    """Whether ``child`` is in deleted or moved-away content (which Word does not show)."""
    parent = child.getparent()
    while parent is not None and parent is not top:
        if parent.tag in (f"{W}del", f"{W}moveFrom"):
            return True
        parent = parent.getparent()
    return False


def text(element) -> str:
    """The text of a cell, paragraph or comment as Word shows it with tracked changes accepted,
    paragraphs and line breaks as single spaces."""
    pieces: list[str] = []
    _walk(element, pieces)
    return " ".join("".join(pieces).split())


def _walk(element, pieces: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == f"{W}t":
            pieces.append(child.text or "")
        elif tag in _SPACES:
            pieces.append(" ")
        elif tag == f"{W}noBreakHyphen":
            pieces.append("-")
        elif tag == f"{W}sdt" and _placeholder(child):
            continue  # an empty content control shows its prompt ("Choose an item."): nothing chosen
        else:
            _walk(child, pieces)
            if tag == f"{W}p" and not _mark_deleted(child):
                pieces.append(" ")  # (a paragraph mark deleted with Track Changes joins the paragraphs)


def _mark_deleted(paragraph) -> bool:
    mark = paragraph.find(f"{W}pPr/{W}rPr")
    return mark is not None and (mark.find(f"{W}del") is not None or mark.find(f"{W}moveFrom") is not None)


def _placeholder(sdt) -> bool:
    properties = sdt.find(f"{W}sdtPr")
    return properties is not None and properties.find(f"{W}showingPlcHdr") is not None
