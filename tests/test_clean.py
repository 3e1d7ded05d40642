import pytest

from tests.conftest import SEED, needs_seed
from translator.clean import clean
from translator.document import BlockKind, Document
from translator.read import parse_blocks, read_article


def _clean(text: str) -> Document:
    return clean(Document(blocks=parse_blocks(text)))


@needs_seed()
def test_seed_keeps_exactly_the_story():
    doc = clean(read_article(SEED))
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] is BlockKind.TITLE and doc.blocks[0].text.startswith("DeepSeek sẽ định hình lại")
    assert kinds[1] is BlockKind.LEAD
    assert [b.text for b in doc.blocks if b.kind is BlockKind.HEADING] == [
        "Thách thức của DeepSeek",
        "EU đứng giữa “hai dòng nước”",
    ]
    [caption] = [b for b in doc.blocks if b.kind is BlockKind.CAPTION]
    assert caption.text.endswith("(Nguồn: Shutterstock)")
    assert doc.blocks[-1].text.startswith("EU đang bị kẹt giữa một tảng đá lớn")
    assert len(doc.blocks) == 29
    text = "\n".join(b.text for b in doc.blocks)
    for furniture in ("Trang chủ", "Cùng chủ đề", "Vietnam Airlines", "Zelenskyy", "Mới nhất", "\nNguồn\n"):
        assert furniture not in text
    reasons = {r.reason for r in doc.removed}
    assert {"breadcrumb navigation", "repeats the title (image alt text)", "bare source label"} <= reasons
    removed_text = [r.text for r in doc.removed]
    assert "Cùng chủ đề" in removed_text and removed_text[-1] == "Mới nhất"  # nothing dropped silently


def test_dan_tri_style_page_with_related_news_and_tags():
    doc = _clean(
        "Trang chủ > Thế giới > Quân sự\n\nMỹ và Nhật Bản tăng cường hợp tác quốc phòng\n\n"
        "(Dân trí) - Hai nước vừa ký thỏa thuận mới về chia sẻ công nghệ.\n\n"
        "Thỏa thuận được ký tại Tokyo hôm 5/3. Đây là bước đi quan trọng.\n\n"
        "Theo Reuters\n\nChia sẻ\n\nTags: Mỹ, Nhật Bản\n\nTin liên quan\n\n"
        "Giá vàng hôm nay tăng mạnh\n\nNgười dân đổ xô đi mua vàng."
    )
    assert [(b.kind, b.text[:20]) for b in doc.blocks] == [
        (BlockKind.TITLE, "Mỹ và Nhật Bản tăng "),
        (BlockKind.LEAD, "(Dân trí) - Hai nước"),
        (BlockKind.PARAGRAPH, "Thỏa thuận được ký t"),
        (BlockKind.BYLINE, "Theo Reuters"),
    ]
    assert [r.reason for r in doc.removed][:3] == [
        "breadcrumb navigation",
        "share, comment or tag line",
        "share, comment or tag line",
    ]
    assert len(doc.removed) == 6


def test_a_related_label_before_any_story_does_not_cut_the_story():
    doc = _clean("Xem thêm\n\nMột đoạn văn lạ không có dấu chấm cuối\n\nĐoạn bình thường.")
    assert [b.text for b in doc.blocks] == ["Một đoạn văn lạ không có dấu chấm cuối", "Đoạn bình thường."]
    assert [(r.text, r.reason) for r in doc.removed] == [("Xem thêm", "section navigation")]


def test_captions_in_several_styles():
    doc = _clean("Tiêu đề\n\nĐoạn mở đầu.\n\nẢnh minh họa\n\nNgười biểu tình tại Hong Kong. (Ảnh: AFP)\n\nẢnh: Reuters")
    assert [b.kind for b in doc.blocks] == [BlockKind.TITLE, BlockKind.LEAD] + [BlockKind.CAPTION] * 3


def test_glued_bylines_and_the_outlet_named_by_the_lead_tag():
    doc = _clean("Tiêu đề bài báo dài đủ năm chữ\n\nTTO - Đoạn mở đầu.\n\nĐoạn hai.\n\nMinh PhươngTheo AFP")
    assert doc.blocks[-1].kind is BlockKind.BYLINE
    assert doc.meta["site"] == "Tuổi Trẻ"


