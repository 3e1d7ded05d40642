"""Bring a reviewer's work back: corrected and approved rows become human translations.

The review table (``-f docx-review``) gives each row an id in its # cell,
``NUMBER-SOURCE-TARGET`` (the row's number and short hashes of the Vietnamese
and of the machine's English as written), and says in its properties and in
its last line which article it is for.  Text in cells survives Word and
LibreOffice, so the ids do too.  XLIFF 2.0 (``-f xliff``) carries the same ids
as unit ids and the article in a file note; TMX (``-f tmx``) as ``tuid`` and
a header property.  :func:`apply_review` reads an edited file of any of the three:

* a row whose English differs from the machine's is *corrected*; one whose
  status says approved (``approved``, ``ok``, ``✓`` …; in XLIFF a segment
  ``state`` of ``reviewed`` or ``final``) is *approved*; a TMX unit without
  a vietrans id is a person's translation from a CAT tool's memory;
  both are stored in the translation memory as human translations of their
  source sentence, which win over any engine's in every later run;
* nothing a reviewer wrote is dropped silently: a row whose Vietnamese was
  edited, a row without an id (added), an id the article does not have, an
  empty English, a status vietrans cannot act on ("needs work"), a comment
  with neither correction nor approval: a message for that row, the rest
  applied; rows deleted from the table are named and left as they were; a
  file made from another version of the article is applied by each row's
  Vietnamese, with a note for each correction whose sentence is gone;
* applying the same file twice changes nothing.

Then the article's reports are written again (the formats it was made with,
or those asked for), the reviewed rows marked in every format.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import InputError, VietransError
from translator.export.rows import digest

APPROVED = {"approved", "approve", "ok", "okay", "yes", "done", "✓", "✔", "x", "accepted", "reviewed", "final"}
CORRECTED = {"corrected", "edited", "fixed", "changed"}
_ID = re.compile(r"^\s*(\d+)-([0-9a-f]{6})-([0-9a-f]{4})\s*$")
_FOOTER = re.compile(r"vietrans review file: (\{.*\})")


@dataclass
class Row:
    """One row of an edited review table."""

    cell_id: str
    source: str
    target: str
    comment: str
    status: str
    trusted: bool = False  # a person's translation however it is marked (a CAT tool's TMX unit)


@dataclass
class Applied:
    """What applying a review file did."""

    header: dict
    corrected: int = 0
    approved: int = 0
    stored: int = 0  # human translations new or changed in the memory (0 when applied before)
    problems: list[str] = field(default_factory=list)  # one line per row not applied, and why
    notes: list[str] = field(default_factory=list)  # applied, but worth knowing
    # (source, English, status, comment, review file); a correction's source → the hash of the machine
    # English it replaced (from its row id), and that English where the memory still has it
    human: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    replaced: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)
    rewritten: list[str] = field(default_factory=list)  # the reports written again


def read_review(path: Path) -> tuple[dict, list[Row]]:
    """The header and rows of an edited review file: a Word review table, XLIFF 2.0 or TMX."""
    readers = {".docx": _read_docx, ".xlf": _read_xliff, ".xliff": _read_xliff, ".tmx": _read_tmx}
    reader = readers.get(path.suffix.lower())
    if reader is None:
        raise InputError(f"{path}: not a review file (a .review.docx, .xlf or .tmx vietrans made)")
    header, rows = reader(path)
    if header is None:
        raise InputError(f"{path}: not a vietrans review file (made with -f docx-review, xliff or tmx)")
    return header, rows


def _read_docx(path: Path) -> tuple[dict | None, list[Row]]:
    import zipfile

    from docx import Document as open_docx

    try:
        word = open_docx(io.BytesIO(path.read_bytes()))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise InputError(f"{path}: not a Word document ({err})") from None
    header = _header(word.core_properties.identifier or "")
    if header is None:  # an editor that drops the property keeps the text
        found = (_FOOTER.search(p.text) for p in reversed(word.paragraphs))
        header = next((_header(m.group(1)) for m in found if m), None)
    tables = [t for t in word.tables if t.rows and [c.text.strip() for c in t.rows[0].cells][:2] == ["#", "Tiếng Việt"]]
    rows = []
    for row in tables[0].rows[1:] if tables else []:
        cells = [cell.text.strip() for cell in row.cells] + [""] * 6
        rows.append(Row(cells[0], cells[1], cells[2], cells[4], cells[5]))
    return (header if tables else None), rows


def _xml(path: Path):
    from xml.etree import ElementTree as ET

    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(f"{path}: not valid XML ({err})") from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _read_xliff(path: Path) -> tuple[dict | None, list[Row]]:
    """XLIFF 2.0 as a CAT tool writes it back: targets, segment states, notes."""
    root = _xml(path)
    header, rows = None, []
    for element in root.iter():
        name = _local(element.tag)
        if name == "note" and element.get("category") == "vietrans-review":
            header = _header(_text(element))
        elif name == "unit":
            segment = next((e for e in element.iter() if _local(e.tag) == "segment"), None)
            parts = {_local(e.tag): e for e in (segment if segment is not None else [])}
            notes = [
                _text(e)
                for e in element.iter()
                if _local(e.tag) == "note" and not (e.get("category") or "").startswith("vietrans")
            ]
            state = segment.get("state", "") if segment is not None else ""
            rows.append(
                Row(
                    (element.get("id") or "").removeprefix("u"),
                    _text(parts.get("source")),
                    _text(parts.get("target")),
                    "; ".join(n for n in notes if n),
                    state if state in ("reviewed", "final") else "",
                )
            )
    return header, rows


def _read_tmx(path: Path) -> tuple[dict | None, list[Row]]:
    """TMX 1.4: each unit's Vietnamese and English; a unit without a vietrans tuid is a person's."""
    root = _xml(path)
    header = None
    for prop in root.iter("prop"):
        if prop.get("type") == "x-vietrans-review":
            header = _header(_text(prop))
    if header is None and root.tag == "tmx":  # a tool dropped it, or never had it: a translator's memory
        header = {}
    rows = []
    for unit in root.iter("tu"):
        texts = {}
        for variant in unit.iter("tuv"):
            lang = variant.get("{http://www.w3.org/XML/1998/namespace}lang") or variant.get("lang") or ""
            texts[lang.lower()[:2]] = _text(variant.find("seg"))
        status = next((_text(p) for p in unit.iter("prop") if p.get("type") == "x-status"), "")
        tuid = unit.get("tuid", "")
        rows.append(Row(tuid, texts.get("vi", ""), texts.get("en", ""), "", status, not _ID.match(tuid)))
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
        if row.trusted:
            if row.source and row.target:
                result.corrected += 1
                result.human.append((row.source, row.target, "corrected", row.comment, path.name))
            else:
                result.problems.append(f"unit {position}: needs both its Vietnamese and its English; not applied")
            continue
        if not match:
            if row.source or row.target:
                result.problems.append(f"row {position}: no vietrans id in its # cell (an added row?); not applied")
            continue
        number, source_hash, target_hash = int(match[1]), match[2], match[3]
        if header.get("rows") is not None and number > int(header["rows"]):
            result.problems.append(f"row {number}: no such row in the article; not applied")
            continue
        if digest(row.source)[:6] != source_hash:
            result.problems.append(f"row {number}: its Vietnamese was edited; not applied (edit only the English)")
            continue
        status = row.status.strip().lower()
        if not row.target:
            if status or row.comment:
                result.problems.append(f"row {number}: the English is empty; not applied")
            continue
        # (a report written again after an earlier review says "corrected" in its status column)
        if digest(row.target)[:4] != target_hash or status in CORRECTED:
            result.corrected += 1
            result.human.append((row.source, row.target, "corrected", row.comment, path.name))
            result.replaced[row.source] = target_hash
        elif status in APPROVED:
            result.approved += 1
            result.human.append((row.source, row.target, "approved", row.comment, path.name))
        elif status:  # "rejected", "needs work" …: a person's word, never dropped silently
            result.problems.append(
                f"row {number}: marked {row.status.strip()!r} but its English is unchanged; not applied "
                "(correct the English, or set the status to OK)"
            )
        elif row.comment:
            result.problems.append(
                f"row {number}: a comment but no correction or approval; not applied (set the status to OK to keep it)"
            )
    if path.suffix.lower() != ".tmx" and header.get("rows") is not None:  # (a TMX may hold only the units changed)
        seen = {int(m[1]) for m in (_ID.match(row.cell_id) for row in rows) if m}
        gone = [n for n in range(1, int(header["rows"]) + 1) if n not in seen]
        if gone:
            result.notes.append(f"rows deleted from the file, left as they were: {', '.join(map(str, gone))}")
    return result


def apply_review(
    path: Path, memory, options=None, formats: tuple[str, ...] | None = None, rewrite: bool = True
) -> Applied:
    """Store the human translations of the review file at ``path`` in ``memory`` and, with
    ``rewrite``, write the article's reports again beside it: in ``formats``, else those it was
    made with.  ``options`` (:class:`~translator.pipeline.Options`): the engine and settings that
    translate what the memory lacks."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    header, rows = read_review(path)
    result = judge(path, header, rows)
    record(result, memory)
    source = Path(header.get("source") or "")
    if header.get("source") and source.is_file():
        try:
            _compare_versions(source, result)
        except VietransError as err:  # the article is there but cannot be read now
            result.problems.append(f"{err}; the memory was updated, no report rewritten")
            return result
        if rewrite:
            made_with = tuple(str(header.get("formats") or "").split(","))
            _rewrite(source, path.parent, formats or made_with, memory.path, options, result)
    elif rewrite and header.get("source"):
        result.problems.append(f"{source}: the article is not there; the memory was updated, no report rewritten")
    return result


