"""Glossary files: edit a TSV in place, lint it, convert it to and from CSV and TBX.

Edits keep the file's order, comments and header, and are written
atomically.  ``check`` reports every problem with file and line.  TSV, our
full CSV and TBX carry every field, so a round trip loses nothing; the
Google and Amazon CSV layouts carry the terms only (their formats have no
other fields), one row per Vietnamese variant.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

from translator.errors import GlossaryError
from translator.files import write_bytes
from translator.glossary import COLUMNS, Entry, Glossary, entry_from_row, fold, parse, parse_header, split_lines

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


def _read_text(path: Path) -> str:
    return _read(path)[0]


def _read(path: Path) -> tuple[str, bool]:
    """The file's text, and whether it began with a UTF-8 BOM (an edit keeps it)."""
    try:
        data = path.read_bytes()
        return data.decode("utf-8-sig"), data.startswith(codecs.BOM_UTF8)
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise GlossaryError(f"{path}: is a folder, not a glossary file") from None
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read ({err.strerror})") from None


# Characters that would break a TSV line or hide in it: tab, line and paragraph separators, controls.
_UNSAFE = re.compile(r"[\t\n\r\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class _TsvFile:
    """A glossary file as its lines, with what an edit must keep: BOM, line ends, header."""

    path: Path
    lines: list[str]
    header: list[str]
    bom: bool
    newline: str
    final_newline: bool

    @classmethod
    def open(cls, path: Path) -> _TsvFile:
        if path.is_dir():
            raise GlossaryError(f"{path}: is a folder, not a glossary file")
        if not path.exists():
            return cls(path, [HEADER], list(COLUMNS), False, "\n", True)
        text, bom = _read(path)
        lines = split_lines(text)
        final_newline = text.endswith("\n")
        if final_newline:
            lines.pop()
        header = next(
            (parse_header(line.split("\t"), f"{path}:{n}") for n, line in enumerate(lines, 1) if _is_row(line)),
            None,
        )
        if header is None:  # nothing but comments: give it the full header
            lines.append(HEADER)
            header = list(COLUMNS)
        newline = "\r\n" if "\r\n" in text else "\n"
        return cls(path, lines, header, bom, newline, final_newline)

    def glossary(self) -> Glossary:
        return parse("\n".join(self.lines), str(self.path))

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
        return _row(entry, self.header)

    def save(self) -> None:
        text = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        write_bytes((codecs.BOM_UTF8 if self.bom else b"") + text.encode("utf-8"), self.path, force=True)


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


@dataclass(frozen=True)
class Problem:
    where: str  # file:line
    level: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.level}: {self.message}"


