"""translator.read.markdown: what a Markdown file's blocks are."""

import pytest

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


def test_nested_lists_keep_each_items_text_and_own_number():
    """A list inside an item, or a quote, leaves the item as it was: the item's later paragraphs
    are paragraphs of it, not numbered again as items of their own, and the list after a nested
    one keeps its own numbers."""
    blocks, _ = read_markdown(
        "1. Bước một\n\n   - chi tiết a\n   - chi tiết b\n\n     > trích trong mục\n\n   Tiếp bước một.\n"
        "2. Bước hai\n   1) con một\n   2) con hai\n\n   Vẫn bước hai.\n\nĐoạn sau.\n\n- Một ý.\n\n  Ý ấy nói thêm.\n"
    )
    assert [(b.kind, b.text, b.marker) for b in blocks] == [
        (BlockKind.LIST_ITEM, "Bước một", "1."),
        (BlockKind.LIST_ITEM, "chi tiết a", ""),
        (BlockKind.LIST_ITEM, "chi tiết b", ""),
        (BlockKind.QUOTE, "trích trong mục", ""),
        (BlockKind.PARAGRAPH, "Tiếp bước một.", ""),
        (BlockKind.LIST_ITEM, "Bước hai", "2."),
        (BlockKind.LIST_ITEM, "con một", "1)"),
        (BlockKind.LIST_ITEM, "con hai", "2)"),
        (BlockKind.PARAGRAPH, "Vẫn bước hai.", ""),
        (BlockKind.PARAGRAPH, "Đoạn sau.", ""),
        (BlockKind.LIST_ITEM, "Một ý.", ""),
        (BlockKind.PARAGRAPH, "Ý ấy nói thêm.", ""),  # no second bullet either
    ]


NOT_META = (BlockKind.HEADING, "title: Không phải")  # a line underlined with --- is a heading
ONE, TWO = (BlockKind.PARAGRAPH, "Đoạn một."), (BlockKind.PARAGRAPH, "Đoạn hai.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đoạn một.\n\ntitle: Không phải\n---\n\nĐoạn hai.\n", [ONE, NOT_META, TWO]),
        ("Đoạn một.\n\n---\ntitle: Không phải\n---\n\nĐoạn hai.\n", [ONE, NOT_META, TWO]),  # a rule first
        ("\n---\ntitle: Không phải\n---\nĐoạn hai.\n", [(BlockKind.TITLE, NOT_META[1]), TWO]),  # a blank line first
    ],
)
def test_only_a_block_at_the_very_start_is_front_matter(text, expected):
    """Elsewhere a ``---`` line is Markdown: nothing is read as metadata, and no text is lost."""
    blocks, meta = read_markdown(text)
    assert meta == {}
    assert [(b.kind, b.text) for b in blocks] == expected
