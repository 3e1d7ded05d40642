"""Placing inline elements in the English, with hand-made attention (each English word looking
at one Vietnamese word) so that every rule can be seen at work."""

from __future__ import annotations

import pytest
import regex as re

from translator.document import Sentence
from translator.facts.spans import SpanOptions
from translator.glossary.terms import protect
from translator.translate.align import Alignment
from translator.translate.inline import POINT, VERBATIM, WRAP, Item, Placed, nest, place
from translator.translate.markup import Fragment

WORDS, TOKENS = r"\S+", r"\w+|[^\w\s]"  # a token a word, or (as a model's tokenizer) punctuation apart


def attention(source: str, target: str, looks: list[int], tokens: str = WORDS) -> Alignment:
    """English token ``i`` attends to Vietnamese token ``looks[i]`` alone."""
    words = [m.span() for m in re.finditer(tokens, source)]
    rows = [[1.0 if s == look else 0.0 for s in range(len(words))] for look in looks]
    return Alignment(words, [m.span() for m in re.finditer(tokens, target)], rows)


def english_of(
    html: str, translations: list[str], looks: list[list[int]] | None, tokens: str = WORDS, protected: bool = False
) -> str:
    """The fragment in English (``protected``: its numbers and dates given to the model rendered)."""
    fragment = Fragment(html)
    if protected:
        protect(fragment.doc, None, SpanOptions())
    sentences = [s for block in fragment.doc.blocks for s in block.sentences]
    for sentence, text in zip(sentences, translations, strict=True):
        sentence.translation = text
    pairs = fragment.pairs()
    if looks is None:
        return fragment.html(None)
    return fragment.html([attention(v, e, look, tokens) for (v, e), look in zip(pairs, looks, strict=True)])


def test_elements_follow_their_words_when_english_reorders_them():
    html = '<p>Giá của <a href="/g">vàng</a> <b>tăng</b>.</p>'
    out = english_of(html, ["The gold price rose."], [[0, 2, 0, 3]])  # The→Giá gold→vàng price→Giá rose→tăng
    assert out == '<p>The <a href="/g">gold</a> price <b>rose</b>.</p>'


def test_a_child_whose_words_fell_outside_its_parent_is_kept_inside_it():
    # the link is found by its literal text; the bold's "đỏ" by attention, on "building": outside the link
    html = '<p>Tòa <a href="/n">Nhà <b>đỏ</b></a> cao.</p>'
    out = english_of(html, ["The Nhà đỏ building is tall."], [[0, 1, 1, 2, 3, 3]])
    assert out == '<p>The <a href="/n"><b>Nhà đỏ</b></a> building is tall.</p>'


@pytest.mark.parametrize(
    ("html", "english", "looks", "expected"),
    [
        (
            '<p><a href="/1">Hai</a> <a href="/2">từ</a>.</p>',
            "Two words.",
            [0, 0],
            '<p><a href="/1">Two</a> <a href="/2">words</a>.</p>',
        ),
        # "Hai" found as written, "từ ba" by attention on both words: the longer one starts after the shorter
        ("<p><b>Hai</b> <i>từ ba</i>.</p>", "Hai words.", [1, 2], "<p><b>Hai</b> <i>words</i>.</p>"),
        # the code found as written, the bold by attention, on the same one word: the code innermost
        ("<p><code>Ab</code> <b>xin</b> nhé.</p>", "Ab ok.", [1, 2], "<p><b><code>Ab</code></b> ok.</p>"),
        ("<p><b>xin</b> <code>Ab</code> nhé.</p>", "Ab ok.", [0, 2], "<p><b><code>Ab</code></b> ok.</p>"),
        # the bold found as written inside the code's one word: widened to the code, not emptied
        ("<p><code>Ab-cd</code> <b>Ab</b> nhé.</p>", "Ab-cd ok.", [0, 2], "<p><b><code>Ab-cd</code></b> ok.</p>"),
    ],
    ids=["one-word-each", "same-start", "code-first", "code-second", "inside-the-code"],
)
def test_siblings_on_the_same_words_are_cut_apart_at_a_word(html: str, english: str, looks, expected: str) -> None:
    assert english_of(html, [english], [looks]) == expected


