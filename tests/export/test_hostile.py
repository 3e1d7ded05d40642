"""Hostile text stays text in every export: escaped, never markup, read back as it was (issue 31).

A scraped page can carry ``<script>``, ``&``, quotes, ``]]>``, pipes, Markdown marks, control
characters and bidi marks.  Readers normalise what a reader cannot see (control characters and
direction marks go); whatever is left must come out of each format exactly as it went in, and
must never become markup in a browser, a Markdown viewer, a CAT tool or Word.
"""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translator.document import Block, BlockKind, Document, Removed, Sentence
from translator.export import FORMATS, render
from translator.read.text import CONTROL_CHARS, normalise_text

PIECES = [
    "<script>alert(1)</script>", "<b>", "</td>", "&", "&amp;", "&#x3c;", '"', "'", "]]>", "<![CDATA[", "<!--",
    "-->", "|", "*", "_", "`", "\\", "#", "[", "](javascript:x)", "!", "~", "{", "}", "1.", "- ", "+", "=",
    "\x00", "\x0b", "\x1f", "\ufffe", "\u202e", "\u200f", "\u2066", "\u00a0", "ă", "Đ", "ệ", "x", " ", "2,5%",
]  # fmt: skip
HOSTILE = st.lists(st.sampled_from(PIECES), min_size=1, max_size=8).map("".join)


def _as_read(text: str) -> str:
    """What a reader hands the stages: control characters removed, invisible marks normalised."""
    return " ".join(normalise_text(CONTROL_CHARS.sub("", text)).split()) or "x"


def _doc(text: str) -> Document:
    sentence = Sentence(source=f"Câu {text} cuối.", translation=f"Sentence {text} end.", flags=[f"flag {text}"])
    return Document(
        blocks=[
            Block(BlockKind.TITLE, f"Tựa {text}", [Sentence(f"Tựa {text}", f"Title {text}")]),
            Block(BlockKind.PARAGRAPH, sentence.source, [sentence]),
        ],
        removed=[Removed(f"Bỏ {text}", f"menu {text}")],
        meta={"author": f"Tác giả {text}", "site": f"Báo {text}"},
    )


def _no_markup(root) -> None:
    """No element a page's text could have made: scripts, bold, links, comments."""
    assert not root.xpath("//script[contains(., 'alert')] | //b | //a[contains(@href, 'javascript')]")
    assert not root.xpath("//comment()[not(ancestor::style)]")


def _html_text(data: bytes | str):
    import lxml.html

    root = lxml.html.fromstring(data.decode("utf-8") if isinstance(data, bytes) else data)
    _no_markup(root)
    return " ".join(root.text_content().split())


@given(HOSTILE)
def test_html_page_keeps_hostile_text_as_text(raw):
    text = _as_read(raw)
    page = _html_text(render(_doc(text), "html"))
    for expected in (f"Sentence {text} end.", f"Bỏ {text}", f"menu {text}", f"Tác giả {text}", f"flag {text}"):
        assert " ".join(expected.split()) in page


@pytest.mark.parametrize("fmt", ["md", "md-en"])
@given(raw=HOSTILE)
def test_markdown_keeps_hostile_text_as_text(fmt, raw):
    """Rendered by a Markdown viewer (markdown-it, HTML allowed, as CommonMark allows it), the
    report shows the text itself, and a pipe never adds a table cell."""
    from markdown_it import MarkdownIt

    text = _as_read(raw)
    html = MarkdownIt("commonmark").enable("table").render(render(_doc(text), fmt).decode("utf-8"))
    page = _html_text(f"<html><body>{html}</body></html>")
    assert " ".join(f"Sentence {text} end.".split()) in page
    if fmt == "md":
        import lxml.html

        rows = lxml.html.fromstring(f"<html><body>{html}</body></html>").xpath("//table[1]//tr")
        assert {len(row.xpath("./td|./th")) for row in rows} == {len(rows[0].xpath("./td|./th"))}


@pytest.mark.parametrize("fmt", ["docx", "docx-en", "docx-review"])
@given(raw=HOSTILE)
def test_word_reports_keep_hostile_text(fmt, raw):
    import docx

    text = _as_read(raw)
    report = docx.Document(io.BytesIO(render(_doc(text), fmt)))
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    paragraphs = [p.text for p in report.paragraphs]
    assert any(f"Sentence {text} end." in c for c in cells + paragraphs)


@pytest.mark.parametrize("fmt", ["tmx", "xliff"])
@given(raw=HOSTILE)
def test_cat_formats_are_valid_xml_with_the_text_itself(fmt, raw):
    from lxml import etree

    text = _as_read(raw)
    root = etree.fromstring(render(_doc(text), fmt))
    segments = [e.text or "" for e in root.iter() if etree.QName(e).localname in ("seg", "source", "target")]
    assert f"Câu {text} cuối." in segments and f"Sentence {text} end." in segments


@given(HOSTILE)
def test_json_lines_give_back_every_string(raw):
    text = _as_read(raw)
    rows = [json.loads(line) for line in render(_doc(text), "jsonl").decode("utf-8").splitlines()]
    assert any(row["source"] == f"Câu {text} cuối." and row["target"] == f"Sentence {text} end." for row in rows)


@given(HOSTILE)
def test_the_memorys_tmx_export_escapes_comments_and_text(tmp_path_factory, raw):
    from lxml import etree

    from translator.translate.memory import TranslationMemory

    text = _as_read(raw)
    memory = TranslationMemory(tmp_path_factory.mktemp("memory") / "memory.sqlite3")
    memory.store_human([(f"Câu {text}", f"Sentence {text}", "corrected", f"note {text}", f"file {text}.docx")])
    root = etree.fromstring(memory.export_tmx().encode("utf-8"))
    assert [n.text for n in root.iter("note")] == [f"note {text}"]
    assert f"Sentence {text}" in [s.text for s in root.iter("seg")]


def test_every_text_format_is_guarded_here():
    """A new export format must join the tests above."""
    assert set(FORMATS) == {"md", "md-en", "docx", "docx-en", "docx-review", "tmx", "xliff", "jsonl", "html"}
