import pytest

from translator.translate.checks import problems, retryable

_ENGLISH = "apple bean corn date egg fig grape herb iris jam kale lime mint".split()  # no Vietnamese letter
_LOOP_LONG = ["repetition loop", "much longer than the source"]


@pytest.mark.parametrize(
    ("source", "translation", "score", "expected"),
    [
        ("Xin chào.", "Hello.", -0.4, []),
        ("Xin chào.", "", -0.4, ["empty translation"]),
        ("Xin chào thế giới.", "Xin chào thế giới.", -0.1, ["copied from the source"]),
        ("Bộ trưởng phát biểu.", "The pre- pre- pre- pre- minister spoke.", -0.9, ["repetition loop"]),
        ("Ông nói.", "He said that the the the the the.", -0.9, ["repetition loop"]),
        (
            "Có.",
            "Yes, and then a great many other words were added by the model for no reason at all.",
            -0.5,
            ["much longer than the source"],
        ),
        ("Xin chào.", "Hello.", -7.5, ["low model score"]),
        ("OpenAI", "OpenAI", -0.1, []),  # a name copied through is not a failure
        ("   ", "Hello.", -9.0, []),  # nothing to translate: nothing wrong
        ("Xin chào.", " \n", -0.4, ["empty translation"]),
        ("Có.", "Yes, and a few more words.", -0.5, []),  # 2 × 3 + 20 characters: not yet
        ("Có.", "Yes, and a few more words..", -0.5, ["much longer than the source"]),
        ("Xin chào.", "Hello.", -1.4, []),  # LOW_SCORE itself is not low
        ("Xin chào.", "Hello.", -1.41, ["low model score"]),
        (
            "Có.",
            "He said the the the the the and more and more words followed on.",
            -2.0,
            [*_LOOP_LONG, "low model score"],
        ),
        ("Có.", "các bạn go", None, []),  # two Vietnamese words: not yet
        ("Có.", "các bạn đi", None, ["still Vietnamese"]),
        ("a" * 100, f"các bạn đi {' '.join(_ENGLISH[:12])}", None, ["still Vietnamese"]),  # 3 of 15: a fifth
        ("a" * 100, f"các bạn đi {' '.join(_ENGLISH[:13])}", None, []),  # 3 of 16: less than a fifth
    ],
)
def test_problems(source, translation, score, expected):
    assert problems(source, translation, score) == expected


EIGHT = "một hai ba bốn năm sáu bảy tám"  # 30 characters, SHORT_FROM words


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        (EIGHT, "one two six ten", []),  # half the characters, four words
        (EIGHT, "one two six tn", ["much shorter than the source"]),  # less than half the characters
        (EIGHT, "alpha beta gamma delta", []),  # 4 of 8 words
        (EIGHT, "alphabet betamax gammaray", ["much shorter than the source"]),  # 3 of 8: under 0.4
        (EIGHT.rsplit(" ", 1)[0], "one two", []),  # seven words: too short a source to judge
    ],
)
def test_much_shorter_at_its_thresholds(source: str, translation: str, expected: list[str]) -> None:
    assert problems(source, translation, None) == expected


def test_retryable():
    for flag in ("empty translation", "repetition loop", "much longer than the source", "much shorter than the source"):
        assert retryable(["low model score", flag]), flag
    assert not retryable(["copied from the source", "still Vietnamese", "low model score"])
    assert not retryable([])


def test_an_output_much_shorter_than_its_source_is_flagged():
    """131 words rendered in 48 is a sentence half translated, whatever its numbers say."""
    source = " ".join(["người dân địa phương nói"] * 26) + " rồi."
    short = " ".join(["local people said"] * 16)
    assert len(source.split()) == 131 and len(short.split()) == 48
    assert problems(source, short, None) == ["much shorter than the source"]
    assert problems(source, " ".join(["local people said so"] * 20), None) == []
    assert problems("Ngắn.", "Short.", None) == []  # a short sentence has no room to lose much


def test_an_output_still_in_vietnamese_is_flagged_even_when_its_numbers_changed():
    source = "Giá xăng tăng 2.000 đồng mỗi lít từ ngày 6/2/2025."
    output = "Giá xăng tăng 2,000 dong mỗi lít từ 6 February 2025."
    assert output != source and problems(source, output, None) == ["still Vietnamese"]
    assert problems(source, "Petrol rose by 2,000 dong a litre on Nguyễn Trãi street.", None) == []
