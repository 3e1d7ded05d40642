"""The English forms of a fact (``translator.facts.forms``): which spellings of a value count as it.

Each table states, for one family of value, English that carries it and English that does not:
a form accepted wrongly is a fact counted as kept that the output does not carry."""

from decimal import Decimal

import pytest

from translator.facts.forms import (
    amount_pattern,
    compiled,
    ordinal_words,
    parse_vietnamese,
    plain_pattern,
    unmarked,
    value_pattern,
    words,
)


@pytest.mark.parametrize(
    ("value", "english", "found"),
    [
        ("2", "2", True),
        ("2", "two", True),
        ("2", "2.0", True),
        ("21", "twenty-one", True),
        ("21", "twenty one", True),
        ("2200112", "2,200,112", True),
        ("2200112", "2 200 112", True),
        ("2200112", "2200112", True),
        ("2.5", "2.5", True),
        ("2.5", "2.50", True),
        # a decimal is never its whole part spelled out ("2,5" is not "two", "0,5" not "zero")
        ("2.5", "two", False),
        ("0.5", "zero", False),
        ("21.5", "twenty-one", False),
        ("2", "2.5", False),
        ("2200112", "2,200,12", False),
        ("100", "one hundred", False),  # words only up to ninety-nine
    ],
)
def test_a_value_is_its_digits_in_any_layout_and_a_whole_one_its_words(value: str, english: str, found: bool) -> None:
    assert bool(compiled(value_pattern(Decimal(value))).fullmatch(english)) is found


@pytest.mark.parametrize(
    ("value", "english", "found"),
    [
        ("21", "the 21 floors", True),
        ("21", "the 21st floor", True),  # a count written as an ordinal is the same number
        ("2", "his 2nd term", True),
        ("3", "the 3rd round", True),
        ("4", "the 4th day", True),
        ("2.5", "a 2.5th floor", False),  # a decimal has no ordinal
        ("2.5", "a grade of 2.5", True),
        ("21", "210 floors", False),
        ("21", "1.21 floors", False),
        ("21", "21% more", False),
        ("21", "$21 more", False),
        ("21", "21 million more", False),
        ("21", "21kg more", False),
    ],
)
def test_a_plain_number_is_found_alone_or_as_an_ordinal_never_with_more_attached(
    value: str, english: str, found: bool
) -> None:
    assert bool(compiled(plain_pattern(Decimal(value))).search(english)) is found


@pytest.mark.parametrize(
    ("n", "spelled", "ordinal"),
    [(0, "zero", "zeroth"), (19, "nineteen", "nineteenth"), (20, "twenty", "twentieth"),
     (21, "twenty-one", "twenty-first"), (30, "thirty", "thirtieth"), (99, "ninety-nine", "ninety-ninth"),
     (100, None, None), (-1, None, None)],
)  # fmt: skip
def test_numbers_are_spelled_up_to_ninety_nine(n: int, spelled: str | None, ordinal: str | None) -> None:
    assert (words(n), ordinal_words(n)) == (spelled, ordinal)


@pytest.mark.parametrize(
    ("text", "value"),
    [("2.200.112", Decimal("2200112")), ("15,5", Decimal("15.5")), ("2.200,5", Decimal("2200.5")), ("45", Decimal(45)),
     ("2.20", None), ("1,2,3", None), ("15.5", None)],
)  # fmt: skip
def test_a_vietnamese_number_is_read_or_refused_when_ambiguous(text: str, value: Decimal | None) -> None:
    assert parse_vietnamese(text) == value


def test_unmarked_drops_every_diacritic_and_keeps_case_and_length():
    """How a name is matched when the English lost its marks: "Nguyễn" is "Nguyen", "đ" is "d"."""
    text = "Đường đi Đà Nẵng, Nguyễn Thị Ánh đọc"
    assert unmarked(text) == "Duong di Da Nang, Nguyen Thi Anh doc"
    assert len(unmarked(text)) == len(text)


@pytest.mark.parametrize(
    ("value", "english", "found"),
    [
        ("15500000000", "15.5 billion", True),
        ("15500000000", "15,500 million", True),
        ("15500000000", "15.5", False),  # a magnitude it does not have
        ("3000", "3 thousand", True),
        ("1500", "1,500", True),
        ("1500", "1.5 thousand", False),  # thousands are whole in English news copy
    ],
)
def test_an_amount_is_found_with_its_magnitude_or_in_full(value, english, found):
    from decimal import Decimal

    assert bool(compiled(amount_pattern(Decimal(value))).search(english)) is found
