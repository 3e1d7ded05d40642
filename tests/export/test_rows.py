"""Row ids and the review header every review format carries."""

import json
from pathlib import Path

from translator.document import Block, BlockKind, Document, Sentence
from translator.export.rows import review_header


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
