"""Read an OpenDocument text file (``.odt``, LibreOffice's and many state bodies' own format).

The package's ``content.xml`` is walked in document order with lxml, as the Word reader walks
its XML, so that the same things come out: headings (``text:h``, and paragraphs styled Title,
Subtitle, Heading, Quotations, Caption), list items, every table cell once (spanned cells once,
covered cells skipped, nested tables where they stand; a grid keeps its cells' places),
sections and text boxes, footnotes and endnotes as notes after the story (``[1]`` where they
were cited), tracked deletions dropped.  Page headers and footers (``styles.xml``) and a
generated table of contents are set aside with their reason; comments (``office:annotation``)
are listed with the text left out, with their author and the words they are anchored to.
``meta.xml`` gives the title and author, never a date (it is the file's, not the story's).
"""

from __future__ import annotations

import io
import zipfile

from translator.document import Block, BlockKind, Cell, Document, Removed
from translator.errors import InputError

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
# Style names (or the names they inherit from) that say what a paragraph is, first match wins.
_STYLE_KINDS = (
    ("subtitle", BlockKind.LEAD),
    ("title", BlockKind.TITLE),
    ("heading", BlockKind.HEADING),
    ("quot", BlockKind.QUOTE),
    ("caption", BlockKind.CAPTION),
    ("illustration", BlockKind.CAPTION),
    ("figure", BlockKind.CAPTION),
)
_MAX_PARTS = 50 * 1024 * 1024  # a content.xml this big is no article (and no zip bomb is unpacked)


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


# Elements whose text is not the story where they stand: read apart (notes, comments) or not at all.
_APART = {_q(n) for n in ("text:note", "office:annotation", "text:tracked-changes", "draw:frame")}
_APART |= {_q(n) for n in ("text:table-of-content", "text:sequence-decls", "text:variable-decls")}
_SPACE = {_q(n) for n in ("text:tab", "text:line-break")}


