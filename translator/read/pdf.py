"""Read a PDF's text layer into a :class:`~translator.document.Document`, in reading order.

A PDF holds glyphs at positions, not paragraphs, so the structure is rebuilt from the page:
words (pdfplumber) become lines; the reading order comes from the page's white space (a recursive
XY cut: a gutter that runs down a stretch of the page separates columns, read left to right, and
a title spanning the columns comes before them); lines become paragraphs where the spacing,
indentation, a short last line or a change of font says so, and a word hyphenated at a line end is
joined again.  Font size and weight make headings, list markers list items.  Ruled tables
(pdfplumber's table finder) are read cell by cell, row by row, like the DOCX reader's.

What is not the story is set aside with its reason, never dropped: running headers and footers
(the same line at the top or bottom of several pages) and page numbers.  Text typed in legacy
Vietnamese fonts (TCVN3 ".VnTime", VNI "VNI-Times") is converted (``translator.read.encoding``).  Pages
with no text layer (scans) are read by OCR when ``vietrans[ocr]`` and Tesseract are installed
(``translator.read.pdf_ocr``), and otherwise named in a warning with what to install.
"""

from __future__ import annotations

import io
import itertools
import statistics
from dataclasses import dataclass, field

import regex as re

from translator.document import Block, BlockKind, Document, Removed
from translator.errors import InputError
from translator.read import encoding