def test_dateline_goes_into_the_metadata():
    from translator.clean import dateline

    doc = _clean("Thứ năm, 6/2/2025, 13:54 (GMT+7)\n\nTiêu đề bài báo dài đủ năm chữ\n\nĐoạn mở đầu.")
    assert doc.meta["date"] == "2025-02-06 13:54"
    assert doc.removed[0].reason == "publication date (shown in the header)"
    assert dateline("06/02/2025 | 13:54") == "2025-02-06 13:54"
    assert dateline("Ngày 6/2/2025, Bộ Ngoại giao cho biết.") is None


def test_an_inline_related_box_ends_where_the_story_resumes():
    doc = _clean(
        "Tiêu đề bài viết về chip bán dẫn tại Việt Nam\n\nĐoạn mở đầu của bài viết nói về kế hoạch mới.\n\n"
        "TIN LIÊN QUAN\n\nMỹ siết xuất khẩu thiết bị chip\n\nHàn Quốc mở trung tâm nghiên cứu\n\n"
        "Đoạn thứ hai của bài viết tiếp tục câu chuyện về các trường đại học.\n\n"
        "Đoạn thứ ba của bài viết nói thêm về doanh nghiệp và nhân lực.\n\nHoài Thu"
    )
    assert [b.text[:10] for b in doc.blocks] == ["Tiêu đề bà", "Đoạn mở đầ", "Đoạn thứ h", "Đoạn thứ b", "Hoài Thu"]
    assert [r.text for r in doc.removed] == [
        "TIN LIÊN QUAN",
        "Mỹ siết xuất khẩu thiết bị chip",
        "Hàn Quốc mở trung tâm nghiên cứu",
    ]


def test_a_related_list_at_the_end_runs_to_the_end_even_with_sapos():
    doc = _clean(
        "Tiêu đề bài viết về chip bán dẫn tại Việt Nam\n\nĐoạn mở đầu của bài viết nói về kế hoạch mới.\n\n"
        "Đoạn thứ hai của bài viết tiếp tục câu chuyện về các trường đại học.\n\nXem thêm\n\n"
        "Giá vàng hôm nay tăng mạnh\n\nGiá vàng trong nước tăng thêm 500.000 đồng mỗi lượng trong sáng nay.\n\n"
        "Học sinh được nghỉ Tết bao nhiêu ngày?\n\nSở Giáo dục vừa công bố lịch nghỉ Tết của học sinh năm nay."
    )
    assert len(doc.blocks) == 3 and len(doc.removed) == 5


def test_furniture_families_in_pasted_text():
    doc = _clean(
        "Tiêu đề bài viết về chip bán dẫn tại Việt Nam\n\nĐoạn mở đầu của bài viết nói về kế hoạch mới.\n\n"
        "Đoạn thứ hai của bài viết tiếp tục câu chuyện về các trường đại học.\n\n"
        "Trở lại Thế giới\n\nTrở lại đầu trang\n\nChia sẻ bài viết:\n\nFacebook\n\nZalo\n\n"
        "Từ khóa:\n\nchip bán dẫn\n\nđào tạo\n\nTải ứng dụng Báo Mẫu\n\nQuảng cáo\n\nBình luận (3)\n\n"
        "Ảnh: Minh Anh\n\nHà Nội\n\nTP.HCM\n\nĐà Nẵng"
    )
    assert len(doc.blocks) == 3
    reasons = {r.text: r.reason for r in doc.removed}
    assert reasons["Trở lại Thế giới"] == reasons["Trở lại đầu trang"] == "back-to-top or back-to-section link"
    assert reasons["Zalo"] == "share, comment or tag line" and reasons["đào tạo"] == "tag list"
    assert reasons["Tải ứng dụng Báo Mẫu"] == "app, newsletter or follow line"
    assert reasons["Quảng cáo"] == "advertisement" and reasons["Ảnh: Minh Anh"] == "photo credit (no caption)"
    assert reasons["Đà Nẵng"] == "menu of sections or provinces"


