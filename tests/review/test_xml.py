"""translator.review.xml: reading review files a CAT tool wrote back."""

from xml.etree import ElementTree as ET

import pytest

from translator.errors import InputError
from translator.review.xml import Unit, parse, text, tmx_units, xliff_units

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


X20 = 'xmlns="urn:oasis:names:tc:xliff:document:2.0"'


def test_xliff_2_0_units_their_states_and_the_review_header():
    """``reviewed`` and ``final`` are a person's approval; any other state, or none, is not."""
    root = ET.fromstring(
        f'<xliff version="2.0" {X20}><file id="f"><notes><note category="vietrans-review">{HEADER}</note>'
        '<note category="other">not the header</note></notes>'
        '<unit id="u1"><segment state="reviewed"><source>Một.</source><target>One.</target></segment></unit>'
        '<unit id="u2"><notes><note>ok</note><note>ok</note><note category="vietrans-flag">number</note>'
        "<note>  </note></notes>"
        '<segment state="final"><source>Hai.</source><target>Two.</target></segment></unit>'
        '<unit id="u3"><segment state="translated"><source>Ba.</source><target>Three.</target></segment></unit>'
        '<unit id="4"><segment><source>Bốn.</source></segment></unit>'
        "<unit><ignorable><source>x</source></ignorable></unit>"
        "</file></xliff>"
    )
    assert xliff_units(root) == (
        [HEADER],
        [
            Unit("1", "Một.", "One.", "", "approved"),
            Unit("2", "Hai.", "Two.", "ok", "approved"),
            Unit("3", "Ba.", "Three.", "", ""),
            Unit("4", "Bốn.", "", "", ""),
            Unit("", "", "", "", ""),
        ],
    )


def test_xliff_1_2_units_approved_by_attribute_or_by_state():
    root = ET.fromstring(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file><header>'
        f'<note from="vietrans-review">{HEADER}</note></header><body>'
        '<trans-unit id="u1" approved="yes"><source>Một.</source><target>One.</target></trans-unit>'
        '<trans-unit id="u2" approved="no"><source>Hai.</source><target state="final">Two.</target></trans-unit>'
        '<trans-unit id="u3"><source>Ba.</source><target state="signed-off">Three.</target></trans-unit>'
        '<trans-unit id="u4"><source>Bốn.</source><target state="translated">Four.</target></trans-unit>'
        '<trans-unit id="u5" approved="no"><source>Năm.</source></trans-unit>'
        "<trans-unit><source>Sáu.</source><target>Six.</target><note>  sửa   lại </note></trans-unit>"
        "</body></file></xliff>"
    )
    assert xliff_units(root) == (
        [HEADER],
        [
            Unit("1", "Một.", "One.", "", "approved"),
            Unit("2", "Hai.", "Two.", "", "approved"),
            Unit("3", "Ba.", "Three.", "", "approved"),
            Unit("4", "Bốn.", "Four.", "", ""),
            Unit("5", "Năm.", "", "", ""),
            Unit("", "Sáu.", "Six.", "sửa lại", ""),
        ],
    )


def test_an_xliff_without_a_review_header_has_none():
    root = ET.fromstring(f'<xliff version="2.0" {X20}><file id="f"><notes><note>a note</note></notes></file></xliff>')
    assert xliff_units(root) == ([], [])


@pytest.mark.parametrize(
    ("segment", "expected"),
    [
        ("<source>  Giá\n  xăng\t tăng </source>", "Giá xăng tăng"),
        # codes holding native markup go with it; wrappers keep their text; tails always stay
        (
            "<source>a<bpt id='1'>&lt;b&gt;</bpt>b<ept id='1'>&lt;/b&gt;</ept>c<ph>&lt;br/&gt;</ph>d<it>i</it>e"
            "<ut>u</ut>f<x/>g<bx/>h<ex/>i<sc/>j<ec/>k<sm/>l<em/>m<sub>s</sub>n</source>",
            "abcdefghijklmn",
        ),
        ("<source>a <g>b <mrk>c</mrk></g> <pc>d</pc> <hi>e</hi></source>", "a b c d e"),
        (
            "<source>tab<cp hex='0009'/>h, <cp hex='1EC7'/>, <cp hex='zz'/>, <cp hex='FFFFFFFFFFFF'/><cp/>.</source>",
            "tab h, ệ, , .",
        ),
    ],
)
def test_a_segments_text_keeps_words_and_drops_native_code(segment, expected):
    assert text(ET.fromstring(segment)) == expected


def test_no_segment_is_no_text():
    assert text(None) == ""


