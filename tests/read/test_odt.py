"""OpenDocument text (.odt): files written by LibreOffice itself (from a Word file a newsroom
would send), and hand-written markup for what LibreOffice writes only in other situations."""

import io
import re
import shutil
import zipfile

import docx
import pytest
from click.testing import CliRunner

from tests.conftest import libreoffice
from tests.read.test_docx import _add_notes, _append_to_body
from translator.cli import main
from translator.document import BlockKind
from translator.errors import InputError
from translator.read import SUFFIXES, read_article, read_data

needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _word_article(path):
    """A state body's announcement as Word would have it: title, heading, footnote, list, a table
    with a header row and a merged cell, page header and footer, an editor's comment."""
    word = docx.Document()
    word.add_paragraph("Thông báo giá xăng dầu", style="Title")
    word.add_paragraph("Liên Bộ Công Thương - Tài chính điều chỉnh giá.", style="Subtitle")
    word.add_heading("Giá bán lẻ", level=1)
    _append_to_body(
        word,
        "<w:p><w:r><w:t>Giá xăng RON 95 tăng 500 đồng</w:t></w:r><w:r><w:footnoteReference w:id='1'/></w:r>"
        "<w:r><w:t>.</w:t></w:r></w:p>",
    )
    _add_notes(word, "footnotes", {1: "Theo Quyết định số 12/QĐ-BCT."})
    word.add_paragraph("Xăng E5 RON 92 giảm 200 đồng.", style="List Bullet")
    word.add_paragraph("Dầu diesel giữ nguyên.", style="List Bullet")
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ["Mặt hàng", "Giá cũ", "Giá mới"][c] if r == 0 else f"Ô {r}{c}."
    table.cell(2, 1).merge(table.cell(2, 2)).text = "Không đổi."
    comment_on = word.add_paragraph("Các cửa hàng niêm yết giá mới ")
    run = comment_on.add_run("từ 15 giờ")
    comment_on.add_run(" hôm nay.")
    word.add_comment([run], text="Xác nhận giờ áp dụng.", author="Biên tập viên")
    word.sections[0].header.paragraphs[0].text = "BỘ CÔNG THƯƠNG"
    word.sections[0].footer.paragraphs[0].text = "Trang thông tin điện tử"
    word.save(path)
    return path


@needs_libreoffice
def test_an_odt_written_by_libreoffice_reads_like_its_word_original(tmp_path):
    source = _word_article(tmp_path / "thong-bao.docx")
    odt = libreoffice(source, "odt", tmp_path / "lo")
    doc = read_article(odt)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Thông báo giá xăng dầu"),
        (BlockKind.LEAD, "Liên Bộ Công Thương - Tài chính điều chỉnh giá."),
        (BlockKind.HEADING, "Giá bán lẻ"),
        (BlockKind.PARAGRAPH, "Giá xăng RON 95 tăng 500 đồng[1]."),
        (BlockKind.LIST_ITEM, "Xăng E5 RON 92 giảm 200 đồng."),
        (BlockKind.LIST_ITEM, "Dầu diesel giữ nguyên."),
        *[(BlockKind.PARAGRAPH, text) for text in ("Mặt hàng", "Giá cũ", "Giá mới", "Ô 10.", "Ô 11.", "Ô 12.")],
        (BlockKind.PARAGRAPH, "Ô 20."),
        (BlockKind.PARAGRAPH, "Không đổi."),
        (BlockKind.PARAGRAPH, "Các cửa hàng niêm yết giá mới từ 15 giờ hôm nay."),
        (BlockKind.NOTE, "[1] Theo Quyết định số 12/QĐ-BCT."),
    ]
    cells = [(b.cell.row, b.cell.column) for b in doc.blocks if b.cell is not None]
    assert cells == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1)]  # the merged cell once
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("BỘ CÔNG THƯƠNG", "page header (OpenDocument)"),
        ("Trang thông tin điện tử", "page footer (OpenDocument)"),
        ("Xác nhận giờ áp dụng.", "comment by Biên tập viên on “từ 15 giờ”"),
    ]


