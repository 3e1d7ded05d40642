from translator.document import Block, BlockKind, Document, Sentence
from translator.export.markdown import escape, render


def _doc() -> Document:
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title")]),
            Block(BlockKind.PARAGRAPH, "a | b", [Sentence("a | b *c*", "x | y"), Sentence("# không", "> no")]),
            Block(BlockKind.HEADING, "Phần hai", [Sentence("Phần hai", "Part two")]),
            Block(BlockKind.PARAGRAPH, "z", [Sentence("z", "zz")]),
        ],
        meta={"source_file": "a.txt", "model": "m 1.0", "test_model": "yes", "vietrans": "0.1.0"},
    )


def test_structure_title_headings_one_row_per_sentence():
    text = render(_doc()).decode("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Tiêu đề" and lines[1] == "*Title*"
    assert "## Phần hai" in lines and "*Part two*" in lines
    rows = [line for line in lines if line.startswith("| ") and "---" not in line and "Tiếng Việt" not in line]
    assert len(rows) == 3
    assert all(row.count(" | ") == 1 for row in rows)  # escaped pipes do not add columns
    assert "Warning" in text and "test model" in text
    assert "- **vietrans:** 0.1.0" in text  # a version after a label is no list marker


def test_escape_what_markdown_would_misread():
    assert escape("a|b") == "a\\|b"
    assert escape("*bold*") == "\\*bold\\*"
    assert escape("# not a heading").startswith("\\#")
    assert escape("> not a quote").startswith("\\>")
    assert escape("1. not a list") == "1\\. not a list"


def test_kinds_are_styled_and_left_out_text_is_listed():
    from translator.document import Removed

    doc = Document(
        blocks=[
            Block(BlockKind.TITLE, "T", [Sentence("T", "T")]),
            Block(BlockKind.LEAD, "L", [Sentence("Mở đầu.", "Lead.")]),
            Block(BlockKind.CAPTION, "C", [Sentence("Ảnh: AFP", "Photo: AFP")]),
            Block(BlockKind.BYLINE, "B", [Sentence("Theo Reuters", "By Reuters")]),
            Block(BlockKind.LIST_ITEM, "I", [Sentence("Mục", "Item")]),
        ],
        removed=[Removed("Cùng chủ đề", "other stories")],
    )
    text = render(doc).decode("utf-8")
    assert "| **Mở đầu.** | **Lead.** |" in text
    assert "| *Ảnh: AFP* | *Photo: AFP* |" in text
    assert "<sub>Theo Reuters</sub>" in text and "| • Mục | • Item |" in text
    assert text.rstrip().endswith("| Cùng chủ đề | other stories |")
    assert "## Left out of the translation" in text