def test_nesting_clamps_what_would_cross():
    placed = [Placed(0, WRAP, 0, 10), Placed(1, WRAP, 5, 15), Placed(2, POINT, 12, 12)]
    roots = nest(placed)
    assert [(p.item, p.start, p.end) for p in roots] == [(0, 0, 10), (2, 12, 12)]
    assert [(p.item, p.start, p.end) for p in roots[0].children] == [(1, 5, 10)]


def tree(roots: list[Placed]) -> list[tuple]:
    """The nested places as (item, start, end, children), all the way down."""
    return [(p.item, p.start, p.end, tree(p.children)) for p in roots]


@pytest.mark.parametrize(
    ("placed", "expected"),
    [
        ([Placed(0, VERBATIM, 0, 6), Placed(1, POINT, 3, 3)], [(0, 0, 6, []), (1, 6, 6, [])]),
        (
            [Placed(0, WRAP, 0, 10), Placed(1, VERBATIM, 2, 6), Placed(2, POINT, 4, 4)],
            [(0, 0, 10, [(1, 2, 6, []), (2, 6, 6, [])])],
        ),
        # moved after the code, it is past the italic the code ended: it leaves it, not the bold
        (
            [
                Placed(0, WRAP, 0, 20),
                Placed(1, WRAP, 0, 12),
                Placed(2, WRAP, 0, 6),
                Placed(3, VERBATIM, 2, 6),
                Placed(4, WRAP, 4, 8),
            ],
            [(0, 0, 20, [(1, 0, 12, [(2, 0, 6, [(3, 2, 6, [])]), (4, 6, 8, [])])])],
        ),
    ],
    ids=["at-the-top", "inside-a-wrap", "past-what-the-code-ended"],
)
def test_nothing_goes_inside_text_kept_verbatim(placed: list[Placed], expected: list[tuple]) -> None:
    """What starts inside a code goes after it, in what still encloses that place."""
    assert tree(nest(placed)) == expected


@pytest.mark.parametrize(
    ("html", "english", "looks", "expected"),
    [
        ("<p>Gõ <code>lệnh</code> nhé.</p>", "Type the command.", [[0, 1, 1]], "<p>Type <code>lệnh</code>.</p>"),
        # no place found for it: inserted where it stood, a word of its own on both sides
        ("<p>Gõ <code>lệnh</code> nhé.</p>", "Type it.", None, "<p>Type <code>lệnh</code> it.</p>"),
        ("<p><code>ls</code> chạy nhé.</p>", "It runs.", None, "<p><code>ls</code> It runs.</p>"),
        # a code and a line break inserted at the same place keep their order
        ("<p>Gõ <code>lệnh</code><br>nhé.</p>", "Type it.", None, "<p>Type <code>lệnh</code><br> it.</p>"),
        ("<p>Gõ<br><code>lệnh</code> nhé.</p>", "Type it.", None, "<p>Type<br><code>lệnh</code> it.</p>"),
    ],
)
def test_code_replaces_the_english_of_its_text(html: str, english: str, looks, expected: str) -> None:
    assert english_of(html, [english], looks) == expected


def test_a_point_goes_after_the_english_of_the_word_before_it():
    out = english_of("<p>Một<br>hai ba.</p>", ["Three, two and one."], [[2, 1, 1, 0]])
    assert out == "<p>Three, two and one.<br></p>"


def test_a_point_whose_word_before_has_no_english_goes_before_the_english_of_the_word_after():
    out = english_of("<p>Một<br>hai ba.</p>", ["One two three."], [[1, 1, 2]])  # nothing attends to "Một"
    assert out == "<p><br>One two three.</p>"


TWO = ["One sentence.", "Two sentences."]