def read_odt(data: bytes, name: str = "input") -> Document:
    """An ``.odt`` file's story, notes, comments and page furniture."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        content = _part(package, "content.xml", name)
    except zipfile.BadZipFile:
        raise InputError(f"{name}: not an OpenDocument text (.odt) file") from None
    if content is None:
        raise InputError(f"{name}: not an OpenDocument text (.odt) file (it has no content.xml)")
    styles = _part(package, "styles.xml", name)
    reader = _Reader(_style_kinds(content, styles))
    body = content.find(f"{_q('office:body')}/{_q('office:text')}")
    if body is None:
        raise InputError(f"{name}: an OpenDocument file, but no text document (a spreadsheet or a drawing?)")
    reader.container(body)
    reader.blocks += reader.notes
    doc = Document(blocks=reader.blocks)
    doc.removed = _furniture(styles, body) + reader.comments
    meta = _part(package, "meta.xml", name)
    if meta is not None:
        for key, path in (("title", "dc:title"), ("author", "meta:initial-creator"), ("author", "dc:creator")):
            found = meta.find(f".//{_q(path)}")
            if found is not None and (found.text or "").strip() and key not in doc.meta:
                doc.meta[key] = found.text.strip()
    return doc


def _part(package: zipfile.ZipFile, member: str, name: str):
    from lxml import etree

    try:
        info = package.getinfo(member)
    except KeyError:
        return None
    if info.file_size > _MAX_PARTS:
        raise InputError(f"{name}: its {member} is {info.file_size // 1024 // 1024} MB; no article is that big")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        return etree.fromstring(package.read(member), parser)
    except etree.XMLSyntaxError as err:
        raise InputError(f"{name}: a damaged OpenDocument file (its {member} cannot be read: {err.msg})") from None


def _style_kinds(content, styles) -> dict[str, BlockKind]:
    """Paragraph style name → block kind, following each style's parents (automatic styles
    such as ``P3`` inherit from named ones such as ``Title``)."""
    parents: dict[str, str] = {}
    for root in (styles, content):
        if root is None:
            continue
        for style in root.iter(_q("style:style")):
            names = (style.get(_q("style:name")) or "", style.get(_q("style:display-name")) or "")
            parents[names[0]] = style.get(_q("style:parent-style-name")) or ""
            if names[1]:
                parents.setdefault(names[1], parents[names[0]])
    kinds: dict[str, BlockKind] = {}
    for start in parents:
        style, seen = start, set()
        while style and style not in seen:
            seen.add(style)
            kind = next((k for word, k in _STYLE_KINDS if word in style.lower()), None)
            if kind is not None:
                kinds[start] = kind
                break
            style = parents.get(style, "")
    return kinds


class _Reader:
    """Walks ``office:text`` in reading order, appending blocks; notes and comments apart."""

    def __init__(self, kinds: dict[str, BlockKind]) -> None:
        self.kinds = kinds
        self.blocks: list[Block] = []
        self.notes: list[Block] = []
        self.comments: list[Removed] = []
        self.tables = 0
        self.cell: Cell | None = None
        self.anchors: dict[str, list[str]] = {}  # an open comment's name → the text it spans so far
        self.open: dict[str, Removed] = {}  # an open comment's name → its entry
        self.cited = 0  # notes cited so far

    def container(self, element, kind: BlockKind | None = None) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == _q("text:h"):
                self.paragraph(child, BlockKind.HEADING)
            elif tag == _q("text:p"):
                self.paragraph(child, kind)
            elif tag == _q("text:list"):
                for item in child.iterchildren(_q("text:list-item"), _q("text:list-header")):
                    self.container(item, BlockKind.LIST_ITEM)
            elif tag == _q("table:table"):
                self.table(child)
            elif tag not in _APART and not tag.startswith(f"{{{NS['office']}}}"):
                self.container(child, kind)  # sections, text:soft-page-break, change marks ...

    def table(self, table) -> None:
        rows = [r for r in table.iter(_q("table:table-row")) if _owner(r, "table:table") is table]
        grid = len(rows) > 1 and max(len(_cells(r)) for r in rows) > 1
        number, self.tables = self.tables, self.tables + 1
        outer = self.cell
        for r, row in enumerate(rows):
            header = row.getparent().tag == _q("table:table-header-rows")
            column = 0
            for cell in _cells(row):
                span = int(cell.get(_q("table:number-columns-spanned"), "1"))
                repeat = int(cell.get(_q("table:number-columns-repeated"), "1"))
                if cell.tag == _q("table:table-cell"):
                    self.cell = Cell(number, r, column, header) if grid else outer
                    self.container(cell)
                column += span * min(repeat, 1024)
        self.cell = outer

    def paragraph(self, p, kind: BlockKind | None) -> None:
        text = " ".join(self.text(p).split())
        if text:
            found = self.kinds.get(p.get(_q("text:style-name")) or "")
            if kind is None:
                kind = found or BlockKind.PARAGRAPH
            elif kind is BlockKind.HEADING and found in (BlockKind.TITLE, BlockKind.LEAD):
                kind = found  # an outline heading styled Title or Subtitle
            self.blocks.append(Block(kind, text, cell=self.cell))
        for frame in p.iter(_q("draw:text-box")):  # text boxes anchored here, after their paragraph
            if _owner(frame, "text:p", "text:h") is p:
                self.container(frame)

    def text(self, element) -> str:
        """What a reader sees of a paragraph: spans, links, fields' text, ``text:s`` spaces,
        note citations (``[n]``); not notes' bodies, comments, deleted text or frames."""
        out: list[str] = []

        def put(text: str) -> None:
            out.append(text)
            for words in self.anchors.values():
                words.append(text)

        def walk(node) -> None:
            put(node.text or "")
            for child in node.iterchildren():
                tag = child.tag
                if tag == _q("text:note"):
                    self.note(child, put)
                elif tag == _q("office:annotation"):
                    self.comment(child)
                elif tag == _q("office:annotation-end"):
                    self.end_comment(child.get(_q("office:name")) or "")
                elif tag == _q("text:s"):
                    put(" " * int(child.get(_q("text:c"), "1")))
                elif tag in _SPACE:
                    put(" ")
                elif tag not in _APART:
                    walk(child)
                put(child.tail or "")

        walk(element)
        return "".join(out)

    def note(self, note, put) -> None:
        self.cited += 1
        number = self.cited
        body = note.find(_q("text:note-body"))
        put(f"[{number}]")
        if body is None:
            return
        reader = _Reader(self.kinds)
        reader.container(body)
        text = " ".join(b.text for b in reader.blocks)
        if text:
            self.notes.append(Block(BlockKind.NOTE, f"[{number}] {text}"))

    def comment(self, annotation) -> None:
        """A comment: its own paragraphs, author; its anchor is the text up to its end mark
        (a comment without a name marks a point, not a stretch)."""
        reader = _Reader(self.kinds)
        reader.container(annotation)
        text = " ".join(b.text for b in reader.blocks)
        creator = annotation.find(_q("dc:creator"))
        author = (creator.text or "").strip() if creator is not None else ""
        reply = any(key.endswith("}parent-name") for key in annotation.attrib)  # LibreOffice's threads
        removed = Removed(text, f"{'reply' if reply else 'comment'} by {author or 'someone'}")
        if text:
            self.comments.append(removed)
        name = annotation.get(_q("office:name"))
        if name and text:
            self.anchors[name] = []
            self.open[name] = removed

    def end_comment(self, name: str) -> None:
        words = self.anchors.pop(name, None)
        removed = self.open.pop(name, None)
        anchor = " ".join("".join(words or []).split())
        if removed is not None and anchor:
            removed.reason += f" on “{anchor if len(anchor) <= 80 else anchor[:79] + '…'}”"


def _owner(element, *tags: str):
    """The nearest ancestor of ``element`` that is one of ``tags``."""
    wanted = {_q(t) for t in tags}
    return next((a for a in element.iterancestors() if a.tag in wanted), None)


def _cells(row) -> list:
    return [c for c in row.iterchildren(_q("table:table-cell"), _q("table:covered-table-cell"))]


def _furniture(styles, body) -> list[Removed]:
    """Page headers and footers of the master pages, and a generated table of contents."""
    removed: list[Removed] = []
    seen: set[str] = set()
    parts = []
    if styles is not None:
        for where in ("header", "footer"):
            for tag in (where, f"{where}-first", f"{where}-left"):
                parts += [(e, f"page {where}") for e in styles.iter(_q(f"style:{tag}"))]
    parts += [(e, "table of contents") for e in body.iter(_q("text:table-of-content"))]
    for element, label in parts:
        reader = _Reader({})
        reader.container(element.find(_q("text:index-body")) if label == "table of contents" else element)
        for block in reader.blocks:
            if block.text not in seen:
                seen.add(block.text)
                removed.append(Removed(block.text, f"{label} (OpenDocument)"))
    return removed
