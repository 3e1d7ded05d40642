import unicodedata

import pytest

from tests.conftest import DATA
from translator.document import BlockKind
from translator.errors import InputError
from translator.read import read_article

PAGES = DATA / "pages"


def test_structure_metadata_and_captions():
    doc = read_article(PAGES / "vnexpress-chip.html")
    assert doc.meta["site"] == "VnExpress" and doc.meta["date"] == "2025-02-06 13:54"  # the page's own time
    assert doc.meta["url"] == "https://vnexpress.net/my-siet-chip-123.html" and doc.meta["author"] == "Minh Phương"
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Mỹ siết xuất khẩu chip AI sang Trung Quốc"] is BlockKind.TITLE
    assert kinds["Phản ứng của Bắc Kinh"] is BlockKind.HEADING
    assert kinds["Một nhà máy chip tại Đài Loan. Ảnh: Reuters"] is BlockKind.CAPTION  # a <figcaption>
    assert kinds["Hạn chế chip H20"] is BlockKind.LIST_ITEM
    assert kinds["“Đây là bước đi cần thiết,” một quan chức nói."] is BlockKind.QUOTE


def test_text_outside_the_article_is_recorded_not_dropped():
    doc = read_article(PAGES / "dantri-eu.html")
    removed = {r.text: r.reason for r in doc.removed}
    assert removed["Google bị phạt 2,4 tỷ euro"].startswith("outside the article")
    assert removed["Logo Apple"] == "image alt text"
    assert "Tin liên quan" in removed
    assert doc.blocks[1].kind is BlockKind.LEAD  # the sapo marked up as <h2 class="singular-sapo"> is the lead


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
    assert any("kinh tế và xã hội" in b.text for b in doc.blocks)


def test_a_page_without_article_text(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(page)


def test_a_page_read_by_the_general_extractor_keeps_its_title_table_and_menu():
    """No known article container: the <title> is the title, each table cell is read once, and
    the menu's links (``<li><a>``) and the footer's line are recorded as left out, not dropped."""
    from translator.read.html import read_html

    story = "".join(
        f"<p>Đoạn thứ {n} của bài viết kể về kế hoạch đào tạo kỹ sư bán dẫn và các doanh nghiệp tham gia.</p>"
        for n in range(1, 6)
    )
    page = (
        "<html><head><title>Tiêu đề chỉ có trong thẻ title</title></head><body>"
        "<nav><ul><li><a href='/the-gioi'>Thế giới</a></li><li><a href='/kinh-te'>Kinh tế</a></li></ul></nav>"
        f"<main>{story}<table><tr><td>Hãng</td><td>Thị phần</td></tr><tr><td>Nvidia</td><td>80%</td></tr></table>"
        "</main><footer><p>Bản quyền thuộc về <b>Báo Mẫu</b></p></footer></body></html>"
    )
    doc = read_html(page.encode("utf-8"))
    assert (doc.blocks[0].kind, doc.blocks[0].text) == (BlockKind.TITLE, "Tiêu đề chỉ có trong thẻ title")
    assert [b.text for b in doc.blocks[6:]] == ["Hãng", "Thị phần", "Nvidia", "80%"]
    assert {r.text: r.reason for r in doc.removed} == {
        "Thế giới": "outside the article (menus, sidebars, footer)",
        "Kinh tế": "outside the article (menus, sidebars, footer)",
        "Bản quyền thuộc về Báo Mẫu": "outside the article (menus, sidebars, footer)",
    }
