"""The PDF reader, on PDFs made here: by LibreOffice from a Word article (the same sentences as the
DOCX), and by reportlab, line by line, where a layout must be exactly known (columns, hyphens,
running headers, legacy fonts, encryption, scans)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SOFFICE, libreoffice
from tests.read import pdf_articles
from translator.cli import main
from translator.document import BlockKind
from translator.errors import ExitCode, InputError
from translator.read import pdf_ocr, read_article
from translator.segment import split_sentences

reportlab = pytest.importorskip("reportlab")
FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
FONT = next(
    (d / "LiberationSerif-Regular.ttf" for d in FONT_DIRS if (d / "LiberationSerif-Regular.ttf").exists()), None
)
needs_font = pytest.mark.skipif(FONT is None, reason="no Liberation fonts (Vietnamese glyphs) to draw with")


def sentences(doc) -> list[str]:
    return [sentence for block in doc.blocks for sentence in split_sentences(block.text)]


# --- a Word article printed to PDF by LibreOffice ------------------------------------------------------


LAYOUTS = {  # name: (columns, dense)
    "one": (1, False),
    "two": (2, False),
    "dense": (2, True),  # justified, first lines indented, no space between paragraphs
    "dense-one": (1, True),  # so an indented paragraph follows a list item whose lines hang
}


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> dict[str, Path]:
    """The article in each layout, as DOCX and as the PDF LibreOffice prints from it."""
    if not SOFFICE:
        pytest.skip("LibreOffice absent")
    folder = tmp_path_factory.mktemp("articles")
    paths = {}
    for name, (columns, dense) in LAYOUTS.items():
        paths[name] = pdf_articles.article_docx(folder / f"{name}.docx", columns=columns, dense=dense)
        libreoffice(paths[name], "pdf", folder)
    return paths


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_pdf_made_from_a_docx_reads_as_the_same_sentences(articles, layout):
    """The article runs over three pages: paragraphs continue across columns and pages, a table sits
    in a column, list items wrap under their text; the PDF gives the DOCX's blocks, kind for kind."""
    from_docx = read_article(articles[layout])
    from_pdf = read_article(articles[layout].with_suffix(".pdf"))
    assert sentences(from_pdf) == sentences(from_docx)
    assert [(b.kind, b.text) for b in from_pdf.blocks] == [(b.kind, b.text) for b in from_docx.blocks]
    assert [b.marker for b in from_pdf.blocks if b.marker] == ["1.", "2.", "3.", "4.", "5.", "6."]
    assert {BlockKind.TITLE, BlockKind.HEADING, BlockKind.LIST_ITEM} <= {b.kind for b in from_pdf.blocks}


def test_the_running_header_and_page_numbers_are_set_aside_with_their_reason(articles):
    doc = read_article(articles["one"].with_suffix(".pdf"))
    removed = {r.text: r.reason for r in doc.removed}
    assert removed == {pdf_articles.HEADER: "page header (on 3 of 3 pages)", "Trang 1": "page footer (on 3 of 3 pages)"}
    text = " ".join(b.text for b in doc.blocks)
    assert pdf_articles.HEADER not in text and "Trang 2" not in text


# --- PDFs drawn line by line ---------------------------------------------------------------------------


