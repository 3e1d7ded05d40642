"""Read a Word document with python-docx, keeping its structure and all its text.

The body is walked in document order at the XML level, because the text a
person sees in Word lives in more places than python-docx's paragraph and
table proxies reach: content controls (``w:sdt``, around blocks or inside
a paragraph), simple fields and field results, hyperlinks, tracked
insertions (kept) and deletions (dropped), text boxes, nested tables and
merged cells (read once).  Footnotes and endnotes are kept as notes after
the story; headers and footers are set aside as page furniture with their
reason.  Heading styles become headings, list styles (or numbered
paragraphs) list items, Quote and Caption styles quotes and captions.

The document's core properties give the title and author.  They never give
the publication date: Word stamps the file's creation time there, and
python-docx stamps 2013 into every file it makes.
"""

from __future__ import annotations

import io
import zipfile

from translator.document import Block, BlockKind, Cell, Document, Removed
from translator.errors import InputError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_STYLE_KINDS = (
    ("title", BlockKind.TITLE),
    ("subtitle", BlockKind.LEAD),
    ("heading", BlockKind.HEADING),
    ("list", BlockKind.LIST_ITEM),
    ("quote", BlockKind.QUOTE),
    ("caption", BlockKind.CAPTION),
)
_SKIPPED = {f"{{{W}}}{tag}" for tag in ("del", "moveFrom", "txbxContent", "pPr", "rPr")} | {f"{{{MC}}}Fallback"}
_SPACES = {f"{{{W}}}{tag}" for tag in ("tab", "br", "cr", "ptab")}
_NOTE_REFERENCES = {f"{{{W}}}footnoteReference", f"{{{W}}}endnoteReference"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def read_docx(data: bytes, name: str = "input") -> Document:
    import docx
    from lxml import etree

    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise InputError(f"{name}: not a Word .docx document") from None
    except etree.XMLSyntaxError as err:  # a file cut short, or damaged on the way
        raise InputError(f"{name}: a damaged Word document (its XML cannot be read: {err.msg})") from None
    reader = _Reader(word)
    reader.container(word.element.body)
    for kind, label in (("footnotes", "footnote"), ("endnotes", "endnote")):
        reader.notes(kind, label)
    doc = Document(blocks=reader.blocks)
    first = doc.blocks[0] if doc.blocks else None
    if (
        first
        and first.kind is BlockKind.PARAGRAPH
        and reader.headline_look
        and not any(b.kind is BlockKind.TITLE for b in doc.blocks)
    ):
        first.kind = BlockKind.TITLE  # a bold or ALL-CAPS first line, typed rather than styled "Title"
    doc.removed = _headers_and_footers(word) + _comments(word, reader)
    props = word.core_properties
    for key, value in (("title", props.title), ("author", props.author)):
        if value and value.strip() and value.strip() != "python-docx":  # python-docx's template is its "author"
            doc.meta[key] = value.strip()
    return doc


class _Reader:
    """Walks one document's XML, appending blocks in reading order."""

    def __init__(self, word) -> None:
        self.word = word
        self.blocks: list[Block] = []
        self.note_numbers: dict[tuple[str, str], int] = {}  # (kind, w:id) → its number in the text
        self.headline_look = False  # whether the first paragraph looks like a headline
        self.tables = 0  # tables met so far
        self.cell: Cell | None = None  # the table cell being read

    def container(self, element) -> None:
        """The block-level children of a body, cell, content control or text box."""
        for child in element.iterchildren():
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent")) if tag == _w("sdt") else child
                if content is not None:
                    self.container(content)
            elif tag in (_w("ins"), _w("moveTo")):  # a tracked insertion of whole paragraphs
                self.container(child)

    def table(self, table) -> None:
        """Every cell once, row by row (rows and cells inside content controls too): a
        horizontally merged cell is one ``w:tc``; the cells a vertical merge continues into
        are empty and skipped; a nested table is read where its cell is.  A grid of at least
        two rows and two columns keeps its shape (each block knows its cell); a one-row or
        one-column table is a frame around text, read as text."""
        rows = _own(table, "tr", "tbl")
        grid = len(rows) > 1 and max(len(_own(row, "tc", "tr")) for row in rows) > 1
        number, self.tables = self.tables, self.tables + 1
        outer = self.cell
        for r, row in enumerate(rows):
            header = row.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None
            column = 0
            for cell in _own(row, "tc", "tr"):
                span = cell.find(f"{_w('tcPr')}/{_w('gridSpan')}")
                merge = cell.find(f"{_w('tcPr')}/{_w('vMerge')}")
                if merge is None or merge.get(_w("val")) not in (None, "continue"):
                    self.cell = Cell(number, r, column, header) if grid else outer
                    self.container(cell)
                column += int(span.get(_w("val"), "1")) if span is not None else 1
        self.cell = outer

    def paragraph(self, p) -> None:
        text = " ".join(self.text(p).split())
        if text:
            if not self.blocks:
                self.headline_look = _headline_look(p, text)
            self.blocks.append(Block(self.kind(p), text, cell=self.cell))
        for box in _own(p, "txbxContent", "txbxContent"):  # text boxes anchored here, after their paragraph
            if not any(a.tag == f"{{{MC}}}Fallback" for a in _up_to(box, p)):  # the same box, for old Word
                self.container(box)

    def text(self, element) -> str:
        """What Word shows of a paragraph: runs, fields' results, content controls, hyperlinks and
        tracked insertions; not deleted text, field codes or text boxes (read apart)."""
        out: list[str] = []

        def walk(node) -> None:
            for child in node.iterchildren():
                tag = child.tag
                if tag in _SKIPPED:
                    continue
                if tag == _w("t"):
                    out.append(child.text or "")
                elif tag in _SPACES:
                    out.append(" ")
                elif tag == _w("noBreakHyphen"):
                    out.append("-")
                elif tag in _NOTE_REFERENCES:
                    kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                    number = self.note_numbers.setdefault((kind, child.get(_w("id"))), len(self.note_numbers) + 1)
                    out.append(f"[{number}]")
                else:
                    walk(child)

        walk(element)
        return "".join(out)

    def kind(self, p) -> BlockKind:
        from docx.text.paragraph import Paragraph

        paragraph = Paragraph(p, self.word)
        style = (paragraph.style.name if paragraph.style is not None else "").lower()
        kind = next((k for prefix, k in _STYLE_KINDS if style.startswith(prefix) or prefix in style), None)
        if kind is None:
            numbered = p.pPr is not None and p.pPr.numPr is not None
            kind = BlockKind.LIST_ITEM if numbered else BlockKind.PARAGRAPH
        return kind

    def notes(self, kind: str, label: str) -> None:
        """Footnotes or endnotes, in the order the text refers to them, as note blocks."""
        from lxml import etree

        part = next((rel.target_part for rel in self.word.part.rels.values() if rel.reltype.endswith(f"/{kind}")), None)
        if part is None:
            return
        root = etree.fromstring(part.blob)
        found = {}
        for note in root.iterchildren(_w(label)):
            if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(" ".join(self.text(p).split()) for p in note.iter(_w("p"))).strip()
            if text:
                found[note.get(_w("id"))] = text
        referenced = sorted(
            (
                (number, found.pop(note_id))
                for (k, note_id), number in self.note_numbers.items()
                if k == label and note_id in found
            ),
        )
        for number, text in referenced:
            self.blocks.append(Block(BlockKind.NOTE, f"[{number}] {text}"))
        for text in found.values():  # a note nothing refers to is still the author's text
            self.blocks.append(Block(BlockKind.NOTE, text))


def _headline_look(p, text: str) -> bool:
    """Bold or ALL CAPS throughout (letters typed in capitals, or runs set in caps), and a
    headline's shape: how a title is typed in a document with no Title style."""
    from translator.read.text import looks_like_title

    runs = [r for r in p.iter(_w("r")) if "".join(t.text or "" for t in r.iter(_w("t"))).strip()]
    if not runs or not looks_like_title(text):
        return False

    def on(run, tag: str) -> bool:
        mark = run.find(f"{_w('rPr')}/{_w(tag)}")
        return mark is not None and mark.get(_w("val"), "true") not in ("0", "false", "none")

    letters = [c for c in text if c.isalpha()]
    capitals = bool(letters) and all(c.isupper() for c in letters)
    return all(on(r, "b") for r in runs) or capitals or all(on(r, "caps") for r in runs)


def _up_to(element, top) -> list:
    """``element``'s ancestors below ``top``."""
    ancestors = []
    for ancestor in element.iterancestors():
        if ancestor is top:
            break
        ancestors.append(ancestor)
    return ancestors


def _own(top, tag: str, owner: str) -> list:
    """Descendants ``w:tag`` of ``top`` that belong to it, not to a nested ``w:owner`` inside it."""
    return [e for e in top.iter(_w(tag)) if e is not top and not any(a.tag == _w(owner) for a in _up_to(e, top))]


def _headers_and_footers(word) -> list[Removed]:
    """Page headers and footers: furniture, set aside with their reason (each text once)."""
    removed: list[Removed] = []
    seen: set[str] = set()
    for section in word.sections:
        for label, parts in (
            ("page header", (section.header, section.first_page_header, section.even_page_header)),
            ("page footer", (section.footer, section.first_page_footer, section.even_page_footer)),
        ):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                reader = _Reader(word)
                reader.container(part._element)
                for block in reader.blocks:
                    if block.text not in seen:
                        seen.add(block.text)
                        removed.append(Removed(block.text, f"{label} (Word)"))
    return removed


def _comments(word, reader: _Reader) -> list[Removed]:
    """Reviewers' comments: never story, never dropped; each listed with the text it is
    anchored to (between its ``commentRangeStart`` and ``commentRangeEnd``) and its author."""
    from lxml import etree

    part = next((rel.target_part for rel in word.part.rels.values() if rel.reltype.endswith("/comments")), None)
    if part is None:
        return []
    anchors: dict[str, list[str]] = {}
    open_ids: list[str] = []
    for element in word.element.body.iter(_w("commentRangeStart"), _w("commentRangeEnd"), _w("t")):
        if element.tag == _w("commentRangeStart"):
            open_ids.append(element.get(_w("id")))
            anchors.setdefault(element.get(_w("id")), [])
        elif element.tag == _w("commentRangeEnd"):
            open_ids = [i for i in open_ids if i != element.get(_w("id"))]
        else:
            for comment_id in open_ids:
                anchors[comment_id].append(element.text or "")
    removed = []
    for comment in etree.fromstring(part.blob).iterchildren(_w("comment")):
        text = " ".join(" ".join(reader.text(p).split()) for p in comment.iter(_w("p"))).strip()
        if not text:
            continue
        author = comment.get(_w("author")) or "someone"
        anchor = " ".join("".join(anchors.get(comment.get(_w("id")), [])).split())
        on = f" on “{anchor if len(anchor) <= 80 else anchor[:79] + '…'}”" if anchor else ""
        removed.append(Removed(text, f"Word comment by {author}{on}"))
    return removed
