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


def test_vietranss_own_notes_are_no_comment_by_their_category_or_their_from():
    """XLIFF 2.0 names a note's author by ``category``, 1.2 by ``from`` (a tool converting the file
    may move one to the other): a vietrans flag is never the reviewer's comment, theirs always is."""
    root = ET.fromstring(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><body>'
        '<trans-unit id="u1"><source>Giá 5 triệu.</source><target>Price 5 million.</target>'
        '<note from="vietrans-flag">number: 5 triệu</note><note from="editor">check the figure</note>'
        '<note category="vietrans-flag">name</note><note>ask the desk</note></trans-unit>'
        "</body></file></xliff>"
    )
    _, units = xliff_units(root)
    assert [(u.unit_id, u.target, u.comment) for u in units] == [
        ("1", "Price 5 million.", "check the figure; ask the desk")
    ]
