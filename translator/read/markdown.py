"""Read Markdown with a real Markdown parser (markdown-it-py), keeping its structure.

YAML front matter is metadata (title, author, date, url), never text to
translate.  Headings, paragraphs, quotes and list items become blocks of
their kind; an ordered list keeps its numbers.  Table cells are blocks
that know their table, row and column.  Only what the author marked with ``#`` (or underlined) is a heading;
footnotes (``[^1]``) are notes after the story, numbered where the text
cites them.  Fenced code and raw HTML blocks pass through untranslated.  Inline
markup is dropped and its text kept; a link keeps its target after its
text (``text (https://…)``), where the protected-span stage keeps it intact.
"""

from __future__ import annotations

from translator.document import Block, BlockKind, Cell, Document

_META_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "date": "date",
    "published": "date",
    "url": "url",
    "link": "url",
    "source": "site",
    "site": "site",
}


def read_markdown(text: str) -> tuple[list[Block], dict[str, str]]:
    """Blocks and metadata of a Markdown document."""
    from markdown_it import MarkdownIt

    meta, body = front_matter(text)
    from mdit_py_plugins.footnote import footnote_plugin

    tokens = MarkdownIt("commonmark").enable("table").use(footnote_plugin).parse(body)
    blocks: list[Block] = []
    notes: list[Block] = []  # footnotes, kept after the story as Word's are
    note = ""  # the number of the footnote being read
    context: list[str] = []  # the open containers: blockquote, list items, table cells
    markers: list[str | None] = []  # each open list item's marker ("" a bullet; None: its first paragraph read)
    heading = False
    table, row, column = -1, -1, -1  # where in which table the cell being read stands
    for token in tokens:
        kind = token.type
        if kind == "table_open":
            table, row = table + 1, -1
        elif kind == "tr_open":
            row, column = row + 1, -1
        if kind in ("blockquote_open", "th_open", "td_open"):
            context.append(kind)
            column += kind != "blockquote_open"
        elif kind == "list_item_open":
            context.append(kind)
            markers.append(f"{token.info}{token.markup}" if token.info else "")
        elif kind in ("blockquote_close", "th_close", "td_close", "list_item_close"):
            context.pop()
            if kind == "list_item_close":
                markers.pop()
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "footnote_open":
            note = f"[{token.meta['id'] + 1}]"
        elif kind == "footnote_close":
            note = ""
        elif kind == "inline" and note:
            notes.append(Block(BlockKind.NOTE, " ".join(f"{note} {_inline(token)}".split())))
            note = ""  # a footnote's further paragraphs are read as its own
        elif kind in ("fence", "code_block", "html_block"):
            code = token.content.rstrip("\n")
            if code.strip():
                blocks.append(Block(BlockKind.CODE, code))
        elif kind == "inline" and context and context[-1] in ("th_open", "td_open"):
            cell = Cell(table, row, column, header=context[-1] == "th_open")
            blocks.append(Block(BlockKind.PARAGRAPH, " ".join(_inline(token).split()), cell=cell))
        elif kind == "inline":
            blocks += _blocks(_inline(token), heading, context, markers)
    from translator.read.text import looks_like_title

    if blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].kind = BlockKind.TITLE
    elif meta.get("title") and looks_like_title(meta["title"]):
        blocks.insert(0, Block(BlockKind.TITLE, meta["title"]))
    return [b for b in blocks + notes if b.text.strip()], meta


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``: a leading ``---`` YAML block read as metadata (known keys only)."""
    import yaml

    lines = text.split("\n")
    if lines[0].strip() != "---":  # (split gives at least one line)
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), None)
    if end is None:
        return {}, text
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError:
        return {}, text  # not front matter after all: the text is read as it is
    if not isinstance(data, dict):
        return {}, text
    meta: dict[str, str] = {}
    for key, value in data.items():
        field = _META_KEYS.get(str(key).lower())
        if field and value not in (None, "") and field not in meta:
            meta[field] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return meta, "\n".join(lines[end + 1 :])


def _inline(token) -> str:
    """An inline token's text: markup dropped, code kept as written, links followed by their target."""
    out: list[str] = []
    links: list[tuple[str, int]] = []  # open links: target, where their text starts
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append("\n")
        elif kind == "footnote_ref":
            out.append(f"[{child.meta['id'] + 1}]")
        elif kind == "link_open":
            links.append((str(child.attrs.get("href", "")), len(out)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            label = "".join(out[start:]).strip()
            if href and href not in (label, f"mailto:{label}"):
                out.append(f" ({href})")
    return "".join(out)


def _blocks(text: str, heading: bool, context: list[str], markers: list[str | None]) -> list[Block]:
    from translator.read.text import unwrap

    inner = context[-1] if context else ""
    if heading:
        return [Block(BlockKind.HEADING, " ".join(text.split()))]
    if inner == "list_item_open":  # the item is its first paragraph; its later ones are no new items
        marker, markers[-1] = markers[-1], None
        kind = BlockKind.PARAGRAPH if marker is None else BlockKind.LIST_ITEM
        return [Block(kind, " ".join(text.split()), marker=marker or "")]
    if inner == "blockquote_open":
        return [Block(BlockKind.QUOTE, " ".join(text.split()))]
    return [Block(BlockKind.PARAGRAPH, line) for line in unwrap(text)]  # a heading is what the author marked #


def read_markdown_file(data: bytes, name: str) -> Document:
    """A Markdown article: its blocks, and its front matter as metadata."""
    from translator.read.text import decode_with_warnings

    text, warnings = decode_with_warnings(data, name)
    blocks, meta = read_markdown(text)
    return Document(blocks=blocks, meta=meta, warnings=warnings)
