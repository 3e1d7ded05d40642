"""Statuses as desks write them: matched whole, never by a word inside them."""

import pytest

from translator.review.status import meaning


@pytest.mark.parametrize(
    ("status", "means"),
    [
        ("Đã duyệt", "approved"),
        ("ĐÃ DUYỆT.", "approved"),
        ("Da duyet", "approved"),
        ("Duyệt", "approved"),
        ("Đạt", "approved"),
        ("Đồng ý", "approved"),
        ("OK", "approved"),
        ("x", "approved"),
        ("✅", "approved"),
        ("✔️", "approved"),  # with the emoji variation selector Word keeps
        ("✅ Đạt", "approved"),
        ("✅ cần sửa", None),  # a tick with more words: the words decide, "needs fixing"
        ("✓ Đã sửa", "corrected"),
        ("Đã duyệt (approved)", "approved"),  # the drop-down's choice
        ("OK / approved", "approved"),
        ("Đã sửa", "corrected"),
        ("Hiệu đính", "corrected"),
        ("Đã sửa (corrected)", "corrected"),
        ("", ""),
        ("  ", ""),
        ("chưa đạt", None),  # "not yet passed"
        ("không đạt", None),  # "failed"
        ("cần sửa", None),  # "needs fixing", not "fixed"
        ("Cần sửa (needs work)", None),
        ("needs work", None),
        ("approved, corrected", None),  # two meanings at once: not guessed at
    ],
)
def test_meaning(status, means):
    assert meaning(status) == means