@pytest.mark.parametrize(
    ("html", "translations", "expected"),
    [
        ("<p>Một câu.<br>Hai câu.</p>", TWO, "<p>One sentence.<br> Two sentences.</p>"),
        ("<p>Một câu. <br>Hai câu.</p>", TWO, "<p>One sentence.<br> Two sentences.</p>"),  # at the second's start
        ("<p><br>Một câu.</p>", ["One sentence."], "<p><br>One sentence.</p>"),
        ("<p>Một câu.<br></p>", ["One sentence."], "<p>One sentence.<br></p>"),
    ],
)
def test_a_point_between_sentences_goes_after_the_one_before(html: str, translations: list[str], expected: str):
    """Wherever the engine: at a sentence's edge there is no word to find, only the sentence."""
    assert english_of(html, translations, None) == expected


def test_without_attention_a_point_keeps_its_share_of_the_sentence_at_a_word_break():
    """An engine without attention (an LLM): a line break two thirds into the Vietnamese goes two
    thirds into the English, at the nearest break between words, whatever the lengths."""
    assert english_of("<p>Một hai ba<br>bốn.</p>", ["One, two, three, four."], None) == (
        "<p>One, two, three,<br> four.</p>"
    )
    out = english_of("<p>Một hai ba<br>bốn.</p>", ["The first, the second, the third and then the fourth."], None)
    assert out == "<p>The first, the second, the third and<br> then the fourth.</p>"


def test_a_span_is_found_by_its_rendering():
    sentence = Sentence("Trời mưa ngày 6/2/2025 nhé.", "It rained on 6 February 2025.")
    from translator.facts.spans import find

    sentence.spans = [s for s in find(sentence.source) if s.kind == "date"]
    sentence.plain_input = "Trời mưa 6 February 2025 nhé."
    start = sentence.source.index("6/2")
    english, roots = place([Item(WRAP, start, start + 8)], [sentence], [(0, len(sentence.source))], [None])
    assert english[roots[0].start : roots[0].end] == "6 February 2025"


@pytest.mark.parametrize(
    ("html", "english", "looks", "expected"),
    [
        (
            "<p>Ngày 6/2/2025<b>(thứ năm)</b> trời mưa ở Huế.</p>",
            "On 6 February 2025 (Thursday) it rained in Huế.",
            [0, 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11],
            "<p>On 6 February 2025 <b>(Thursday)</b> it rained in Huế.</p>",
        ),
        (
            "<p>Trời mưa <b>(thứ năm)</b>ngày 6/2/2025.</p>",
            "It rained (Thursday) on 6 February 2025.",
            [0, 1, 2, 4, 5, 6, 6, 7, 8, 9],
            "<p>It rained <b>(Thursday)</b> on 6 February 2025.</p>",
        ),
    ],
    ids=["starts-where-a-date-ends", "ends-where-a-date-starts"],
)
def test_an_element_touching_a_protected_span_takes_its_own_words_not_the_spans(html, english, looks, expected):
    """The model reads the date rendered ("6 February 2025"); an element written against it, with no
    space between, is looked up at its own place in that input: the English of its words alone."""
    assert english_of(html, [english], [looks], TOKENS, protected=True) == expected


def test_a_child_its_parent_was_cut_back_from_is_kept_inside_it_never_emptied():
    """By attention the link runs to "up." and the italic starts at "HAI", so the link is cut back
    to "So"; the bold, found at "HAI" by its letters, then only touches the link's end: it takes
    the link's words, never an empty stretch at its edge."""
    html = '<p><a href="/x">Một <b>HAI</b></a> <i>ba.</i></p>'
    out = english_of(html, ["So HAI went up."], [[0, 2, 1, 1]])  # So→Một HAI→ba went→HAI up→HAI
    assert out == '<p><a href="/x"><b>So</b></a> <i>HAI went up.</i></p>'


def test_an_element_whose_sentence_came_back_empty_stays_empty_where_it_stood():
    """Nothing to wrap: the element is kept, empty, and the text around it keeps its spaces."""
    out = english_of("<p>Một câu. <b>Hai câu.</b> Ba câu.</p>", ["One sentence.", "", "Three."], None)
    assert out == "<p>One sentence. <b></b> Three.</p>"
