import pytest
from hypothesis import given
from hypothesis import strategies as st

from translator.segment import sentence_spans, split_sentences

CASES = [
    (
        "TP. Hồ Chí Minh là thành phố lớn nhất. Hà Nội là thủ đô.",
        ["TP. Hồ Chí Minh là thành phố lớn nhất.", "Hà Nội là thủ đô."],
    ),
    ("Ông George W. Bush đến. PGS.TS. Nguyễn Văn A nói.", ["Ông George W. Bush đến.", "PGS.TS. Nguyễn Văn A nói."]),
    ("Gồm táo, cam v.v. Hôm sau trời mưa.", ["Gồm táo, cam v.v.", "Hôm sau trời mưa."]),
    ("Táo, cam v.v. đều ngon.", ["Táo, cam v.v. đều ngon."]),
    ("Ông nói... Tôi không biết.", ["Ông nói...", "Tôi không biết."]),
    ("Ông nói… rồi đi.", ["Ông nói… rồi đi."]),
    (
        "Giá 4,33 tỷ USD. Có 1.000 chuyến bay. Dân số 2.200.112 người.",
        ["Giá 4,33 tỷ USD.", "Có 1.000 chuyến bay.", "Dân số 2.200.112 người."],
    ),
    (
        "“Có thật không?” ông hỏi. Ông nói “rất cao.” Sau đó đi.",
        ["“Có thật không?” ông hỏi.", "Ông nói “rất cao.”", "Sau đó đi."],
    ),
    (
        "Xem VnExpress.net hoặc a@b.com. Bản 1.9.7 ra. Tại TP.HCM hôm nay.",
        ["Xem VnExpress.net hoặc a@b.com.", "Bản 1.9.7 ra.", "Tại TP.HCM hôm nay."],
    ),
    ("1. Mục một. 2. Mục hai.", ["1. Mục một.", "2. Mục hai."]),
    ("Tiêu đề không dấu chấm\nDòng hai. Câu ba.", ["Tiêu đề không dấu chấm", "Dòng hai.", "Câu ba."]),
    ("Thật sao!? Vâng.", ["Thật sao!?", "Vâng."]),
    ("iPhone mới ra mắt. Hay quá!", ["iPhone mới ra mắt.", "Hay quá!"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_cases(text, expected):
    assert split_sentences(text) == expected


NEWS_CASES = [
    (
        '"Chúng ta phải hành động ngay!", ông nói. Bà gật đầu.',
        ['"Chúng ta phải hành động ngay!", ông nói.', "Bà gật đầu."],
    ),
    ("“Tôi không biết…” Ông im lặng.", ["“Tôi không biết…”", "Ông im lặng."]),
    ("Ông hỏi: “Tại sao?”. Không ai đáp.", ["Ông hỏi: “Tại sao?”.", "Không ai đáp."]),
    ("Hà Nội (TTXVN). Ngày 5/2, Thủ tướng phát biểu.", ["Hà Nội (TTXVN).", "Ngày 5/2, Thủ tướng phát biểu."]),
    ("Bà là TS. kinh tế học.", ["Bà là TS. kinh tế học."]),
    ("Ông Trump đến Washington D.C. Ông gặp các nghị sĩ.", ["Ông Trump đến Washington D.C.", "Ông gặp các nghị sĩ."]),
    ("Ông làm việc cho U.S. Steel từ năm 2010.", ["Ông làm việc cho U.S. Steel từ năm 2010."]),
    (
        "Apple Inc. công bố kết quả. Samsung Co., Ltd. cũng vậy.",
        ["Apple Inc. công bố kết quả.", "Samsung Co., Ltd. cũng vậy."],
    ),
    (
        "Công ty ABC Co. Ltd. cho biết doanh thu tăng. Sau đó giá cổ phiếu giảm.",
        ["Công ty ABC Co. Ltd. cho biết doanh thu tăng.", "Sau đó giá cổ phiếu giảm."],
    ),
    (
        "Ông Mr. Smith và Mrs. Jones gặp Dr. Lee tại St. Petersburg. Họ bàn về AI.",
        ["Ông Mr. Smith và Mrs. Jones gặp Dr. Lee tại St. Petersburg.", "Họ bàn về AI."],
    ),
    (
        "Tp. Hà Nội và TP.HCM là hai đô thị lớn. ThS. Lê Văn B phát biểu.",
        ["Tp. Hà Nội và TP.HCM là hai đô thị lớn.", "ThS. Lê Văn B phát biểu."],
    ),
    (
        "Gia đình ở Q. 1, P. Bến Nghé, TP. Hồ Chí Minh. Họ có hai con.",
        ["Gia đình ở Q. 1, P. Bến Nghé, TP. Hồ Chí Minh.", "Họ có hai con."],
    ),
    (
        "GS. Ngô Bảo Châu và BS. Trần Văn C tham dự. TT. Biden không đến.",
        ["GS. Ngô Bảo Châu và BS. Trần Văn C tham dự.", "TT. Biden không đến."],
    ),
    ("Cần chuẩn bị bút, vở, v.v... Ngoài ra cần máy tính.", ["Cần chuẩn bị bút, vở, v.v...", "Ngoài ra cần máy tính."]),
    ("Cần chuẩn bị bút, vở, v.v... để đi học.", ["Cần chuẩn bị bút, vở, v.v... để đi học."]),
    (
        "Xem chi tiết tại https://vnexpress.net/ai-123.html. Bài viết có nhiều ảnh.",
        ["Xem chi tiết tại https://vnexpress.net/ai-123.html.", "Bài viết có nhiều ảnh."],
    ),
    (
        "Liên hệ qua email info@dantri.com.vn. Chúng tôi sẽ trả lời.",
        ["Liên hệ qua email info@dantri.com.vn.", "Chúng tôi sẽ trả lời."],
    ),
    ('Ông nói: "Tôi sẽ đi." Sau đó ông rời khỏi phòng.', ['Ông nói: "Tôi sẽ đi."', "Sau đó ông rời khỏi phòng."]),
    (
        "Bà hỏi: ‘Có thật không?’ rồi im lặng. Không ai trả lời.",
        ["Bà hỏi: ‘Có thật không?’ rồi im lặng.", "Không ai trả lời."],
    ),
    ("Ông nói 'được rồi.' Mọi người vỗ tay.", ["Ông nói 'được rồi.'", "Mọi người vỗ tay."]),
    ("Người dân gọi đó là «phép màu». Thật vậy!", ["Người dân gọi đó là «phép màu».", "Thật vậy!"]),
    ("(Ông ấy đã đến từ sáng.) Sau đó ông đi.", ["(Ông ấy đã đến từ sáng.)", "Sau đó ông đi."]),
    ("Thật không?! Tôi không tin. Sao vậy?!", ["Thật không?!", "Tôi không tin.", "Sao vậy?!"]),
    (
        "Giá vàng tăng mạnh – gần 2% – trong tuần. Nhà đầu tư lo ngại.",
        ["Giá vàng tăng mạnh – gần 2% – trong tuần.", "Nhà đầu tư lo ngại."],
    ),
    (
        "Lúc 15h ngày 6/2/2025, giá xăng tăng. Cập nhật 06/02/2025 | 13:54.",
        ["Lúc 15h ngày 6/2/2025, giá xăng tăng.", "Cập nhật 06/02/2025 | 13:54."],
    ),
    (
        "Phiên bản 1.9.7 ra mắt. Phiên bản 2.0 dự kiến vào quý II/2025.",
        ["Phiên bản 1.9.7 ra mắt.", "Phiên bản 2.0 dự kiến vào quý II/2025."],
    ),
    ("Ông cho biết:\n- Tăng trưởng 7%\n- Lạm phát 3,5%", ["Ông cho biết:", "- Tăng trưởng 7%", "- Lạm phát 3,5%"]),
    ("Dân số đạt 100,3 triệu người. 36% sống ở đô thị.", ["Dân số đạt 100,3 triệu người.", "36% sống ở đô thị."]),
    (
        "“Chúng tôi rất vui,” bà nói. “Đây là thành công lớn.”",
        ["“Chúng tôi rất vui,” bà nói.", "“Đây là thành công lớn.”"],
    ),
    (
        "Ông Kim Jong-un và ông Donald J. Trump gặp nhau năm 2018.",
        ["Ông Kim Jong-un và ông Donald J. Trump gặp nhau năm 2018."],
    ),
    ("Theo tr. 45 của báo cáo, tăng trưởng chậm lại.", ["Theo tr. 45 của báo cáo, tăng trưởng chậm lại."]),
    ("Bà sống ở Hy Lạp và Ý. Những năm sau bà về nước.", ["Bà sống ở Hy Lạp và Ý.", "Những năm sau bà về nước."]),
]


@pytest.mark.parametrize(("text", "expected"), NEWS_CASES)
def test_news_style_cases(text, expected):
    assert split_sentences(text) == expected


def test_example_article_splits_where_a_reader_would():
    from tests.conftest import EXAMPLE

    paragraphs = EXAMPLE.read_text(encoding="utf-8").split("\n\n")
    quoted = next(p for p in paragraphs if p.startswith("TS."))
    assert split_sentences(quoted) == [
        "TS. Nguyễn Minh Tuấn, chuyên gia về chính sách công nghệ tại TP. Hồ Chí Minh, nhận định: "
        "“Đây không chỉ là câu chuyện thương mại.",
        "Chip bán dẫn đã trở thành một công cụ địa chính trị.”",
        "Ông cho rằng các nước đang phát triển cần chuẩn bị cho một thế giới công nghệ bị chia cắt.",
    ]
    etc = next(p for p in paragraphs if p.startswith("Liệu"))
    assert len(split_sentences(etc)) == 4
    assert sum(len(split_sentences(p)) for p in paragraphs) == 23


def _round_trip(text: str) -> None:
    spans = sentence_spans(text)
    rebuilt, end = "", 0
    for start, stop in spans:
        gap = text[end:start]
        assert gap.strip() == "", (text, gap)
        rebuilt += gap + text[start:stop]
        end = stop
    assert text[end:].strip() == ""
    assert rebuilt + text[end:] == text


@given(st.text(alphabet=st.sampled_from(list("aăâbcdđeêTPVv .,!?…\"“”'()\n0123456789:;-")), max_size=200))
def test_pieces_and_whitespace_give_back_the_input(text):
    _round_trip(text)


def test_a_one_letter_country_after_a_list_ends_the_sentence():
    """ "Ý" (Italy) is a word, not an initial: the full stop after it ends the sentence."""
    assert split_sentences("Ông đã thăm Pháp, Đức, Ý. Năm sau ông sang Nhật.") == [
        "Ông đã thăm Pháp, Đức, Ý.",
        "Năm sau ông sang Nhật.",
    ]
