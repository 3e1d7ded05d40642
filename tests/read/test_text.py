"""Which short lines of plain text are section headings and which a headline."""

import pytest

from translator.read.text import looks_like_heading, looks_like_title


@pytest.mark.parametrize(
    ("line", "heading", "title"),
    [
        ("Thị trường chip năm 2025", True, True),
        ("Ai sẽ thắng cuộc đua AI?", False, True),  # a headline may ask; a section heading does not
        ("Chưa từng có!", False, True),  # nor exclaim
        ("Giá xăng tăng mạnh.", False, False),  # a full stop ends a sentence
        ("“Chúng tôi sẽ làm”", False, False),  # quoted speech
        ("", False, False),
    ],
)
def test_a_heading_is_a_short_phrase_and_a_headline_may_ask_or_exclaim(line, heading, title):
    assert (looks_like_heading(line), looks_like_title(line)) == (heading, title)
