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
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.etree import ElementTree as ET

from translator.errors import GlossaryError
from translator.export import write_bytes
from translator.glossary import COLUMNS, Entry, Glossary, fold, parse

HEADER = "\t".join(COLUMNS)
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMATS = ("tsv", "csv", "csv-google", "csv-amazon", "tbx")


def _row(entry: Entry) -> str:
    return "\t".join(["|".join(entry.variants or (entry.vi,)), entry.en, entry.note, entry.domain, entry.case])


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file") from None
    except UnicodeDecodeError as err:
        raise GlossaryError(f"{path}: not UTF-8 (byte {err.start})") from None


def add(path: Path, entry: Entry, replace: bool = False) -> None:
    """Append ``entry`` (or replace the line defining the same term) keeping everything else."""
    text = _read_text(path) if path.exists() else HEADER + "\n"
    glossary = parse(text, str(path))
    lines = text.splitlines()
    new_forms = {fold(v, entry.case_sensitive) for v in entry.variants or (entry.vi,)}
    for old in glossary.entries:
        if new_forms & {fold(v, old.case_sensitive) for v in old.variants}:
            if not replace:
                raise GlossaryError(f"{old.source}: {old.vi!r} is already there ({old.en}); add --replace to change it")
            lines[int(old.source.rsplit(":", 1)[1]) - 1] = _row(entry)
            break
    else:
        lines.append(_row(entry))
    write_bytes(("\n".join(lines) + "\n").encode("utf-8"), path, force=True)


def remove(path: Path, vi: str) -> Entry:
    """Delete the line that defines ``vi`` (any of its variants)."""
    text = _read_text(path)
    glossary = parse(text, str(path))
    for old in glossary.entries:
        if any(fold(vi, old.case_sensitive) == fold(v, old.case_sensitive) for v in old.variants):
            lines = text.splitlines()
            del lines[int(old.source.rsplit(":", 1)[1]) - 1]
            write_bytes(("\n".join(lines) + "\n").encode("utf-8"), path, force=True)
            return old
    raise GlossaryError(f"{path}: no entry for {vi!r}")


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
            elif sensitive and " " not in variant and lower in common:
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
            if entry.en.lower() not in other.en.lower():
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
    """Read a TSV, CSV (ours, Google's or Amazon's) or TBX file."""
    fmt = fmt or {".tbx": "tbx", ".csv": "csv", ".xml": "tbx"}.get(path.suffix.lower(), "tsv")
    text = _read_text(path)
    if fmt == "tsv":
        return parse(text, str(path))
    if fmt == "tbx":
        return _from_tbx(text, str(path))
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if rows and [c.strip().lower() for c in rows[0][:2]] == ["vi", "en"]:
        header, rows = [c.strip().lower() for c in rows[0]], rows[1:]
    else:
        header = ["vi", "en"]
    if set(header) - set(COLUMNS):
        raise GlossaryError(f"{path}:1: unknown column(s) {sorted(set(header) - set(COLUMNS))}")
    if header == ["vi", "en"]:  # Google/Amazon: one row per variant; variants share their English
        grouped: dict[str, list[str]] = {}
        for row in rows:
            grouped.setdefault(row[1].strip(), []).append(row[0].strip())
        lines = ["|".join(vi) + "\t" + en for en, vi in grouped.items()]
    else:
        lines = ["\t".join(row) for row in rows]
    return parse("\t".join(header) + "\n" + "\n".join(lines), str(path))


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


def _from_tbx(text: str, name: str) -> Glossary:
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        raise GlossaryError(f"{name}:{err.position[0]}: not well-formed XML") from None
    ns = {"t": TBX_NS}
    entries = []
    for number, concept in enumerate(root.iterfind(".//t:conceptEntry", ns), 1):
        terms: dict[str, list[str]] = {"vi": [], "en": []}
        case = ""
        for section in concept.iterfind("t:langSec", ns):
            lang = (section.get(XML_LANG) or "").split("-")[0].lower()
            for term_sec in section.iterfind("t:termSec", ns):
                term = (term_sec.findtext("t:term", "", ns) or "").strip()
                if lang in terms and term:
                    terms[lang].append(unicodedata.normalize("NFC", term))
                case = term_sec.findtext("t:termNote[@type='x-caseSensitivity']", case, ns) or case
        if not terms["vi"] or not terms["en"]:
            raise GlossaryError(f"{name}: concept {concept.get('id') or number} lacks a vi or en term")
        entries.append(
            Entry(
                terms["vi"][0],
                terms["en"][0],
                tuple(terms["vi"]),
                concept.findtext("t:note", "", ns),
                concept.findtext("t:descrip[@type='subjectField']", "", ns),
                case,
                f"{name}:{number}",
            )
        )
    return Glossary(entries, [name])
