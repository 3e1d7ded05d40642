"""docx.text / unreadable: a cell read as Word shows it with every tracked change accepted."""

from __future__ import annotations

import pytest
from lxml import etree

from translator.review.docx import text, unreadable

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(body: str):
    return etree.fromstring(f"<w:tc {_NS}>{body}</w:tc>")


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        pytest.param("<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t></w:r></w:p>", "A B", id="tab"),
        pytest.param("<w:p><w:r><w:t>A</w:t><w:br/><w:t>B</w:t></w:r></w:p>", "A B", id="line-break"),
        pytest.param("<w:p><w:r><w:t>A</w:t><w:cr/><w:t>B</w:t></w:r></w:p>", "A B", id="carriage-return"),
        pytest.param(
            "<w:p><w:r><w:t>well</w:t><w:noBreakHyphen/><w:t>known</w:t></w:r></w:p>", "well-known", id="nb-hyphen"
        ),
        pytest.param(
            "<w:p><w:r><w:t>A</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
            "<w:sdtContent><w:r><w:t>Choose an item.</w:t></w:r></w:sdtContent></w:sdt></w:p>",
            "A",
            id="placeholder",
        ),
        pytest.param(
            "<w:p><w:r><w:t>A</w:t></w:r><w:sdt><w:sdtPr/>"
            "<w:sdtContent><w:r><w:t>OK</w:t></w:r></w:sdtContent></w:sdt></w:p>",
            "AOK",
            id="chosen-item",
        ),
        pytest.param("<w:p><w:r><w:t>A</w:t></w:r></w:p><w:p><w:r><w:t>B</w:t></w:r></w:p>", "A B", id="paragraphs"),
        *(
            pytest.param(
                f"<w:p><w:pPr><w:rPr>{mark}</w:rPr></w:pPr><w:r><w:t>A</w:t></w:r></w:p>"
                "<w:p><w:r><w:t>B</w:t></w:r></w:p>",
                shown,
                id=name,
            )
            for name, mark, shown in [
                ("paragraph-mark-deleted", '<w:del w:id="1" w:author="An"/>', "AB"),
                ("paragraph-mark-moved-away", '<w:moveFrom w:id="1" w:author="An"/>', "AB"),
                ("paragraph-mark-inserted", '<w:ins w:id="1" w:author="An"/>', "A B"),
                ("paragraph-mark-formatted", "<w:b/>", "A B"),
            ]
        ),
    ],
)
def test_text_as_word_shows_it(body: str, shown: str) -> None:
    """Breaks and tabs are spaces, a no-break hyphen a hyphen, an unfilled drop-down nothing; a
    paragraph mark deleted or moved away with Track Changes joins its paragraph to the next."""
    assert text(_cell(body)) == shown


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        pytest.param("<w:p><w:r><w:drawing/></w:r></w:p>", "a picture", id="picture"),
        pytest.param("<w:p><w:del><w:r><w:drawing/></w:r></w:del></w:p>", "", id="deleted-picture"),
        pytest.param("<w:p><w:moveFrom><w:r><w:drawing/></w:r></w:moveFrom></w:p>", "", id="moved-away-picture"),
        pytest.param("<w:p><w:ins><w:r><w:drawing/></w:r></w:ins></w:p>", "a picture", id="inserted-picture"),
    ],
)
def test_what_cannot_be_read(body: str, reason: str) -> None:
    """A picture refuses the cell, unless it is in content deleted or moved away (Word hides it)."""
    assert unreadable(_cell(body)) == reason