def test_a_credit_under_its_caption_stays_and_section_labels_are_never_the_title():
    doc = _clean(
        "Khoa học công nghệ\n\nKhoa học công nghệ\n\nTiêu đề bài viết về chip bán dẫn tại Việt Nam\n\n"
        "Đoạn mở đầu của bài viết nói về kế hoạch mới.\n\n"
        "Sinh viên thực hành trong phòng thí nghiệm (Ảnh: Minh Anh)\n\nĐồ họa: Minh Anh\n\n"
        "Đoạn thứ hai của bài viết tiếp tục câu chuyện về các trường đại học."
    )
    assert doc.blocks[0].kind is BlockKind.TITLE and doc.blocks[0].text.startswith("Tiêu đề")
    assert [b.kind for b in doc.blocks[2:4]] == [BlockKind.CAPTION, BlockKind.CAPTION]


def test_dateline_times_are_zero_padded():
    """Times sort and read as a clock shows them: 7:05 is 07:05, in both places a dateline puts it."""
    from translator.clean import dateline

    assert dateline("Thứ hai, 9/2/2026, 7:05 (GMT+7)") == "2026-02-09 07:05"
    assert dateline("7h05 ngày 9/2/2026") in ("2026-02-09 07:05", None)


def test_datelines_are_real_dates():
    from translator.clean import dateline

    assert dateline("Thứ năm, 6/2/2025, 13:54 (GMT+7)") == "2025-02-06 13:54"
    for text in ("35/2/2025 10:00", "6/13/2025", "31/2/2025", "0/1/2025"):
        assert dateline(text) is None, text


def test_the_breadcrumb_rule_is_for_the_first_block_only():
    doc = _clean(
        "Trang chủ > Thế giới\n\nTiêu đề bài viết về chip bán dẫn tại Việt Nam\n\n"
        "Đoạn mở đầu của bài viết nói về kế hoạch mới.\n\nTrang chủ Mới của bộ được ra mắt hôm qua với nhiều dịch vụ."
    )
    assert doc.removed[0].reason == "breadcrumb navigation"
    assert doc.blocks[-1].text.startswith("Trang chủ Mới")  # story, though it starts like a breadcrumb


def test_a_title_without_the_outlets_tag_is_preferred():
    doc = _clean(
        "TPO - Hà Nội mưa lớn kéo dài suốt cả ngày\n\nHà Nội mưa lớn kéo dài suốt cả ngày\n\n"
        "Mưa lớn khiến nhiều tuyến phố ngập sâu trong sáng nay."
    )
    assert doc.blocks[0].kind is BlockKind.TITLE and doc.blocks[0].text == "Hà Nội mưa lớn kéo dài suốt cả ngày"
    assert doc.removed[0].reason == "repeats the title (image alt text)"


def test_an_ad_set_in_the_text_is_set_aside():
    doc = _clean(
        "Tiêu đề bài viết về cây xanh bật gốc\n\nĐoạn mở đầu của bài viết nói về cơn mưa lớn chiều qua.\n\n"
        "Quảng cáo - Mua bảo hiểm xe máy trực tuyến chỉ từ 60.000 đồng mỗi năm.\n\n"
        "Quảng cáo của thành phố trên các tuyến đường bị gỡ bỏ sau cơn bão."
    )
    assert {r.text: r.reason for r in doc.removed} == {
        "Quảng cáo - Mua bảo hiểm xe máy trực tuyến chỉ từ 60.000 đồng mỗi năm.": "advertisement"
    }
    assert doc.blocks[-1].text.startswith("Quảng cáo của thành phố")  # a sentence about ads is story


@pytest.mark.parametrize(
    "caption",
    ["Vị trí cây đổ. Đồ họa: Hoàng Thanh", "Vị trí cây đổ.\nĐồ họa: Hoàng Thanh", "Vị trí cây đổ\n\nẢnh: Hoàng Thanh"],
)
def test_a_caption_and_its_credit_are_kept_as_captions(caption):
    doc = _clean(
        "Tiêu đề bài viết về cây xanh bật gốc\n\nĐoạn mở đầu của bài viết nói về cơn mưa lớn chiều qua.\n\n"
        f"{caption}\n\nĐoạn thứ hai của bài viết kể lại việc giải cứu hai người bị kẹt dưới thân cây."
    )
    assert doc.removed == []
    captions = [b.text for b in doc.blocks if b.kind is BlockKind.CAPTION]
    assert " ".join(captions).replace("\n", " ") == caption.replace("\n\n", " ").replace("\n", " ")


