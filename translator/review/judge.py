"""Read an edited review file's rows and judge each: corrected, approved, or a message why not.

* a row whose English differs from the machine's is *corrected*; one whose status says
  approved (as desks write it: :mod:`translator.review.status`; in XLIFF a segment state of
  ``reviewed`` or ``final``) is *approved*; a TMX unit without a vietrans id is a person's
  translation from a CAT tool's memory;
* nothing a reviewer wrote is dropped silently: a row whose Vietnamese was edited, a row
  without an id (added), an id the article does not have, an empty English, a status
  vietrans cannot act on ("needs work"), a comment with neither correction nor approval, a
  row that cannot be read with certainty: a message for that row, the rest applied (the
  status and comment of a row not applied go forward to the next review table); rows
  deleted from the table (or deleted with Track Changes) are named and left as they were.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import InputError
from translator.export.rows import digest
from translator.review.status import APPROVED, CORRECTED, meaning

_ID = re.compile(r"^\s*(\d+)-([0-9a-f]{6})-([0-9a-f]{4})\s*$")
_FOOTER = re.compile(r"vietrans review file: (\{.*\})")


@dataclass
class Row:
    """One row of an edited review file, as the reviewer sees it."""

    cell_id: str
    source: str
    target: str
    comment: str
    status: str
    trusted: bool = False  # a person's translation however it is marked (a CAT tool's TMX unit)
    problem: str = ""  # why the row cannot be read with certainty
    deleted: bool = False  # deleted with Track Changes: gone from the table as Word shows it


@dataclass
class Applied:
    """What applying a review file did."""

    header: dict
    corrected: int = 0
    approved: int = 0
    stored: int = 0  # human translations new or changed in the memory (0 when applied before)
    problems: list[str] = field(default_factory=list)  # one line per row not applied, and why
    notes: list[str] = field(default_factory=list)  # applied, but worth knowing
    warnings: list[str] = field(default_factory=list)  # reports left alone, and why
    # (source, English, status, comment, review file); a correction's source → the hash of the machine
    # English it replaced (from its row id), and that English where the memory still has it
    human: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)  # each applied row's number, by its source
    carried: dict[str, tuple[str, str]] = field(default_factory=dict)  # (status, comment) of rows not applied
    written: list[str] = field(default_factory=list)  # every file written
    left: list[str] = field(default_factory=list)  # every file left as it is, and why

    @property
    def rewritten(self) -> list[str]:
        return self.written


def read_review(path: Path) -> tuple[dict, list[Row], list[str]]:
    """The header, rows and notes (comments on no row) of an edited review file: a Word review
    table, XLIFF 2.0 or 1.2, or TMX."""
    readers = {".docx": _read_docx, ".xlf": _read_xliff, ".xliff": _read_xliff, ".tmx": _read_tmx}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: not a review file (a .review.docx, .xlf or .tmx vietrans made)")
    header, rows, notes = reader(path)
    if header is None:
        raise InputError(f"{path}: not a vietrans review file (made with -f docx-review, xliff or tmx)")
    return header, rows, notes


def _read_docx(path: Path) -> tuple[dict | None, list[Row], list[str]]:
    from translator.review.docx import read_table

    table = read_table(path)
    header = _header(table.identifier)
    if header is None:  # an editor that drops the property keeps the text
        found = (_FOOTER.search(p) for p in reversed(table.paragraphs))
        header = next((_header(m.group(1)) for m in found if m), None)
    if table.rows is None:
        return None, [], []
    rows = []
    for cells in table.rows:
        number, source, target, _, comment, status = cells.texts[:6]
        said = "; ".join(dict.fromkeys(c for c in (comment, *cells.comments) if c))
        rows.append(Row(number, source, target, said, status, problem=cells.problem, deleted=cells.deleted))
    notes = [f"a Word comment on no row of the table, not applied: {c}" for c in table.loose_comments]
    return header, rows, notes


def _read_xliff(path: Path) -> tuple[dict | None, list[Row], list[str]]:
    """XLIFF as a CAT tool writes it back: targets, segment states, notes."""
    from translator.review.xml import parse, xliff_units

    headers, units = xliff_units(parse(path))
    header = next((h for h in map(_header, headers) if h is not None), None)
    return header, [Row(u.unit_id, u.source, u.target, u.comment, u.status) for u in units], []


def _read_tmx(path: Path) -> tuple[dict | None, list[Row], list[str]]:
    """TMX 1.4: each unit's Vietnamese and English; a unit without a vietrans tuid is a person's."""
    from translator.review.xml import parse, tmx_units

    headers, units = tmx_units(parse(path))
    if headers is None:
        return None, [], []
    header = next((h for h in map(_header, headers) if h is not None), {})  # no header: a translator's memory
    rows = [Row(u.unit_id, u.source, u.target, u.comment, u.status, not _ID.match(u.unit_id)) for u in units]
    return header, rows, []


def _header(text: str) -> dict | None:
    try:
        header = json.loads(text)
    except ValueError:
        return None
    return header if isinstance(header, dict) and header.get("vietrans_review") else None


def judge(path: Path, header: dict, rows: list[Row]) -> Applied:
    """Which rows are human translations, and a message for each row that cannot be applied."""
    result = Applied(header)
    for position, row in enumerate(rows, 1):
        if row.deleted:
            continue
        if row.trusted:
            if row.problem or not (row.source and row.target):
                result.problems.append(f"unit {position}: needs both its Vietnamese and its English; not applied")
            else:
                result.corrected += 1
                result.human.append((row.source, row.target, CORRECTED, row.comment, path.name))
            continue
        match = _ID.match(row.cell_id)
        if not match:
            if row.source or row.target:
                result.problems.append(f"row {position}: no vietrans id in its # cell (an added row?); not applied")
            continue
        number, source_hash, target_hash = int(match[1]), match[2], match[3]
        if header.get("rows") is not None and number > int(header["rows"]):
            result.problems.append(f"row {number}: no such row in the article; not applied")
        elif row.problem:
            result.problems.append(f"row {number}: {row.problem}; not applied")
        elif digest(row.source)[:6] != source_hash:
            result.problems.append(f"row {number}: its Vietnamese was edited; not applied (edit only the English)")
        else:
            _judge_row(row, number, target_hash, path, result)
    if path.suffix.lower() != ".tmx" and header.get("rows") is not None:  # (a TMX may hold only the units changed)
        seen = {int(m[1]) for m in (_ID.match(row.cell_id) for row in rows if not row.deleted) if m}
        gone = [n for n in range(1, int(header["rows"]) + 1) if n not in seen]
        if gone:
            result.notes.append(f"rows deleted from the file, left as they were: {', '.join(map(str, gone))}")
    return result


def _judge_row(row: Row, number: int, target_hash: str, path: Path, result: Applied) -> None:
    """A row of the article, its Vietnamese as made: corrected, approved, or why not."""
    status = meaning(row.status)
    if not row.target:
        if row.status.strip() or row.comment:
            result.problems.append(f"row {number}: the English is empty; not applied")
            result.carried[row.source] = (row.status.strip(), row.comment)
        return
    # (a report written again after an earlier review says "corrected" in its status column)
    if digest(row.target)[:4] != target_hash or status == CORRECTED:
        result.corrected += 1
        result.human.append((row.source, row.target, CORRECTED, row.comment, path.name))
        result.replaced[row.source] = target_hash
        result.numbers[row.source] = number
    elif status == APPROVED:
        result.approved += 1
        result.human.append((row.source, row.target, APPROVED, row.comment, path.name))
        result.numbers[row.source] = number
    elif status is None:  # "needs work", "chưa đạt" …: a person's word, never dropped silently
        result.problems.append(
            f"row {number}: marked {row.status.strip()!r} but its English is unchanged; not applied "
            "(correct the English, or set the status to OK / Đã duyệt)"
        )
        result.carried[row.source] = (row.status.strip(), row.comment)
    elif row.comment:
        result.problems.append(
            f"row {number}: a comment but no correction or approval; not applied "
            "(set the status to OK / Đã duyệt to keep it)"
        )
        result.carried[row.source] = ("", row.comment)
