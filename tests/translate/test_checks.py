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
