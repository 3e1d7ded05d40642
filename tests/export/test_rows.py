"""Row ids and the review header every review format carries."""

import json
from pathlib import Path

import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.export.rows import digest, review_header, row_id, status_text


def test_the_review_header_names_the_article_as_written_on_one_line(tmp_path):
    """A reviewer who opens the file's notes reads the article's name as it is (not \\u escapes)."""
    source = tmp_path / "Bài viết về chip.txt"
    doc = Document(
        blocks=[Block(BlockKind.PARAGRAPH, "Một. Hai.", [Sentence("Một.", "One."), Sentence("Hai.", "Two.")])],
        source=source,
        meta={"formats": "md,docx-review"},
    )
    header = review_header(doc)
    assert header == json.dumps(
        {"vietrans_review": 1, "source": str(Path(source).resolve()), "rows": 2, "formats": "md,docx-review"},
        ensure_ascii=False,
    )
    assert "Bài viết về chip.txt" in header and "\n" not in header


def test_a_row_id_is_its_number_and_short_hashes_that_ignore_whitespace_layout():
    """A reviewer's editor may rewrap a cell: the id must still name the same row and the same English."""
    assert digest("Giá xăng tăng.") == "a7ee93b8d2ece23d2398ae2c4d5c23358fa8bfb9911be89753edf7bc0258dc45"
    assert digest(" Giá  xăng\ntăng. ") == digest("Giá xăng tăng.") != digest("Giá xăng tăng")
    assert row_id(12, Sentence("Giá  xăng\ntăng.", "Fuel rose.")) == "12-a7ee93-0410"


def test_a_header_for_text_without_a_file_has_an_empty_source():
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "Một.", [Sentence("Một.", "One.")])])
    assert review_header(doc) == '{"vietrans_review": 1, "source": "", "rows": 1, "formats": ""}'


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        (Sentence("a", "b", reviewed="approved"), "Đã duyệt (approved)"),
        (Sentence("a", "b", reviewed="corrected"), "Đã sửa (corrected)"),
        (Sentence("a", "b", reviewed="checked by desk"), "checked by desk"),
        (Sentence("a", "b", status="needs work"), "needs work"),
        (Sentence("a", "b", reviewed="approved", status="needs work"), "Đã duyệt (approved)"),
        (Sentence("a", "b"), ""),
    ],
)
def test_the_status_cell_shows_the_drop_downs_choice_or_the_reviewers_own_word(sentence, shown):
    assert status_text(sentence) == shown