@needs_libreoffice
def test_an_odt_through_the_command_and_in_a_folder(copy_model, tmp_path):
    libreoffice(_word_article(tmp_path / "thong-bao.docx"), "odt", tmp_path / "in")
    args = ["translate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "md", "--model", str(copy_model)]
    result = CliRunner().invoke(main, [*args, "-q"])
    assert result.exit_code == 0, result.output
    report = (tmp_path / "out" / "thong-bao.bilingual.md").read_text(encoding="utf-8")
    story, appendix = report.split("## Left out of the translation", 1)
    assert "Giá xăng RON 95 tăng 500 đồng" in story and "Xác nhận giờ" not in story
    assert "| Xác nhận giờ áp dụng. | comment by Biên tập viên on “từ 15 giờ” |" in appendix
    assert ".odt" in SUFFIXES


def _odt(body: str, styles: str = "", master: str = "", meta: str = "") -> bytes:
    """A minimal package with ``body`` as its office:text (what a generator or LibreOffice writes),
    with ``master`` (a master page's headers and footers) a styles.xml, and with ``meta`` (its
    office:meta) a meta.xml."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)
        if master:
            package.writestr(
                "styles.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}><office:master-styles>'
                f'<style:master-page style:name="Standard">{master}</style:master-page>'
                "</office:master-styles></office:document-styles>",
            )
        if meta:
            package.writestr(
                "meta.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ns}>'
                f"<office:meta>{meta}</office:meta></office:document-meta>",
            )
    return out.getvalue()


def _blocks(body: str, styles: str = "") -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in read_data(_odt(body, styles), "a.odt", ".odt").blocks]


def test_spaces_deletions_frames_and_automatic_styles():
    body = (
        '<text:p text:style-name="P1">Tiêu<text:s/>đề</text:p>'
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<text:p>Câu đã xoá.</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        "<text:p>Giá<text:s text:c='3'/>tăng<text:tab/>mạnh<text:change text:change-id='c1'/>"
        "<text:line-break/>hôm nay.<draw:frame><draw:text-box><text:p>Chữ trong khung.</text:p>"
        "</draw:text-box></draw:frame></text:p>"
        "<text:section><text:p>Trong mục.</text:p></text:section>"
        "<text:table-of-content><text:index-body><text:p>Mục lục 1</text:p></text:index-body>"
        "</text:table-of-content>"
    )
    styles = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
    assert _blocks(body, styles) == [
        (BlockKind.TITLE, "Tiêu đề"),
        (BlockKind.PARAGRAPH, "Giá tăng mạnh hôm nay."),
        (BlockKind.PARAGRAPH, "Chữ trong khung."),
        (BlockKind.PARAGRAPH, "Trong mục."),
    ]
    doc = read_data(_odt(body, styles), "a.odt", ".odt")
    assert [(r.text, r.reason) for r in doc.removed] == [("Mục lục 1", "table of contents (OpenDocument)")]


def test_covered_cells_nested_tables_endnotes_and_comment_replies():
    body = (
        "<table:table><table:table-header-rows><table:table-row>"
        "<table:table-cell table:number-columns-spanned='2'><text:p>Tỉnh</text:p></table:table-cell>"
        "<table:covered-table-cell/></table:table-row></table:table-header-rows>"
        "<table:table-row><table:table-cell><text:p>Hà Nội</text:p></table:table-cell>"
        "<table:table-cell><table:table><table:table-row><table:table-cell><text:p>Trong</text:p>"
        "</table:table-cell></table:table-row></table:table></table:table-cell></table:table-row></table:table>"
        "<text:p>Câu<text:note text:note-class='endnote'><text:note-citation>i</text:note-citation>"
        "<text:note-body><text:p>Chú thích cuối.</text:p></text:note-body></text:note> kết.</text:p>"
        "<text:p>Có <office:annotation office:name='a1'><dc:creator>An</dc:creator><text:p>Sửa?</text:p>"
        "</office:annotation>chỗ này<office:annotation-end office:name='a1'/>"
        "<office:annotation loext:parent-name='a1'><dc:creator>Bình</dc:creator><text:p>Đã sửa.</text:p>"
        "</office:annotation>.</text:p>"
    )
    doc = read_data(_odt(body), "a.odt", ".odt")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Tỉnh"),
        (BlockKind.PARAGRAPH, "Hà Nội"),
        (BlockKind.PARAGRAPH, "Trong"),
        (BlockKind.PARAGRAPH, "Câu[1] kết."),
        (BlockKind.PARAGRAPH, "Có chỗ này."),
        (BlockKind.NOTE, "[1] Chú thích cuối."),
    ]
    assert doc.blocks[0].cell.header and [b.cell.column for b in doc.blocks[:2]] == [0, 0]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Sửa?", "comment by An on “chỗ này”"),
        ("Đã sửa.", "reply by Bình"),
    ]


def _zipped(**members: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for member, text in members.items():
            package.writestr(member.replace("_", "."), text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"PK\x03\x04 not really a zip", "not an OpenDocument text (.odt) file"),
        (_zipped(mimetype="application/zip"), "it has no content.xml"),
        (_zipped(content_xml="<office:document-content><office:body>"), "a damaged OpenDocument file"),
        (
            _zipped(
                content_xml='<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">'
                "<office:body><office:spreadsheet/></office:body></office:document-content>"
            ),
            "a.odt: an OpenDocument file, but no text document (a spreadsheet or a drawing?)",
        ),
    ],
    ids=["not-a-zip", "no-content", "cut-short", "a-spreadsheet"],
)
def test_a_broken_odt_is_one_input_error(data, says):
    with pytest.raises(InputError, match=re.escape(says)):
        read_data(data, "a.odt", ".odt")


OUTLINE_STYLES = (
    '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Title"/>'
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Subtitle"/>'
    '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Quotations"/>'
)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        (
            "<dc:title>Giá xăng dầu</dc:title><meta:initial-creator>Nguyễn Văn An</meta:initial-creator>"
            "<dc:creator>Trần Thị Bình</dc:creator><dc:date>2025-03-14T10:00:00</dc:date>",
            {"title": "Giá xăng dầu", "author": "Nguyễn Văn An"},  # who wrote it, not who saved it last
        ),
        (
            "<meta:initial-creator> </meta:initial-creator><dc:creator>Trần Thị Bình</dc:creator>",
            {"author": "Trần Thị Bình"},
        ),
        ("<dc:title/><dc:date>2025-03-14T10:00:00</dc:date>", {}),  # the file's date is not the story's
    ],
    ids=["title-and-both-authors", "blank-initial-creator", "no-title-or-author"],
)
def test_the_title_and_author_come_from_meta_xml(meta: str, expected: dict[str, str]) -> None:
    doc = read_data(_odt("<text:p>Một câu.</text:p>", meta=meta), "a.odt", ".odt")
    assert doc.meta == {"source_file": "a.odt", **expected}


@pytest.mark.parametrize(
    ("style", "kind"),
    [("", BlockKind.HEADING), ("P1", BlockKind.TITLE), ("P2", BlockKind.LEAD), ("P3", BlockKind.HEADING)],
    ids=["no style", "Title", "Subtitle", "other style"],
)
def test_an_outline_heading_is_a_heading_unless_styled_title_or_subtitle(style, kind):
    """The outline level makes a heading; only a Title or Subtitle style says more."""
    body = f'<text:h text:style-name="{style}" text:outline-level="2">Phần hai</text:h><text:p>Giá tăng mạnh.</text:p>'
    assert _blocks(body, OUTLINE_STYLES) == [(kind, "Phần hai"), (BlockKind.PARAGRAPH, "Giá tăng mạnh.")]


def test_a_content_part_too_big_for_an_article_is_refused_before_it_is_unpacked(tmp_path):
    """A zip bomb, or no article: the whole line names the part and its size in whole MB."""
    path = tmp_path / "big.odt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        package.writestr("content.xml", b"<a>" + b" " * (51 * 1024 * 1024) + b"</a>")
    with pytest.raises(InputError) as refused:
        read_article(path)
    assert str(refused.value) == f"{path}: its content.xml is 51 MB; no article is that big"


def test_page_headers_footers_and_a_table_of_contents_are_set_aside_each_text_once():
    """A master page's header, first-page and left-page variants often repeat one text: set aside once."""
    master = (
        "<style:header><text:p>BỘ CÔNG THƯƠNG</text:p></style:header>"
        "<style:header-first><text:p>BỘ CÔNG THƯƠNG</text:p></style:header-first>"
        "<style:footer><text:p>Trang lẻ</text:p></style:footer>"
        "<style:footer-left><text:p>Trang chẵn</text:p></style:footer-left>"
    )
    body = (
        "<text:table-of-content><text:index-body><text:p>Mục lục</text:p><text:p>1. Giá xăng</text:p>"
        "</text:index-body></text:table-of-content><text:p>Giá xăng giảm.</text:p>"
    )
    doc = read_data(_odt(body, master=master), "a.odt", ".odt")
    assert ([(b.kind, b.text) for b in doc.blocks], [(r.text, r.reason) for r in doc.removed]) == (
        [(BlockKind.PARAGRAPH, "Giá xăng giảm.")],
        [
            ("BỘ CÔNG THƯƠNG", "page header (OpenDocument)"),
            ("Trang lẻ", "page footer (OpenDocument)"),
            ("Trang chẵn", "page footer (OpenDocument)"),
            ("Mục lục", "table of contents (OpenDocument)"),
            ("1. Giá xăng", "table of contents (OpenDocument)"),
        ],
    )
