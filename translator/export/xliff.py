"""XLIFF 2.0: one unit per sentence with its source and target, for CAT tools.

Unit ids carry the row ids of :mod:`translator.review` and the file a note
saying which article it is for, so that a file edited in a CAT tool (targets
changed, ``state="final"``, notes added) can be applied with ``vietrans
review apply``."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from translator.document import Document
from translator.export import ExportOptions, document_name, fetched_from

NS = "urn:oasis:names:tc:xliff:document:2.0"


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    from translator.export.rows import review_header, row_id

    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}xliff", {"version": "2.0", "srcLang": "vi", "trgLang": "en"})
    file = ET.SubElement(root, f"{{{NS}}}file", {"id": "f1", "original": document_name(doc) or "document"})
    notes = ET.SubElement(file, f"{{{NS}}}notes")
    ET.SubElement(notes, f"{{{NS}}}note", {"category": "vietrans-review"}).text = review_header(doc)
    if doc.meta.get("model"):  # a test model says so here too
        ET.SubElement(notes, f"{{{NS}}}note", {"category": "vietrans-model"}).text = doc.meta["model"]
    for key, value in fetched_from(doc).items():
        ET.SubElement(notes, f"{{{NS}}}note", {"category": f"vietrans-{key}"}).text = value
    for number, (block, sentence) in enumerate(((b, s) for b in doc.blocks for s in b.sentences), 1):
        unit_id = f"u{row_id(number, sentence)}"
        unit = ET.SubElement(file, f"{{{NS}}}unit", {"id": unit_id, "type": f"vietrans:{block.kind.value}"})
        if sentence.flags or sentence.comment:
            notes = ET.SubElement(unit, f"{{{NS}}}notes")
            for flag in sentence.flags:
                ET.SubElement(notes, f"{{{NS}}}note", {"category": "vietrans-flag"}).text = flag
            if sentence.comment:  # the reviewer's: read back as their comment when the file is applied
                ET.SubElement(notes, f"{{{NS}}}note", {"category": "comment"}).text = sentence.comment
        state = "final" if sentence.reviewed else "translated" if sentence.translation else "initial"
        segment = ET.SubElement(unit, f"{{{NS}}}segment", {"state": state})
        ET.SubElement(segment, f"{{{NS}}}source").text = sentence.source
        ET.SubElement(segment, f"{{{NS}}}target").text = sentence.translation
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
