"""Inline markup carried from a paragraph's Vietnamese to its English.

A paragraph is translated sentence by sentence as plain text; its inline elements (a link,
bold, code, a line break) are each a stretch of its Vietnamese (an :class:`Item`).  Here each
stretch is found again in the English (:func:`place`), sentence by sentence:

1. a literal: the element's text as the English must write it, found there as a whole word:
   a protected span's rendering (a name, number, date, URL), a glossary term's English, or the
   text itself where it looks literal (digits, capitals, a link) or must be kept as written;
2. the model's attention (:func:`translator.translate.align.anchor`): the English words
   that translate the element's Vietnamese;
3. failing both (an engine without attention, an LLM): the whole English sentence that
   held it, so that the element is still there, around the sentence it was in.

An element that starts before a sentence and ends after it wraps that sentence's English
whole.  An element without text (``<br>``, ``<img>``) keeps its place after the English of
the word before it (else before the word after it, else at the same share of the sentence).
An element whose text must not change (``<code>``) replaces the English of its text with
itself (inserted where it stood when no English is found for it).

The places are then made to nest (:func:`nest`): a child is kept inside its parent (widened to
the parent where the two fell apart); siblings that came to overlap are cut apart at a word;
anything still crossing is clamped into what encloses it.  The result always nests, so it
always gives well-formed markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex as re

from translator.document import Sentence
from translator.translate.align import Alignment, anchor

WRAP, POINT, VERBATIM = "wrap", "point", "verbatim"
_PUNCTUATION = re.compile(r"[\p{P}--[#@&%/_-]]", flags=re.V1)  # a stop, comma, quote, bracket ...
_LITERAL = re.compile(r"[\d\p{Lu}/@_:.#]")  # text that English writes as it is: numbers, names, links


@dataclass
class Item:
    """An inline element: its kind, its stretch of the paragraph's text (a point: start == end)
    and the item it lies in (an index into the same list; items come parents first)."""

    kind: str  # WRAP, POINT or VERBATIM
    start: int
    end: int
    parent: int | None = None


@dataclass
class Placed:
    """An item's stretch of the English paragraph, and the placed items inside it."""

    item: int
    kind: str
    start: int
    end: int
    children: list[Placed] = field(default_factory=list)


