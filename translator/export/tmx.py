"""TMX 1.4: one translation unit per sentence, for CAT tools' translation memories.

Each unit's ``tuid`` is its row id (:mod:`translator.review`) and the header
says which article the file is for, so an edited TMX can be applied with
``vietrans review apply``.  A sentence's flags are ``<note>``s, as CAT tools show them, and
their short hashes are its ``x-vietrans-flags`` prop (TMX notes have no category, as XLIFF's
do), so that applying the file never takes a flag for the reviewer's comment."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from translator import __version__
from translator.document import Document
from translator.export import ExportOptions, document_name, fetched_from

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    from translator.export.rows import flag_mark, review_header, row_id

    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "vietrans",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": "vi",
            "o-tmf": "vietrans",
        },
    )
    header = root.find("header")
    ET.SubElement(header, "prop", {"type": "x-vietrans-review"}).text = review_header(doc)
    if doc.meta.get("model"):  # a test model says so here too
        ET.SubElement(header, "prop", {"type": "x-model"}).text = doc.meta["model"]
    for key, value in fetched_from(doc).items():
        ET.SubElement(header, "prop", {"type": f"x-{key}"}).text = value
    body = ET.SubElement(root, "body")
    for number, sentence in enumerate(doc.sentences(), 1):
        unit = ET.SubElement(body, "tu", {"tuid": row_id(number, sentence)})
        if document_name(doc):
            ET.SubElement(unit, "prop", {"type": "x-document"}).text = document_name(doc)
        if sentence.reviewed:
            ET.SubElement(unit, "prop", {"type": "x-status"}).text = sentence.reviewed
        if sentence.flags:  # which notes are vietrans's flags, so that they never come back as a comment
            hashes = " ".join(flag_mark(flag) for flag in sentence.flags)
            ET.SubElement(unit, "prop", {"type": "x-vietrans-flags"}).text = hashes
        for note in (*sentence.flags, *([f"Comment: {sentence.comment}"] if sentence.comment else [])):
            ET.SubElement(unit, "note").text = note
        for lang, text in (("vi", sentence.source), ("en", sentence.translation)):
            ET.SubElement(ET.SubElement(unit, "tuv", {XML_LANG: lang}), "seg").text = text
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"
