"""translator.read.markdown: what a Markdown file's blocks are."""

from translator.document import BlockKind
from translator.read.markdown import read_markdown


def test_a_paragraph_after_a_list_is_a_paragraph_again():
    blocks, _ = read_markdown("1. một\n2. hai\n\nĐoạn sau danh sách.\n\n- ba\n")
    assert [(b.kind, b.text) for b in blocks] == [
        (BlockKind.LIST_ITEM, "một"),
        (BlockKind.LIST_ITEM, "hai"),
        (BlockKind.PARAGRAPH, "Đoạn sau danh sách."),
        (BlockKind.LIST_ITEM, "ba"),
    ]
    assert [b.marker for b in blocks] == ["1.", "2.", "", ""]


def test_a_footnote_of_two_paragraphs_keeps_both_as_written():
    blocks, _ = read_markdown("Câu[^1].\n\n[^1]: Chú thích một.\n\n    Đoạn hai của chú thích.\n")
    texts = [b.text for b in blocks]
    assert "[1] Chú thích một." in texts and "Đoạn hai của chú thích." in texts
    assert len(texts) == 3
