import io
import re

import docx

from translator.document import Block, BlockKind, Document, Sentence
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


def test_font_is_set_for_latin_and_east_asian_runs():
    from docx.oxml.ns import qn

    word = docx.Document(io.BytesIO(render(Document(blocks=[]))))
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert {fonts.get(qn(a)) for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")} == {"Arial"}


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
