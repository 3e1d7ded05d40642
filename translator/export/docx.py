"""Word reports: bilingual (two columns), English-only, and a review table.

Every report opens with a cover block (both titles, where the text came
from, what translated it, with which glossaries, and counts) and a footer
with page numbers.  In the bilingual table one row is one sentence; the
header row repeats on every page, rows never split across pages, headings
are shaded rows spanning both columns, captions are italic and bylines
small.  A sentence a reviewer should check is shaded with its reason, and
a legend says what the shading means.  A table of the source is rebuilt as a
table (bilingual: the source table and its English side by side).
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from translator.document import Block, BlockKind, Document, Removed, Sentence, tables
from translator.export import TEST_MODEL_WARNING, ExportOptions, cell_text, metadata_rows, reviewed
from translator.glossary.terms import term_counts

FONT = "Arial"  # full Vietnamese coverage on Windows, macOS and (as Liberation Sans) Linux
HEADER = ("Tiếng Việt", "English")
REVIEW_HEADER = ("#", "Tiếng Việt", "English", "Flags", "Comment", "Status")
FLAG_SHADE = "FCE4D6"  # light orange: a sentence a reviewer should check
REVIEWED_SHADE = "E2EFDA"  # light green: a sentence a person approved or corrected
HEADING_SHADE = "DCE6F1"  # light blue: a heading row
LEGEND = "Rows shaded orange need a reviewer's eye; the reason is given under the translation."
_HEADING_KINDS = (BlockKind.TITLE, BlockKind.HEADING)
_PAPER = {"a4": (Cm(21.0), Cm(29.7)), "letter": (Cm(21.59), Cm(27.94))}


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    """The bilingual report."""
    word, title = _report(doc, options or ExportOptions())
    bilingual_table(word, doc, title)
    _appendices(word, doc)
    return save(word)


def render_english(doc: Document, options: ExportOptions | None = None) -> bytes:
    """The English-only report: same cover and structure, for readers without Vietnamese."""
    word, title = _report(doc, options or ExportOptions())
    english_body(word, doc, title)
    _appendices(word, doc)
    return save(word)


def bilingual_table(word, doc: Document, title: Block | None) -> None:
    """The two-column table, one row per sentence after the title; headings as shaded rows,
    a source table beside its English table."""
    table = _table(word, HEADER, widths=_columns(word, (1, 1)))
    for block, rows in tables(doc.blocks):
        if rows:  # the source table beside its English table, cell for cell
            row = table.add_row()
            for cell, english in zip(row.cells, (False, True), strict=True):
                _grid(cell, rows, english)
            continue
        if block is title:
            continue
        for sentence in block.sentences:
            if block.kind in _HEADING_KINDS:
                row = table.add_row()
                _keep_together(row)
                cell = row.cells[0].merge(row.cells[1])
                _shade(cell, HEADING_SHADE)
                cell.paragraphs[0].add_run(sentence.source).bold = True
                english = cell.add_paragraph()
                english.add_run(sentence.translation).bold = True
                target = cell
            else:
                row = table.add_row()
                _keep_together(row)
                vi, target = row.cells
                _styled(vi.paragraphs[0], block.kind, sentence.source, block.marker)
                english = target.paragraphs[0]
                _styled(english, block.kind, sentence.translation, block.marker)
            _marks(target, [sentence])
            if sentence.comment:  # the reviewer's comment, as a Word comment on the English
                word.add_comment(english.runs, text=sentence.comment, author="Reviewer", initials="R")


def english_body(word, doc: Document, title: Block | None, level: int = 1) -> None:
    """The story in English after its title, paragraph by paragraph, headings at ``level``."""
    for block, rows in tables(doc.blocks):
        if rows:
            _grid(word, rows, english=True)
            word.add_paragraph()  # keeps a next table apart (Word joins adjacent tables)
            continue
        if block is title or not block.sentences:
            continue
        text = " ".join(s.translation for s in block.sentences)
        if block.kind in _HEADING_KINDS:
            word.add_heading(text, level=level)
        else:
            paragraph = word.add_paragraph()
            _styled(paragraph, block.kind, text, block.marker)
        flags = [f for s in block.sentences for f in s.flags]
        if status := reviewed(block.sentences):
            _reviewed_paragraph(word.add_paragraph(), status)
        if flags:
            _flag_paragraph(word.add_paragraph(), flags)


def render_review(doc: Document, options: ExportOptions | None = None) -> bytes:
    """One row per sentence with #, source, target, flags, comment and status; ``vietrans review
    apply`` reads it back once edited (:mod:`translator.review`): each row's # cell holds its id,
    and the file says which article it is for."""
    from translator.export.rows import review_header, row_id, status_text

    options = options or ExportOptions()
    word, _ = _report(doc, ExportOptions("landscape", options.paper))
    word.core_properties.identifier = review_header(doc)
    table = _table(word, REVIEW_HEADER, widths=_columns(word, (0.9, 4, 4, 2, 2.5, 1.2)))
    for number, (block, sentence) in enumerate(_sentences(doc), 1):
        cells = table.add_row().cells
        _keep_together(table.rows[-1])
        flags = "; ".join(sentence.flags)
        values = (row_id(number, sentence), sentence.source, sentence.translation, flags, sentence.comment)
        for cell, value in zip(cells, values, strict=False):
            _styled(cell.paragraphs[0], block.kind, value)
        _choice(cells[5].paragraphs[0], status_text(sentence))
        if sentence.reviewed and not sentence.flags:
            _shade(cells[2], REVIEWED_SHADE)
        elif sentence.flags:
            _shade(cells[2], FLAG_SHADE)
    word.add_paragraph().add_run(f"vietrans review file: {word.core_properties.identifier}").font.size = Pt(7)
    return save(word)


def _choice(paragraph, value: str) -> None:
    """A drop-down content control holding ``value``: the statuses ``review apply`` acts on, so
    nobody has to guess the words (any other text typed in it is read as well)."""
    from translator.export.rows import STATUS_CHOICES

    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), "Status")
    properties.append(alias)
    choices = OxmlElement("w:comboBox")  # a drop-down that also takes what a desk types ("Đạt", "✅")
    for text in dict.fromkeys(("", *(label for label, _ in STATUS_CHOICES), value)):
        item = OxmlElement("w:listItem")
        item.set(qn("w:displayText"), text or " ")
        item.set(qn("w:value"), text)
        choices.append(item)
    properties.append(choices)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:t"))
    run[-1].text = value
    content.append(run)
    sdt.extend((properties, content))
    paragraph._p.append(sdt)


def _sentences(doc: Document) -> list[tuple[Block, Sentence]]:
    return [(block, sentence) for block in doc.blocks for sentence in block.sentences]


def new_report(options: ExportOptions):
    """An empty Word document with vietrans's page setup, fonts and footer."""
    word = new_docx()
    _set_fonts(word)
    _page(word, options)
    return word


