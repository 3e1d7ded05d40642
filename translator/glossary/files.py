"""Glossary files: edit a TSV in place, lint it, convert it to and from CSV and TBX.

Edits keep the file's order, comments and header, and are written
atomically.  ``check`` reports every problem with file and line.  TSV, our
full CSV and TBX carry every field, so a round trip loses nothing; the
Google and Amazon CSV layouts carry the terms only (their formats have no
other fields), one row per Vietnamese variant.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from translator.errors import GlossaryError
from translator.files import write_bytes
from translator.glossary import (
    COLUMNS,
    Entry,
    Glossary,
    Problem,
    entry_from_row,
    fold,
    judge,
    parse,
    parse_csv,
    parse_file,
    parse_header,
    read_file,
    split_lines,
)

HEADER = "\t".join(COLUMNS)
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMATS = ("tsv", "csv", "csv-google", "csv-amazon", "tbx")


def _row(entry: Entry, header: Sequence[str] = COLUMNS) -> str:
    """The entry as a TSV line in ``header``'s columns (trailing empty cells left out)."""
    cells = {
        "vi": "|".join(entry.variants or (entry.vi,)),
        "en": entry.en,
        "note": entry.note,
        "domain": entry.domain,
        "case": entry.case,
        "en_adj": entry.en_adj,
        "match": entry.match,
    }
    return "\t".join(cells[c] for c in header).rstrip("\t")