def serif_canvas(path: Path, **options):
    """A reportlab canvas with the fonts "Serif" and "SerifBold" (Liberation Serif) registered: each
    test registers what it draws with, whatever ran before it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Serif", str(FONT)))
    pdfmetrics.registerFont(TTFont("SerifBold", str(FONT.with_name("LiberationSerif-Bold.ttf"))))
    return canvas.Canvas(str(path), **options)


def draw(path: Path, pages: list[list[tuple]], *, font: str | None = None, encrypt=None) -> Path:
    """A PDF whose pages hold the given lines: ``(x, y from the top, text, size)``, A4."""
    from reportlab.lib.pagesizes import A4

    pdf = serif_canvas(path, pagesize=A4, encrypt=encrypt)
    for lines in pages:
        for x, y, text, size, *bold in lines:
            pdf.setFont(font or ("SerifBold" if bold else "Serif"), size)
            pdf.drawString(x, A4[1] - y, text)
        pdf.showPage()
    pdf.save()
    return path


LEFT = [
    "Theo báo cáo của Bộ Tài chính, thu ngân sách nhà",
    "nước mười tháng đạt 1,72 triệu tỷ đồng, bằng 97%",
    "dự toán năm. Nhiều khoản thu từ các doanh nghiệp",
    "có vốn đầu tư nước ngoài tăng mạnh nhờ làn sóng",
]
RIGHT = [
    "chuyển dịch chuỗi cung ứng. Đây là kết quả của quá",
    "trình hội nhập sâu rộng và các chính sách inter-",
    "national được triển khai trong giai đoạn 2024-",
    "2025, theo đánh giá của các chuyên gia kinh tế.",
]


def _columns(page: int) -> list[tuple]:
    """Page ``page``: a title on page 1 and a running header on the others, two columns whose lines
    share baselines, a page number at the foot."""
    lines = [(280, 810, f"- {page} -", 9)]
    top = 150
    if page == 1:
        lines.append((60, 110, "Thu ngân sách vượt dự toán", 20, "bold"))
    else:
        lines.append((60, 40, "Tạp chí Tài chính – Số 11/2025", 9))
    for i, (left, right) in enumerate(zip(LEFT, RIGHT, strict=True)):
        lines += [(60, top + 16 * i, left, 10), (310, top + 16 * i, right, 10)]
    return lines


@needs_font
def test_two_columns_are_read_column_by_column_and_hyphens_are_undone(tmp_path):
    doc = read_article(draw(tmp_path / "a.pdf", [_columns(1), _columns(2), _columns(3)]))
    body = " ".join(LEFT + RIGHT).replace("inter- national", "international").replace("2024- 2025", "2024-2025")
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Thu ngân sách vượt dự toán"),
        (BlockKind.PARAGRAPH, body),
        (BlockKind.PARAGRAPH, body),
        (BlockKind.PARAGRAPH, body),
    ]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Tạp chí Tài chính – Số 11/2025", "page header (on 2 of 3 pages)"),
        ("- 1 -", "page footer (on 3 of 3 pages)"),
    ]


@needs_font
def test_a_lone_page_number_on_a_single_page_is_set_aside_but_a_number_in_the_text_is_not(tmp_path):
    lines = [(60, 100, "Năm 2025 kinh tế tăng trưởng 7,1% so với năm trước.", 11), (60, 140, "12", 11)]
    lines.append((290, 815, "3", 10))
    doc = read_article(draw(tmp_path / "a.pdf", [lines]))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Năm 2025 kinh tế tăng trưởng 7,1% so với năm trước."),
        (BlockKind.PARAGRAPH, "12"),
    ]
    assert [(r.text, r.reason) for r in doc.removed] == [("3", "page number")]


@needs_font
def test_paragraphs_lists_and_headings_from_spacing_markers_and_fonts(tmp_path):
    lines = [
        (60, 80, "Kết quả chính", 14, "bold"),
        (60, 110, "Đoạn thứ nhất kéo dài qua hai dòng và dòng đầu tiên thì đầy đủ đến", 11),
        (60, 124, "tận lề phải.", 11),
        (60, 150, "Đoạn thứ hai bắt đầu sau một khoảng trống rõ rệt.", 11),
        (60, 170, "• Mục thứ nhất của danh sách,", 11),
        (60, 184, "• Mục thứ hai, có dòng tiếp theo được thụt vào cho", 11),
        (70, 198, "thẳng với chữ.", 11),
        (60, 212, "2. Mục đánh số.", 11),
    ]
    doc = read_article(draw(tmp_path / "a.pdf", [lines]))
    assert [(b.kind, b.text, b.marker) for b in doc.blocks] == [
        (BlockKind.HEADING, "Kết quả chính", ""),
        (BlockKind.PARAGRAPH, "Đoạn thứ nhất kéo dài qua hai dòng và dòng đầu tiên thì đầy đủ đến tận lề phải.", ""),
        (BlockKind.PARAGRAPH, "Đoạn thứ hai bắt đầu sau một khoảng trống rõ rệt.", ""),
        (BlockKind.LIST_ITEM, "Mục thứ nhất của danh sách,", ""),
        (BlockKind.LIST_ITEM, "Mục thứ hai, có dòng tiếp theo được thụt vào cho thẳng với chữ.", ""),
        (BlockKind.LIST_ITEM, "Mục đánh số.", "2."),
    ]


@needs_font
def test_an_indented_paragraph_after_a_list_item_is_not_taken_for_its_next_line(tmp_path):
    """A list item's next lines hang under its text; a paragraph's first line indented further is a
    new paragraph, even when the item's last line runs to the margin."""
    full = "thẳng hàng với chữ của mục, kéo dài đến tận lề phải của trang giấy"
    lines = [
        (60, 100, "1. Mục đầu tiên của danh sách có dòng thứ hai được thụt vào", 11),
        (74, 114, full, 11),
        (88, 128, "Đoạn văn mới bắt đầu bằng một dòng thụt đầu dòng, dài gần đến lề", 11),
        (60, 142, "phải, và dòng sau của nó bắt đầu từ lề trái.", 11),
    ]
    doc = read_article(draw(tmp_path / "a.pdf", [lines]))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.LIST_ITEM, f"Mục đầu tiên của danh sách có dòng thứ hai được thụt vào {full}"),
        (BlockKind.PARAGRAPH, f"{lines[2][2]} {lines[3][2]}"),
    ]


