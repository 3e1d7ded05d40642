import shutil
import subprocess

import docx
import pytest
from docx.oxml import OxmlElement

from translator.document import BlockKind
from translator.errors import InputError
from translator.read import read_article


def test_style_names_are_read_by_what_they_contain(tmp_path):
    """Word's and users' own style names: "Intense Quote" is a quote, "Image Caption" a caption,
    "Book Title" a title; the kind comes from a word inside the name, not only its start."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    from translator.read import read_article

    word = docx.Document()
    for name in ("Image Caption", "Book Title Para"):
        word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    word.add_paragraph("Tên sách làm tiêu đề", style="Book Title Para")
    word.add_paragraph("Đoạn văn đầu tiên của bài viết về chip.")
    word.add_paragraph("Một lời trích dẫn mạnh mẽ.", style="Intense Quote")
    word.add_paragraph("Ảnh minh họa nhà máy chip.", style="Image Caption")
    word.save(tmp_path / "a.docx")
    kinds = {b.text: b.kind for b in read_article(tmp_path / "a.docx").blocks}
    assert kinds["Tên sách làm tiêu đề"] is BlockKind.TITLE
    assert kinds["Một lời trích dẫn mạnh mẽ."] is BlockKind.QUOTE
    assert kinds["Ảnh minh họa nhà máy chip."] is BlockKind.CAPTION


def test_styles_become_block_kinds_and_tables_are_read(tmp_path):
    word = docx.Document()
    word.core_properties.title = "Báo cáo"
    word.core_properties.author = "Lan Anh"
    word.add_paragraph("Chip và địa chính trị", style="Title")
    word.add_paragraph("Phần mở đầu", style="Heading 1")
    word.add_paragraph("Đoạn văn đầu tiên.")
    word.add_paragraph("Mục một", style="List Bullet")
    word.add_paragraph("Mục hai", style="List Number")
    word.add_paragraph("Một câu trích dẫn.", style="Quote")
    table = word.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Ô thứ nhất"
    table.rows[0].cells[1].text = "Ô thứ hai"
    word.add_paragraph("Đoạn cuối.")
    path = tmp_path / "a.docx"
    word.save(path)
    doc = read_article(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Chip và địa chính trị"),
        (BlockKind.HEADING, "Phần mở đầu"),
        (BlockKind.PARAGRAPH, "Đoạn văn đầu tiên."),
        (BlockKind.LIST_ITEM, "Mục một"),
        (BlockKind.LIST_ITEM, "Mục hai"),
        (BlockKind.QUOTE, "Một câu trích dẫn."),
        (BlockKind.PARAGRAPH, "Ô thứ nhất"),
        (BlockKind.PARAGRAPH, "Ô thứ hai"),
        (BlockKind.PARAGRAPH, "Đoạn cuối."),
    ]
    assert doc.meta["title"] == "Báo cáo" and doc.meta["author"] == "Lan Anh"


def test_not_a_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="not a Word"):
        read_article(path)


# --- every place Word keeps text ---------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _xml(fragment: str):
    from docx.oxml import parse_xml

    return parse_xml(fragment.replace(">", f" {W_NS}>", 1))  # the namespace on the outermost element


def _append_to_body(word, fragment: str) -> None:
    body = word.element.body
    body.insert(len(body) - 1, _xml(fragment))  # before the section properties


def _texts(path):
    return [b.text for b in read_article(path).blocks]


def test_every_cell_of_a_table_is_read_once_in_order(tmp_path):
    word = docx.Document()
    word.add_paragraph("Bảng số liệu về chip.")
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Ô {r}-{c}."
    path = tmp_path / "t.docx"
    word.save(path)
    assert _texts(path) == ["Bảng số liệu về chip.", *[f"Ô {r}-{c}." for r in range(3) for c in range(3)]]


def test_merged_and_nested_tables(tmp_path):
    word = docx.Document()
    table = word.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Gộp ngang."
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Gộp dọc."
    table.cell(1, 1).text = "Giữa."
    table.cell(1, 2).text = "Phải."
    inner = table.cell(2, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Trong một."
    inner.cell(0, 1).text = "Trong hai."
    table.cell(2, 2).text = "Cuối."
    path = tmp_path / "t.docx"
    word.save(path)
    assert _texts(path) == ["Gộp ngang.", "Gộp dọc.", "Giữa.", "Phải.", "Trong một.", "Trong hai.", "Cuối."]


def test_content_controls_fields_hyperlinks_and_tracked_changes(tmp_path):
    word = docx.Document()
    _append_to_body(
        word,
        "<w:sdt><w:sdtPr><w:alias w:val='Sapo'/></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>Đoạn trong khung nội dung.</w:t></w:r></w:p></w:sdtContent></w:sdt>",
    )
    _append_to_body(
        word,
        "<w:p><w:r><w:t xml:space='preserve'>Ngày </w:t></w:r>"
        "<w:sdt><w:sdtContent><w:r><w:t>6 tháng 2</w:t></w:r></w:sdtContent></w:sdt>"
        "<w:r><w:t xml:space='preserve'>, trang </w:t></w:r>"
        "<w:fldSimple w:instr='PAGE'><w:r><w:t>3</w:t></w:r></w:fldSimple>"
        "<w:r><w:t xml:space='preserve'>, mục </w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>REF muc1</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>Hai</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        "<w:r><w:t xml:space='preserve'> và </w:t></w:r>"
        "<w:hyperlink><w:r><w:t>liên kết</w:t></w:r></w:hyperlink>"
        "<w:ins w:id='1' w:author='A'><w:r><w:t xml:space='preserve'> đã thêm</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='A'><w:r><w:delText> đã xoá</w:delText></w:r></w:del>"
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    path = tmp_path / "c.docx"
    word.save(path)
    assert _texts(path) == [
        "Đoạn trong khung nội dung.",
        "Ngày 6 tháng 2, trang 3, mục Hai và liên kết đã thêm.",
    ]


def test_text_boxes_are_read_once_after_their_paragraph(tmp_path):
    word = docx.Document()
    box = "<w:txbxContent><w:p><w:r><w:t>Chữ trong hộp.</w:t></w:r></w:p></w:txbxContent>"
    _append_to_body(
        word,
        "<w:p xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'"
        " xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'"
        " xmlns:v='urn:schemas-microsoft-com:vml'>"
        "<w:r><w:t>Đoạn có hộp.</w:t></w:r><w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>",
    )
    path = tmp_path / "b.docx"
    word.save(path)
    assert _texts(path) == ["Đoạn có hộp.", "Chữ trong hộp."]


def _add_notes(word, kind: str, notes: dict[int, str]) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    tag = kind[:-1]
    xml = (
        f'<w:{kind} {W_NS}><w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        + "".join(
            f'<w:{tag} w:id="{i}"><w:p><w:r><w:{tag}Ref/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r>'
            f"</w:p></w:{tag}>"
            for i, text in notes.items()
        )
        + f"</w:{kind}>"
    )
    content_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
    part = Part(PackURI(f"/word/{kind}.xml"), content_type, xml.encode(), word.part.package)
    word.part.relate_to(part, RT.FOOTNOTES if kind == "footnotes" else RT.ENDNOTES)


def test_footnotes_and_endnotes_are_kept_as_notes(tmp_path):
    word = docx.Document()
    _append_to_body(
        word,
        "<w:p><w:r><w:t>Câu có chú thích</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
        "<w:r><w:t xml:space='preserve'> và chú thích cuối</w:t></w:r><w:r><w:endnoteReference w:id='1'/></w:r>"
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    _add_notes(word, "footnotes", {1: "Nguồn: Bộ Công Thương."})
    _add_notes(word, "endnotes", {1: "Số liệu năm 2024."})
    path = tmp_path / "n.docx"
    word.save(path)
    doc = read_article(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Câu có chú thích[1] và chú thích cuối[2]."),
        (BlockKind.NOTE, "[1] Nguồn: Bộ Công Thương."),
        (BlockKind.NOTE, "[2] Số liệu năm 2024."),
    ]


def test_headers_and_footers_are_set_aside_with_a_reason(tmp_path):
    """Each text once: a second section repeating the header in its own (unlinked) copy adds nothing."""
    word = docx.Document()
    word.add_paragraph("Thân bài viết.")
    word.sections[0].header.paragraphs[0].text = "Báo Điện tử — Chuyên mục Công nghệ"
    word.sections[0].footer.paragraphs[0].text = "Bản quyền thuộc về tòa soạn"
    second = word.add_section()
    word.add_paragraph("Phần hai.")
    second.header.is_linked_to_previous = False
    second.header.paragraphs[0].text = "Báo Điện tử — Chuyên mục Công nghệ"
    path = tmp_path / "h.docx"
    word.save(path)
    doc = read_article(path)
    assert [b.text for b in doc.blocks] == ["Thân bài viết.", "Phần hai."]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Báo Điện tử — Chuyên mục Công nghệ", "page header (Word)"),
        ("Bản quyền thuộc về tòa soạn", "page footer (Word)"),
    ]


def test_file_dates_are_never_the_publication_date(tmp_path):
    import datetime as dt

    word = docx.Document()  # python-docx stamps 2013-12-23 and "python-docx" as the author
    word.add_paragraph("Một đoạn.")
    path = tmp_path / "d.docx"
    word.save(path)
    assert "date" not in read_article(path).meta and "author" not in read_article(path).meta
    word.core_properties.created = dt.datetime(2025, 2, 6, 9, 0)  # what Word writes: when the file was made
    word.save(path)
    assert "date" not in read_article(path).meta


def test_a_docx_end_to_end_keeps_every_cell_and_note(copy_model, tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    word = docx.Document()
    word.add_paragraph("Tiêu đề bài viết", style="Title")
    word.add_paragraph("Câu mở đầu có chú thích.")
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Ô số {r}{c} trong bảng."
    _add_notes(word, "footnotes", {1: "Chú thích không được tham chiếu."})
    path = tmp_path / "in.docx"
    word.save(path)
    result = CliRunner().invoke(
        main, ["translate", str(path), "-o", str(tmp_path / "out"), "--model", str(copy_model), "-q", "-f", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    import json

    rows = [json.loads(line) for line in (tmp_path / "out" / "in.jsonl").read_text(encoding="utf-8").splitlines()]
    sources = [r["source"] for r in rows if "source" in r]
    assert all(f"Ô số {r}{c} trong bảng." in sources for r in range(3) for c in range(3))
    assert "Chú thích không được tham chiếu." in sources


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice absent")
def test_a_file_saved_by_libreoffice_keeps_its_cells_notes_and_headers(tmp_path):
    """LibreOffice writes its own DOCX (its own table, footnote and header markup)."""
    word = docx.Document()
    word.add_paragraph("Tiêu đề bài viết", style="Title")
    _append_to_body(
        word,
        "<w:p><w:r><w:t>Câu có chú thích</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    _add_notes(word, "footnotes", {1: "Nguồn: Bộ Công Thương."})
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Ô {r}{c}."
    word.sections[0].header.paragraphs[0].text = "Đầu trang báo"
    (tmp_path / "in").mkdir()
    word.save(tmp_path / "in" / "a.docx")
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "lo"),
            str(tmp_path / "in" / "a.docx"),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    doc = read_article(tmp_path / "lo" / "a.docx")
    assert [b.text for b in doc.blocks] == [
        "Tiêu đề bài viết",
        "Câu có chú thích[1].",
        *[f"Ô {r}{c}." for r in range(3) for c in range(3)],
        "[1] Nguồn: Bộ Công Thương.",
    ]
    assert [r.text for r in doc.removed] == ["Đầu trang báo"]


def test_moved_paragraphs_hyphens_and_numbered_paragraphs(tmp_path):
    """A tracked move shows its text where it was moved to; a non-breaking hyphen is a hyphen; a
    paragraph numbered by direct formatting (no list style) is a list item."""
    from translator.document import BlockKind

    word = docx.Document()
    _append_to_body(
        word,
        "<w:moveFrom w:id='3' w:author='A'><w:p><w:r><w:t>Chỗ cũ.</w:t></w:r></w:p></w:moveFrom>",
    )
    _append_to_body(word, "<w:p><w:r><w:t>COVID</w:t><w:noBreakHyphen/><w:t>19 lan rộng.</w:t></w:r></w:p>")
    _append_to_body(
        word,
        "<w:moveTo w:id='4' w:author='A'><w:p><w:r><w:t>Đoạn đã chuyển.</w:t></w:r></w:p></w:moveTo>",
    )
    _append_to_body(
        word,
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr></w:pPr>"
        "<w:r><w:t>Mục được đánh số.</w:t></w:r></w:p>",
    )
    path = tmp_path / "m.docx"
    word.save(path)
    blocks = read_article(path).blocks
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.PARAGRAPH, "COVID-19 lan rộng."),
        (BlockKind.PARAGRAPH, "Đoạn đã chuyển."),
        (BlockKind.LIST_ITEM, "Mục được đánh số."),
    ]


def test_a_vertical_merge_is_read_once_even_when_its_text_was_repeated(tmp_path):
    """Word shows a vertically merged cell once; some converters repeat its text in the cells the
    merge continues into (``vMerge`` without a value, or ``continue``)."""
    word = docx.Document()

    def cell(text: str, merge: str = "") -> str:
        return f"<w:tc><w:tcPr>{merge}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    _append_to_body(
        word,
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "".join(
            f"<w:tr>{cell('Gộp dọc.', merge)}{cell(text)}</w:tr>"
            for merge, text in (
                ("<w:vMerge w:val='restart'/>", "Một."),
                ("<w:vMerge/>", "Hai."),
                ("<w:vMerge w:val='continue'/>", "Ba."),
            )
        )
        + "</w:tbl>",
    )
    path = tmp_path / "v.docx"
    word.save(path)
    assert _texts(path) == ["Gộp dọc.", "Một.", "Hai.", "Ba."]


def test_a_text_box_inside_a_text_box_is_read_once(tmp_path):
    word = docx.Document()
    namespaces = (
        " xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'"
        " xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'"
    )

    def box(inside: str) -> str:
        return f"<w:r><w:drawing><wps:txbx><w:txbxContent>{inside}</w:txbxContent></wps:txbx></w:drawing></w:r>"

    inner = box("<w:p><w:r><w:t>Hộp trong.</w:t></w:r></w:p>")
    outer = box(f"<w:p><w:r><w:t>Hộp ngoài.</w:t></w:r>{inner}</w:p>")
    _append_to_body(word, f"<w:p{namespaces}><w:r><w:t>Đoạn có hộp.</w:t></w:r>{outer}</w:p>")
    path = tmp_path / "n.docx"
    word.save(path)
    assert _texts(path) == ["Đoạn có hộp.", "Hộp ngoài.", "Hộp trong."]


@pytest.mark.parametrize(
    "bold, text", [(True, "BÁO CÁO KINH TẾ QUÝ I"), (False, "BÁO CÁO KINH TẾ QUÝ I"), (True, "Báo cáo quý I")]
)
def test_a_first_line_typed_bold_or_in_capitals_is_the_title(tmp_path, bold, text):
    """Many Word files have no Title style: the headline is a bold, capitalised first paragraph."""
    word = docx.Document()
    word.add_paragraph().add_run(text).bold = bold
    word.add_paragraph("Tổng sản phẩm trong nước quý I tăng 6,9% so với cùng kỳ năm trước.")
    word.save(tmp_path / "bao-cao.docx")
    doc = read_article(tmp_path / "bao-cao.docx")
    assert (doc.blocks[0].kind, doc.title) == (BlockKind.TITLE, text)


@pytest.mark.parametrize("text", ["Báo cáo quý I", "BÁO CÁO NÀY NÓI VỀ KINH TẾ. NÓ DÀI HƠN MỘT CÂU."])
def test_a_plain_or_sentence_like_first_paragraph_is_not_the_title(tmp_path, text):
    word = docx.Document()
    word.add_paragraph(text)
    word.add_paragraph("Tổng sản phẩm trong nước quý I tăng 6,9% so với cùng kỳ năm trước.")
    word.save(tmp_path / "bao-cao.docx")
    doc = read_article(tmp_path / "bao-cao.docx")
    assert doc.blocks[0].kind is BlockKind.PARAGRAPH and doc.title == "bao-cao"


def test_a_grid_keeps_its_cells_places_and_a_one_row_frame_is_text(tmp_path):
    from translator.document import Cell

    word = docx.Document()
    word.add_paragraph("Đoạn mở đầu.")
    frame = word.add_table(rows=1, cols=2)
    frame.rows[0].cells[0].text, frame.rows[0].cells[1].text = "Khung một", "Khung hai"
    grid = word.add_table(rows=3, cols=3)
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"Ô {r}-{c}"
    grid.rows[1].cells[1].merge(grid.rows[1].cells[2])  # one cell spanning two columns
    grid.rows[1].cells[1].text = "Ô gộp"
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # Word's "Repeat as header row"
    word.save(tmp_path / "a.docx")
    blocks = read_article(tmp_path / "a.docx").blocks
    assert [b.cell for b in blocks[:3]] == [None, None, None]
    assert {b.text: b.cell for b in blocks[3:]} == {
        "Ô 0-0": Cell(1, 0, 0, header=True), "Ô 0-1": Cell(1, 0, 1, header=True), "Ô 0-2": Cell(1, 0, 2, header=True),
        "Ô 1-0": Cell(1, 1, 0), "Ô gộp": Cell(1, 1, 1),
        "Ô 2-0": Cell(1, 2, 0), "Ô 2-1": Cell(1, 2, 1), "Ô 2-2": Cell(1, 2, 2),
    }  # fmt: skip


def _commented(path):
    """An editor's comments on a Word article: one on a run, one on a whole paragraph, one empty."""
    word = docx.Document()
    word.add_paragraph("Giá xăng tăng mạnh", style="Title")
    first = word.add_paragraph("Giá xăng RON 95 tăng ")
    figure = first.add_run("thêm 500 đồng")
    first.add_run(" từ chiều nay.")
    word.add_comment([figure], text="Kiểm tra lại con số này với Bộ Công Thương.", author="Biên tập viên")
    second = word.add_paragraph("Các cửa hàng đã niêm yết giá mới.")
    word.add_comment(second.runs, text="Thêm ảnh minh hoạ?", author="Thư ký toà soạn")
    word.add_comment(second.runs, text="  ", author="Thư ký toà soạn")  # an empty comment says nothing: not listed
    word.save(path)
    return path


