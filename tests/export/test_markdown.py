"""Bilingual and English-only Markdown, compared whole: every block kind, a table, flags, reviews,
comments, the appendices, and what Markdown would misread escaped."""

from pathlib import Path

import pytest

from translator.document import Block, BlockKind, Cell, Document, Removed, Sentence
from translator.export.markdown import escape, render, render_english
from translator.glossary.terms import TermUse


def _story() -> Document:
    """One of every block kind and mark an export shows, each with text Markdown could misread."""
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Giá xăng | tăng", [Sentence("Giá xăng | tăng", "Fuel *prices* rise")]),
            Block(BlockKind.LEAD, "Mở đầu.", [Sentence("Mở đầu.", "Lead.")]),
            Block(
                BlockKind.PARAGRAPH,
                "1. Giá tăng. Xăng",
                [
                    Sentence("1. Giá tăng.", "1. Prices rose.", terms=[TermUse("Giá", "price", True)]),
                    Sentence("Xăng", "Fuel."),
                ],
            ),
            Block(
                BlockKind.PARAGRAPH, "RON95", [Sentence("RON95", "", flags=["empty translation"], comment="xem lại")]
            ),
            Block(BlockKind.HEADING, "Phần #2", [Sentence("Phần #2", "Part #2", flags=["number changed"])]),
            Block(
                BlockKind.LIST_ITEM,
                "Mục một",
                [Sentence("Mục một", "Item one", reviewed="corrected", terms=[TermUse("Giá", "price")])],
                marker="3.",
            ),
            Block(BlockKind.LIST_ITEM, "Mục hai", [Sentence("Mục hai", "Item two", reviewed="approved")]),
            Block(BlockKind.CAPTION, "Ảnh: AFP", [Sentence("Ảnh: AFP", "Photo: AFP")]),
            Block(BlockKind.QUOTE, "Trích", [Sentence("Trích", "Quote")]),
            Block(BlockKind.BYLINE, "Theo Reuters", [Sentence("Theo Reuters", "By Reuters")]),
            Block(
                BlockKind.CODE, "a = `b` | c\nd", [Sentence("a = `b` | c\nd", "a = `b` | c\nd ``` e", verbatim=True)]
            ),
            Block(BlockKind.PARAGRAPH, "", []),
            Block(BlockKind.PARAGRAPH, "Ô", [Sentence("Ô", "Cell")], cell=Cell(0, 0, 0, header=True)),
            Block(BlockKind.PARAGRAPH, "Giá", [Sentence("Giá", "Price")], cell=Cell(0, 0, 1, header=True)),
            Block(BlockKind.PARAGRAPH, "a|b", [Sentence("a|b", "x|y", flags=["check"])], cell=Cell(0, 1, 0)),
            Block(BlockKind.PARAGRAPH, "Kết.", [Sentence("Kết.", "End.", terms=[TermUse("Kết", "end", True)])]),
        ],
        removed=[Removed("Cùng chủ đề", "other stories"), Removed("Quảng cáo *", "advert")],
        meta={"source_file": "a.txt", "url": "", "model": "m 1.0", "test_model": "yes", "vietrans": "0.1.0"},
    )


HEADER = """\
- **Source:** a.txt
- **Model:** m 1.0
- **vietrans:** 0.1.0

> **Warning:** Made with a test model: the English text is not a translation. \
Install a real vi→en model before sharing this document.
"""

APPENDICES = """
## Glossary terms

| Tiếng Việt | English | uses | enforced |
| --- | --- | --- | --- |
| Giá | price | 2 | 1 |
| Kết | end | 1 | 1 |

## Left out of the translation

| Text | Reason |
| --- | --- |
| Cùng chủ đề | other stories |
| Quảng cáo \\* | advert |
"""

