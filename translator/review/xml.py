"""Read review files a CAT tool wrote back: XLIFF 2.0 and 1.2, and TMX 1.4.

CAT tools wrap parts of a segment in inline codes, and those are no part of the
translation: their text is kept, their native code dropped (vietrans's sentences are
plain text, so there is no markup to map them back to).  TMX ``bpt/ept/ph/it/ut`` and
XLIFF 1.2 ``bpt/ept/ph/it`` hold native code (dropped with it); XLIFF 2.0 ``ph/sc/ec``
and 1.2 ``x/bx/ex`` are empty markers (dropped); XLIFF 2.0 ``pc``, 1.2 ``g``, ``mrk``
and TMX ``hi`` wrap text (kept); XLIFF 2.0 ``cp`` is a character by its code point.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from translator.errors import InputError
from translator.export.rows import flag_mark

XML = "{http://www.w3.org/XML/1998/namespace}"
_CODES = {"bpt", "ept", "ph", "it", "ut", "x", "bx", "ex", "sc", "ec", "sm", "em", "sub"}


@dataclass
class Unit:
    """One unit as the file has it."""

    unit_id: str
    source: str
    target: str
    comment: str
    status: str  # "approved" when the file marks it reviewed, else ""
    tmx: bool = False


def parse(path: Path):
    """The file's root element, or a one-line error."""
    from xml.etree import ElementTree as ET

    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise InputError(f"{path}: not valid XML ({err})") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def text(element) -> str:
    """A segment's text without its inline codes, one space between words."""
    if element is None:
        return ""
    pieces = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "cp":
            with contextlib.suppress(ValueError, OverflowError):
                pieces.append(chr(int(child.get("hex", ""), 16)))
        elif name not in _CODES:
            pieces.append(text(child))
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def xliff_units(root) -> tuple[list[str], list[Unit]]:
    """XLIFF 2.0 (``unit``/``segment``) or 1.2 (``trans-unit``): the texts of its file-level
    notes (where vietrans keeps the review header) and its units."""
    headers, units = [], []
    for element in root.iter():
        name = local(element.tag)
        if name == "note" and (element.get("category") or element.get("from") or "").startswith("vietrans-review"):
            headers.append(text(element))
        elif name == "unit":
            units.append(_unit_20(element))
        elif name == "trans-unit":
            units.append(_unit_12(element))
    if not headers:  # a tool that keeps notes but not their category
        headers = [text(e) for e in root.iter() if local(e.tag) == "note" and "vietrans_review" in (e.text or "")]
    return headers, units


def _notes(unit) -> str:
    """The person's notes on a unit (vietrans's own flags and header are not theirs)."""
    notes = []
    for element in unit.iter():
        if local(element.tag) == "note":
            category = element.get("category") or element.get("from") or ""
            said = text(element)
            if said and not category.startswith("vietrans") and "vietrans_review" not in said:
                notes.append(said)
    return "; ".join(dict.fromkeys(notes))


def _unit_20(unit) -> Unit:
    segment = next((e for e in unit.iter() if local(e.tag) == "segment"), None)
    parts = {local(e.tag): e for e in (segment if segment is not None else [])}
    state = segment.get("state", "") if segment is not None else ""
    return Unit(
        (unit.get("id") or "").removeprefix("u"),
        text(parts.get("source")),
        text(parts.get("target")),
        _notes(unit),
        "approved" if state in ("reviewed", "final") else "",
    )


def _unit_12(unit) -> Unit:
    parts = {local(e.tag): e for e in unit}
    target = parts.get("target")
    state = target.get("state", "") if target is not None else ""
    approved = unit.get("approved") == "yes" or state in ("final", "signed-off")
    return Unit(
        (unit.get("id") or "").removeprefix("u"),
        text(parts.get("source")),
        text(target),
        _notes(unit),
        "approved" if approved else "",
    )


def tmx_units(root) -> tuple[list[str] | None, list[Unit]]:
    """TMX 1.4: the review header props (None: not a TMX at all) and each unit's Vietnamese and English."""
    if root.tag != "tmx":
        return None, []
    headers = [text(p) for p in root.iter("prop") if p.get("type") == "x-vietrans-review"]
    units = []
    for unit in root.iter("tu"):
        texts = {}
        for variant in unit.iter("tuv"):
            lang = variant.get(f"{XML}lang") or variant.get("lang") or ""
            texts[lang.lower()[:2]] = text(variant.find("seg"))
        props = {p.get("type"): text(p) for p in unit.iter("prop")}
        units.append(
            Unit(
                unit.get("tuid", ""),
                texts.get("vi", ""),
                texts.get("en", ""),
                _tmx_notes(unit, set(props.get("x-vietrans-flags", "").split())),
                props.get("x-status", ""),
                tmx=True,
            )
        )
    return headers, units


def _tmx_notes(unit, flags: set[str]) -> str:
    """A TMX unit's comment as the reviewer leaves it: its notes but vietrans's flags (``flags``:
    their short hashes, as :mod:`translator.export.tmx` marks them), the ``Comment: X`` vietrans
    wrote read back as X (as it was, or as the reviewer edited it), the notes they added after it."""
    notes = []
    for element in unit.iter("note"):
        said = text(element)
        if said and flag_mark(said) not in flags:
            notes.append(said.removeprefix("Comment:").strip() or said)
    return "; ".join(dict.fromkeys(notes))