# Lines of about one width (a justified column), so that none is taken for a paragraph's short last line.
_RUN = [
    "Kinh tế Việt Nam năm nay tăng trưởng khá nhờ xuất khẩu và đầu tư công",
    "tăng mạnh, trong khi tiêu dùng trong nước phục hồi chậm hơn dự kiến ban",
    "đầu của các chuyên gia kinh tế và cơ quan quản lý nhà nước về giá cả.",
]
_NEXT = ["Ngân hàng Nhà nước giữ lãi suất điều hành ổn định suốt cả năm qua để hỗ", "trợ doanh nghiệp vay vốn."]


def _paragraph(top: int, indent: int) -> list[tuple]:
    return [(60 + indent * (i == 0), top + 14 * i, text, 11) for i, text in enumerate(_RUN)]


_WHOLE, _RAN_ON = " ".join(_RUN), " ".join(_NEXT)


@needs_font
@pytest.mark.parametrize(
    ("pages", "texts"),
    [
        # Paragraphs set apart by space only: a sentence that ends a page ends its paragraph ...
        ([_paragraph(100, 0), [(60, 100, _NEXT[0], 11), (60, 114, _NEXT[1], 11)]], [_WHOLE, _RAN_ON]),
        # ... unless the next page begins in lower case, or the page ended mid-sentence.
        ([_paragraph(100, 0), [(60, 100, _NEXT[1], 11)]], [f"{_WHOLE} {_NEXT[1]}"]),
        ([_paragraph(100, 0)[:2], [(60, 100, _RUN[2], 11)]], [_WHOLE]),
        # Paragraphs that begin with an indent (seen twice): an unindented line at the top goes on ...
        (
            [[*_paragraph(100, 20), *_paragraph(142, 20), *_paragraph(184, 20)], [(60, 100, _NEXT[0], 11)]],
            [_WHOLE, _WHOLE, f"{_WHOLE} {_NEXT[0]}"],
        ),
        # ... and an indented one begins a paragraph.
        (
            [
                [*_paragraph(100, 20), *_paragraph(142, 20), *_paragraph(184, 20)],
                [(80, 100, _NEXT[0], 11), (60, 114, _NEXT[1], 11)],
            ],
            [_WHOLE, _WHOLE, _WHOLE, _RAN_ON],
        ),
        # ... but not after a paragraph's short last line.
        (
            [
                [*_paragraph(100, 20), *_paragraph(142, 20), *_paragraph(184, 20)[:2], (60, 212, "đầu năm.", 11)],
                [(60, 100, _NEXT[0], 11)],
            ],
            [_WHOLE, _WHOLE, f"{_RUN[0]} {_RUN[1]} đầu năm.", _NEXT[0]],
        ),
        # One indent is no style of the document.
        ([[*_paragraph(100, 20), *_paragraph(142, 20)], [(60, 100, _NEXT[0], 11)]], [_WHOLE, _WHOLE, _NEXT[0]]),
    ],
    ids=["ends-a-sentence", "lower-case-next", "mid-sentence", "indent-style", "indented-next", "short", "one-indent"],
)
def test_a_paragraph_goes_on_over_a_page_break_as_the_document_sets_its_paragraphs(tmp_path, pages, texts):
    doc = read_article(draw(tmp_path / "a.pdf", pages))
    assert [(b.kind, b.text) for b in doc.blocks] == [(BlockKind.PARAGRAPH, text) for text in texts]