def locate(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Each sentence's (start, end) in the paragraph ``text`` (sentences are pieces of it, in order)."""
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.find(sentence.source, cursor)
        start = cursor if start < 0 else start
        spans.append((start, start + len(sentence.source)))
        cursor = spans[-1][1]
    return spans


def model_input(sentence: Sentence) -> str:
    """The Vietnamese the English is aligned with: the sentence with its spans rendered."""
    return sentence.plain_input or sentence.source


def wanted(items: Sequence[Item], spans: Sequence[tuple[int, int]]) -> list[int]:
    """The sentences that need the model's attention: those an item starts or ends inside."""
    inside = {n for item in items for n, (a, b) in enumerate(spans) for edge in (item.start, item.end) if a < edge < b}
    return sorted(inside)


def place(
    items: Sequence[Item],
    sentences: Sequence[Sentence],
    spans: Sequence[tuple[int, int]],
    alignments: Sequence[Alignment | None],
    text: str = "",
) -> tuple[str, list[Placed]]:
    """The English paragraph (the sentences' translations joined) and the items placed in it
    (``text``: the paragraph, whose items' own punctuation is all they keep at their edges)."""
    english = " ".join(s.translation for s in sentences)
    offsets, position = [], 0
    for sentence in sentences:
        offsets.append(position)
        position += len(sentence.translation) + 1
    finder = _Finder(sentences, spans, alignments, offsets, english)
    placed = [finder.project(item) for item in items]
    for index, p in enumerate(placed):
        p.item = index
    children: dict[int | None, list[int]] = {}
    for index, item in enumerate(items):
        children.setdefault(item.parent, []).append(index)
    _settle(placed, children, None, (0, len(english)), english)
    for p, item in zip(placed, items, strict=True):
        if p.kind != POINT:
            p.start, p.end = _trimmed(english, p.start, p.end, text[item.start : item.end] if text else "")
    return english, nest(placed)


@dataclass
class _Finder:
    sentences: Sequence[Sentence]
    spans: Sequence[tuple[int, int]]
    alignments: Sequence[Alignment | None]
    offsets: list[int]
    english: str

    def _end(self, n: int) -> int:
        return self.offsets[n] + len(self.sentences[n].translation)

    def project(self, item: Item) -> Placed:
        if item.kind == POINT or item.end <= item.start:
            return Placed(0, POINT if item.kind == WRAP else item.kind, *([self._point(item.start)] * 2))
        touched = [n for n, (a, b) in enumerate(self.spans) if a < item.end and b > item.start]
        if not touched:
            return Placed(0, POINT if item.kind == WRAP else item.kind, *([self._point(item.start)] * 2))
        first, last = touched[0], touched[-1]
        (a, b), (c, d) = self.spans[first], self.spans[last]
        start, end = self.offsets[first], self._end(last)
        if item.start > a:
            found = self._local(first, item.start, min(item.end, b), item.kind)
            if found is None and item.kind == VERBATIM and first == last:
                return Placed(0, VERBATIM, *([self._point(item.start)] * 2))
            start = found[0] if found else start
        if item.end < d:
            found = self._local(last, max(item.start, c), item.end, item.kind)
            if found is None and item.kind == VERBATIM and first == last:
                return Placed(0, VERBATIM, *([self._point(item.start)] * 2))
            end = found[1] if found else end
        if end <= start:  # the attention put the end before the start: the sentences whole
            start, end = self.offsets[first], self._end(last)
        return Placed(0, item.kind, start, end)

    def _local(self, n: int, start: int, end: int, kind: str) -> tuple[int, int] | None:
        """Where in sentence ``n``'s English the paragraph's ``[start, end)`` went, or None."""
        sentence, (a, _), shift = self.sentences[n], self.spans[n], self.offsets[n]
        found = self._literal(sentence, start - a, end - a, kind)
        alignment = self.alignments[n]
        if found is None and alignment is not None:
            found = anchor(alignment, _moved(start - a, sentence.spans, False), _moved(end - a, sentence.spans, True))
        return (found[0] + shift, found[1] + shift) if found else None

    def _literal(self, sentence: Sentence, start: int, end: int, kind: str) -> tuple[int, int] | None:
        """Where the English writes the stretch's text as the model was asked to (a span's
        rendering, a term's English) or as it is (literal-looking text, or text kept verbatim)."""
        piece = sentence.source[start:end]
        needles = [s.rendering for s in sentence.spans if (s.start, s.end) == (start, end) or _core(s, start, end)]
        at = (_moved(start, sentence.spans, False), _moved(end, sentence.spans, True))
        needles += [english for use in sentence.terms if use.at == at for english in (use.en, *use.forms)]
        if kind == VERBATIM or _LITERAL.search(piece):
            needles.append(piece)
        before = len(re.findall(re.escape(piece), sentence.source[:start])) if piece else 0
        for needle in needles:
            hits = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", sentence.translation)]
            if needle and hits:
                return hits[min(before, len(hits) - 1)]
        return None

    def _point(self, position: int) -> int:
        """Where a point of the paragraph goes in the English: after the English of the word
        before it, else before that of the word after it, else at the same share of its sentence."""
        for n, (a, b) in enumerate(self.spans):
            if position <= a:
                return self.offsets[n] - (1 if n else 0)  # between sentences: after the one before
            if position < b:
                return self._inside(n, position - a)
        return len(self.english)

    def _inside(self, n: int, position: int) -> int:
        sentence, shift = self.sentences[n], self.offsets[n]
        source, english = sentence.source, sentence.translation
        alignment = self.alignments[n]
        if alignment is not None:
            before = [m.span() for m in re.finditer(r"\S+", source[:position])]
            after = re.search(r"\S+", source[position:])
            if before and (spot := self._anchor(alignment, sentence, *before[-1])):
                return shift + spot[1]
            if after and (spot := self._anchor(alignment, sentence, position + after.start(), position + after.end())):
                return shift + spot[0]
        share = round(len(english) * position / max(1, len(source)))
        cuts = [len(english), *(m.start() for m in re.finditer(r"\s", english))] + ([0] if not position else [])
        return shift + min(cuts, key=lambda cut: abs(cut - share))

    @staticmethod
    def _anchor(alignment: Alignment, sentence: Sentence, start: int, end: int) -> tuple[int, int] | None:
        return anchor(alignment, _moved(start, sentence.spans, False), _moved(end, sentence.spans, True))


def _core(span, start: int, end: int) -> bool:
    """The stretch is inside the span and holds all its digits ("6/2/2025" of "ngày 6/2/2025")."""
    digits = re.sub(r"\D", "", span.source)
    inner = span.source[start - span.start : end - span.start]
    return span.start <= start and end <= span.end and bool(digits) and re.sub(r"\D", "", inner) == digits


def _moved(position: int, spans: Sequence, end: bool) -> int:
    """A position of the source as it stands in the model's input (spans rendered); inside a
    span, the span's start (or, for an ``end``, its rendering's end)."""
    shift = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.end <= position:
            shift += len(span.rendering) - (span.end - span.start)
        elif span.start < position:
            return span.start + shift + (len(span.rendering) if end else 0)
    return position + shift


def _trimmed(text: str, start: int, end: int, source: str) -> tuple[int, int]:
    """``[start, end)`` without the spaces at its edges, nor punctuation its source has not there
    (a word's full stop is the sentence's, not the bold's); never emptied by it."""

    def strip(start: int, end: int, marks: bool) -> tuple[int, int]:
        def loose(char: str, edge: str) -> bool:
            return char.isspace() or (marks and bool(_PUNCTUATION.match(char)) and not _PUNCTUATION.match(edge))

        while start < end and loose(text[start], source[:1]):
            start += 1
        while end > start and loose(text[end - 1], source[-1:]):
            end -= 1
        return start, end

    start, end = strip(start, end, False)
    bare = strip(start, end, True)
    return bare if bare[1] > bare[0] else (start, end)


def _settle(
    placed: list[Placed], children: dict[int | None, list[int]], parent: int | None, within: tuple[int, int], text: str
) -> None:
    """Keep each item's children inside it and apart from each other (see the module docstring)."""
    low, high = within
    kids = children.get(parent, [])
    for k in kids:
        p = placed[k]
        if p.kind == POINT or p.start == p.end:
            p.start = p.end = min(max(p.start, low), high)
        elif max(p.start, low) < min(p.end, high):
            p.start, p.end = max(p.start, low), min(p.end, high)
        else:  # fell outside its parent: the parent's whole stretch
            p.start, p.end = low, high
    previous: Placed | None = None
    for p in sorted((placed[k] for k in kids if placed[k].end > placed[k].start), key=lambda p: (p.start, p.item)):
        if previous is not None and p.start < previous.end:
            _part(previous, p, text)
        if previous is None or p.end > previous.end:
            previous = p
    for k in kids:
        _settle(placed, children, k, (placed[k].start, placed[k].end), text)


def _part(first: Placed, second: Placed, text: str) -> None:
    """Two siblings that overlap, ``first`` starting no later: cut apart (or, on one word, nested
    with a kept-verbatim one innermost)."""
    if first.start < second.start:
        first.end = second.start
    elif second.end > first.end:
        second.start = first.end
    else:
        end = max(first.end, second.end)
        middle = (first.start + end) / 2
        cuts = [m.start() for m in re.finditer(r"\s", text[first.start : end]) if m.start()]
        if cuts:
            cut = first.start + min(cuts, key=lambda c: abs(first.start + c - middle))
            first.end, second.start, second.end = cut, cut + 1, end
        elif first.kind == VERBATIM and second.kind == VERBATIM:
            second.start = second.end = first.end  # inserted after it
        elif first.kind == VERBATIM:
            second.start, second.end = first.start, end


def nest(placed: Sequence[Placed]) -> list[Placed]:
    """The placed items as a tree (top level returned): sorted by start, each inside the one it
    starts in, clamped to it where it would cross it.  Nothing goes inside an item kept verbatim
    (its English is replaced): what would is moved after it."""
    roots: list[Placed] = []
    stack: list[Placed] = []
    order = sorted(
        placed, key=lambda p: (p.start, p.end > p.start, -p.end, p.kind == VERBATIM and p.end > p.start, p.item)
    )
    for p in order:
        p.children = []
        while stack and stack[-1].end <= p.start:
            stack.pop()
        if stack and stack[-1].kind == VERBATIM:
            top = stack.pop()
            p.start = top.end
            p.end = max(p.end, top.end)
            while stack and stack[-1].end <= p.start:
                stack.pop()
        if stack and p.end > stack[-1].end:
            p.end = stack[-1].end
        (stack[-1].children if stack else roots).append(p)
        if p.end > p.start:
            stack.append(p)
    return roots
