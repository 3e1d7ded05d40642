"""translator.review.xml: reading review files a CAT tool wrote back."""

from xml.etree import ElementTree as ET

from translator.review.xml import xliff_units

HEADER = '{"vietrans_review": 1, "source": "bai.md"}'


def test_a_header_a_tool_moved_into_a_unit_without_its_category_is_no_comment():
    """Some tools keep notes but drop their category, and keep file-level notes on the first unit:
    vietrans's header is still its own, never the reviewer's comment."""
    root = ET.fromstring(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
        '<trans-unit id="u1"><source>Xin chào.</source><target>Hello.</target>'
        f"<note>{HEADER}</note><note>check this name</note></trans-unit>"
        "</body></file></xliff>"
    )
    headers, units = xliff_units(root)
    assert headers == [HEADER]
    assert [(u.unit_id, u.target, u.comment) for u in units] == [("1", "Hello.", "check this name")]
