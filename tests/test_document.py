"""The document model: what every stage and export reads of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from translator.document import Block, BlockKind, Cell, Document, Sentence, tables


def test_a_block_kind_reads_as_its_name_in_text():
    """Messages and exports write a kind as the word a user passes (``list_item``), not ``BlockKind.LIST_ITEM``."""
    assert [f"{kind}" for kind in BlockKind] == [
        "title", "lead", "heading", "paragraph", "caption", "byline", "quote", "list_item", "note", "code"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("blocks", "source", "title"),
    [
        ([Block(BlockKind.PARAGRAPH, "Mở."), Block(BlockKind.TITLE, "Tiêu đề")], Path("/in/bai.txt"), "Tiêu đề"),
        ([Block(BlockKind.HEADING, "Phần")], Path("/in/bai.txt"), "bai"),  # a heading is no title
        ([], None, ""),
    ],
)
def test_a_documents_title_is_its_title_block_else_its_files_name(blocks, source, title):
    assert Document(blocks=blocks, source=source).title == title


def test_a_tables_blocks_come_as_one_grid_every_row_as_wide_as_the_widest():
    """Cells grouped by row (a cell may hold two blocks, a cell left empty is []); the next table and
    the running text around them stay apart, in order."""

    def cell(text: str, table: int, row: int, column: int) -> Block:
        return Block(BlockKind.PARAGRAPH, text, [Sentence(text)], cell=Cell(table, row, column))

    before, after = Block(BlockKind.PARAGRAPH, "Trước."), Block(BlockKind.PARAGRAPH, "Sau.")
    a, b, c, d = cell("A", 0, 0, 0), cell("B", 0, 0, 0), cell("C", 0, 2, 3), cell("D", 1, 0, 0)
    assert list(tables([before, a, b, c, d, after])) == [
        (before, []),
        (None, [[[a, b], [], [], []], [[], [], [], [c]]]),  # (no row 1 in the source: none here)
        (None, [[[d]]]),
        (after, []),
    ]
