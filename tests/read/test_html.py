import unicodedata

import pytest

from tests.conftest import DATA
from translator.document import BlockKind, Cell, Removed
from translator.errors import InputError
from translator.read import read_article

PAGES = DATA / "pages"


OUTSIDE = "outside the article (menus, sidebars, footer)"


def test_structure_metadata_and_captions():
    doc = read_article(PAGES / "vnexpress-chip.html")
    assert doc.meta == {
        "site": "VnExpress",
        "title": "Mỹ siết xuất khẩu chip AI sang Trung Quốc",
        "author": "Minh Phương",
        "date": "2025-02-06 13:54",  # the page's own time
        "url": "https://vnexpress.net/my-siet-chip-123.html",
        "source_file": "vnexpress-chip.html",
    }
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Mỹ siết xuất khẩu chip AI sang Trung Quốc"),
        (BlockKind.LEAD, "Bộ Thương mại Mỹ công bố quy định mới nhằm hạn chế xuất khẩu chip tiên tiến."),
        (BlockKind.PARAGRAPH, "Thứ năm, 6/2/2025, 13:54 (GMT+7)"),
        (BlockKind.PARAGRAPH, "Quy định có hiệu lực từ tháng 3. Nhiều công ty bị ảnh hưởng."),
        (BlockKind.HEADING, "Phản ứng của Bắc Kinh"),
        (BlockKind.PARAGRAPH, "Trung Quốc phản đối mạnh mẽ quyết định này và cho rằng nó vi phạm quy tắc thương mại."),
        (BlockKind.CAPTION, "Một nhà máy chip tại Đài Loan. Ảnh: Reuters"),  # a <figcaption>
        (BlockKind.LIST_ITEM, "Hạn chế chip H20"),
        (BlockKind.LIST_ITEM, "Mở rộng danh sách đen"),
        (BlockKind.QUOTE, "“Đây là bước đi cần thiết,” một quan chức nói."),
        (BlockKind.PARAGRAPH, "Minh Phương (Theo Reuters)"),
    ]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Chip AI", "image alt text"),
        ("Trang chủ", OUTSIDE),
        ("Thế giới", OUTSIDE),
        ("Tin liên quan", OUTSIDE),
        ("Giá vàng tăng mạnh", OUTSIDE),
    ]


def test_text_outside_the_article_is_recorded_not_dropped():
    doc = read_article(PAGES / "dantri-eu.html")
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Logo Apple", "image alt text"),
        *[
            (text, OUTSIDE)
            for text in (
                "Trang chủ",
                "Xã hội",
                "Thế giới",
                "Kinh doanh",
                "Phân tích",
                "Thứ tư, 23/04/2025 - 08:30",
                "Tin liên quan",
                "Google bị phạt 2,4 tỷ euro",
                "Tòa án châu Âu bác kháng cáo của Google.",
                "© Bản quyền thuộc về Báo Dân trí. Cấm sao chép dưới mọi hình thức.",
                "Tổng biên tập: Phạm Tuấn Anh",
            )
        ],
    ]
    assert [b.kind for b in doc.blocks] == [  # the sapo marked up as <h2 class="singular-sapo"> is the lead
        BlockKind.TITLE,
        BlockKind.LEAD,
        BlockKind.PARAGRAPH,
        BlockKind.CAPTION,
        BlockKind.PARAGRAPH,
        BlockKind.HEADING,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    assert doc.meta["extracted"] == "article container .singular-content"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        out.append(base + "".join(p for p in parts if p in _TONES))
    return "".join(out).encode("cp1258")


def test_declared_legacy_charset_is_decoded(tmp_path):
    page = tmp_path / "old.html"
    body = "<html><head><meta charset='windows-1258'><title>Tin</title></head><body><article><h1>Tiêu đề bài</h1>"
    body += "<p>" + "Đây là một đoạn văn khá dài về kinh tế và xã hội. " * 5 + "</p></article></body></html>"
    page.write_bytes(_cp1258(body))
    doc = read_article(page)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Tiêu đề bài"),
        (BlockKind.LEAD, " ".join(["Đây là một đoạn văn khá dài về kinh tế và xã hội."] * 5)),
    ]


def test_a_page_without_article_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    with pytest.raises(InputError) as err:
        read_article(page)
    assert str(err.value) == f"{page}: no article text found in this page"


def test_bytes_that_are_no_page_fail_with_one_line():
    from translator.read.html import read_html

    with pytest.raises(InputError) as err:
        read_html(b"", "blank.html")
    assert str(err.value) == "blank.html: not an HTML page"