def _common_words() -> frozenset[str]:
    text = resources.files("translator").joinpath("data/vi_common_words.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.split() if w.strip() and not w.startswith("#"))


def check(path: Path) -> list[Problem]:
    """Lint one TSV glossary; every problem, with its line."""
    text = _read_text(path)
    problems: list[Problem] = []
    where = str(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line != unicodedata.normalize("NFC", line):
            problems.append(Problem(f"{where}:{number}", "error", "text is not Unicode NFC"))
        for cell in line.split("\t"):
            if cell != cell.strip() or "  " in cell or any(v != v.strip() for v in cell.split("|")):
                problems.append(Problem(f"{where}:{number}", "warning", f"stray whitespace in {cell!r}"))
                break
    try:
        glossary = parse(text, where)
    except GlossaryError as err:
        return [*problems, Problem(str(err).split(": ", 1)[0], "error", str(err).split(": ", 1)[1])]
    common = _common_words()
    seen: dict[tuple[bool, str], Entry] = {}
    for entry in glossary.entries:
        sensitive = entry.case_sensitive
        for variant in entry.variants:
            key = (sensitive, fold(variant, sensitive))
            other = seen.get(key)
            if other is not None and other is not entry:
                level, what = ("warning", "duplicate of") if other.en == entry.en else ("error", "conflicts with")
                problems.append(Problem(entry.source, level, f"{variant!r} {what} {other.source} ({other.en})"))
            seen[key] = entry
            lower = variant.lower()
            if not sensitive and lower in common:
                problems.append(
                    Problem(
                        entry.source, "error", f"{variant!r} is also the common word {lower!r}; make it case-sensitive"
                    )
                )
            elif sensitive and " " not in variant and lower in common and entry.match != "short-name":
                problems.append(
                    Problem(entry.source, "warning", f"{variant!r} also starts sentences as the common word {lower!r}")
                )
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


_LANGUAGES = {"vi": "vi", "vie": "vi", "vietnamese": "vi", "tiếng việt": "vi", "en": "en", "eng": "en", "english": "en"}


def _column(cell: str) -> str | None:
    """A header cell's column: ``vi``/``en`` from a language code or name (``vi-VN``, ``en_US``,
    ``English``), or one of our other columns; None when it is no header word."""
    word = unicodedata.normalize("NFC", cell).strip().lower()
    if word in COLUMNS[2:]:
        return word
    return _LANGUAGES.get(word) or _LANGUAGES.get(re.split(r"[-_]", word)[0]) if word else None


def import_file(path: Path, fmt: str | None = None) -> Glossary:
    """Read a TSV, CSV (ours, Google's, Amazon's; comma, semicolon or tab) or TBX file.

    A CSV's direction comes from its header's language codes (``en,vi`` is read the right way
    round); without a header, the columns are Vietnamese then English.  A file that gives no
    entry is refused, never imported as an empty glossary."""
    fmt = fmt or {".tbx": "tbx", ".csv": "csv", ".xml": "tbx"}.get(path.suffix.lower(), "tsv")
    text = _read_text(path)
    if fmt == "tsv":
        glossary = parse(text, str(path))
    elif fmt == "tbx":
        glossary = _from_tbx(text, str(path))
    else:
        glossary = _from_csv(text, str(path))
    if not glossary.entries:
        raise GlossaryError(f"{path}: no glossary entries found")
    return glossary


def _from_csv(text: str, name: str) -> Glossary:
    try:  # the delimiter from the header line; quoting as every spreadsheet writes it ("" inside "...")
        delimiter = csv.Sniffer().sniff(text[:4096].split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for row in reader:
        if any(c.strip() for c in row):
            rows.append((start, row))
        start = reader.line_num + 1
    if not rows:
        return Glossary([], [name])
    columns = [_column(c) for c in rows[0][1]]
    if "vi" in columns and "en" in columns:
        header, rows = columns, rows[1:]
    elif any(columns) and all(columns):
        raise GlossaryError(f"{name}:1: the header names no Vietnamese and English columns: {rows[0][1]}")
    else:
        header = ["vi", "en"]
    entries = []
    for line, row in rows:
        if len(row) < 2:
            raise GlossaryError(f"{name}:{line}: one column; a glossary row needs a Vietnamese and an English term")
        cells = {column: cell for column, cell in zip(header, row, strict=False) if column}
        entries.append(entry_from_row(cells, f"{name}:{line}"))
    if set(header) - {"vi", "en", None}:
        return Glossary(entries, [name])
    grouped: dict[str, list[Entry]] = {}  # Google/Amazon: one row per variant; variants share their English
    for entry in entries:
        grouped.setdefault(entry.en, []).append(entry)
    merged = [
        Entry(same[0].vi, en, tuple(dict.fromkeys(v for e in same for v in e.variants)), source=same[0].source)
        for en, same in grouped.items()
    ]
    return Glossary(merged, [name])


def _to_tbx(glossary: Glossary) -> bytes:
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
        for lang, terms in (("vi", entry.variants), ("en", (entry.en,))):
            section = ET.SubElement(concept, f"{{{TBX_NS}}}langSec", {XML_LANG: lang})
            for term in terms:
                term_sec = ET.SubElement(section, f"{{{TBX_NS}}}termSec")
                ET.SubElement(term_sec, f"{{{TBX_NS}}}term").text = term
                if lang == "vi" and entry.case:
                    ET.SubElement(term_sec, f"{{{TBX_NS}}}termNote", {"type": "x-caseSensitivity"}).text = entry.case
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _from_tbx(text: str, name: str) -> Glossary:
    """TBX v3 (``conceptEntry``/``langSec``/``termSec``, TBX-Basic included) and TBX 2008
    (``martif``/``termEntry``/``langSet``/``tig`` or ``ntig``), with or without namespaces."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        raise GlossaryError(f"{name}:{err.position[0]}: not well-formed XML") from None
    if _local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(f"{name}: not a TBX file (its root element is <{_local(root.tag)}>)")
    entries = []
    concepts = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    for number, concept in enumerate(concepts, 1):
        terms: dict[str, list[str]] = {"vi": [], "en": []}
        case, note, domain = "", "", ""
        for child in concept:
            if _local(child.tag) == "note":
                note = (child.text or "").strip()
            elif _local(child.tag) == "descrip" and child.get("type") == "subjectField":
                domain = (child.text or "").strip()
        for section in (c for c in concept if _local(c.tag) in ("langSec", "langSet")):
            lang = _column(section.get(XML_LANG) or section.get("lang") or "")
            for element in section.iter():
                if _local(element.tag) == "term" and lang in terms and (element.text or "").strip():
                    terms[lang].append(unicodedata.normalize("NFC", element.text.strip()))
                elif _local(element.tag) == "termNote" and element.get("type") == "x-caseSensitivity":
                    case = (element.text or "").strip()
        where = f"{name}: concept {concept.get('id') or number}"
        if not terms["vi"] or not terms["en"]:
            raise GlossaryError(f"{where} lacks a vi or en term")
        entries.append(
            entry_from_row(
                {"vi": "|".join(terms["vi"]), "en": terms["en"][0], "note": note, "domain": domain, "case": case},
                where,
            )
        )
    return Glossary(entries, [name])
