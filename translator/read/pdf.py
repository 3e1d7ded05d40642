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
from dataclasses import dataclass, field

import regex as re

from translator.document import Block, Document, Removed
from translator.errors import InputError
from translator.read import encoding
from translator.read.pdf_layout import MARKER, Line, Table, body_size, join, reading_order, to_blocks

_PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page|tr\.)\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–—]?(?:\s*(?:/|of|trên|của)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FURNITURE_ZONE = 0.12  # the top and bottom share of a page where running headers and footers live
_JUNK_TITLES = re.compile(r"^(?:microsoft (?:word|powerpoint) - |untitled|document\d*$)|\.(?:docx?|pdf|odt)$", re.I)


@dataclass
class _Page:
    items: list = field(default_factory=list)  # Line and Table
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
            plumbed = [_deduped(page) for page in pdf.pages]
            words = [_words(page, number, doc) for number, page in enumerate(plumbed, 1)]
            _convert_legacy_fonts(words, doc, name)
            pages = [
                _read_page(page, number, w) for number, (page, w) in enumerate(zip(plumbed, words, strict=True), 1)
            ]
            scanned = [number for number, page in enumerate(plumbed, 1) if not words[number - 1] and page.images]
    except Exception as err:  # pdfminer raises many kinds for damaged files; all mean the same to the user
        cause = next((arg for arg in err.args if isinstance(arg, Exception)), err)  # pdfplumber wraps pdfminer's
        if isinstance(cause, PDFPasswordIncorrect):
            raise InputError(f"{name}: the PDF is protected by a password; save an unprotected copy") from None
        raise InputError(f"{name}: not a readable PDF (damaged or incomplete: {type(cause).__name__})") from None
    if scanned:
        _read_scans(data, name, pages, scanned, doc)
    doc.removed.extend(_set_aside_furniture(pages))
    body = body_size([item for page in pages for item in page.items if isinstance(item, Line)])
    doc.blocks = to_blocks([item for page in pages for item in (page.scan or reading_order(page.items))], body)
    _meta(doc, info)
    return doc


def _deduped(page):
    """The page without the second copy of letters drawn twice in place (a "bold" made by
    overprinting); pdfplumber's deduplication is slow, so it runs only on pages that need it."""
    seen = {(c["text"], round(c["x0"]), round(c["top"])) for c in page.chars}
    return page.dedupe_chars() if len(seen) < len(page.chars) else page


def _words(page, number: int, doc: Document) -> list[dict]:
    """A page's upright words with their fonts; rotated text is set aside."""
    doc.removed.extend(
        Removed(text, f"rotated text on page {number} (a margin note or stamp)") for text in _rotated(page.chars)
    )
    return [w for w in page.extract_words(extra_attrs=["fontname", "size"], use_text_flow=False) if w["upright"]]


def _read_page(page, number: int, words: list[dict]) -> _Page:
    """A page's ruled tables (cell by cell) and its other words as line fragments."""
    items: list = []
    for table in page.find_tables():
        cells = [[_cell(words, box) if box else "" for box in row.cells] for row in table.rows]
        if any(any(row) for row in cells):
            x0, top, x1, bottom = table.bbox
            items.append(Table(cells, x0, x1, top, bottom, number))
            words = [w for w in words if not _inside(w, table.bbox)]
    items.extend(_fragments(words, number))
    return _Page(items, float(page.height))


def _inside(word: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    return x0 <= (word["x0"] + word["x1"]) / 2 <= x1 and top <= (word["top"] + word["bottom"]) / 2 <= bottom


def _cell(words: list[dict], box: tuple) -> str:
    """A table cell's words, its lines joined as a paragraph's are."""
    text = ""
    for line in sorted(_fragments([w for w in words if _inside(w, box)], 0), key=lambda line: (line.top, line.x0)):
        text = join(text, line.text) if text else line.text
    return text


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


def _fragments(words: list[dict], page: int) -> list[Line]:
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
            marker = len(current) == 1 and gap < 4 * size and MARKER.match(current[0]["text"] + " x")
            if gap > max(size, 6.0) and not marker:  # a list marker's tab is no gutter
                fragments.append(_line(current, page))
                current = []
            current.append(word)
        fragments.append(_line(current, page))
    return fragments


def _line(words: list[dict], page: int) -> Line:
    text = words[0]["text"]
    for before, word in itertools.pairwise(words):
        close = word["x0"] - before["x1"] < 0.1 * word["size"]  # a font change inside a word
        text += word["text"] if close else " " + word["text"]
    chars = sum(len(w["text"]) for w in words)
    bold = sum(len(w["text"]) for w in words if _BOLD.search(w["fontname"])) >= 0.95 * chars
    size = max((w["size"] for w in words), key=lambda s: sum(len(w["text"]) for w in words if w["size"] == s))
    line = Line(text, words[0]["x0"], max(w["x1"] for w in words), min(w["top"] for w in words), 0, size, bold, page)
    line.bottom = max(w["bottom"] for w in words)
    marker = len(words) > 1 and MARKER.match(words[0]["text"] + " x")
    line.text_x0 = words[1]["x0"] if marker else line.x0
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


def _convert_legacy_fonts(pages: list[list[dict]], doc: Document, name: str) -> None:
    """Words in TCVN3/VNI fonts to Unicode: by the font's name where it has one, else, when the words
    in other fonts read as typed in a legacy font (their letters say so), by their letters."""
    words = [word for page in pages for word in page]
    named = {font: encoding.legacy_font_of(font) for font in {word["fontname"] for word in words}}
    guessed = encoding.legacy_font(" ".join(word["text"] for word in words if not named[word["fontname"]]))
    kinds = set()
    for word in words:
        kind = named[word["fontname"]] or guessed
        if kind:
            word["text"] = encoding.from_legacy_font(word["text"], kind)
            kinds.add("VNI" if kind == "vni" else "TCVN3 (ABC)")
    if kinds:
        doc.warnings.append(
            f"{name}: converted text in the legacy Vietnamese font encoding {' and '.join(sorted(kinds))}"
        )


def _set_aside_furniture(pages: list[_Page]) -> list[Removed]:
    """Running headers and footers, and page numbers, taken off the pages with their reason.

    A line is furniture when it is the first or last row of a page, within the page's top or bottom
    12%, and either the same line (its numbers aside) is there on at least two pages and on at least
    a third of them, or it is a bare page number ("12", "- 12 -", "Trang 12", "12/40")."""
    removed: list[Removed] = []
    for edge, label in ((0, "page header"), (-1, "page footer")):
        for _ in range(2):  # a header, and a page number above or below it
            rows = [(_edge_row(page, edge), page) for page in pages]
            keys = [_key(" ".join(line.text for line in row)) if row else None for row, _ in rows]
            counts = {key: keys.count(key) for key in keys if key}
            seen: set[str] = set()
            for (row, page), key in zip(rows, keys, strict=True):
                if not row:
                    continue
                text = " ".join(line.text for line in row)
                repeated = counts[key] >= 2 and counts[key] * 3 >= len(pages)
                if repeated or _PAGE_NUMBER.match(text.strip()):
                    for line in row:
                        page.items.remove(line)
                    if key not in seen:
                        seen.add(key)
                        reason = f"{label} (on {counts[key]} of {len(pages)} pages)" if repeated else "page number"
                        removed.append(Removed(text, reason))
    return removed


def _edge_row(page: _Page, edge: int) -> list[Line]:
    """The top (``edge`` 0) or bottom (-1) row of a page's lines, when it lies in the page's margin zone."""
    lines = sorted((item for item in page.items if isinstance(item, Line)), key=lambda line: line.top)
    if not lines or any(isinstance(item, Table) for item in page.items if _outside(item, lines[edge], edge)):
        return []
    line = lines[edge]
    zone = page.height * _FURNITURE_ZONE
    if (edge == 0 and line.bottom > zone) or (edge == -1 and line.top < page.height - zone):
        return []
    return [other for other in lines if other.top < line.bottom and other.bottom > line.top]


def _outside(item, line: Line, edge: int) -> bool:
    """A table above the top line (or below the bottom one): then that line is not the page's edge."""
    return item.bottom <= line.top if edge == 0 else item.top >= line.bottom


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


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
