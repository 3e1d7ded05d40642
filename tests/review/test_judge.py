"""judge: what each kind of row a reviewer sends back comes to, whole (taken, refused, noted)."""

from __future__ import annotations

import pytest

from translator.document import Sentence
from translator.export.rows import row_id
from translator.review import Row, judge

MACHINE = [Sentence(f"Câu số {n}.", translation=f"Sentence {n}.") for n in range(1, 4)]


def _row(number: int, english: str | None = None, status: str = "", comment: str = "", **flags) -> Row:
    """Row ``number`` of the table as vietrans wrote it, with the reviewer's English/status/comment."""
    sentence = MACHINE[number - 1]
    english = sentence.translation if english is None else english
    return Row(row_id(number, sentence), sentence.source, english, comment, status, **flags)


@pytest.mark.parametrize(
    ("rows", "corrected", "problems", "notes", "carried"),
    [
        pytest.param(  # deleted with Track Changes: not applied, named as deleted
            [_row(1), _row(2, "Fixed.", deleted=True), _row(3)],
            0,
            [],
            ["rows deleted from the file, left as they were: 2"],
            {},
            id="tracked-deletion",
        ),
        pytest.param(  # an empty row a reviewer added: nothing to say
            [_row(1), Row("", "", "", "", ""), _row(2), _row(3)],
            0,
            [],
            [],
            {},
            id="empty-added-row",
        ),
        pytest.param(  # an id beyond the article's rows (copied from another table)
            [_row(1), _row(2), _row(3), Row("7" + _row(3).cell_id[1:], MACHINE[2].source, "X.", "", "")],
            0,
            ["row 7: no such row in the article; not applied"],
            [],
            {},
            id="no-such-row",
        ),
        pytest.param(  # a row a reviewer added with only an English: refused with its reason
            [_row(1), _row(2), Row("", "", "An extra sentence.", "", ""), _row(3)],
            0,
            ["row 3: no vietrans id in its # cell (an added row?); not applied"],
            [],
            {},
            id="added-row-english-only",
        ),
        pytest.param(  # English emptied with a status: refused, the status carried on
            [_row(1, "", status=" OK "), _row(2), _row(3)],
            0,
            ["row 1: the English is empty; not applied"],
            [],
            {MACHINE[0].source: ("OK", "")},
            id="empty-english-with-status",
        ),
        pytest.param(  # English emptied with a comment: refused, the comment carried on
            [_row(1), _row(2, "", comment="why?"), _row(3)],
            0,
            ["row 2: the English is empty; not applied"],
            [],
            {MACHINE[1].source: ("", "why?")},
            id="empty-english-with-comment",
        ),
        pytest.param(  # English emptied and nothing else: left as it was, silently
            [_row(1, ""), _row(2, "Fixed."), _row(3)],
            1,
            [],
            [],
            {},
            id="empty-english-alone",
        ),
        pytest.param(  # a row that cannot be read with certainty
            [
                _row(1, "Fixed.", problem="its English cell holds a picture, which cannot be read as text"),
                _row(2),
                _row(3),
            ],
            0,
            ["row 1: its English cell holds a picture, which cannot be read as text; not applied"],
            [],
            {},
            id="unreadable",
        ),
    ],
)
def test_each_kind_of_row(rows, corrected, problems, notes, carried, tmp_path) -> None:
    """A reviewer's row is taken, refused with its reason, or named; nothing is dropped silently."""
    applied = judge(tmp_path / "a.review.docx", {"vietrans_review": 1, "rows": 3}, rows)
    assert (applied.corrected, applied.approved, applied.problems, applied.notes, applied.carried) == (
        corrected,
        0,
        problems,
        notes,
        carried,
    )