def _report(doc: Document, options: ExportOptions):
    """A new document with page setup, fonts, footer and the cover block."""
    word = new_report(options)
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    english_title = " ".join(s.translation for s in title.sentences) if title else ""
    word.add_heading(english_title or doc.title, level=0)
    if title:
        word.add_paragraph().add_run(title.text).italic = True
        title_flags = [flag for sentence in title.sentences for flag in sentence.flags]
        if title_flags:  # the title is no table row, so its flags go under it
            _flag_paragraph(word.add_paragraph(), title_flags)
    sentences = [s for _, s in _sentences(doc)]
    terms = term_counts(doc)
    rows = [*metadata_rows(doc)]
    if doc.meta.get("glossaries"):
        rows.append(("Glossaries", doc.meta["glossaries"]))
    rows.append(
        (
            "Counts",
            f"{len(sentences)} sentences; {sum(t[3] for t in terms)} of {sum(t[2] for t in terms)} glossary terms "
            f"enforced; {sum(bool(s.flags) for s in sentences)} sentences flagged for review",
        )
    )
    for label, value in rows:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    if doc.meta.get("test_model"):
        warning = word.add_paragraph().add_run(f"Warning: {TEST_MODEL_WARNING}")
        warning.bold = True
        warning.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    legend = word.add_paragraph()
    legend.add_run("■ ").font.color.rgb = RGBColor(0xF4, 0xB0, 0x84)
    legend.add_run(LEGEND).italic = True
    return word, title


def _page(word, options: ExportOptions) -> None:
    """Paper, orientation, margins, and "page N of M" in the footer."""
    section = word.sections[0]
    width, height = _PAPER[options.paper]
    if options.layout == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centre
    footer.add_run("vietrans · page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for tag, attrs, text in (
        ("w:fldChar", {"w:fldCharType": "begin"}, None),
        ("w:instrText", {"xml:space": "preserve"}, f" {instruction} "),
        ("w:fldChar", {"w:fldCharType": "separate"}, None),
        ("w:t", {}, "1"),
        ("w:fldChar", {"w:fldCharType": "end"}, None),
    ):
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if text is not None:
            element.text = text
        run._r.append(element)


