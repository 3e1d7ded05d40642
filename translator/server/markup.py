"""HTML in, HTML out (LibreTranslate's ``format=html``, DeepL's ``tag_handling=html``).

The fragment is cleaned first (scripts, styles, event handlers and ``javascript:`` links
removed: a page that shows the answer must not run what the input carried); then each
innermost block (a paragraph, heading, list item, cell … with no block inside it) is one
paragraph for the translator, and its English replaces its content.  Markup inside a block
(bold, links) is not kept: the model translates sentences, not runs of tags.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape

from translator.document import Block, BlockKind, Document

BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li td th dt dd blockquote figcaption caption div section article header footer "
    "aside main nav title option label legend summary".split()
)


async def translate_html(fragment: str, translate: Callable[[Document], Awaitable[Document]]) -> str:
    """``fragment`` with every block's text in English (``translate`` fills a document in)."""
    import lxml.html
    from lxml_html_clean import Cleaner

    if not fragment.strip():
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    Cleaner(
        scripts=True,
        javascript=True,
        style=True,
        comments=True,
        embedded=True,
        forms=False,
        page_structure=False,
        safe_attrs_only=True,
    )(root)
    units = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and (element is root or element.tag in BLOCKS)
        and element.tag not in ("pre", "code")
        and not any(isinstance(child.tag, str) and child.tag in BLOCKS for child in element.iterdescendants())
        and " ".join(element.text_content().split())
    ]
    if units:
        from translator.pipeline import segment

        doc = segment(Document([Block(BlockKind.PARAGRAPH, " ".join(u.text_content().split())) for u in units]))
        doc = await translate(doc)
        for unit, block in zip(units, doc.blocks, strict=True):
            tail = unit.tail
            for child in list(unit):
                unit.remove(child)
            unit.text = " ".join(s.translation for s in block.sentences)
            unit.tail = tail
    inner = escape(root.text or "", quote=False)
    return inner + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