def record(result: Applied, memory) -> None:
    """Store a judged review's human translations in ``memory`` (the machine English each
    correction replaced beside it, for ``glossary suggest``); the web review stores the same way."""
    for source, target_hash in result.replaced.items():
        found = [t for t in memory.machine_translations(source) if digest(t)[:4] == target_hash]
        if found:
            result.machine[source] = found[0]
    result.stored = memory.store_human(result.human, result.machine)


def _rewrite(source: Path, folder: Path, formats: tuple[str, ...], memory_path: Path, options, result: Applied) -> None:
    from dataclasses import replace

    from translator.export import FORMATS
    from translator.pipeline import Options, translate_files

    options = options or Options()
    chosen = tuple(n for n in formats if n in FORMATS) or options.formats
    run = translate_files([str(source)], folder, replace(options, formats=chosen, force=True, cache=memory_path))
    result.problems += [f"{name}: {error}" for name, error in run.failures]
    result.rewritten = run.outputs


def _compare_versions(source: Path, result: Applied) -> None:
    """A review of another version of the article: each row applies by its Vietnamese; say which
    corrections the article no longer has a sentence for."""
    from translator.pipeline import Options, prepare
    from translator.read import read_article

    doc = prepare(read_article(source), Options())
    present = {" ".join(s.source.split()) for s in doc.sentences()}
    for source_text, *_ in result.human:
        if " ".join(source_text.split()) not in present:
            result.notes.append(f"not in the current version of the article (kept for later runs): {source_text[:60]}")
