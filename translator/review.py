"""Bring a reviewer's work back: corrected and approved rows become human translations.

The review table (``-f docx-review``) gives each row an id in its # cell,
``NUMBER-SOURCE-TARGET`` (the row's number and short hashes of the Vietnamese
and of the machine's English as written), and says in its properties and in
its last line which article it is for.  Text in cells survives Word and
LibreOffice, so the ids do too.  :func:`apply_review` reads an edited file:

* a row whose English differs from the machine's is *corrected*; one whose
  status says approved (``approved``, ``ok``, ``✓`` …) is *approved*;
  both are stored in the translation memory as human translations of their
  source sentence, which win over any engine's in every later run;
* a row whose Vietnamese was edited, a row without an id (added), a row
  from another article, an id that no longer exists: a message for that
  row, the rest applied; rows deleted from the table are left as they were;
* applying the same file twice changes nothing.

Then the article's reports are written again (the formats it was made with,
or those asked for), the reviewed rows marked in every format.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from translator.document import Document, Sentence
from translator.errors import InputError

APPROVED = {"approved", "approve", "ok", "okay", "yes", "done", "✓", "✔", "x", "accepted", "reviewed", "final"}
CORRECTED = {"corrected", "edited", "fixed", "changed"}
_ID = re.compile(r"^\s*(\d+)-([0-9a-f]{6})-([0-9a-f]{4})\s*$")
_FOOTER = re.compile(r"vietrans review file: (\{.*\})")


def _digest(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()


def row_id(number: int, sentence: Sentence) -> str:
    """A row's id: its number and short hashes of its source and of the English as written."""
    return f"{number}-{_digest(sentence.source)[:6]}-{_digest(sentence.translation)[:4]}"


def review_header(doc: Document) -> str:
    """Which article (and version of it) a review file is for, as one JSON line."""
    sources = [s.source for s in doc.sentences()]
    return json.dumps(
        {
            "vietrans_review": 1,
            "source": str(doc.source.resolve()) if doc.source else "",
            "article": _digest("\n".join(sources))[:16],
            "rows": len(sources),
            "formats": doc.meta.get("formats", ""),
        },
        ensure_ascii=False,
    )


@dataclass
class Row:
    """One row of an edited review table."""

    cell_id: str
    source: str
    target: str
    comment: str
    status: str


@dataclass
class Applied:
    """What applying a review file did."""

    header: dict
    corrected: int = 0
    approved: int = 0
    stored: int = 0  # human translations new or changed in the memory (0 when applied before)
    problems: list[str] = field(default_factory=list)  # one line per row not applied, and why
    human: list[tuple[str, str, str, str, str]] = field(
        default_factory=list
    )  # (source, english, status, comment, file)


def read_review_docx(path: Path) -> tuple[dict, list[Row]]:
    """The header and rows of a review table, as edited."""
    import zipfile

    from docx import Document as open_docx

    try:
        word = open_docx(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise InputError(f"{path}: not a Word document ({err})") from None
    header = _header(word.core_properties.identifier or "")
    if header is None:
        found = (_FOOTER.search(p.text) for p in reversed(word.paragraphs))
        header = next((_header(m.group(1)) for m in found if m), None)
    table = next(
        (t for t in word.tables if t.rows and [c.text.strip() for c in t.rows[0].cells][:2] == ["#", "Tiếng Việt"]),
        None,
    )
    if header is None or table is None:
        raise InputError(f"{path}: not a vietrans review file (made with -f docx-review)")
    rows = []
    for row in table.rows[1:]:
        cells = [cell.text.strip() for cell in row.cells]
        cells += [""] * (6 - len(cells))
        rows.append(Row(cells[0], cells[1], cells[2], cells[4], cells[5]))
    return header, rows


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
        match = _ID.match(row.cell_id)
        if not match:
            if row.source or row.target:
                result.problems.append(f"row {position}: no vietrans id in its # cell (an added row?); not applied")
            continue
        number, source_hash, target_hash = int(match[1]), match[2], match[3]
        if number > int(header.get("rows", 0) or 0):
            result.problems.append(f"row {number}: no such row in the article; not applied")
            continue
        if _digest(row.source)[:6] != source_hash:
            result.problems.append(f"row {number}: its Vietnamese was edited; not applied (edit only the English)")
            continue
        status = row.status.strip().lower()
        if not row.target:
            if status or row.comment:
                result.problems.append(f"row {number}: the English is empty; not applied")
            continue
        # (a report written again after an earlier review says "corrected" in its status column)
        if _digest(row.target)[:4] != target_hash or status in CORRECTED:
            result.corrected += 1
            result.human.append((row.source, row.target, "corrected", row.comment, path.name))
        elif status in APPROVED:
            result.approved += 1
            result.human.append((row.source, row.target, "approved", row.comment, path.name))
    return result


def apply_review(path: Path, memory, rewrite=None) -> Applied:
    """Store the human translations of the review file at ``path`` in ``memory``; then, with
    ``rewrite`` (called with the article's source path and the formats it was made with),
    write its reports again."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    header, rows = read_review_docx(path)
    result = judge(path, header, rows)
    result.stored = memory.store_human(result.human)
    source = Path(header.get("source") or "")
    if rewrite is not None:
        if header.get("source") and source.is_file():
            rewrite(source, str(header.get("formats") or ""))
        else:
            result.problems.append(f"{source}: the article is not there; the memory was updated, no report rewritten")
    return result