def test_a_short_headline_over_a_byline_is_the_title_and_the_byline_the_author():
    doc = _clean(
        "Giá vàng tăng vọt\n\nMinh Châu\n\n"
        "Giá vàng trong nước sáng nay tăng thêm 2 triệu đồng mỗi lượng, lên mức cao nhất từ trước đến nay."
    )
    assert [(b.kind, b.text) for b in doc.blocks[:2]] == [
        (BlockKind.TITLE, "Giá vàng tăng vọt"),
        (BlockKind.BYLINE, "Minh Châu"),
    ]
    assert doc.removed == []


def test_a_tables_cells_are_never_lead_title_or_furniture():
    from translator.document import Block, Cell

    texts = [["Nguồn", "Quảng cáo"], ["Hà Nội", "Ảnh: Minh Anh"]]  # each would be furniture as a line
    cells = [
        Block(BlockKind.PARAGRAPH, t, cell=Cell(0, r, c)) for r, row in enumerate(texts) for c, t in enumerate(row)
    ]
    doc = clean(Document(blocks=[*cells, Block(BlockKind.PARAGRAPH, "Đoạn văn sau bảng của bài viết.")]))
    assert doc.removed == [] and [b.kind for b in doc.blocks[:4]] == [BlockKind.PARAGRAPH] * 4


@pytest.mark.parametrize(
    "line", ["Xem thêm: Giá vàng hôm nay lập đỉnh mới", "Đọc thêm: Vì sao giá lúa tăng?", ">> Tin liên quan"]
)
def test_a_see_also_line_in_the_text_is_set_aside(line):
    doc = _clean(
        "Tiêu đề bài viết về giá vàng\n\nĐoạn mở đầu của bài viết nói về giá vàng hôm nay.\n\n"
        f"{line}\n\nĐoạn thứ hai của bài viết: xem thêm ở phần cuối về dự báo giá."
    )
    assert [r.text for r in doc.removed] == [line]
    assert doc.blocks[-1].text.startswith("Đoạn thứ hai")


def test_an_inline_related_box_before_the_last_paragraph_leaves_it_and_the_author():
    """After the box, one more paragraph and the author's name: the story resumed; neither is
    taken for the box's sapo or another headline."""
    doc = _clean(
        "Tiêu đề bài viết về chip bán dẫn tại Việt Nam\n\nĐoạn mở đầu của bài viết nói về kế hoạch mới.\n\n"
        "Tin liên quan\n\nHàn Quốc mở trung tâm nghiên cứu\n\n"
        "Đoạn cuối của bài viết nói thêm về doanh nghiệp và nhân lực.\n\nHoài Thu"
    )
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, "Tiêu đề bài viết về chip bán dẫn tại Việt Nam"),
        (BlockKind.LEAD, "Đoạn mở đầu của bài viết nói về kế hoạch mới."),
        (BlockKind.PARAGRAPH, "Đoạn cuối của bài viết nói thêm về doanh nghiệp và nhân lực."),
        (BlockKind.BYLINE, "Hoài Thu"),
    ]
    assert [(r.text, r.reason) for r in doc.removed] == [
        ("Tin liên quan", "other stories, under “Tin liên quan”"),
        ("Hàn Quốc mở trung tâm nghiên cứu", "other stories, under “Tin liên quan”"),
    ]


@pytest.mark.parametrize(
    ("text", "kept", "set_aside"),
    [
        ("Thời sự\n\nHà Nội mưa lớn kéo dài suốt cả ngày",
         [("TITLE", "Hà Nội mưa lớn kéo dài suốt cả ngày")], [("Thời sự", "section navigation")]),
        ("TPO - Hà Nội mưa lớn kéo dài suốt cả ngày\n\nHà Nội mưa lớn kéo dài suốt cả ngày",
         [("TITLE", "Hà Nội mưa lớn kéo dài suốt cả ngày")],
         [("TPO - Hà Nội mưa lớn kéo dài suốt cả ngày", "repeats the title (image alt text)")]),
    ],
)  # fmt: skip
def test_a_page_of_headings_only_still_gets_its_title(text, kept, set_aside):
    """A stub page (headings, no story yet) must still name its headline, not lose it with the labels."""
    doc = _clean(text)
    assert [(b.kind.name, b.text) for b in doc.blocks] == kept
    assert [(r.text, r.reason) for r in doc.removed] == set_aside
