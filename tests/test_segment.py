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