# Characters that would break a TSV line or hide in it: tab, line and paragraph separators, controls.
_UNSAFE = re.compile(r"[\t\n\r\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class _TsvFile:
    """A glossary file (TSV, or CSV by its suffix) as its lines, with what an edit must keep:
    encoding and BOM, line ends, header."""

    path: Path
    lines: list[str]
    header: list[str]
    encoding: str
    newline: str
    final_newline: bool
    delimiter: str = "\t"

    @classmethod
    def open(cls, path: Path) -> _TsvFile:
        if path.is_dir():
            raise GlossaryError(f"{path}: is a folder, not a glossary file")
        csv_file = path.suffix.lower() == ".csv"
        delimiter = "," if csv_file else "\t"
        if not path.exists() or not path.stat().st_size:  # a new file, or one made empty (`touch g.tsv`)
            return cls(path, [delimiter.join(COLUMNS)], list(COLUMNS), "utf-8", "\n", True, delimiter)
        text, encoding = read_file(path)
        lines = split_lines(text)
        final_newline = text.endswith("\n")
        if final_newline:
            lines.pop()
        if csv_file:
            first = next((line for line in lines if _is_row(line)), "")
            delimiter = _csv_delimiter(first)
        file = cls(path, lines, [], encoding, "\r\n" if "\r\n" in text else "\n", final_newline, delimiter)
        file.header = next(
            (parse_header(file.cells(line), f"{path}:{n}") for n, line in enumerate(lines, 1) if _is_row(line)),
            [],
        )
        if not file.header:  # nothing but comments: give it the full header
            lines.append(delimiter.join(COLUMNS))
            file.header = list(COLUMNS)
        return file

    def cells(self, line: str) -> list[str]:
        if self.delimiter == "\t":
            return line.split("\t")
        return next(csv.reader([line], delimiter=self.delimiter), [])

    def glossary(self) -> Glossary:
        text = "\n".join(self.lines)
        return parse(text, str(self.path)) if self.delimiter == "\t" else parse_csv(text, str(self.path))

    def row(self, entry: Entry) -> str:
        for column, option in (
            ("note", "note"),
            ("domain", "domain"),
            ("case", "case"),
            ("en_adj", "adj"),
            ("match", "match"),
        ):
            if getattr(entry, column) and column not in self.header:
                raise GlossaryError(
                    f"{self.path}: has no {column!r} column (header: {', '.join(self.header)}); "
                    f"add it to the header, or leave --{option} out"
                )
        if self.delimiter == "\t":
            return _row(entry, self.header)
        out = io.StringIO()
        csv.writer(out, delimiter=self.delimiter, lineterminator="").writerow(_row(entry, self.header).split("\t"))
        return out.getvalue()

    def save(self) -> None:
        text = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        write_bytes(text.encode(self.encoding), self.path, force=True)


def _csv_delimiter(line: str) -> str:
    """The delimiter of a CSV header line: comma, semicolon (spreadsheets in many locales) or tab."""
    try:
        return csv.Sniffer().sniff(line, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _is_row(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _line_of(entry: Entry) -> int:
    return int(entry.source.rsplit(":", 1)[1]) - 1


def check_entry(entry: Entry) -> None:
    """Refuse a term or note that a TSV line cannot hold as written."""
    for what, value in (
        ("term", "|".join(entry.variants)),
        ("English", entry.en),
        ("note", entry.note),
        ("domain", entry.domain),
        ("adjective", entry.en_adj),
    ):
        bad = _UNSAFE.search(value)
        if bad:
            raise GlossaryError(
                f"the {what} {value!r} contains {unicodedata.name(bad.group(), f'U+{ord(bad.group()):04X}')}, "
                "which a glossary line cannot hold; remove it"
            )


def columns(path: Path) -> list[str]:
    """The columns of the glossary file at ``path`` (a new file gets them all)."""
    return _TsvFile.open(path).header


def add(path: Path, entry: Entry, replace: bool = False) -> None:
    """Append ``entry``, or with ``replace`` change the line that defines the term (the last
    one, which wins), keeping the file's header, order, comments, line ends and BOM."""
    check_entry(entry)
    tsv = _TsvFile.open(path)
    new_forms = {fold(v, entry.case_sensitive) for v in entry.variants or (entry.vi,)}
    same = [old for old in tsv.glossary().entries if new_forms & {fold(v, old.case_sensitive) for v in old.variants}]
    row = tsv.row(entry)
    if same and not replace:
        old = same[-1]
        raise GlossaryError(f"{old.source}: {old.vi!r} is already there ({old.en}); add --replace to change it")
    if same:
        tsv.lines[_line_of(same[-1])] = row
    else:
        tsv.lines.append(row)
    tsv.save()


def remove(path: Path, vi: str) -> list[Entry]:
    """Delete every line that defines ``vi`` (any of its variants): a duplicate left behind
    would keep the term alive."""
    if not path.exists():
        raise GlossaryError(f"{path}: no such file")
    tsv = _TsvFile.open(path)
    gone = [
        old
        for old in tsv.glossary().entries
        if any(fold(vi, old.case_sensitive) == fold(v, old.case_sensitive) for v in old.variants)
    ]
    if not gone:
        raise GlossaryError(f"{path}: no entry for {vi!r}")
    for old in sorted(gone, key=_line_of, reverse=True):
        del tsv.lines[_line_of(old)]
    tsv.save()
    return gone


def check(path: Path) -> list[Problem]:
    """Lint one glossary file (TSV or CSV); every problem, with its line.  The errors are those
    that make ``translate -g`` refuse the file (:func:`translator.glossary.judge`)."""
    text = read_file(path)[0]
    problems: list[Problem] = []
    where = str(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line != unicodedata.normalize("NFC", line):
            problems.append(Problem(f"{where}:{number}", "warning", "text is not Unicode NFC (it is read as NFC)"))
        for cell in line.split("\t"):
            if cell != cell.strip() or "  " in cell or any(v != v.strip() for v in cell.split("|")):
                problems.append(Problem(f"{where}:{number}", "warning", f"stray whitespace in {cell!r}"))
                break
    try:
        glossary = parse_file(text, path)
    except GlossaryError as err:
        return [*problems, Problem(str(err).split(": ", 1)[0], "error", str(err).split(": ", 1)[1])]
    problems += judge(glossary)
    problems += _shadowed(glossary)
    return sorted(problems, key=lambda p: (p.where.rsplit(":", 1)[0], int(p.where.rsplit(":", 1)[1])))


def _shadowed(glossary: Glossary) -> list[Problem]:
    """Terms that a longer term contains but translates otherwise: inside it, the longer one wins."""
    problems = []
    forms = [(fold(v), e) for e in glossary.entries for v in e.variants]
    for short, entry in forms:
        for long, other in forms:
            if other is entry or len(long) <= len(short) or f" {short} " not in f" {long} ":
                continue
            if not any(form.lower() in other.en.lower() for form in (entry.en, *entry.adjectives)):
                problems.append(
                    Problem(entry.source, "warning", f"inside {other.vi!r} ({other.source}) it becomes {other.en!r}")
                )
                break
    return problems


def export(glossary: Glossary, fmt: str) -> bytes:
    """``glossary`` in one of ``FORMATS``."""
    if fmt == "tsv":
        return (HEADER + "\n" + "".join(_row(e) + "\n" for e in glossary.entries)).encode("utf-8")
    if fmt == "tbx":
        return _to_tbx(glossary)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if fmt == "csv":
        writer.writerow(COLUMNS)
        writer.writerows(_row(e).split("\t") for e in glossary.entries)
    else:
        if fmt == "csv-amazon":
            writer.writerow(["vi", "en"])
        writer.writerows([v, e.en] for e in glossary.entries for v in e.variants)
    return out.getvalue().encode("utf-8")


def import_file(path: Path, fmt: str | None = None) -> Glossary:
    """Read a TSV, CSV (ours, Google's, Amazon's, a spreadsheet's) or TBX file.  A TBX concept
    without a Vietnamese or an English term is left out with a warning (``Glossary.warnings``);
    a file that gives no entry is refused, never imported as an empty glossary."""
    fmt = fmt or {".tbx": "tbx", ".csv": "csv", ".xml": "tbx"}.get(path.suffix.lower(), "tsv")
    text = read_file(path)[0]
    if fmt == "tsv":
        glossary = parse(text, str(path))
    elif fmt == "tbx":
        glossary = _from_tbx(text, str(path))
    else:
        glossary = parse_csv(text, str(path))
    if not glossary.entries:
        raise GlossaryError(f"{path}: no glossary entries found" + "".join(f"; {w}" for w in glossary.warnings[:1]))
    return glossary


def _to_tbx(glossary: Glossary) -> bytes:
    """TBX-Basic (v3): subject field, note, Vietnamese variants with their case and match
    notes, the English term and its adjectives (``partOfSpeech`` adjective)."""
    ET.register_namespace("", TBX_NS)
    root = ET.Element(f"{{{TBX_NS}}}tbx", {"style": "dca", "type": "TBX-Basic", XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}tbxHeader"), f"{{{TBX_NS}}}fileDesc")
    ET.SubElement(ET.SubElement(header, f"{{{TBX_NS}}}sourceDesc"), f"{{{TBX_NS}}}p").text = "vietrans glossary"
    body = ET.SubElement(ET.SubElement(root, f"{{{TBX_NS}}}text"), f"{{{TBX_NS}}}body")
    for number, entry in enumerate(glossary.entries, 1):
        concept = ET.SubElement(body, f"{{{TBX_NS}}}conceptEntry", {"id": f"c{number}"})
        if entry.domain:
            ET.SubElement(concept, f"{{{TBX_NS}}}descrip", {"type": "subjectField"}).text = entry.domain
        if entry.note:
            ET.SubElement(concept, f"{{{TBX_NS}}}note").text = entry.note
        vi_notes = (("x-caseSensitivity", entry.case), ("x-match", entry.match))
        for lang, terms in (
            ("vi", [(v, vi_notes) for v in entry.variants]),
            ("en", [(entry.en, ()), *((a, (("partOfSpeech", "adjective"),)) for a in entry.adjectives)]),
        ):
            section = ET.SubElement(concept, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            for term, notes in terms:
                term_sec = ET.SubElement(section, f"{{{TBX_NS}}}termSec")
                ET.SubElement(term_sec, f"{{{TBX_NS}}}term").text = term
                for kind, value in notes:
                    if value:
                        ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote", {"type": kind}).text = value
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _language(code: str) -> str | None:
    code = code.strip().lower()
    return {"vi": "vi", "vie": "vi", "en": "en", "eng": "en"}.get(re.split(r"[-_]", code)[0]) if code else None


@dataclass
class _Term:
    text: str
    notes: dict[str, str]  # termNote type → value

    @property
    def status(self) -> str:
        """``administrativeStatus`` (TBX-Basic) or ``normativeAuthorization`` (TBX 2008), lower case."""
        return (self.notes.get("administrativeStatus") or self.notes.get("normativeAuthorization") or "").lower()

    @property
    def deprecated(self) -> bool:
        return self.status.startswith(("deprecated", "superseded"))

    @property
    def preferred(self) -> bool:
        return self.status.startswith("preferred")


def _terms(section) -> list[_Term]:
    """A language section's terms, each with the term notes of its own ``termSec``/``tig``/``ntig``."""
    found = []
    for holder in (e for e in section.iter() if _local(e.tag) in ("termSec", "tig", "ntig")):
        term = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
        if term is None or not "".join(term.itertext()).strip():
            continue
        notes = {e.get("type", ""): (e.text or "").strip() for e in holder.iter() if _local(e.tag) == "termNote"}
        found.append(_Term(unicodedata.normalize("NFC", " ".join("".join(term.itertext()).split())), notes))
    if not found:  # terms straight in the language section
        for term in (e for e in section if _local(e.tag) == "term" and (e.text or "").strip()):
            found.append(_Term(unicodedata.normalize("NFC", term.text.strip()), {}))
    return sorted(found, key=lambda t: not t.preferred)  # the preferred term first (a stable sort)


def _from_tbx(text: str, name: str) -> Glossary:
    """TBX v3 (``conceptEntry``/``langSec``/``termSec``, TBX-Basic included) and TBX 2008
    (``martif``/``termEntry``/``langSet``/``tig`` or ``ntig``), with or without namespaces.
    Every Vietnamese term is a variant; the preferred English term (not a deprecated one) is
    the English, adjectives its adjectives, other English terms are kept in the note; subject
    fields wherever they stand are the domain."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        raise GlossaryError(f"{name}:{err.position[0]}: not well-formed XML") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"{name}: not a TBX file (its root element is <{_local(root.tag)}>)")
    glossary = Glossary([], [name])
    concepts = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    for number, concept in enumerate(concepts, 1):
        where = f"{name}: concept {concept.get('id') or number}"
        notes = [(e.text or "").strip() for e in concept if _local(e.tag) == "note" and (e.text or "").strip()]
        domains = [
            (e.text or "").strip()
            for e in concept.iter()
            if _local(e.tag) == "descrip" and e.get("type") == "subjectField" and (e.text or "").strip()
        ]
        terms: dict[str, list[_Term]] = {"vi": [], "en": []}
        for section in (c for c in concept if _local(c.tag) in ("langSec", "langSet")):
            lang = _language(section.get(XML_LANG) or section.get("lang") or "")
            if lang in terms:
                terms[lang] += _terms(section)
        english = [t for t in terms["en"] if t.notes.get("partOfSpeech", "").lower() != "adjective"]
        adjectives = [t.text for t in terms["en"] if t.notes.get("partOfSpeech", "").lower() == "adjective"]
        usable = [t for t in english if not t.deprecated]
        if not terms["vi"] or not usable:
            missing = "Vietnamese" if not terms["vi"] else "English"
            glossary.warnings.append(f"{where}: no {missing} term; left out")
            continue
        others = [t.text for t in usable[1:]]
        notes += [f"also: {'; '.join(others)}"] if others else []
        deprecated = [t.text for t in english if t.deprecated]
        notes += [f"deprecated: {'; '.join(deprecated)}"] if deprecated else []
        vi_notes = {k: v for t in terms["vi"] for k, v in t.notes.items()}
        glossary.entries.append(
            entry_from_row(
                {
                    "vi": "|".join(dict.fromkeys(t.text for t in terms["vi"])),
                    "en": usable[0].text,
                    "note": " / ".join(notes),
                    "domain": ", ".join(dict.fromkeys(domains)),
                    "case": vi_notes.get("x-caseSensitivity", ""),
                    "en_adj": "|".join(adjectives),
                    "match": vi_notes.get("x-match", ""),
                },
                where,
            )
        )
    return glossary
