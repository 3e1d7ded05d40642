"""The attention anchor: which output words translate a stretch of the source."""

import pytest

from translator.translate.align import Alignment, anchor, spans_of


def test_spans_of_leaves_the_leading_space_out():
    assert spans_of(["The", " stat", "ement", " was", "."]) == [(0, 3), (4, 8), (8, 13), (14, 17), (17, 18)]


def _alignment(surfaces: list[str], focus: list[int]) -> Alignment:
    """Three source tokens ("Thổ", " Nhĩ Kỳ", " nói") at 0-3, 4-10, 11-14; target token i attends
    mostly to source token ``focus[i]``."""
    weights = [[0.8 if s == f else 0.1 for s in range(3)] for f in focus]
    return Alignment([(0, 3), (4, 10), (11, 14)], spans_of(surfaces), weights)


def test_the_words_attending_to_the_term_most():
    surfaces = ["The", " Tur", "key", " said", "."]
    alignment = _alignment(surfaces, [2, 0, 1, 2, 2])
    assert anchor(alignment, 0, 10) == (4, 10)  # "Turkey": both its pieces, as one word


@pytest.mark.parametrize(
    ("surfaces", "weights", "expected"),
    [
        (  # "the Turks" (1.9) over "Turkey" (0.9)
            ["A", " Turkey", " and", " the", " Turks", " said"],
            [[0.1, 0.1, 0.8], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.9, 0.05, 0.05], [0.9, 0.05, 0.05], [0, 0, 1]],
            (13, 22),
        ),
        (  # the first run opens the output and is weaker: "the Turks" (1.4) over "Turkey" (0.9) still
            ["Turkey", " and", " the", " Turks", " said"],
            [[0.6, 0.3, 0.1], [0.2, 0.2, 0.6], [0.6, 0.1, 0.3], [0.6, 0.1, 0.3], [0, 0, 1]],
            (11, 20),
        ),
    ],
)
def test_the_strongest_run_wins(surfaces: list[str], weights: list[list[float]], expected: tuple[int, int]):
    """Each run counts only the attention its own words pay, wherever it stands in the output."""
    alignment = Alignment([(0, 3), (4, 10), (11, 14)], spans_of(surfaces), weights)
    assert anchor(alignment, 0, 10) == expected


def test_of_two_equally_strong_runs_the_first_wins():
    """A term said twice in the output with the same attention: the place is the first (reading
    order), never a coin toss between runs."""
    surfaces = ["Turkey", " and", " Turkey", " said"]
    weights = [[0.9, 0.05, 0.05], [0.1, 0.1, 0.8], [0.9, 0.05, 0.05], [0, 0, 1]]
    alignment = Alignment([(0, 3), (4, 10), (11, 14)], spans_of(surfaces), weights)
    assert anchor(alignment, 0, 10) == (0, 6)


def test_no_word_attends_to_it_most():
    surfaces = ["He", " spoke"]
    weak = Alignment([(0, 3), (4, 10), (11, 14)], spans_of(surfaces), [[0.04, 0.04, 0.92]] * 2)
    assert anchor(weak, 0, 10) is None  # 8% of the attention: not a place
    fair = Alignment([(0, 3), (4, 10), (11, 14)], spans_of(surfaces), [[0.1, 0.1, 0.8], [0.2, 0.1, 0.7]])
    assert anchor(fair, 0, 10) == (3, 8)  # "spoke" gives the term 30%: the best guess there is


@pytest.mark.parametrize(
    ("share", "expected"), [(0.05, (0, 2)), (0.045, None)], ids=["a-tenth-is-a-place", "less-is-not"]
)
def test_the_least_share_of_attention_that_still_places_a_term(share: float, expected) -> None:
    """MIN_ATTENTION itself is enough: a word giving the term (two tokens here) a tenth of its
    attention is where it goes."""
    weights = [[share, share, 1 - 2 * share]] * 2
    alignment = Alignment([(0, 3), (4, 10), (11, 14)], spans_of(["He", " spoke"]), weights)
    assert anchor(alignment, 0, 10) == expected


def test_in_an_empty_translation_or_on_an_empty_token_there_is_no_place():
    assert anchor(Alignment([(0, 3), (4, 10)], [], []), 0, 10) is None  # the model wrote nothing
    empty = Alignment([(0, 3), (4, 4), (5, 10)], spans_of(["He", " spoke"]), [[0.0, 1.0, 0.0]] * 2)
    assert anchor(empty, 3, 5) is None  # the only token there is empty: it stands for nothing


def test_a_stretch_outside_every_token():
    alignment = _alignment(["The", " Tur", "key", " said", "."], [2, 0, 1, 2, 2])
    assert anchor(alignment, 20, 25) is None