@needs_font
@pytest.mark.parametrize(
    ("head", "block"),
    [
        ([(60, 100, "Phản ứng của Bắc Kinh", 11, "bold")], (BlockKind.HEADING, "Phản ứng của Bắc Kinh")),
        ([(60, 100, "Phản ứng của Bắc Kinh", 13)], (BlockKind.HEADING, "Phản ứng của Bắc Kinh")),  # a size up
        # plain, short, and the next line begins with a capital: a line of its own, though no heading
        ([(60, 100, "Phản ứng của Bắc Kinh", 11)], (BlockKind.PARAGRAPH, "Phản ứng của Bắc Kinh")),
        (  # a title of two short lines is one title
            [(60, 100, "Kinh tế Việt Nam năm 2025", 18), (60, 122, "Tăng trưởng vượt dự báo", 18)],
            (BlockKind.TITLE, "Kinh tế Việt Nam năm 2025 Tăng trưởng vượt dự báo"),
        ),
    ],
    ids=["bold-heading", "larger", "short-line", "two-line-title"],
)
def test_a_short_bold_or_larger_line_set_close_above_the_text_is_a_block_of_its_own(tmp_path, head, block):
    top = head[-1][1] + head[-1][3] + 3  # set close: as close as the lines of the text
    lines = [*head, *[(60, top + 14 * i, text, 11) for i, text in enumerate(_RUN)]]
    doc = read_article(draw(tmp_path / "a.pdf", [lines]))
    assert [(b.kind, b.text) for b in doc.blocks] == [block, (BlockKind.PARAGRAPH, _WHOLE)]


@needs_font
def test_text_drawn_twice_in_place_a_fake_bold_is_read_once(tmp_path):
    line = (60, 100, "Tiêu đề in đậm giả.", 11)
    doc = read_article(draw(tmp_path / "a.pdf", [[line, line, (60, 130, "Đoạn văn.", 11)]]))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "Tiêu đề in đậm giả."),
        (BlockKind.PARAGRAPH, "Đoạn văn."),
    ]


@needs_font
def test_rotated_text_a_stamp_or_margin_note_is_set_aside_with_its_reason(tmp_path):

    path = draw(tmp_path / "a.pdf", [[(60, 100, "Văn bản chính của trang.", 11)]])
    pdf = serif_canvas(tmp_path / "b.pdf")
    pdf.setFont("Serif", 11)
    pdf.drawString(60, 700, "Văn bản chính của trang.")
    pdf.rotate(90)
    pdf.drawString(300, -30, "ĐÃ KÝ")
    pdf.save()
    doc = read_article(tmp_path / "b.pdf")
    assert [b.text for b in doc.blocks] == [b.text for b in read_article(path).blocks]
    assert [(r.text, r.reason) for r in doc.removed] == [("ĐÃ KÝ", "rotated text on page 1 (a margin note or stamp)")]


# --- legacy Vietnamese fonts -----------------------------------------------------------------------------

# The ư of TCVN3 is byte 0xAD; PDFs give it as a soft hyphen, a minus sign or a hyphen.
TCVN3_LINES = [
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",
    "§éc lËp - Tù do - H¹nh phóc",
    "ng\u00adêi d©n ®\u2212îc h-ëng",
]
VNI_LINES = ["Coäng hoaø xaõ hoäi chuû nghóa Vieät Nam", "Ñoäc laäp - Töï do - Haïnh phuùc", "ngöôøi daân ñöôïc höôûng"]
UNICODE_LINES = ["Cộng hoà xã hội chủ nghĩa Việt Nam", "Độc lập - Tự do - Hạnh phúc", "người dân được hưởng"]


