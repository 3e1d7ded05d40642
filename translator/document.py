"""The document model every stage reads and writes.

read → clean → segment → translate → export: each stage takes a
:class:`Document` and fills in more of it, so each can be tested alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class BlockKind(str, Enum):
    """What a block is in the story; exports style each kind."""

    TITLE = "title"
    LEAD = "lead"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    CAPTION = "caption"
    BYLINE = "byline"
    QUOTE = "quote"
    LIST_ITEM = "list_item"
    NOTE = "note"  # a footnote or endnote, kept after the story
    CODE = "code"  # program code or preformatted text: passed through untranslated

    def __str__(self) -> str:
        return self.value


@dataclass
class Sentence:
    """One source sentence and what became of it."""

    source: str
    translation: str = ""
    score: float | None = None  # the model's length-penalised log-probability
    flags: list[str] = field(default_factory=list)
    engine_input: str = ""  # the source with glossary terms and spans in English, when that differs
    plain_input: str = ""  # the source with only its spans (numbers, dates ...) in English, when that differs
    terms: list = field(default_factory=list)  # translator.glossary.terms.TermUse, one per glossary match
    spans: list = field(default_factory=list)  # translator.facts.spans.Span: numbers, dates, names, links
    facts: list = field(default_factory=list)  # translator.facts.ledger.Fact: every fact, checked in the output
    verbatim: bool = False  # passed through as it is (code), never sent to the model
    reviewed: str = ""  # a person's translation: "approved" (the machine's, accepted) or "corrected"
    comment: str = ""  # the reviewer's comment on it (from the memory): every report shows it
    status: str = ""  # a reviewer's status vietrans did not act on ("needs work"), for the next review table


@dataclass(frozen=True)
class Cell:
    """Where a block stands in a table of the source, so every export rebuilds the table
    (which price goes with which city) instead of loose lines."""

    table: int  # the table's number in the document, from 0
    row: int
    column: int
    header: bool = False


@dataclass
class Block:
    """A title, heading, paragraph ... of the story, with its sentences."""

    kind: BlockKind
    text: str
    sentences: list[Sentence] = field(default_factory=list)
    marker: str = ""  # a numbered list item's own number ("3.", "b)"), shown before it
    cell: Cell | None = None  # set for the text of a table cell (a cell may hold several blocks)


def tables(blocks: list[Block]) -> Iterator[tuple[Block | None, list[list[list[Block]]]]]:
    """The blocks in order, a table's blocks grouped as one item: ``(block, [])`` for a block of
    running text, ``(None, rows)`` for a table, each row a list of cells, each cell its blocks
    (a cell the source left empty is an empty list; every row as wide as the widest)."""
    index = 0
    while index < len(blocks):
        cell = blocks[index].cell
        if cell is None:
            yield blocks[index], []
            index += 1
            continue
        end = index
        while end < len(blocks) and blocks[end].cell is not None and blocks[end].cell.table == cell.table:
            end += 1
        members = blocks[index:end]
        rows = sorted({b.cell.row for b in members})
        width = max(b.cell.column for b in members) + 1
        grid = {row: [[] for _ in range(width)] for row in rows}
        for block in members:
            grid[block.cell.row][block.cell.column].append(block)
        yield None, [grid[row] for row in rows]
        index = end


@dataclass
class Removed:
    """A block left out of the translation, and why (never dropped silently)."""

    text: str
    reason: str


@dataclass
class Document:
    """An article on its way from the input file to the exports."""

    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    source: Path | None = None
    warnings: list[str] = field(default_factory=list)  # what the user should know, e.g. an encoding repaired
    vietnamese: bool = True  # False when the text does not look Vietnamese (a warning says so too)

    @property
    def title(self) -> str:
        """The title block's text, else the file name."""
        for block in self.blocks:
            if block.kind is BlockKind.TITLE:
                return block.text
        return self.source.stem if self.source else ""

    def sentences(self) -> Iterator[Sentence]:
        """Every sentence in document order."""
        for block in self.blocks:
            yield from block.sentences