def test_a_page_read_by_the_general_extractor_keeps_its_title_table_and_menu():
    """No known article container: the <title> is the title, each table cell is read once, and
    the menu's links (``<li><a>``) and the footer's line are recorded as left out, not dropped."""
    from translator.read.html import read_html

    story = "".join(f"<p>{_story(n)}</p>" for n in range(1, 6))
    page = (
        "<html><head><title>Tiêu đề chỉ có trong thẻ title</title></head><body>"
        "<nav><ul><li><a href='/the-gioi'>Thế giới</a></li><li><a href='/kinh-te'>Kinh tế</a></li></ul></nav>"
        f"<main>{story}<table><tr><td>Hãng</td><td>Thị phần</td></tr><tr><td>Nvidia</td><td>80%</td></tr></table>"
        "</main><footer><p>Bản quyền thuộc về <b>Báo Mẫu</b></p></footer></body></html>"
    )
    doc = read_html(page.encode("utf-8"))
    assert [(b.kind, b.text, b.cell) for b in doc.blocks] == [
        (BlockKind.TITLE, "Tiêu đề chỉ có trong thẻ title", None),
        *[(BlockKind.PARAGRAPH, _story(n), None) for n in range(1, 6)],
        (BlockKind.PARAGRAPH, "Hãng", Cell(0, 0, 0)),
        (BlockKind.PARAGRAPH, "Thị phần", Cell(0, 0, 1)),
        (BlockKind.PARAGRAPH, "Nvidia", Cell(0, 1, 0)),
        (BlockKind.PARAGRAPH, "80%", Cell(0, 1, 1)),
    ]
    assert {r.text: r.reason for r in doc.removed} == {
        "Thế giới": "outside the article (menus, sidebars, footer)",
        "Kinh tế": "outside the article (menus, sidebars, footer)",
        "Bản quyền thuộc về Báo Mẫu": "outside the article (menus, sidebars, footer)",
    }


def _story(n: int) -> str:
    return f"Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn và các doanh nghiệp tham gia."


def _words(n: int) -> str:
    return " ".join(f"từ{i}" for i in range(1, n + 1))


_PLAN = "Bài viết kể về kế hoạch đào tạo năm mươi nghìn kỹ sư bán dẫn đến năm 2030 của Việt Nam."
_HIDDEN = "<noscript><p>Hãy bật JavaScript để xem trang</p></noscript><template><p>Mẫu ẩn của trang</p></template>"


