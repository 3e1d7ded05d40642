"""Read a saved news page (HTML) with trafilatura's main-content extraction.

trafilatura finds the story and drops navigation, asides and footers; its
XML output keeps headings, paragraphs, lists and quotes, which become block
kinds here.  It drops ``<figcaption>``, so captions are turned into
paragraphs first and recognised again by their text.  Page metadata (title,
site, URL, author, date) goes into ``Document.meta``.
"""

from __future__ import annotations

import re

from translator.document import Block, BlockKind, Cell, Document, Removed
from translator.errors import InputError
from translator.read.news_page import norm
from translator.read.outlets import outlet_tag

_HEADING_WORDS = 20
_MIN_WORDS = 5  # a page whose longest text has fewer words holds no article
_AGREEMENT = 0.5  # the container is used unless it holds less than half the words trafilatura found
_META = {"title": "title", "sitename": "site", "url": "url", "author": "author", "date": "date"}


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def as_utf8(data: bytes, declared: str | None = None) -> bytes:
    """A page's bytes in UTF-8, decoded by what is surest: bytes that are valid UTF-8 stay (a
    header or tag that says otherwise is wrong: other encodings' text is almost never valid
    UTF-8); else the charset ``declared`` (by an HTTP header), else the page's own ``<meta>``;
    else the bytes as they are, for trafilatura to guess."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    found = _META_CHARSET.search(data[:4096])
    for charset in (declared, found.group(1).decode("ascii") if found else None):
        if charset:
            try:
                return data.decode(charset).encode("utf-8")
            except (LookupError, UnicodeDecodeError):
                continue
    return data


def read_html(data: bytes, name: str = "input", charset: str | None = None) -> Document:
    """A saved or fetched page (``charset``: what its HTTP header declared) as a document."""
    import trafilatura
    from lxml import etree

    from translator.read.news_page import read_page, set_aside_link_lists, unbox_inline

    tree = trafilatura.load_html(as_utf8(data, charset))
    if tree is None:
        raise InputError(f"{name}: not an HTML page")
    # A browser never shows a <template> or, with scripts on, a <noscript>; trafilatura would keep their text.
    etree.strip_elements(tree, "template", "noscript", with_tail=False)
    unbox_inline(tree)
    navigation = set_aside_link_lists(tree)
    facts = read_page(tree)
    captions = set()
    for caption in tree.iter("figcaption"):
        caption.tag = "p"
        captions.add(norm(caption.text_content()))
    extracted = trafilatura.extract(
        tree,
        output_format="xml",
        include_formatting=True,
        include_images=True,
        include_comments=False,
        with_metadata=True,
        favor_recall=True,
    )
    general = Document()
    if extracted:
        root = etree.fromstring(extracted.encode("utf-8"))
        general.meta = {_META[k]: norm(v) for k, v in root.attrib.items() if k in _META and v}
        main = root.find("main")
        if main is not None and main.text and main.text.strip():
            general.blocks.append(Block(BlockKind.PARAGRAPH, norm(main.text)))
        for element in main if main is not None else []:
            _add(element, general, captions)
            if element.tail and element.tail.strip():
                general.blocks.append(Block(BlockKind.PARAGRAPH, norm(element.tail)))
    doc = _combine(facts, general)
    doc.removed[:0] = navigation
    if max((len(b.text.split()) for b in doc.blocks), default=0) < _MIN_WORDS:
        raise InputError(f"{name}: no article text found in this page")
    _record_outside(tree, doc)
    return doc


def _combine(facts, general: Document) -> Document:
    """The page's own markup where it has it, trafilatura's reading where not.

    The story comes from the article container unless it holds far less text than
    trafilatura found (then the removed list says why); the title from the page's
    headline, the lead from its sapo element, the date and author from its metadata."""
    general_words = sum(len(b.text.split()) for b in general.blocks)
    doc = Document(meta=dict(general.meta))
    if facts.blocks and facts.words() >= _AGREEMENT * general_words:
        blocks = facts.blocks
        doc.removed.extend(facts.removed)
        doc.meta["extracted"] = f"article container {facts.container}"
    else:
        blocks = general.blocks
        doc.removed.extend(general.removed)
        if facts.blocks:
            doc.removed.append(
                Removed(
                    f"{facts.container}: {facts.words()} words",
                    f"the page's article container held far less text than its main content "
                    f"({general_words} words); the general extractor's reading was used",
                )
            )
    for key in ("date", "author", "site", "url"):
        value = getattr(facts, key)
        if value:
            doc.meta[key] = value
    title = facts.title or doc.meta.get("title", "")
    if title:
        doc.meta["title"] = title
    placed = {norm(t).lower() for t in (title, facts.lead) if t}  # the page's own title and lead go first
    blocks = [b for i, b in enumerate(blocks) if i >= 3 or norm(b.text).lower() not in placed]
    head = [Block(BlockKind.TITLE, title)] if title else []
    if not head and blocks and blocks[0].kind is BlockKind.HEADING:
        blocks[0].kind = BlockKind.TITLE
    lead = [Block(BlockKind.LEAD, facts.lead)] if facts.lead else []
    doc.blocks = [*head, *lead, *blocks]
    return doc


def _add(element, doc: Document, captions: set[str]) -> None:
    tag = element.tag
    text = norm("".join(element.itertext()))
    if tag == "graphic":
        alt = norm(element.get("alt") or "")
        if alt:
            doc.removed.append(Removed(alt, "image alt text"))
    elif not text:
        return
    elif tag == "head":
        # Some sites mark the lead (sapo) up as a heading: a sentence is not one.
        sentence = text.endswith((".", "!", "?", "…")) and len(text.split()) > _HEADING_WORDS
        doc.blocks.append(Block(BlockKind.PARAGRAPH if sentence else BlockKind.HEADING, text))
    elif tag == "list":
        for item in element.iter("item"):
            for graphic in item.iter("graphic"):  # a picture in a list is recorded like one outside it
                _add(graphic, doc, captions)
            item_text = norm("".join(item.itertext()))
            if item_text:
                doc.blocks.append(Block(BlockKind.LIST_ITEM, item_text))
    elif tag == "quote":
        doc.blocks.append(Block(BlockKind.QUOTE, text))
    elif tag == "table":
        rows = element.findall("row")
        grid = len(rows) > 1 and max(len(row.findall("cell")) for row in rows) > 1  # else a frame around text
        number = 1 + max((b.cell.table for b in doc.blocks if b.cell), default=-1)
        for r, row in enumerate(rows):
            for c, cell in enumerate(row.findall("cell")):
                cell_text = norm("".join(cell.itertext()))
                place = Cell(number, r, c, cell.get("role") == "head") if grid else None
                if cell_text:
                    doc.blocks.append(Block(BlockKind.PARAGRAPH, cell_text, cell=place))
    else:
        doc.blocks.append(Block(BlockKind.CAPTION if text in captions else BlockKind.PARAGRAPH, text))


_LEAF_TAGS = frozenset(
    {
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "td",
        "th",
        "dt",
        "dd",
        "blockquote",
        "div",
        "time",
        "figcaption",
        "caption",
        "address",
        "a",
        "span",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head"})


def _record_outside(tree, doc: Document) -> None:
    """Every text block of the page that the extraction left out, so nothing goes silently."""
    kept = " ".join([b.text for b in doc.blocks] + [r.text for r in doc.removed] + list(doc.meta.values()))
    seen: set[str] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag not in _LEAF_TAGS:
            continue
        if any(a.tag in _SKIP_TAGS for a in element.iterancestors()):
            continue
        if any(isinstance(d.tag, str) and d.tag in _LEAF_TAGS for d in element.iterdescendants()):
            continue
        text = norm(element.text_content())
        if text and text not in seen and text not in kept and outlet_tag(text)[1] not in kept:
            seen.add(text)
            doc.removed.append(Removed(text, "outside the article (menus, sidebars, footer)"))