STORY = ["Giá xăng tăng mạnh", "Giá xăng RON 95 tăng thêm 500 đồng từ chiều nay.", "Các cửa hàng đã niêm yết giá mới."]
COMMENTS = [
    ("Kiểm tra lại con số này với Bộ Công Thương.", "Word comment by Biên tập viên on “thêm 500 đồng”"),
    ("Thêm ảnh minh hoạ?", "Word comment by Thư ký toà soạn on “Các cửa hàng đã niêm yết giá mới.”"),
]


def test_comments_are_listed_with_their_anchor_never_translated(tmp_path):
    doc = read_article(_commented(tmp_path / "a.docx"))
    assert [b.text for b in doc.blocks] == STORY
    assert [(r.text, r.reason) for r in doc.removed] == COMMENTS


def test_a_comment_says_what_it_is_on_in_at_most_80_characters_or_nothing_without_an_anchor(tmp_path):
    word = docx.Document()
    long = word.add_paragraph("Giá xăng RON 95 tăng thêm 500 đồng từ chiều nay, mức tăng cao nhất kể từ đầu năm.")
    word.add_comment(long.runs, text="Nguồn?", author="Biên tập viên")
    bare = word.add_paragraph("Các cửa hàng đã niêm yết giá mới.").add_run("")
    word.add_comment([bare], text="Thêm ảnh?", author="")
    word.save(tmp_path / "a.docx")
    removed = [(r.text, r.reason) for r in read_article(tmp_path / "a.docx").removed]
    assert removed == [
        ("Nguồn?", "Word comment by Biên tập viên on “" + long.text[:79] + "…”"),
        ("Thêm ảnh?", "Word comment by someone"),  # no author, no anchor text: nothing made up
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_comments_in_a_file_saved_by_libreoffice(tmp_path):
    """LibreOffice writes comments its own way (annotation marks, its own comments part)."""
    from tests.conftest import libreoffice

    source = _commented(tmp_path / "a.docx")
    libreoffice(source, "docx:MS Word 2007 XML", tmp_path / "lo")
    doc = read_article(tmp_path / "lo" / "a.docx")
    assert [b.text for b in doc.blocks] == STORY
    assert [(r.text, r.reason) for r in doc.removed] == COMMENTS


def test_comments_reach_the_reports_appendix_not_their_table(copy_model, tmp_path):
    from click.testing import CliRunner

    from translator.cli import main

    source = _commented(tmp_path / "a.docx")
    args = ["translate", str(source), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model), "-q"]
    assert CliRunner().invoke(main, args).exit_code == 0
    report = (tmp_path / "out" / "a.bilingual.md").read_text(encoding="utf-8")
    story, appendix = report.split("## Left out of the translation", 1)
    assert "Giá xăng RON 95 tăng thêm 500 đồng từ chiều nay." in story
    assert "Kiểm tra lại" not in story and "Thêm ảnh" not in story and "Biên tập viên" not in story
    for text, reason in COMMENTS:
        assert f"| {text} | {reason} |" in appendix


@pytest.mark.parametrize("tag", ["tab", "br", "cr", "ptab"])
def test_a_tab_or_a_line_break_keeps_the_words_apart(tmp_path, tag):
    """Word shows a tab or a break between the words: they are never glued into one."""
    word = docx.Document()
    _append_to_body(word, f"<w:p><w:r><w:t>Giá</w:t><w:{tag}/><w:t>tăng</w:t><w:{tag}/><w:{tag}/></w:r></w:p>")
    path = tmp_path / "t.docx"
    word.save(path)
    assert _texts(path) == ["Giá tăng"]


def test_a_docx_whose_xml_is_cut_short_is_one_input_error(tmp_path):
    """A damaged file says what is wrong with it in one line, not a traceback."""
    import io
    import zipfile

    word = docx.Document()
    word.add_paragraph("Giá tăng.")
    saved = io.BytesIO()
    word.save(saved)
    path = tmp_path / "cut.docx"
    with zipfile.ZipFile(saved) as whole, zipfile.ZipFile(path, "w") as cut:
        for item in whole.infolist():
            data = whole.read(item)
            cut.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(InputError) as refused:
        read_article(path)
    assert str(refused.value).startswith(f"{path}: a damaged Word document (its XML cannot be read: ")
