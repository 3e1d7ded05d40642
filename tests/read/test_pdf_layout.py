"""How the lines of a PDF paragraph are joined (``translator.read.pdf_layout.join``)."""

import pytest

from translator.read.pdf_layout import join


@pytest.mark.parametrize(
    ("text", "line", "joined"),
    [
        ("một hai", "ba bốn", "một hai ba bốn"),
        ("hợp tác inter-", "national", "hợp tác international"),  # a word hyphenated at the line end
        ("chuyên gia kinh\u00ad", "tế", "chuyên gia kinhtế"),  # a soft hyphen, the same
        ("chuyên gia kinh\u2010", "tế", "chuyên gia kinhtế"),
        ("giai đoạn 2024-", "2025", "giai đoạn 2024-2025"),  # before a number the hyphen stays
        ("quan hệ Việt-", "Mỹ", "quan hệ Việt-Mỹ"),  # and before a capital
        ("biến thể Covid-", "19 mới", "biến thể Covid-19 mới"),
        ("quan hệ Việt-", "“Mỹ”", "quan hệ Việt- “Mỹ”"),  # before anything else, a space
        ("Hà Nội -", "Hải Phòng", "Hà Nội - Hải Phòng"),  # a dash between words is no hyphen
        ("Hà Nội -", "hôm nay", "Hà Nội - hôm nay"),
    ],
)
def test_the_lines_of_a_paragraph_are_joined_with_a_space_unless_a_hyphen_joins_them(text, line, joined):
    assert join(text, line) == joined