def _renamed_font(path: Path, name: bytes) -> Path:
    """The PDF with its embedded font named as a legacy font (a name as long as the old one, so that
    the file's offsets still hold): what a PDF printed from a .VnTime or VNI-Times document carries."""
    data = path.read_bytes()
    assert len(name) == len(b"LiberationSerif") and b"+LiberationSerif" in data
    path.write_bytes(data.replace(b"+LiberationSerif", b"+" + name))
    return path


@needs_font
@pytest.mark.parametrize(
    ("lines", "name", "expected", "family"),
    [
        (TCVN3_LINES, b".VnTime-Regular", UNICODE_LINES, "TCVN3 (ABC)"),
        (["céng hoµ x· héi"], b".VnTimeH-Normal", ["CỘNG HOÀ XÃ HỘI"], "TCVN3 (ABC)"),  # the capitals font
        (VNI_LINES, b"VNI-Times-Roman", UNICODE_LINES, "VNI"),
    ],
)
def test_legacy_font_text_is_converted_by_the_fonts_name(tmp_path, lines, name, expected, family):
    path = draw(tmp_path / "a.pdf", [[(60, 100 + 30 * i, text, 11) for i, text in enumerate(lines)]])
    doc = read_article(_renamed_font(path, name))
    assert [b.text for b in doc.blocks] == expected
    assert doc.warnings == [f"{path}: converted text in the legacy Vietnamese font encoding {family}"]


@needs_font
def test_a_ruled_table_is_read_cell_by_cell_row_by_row_and_its_legacy_text_converted(tmp_path):

    path = tmp_path / "a.pdf"
    pdf = serif_canvas(path)
    pdf.setFont("Serif", 11)
    pdf.drawString(60, 760, "B¶ng 1. Kim ng¹ch xuÊt khÈu.")
    pdf.grid([60, 200, 340], [740, 715, 690])
    for x, y, text in [(65, 722, "MÆt hµng"), (205, 722, "Tû USD"), (65, 697, "Cµ phª"), (205, 697, "7,8")]:
        pdf.drawString(x, y, text)
    pdf.drawString(60, 660, "Nguån: Tæng côc Thèng kª.")
    pdf.save()
    doc = read_article(_renamed_font(path, b".VnTime-Regular"))
    from translator.document import Cell

    assert [(b.kind, b.text, b.cell) for b in doc.blocks] == [  # the exports rebuild the grid from the cells
        (BlockKind.PARAGRAPH, "Bảng 1. Kim ngạch xuất khẩu.", None),
        (BlockKind.PARAGRAPH, "Mặt hàng", Cell(0, 0, 0)),
        (BlockKind.PARAGRAPH, "Tỷ USD", Cell(0, 0, 1)),
        (BlockKind.PARAGRAPH, "Cà phê", Cell(0, 1, 0)),
        (BlockKind.PARAGRAPH, "7,8", Cell(0, 1, 1)),
        (BlockKind.PARAGRAPH, "Nguồn: Tổng cục Thống kê.", None),
    ]


@needs_font
@pytest.mark.parametrize(
    ("xs", "ys", "cells"),
    [
        ([60, 200, 340], [740, 715], [(65, 722, "Mặt hàng"), (205, 722, "Tỷ USD")]),  # one row
        ([60, 200], [740, 715, 690], [(65, 722, "Mặt hàng"), (65, 697, "Cà phê")]),  # one column
    ],
    ids=["one-row", "one-column"],
)
def test_a_ruled_frame_of_one_row_or_one_column_is_read_as_text(tmp_path, xs, ys, cells):
    """Only a grid keeps its cells' places; a frame drawn around text (a box, a note) is its text."""
    path = tmp_path / "a.pdf"
    pdf = serif_canvas(path)
    pdf.setFont("Serif", 11)
    pdf.drawString(60, 760, "Bảng 1. Kim ngạch xuất khẩu.")
    pdf.grid(xs, ys)
    for x, y, text in cells:
        pdf.drawString(x, y, text)
    pdf.save()
    assert [(b.kind, b.text, b.cell) for b in read_article(path).blocks] == [
        (BlockKind.PARAGRAPH, "Bảng 1. Kim ngạch xuất khẩu.", None),
        *[(BlockKind.PARAGRAPH, text, None) for _, _, text in cells],
    ]


