import io
import re

import docx
import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.export import ExportOptions
from translator.export import render as render_format
from translator.export.docx import HEADER, render


def read_pairs(data: bytes) -> list[tuple[str, str]]:
    """Sentence pairs from a bilingual DOCX, in order; a spanning row gives its two paragraphs."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    pairs = []
    for row in table.rows[1:]:
        cells = row.cells
        if cells[0]._tc is cells[1]._tc:
            paragraphs = cells[0].paragraphs
            pairs.append((paragraphs[0].text, paragraphs[1].text))
        else:
            pairs.append((cells[0].paragraphs[0].text, cells[1].paragraphs[0].text))  # a flag is a 2nd paragraph
    return pairs


def test_table_has_a_header_and_one_row_per_sentence_with_spanning_headings():
    doc = Document(
        blocks=[
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title")]),
            Block(BlockKind.PARAGRAPH, "x", [Sentence("Câu một.", "One."), Sentence("Câu hai.", "Two.")]),
            Block(BlockKind.HEADING, "Phần hai", [Sentence("Phần hai", "Part two")]),
            Block(BlockKind.PARAGRAPH, "y", [Sentence("Câu ba.", "Three.")]),
        ],
        meta={"source_file": "a.txt", "model": "m 1.0", "translated": "2026-01-01"},
    )
    data = render(doc)
    word = docx.Document(io.BytesIO(data))
    assert word.paragraphs[0].text == "Title" and word.paragraphs[1].text == "Tiêu đề"  # English title first
    body = "\n".join(p.text for p in word.paragraphs)
    assert "Source: a.txt" in body and "Model: m 1.0" in body and "Warning" not in body
    table = word.tables[0]
    assert tuple(c.text for c in table.rows[0].cells) == HEADER
    assert read_pairs(data) == [
        ("Câu một.", "One."),
        ("Câu hai.", "Two."),
        ("Phần hai", "Part two"),
        ("Câu ba.", "Three."),
    ]
    heading_row = table.rows[3]
    assert heading_row.cells[0]._tc is heading_row.cells[1]._tc


def test_captions_italic_bylines_small_and_appendix_of_left_out_text():
    from translator.document import Removed

    doc = Document(
        blocks=[
            Block(BlockKind.CAPTION, "c", [Sentence("Ảnh: AFP", "Photo: AFP")]),
            Block(BlockKind.BYLINE, "b", [Sentence("Theo Reuters", "By Reuters")]),
        ],
        removed=[Removed("Cùng chủ đề", "other stories")],
    )
    word = docx.Document(io.BytesIO(render(doc)))
    caption_row, byline_row = word.tables[0].rows[1:3]
    assert all(run.italic for cell in caption_row.cells for run in cell.paragraphs[0].runs)
    assert byline_row.cells[0].paragraphs[0].runs[0].font.size.pt == 8
    appendix = word.tables[1]
    assert [c.text for c in appendix.rows[1].cells] == ["Cùng chủ đề", "other stories"]
    assert any(p.text == "Left out of the translation" for p in word.paragraphs)


def test_the_review_table_shades_exactly_the_flagged_rows():
    from tests.export.test_formats import _doc
    from translator.export.docx import FLAG_SHADE

    doc = _doc()
    doc.blocks[-1].sentences[0].flags = ["term not enforced: export controls"]
    word = docx.Document(io.BytesIO(render_format(doc, "docx-review")))
    rows = word.tables[0].rows[1:]
    shaded = [FLAG_SHADE in row.cells[2]._tc.xml for row in rows]
    flagged = [bool(s.flags) for s in doc.sentences()]
    assert shaded == flagged and any(flagged) and not all(flagged)
    assert [row.cells[3].text for row in rows if FLAG_SHADE in row.cells[2]._tc.xml][-1] == (
        "term not enforced: export controls"
    )


def test_the_english_report_shows_the_flags_under_their_sentences():
    from tests.export.test_formats import _doc

    doc = _doc()
    doc.blocks[-1].sentences[0].flags = ["repetition loop", "year not kept: 2024"]
    word = docx.Document(io.BytesIO(render_format(doc, "docx-en")))
    texts = [p.text for p in word.paragraphs]
    assert "⚠ repetition loop; year not kept: 2024" in texts  # a sentence's two flags on one line


def test_headings_are_bold_numbers_kept_rows_unsplit_and_the_glossary_appendix_labelled():
    """A heading's two lines are bold; a numbered item keeps its number in both languages; no
    row breaks across pages (bilingual and review tables); the term appendix names its columns."""
    from docx.oxml.ns import qn

    from tests.export.test_formats import _doc

    doc = _doc()
    doc.blocks.append(Block(BlockKind.LIST_ITEM, "Bước ba", [Sentence("Bước ba", "Step three")], marker="3."))
    word = docx.Document(io.BytesIO(render(doc)))
    rows = word.tables[0].rows[1:]
    heading = next(r for r in rows if r.cells[0]._tc is r.cells[1]._tc)
    assert [run.bold for p in heading.cells[0].paragraphs for run in p.runs] == [True, True]
    assert [c.paragraphs[0].text for c in rows[-1].cells] == ["3. Bước ba", "3. Step three"]
    review = docx.Document(io.BytesIO(render_format(doc, "docx-review")))
    for table in (word.tables[0], review.tables[0]):
        assert all(
            row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows[1:]
        )
    assert [c.text for c in word.tables[1].rows[0].cells] == ["Tiếng Việt", "English", "Uses", "Enforced"]


def test_the_cover_names_the_glossaries_and_bullets_stay_bullets():
    from translator.export.docx import render_english

    doc = Document(
        blocks=[Block(BlockKind.LIST_ITEM, "Gạch đầu dòng", [Sentence("Gạch đầu dòng", "A bullet point")])],
        meta={"source_file": "a.txt", "glossaries": "ai.tsv, geopolitics.tsv"},
    )
    for data in (render(doc), render_english(doc)):
        word = docx.Document(io.BytesIO(data))
        assert "Glossaries: ai.tsv, geopolitics.tsv" in "\n".join(p.text for p in word.paragraphs)
    item = next(p for p in word.paragraphs if p.text == "A bullet point")
    assert item.style.name == "List Bullet"
    cell = docx.Document(io.BytesIO(render(doc))).tables[0].rows[1].cells[1].paragraphs[0]
    assert cell.style.name == "List Bullet"


def test_the_sentences_after_a_table_keep_their_rows():
    from translator.document import Cell

    def cell(text, english, row, column):
        return Block(BlockKind.PARAGRAPH, text, [Sentence(text, english)], cell=Cell(0, row, column))

    doc = Document(
        blocks=[
            Block(BlockKind.PARAGRAPH, "a", [Sentence("Bảng giá.", "Price table.")]),
            cell("Hà Nội", "Hanoi", 0, 0),
            cell("Huế", "Hue", 0, 1),
            Block(BlockKind.PARAGRAPH, "b", [Sentence("Giá tăng.", "Prices rose.")]),
        ]
    )
    pairs = read_pairs(render(doc))
    assert pairs[0] == ("Bảng giá.", "Price table.") and pairs[-1] == ("Giá tăng.", "Prices rose.")
    assert len(pairs) == 3  # the table is one row, the source's grid beside the English one


def test_the_review_file_records_its_article_rows_and_formats():
    """The header ``review apply`` reads back: which article, how many rows, which reports to write again."""
    from tests.export.test_formats import _doc

    doc = _doc()
    doc.meta["formats"] = "docx-review,md"
    word = docx.Document(io.BytesIO(render_format(doc, "docx-review")))
    assert word.core_properties.identifier == (
        '{"vietrans_review": 1, "source": "", "rows": 5, "formats": "docx-review,md"}'
    )


def test_a_reviewers_comment_is_a_word_comment_on_the_english_of_its_row_or_heading():
    """Word shows each comment beside the text it marks: the English the reviewer commented on."""
    doc = Document(
        blocks=[
            Block(BlockKind.HEADING, "h", [Sentence("Phần hai", "Part two", comment="shorter?")]),
            Block(
                BlockKind.PARAGRAPH,
                "p",
                [Sentence("Một.", "One.", comment="check the number"), Sentence("Hai.", "Two.")],
            ),
        ],
        meta={"source_file": "a.txt"},
    )
    word = docx.Document(io.BytesIO(render(doc)))
    body = word.element.body.xml
    spans = re.findall(r'<w:commentRangeStart w:id="\d+"/>(.*?)<w:commentRangeEnd', body, re.S)
    marked = [" ".join(re.sub("<[^>]+>", " ", span).split()) for span in spans]
    comments = [(c.text, c.author, c.initials) for c in word.comments]
    assert list(zip(marked, comments, strict=True)) == [
        ("Part two", ("shorter?", "Reviewer", "R")),
        ("One.", ("check the number", "Reviewer", "R")),
    ]


def test_every_word_report_numbers_its_pages_in_the_footer():
    """ "vietrans · page N of M": Word fills in the two fields when it lays the pages out."""
    from docx.oxml.ns import qn

    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "x", [Sentence("Câu một.", "One.")])])
    for fmt in ("docx", "docx-en", "docx-review"):
        footer = docx.Document(io.BytesIO(render_format(doc, fmt))).sections[0].footer.paragraphs[0]
        fields = [node.text for node in footer._p.iter(qn("w:instrText"))]
        assert (footer.text, fields, footer.alignment) == ("vietrans · page 1 of 1", [" PAGE ", " NUMPAGES "], 1), fmt


def _run_text(run) -> str:
    """A run as ``text<page break>{marks}``: bold b, italic i, size, colour, font (what a reader sees of it)."""
    from docx.oxml.ns import qn

    font = run.font
    marks = "".join(m for m, on in (("b", run.bold), ("i", run.italic)) if on)
    shown = [
        m for m in (marks, font.size and f"{font.size.pt:g}pt", font.color.rgb and str(font.color.rgb), font.name) if m
    ]
    breaks = "".join(f"<{kind} break>" for br in run._r.iter(qn("w:br")) if (kind := br.get(qn("w:type"))))
    return run.text + breaks + (f"{{{','.join(shown)}}}" if shown else "")


def _paragraph_text(paragraph) -> str:
    """``[style] run|run``, a drop-down as ``⟨its value⟩``."""
    from docx.oxml.ns import qn

    style = "" if paragraph.style.name == "Normal" else f"[{paragraph.style.name}] "
    choices = "".join(
        f"⟨{''.join(t.text or '' for t in sdt.iter(qn('w:t')))}⟩" for sdt in paragraph._p.iter(qn("w:sdt"))
    )
    return style + "|".join(_run_text(run) for run in paragraph.runs) + choices


def _cell_text(cell) -> str:
    """``#fill spanN paragraph / [nested table] / paragraph``."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    shading = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    fill = f"#{shading.get(qn('w:fill'))} " if shading is not None else ""
    span = f"span{cell._tc.grid_span} " if cell._tc.grid_span > 1 else ""
    inner = [
        _paragraph_text(Paragraph(child, cell)) if child.tag == qn("w:p") else _table_rows(Table(child, cell))
        for child in cell._tc.iterchildren(qn("w:p"), qn("w:tbl"))
    ]
    return fill + span + " / ".join(map(str, inner))


