"""judge: what each kind of row a reviewer sends back comes to, whole (taken, refused, noted)."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.errors import InputError
from translator.export import render
from translator.export.rows import digest, row_id
from translator.review import Applied, Row, judge, read_review

MACHINE = [Sentence(f"Câu số {n}.", translation=f"Sentence {n}.") for n in range(1, 8)]


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


def test_rows_corrected_approved_or_refused_each_with_its_reason(tmp_path) -> None:
    """The whole outcome: what goes into the memory (with the review file's name), which machine English
    a correction replaced, each row's number, and the status and comment of every row not applied."""
    rows = [
        _row(1, status="OK", comment="tốt"),
        _row(2, "Fixed two."),
        _row(3, status="Đã sửa"),  # a report written again after a review says so in its status
        _row(4, status=" needs work ", comment="xem lại"),
        _row(5, status=" ", comment="hmm"),  # (a blank status is none)
        Row(_row(6).cell_id, "Câu số sáu.", "Sentence 6.", "", "OK"),
        _row(7),
    ]
    path = tmp_path / "bai.review.docx"
    header = {"vietrans_review": 1, "rows": 7}
    src = [s.source for s in MACHINE]
    assert judge(path, header, rows) == Applied(
        header,
        corrected=2,
        approved=1,
        problems=[
            "row 4: marked 'needs work' but its English is unchanged; not applied"
            " (correct the English, or set the status to OK / Đã duyệt)",
            "row 5: a comment but no correction or approval; not applied (set the status to OK / Đã duyệt to keep it)",
            "row 6: its Vietnamese was edited; not applied (edit only the English)",
        ],
        human=[
            (src[0], "Sentence 1.", "approved", "tốt", "bai.review.docx"),
            (src[1], "Fixed two.", "corrected", "", "bai.review.docx"),
            (src[2], "Sentence 3.", "corrected", "", "bai.review.docx"),
        ],
        replaced={src[1]: digest("Sentence 2.")[:4], src[2]: digest("Sentence 3.")[:4]},
        numbers={src[0]: 1, src[1]: 2, src[2]: 3},
        carried={src[3]: ("needs work", "xem lại"), src[4]: ("", "hmm")},
    )


def test_a_translators_own_tmx_units_are_taken_whole_or_refused(tmp_path) -> None:
    """A unit without a vietrans id is a person's translation; a TMX may hold only some rows, so none is "deleted"."""
    rows = [
        Row("tm-1", "Xin chào.", "Hello.", "", "", trusted=True),
        Row("tm-2", "Tạm biệt.", "", "", "", trusted=True),
        Row("tm-3", "", "Bye.", "", "", trusted=True),
        Row("tm-4", "Một.", "One.", "", "", trusted=True, problem="two English variants"),
        _row(2, "Fixed two.", deleted=True),
    ]
    header = {"vietrans_review": 1, "rows": 3}
    assert judge(tmp_path / "memory.TMX", header, rows) == Applied(
        header,
        corrected=1,
        problems=[f"unit {n}: needs both its Vietnamese and its English; not applied" for n in (2, 3, 4)],
        human=[("Xin chào.", "Hello.", "corrected", "", "memory.TMX")],
    )


def _article() -> Document:
    sentences = [Sentence("Một.", "One."), Sentence("Hai.", "Two.", comment="xem lại")]
    return Document(
        blocks=[Block(BlockKind.PARAGRAPH, "Một. Hai.", sentences)], source=Path("/tin/bai.txt"), meta={"formats": "md"}
    )


@pytest.mark.parametrize(
    ("fmt", "name"), [("docx-review", "bai.review.docx"), ("xliff", "bai.XLF"), ("tmx", "bai.tmx")]
)
def test_each_review_format_reads_back_as_it_was_written(tmp_path, fmt, name) -> None:
    """Every review format gives back each sentence and its comment as written (a TMX's ``Comment:`` note too)."""
    path = tmp_path / name
    path.write_bytes(render(_article(), fmt))
    ids = [row_id(n, s) for n, s in enumerate(_article().sentences(), 1)]
    assert read_review(path) == (
        {"vietrans_review": 1, "source": "/tin/bai.txt", "rows": 2, "formats": "md"},
        [Row(ids[0], "Một.", "One.", "", ""), Row(ids[1], "Hai.", "Two.", "xem lại", "")],
        [],
    )


def test_a_tmx_without_a_review_header_is_a_translators_memory(tmp_path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(
        '<tmx version="1.4"><header/><body>'
        '<tu tuid="1-96b3e5-7027"><tuv xml:lang="vi"><seg>Một.</seg></tuv><tuv xml:lang="en"><seg>One.</seg></tuv></tu>'
        '<tu tuid="77"><tuv xml:lang="vi"><seg>Hai.</seg></tuv><tuv xml:lang="en"><seg>Two.</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    assert read_review(path) == (
        {},
        [Row("1-96b3e5-7027", "Một.", "One.", "", ""), Row("77", "Hai.", "Two.", "", "", trusted=True)],
        [],
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bai.md", b"# T", "{path}: not a review file (a .review.docx, .xlf or .tmx vietrans made)"),
        (
            "bai.xliff",
            b'<xliff version="2.0"><file><notes><note category="vietrans-review">{"rows": 2}</note>'
            b'<note category="vietrans-review">[1]</note><note category="vietrans-review">not json</note>'
            b"</notes></file></xliff>",
            "{path}: not a vietrans review file (made with -f docx-review, xliff or tmx)",
        ),
        (
            "bai.tmx",
            b'<xliff version="1.2"/>',
            "{path}: not a vietrans review file (made with -f docx-review, xliff or tmx)",
        ),
        ("bai.docx", None, "{path}: not a vietrans review file (made with -f docx-review, xliff or tmx)"),
    ],
)
def test_a_file_that_is_no_review_file_says_so(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    path.write_bytes(content if content is not None else render(_article(), "docx"))
    with pytest.raises(InputError) as raised:
        read_review(path)
    assert str(raised.value) == message.format(path=path)