@needs_font
def test_legacy_font_text_is_converted_by_its_letters_when_the_font_has_another_name(tmp_path):
    lines = [*TCVN3_LINES, "Trong n¨m 2025, c¸c doanh nghiÖp ®· xuÊt khÈu ®\u00adîc nhiÒu mÆt hµng n«ng s¶n."]
    path = draw(tmp_path / "a.pdf", [[(60, 100 + 30 * i, t, 11) for i, t in enumerate(lines)]])
    doc = read_article(path)
    assert [b.text for b in doc.blocks] == [
        *UNICODE_LINES,
        "Trong năm 2025, các doanh nghiệp đã xuất khẩu được nhiều mặt hàng nông sản.",
    ]
    assert doc.warnings == [f"{path}: converted text in the legacy Vietnamese font encoding TCVN3 (ABC)"]


@needs_font
def test_unicode_text_with_latin_1_symbols_is_left_alone(tmp_path):
    text = "Nhiệt độ 35 °C ± 2, giá 5 µg/m³; © 2025 Báo Lao Động, ông Müller nói « tốt »."
    doc = read_article(draw(tmp_path / "a.pdf", [[(60, 100, text, 11)]]))
    assert ([(b.kind, b.text) for b in doc.blocks], doc.warnings) == ([(BlockKind.PARAGRAPH, text)], [])


# --- files that cannot be read -------------------------------------------------------------------------