BILINGUAL = (
    """\
# Giá xăng \\| tăng
*Fuel \\*prices\\* rise*

"""
    + HEADER
    + """
| Tiếng Việt | English |
| --- | --- |
| **Mở đầu.** | **Lead.** |
| 1\\. Giá tăng. | 1\\. Prices rose. |
| Xăng | Fuel. |
| RON95 |  ⚠ *empty translation* 💬 *xem lại* |

## Phần #2
*Part #2* ⚠ *number changed*

| Tiếng Việt | English |
| --- | --- |
| 3\\. Mục một | 3\\. Item one ✓ *reviewed (corrected)* |
| • Mục hai | • Item two ✓ *reviewed (approved)* |
| *Ảnh: AFP* | *Photo: AFP* |
| *Trích* | *Quote* |
| <sub>Theo Reuters</sub> | <sub>By Reuters</sub> |
| `a = 'b' \\| c` <br> `d` | `a = 'b' \\| c` <br> `d ''' e` |

| Ô | Giá |
| --- | --- |
| a\\|b |  |

| Cell | Price |
| --- | --- |
| x\\|y ⚠ *check* |  |

| Tiếng Việt | English |
| --- | --- |
| Kết. | End. |
"""
    + APPENDICES
)

ENGLISH = (
    """\
# Fuel \\*prices\\* rise
*Giá xăng \\| tăng*

"""
    + HEADER
    + """
**Lead.**

1\\. Prices rose. Fuel.

 ⚠ *empty translation* 💬 *xem lại*

## Part #2 ⚠ *number changed*

3\\. Item one ✓ *reviewed (corrected)*

• Item two ✓ *reviewed (approved)*

*Photo: AFP*

*Quote*

<sub>By Reuters</sub>

````
a = `b` | c
d ``` e
````

| Cell | Price |
| --- | --- |
| x\\|y ⚠ *check* |  |

End.
"""
    + APPENDICES
)


@pytest.mark.parametrize(("export", "expected"), [(render, BILINGUAL), (render_english, ENGLISH)])
def test_a_story_is_exported_whole(export, expected):
    """Headings stay headings; bilingual, the sentences between them are rows of a two-column table and a
    table shows its Vietnamese then its English; English only, paragraphs, code fenced as it was."""
    assert export(_story()).decode("utf-8") == expected


@pytest.mark.parametrize(
    ("export", "expected"),
    [
        (render, "# bài-1\n\n\n| Tiếng Việt | English |\n| --- | --- |\n| x | y |\n"),
        (render_english, "# bài-1\n\n\ny\n"),
    ],
)
def test_a_story_without_a_title_is_named_by_its_file(export, expected):
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "x", [Sentence("x", "y")])], source=Path("/in/bài-1.txt"))
    assert export(doc).decode("utf-8") == expected


@pytest.mark.parametrize(
    ("text", "at_line_start", "after_something"),
    [
        ("a|b", "a\\|b", "a\\|b"),
        (
            "*b* _i_ `c` \\ {x} [l](u) <h> ~s~ &amp;",
            *["\\*b\\* \\_i\\_ \\`c\\` \\\\ \\{x\\} \\[l\\](u) \\<h\\> \\~s\\~ \\&amp;"] * 2,
        ),
        ("# not a heading", "\\# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list", "\\- not a list"),
        ("+ not a list", "\\+ not a list", "\\+ not a list"),
        ("= not a rule", "\\= not a rule", "\\= not a rule"),
        ("> not a quote", "\\> not a quote", "\\> not a quote"),
        ("1. not a list", "1\\. not a list", "1. not a list"),
        ("  12) not a list", "  12\\) not a list", "  12) not a list"),
        ("năm 2026. Rồi", "năm 2026. Rồi", "năm 2026. Rồi"),
        ("x-y #2", "x-y #2", "x-y #2"),
        ("one\ntwo", "one<br>two", "one<br>two"),
    ],
)
def test_escape_what_markdown_would_misread(text, at_line_start, after_something):
    assert escape(text) == at_line_start
    assert escape(text, line_start=False) == after_something
