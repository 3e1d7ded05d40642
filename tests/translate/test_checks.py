import pytest

from translator.translate.checks import problems, retryable


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
    ],
)
def test_problems(source, translation, score, expected):
    assert problems(source, translation, score) == expected


def test_retryable():
    assert retryable(["repetition loop"]) and retryable(["empty translation"])
    assert not retryable(["copied from the source", "low model score"])


def test_an_output_much_shorter_than_its_source_is_flagged():
    """131 words rendered in 48 is a sentence half translated, whatever its numbers say."""
    source = " ".join(["người dân địa phương nói"] * 26) + " rồi."
    short = " ".join(["local people said"] * 16)
    assert len(source.split()) == 131 and len(short.split()) == 48
    assert "much shorter than the source" in problems(source, short, None)
    assert "much shorter than the source" not in problems(source, " ".join(["local people said so"] * 20), None)
    assert problems("Ngắn.", "Short.", None) == []  # a short sentence has no room to lose much


def test_an_output_still_in_vietnamese_is_flagged_even_when_its_numbers_changed():
    source = "Giá xăng tăng 2.000 đồng mỗi lít từ ngày 6/2/2025."
    output = "Giá xăng tăng 2,000 dong mỗi lít từ 6 February 2025."
    assert output != source and "still Vietnamese" in problems(source, output, None)
    assert problems(source, "Petrol rose by 2,000 dong a litre on Nguyễn Trãi street.", None) == []