def test_a_password_protected_pdf_fails_with_one_line(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = draw(
        tmp_path / "a.pdf", [[(60, 100, "Bí mật.", 11)]], font="Times-Roman", encrypt=StandardEncryption("pw", "owner")
    )
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == f"{path}: the PDF is protected by a password; save an unprotected copy"


def test_a_pdf_with_an_empty_user_password_is_read(tmp_path):
    """Encrypted only to restrict printing or copying: every viewer opens it, and so do we."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    path = draw(
        tmp_path / "a.pdf", [[(60, 100, "Cong khai.", 11)]], font="Times-Roman", encrypt=StandardEncryption("", "owner")
    )
    assert [(b.kind, b.text) for b in read_article(path).blocks] == [(BlockKind.PARAGRAPH, "Cong khai.")]


@pytest.mark.parametrize("cut", [b"%PDF-1.4\n%\xe2\xe3\n1 0 obj << /Type /Catalog", None])
def test_a_damaged_pdf_fails_with_one_line(tmp_path, cut):
    path = tmp_path / "a.pdf"
    if cut is None:
        data = draw(tmp_path / "whole.pdf", [[(60, 100, "Nội dung.", 11)]], font="Times-Roman").read_bytes()
        cut = data[: len(data) // 3]
    path.write_bytes(cut)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert re.fullmatch(rf"{re.escape(str(path))}: not a readable PDF \(damaged or incomplete: \w+\)", str(err.value))


@needs_font
def test_a_folder_of_pdfs_is_translated_and_a_bad_one_fails_alone_with_exit_8(tmp_path, copy_model):
    folder = tmp_path / "in"
    folder.mkdir()
    draw(folder / "good.pdf", [[(60, 100, "Hà Nội là thủ đô của Việt Nam.", 11)]])
    (folder / "bad.pdf").write_bytes(b"%PDF-1.7\ngarbage")
    args = ["translate", str(folder), "-o", str(tmp_path / "out"), "--model", str(copy_model), "-f", "md", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.PARTIAL, result.output
    errors = [line for line in result.output.splitlines() if "bad.pdf" in line]
    assert len(errors) == 1 and "Traceback" not in result.output
    assert re.search(
        rf"{re.escape(str(folder / 'bad.pdf'))}: not a readable PDF \(damaged or incomplete: \w+\)$", errors[0]
    )
    assert "Hà Nội là thủ đô" in (tmp_path / "out" / "good.bilingual.md").read_text(encoding="utf-8")


# --- scans ---------------------------------------------------------------------------------------------


MISSING = "install pip install 'vietrans[ocr]' and ..."  # what pdf_ocr.missing says, as simulated here
OCR_NOTE = "(Tesseract, Vietnamese); check names and numbers against the scan"


def _scanned_image(tmp_path: Path):
    """A page of text printed, then scanned (rendered at 200 dpi by pypdfium2): a grey image."""
    import pypdfium2

    text = draw(tmp_path / "text.pdf", [[(60, 100 + 22 * i, line, 14) for i, line in enumerate(LEFT)]])
    return pypdfium2.PdfDocument(str(text))[0].render(scale=200 / 72).to_pil().convert("L")


def _scan(tmp_path: Path) -> Path:
    """An image-only PDF: one scanned page."""
    path = tmp_path / "scan.pdf"
    _scanned_image(tmp_path).save(path, "PDF", resolution=200)
    return path


def _text_then_scan(tmp_path: Path) -> Path:
    """A typed page followed by a scanned one (a signed appendix, say)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader

    image = _scanned_image(tmp_path)
    path = tmp_path / "mixed.pdf"
    pdf = serif_canvas(path, pagesize=A4)
    pdf.setFont("Serif", 11)
    pdf.drawString(60, A4[1] - 100, "Trang đầu được đánh máy.")
    pdf.showPage()
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return path


@needs_font
def test_a_scan_without_ocr_says_what_to_install(tmp_path, monkeypatch):
    # Tesseract may be installed here; its absence is simulated (the one thing a test cannot uninstall).
    monkeypatch.setattr(pdf_ocr, "missing", lambda: MISSING)
    path = _scan(tmp_path)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert str(err.value) == (f"{path}: a scanned PDF (no text layer); to read it by OCR, {MISSING}")


@needs_font
@pytest.mark.skipif(pdf_ocr.missing() is not None, reason="OCR (pytesseract, tesseract-ocr-vie) not installed")
def test_a_scanned_page_is_read_by_ocr_with_a_warning(tmp_path):
    doc = read_article(_scan(tmp_path))
    words = " ".join(b.text for b in doc.blocks).split()
    expected = " ".join(LEFT).split()
    assert sum(word in words for word in expected) >= 0.8 * len(expected), words
    assert doc.warnings == [f"{tmp_path / 'scan.pdf'}: page(s) 1 read by OCR {OCR_NOTE}"]


@needs_font
def test_a_scanned_page_in_a_typed_pdf_is_named_in_a_warning_without_ocr(tmp_path, monkeypatch):
    # Tesseract's absence simulated, as above.
    monkeypatch.setattr(pdf_ocr, "missing", lambda: MISSING)
    path = _text_then_scan(tmp_path)
    doc = read_article(path)
    assert [(b.kind, b.text) for b in doc.blocks] == [(BlockKind.PARAGRAPH, "Trang đầu được đánh máy.")]
    assert doc.warnings == [f"{path}: page(s) 2 are scans (no text layer), NOT read; to read them, {MISSING}"]


@needs_font
@pytest.mark.skipif(pdf_ocr.missing() is not None, reason="OCR (pytesseract, tesseract-ocr-vie) not installed")
def test_a_scanned_page_in_a_typed_pdf_is_read_by_ocr_after_the_typed_one(tmp_path):
    doc = read_article(_text_then_scan(tmp_path))
    assert doc.blocks[0].text == "Trang đầu được đánh máy."
    words = " ".join(b.text for b in doc.blocks[1:]).split()
    assert sum(word in words for word in " ".join(LEFT).split()) >= 0.8 * len(" ".join(LEFT).split())
    assert doc.warnings == [f"{tmp_path / 'mixed.pdf'}: page(s) 2 read by OCR {OCR_NOTE}"]


@needs_font
def test_the_title_and_author_a_program_filled_in_are_not_taken(tmp_path):

    for title, author, meta in [
        ("Microsoft Word - baocao.docx", "python-docx", {}),
        (
            "Báo cáo tình hình kinh tế quý III",
            "Nguyễn Lan",
            {"title": "Báo cáo tình hình kinh tế quý III", "author": "Nguyễn Lan"},
        ),
    ]:
        pdf = serif_canvas(tmp_path / "a.pdf")
        pdf.setTitle(title)
        pdf.setAuthor(author)
        pdf.setFont("Serif", 11)
        pdf.drawString(60, 700, "Nội dung.")
        pdf.save()
        doc = read_article(tmp_path / "a.pdf")
        assert {key: doc.meta[key] for key in ("title", "author") if key in doc.meta} == meta