_MARKER = re.compile(r"^(?:[•●▪■◦○‣∙·►➢✓\-–—*+\uf0a7\uf0b7\uf0d8\uf076\uf0fc]|\(?\d{1,3}[.)]|\(?[a-zđ][.)])\s+(?=\S)")
_NUMBERED = re.compile(r"^\(?(?:\d{1,3}|[a-zđ])[.)]$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page|tr\.)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:/|of|trên|của)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"\p{L}[-\u00ad\u2010]$")
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FURNITURE_ZONE = 0.12  # the top and bottom share of a page where running headers and footers live
_JUNK_TITLES = re.compile(r"^(?:microsoft (?:word|powerpoint) - |untitled|document\d*$)|\.(?:docx?|pdf|odt)$", re.I)


@dataclass
class _Line:
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
    fonts: list[tuple[str, str]] = field(default_factory=list)  # (font name, word): the legacy-font check's


@dataclass
class _Table:
    rows: list[list[str]]
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    column: tuple[float, float] = (0.0, 0.0)


@dataclass
class _Page:
    items: list = field(default_factory=list)  # _Line and _Table
    height: float = 0.0
    scan: list[Block] = field(default_factory=list)  # a page without a text layer, read by OCR


def read_pdf(data: bytes, name: str = "input") -> Document:
    """The story of a PDF: text layer in reading order, furniture set aside, scans OCR'd or named."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    doc = Document()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            info = pdf.metadata
            pages, scanned = [], []
            for number, page in enumerate(pdf.pages, 1):
                read = _read_page(page.dedupe_chars(), number, doc)
                pages.append(read)
                if not read.items and page.images:
                    scanned.append(number)
    except Exception as err:  # pdfminer raises many kinds for damaged files; all mean the same to the user
        cause = next((arg for arg in err.args if isinstance(arg, Exception)), err)  # pdfplumber wraps pdfminer's
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(f"{name}: the PDF is protected by a password; save an unprotected copy") from None
        raise InputError(f"{name}: not a readable PDF (damaged or incomplete: {type(cause).__name__})") from None
    if scanned:
        _read_scans(data, name, pages, scanned, doc)
    _convert_legacy_fonts(pages, doc, name)
    doc.removed.extend(_set_aside_furniture(pages))
    body = _body_size([item for page in pages for item in page.items if isinstance(item, _Line)])
    doc.blocks = _blocks([item for page in pages for item in (page.scan or _reading_order(page.items))], body)
    _meta(doc, info)
    return doc


def _read_page(page, number: int, doc: Document) -> _Page:
    """A page's ruled tables and its other words, as line fragments and tables."""
    tables = [t for t in page.find_tables() if t.cells]
    boxes = [t.bbox for t in tables]
    items: list = [
        _Table(_cells(t.extract()), t.bbox[0], t.bbox[2], t.bbox[1], t.bbox[3], number)
        for t in tables
        if any(any(cell for cell in row) for row in t.extract())
    ]
    words = []
    for word in page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False):
        middle = ((word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2)
        if any(x0 <= middle[0] <= x1 and top <= middle[1] <= bottom for x0, top, x1, bottom in boxes):
            continue
        if word["upright"]:
            words.append(word)
    doc.removed.extend(
        Removed(text, f"rotated text on page {number} (a margin note or stamp)") for text in _rotated(page.chars)
    )
    items.extend(_fragments(words, number))
    return _Page(items, float(page.height))


def _rotated(chars: list[dict]) -> list[str]:
    """Text set at an angle, in the order it was drawn (its letters' positions do not read left to
    right), one string per run of letters close together."""
    runs: list[str] = []
    last = None
    for char in (c for c in chars if not c["upright"]):
        near = last is not None and abs(char["x0"] - last["x0"]) + abs(char["top"] - last["top"]) < 3 * char["size"]
        if near:
            runs[-1] += char["text"]
        else:
            runs.append(char["text"])
        last = char
    return [run.strip() for run in runs if run.strip()]


def _cells(rows: list[list[str | None]]) -> list[list[str]]:
    """Each cell's lines joined as a paragraph's are."""
    out = []
    for row in rows:
        cells = []
        for cell in row:
            text = ""
            for line in (cell or "").split("\n"):
                text = _join(text, line.strip()) if text else line.strip()
            cells.append(text)
        out.append(cells)
    return out


def _fragments(words: list[dict], page: int) -> list[_Line]:
    """Words in rows (by vertical overlap), cut where a gap is wider than an em (a gutter or a tab)."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        row = next((r for r in reversed(rows[-4:]) if r[0]["top"] <= middle <= r[0]["bottom"]), None)
        if row is None:
            rows.append([word])
        else:
            row.append(word)
    fragments = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        current = [row[0]]
        for word in row[1:]:
            gap = word["x0"] - current[-1]["x1"]
            size = current[-1]["size"]
            marker = len(current) == 1 and gap < 4 * size and _MARKER.match(current[0]["text"] + " x")
            if gap > max(size, 6.0) and not marker:  # a list marker's tab is no gutter
                fragments.append(_line(current, page))
                current = []
            current.append(word)
        fragments.append(_line(current, page))
    return fragments


def _line(words: list[dict], page: int) -> _Line:
    text = words[0]["text"]
    for before, word in itertools.pairwise(words):
        close = word["x0"] - before["x1"] < 0.1 * word["size"]  # a font change inside a word
        text += word["text"] if close else " " + word["text"]
    chars = sum(len(w["text"]) for w in words)
    bold = sum(len(w["text"]) for w in words if _BOLD.search(w["fontname"])) >= 0.95 * chars
    size = max((w["size"] for w in words), key=lambda s: sum(len(w["text"]) for w in words if w["size"] == s))
    line = _Line(text, words[0]["x0"], max(w["x1"] for w in words), min(w["top"] for w in words), 0, size, bold, page)
    line.bottom = max(w["bottom"] for w in words)
    line.fonts = [(w["fontname"], w["text"]) for w in words]
    return line


def _read_scans(data: bytes, name: str, pages: list[_Page], scanned: list[int], doc: Document) -> None:
    """Pages that are only images: read by OCR, or named in a warning (the whole file fails when
    nothing else is readable) with what to install."""
    from translator.read import pdf_ocr

    numbers = ", ".join(map(str, scanned))
    missing = pdf_ocr.missing()
    if missing and len(scanned) == len(pages):
        raise InputError(f"{name}: a scanned PDF (no text layer); to read it by OCR, {missing}")
    if missing:
        doc.warnings.append(f"{name}: page(s) {numbers} are scans (no text layer), NOT read; to read them, {missing}")
        return
    for number in scanned:
        pages[number - 1].scan = pdf_ocr.read_page(data, number - 1)
    doc.warnings.append(
        f"{name}: page(s) {numbers} read by OCR (Tesseract, Vietnamese); check names and numbers against the scan"
    )


def _convert_legacy_fonts(pages: list[_Page], doc: Document, name: str) -> None:
    """Text in TCVN3/VNI fonts to Unicode: by the font's name where it has one, else by the text."""
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    named = {font: encoding.legacy_font_of(font) for line in lines for font, _ in line.fonts}
    unnamed = " ".join(text for line in lines for font, text in line.fonts if not named[font])
    guessed = encoding.legacy_font(unnamed)
    kinds = {kind for kind in named.values() if kind} | ({guessed} if guessed else set())
    for line in lines:
        if kinds:
            parts = [
                encoding.from_legacy_font(text, named[font] or guessed) if named[font] or guessed else text
                for font, text in line.fonts
            ]
            line.text = _rejoin(line.text, [text for _, text in line.fonts], parts)
    for page in pages:
        for table in (item for item in page.items if isinstance(item, _Table)):
            if guessed:
                table.rows = [[encoding.from_legacy_font(cell, guessed) for cell in row] for row in table.rows]
    if kinds:
        names = sorted({"VNI" if kind == "vni" else "TCVN3 (ABC)" for kind in kinds})
        doc.warnings.append(f"{name}: converted text in the legacy Vietnamese font encoding {' and '.join(names)}")


def _rejoin(text: str, words: list[str], converted: list[str]) -> str:
    """``text`` (the words joined with or without spaces) with each word replaced by its conversion."""
    out, position = [], 0
    for word, new in zip(words, converted, strict=False):
        start = text.index(word, position)
        out.append(text[position:start] + new)
        position = start + len(word)
    return "".join(out) + text[position:]


def _set_aside_furniture(pages: list[_Page]) -> list[Removed]:
    """Running headers and footers, and page numbers, taken off the pages with their reason.

    A line is furniture when it is the first or last row of a page, within the page's top or bottom
    eighth, and either the same line (its numbers aside) is there on at least two pages and on at least
    a third of them, or it is a bare page number ("12", "- 12 -", "Trang 12", "12/40")."""
    removed: list[Removed] = []
    for edge, label in ((0, "page header"), (-1, "page footer")):
        for _ in range(2):  # a header, and a page number above or below it
            rows = [(_edge_row(page, edge), page) for page in pages]
            keys = [_key(" ".join(line.text for line in row)) if row else None for row, _ in rows]
            counts = {key: keys.count(key) for key in keys if key}
            seen: dict[str, int] = {}
            for (row, page), key in zip(rows, keys, strict=False):
                if not row:
                    continue
                text = " ".join(line.text for line in row)
                repeated = counts[key] >= 2 and counts[key] * 3 >= len(pages)
                if repeated or _PAGE_NUMBER.match(text.strip()):
                    for line in row:
                        page.items.remove(line)
                    reason = "page number" if not repeated and _PAGE_NUMBER.match(text.strip()) else label
                    if key not in seen:
                        seen[key] = len(removed)
                        removed.append(Removed(text, reason))
    return _count_pages(removed, len(pages))


def _count_pages(removed: list[Removed], pages: int) -> list[Removed]:
    return [Removed(r.text, f"{r.reason} (running, {pages} pages)" if pages > 1 else r.reason) for r in removed]


def _edge_row(page: _Page, edge: int) -> list[_Line]:
    """The top (``edge`` 0) or bottom (-1) row of a page's lines, when it lies in the page's margin zone."""
    lines = sorted((item for item in page.items if isinstance(item, _Line)), key=lambda line: line.top)
    if not lines or any(isinstance(item, _Table) for item in page.items if _outside(item, lines[edge], edge)):
        return []
    line = lines[edge]
    zone = page.height * _FURNITURE_ZONE
    if (edge == 0 and line.bottom > zone) or (edge == -1 and line.top < page.height - zone):
        return []
    return [other for other in lines if other.top < line.bottom and other.bottom > line.top]


def _outside(item, line: _Line, edge: int) -> bool:
    """A table above the top line (or below the bottom one): then that line is not the page's edge."""
    return item.bottom <= line.top if edge == 0 else item.top >= line.bottom


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


# --- reading order ------------------------------------------------------------------------------------


def _reading_order(items: list, column: tuple[float, float] | None = None) -> list:
    """``items`` in reading order (recursive XY cut, preferring columns; see the module's docstring)."""
    if not items:
        return []
    column = column or (min(i.x0 for i in items), max(i.x1 for i in items))
    cut = _gutter(items)
    if cut is not None:
        left = [i for i in items if i.x1 <= cut]
        right = [i for i in items if i.x1 > cut]
        return _reading_order(left, _span(left)) + _reading_order(right, _span(right))
    bands = _bands(items)
    if len(bands) == 1:
        return _rows(items, column)
    groups = [bands[0]]
    for band in bands[1:]:  # rows of the same columns stay together, so the columns can be cut apart
        if _gutter(groups[-1] + band) is not None:
            groups[-1] = groups[-1] + band
        else:
            groups.append(band)
    return [item for group in groups for item in _reading_order(group, column)]


def _span(items: list) -> tuple[float, float]:
    return min(i.x0 for i in items), max(i.x1 for i in items)


def _gutter(items: list) -> float | None:
    """The x of a vertical gap through all ``items`` that separates two columns of text: wide enough
    (an em), and with text on both sides at least a fifth of the width (not list markers, not a lone
    page number, not the cells of an unruled table)."""
    if len(items) < 2:
        return None
    em = (
        statistics.median(i.size for i in items if isinstance(i, _Line))
        if any(isinstance(i, _Line) for i in items)
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
        if isinstance(item, _Line) and isinstance(last, _Line) and last.top <= middle <= last.bottom:
            last.text = f"{last.text} {item.text}"
            last.x1 = max(last.x1, item.x1)
            last.bold = last.bold and item.bold
        else:
            out.append(item)
    return out


# --- paragraphs ---------------------------------------------------------------------------------------


def _body_size(lines: list[_Line]) -> float:
    """The size most of the text is set in."""
    sizes: dict[float, int] = {}
    for line in lines:
        sizes[round(line.size * 2) / 2] = sizes.get(round(line.size * 2) / 2, 0) + len(line.text)
    return max(sizes, key=sizes.get) if sizes else 10.0


def _blocks(items: list, body: float) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[_Line] = []
    leading = _leading(items)
    for item in items:
        if isinstance(item, Block):  # a scanned page's, read by OCR
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = []
            blocks.append(item)
        elif isinstance(item, _Table):
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = []
            blocks.extend(Block(BlockKind.PARAGRAPH, cell) for row in item.rows for cell in row if cell)
        elif paragraph and _continues(paragraph, item, body, leading):
            paragraph.append(item)
        else:
            blocks.extend(_paragraph_block(paragraph, body, blocks))
            paragraph = [item]
    blocks.extend(_paragraph_block(paragraph, body, blocks))
    return blocks


def _leading(items: list) -> float:
    """The usual gap between two lines of one paragraph."""
    gaps = [
        b.top - a.bottom
        for a, b in itertools.pairwise(items)
        if isinstance(a, _Line)
        and isinstance(b, _Line)
        and a.page == b.page
        and a.column == b.column
        and 0 <= b.top - a.bottom < a.size
    ]
    return statistics.median(gaps) if gaps else 2.0


def _continues(paragraph: list[_Line], line: _Line, body: float, leading: float) -> bool:
    """Whether ``line`` goes on the paragraph so far (see the module's docstring)."""
    first, prev = paragraph[0], paragraph[-1]
    if _MARKER.match(line.text) or abs(line.size - prev.size) > 0.6 or line.bold != prev.bold:
        return False
    plain = prev.size < body * 1.15 and not prev.bold
    width = prev.column[1] - prev.column[0]
    short = prev.x1 < prev.column[1] - max(0.12 * width, 3 * prev.size)
    ended = _SENTENCE_END.search(prev.text) is not None
    lower = line.text[:1].islower()
    if line.page != prev.page or line.column != prev.column or line.top < prev.top:  # a new column or page
        indented = line.x0 > line.column[0] + 0.8 * line.size
        return not short and not indented and (not ended or lower)
    if line.top - prev.bottom > leading + 0.35 * prev.size:
        return False
    if _MARKER.match(first.text):  # a list item's next lines hang under its text, not its marker
        return line.x0 > first.x0 + 0.5 * first.size
    if line.x0 > prev.x0 + 0.8 * line.size:  # a first-line indent
        return False
    return not (plain and short and (ended or not lower))


def _paragraph_block(lines: list[_Line], body: float, before: list[Block]) -> list[Block]:
    if not lines:
        return []
    text = lines[0].text
    for line in lines[1:]:
        text = _join(text, line.text)
    marker = _MARKER.match(text)
    if marker:
        number = marker.group().strip()
        return [Block(BlockKind.LIST_ITEM, text[marker.end() :], marker=number if _NUMBERED.match(number) else "")]
    size, bold = lines[0].size, all(line.bold for line in lines)
    kind = BlockKind.PARAGRAPH
    if size >= body * 1.15 or (bold and len(text) <= 200 and not re.search(r"[.,;:!?…]$", text)):
        kind = BlockKind.TITLE if not before and size >= body * 1.5 else BlockKind.HEADING
    return [Block(kind, text)]


def _join(text: str, line: str) -> str:
    """Two lines of one paragraph: a word hyphenated at the line end is whole again ("inter-" "national"),
    a hyphen before a number or capital stays ("2024-" "2025"), else a space."""
    if _HYPHENATED.search(text) and line[:1].islower():
        return text[:-1] + line
    if re.search(r"[\p{L}\p{N}][-\u2010]$", text) and line[:1].isalnum():
        return text + line
    return f"{text} {line}"


def _meta(doc: Document, info: dict) -> None:
    """Title and author from the PDF's information, unless a program filled them in (a file name,
    "Microsoft Word - …", python-docx's "author").  Never a date: that is when the file was made."""
    for key, field_name in (("title", "Title"), ("author", "Author")):
        value = info.get(field_name)
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str) and value.strip() and value.strip() != "python-docx":
            if key == "title" and _JUNK_TITLES.search(value.strip()):
                continue
            doc.meta[key] = value.strip()
