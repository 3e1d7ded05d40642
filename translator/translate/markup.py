"""HTML in, HTML out (LibreTranslate's ``format=html``, DeepL's ``tag_handling=html``), markup kept.

The fragment is cleaned first (scripts, styles, event handlers and ``javascript:`` links
removed: a page that shows the answer must not run what the input carried).  Then every run
of text between blocks (a paragraph, heading, list item, cell …, or the text a block holds
beside a block inside it) is one paragraph for the translator, translated sentence by
sentence as plain text: the model never sees a tag.  The inline elements of the run (links,
bold, italics, ``<span>``, ``<sup>``, ``<br>`` …) are then put back around the English that
translates their text, with their attributes as the cleaner left them
(:mod:`translator.translate.inline` says how each is found: a literal, the model's attention,
else the sentence that held it, so that no element is lost).  Elements whose text must not
be translated (``<code>``, ``<kbd>``, ``<samp>``, ``<var>``, ``translate="no"``, class
``notranslate``) come out as they went in; so do ``<pre>`` and the like, and runs with no
letters to translate.  The output is built as a tree and serialised by lxml, so the English
is escaped as text.

From Python (no server needed)::

    fragment = Fragment(html)
    translate(fragment.doc)                      # fills its sentences, e.g. a pipeline's translator
    alignments = engine.align(fragment.pairs())  # None: an engine without attention
    english = fragment.html(alignments)

:func:`translate_html` does the same with awaitable callables (the server's).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from html import escape

from translator.document import Block, BlockKind, Document, Sentence
from translator.htmlout import tostring
from translator.segment import split_sentences
from translator.translate.align import Alignment
from translator.translate.inline import POINT, VERBATIM, WRAP, Item, Placed, locate, model_input, place, wanted

INLINE = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd mark q s samp small span "
    "strike strong sub sup time tt u var wbr".split()
)
VERBATIM_TAGS = frozenset("code kbd samp var".split())  # their text is kept as written
KEPT = frozenset("pre script style textarea svg math template".split())  # blocks passed through untouched


def _verbatim(element) -> bool:
    return (
        element.tag in VERBATIM_TAGS
        or element.get("translate", "").strip().lower() == "no"
        or "notranslate" in element.get("class", "").split()
    )


def _inline(node) -> bool:
    """Part of a run of text: an inline element (with no block inside it), or a comment."""
    if not isinstance(node.tag, str):
        return True
    if node.tag not in INLINE:
        return False
    return _verbatim(node) or all(not isinstance(d.tag, str) or d.tag in INLINE for d in node.iterdescendants())


@dataclass
class _Run:
    """Text and inline elements between two blocks (or a block's edges): one paragraph."""

    lead: str  # the text before the first element
    nodes: list = field(default_factory=list)  # the inline elements, each with its tail
    text: str = ""  # the words, whitespace collapsed
    raw: str = ""
    edges: tuple[str, str] = ("", "")  # the whitespace the run starts and ends with, as written
    items: list[Item] = field(default_factory=list)
    elements: list = field(default_factory=list)  # per item, its element
    wanted: bool = False  # it has letters to translate (else it is kept as it is)
    block: int = -1  # its block in the document; -1: kept as it is

    def read(self) -> None:
        """The run's text and its items (see :mod:`translator.translate.inline`)."""
        pieces: list[str] = [self.lead]
        written: list[str] = [self.lead]  # without the space that stands for a <br> between words
        size = [len(self.lead)]

        def add(text: str | None, real: bool = True) -> None:
            if text:
                pieces.append(text)
                written.extend([text] if real else [])
                size[0] += len(text)

        def visit(node, parent: int | None) -> None:
            index = len(self.items)
            text = node.text_content() if isinstance(node.tag, str) else ""
            kind = VERBATIM if isinstance(node.tag, str) and _verbatim(node) else WRAP if text.strip() else POINT
            self.items.append(Item(kind, size[0], size[0], parent))
            self.elements.append(node)
            if kind == VERBATIM:
                add(text)
            elif kind == WRAP:
                add(node.text)
                for child in node:
                    visit(child, index)
            self.items[index].end = size[0]
            add(" " if node.tag == "br" else None, real=False)
            add(node.tail)

        for node in self.nodes:
            visit(node, None)
        self.raw = "".join(pieces)
        as_written = "".join(written)
        stripped = as_written.lstrip()
        self.edges = (as_written[: len(as_written) - len(stripped)], stripped[len(stripped.rstrip()) :])
        self.text, where = _collapsed(self.raw)
        for item in self.items:
            item.start, item.end = where[item.start], where[item.end]
            while item.start < item.end and self.text[item.start] == " ":
                item.start += 1
            while item.end > item.start and self.text[item.end - 1] == " ":
                item.end -= 1
        kept = [(i.start, i.end) for i in self.items if i.kind == VERBATIM]
        self.wanted = any(c.isalpha() and not any(a <= n < b for a, b in kept) for n, c in enumerate(self.text))


def _collapsed(raw: str) -> tuple[str, list[int]]:
    """``raw`` with its whitespace collapsed to single spaces and stripped, and where each of
    its positions (and its end) went."""
    out: list[str] = []
    where = []
    for char in raw:
        where.append(len(out))
        if char.isspace():
            if out and out[-1] != " ":
                out.append(" ")
        else:
            out.append(char)
    if out and out[-1] == " ":
        out.pop()
    where.append(len(out))
    return "".join(out), [min(w, len(out)) for w in where]


class Fragment:
    """An HTML fragment on its way into English: :attr:`doc` holds one paragraph per run of
    text (translate it), :meth:`pairs` says which sentences need the model's attention, and
    :meth:`html` gives the English fragment."""

    def __init__(self, fragment: str) -> None:
        import lxml.html
        from lxml.html import defs
        from lxml_html_clean import Cleaner

        self.root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        Cleaner(
            scripts=True,
            javascript=True,
            style=True,
            comments=True,
            embedded=True,
            forms=False,
            page_structure=False,
            safe_attrs_only=True,
            safe_attrs=defs.safe_attrs | {"translate"},
        )(self.root)
        self.layout: list[tuple[object, list]] = []  # each block with its segments: runs and child blocks
        self._collect(self.root)
        self.runs = [seg for _, segs in self.layout for seg in segs if isinstance(seg, _Run) and seg.wanted]
        for number, run in enumerate(self.runs):
            run.block = number
        self.doc = Document([Block(BlockKind.PARAGRAPH, r.text, _sentences(r.text)) for r in self.runs])
        self._asked: list[tuple[int, int]] = []  # (run, sentence) of each pair given for alignment

    def _collect(self, block) -> None:
        """Split ``block`` into runs and the blocks between them, and the blocks likewise."""
        segments: list = []
        run = _Run(block.text or "")
        for child in block:
            if _inline(child):
                run.nodes.append(child)
                continue
            segments += [run, child]
            run = _Run(child.tail or "")
        segments.append(run)
        self.layout.append((block, segments))
        for seg in segments:
            if isinstance(seg, _Run):
                seg.read()
            elif not (seg.tag in KEPT or _verbatim(seg)):
                self._collect(seg)

    def pairs(self) -> list[tuple[str, str]]:
        """(model input, English) of each translated sentence an inline element starts or ends in."""
        self._asked = []
        for r, (run, block) in enumerate(zip(self.runs, self.doc.blocks, strict=True)):
            for n in wanted(run.items, locate(run.text, block.sentences)):
                if block.sentences[n].translation.strip():
                    self._asked.append((r, n))
        asked = [self.doc.blocks[r].sentences[n] for r, n in self._asked]
        return [(model_input(sentence), sentence.translation) for sentence in asked]

    def html(self, alignments: Sequence[Alignment | None] | None = None) -> str:
        """The fragment in English, its markup kept (``alignments``: for :meth:`pairs`, in order)."""
        found = dict(zip(self._asked, alignments or [], strict=False))
        for block, segments in self.layout:
            block.text = None
            for child in list(block):
                block.remove(child)
            for seg in segments:
                if not isinstance(seg, _Run):
                    seg.tail = None
                    block.append(seg)
                elif seg.block < 0:
                    _text(block, seg.lead)
                    for node in seg.nodes:
                        block.append(node)
                else:
                    self._english(block, seg, found)
        inner = escape(self.root.text or "", quote=False)
        return inner + "".join(tostring(child) for child in self.root)

    def _english(self, block, run: _Run, found: dict) -> None:
        sentences = self.doc.blocks[run.block].sentences
        spans = locate(run.text, sentences)
        alignments = [found.get((run.block, n)) for n in range(len(sentences))]
        english, placed = place(run.items, sentences, spans, alignments, run.text)
        _text(block, run.edges[0])
        _fill(block, english, 0, len(english), placed, run.elements)
        _text(block, run.edges[1])


def _sentences(text: str) -> list[Sentence]:
    return [Sentence(piece) for piece in split_sentences(text)]


def _text(parent, text: str | None) -> None:
    """Append text to ``parent``'s content (after its last child)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _fill(parent, english: str, low: int, high: int, placed: list[Placed], elements: list) -> None:
    """Append ``english[low:high]`` to ``parent``, each placed item as its element around its words."""
    cursor = low
    for p in sorted(placed, key=lambda p: (p.start, p.end > p.start)):
        start, end = max(p.start, cursor), max(p.end, cursor)
        element = elements[p.item]
        before = english[cursor:start]
        if p.kind == VERBATIM and start == end and before and not before[-1].isspace():
            before += " "  # code inserted where no English was found for it: a word of its own
        _text(parent, before)
        if p.kind == WRAP:
            node = element.makeelement(element.tag, dict(element.attrib))
            _fill(node, english, start, end, p.children, elements)
        else:  # (never a comment or processing instruction: the Cleaner took those out)
            node = copy.deepcopy(element)  # a point (with what it holds) or text kept verbatim
            node.tail = None
        parent.append(node)
        if p.kind == VERBATIM and start == end and english[end : end + 1].isalnum():
            _text(parent, " ")  # ... and before the word it was inserted before
        cursor = end
    _text(parent, english[cursor:high])


async def translate_html(
    fragment: str,
    translate: Callable[[Document], Awaitable[Document]],
    align: Callable[[list[tuple[str, str]]], Awaitable[Sequence[Alignment | None]]] | None = None,
) -> str:
    """``fragment`` with every run of text in English and its markup kept: ``translate`` fills a
    document in; ``align`` gives the model's attention for (input, English) pairs, in one call
    (None, or None for a pair: each element is placed without it)."""
    if not fragment.strip():
        return fragment
    piece = Fragment(fragment)
    if piece.doc.blocks:
        piece.doc = await translate(piece.doc)
    pairs = piece.pairs()
    alignments = await align(pairs) if pairs and align is not None else None
    return piece.html(alignments)
