"""Bilingual Word document: title, metadata, then a two-column table.

One row per sentence in document order ("Tiếng Việt" | "English"); a
heading is a row whose one cell spans both columns and holds the
Vietnamese heading, then the English one.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from translator.document import BlockKind, Document
from translator.export import TEST_MODEL_WARNING, metadata_rows
from translator.terms import term_counts

FONT = "Arial"  # full Vietnamese coverage on Windows, macOS and (as Liberation Sans) Linux
HEADER = ("Tiếng Việt", "English")
_HEADING_KINDS = (BlockKind.TITLE, BlockKind.HEADING)


def render(doc: Document) -> bytes:
    word = new_docx()
    _set_fonts(word)
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    word.add_heading(title.text if title else doc.title, level=0)
    if title:
        word.add_paragraph().add_run(" ".join(s.translation for s in title.sentences)).italic = True
    for label, value in metadata_rows(doc):
        para = word.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    if doc.meta.get("test_model"):
        warning = word.add_paragraph().add_run(f"Warning: {TEST_MODEL_WARNING}")
        warning.bold = True
        warning.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for block in doc.blocks:
        if block is title:
            continue
        if block.kind in _HEADING_KINDS:
            for sentence in block.sentences:
                row = table.add_row()
                cell = row.cells[0].merge(row.cells[1])
                cell.paragraphs[0].add_run(sentence.source).bold = True
                cell.add_paragraph().add_run(sentence.translation).bold = True
                if sentence.flags:
                    _flag(cell, sentence.flags)
            continue
        for sentence in block.sentences:
            vi, en = table.add_row().cells
            _styled(vi.paragraphs[0], block.kind, sentence.source)
            _styled(en.paragraphs[0], block.kind, sentence.translation)
            if sentence.flags:
                _flag(en, sentence.flags)
    terms = term_counts(doc)
    if terms:
        word.add_heading("Glossary terms", level=1)
        _appendix_table(
            word, ("Tiếng Việt", "English", "Uses", "Enforced"), [(v, e, str(n), str(k)) for v, e, n, k in terms]
        )
    if doc.removed:
        word.add_heading("Left out of the translation", level=1)
        _appendix_table(word, ("Text", "Reason"), [(r.text, r.reason) for r in doc.removed])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _appendix_table(word, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.paragraphs[0].add_run(text)


FLAG_SHADE = "FCE4D6"  # light orange: a sentence a reviewer should check


def _flag(cell, flags: list[str]) -> None:
    """Shade the cell and say why, under the translation."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), FLAG_SHADE)
    cell._tc.get_or_add_tcPr().append(shading)
    run = cell.add_paragraph().add_run("⚠ " + "; ".join(flags))
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _styled(paragraph, kind: BlockKind, text: str) -> None:
    """Write ``text`` into a cell's paragraph, styled for its block's kind."""
    if kind is BlockKind.LIST_ITEM:
        paragraph.style = "List Bullet"
    run = paragraph.add_run()
    run._r.add_t(text)  # python-docx's run.text setter walks the text a character at a time
    if kind is BlockKind.LEAD:
        run.bold = True
    elif kind in (BlockKind.CAPTION, BlockKind.QUOTE):
        run.italic = True
    elif kind is BlockKind.BYLINE:
        run.font.size = Pt(8)


def _set_fonts(word) -> None:
    """Use one font for Latin and East-Asian runs so no glyph falls back."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = word.styles[name]
        style.font.name = FONT  # sets w:ascii and w:hAnsi
        fonts = style.element.rPr.rFonts
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over ours
    word.styles["Normal"].font.size = Pt(10.5)