@pytest.mark.parametrize(
    ("main", "blocks", "removed"),
    [
        (
            "<h2>Kế hoạch</h2><p>{plan}</p>",
            [(BlockKind.TITLE, "Kế hoạch", None), (BlockKind.PARAGRAPH, _PLAN, None)],
            [],
        ),
        (  # no <title>, and a heading trafilatura does not take for one: the first heading is the title
            "<h3>Kế hoạch đào tạo</h3><p>{plan}</p><p><img src='a.jpg'></p>",
            [(BlockKind.TITLE, "Kế hoạch đào tạo", None), (BlockKind.PARAGRAPH, _PLAN, None)],
            [],
        ),
        (  # a heading of more than 20 words that ends a sentence is a lead marked up as a heading
            "<p>{plan}</p><h3>" + _words(21) + ".</h3><h3>" + _words(20) + ".</h3><h3>" + _words(21) + "</h3>",
            [
                (BlockKind.PARAGRAPH, _PLAN, None),
                (BlockKind.PARAGRAPH, _words(21) + ".", None),
                (BlockKind.HEADING, _words(20) + ".", None),
                (BlockKind.HEADING, _words(21), None),
            ],
            [],
        ),
        (  # an empty list item is no block
            "<h2>Kế hoạch</h2><p>{plan}</p><ul><li></li><li><img src='a.jpg' alt='Ảnh minh hoạ'></li>"
            "<li>Mục một</li></ul>",
            [
                (BlockKind.TITLE, "Kế hoạch", None),
                (BlockKind.PARAGRAPH, _PLAN, None),
                (BlockKind.LIST_ITEM, "Mục một", None),
            ],
            [Removed("Ảnh minh hoạ", "image alt text")],  # a picture in a list is no item, its alt text not lost
        ),
        (  # one row, or one column, is a frame around text, not a grid of cells
            "<h2>Kế hoạch</h2><p>{plan}</p><table><tr><td>Ô một</td><td>Ô hai</td></tr></table>",
            [
                (BlockKind.TITLE, "Kế hoạch", None),
                (BlockKind.PARAGRAPH, _PLAN, None),
                (BlockKind.PARAGRAPH, "Ô một", None),
                (BlockKind.PARAGRAPH, "Ô hai", None),
            ],
            [],
        ),
        (
            "<h2>Kế hoạch</h2><p>{plan}</p><table><tr><th>Hãng</th></tr><tr><td>Nvidia</td></tr></table>",
            [
                (BlockKind.TITLE, "Kế hoạch", None),
                (BlockKind.PARAGRAPH, _PLAN, None),
                (BlockKind.PARAGRAPH, "Hãng", None),
                (BlockKind.PARAGRAPH, "Nvidia", None),
            ],
            [],
        ),
        (  # a header row of a grid is marked as such
            "<p>{plan}</p><table><tr><th>Hãng</th><th>Thị phần</th></tr><tr><td>Nvidia</td><td>80%</td></tr></table>",
            [
                (BlockKind.PARAGRAPH, _PLAN, None),
                (BlockKind.PARAGRAPH, "Hãng", Cell(0, 0, 0, True)),
                (BlockKind.PARAGRAPH, "Thị phần", Cell(0, 0, 1, True)),
                (BlockKind.PARAGRAPH, "Nvidia", Cell(0, 1, 0)),
                (BlockKind.PARAGRAPH, "80%", Cell(0, 1, 1)),
            ],
            [],
        ),
    ],
)
def test_a_page_without_a_container_reads_as_its_blocks_and_never_its_hidden_text(main, blocks, removed):
    """No title but a heading: the heading is the title.  The text of a <template> or <noscript>,
    which a reader never sees, is neither read nor recorded as left out."""
    from translator.read.html import read_html

    page = f"<html><body><main>{main.format(plan=_PLAN)}</main>{_HIDDEN}</body></html>"
    doc = read_html(page.encode("utf-8"))
    assert ([(b.kind, b.text, b.cell) for b in doc.blocks], doc.removed) == (blocks, removed)


def test_a_container_holding_far_less_than_the_page_is_set_aside_with_its_word_counts():
    from translator.read.html import read_html

    box = "".join(f"<p>{_story(n)}</p>" for n in (1, 2, 3))
    rest = "".join(f"<p>{_story(n)}</p>" for n in range(4, 12))
    page = f"<html><head><title>Tin</title></head><body><main>{rest}<div class='singular-content'>{box}</div>"
    doc = read_html((page + "</main></body></html>").encode("utf-8"))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Tin"),
        *[(BlockKind.PARAGRAPH, _story(n)) for n in [*range(4, 12), 1, 2, 3]],
    ]
    assert doc.removed == [
        Removed(
            ".singular-content: 66 words",
            "the page's article container held far less text than its main content (242 words); "
            "the general extractor's reading was used",
        )
    ]
    assert "extracted" not in doc.meta


_UTF8 = "<meta charset='windows-1258'><p>Đà Đông</p>".encode()
_CP1258 = "<meta charset='windows-1258'><p>Đà Đông</p>".encode("cp1258")


@pytest.mark.parametrize(
    ("data", "declared", "expected"),
    [
        (_UTF8, "windows-1258", _UTF8),  # valid UTF-8 stays, whatever the header or the tag say
        (_CP1258, None, _UTF8),  # the page's own tag
        (_CP1258, "windows-1258", _UTF8),
        (_CP1258, "no-such-charset", _UTF8),
        (_CP1258.replace(b"windows-1258", b"koi8-r"), "windows-1258", _UTF8.replace(b"windows-1258", b"koi8-r")),
        (
            _CP1258.replace(b"<meta charset='windows-1258'>", b""),
            "windows-1258",
            "<p>Đà Đông</p>".encode(),
        ),  # a header naming no charset: the tag
        (_CP1258, "utf-16", _UTF8),  # a header the bytes do not decode by: the tag
        (b"<p>\xff\xfe\x00</p>", "no-such-charset", b"<p>\xff\xfe\x00</p>"),  # nothing fits: as they are
        (b"<meta charset=ascii><p>\xc4\x90\xe0</p>", None, b"<meta charset=ascii><p>\xc4\x90\xe0</p>"),
    ],
)
def test_a_page_is_made_utf8_by_what_is_surest(data, declared, expected):
    from translator.read.html import as_utf8

    assert as_utf8(data, declared) == expected
