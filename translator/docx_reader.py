"""Read a Word document with python-docx, keeping its structure.

Heading styles become headings, list styles (or numbered paragraphs) list
items, Quote and Caption styles quotes and captions; tables' cells are read
in order.  The document's core properties give the title and author.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile

from translator.document import Block, BlockKind, Document
from translator.errors import InputError

_STYLE_KINDS = (
    ("title", BlockKind.TITLE),
    ("subtitle", BlockKind.LEAD),
    ("heading", BlockKind.HEADING),
    ("list", BlockKind.LIST_ITEM),
    ("quote", BlockKind.QUOTE),
    ("caption", BlockKind.CAPTION),
)


def read_docx(data: bytes, name: str = "input") -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{name}: not a Word .docx document") from None
    doc = Document()
    for child in word.element.body.iterchildren():
        if child.tag.endswith("}p"):
            _add(Paragraph(child, word), doc)
        elif child.tag.endswith("}tbl"):
            seen = set()
            for row in Table(child, word).rows:
                for cell in row.cells:
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        for paragraph in cell.paragraphs:
                            _add(paragraph, doc)
    props = word.core_properties
    for key, value in (("title", props.title), ("author", props.author)):
        if value:
            doc.meta[key] = value
    if props.created:
        doc.meta["date"] = props.created.date().isoformat()
    return doc


def _add(paragraph, doc: Document) -> None:
    text = " ".join(unicodedata.normalize("NFC", paragraph.text).split())
    if not text:
        return
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    kind = next((k for prefix, k in _STYLE_KINDS if style.startswith(prefix) or prefix in style), None)
    if kind is None:
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        kind = BlockKind.LIST_ITEM if numbered else BlockKind.PARAGRAPH
    doc.blocks.append(Block(kind, text))