def _columns(word, ratios: tuple[float, ...]) -> list:
    section = word.sections[0]
    usable = section.page_width - section.left_margin - section.right_margin
    total = sum(ratios)
    return [int(usable * r / total) for r in ratios]


def _table(word, header: tuple[str, ...], widths: list):
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, width, text in zip(table.rows[0].cells, widths, header, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
        _shade(cell, "D9D9D9")
    header_row = table.rows[0]._tr.get_or_add_trPr()
    header_row.append(OxmlElement("w:tblHeader"))  # repeat on every page
    return table


def _grid(parent, rows: list[list[list[Block]]], english: bool) -> None:
    """A table of the source rebuilt in ``parent`` (the document, or a cell of the report), in
    one language; a header cell bold, a flagged cell shaded with its reason."""
    table = parent.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, blocks in zip(row.cells, cells, strict=True):
            run = cell.paragraphs[0].add_run(cell_text(blocks, english))
            run.bold = bool(blocks and blocks[0].cell and blocks[0].cell.header)
            sentences = [s for b in blocks for s in b.sentences]
            if english:
                _marks(cell, sentences)


def _keep_together(row) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _marks(cell, sentences: list[Sentence]) -> None:
    """Under the English: that a person reviewed it (green), and what a reviewer should look at
    (orange; for a reviewed row, what its English lacks)."""
    status = reviewed(sentences)
    flags = [flag for sentence in sentences for flag in sentence.flags]
    if status or flags:
        _shade(cell, FLAG_SHADE if flags else REVIEWED_SHADE)
    if status:
        _reviewed_paragraph(cell.add_paragraph(), status)
    if flags:
        _flag_paragraph(cell.add_paragraph(), flags)


def _reviewed_paragraph(paragraph, status: str) -> None:
    run = paragraph.add_run(f"✓ reviewed ({status})")
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x37, 0x86, 0x3C)


def _flag_paragraph(paragraph, flags: list[str]) -> None:
    run = paragraph.add_run("⚠ " + "; ".join(flags))
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _appendices(word, doc: Document) -> None:
    terms_appendix(word, term_counts(doc))
    removed_appendix(word, doc.removed)


def terms_appendix(word, terms: list[tuple[str, str, int, int]], level: int = 1) -> None:
    if terms:
        word.add_heading("Glossary terms", level=level)
        rows = [(v, e, str(n), str(k)) for v, e, n, k in terms]
        _appendix_table(word, ("Tiếng Việt", "English", "Uses", "Enforced"), rows)


def removed_appendix(word, removed: list[Removed], level: int = 1) -> None:
    if removed:
        word.add_heading("Left out of the translation", level=level)
        _appendix_table(word, ("Text", "Reason"), [(r.text, r.reason) for r in removed])


def _appendix_table(word, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = _table(word, header, widths=_columns(word, (3, 3, 1, 1)[: len(header)]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _styled(cell.paragraphs[0], BlockKind.PARAGRAPH, text)


def _styled(paragraph, kind: BlockKind, text: str, marker: str = "") -> None:
    """Write ``text`` into a paragraph, styled for its block's kind; a numbered list item
    keeps its own number instead of a bullet."""
    if kind is BlockKind.LIST_ITEM and not marker and paragraph.style.name != "List Bullet":
        paragraph.style = "List Bullet"
    run = paragraph.add_run()
    run._r.add_t(f"{marker} {text}" if marker else text)  # python-docx's run.text setter is slow
    if kind is BlockKind.CODE:
        run.font.name = "Courier New"
    elif kind is BlockKind.LEAD:
        run.bold = True
    elif kind in (BlockKind.CAPTION, BlockKind.QUOTE):
        run.italic = True
    elif kind is BlockKind.BYLINE:
        run.font.size = Pt(8)


def _set_fonts(word) -> None:
    """Use one font for Latin and East-Asian runs so no glyph falls back."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet"):
        style = word.styles[name]
        style.font.name = FONT  # sets w:ascii and w:hAnsi
        fonts = style.element.rPr.rFonts
        for attr in ("w:eastAsia", "w:cs"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over ours
    word.styles["Normal"].font.size = Pt(10.5)
    word.core_properties.created = dt.datetime.now()


def save(word) -> bytes:
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
