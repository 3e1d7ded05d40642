"""Reading order and paragraphs for the PDF reader (``translator.read.pdf``): from the lines and
tables of a page to blocks.

The order is a recursive XY cut that prefers columns: a vertical gutter through a stretch of the
page separates columns, read left to right; where none runs through everything, the stretch is
cut into horizontal bands at the white space between them, and consecutive bands that share a
gutter (rows of the same two columns) are kept together so their columns can be cut apart.  A
title spanning the columns is a band of its own and comes first.

Lines become paragraphs unless the spacing grows, the first line is indented, the font changes,
a list marker starts the line, or the line before is short and ends a sentence; at a new column
or page a paragraph goes on when the line before filled its column and did not end a sentence.
"""

from __future__ import annotations

import itertools
import statistics
from dataclasses import dataclass

import regex as re

from translator.document import Block, BlockKind, Cell

MARKER = re.compile(r"^(?:[•●▪■◦○‣∙·►➢✓\-–—*+\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|\(?\d{1,3}[.)]|\(?[a-zđ][.)])\s+(?=\S)")
_NUMBERED = re.compile(r"^\(?(?:\d{1,3}|[a-zđ])[.)]$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_HYPHENATED = re.compile(r"\p{L}[-\u00ad\u2010]$")


@dataclass
class Line:
    """A line of text (or a fragment of one, before rows are joined) on one page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int
    column: tuple[float, float] = (0.0, 0.0)  # the left and right edges of the column it was read in
    text_x0: float = 0.0  # where the text starts after a list marker (where the item's next lines hang)


@dataclass
class Table:
    rows: list[list[str]]
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    column: tuple[float, float] = (0.0, 0.0)


def reading_order(items: list, column: tuple[float, float] | None = None) -> list:
    """``items`` in reading order (recursive XY cut, preferring columns; see the module's docstring)."""
    if not items:
        return []
    column = column or (min(i.x0 for i in items), max(i.x1 for i in items))
    cut = _gutter(items)
    if cut is not None:
        left = [i for i in items if i.x1 <= cut]
        right = [i for i in items if i.x1 > cut]
        return reading_order(left, _span(left)) + reading_order(right, _span(right))
    bands = _bands(items)
    if len(bands) == 1:
        return _rows(items, column)
    groups = [bands[0]]
    for band in bands[1:]:  # rows of the same columns stay together, so the columns can be cut apart
        if _gutter(groups[-1] + band) is not None:
            groups[-1] = groups[-1] + band
        else:
            groups.append(band)
    return [item for group in groups for item in reading_order(group, column)]


def _span(items: list) -> tuple[float, float]:
    return min(i.x0 for i in items), max(i.x1 for i in items)


def _gutter(items: list) -> float | None:
    """The x of a vertical gap through all ``items`` that separates two columns of text: wide enough
    (an em), and with text on both sides at least a fifth of the width (not list markers, not a lone
    page number, not the cells of an unruled table)."""
    if len(items) < 2:
        return None
    em = (
        statistics.median(i.size for i in items if isinstance(i, Line))
        if any(isinstance(i, Line) for i in items)
        else 10.0
    )
    x0, x1 = _span(items)
    ordered = sorted(items, key=lambda i: i.x0)
    reach = ordered[0].x1
    for item in ordered[1:]:
        if item.x0 - reach >= max(0.9 * em, 6.0):
            cut = (reach + item.x0) / 2
            left = [i for i in items if i.x1 <= cut]
            right = [i for i in items if i.x1 > cut]
            wide = 0.2 * (x1 - x0)
            if max(i.x1 - i.x0 for i in left) >= wide and max(i.x1 - i.x0 for i in right) >= wide:
                return cut
        reach = max(reach, item.x1)
    return None


def _bands(items: list) -> list[list]:
    """``items`` cut into horizontal bands at the vertical gaps between them, top to bottom."""
    bands: list[list] = []
    bottom = None
    for item in sorted(items, key=lambda i: i.top):
        if bottom is None or item.top > bottom:
            bands.append([item])
            bottom = item.bottom
        else:
            bands[-1].append(item)
            bottom = max(bottom, item.bottom)
    return bands


def _rows(items: list, column: tuple[float, float]) -> list:
    """A band with no gutter: its lines row by row, each row's fragments joined left to right."""
    out: list = []
    for item in sorted(items, key=lambda i: (i.top, i.x0)):
        item.column = column
        last = out[-1] if out else None
        middle = (item.top + item.bottom) / 2
        if isinstance(item, Line) and isinstance(last, Line) and last.top <= middle <= last.bottom:
            last.text = f"{last.text} {item.text}"
            last.x1 = max(last.x1, item.x1)
            last.bold = last.bold and item.bold
        else:
            out.append(item)
    return out


# --- paragraphs ---------------------------------------------------------------------------------------


def body_size(lines: list[Line]) -> float:
    """The size most of the text is set in."""
    sizes: dict[float, int] = {}
    for line in lines:
        sizes[round(line.size * 2) / 2] = sizes.get(round(line.size * 2) / 2, 0) + len(line.text)
    return max(sizes, key=sizes.get) if sizes else 10.0


def _cells(table: Table, number: int) -> list[Block]:
    """A ruled table's cells, row by row; a grid (two rows and two columns at least) keeps each
    cell's place so the exports rebuild it, a one-row or one-column frame is read as text."""
    grid = len(table.rows) > 1 and max(len(row) for row in table.rows) > 1
    return [
        Block(BlockKind.PARAGRAPH, text, cell=Cell(number, r, c) if grid else None)
        for r, row in enumerate(table.rows)
        for c, text in enumerate(row)
        if text
    ]


def to_blocks(items: list, body: float) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[Line] = []
    style = _Style(body, _leading(items), _indents(items))
    for item in items:
        if isinstance(item, Block):  # a scanned page's, read by OCR
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = []
            blocks.append(item)
        elif isinstance(item, Table):
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = []
            blocks.extend(_cells(item, 1 + max((b.cell.table for b in blocks if b.cell), default=-1)))
        elif paragraph and _continues(paragraph, item, style):
            paragraph.append(item)
        else:
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = [item]
    blocks.extend(_paragraph_block(paragraph, body, blocks))
    return blocks


@dataclass
class _Style:
    """How this document sets its paragraphs."""

    body: float  # the body text's font size
    leading: float  # the usual gap between two lines of a paragraph
    indents: bool  # paragraphs start with an indented first line (so an unindented line goes on one)


def _indents(items: list) -> bool:
    """Whether paragraphs here begin with an indented first line: seen at least twice, a line
    that starts an em or more right of the line before it (and neither is a list item)."""
    seen = sum(
        1
        for a, b in itertools.pairwise(items)
        if isinstance(a, Line)
        and isinstance(b, Line)
        and a.page == b.page
        and a.column == b.column
        and 0.8 * b.size < b.x0 - a.x0 < 4 * b.size
        and not MARKER.match(a.text)
        and not MARKER.match(b.text)
    )
    return seen >= 2


def _leading(items: list) -> float:
    """The usual gap between two lines of one paragraph."""
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(items)
        if isinstance(a, Line)
        and isinstance(b, Line)
        and a.page == b.page
        and a.column == b.column
        and 0 <= b.top - a.bottom < a.size
    ]
    return statistics.median(gaps) if gaps else 2.0


def _continues(paragraph: list[Line], line: Line, style: _Style) -> bool:
    """Whether ``line`` goes on the paragraph so far (see the module's docstring)."""
    first, prev = paragraph[0], paragraph[-1]
    if MARKER.match(line.text) or abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
        return False
    plain = prev.size < style.body * 1.15 and not prev.bold
    width = prev.column[1] - prev.column[0]
    short = prev.x1 < prev.column[1] - max(0.12 * width, 3 * prev.size)
    ended = _SENTENCE_END.search(prev.text) is not None
    lower = line.text[:1].islower()
    if line.page != prev.page or line.column != prev.column or line.top < prev.top:  # a new column or page
        indented = line.x0 > line.column[0] + 0.8 * line.size
        return not short and not indented and (style.indents or not ended or lower)
    if line.top - prev.bottom > style.leading + 0.35 * prev.size:
        return False
    if MARKER.match(first.text):  # a list item's next lines hang under its text, not under its marker
        if abs(line.x0 - first.text_x0) > 0.5 * first.size:
            return False
    elif line.x0 > prev.x0 + 0.8 * line.size:  # a first-line indent
        return False
    return not (plain and short and (ended or not lower))


def _paragraph_block(lines: list[Line], body: float, before: list[Block]) -> list[Block]:
    if not lines:
        return []
    text = lines[0].text
    for line in lines[1:]:
        text = join(text, line.text)
    marker = MARKER.match(text)
    if marker:
        number = marker.group().strip()
        return [Block(BlockKind.LIST_ITEM, text[marker.end() :], marker=number if _NUMBERED.match(number) else "")]
    size, bold = lines[0].size, all(line.bold for line in lines)
    kind = BlockKind.PARAGRAPH
    if size >= body * 1.15 or (bold and len(text) <= 200 and not re.search(r"[.,;:!?…]$", text)):
        kind = BlockKind.TITLE if not before and size >= body * 1.5 else BlockKind.HEADING
    return [Block(kind, text)]


def join(text: str, line: str) -> str:
    """Two lines of one paragraph: a word hyphenated at the line end is whole again ("inter-" "national"),
    a hyphen before a number or capital stays ("2024-" "2025"), else a space."""
    if _HYPHENATED.search(text) and line[:1].islower():
        return text[:-1] + line
    if re.search(r"[\p{L}\p{N}][-\u2010]$", text) and line[:1].isalnum():
        return text + line
    return f"{text} {line}"