def test_tmx_units_by_language_with_their_status_and_the_review_header():
    root = ET.fromstring(
        '<tmx version="1.4"><header srclang="vi"><prop type="x-vietrans-review">'
        f'{HEADER}</prop><prop type="x-other">no</prop></header><body>'
        '<tu tuid="1"><prop type="x-status">corrected</prop>'
        '<tuv xml:lang="vi-VN"><seg>Một <hi>người</hi>.</seg></tuv>'
        '<tuv xml:lang="EN-us"><seg>One person.</seg></tuv></tu>'
        '<tu tuid="2"><tuv lang="vi"><seg>Hai.</seg></tuv><tuv lang="en"><seg>Two<ph>&lt;br&gt;</ph>.</seg></tuv>'
        '<tuv xml:lang="fr"><seg>Deux.</seg></tuv></tu>'
        "<tu><tuv><seg>?</seg></tuv><tuv xml:lang='vi'/></tu>"
        "</body></tmx>"
    )
    assert tmx_units(root) == (
        [HEADER],
        [
            Unit("1", "Một người.", "One person.", "", "corrected", tmx=True),
            Unit("2", "Hai.", "Two.", "", "", tmx=True),
            Unit("", "", "", "", "", tmx=True),
        ],
    )


def test_a_file_that_is_no_tmx_has_no_tmx_units():
    assert tmx_units(ET.fromstring('<xliff version="1.2"><tu tuid="1"/></xliff>')) == (None, [])


def test_a_file_that_is_no_xml_is_one_line_error(tmp_path):
    bad = tmp_path / "bai.xlf"
    bad.write_text("<xliff><file></xliff>", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        parse(bad)
    assert str(raised.value) == f"{bad}: not valid XML (mismatched tag: line 1, column 15)"
    missing = tmp_path / "none.xlf"
    with pytest.raises(InputError) as raised:
        parse(missing)
    assert str(raised.value) == f"{missing}: not valid XML ([Errno 2] No such file or directory: '{missing}')"
    bad.write_text("<tmx version='1.4'/>", encoding="utf-8")
    assert parse(bad).attrib == {"version": "1.4"}


def _note(unit, said: str) -> None:
    """A note added to a TMX unit as a CAT tool writes it: after the unit's props and notes."""
    note = ET.Element("note")
    note.text = said
    unit.insert(list(unit).index(unit.find("tuv")), note)


def _retype(unit, old: str, new: str) -> None:
    next(n for n in unit.findall("note") if n.text == old).text = new


@pytest.mark.parametrize(
    ("edit", "comments"),
    [
        pytest.param(lambda units: None, ["", "ok"], id="as exported: flags are no comment, the comment is itself"),
        pytest.param(lambda units: _note(units[0], "check the figure"), ["check the figure", "ok"], id="a note added"),
        pytest.param(lambda units: _note(units[1], "house style"), ["", "ok; house style"], id="a note after it"),
        pytest.param(lambda units: _note(units[1], " "), ["", "ok"], id="an empty note is none"),
        pytest.param(
            lambda units: _retype(units[1], "Comment: ok", "Comment: fine now"), ["", "fine now"], id="edited"
        ),
        pytest.param(
            lambda units: _retype(units[0], "low model score", "low model score? reads fine"),
            ["low model score? reads fine", "ok"],
            id="a flag the reviewer rewrote is theirs",
        ),
        pytest.param(
            lambda units: _retype(units[0], "money not kept: 5 triệu", "\n  money not kept:\n  5 triệu\n"),
            ["", "ok"],
            id="a flag a tool laid out again is still vietrans's",
        ),
    ],
)
def test_a_tmx_units_comment_is_the_reviewers_notes_never_vietranss_flags(edit, comments):
    """A TMX vietrans exported, its notes edited as a reviewer or a CAT tool does: each unit's comment
    is the notes the reviewer left (the exported ``Comment: X`` read back as X), never a flag."""
    from translator.document import Block, BlockKind, Document, Sentence
    from translator.export import render

    flagged = Sentence("Giá 5 triệu.", "Price 5.", flags=["money not kept: 5 triệu", "low model score"])
    done = Sentence("Ừ.", "Yes.", flags=["low model score"], reviewed="approved", comment="ok")
    root = ET.fromstring(render(Document(blocks=[Block(BlockKind.PARAGRAPH, "p", [flagged, done])]), "tmx"))
    edit(root.findall(".//tu"))
    _, units = tmx_units(ET.fromstring(ET.tostring(root)))
    assert [(u.source, u.target, u.comment, u.status) for u in units] == [
        ("Giá 5 triệu.", "Price 5.", comments[0], ""),
        ("Ừ.", "Yes.", comments[1], "approved"),
    ]