def _table_rows(table) -> list[tuple[str, list[str]]]:
    """Each row as (H: repeats as header, K: kept on one page; its cells)."""
    from docx.oxml.ns import qn
    from docx.table import _Cell

    rows = []
    for row in table.rows:
        properties = row._tr.trPr
        marks = "".join(
            m for m, tag in (("H", "w:tblHeader"), ("K", "w:cantSplit"))
            if properties is not None and properties.find(qn(tag)) is not None
        )  # fmt: skip
        rows.append((marks, [_cell_text(_Cell(tc, table)) for tc in row._tr.tc_lst]))
    return rows


def picture(data: bytes) -> list:
    """The Word document's body as a reader sees it: every paragraph (style, runs and their
    formatting) and every table (rows, cells, shading, spans) in order."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    word = docx.Document(io.BytesIO(data))
    return [
        _paragraph_text(Paragraph(child, word)) if child.tag == qn("w:p") else _table_rows(Table(child, word))
        for child in word.element.body.iterchildren(qn("w:p"), qn("w:tbl"))
    ]


def _report_doc() -> Document:
    """Every kind of block a Word report styles, a reviewed, a flagged and a commented sentence, a
    source table with a header cell and a flagged cell, a glossary term and left-out text."""
    from translator.document import Cell, Removed
    from translator.glossary.terms import TermUse

    term, money = TermUse("kiểm soát xuất khẩu", "export controls", False), "money not kept: 5 đồng"
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title", flags=["low model score"])]),
            Block(BlockKind.LEAD, "Mở", [Sentence("Mở.", "Lead.")]),
            Block(BlockKind.HEADING, "Phần", [Sentence("Phần", "Part", comment="shorter?")]),
            Block(
                BlockKind.PARAGRAPH,
                "p",
                [
                    Sentence("Một.", "One.", reviewed="approved"),
                    Sentence("Hai.", "Two.", flags=["term not enforced: export controls"], terms=[term]),
                ],
            ),
            Block(BlockKind.CAPTION, "c", [Sentence("Ảnh.", "Photo.")]),
            Block(BlockKind.BYLINE, "b", [Sentence("Theo.", "By.")]),
            Block(BlockKind.QUOTE, "q", [Sentence("Trích.", "Quote.", reviewed="corrected")]),
            Block(BlockKind.CODE, "x = 1", [Sentence("x = 1", "x = 1", verbatim=True)]),
            Block(BlockKind.LIST_ITEM, "Bước", [Sentence("Bước", "Step")], marker="3."),
            Block(BlockKind.LIST_ITEM, "Gạch", [Sentence("Gạch", "Bullet")]),
            Block(BlockKind.PARAGRAPH, "Tỉnh", [Sentence("Tỉnh", "Province")], cell=Cell(0, 0, 0, header=True)),
            Block(BlockKind.PARAGRAPH, "Giá", [Sentence("Giá", "Price", flags=[money])], cell=Cell(0, 1, 1)),
        ],
        removed=[Removed("Cùng chủ đề", "other stories")],
        meta={"source_file": "a.txt", "model": "m 1.0", "translated": "2026-11-29", "glossaries": "ai.tsv",
              "test_model": "1"},
    )  # fmt: skip


_FLAG = "{i,8pt,C00000}"  # a flag line: small, italic, red
_REVIEWED = "{i,8pt,37863C}"  # a reviewed line: small, italic, green
_COVER = [
    "[Title] Title",
    "Tiêu đề{i}",
    f"⚠ low model score{_FLAG}",
    "Source: {b}|a.txt",
    "Translated: {b}|2026-11-29",
    "Model: {b}|m 1.0",
    "Glossaries: {b}|ai.tsv",
    "Counts: {b}|13 sentences; 0 of 1 glossary terms enforced; 3 sentences flagged for review",
    "Warning: Made with a test model: the English text is not a translation. Install a real vi→en model before "
    "sharing this document.{b,C00000}",
    "■ {F4B084}|Rows shaded orange need a reviewer's eye; the reason is given under the translation.{i}",
]
_PROVINCE = [("", ["Province{b}", ""]), ("", ["", f"#FCE4D6 Price / ⚠ money not kept: 5 đồng{_FLAG}"])]
_APPENDICES = [
    "[Heading 1] Glossary terms",
    [
        ("H", ["#D9D9D9 Tiếng Việt{b}", "#D9D9D9 English{b}", "#D9D9D9 Uses{b}", "#D9D9D9 Enforced{b}"]),
        ("", ["kiểm soát xuất khẩu", "export controls", "1", "0"]),
    ],
    "[Heading 1] Left out of the translation",
    [("H", ["#D9D9D9 Text{b}", "#D9D9D9 Reason{b}"]), ("", ["Cùng chủ đề", "other stories"])],
]
_BODIES = {
    "docx": [
        [
            ("H", ["#D9D9D9 Tiếng Việt{b}", "#D9D9D9 English{b}"]),
            ("K", ["Mở.{b}", "Lead.{b}"]),
            ("K", ["#DCE6F1 span2 Phần{b} / Part{b}|"]),  # the empty run is the comment's mark
            ("K", ["Một.", f"#E2EFDA One. / ✓ reviewed (approved){_REVIEWED}"]),
            ("K", ["Hai.", f"#FCE4D6 Two. / ⚠ term not enforced: export controls{_FLAG}"]),
            ("K", ["Ảnh.{i}", "Photo.{i}"]),
            ("K", ["Theo.{8pt}", "By.{8pt}"]),
            ("K", ["Trích.{i}", f"#E2EFDA Quote.{{i}} / ✓ reviewed (corrected){_REVIEWED}"]),
            ("K", ["x = 1{Courier New}", "x = 1{Courier New}"]),
            ("K", ["3. Bước", "3. Step"]),
            ("K", ["[List Bullet] Gạch", "[List Bullet] Bullet"]),
            ("", [f" / {[('', ['Tỉnh{b}', '']), ('', ['', 'Giá'])]} / ", f" / {_PROVINCE} / "]),
        ],
    ],
    "docx-en": [
        "Lead.{b}",
        "[Heading 1] Part",
        "One. Two.",  # one reviewed, one flagged: the flag shows, "reviewed" does not
        f"⚠ term not enforced: export controls{_FLAG}",
        "Photo.{i}",
        "By.{8pt}",
        "Quote.{i}",
        f"✓ reviewed (corrected){_REVIEWED}",
        "x = 1{Courier New}",
        "3. Step",
        "[List Bullet] Bullet",
        _PROVINCE,
        "",  # keeps a next table apart
    ],
}


@pytest.mark.parametrize("name", list(_BODIES))
def test_a_word_report_shows_every_block_styled_shaded_and_marked_as_specified(name):
    """The whole report, paragraph by paragraph and cell by cell: cover, table or body, appendices."""
    assert picture(render_format(_report_doc(), name)) == _COVER + _BODIES[name] + _APPENDICES


def test_the_review_table_has_a_row_per_sentence_with_its_id_flags_comment_status_and_shading():
    """Every sentence, the title's too, styled as its block; orange where flagged, green where a
    person's translation stands unflagged; the status drop-down holds the reviewer's status."""
    from translator.export.rows import row_id

    doc = _report_doc()
    cells = [
        ("", "Tiêu đề", "#FCE4D6 Title", "low model score", "", "⟨⟩"),
        ("{b}", "Mở.{b}", "Lead.{b}", "{b}", "{b}", "⟨⟩"),
        ("", "Phần", "Part", "", "shorter?", "⟨⟩"),
        ("", "Một.", "#E2EFDA One.", "", "", "⟨Đã duyệt (approved)⟩"),
        ("", "Hai.", "#FCE4D6 Two.", "term not enforced: export controls", "", "⟨⟩"),
        ("{i}", "Ảnh.{i}", "Photo.{i}", "{i}", "{i}", "⟨⟩"),
        ("{8pt}", "Theo.{8pt}", "By.{8pt}", "{8pt}", "{8pt}", "⟨⟩"),
        ("{i}", "Trích.{i}", "#E2EFDA Quote.{i}", "{i}", "{i}", "⟨Đã sửa (corrected)⟩"),
        ("{Courier New}", "x = 1{Courier New}", "x = 1{Courier New}", "{Courier New}", "{Courier New}", "⟨⟩"),
        ("", "[List Bullet] Bước", "[List Bullet] Step", "[List Bullet] ", "[List Bullet] ", "⟨⟩"),
        ("", "[List Bullet] Gạch", "[List Bullet] Bullet", "[List Bullet] ", "[List Bullet] ", "⟨⟩"),
        ("", "Tỉnh", "Province", "", "", "⟨⟩"),
        ("", "Giá", "#FCE4D6 Price", "money not kept: 5 đồng", "", "⟨⟩"),
    ]
    ids = [row_id(n, s) for n, s in enumerate(doc.sentences(), 1)]
    bullet = "[List Bullet] "
    rows = [
        ("K", [(bullet if first.startswith(bullet) else "") + ids[n] + mark, first, *rest])
        for n, (mark, first, *rest) in enumerate(cells)
    ]
    header = ("H", [f"#D9D9D9 {text}{{b}}" for text in ("#", "Tiếng Việt", "English", "Flags", "Comment", "Status")])
    review = '{"vietrans_review": 1, "source": "", "rows": 13, "formats": ""}'
    assert picture(render_format(doc, "docx-review")) == [
        *_COVER,
        [header, *rows],
        f"vietrans review file: {review}{{7pt}}",
    ]


@pytest.mark.parametrize(
    ("fmt", "options", "page", "columns"),
    [
        # A4 portrait: 17 cm between 2 cm margins; the table halves it, the term appendix 3:3:1:1
        ("docx", ExportOptions(), ("PORTRAIT", 21.0, 29.7), [[8.5, 8.5], [6.37, 6.37, 2.13, 2.13], [8.5, 8.5]]),
        # Letter turned: 23.94 cm wide inside the margins
        (
            "docx-en",
            ExportOptions("landscape", "letter"),
            ("LANDSCAPE", 27.94, 21.59),
            [[8.98, 8.98, 2.99, 2.99], [11.97, 11.97]],
        ),
        # the review table is always landscape on the paper asked for, its columns 0.9:4:4:2:2.5:1.2
        ("docx-review", ExportOptions(), ("LANDSCAPE", 29.7, 21.0), [[1.58, 7.04, 7.04, 3.52, 4.4, 2.11]]),
        (
            "docx-review",
            ExportOptions("portrait", "letter"),
            ("LANDSCAPE", 27.94, 21.59),
            [[1.48, 6.56, 6.56, 3.28, 4.1, 1.97]],
        ),
    ],
)
def test_a_word_report_is_laid_out_on_its_paper_with_2_cm_margins_and_tables_filling_the_line(
    fmt: str, options: ExportOptions, page: tuple, columns: list
):
    """The page a printer gets: orientation, paper, 2 cm margins, every table as wide as the text."""
    from tests.export.test_formats import _doc

    word = docx.Document(io.BytesIO(render_format(_doc(), fmt, options)))
    section = word.sections[0]
    sizes = (
        section.page_width,
        section.page_height,
        *(getattr(section, f"{s}_margin") for s in ("left", "right", "top", "bottom")),
    )
    assert (section.orientation.name, *(round(size.cm, 2) for size in sizes)) == (*page, 2.0, 2.0, 2.0, 2.0)
    assert [[round(column.width.cm, 2) for column in table.columns] for table in word.tables] == columns


def test_every_style_a_report_uses_is_one_font_for_every_script_without_theme_fonts():
    """Arial for Latin, East-Asian and complex-script runs alike, no theme font to override it, so
    no Vietnamese letter falls back to another face; body text 10.5 pt."""
    from docx.oxml.ns import qn

    word = docx.Document(io.BytesIO(render(Document(blocks=[]))))
    names = ("Normal", "Title", "Heading 1", "Heading 2", "List Bullet")
    fonts = {name: dict(word.styles[name].element.rPr.rFonts.attrib) for name in names}
    arial = {qn(f"w:{a}"): "Arial" for a in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert fonts == dict.fromkeys(names, arial)
    assert word.styles["Normal"].font.size.pt == 10.5
