"""Every export format, written and read back."""

import io
import json
import re
import xml.etree.ElementTree as ET

import docx
import pytest

from translator.document import Block, BlockKind, Cell, Document, Removed, Sentence
from translator.export import FORMATS, ExportOptions, render
from translator.glossary.terms import TermUse
from translator.review.docx import text as cell_text

PAIRS = [("Câu một | có *sao*.", "One | with *stars*."), ("# Không phải tiêu đề.", "# Not a heading.")]


def _doc() -> Document:
    flagged = Sentence(
        "Câu ba.",
        "Three.",
        -2.0,
        ["term not enforced: export controls"],
        terms=[TermUse("kiểm soát xuất khẩu", "export controls", False)],
    )
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title", flags=["low model score"])]),
            Block(BlockKind.LEAD, "x", [Sentence(vi, en, -0.5) for vi, en in PAIRS]),
            Block(BlockKind.HEADING, "Phần hai", [Sentence("Phần hai", "Part two")]),
            Block(BlockKind.PARAGRAPH, "y", [flagged]),
        ],
        removed=[Removed("Cùng chủ đề", "other stories")],
        meta={"source_file": "a.txt", "model": "m 1.0", "translated": "2026-11-29"},
    )


ALL = [(s.source, s.translation) for s in _doc().sentences()]


def test_every_registered_format_renders():
    for name in FORMATS:
        assert render(_doc(), name), name


def test_tmx_is_well_formed_and_reads_back():
    root = ET.fromstring(render(_doc(), "tmx"))
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "vi"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    pairs = [
        tuple(tuv.find("seg").text for tuv in tu.findall("tuv") if tuv.get(lang) in ("vi", "en"))
        for tu in root.iter("tu")
    ]
    assert pairs == ALL
    header = root.find("header").attrib
    assert {k: header[k] for k in ("creationtool", "segtype", "o-tmf", "adminlang", "datatype")} == {
        "creationtool": "vietrans", "segtype": "sentence", "o-tmf": "vietrans", "adminlang": "en",
        "datatype": "plaintext",
    }  # fmt: skip
    documents = [p.text for p in root.iter("prop") if p.get("type") == "x-document"]
    assert documents == ["a.txt"] * len(ALL)  # each unit says which article it came from


def test_html_lists_what_was_left_out_with_its_reason():
    page = render(_doc(), "html").decode()
    assert "<h2>Left out of the translation</h2>" in page
    assert "<tr><th>Text</th><th>Reason</th></tr>" in page and "<td>Cùng chủ đề</td><td>other stories</td>" in page


def test_html_title_is_every_sentence_of_the_english_title():
    doc = _doc()
    doc.blocks[0].sentences = [Sentence("Giá tăng.", "Prices rise."), Sentence("Dân lo.", "People worry.")]
    page = render(doc, "html").decode()
    assert "<title>Prices rise. People worry.</title>" in page and "<h1>Prices rise. People worry.</h1>" in page


def test_xliff_2_is_well_formed_and_reads_back():
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    root = ET.fromstring(render(_doc(), "xliff"))
    assert root.get("version") == "2.0" and root.get("srcLang") == "vi" and root.get("trgLang") == "en"
    pairs = [
        (seg.findtext("x:source", namespaces=ns), seg.findtext("x:target", namespaces=ns))
        for seg in root.iterfind(".//x:segment", ns)
    ]
    assert pairs == ALL
    # XLIFF 2.0's structure: units inside the file, notes inside a unit's <notes>, segments inside units
    [file] = root.findall("x:file", ns)
    assert file.get("original") == "a.txt" and len(file.findall("x:unit", ns)) == len(ALL)
    assert len(root.findall(".//x:unit", ns)) == len(ALL)
    assert root.findall(".//x:unit/x:notes/x:note", ns) and not root.findall(".//x:unit/x:note", ns)


def test_jsonl_one_object_per_sentence():
    rows = [json.loads(line) for line in render(_doc(), "jsonl").decode().splitlines()]
    assert [(r["source"], r["target"]) for r in rows] == ALL
    assert rows[-1]["flags"] and rows[-1]["terms"] == [
        {"vi": "kiểm soát xuất khẩu", "en": "export controls", "enforced": False}
    ]
    assert {"document", "kind", "index", "score"} <= set(rows[0])


def test_an_article_with_no_sentence_is_an_empty_jsonl_file():
    assert render(Document(blocks=[], meta={"source_file": "a.txt"}), "jsonl") == b""


def test_jsonl_rows_carry_every_field_a_script_reads():
    from translator.facts.spans import Span

    doc = _doc()
    doc.blocks[-1].sentences[0].spans = [Span("percent", 0, 5, "12,5%", "12.5%", True)]
    rows = [json.loads(line) for line in render(doc, "jsonl").decode().splitlines()]
    assert set(rows[0]) == {"document", "model", "block", "kind", "index", "source", "target", "score", "flags",
                            "reviewed", "comment", "terms", "spans", "facts"}  # fmt: skip
    assert [r["block"] for r in rows] == [0, 1, 1, 2, 3] and [r["index"] for r in rows] == [0, 1, 2, 3, 4]
    assert rows[-1]["spans"] == [{"kind": "percent", "source": "12,5%", "rendering": "12.5%", "kept": True}]


def test_jsonl_model_is_an_empty_string_when_the_model_is_unnamed():
    """Scripts read "model" as a string, also for a document no engine stamped (one a Python caller built)."""
    doc = _doc()
    del doc.meta["model"]
    rows = [json.loads(line) for line in render(doc, "jsonl").decode().splitlines()]
    assert [r["model"] for r in rows] == [""] * len(ALL)


def test_jsonl_rows_carry_the_fact_ledger():
    """Every fact: its kind, the Vietnamese, the English expected, found or not, and how."""
    from translator.facts.ledger import Fact

    doc = _doc()
    doc.blocks[-1].sentences[0].facts = [
        Fact("money", 0, 12, "15,5 tỷ đồng", "15.5 billion dong", "", status="flagged"),
        Fact("year", 20, 24, "2024", "2024", "", status="placed"),
    ]
    rows = [json.loads(line) for line in render(doc, "jsonl").decode().splitlines()]
    assert rows[-1]["facts"] == [
        {
            "kind": "money",
            "source": "15,5 tỷ đồng",
            "english": "15.5 billion dong",
            "found": False,
            "status": "flagged",
        },
        {"kind": "year", "source": "2024", "english": "2024", "found": True, "status": "placed"},
    ]


def test_html_pairs_each_sentence_with_its_counterpart():
    from html.parser import HTMLParser

    spans: dict[str, list[str]] = {}

    class Reader(HTMLParser):
        current = None

        def handle_starttag(self, tag, attrs):
            self.current = dict(attrs).get("data-s") if tag == "span" else self.current

        def handle_data(self, data):
            if self.current:
                spans.setdefault(self.current, []).append(data)
                self.current = None

    page = render(_doc(), "html").decode()
    Reader().feed(page)
    assert [tuple(v) for v in spans.values()] == ALL[1:]  # the title is the page's heading
    assert "<script>" in page and "<link" not in page and "src=" not in page  # self-contained
    assert "⚠ low model score" in page  # the title's flag


def test_markdown_renders_as_one_table_per_run_of_rows():
    from markdown_it import MarkdownIt

    html = MarkdownIt().enable("table").render(render(_doc(), "md").decode())
    assert html.count("<table>") == 4  # the story's two runs of rows, the terms and the left-out appendices
    assert "<h1># Không" not in html and "<h2>Phần hai</h2>" in html
    assert "<td>Câu một | có *sao*.</td>" not in html  # escaped, so the pipe did not split the cell
    assert "Câu một | có *sao*." in html.replace("&quot;", '"')


def test_english_only_outputs():
    md = render(_doc(), "md-en").decode()
    assert md.startswith("# Title") and "Câu một" not in md.split("## Glossary")[0].split("\n", 3)[3]
    word = docx.Document(io.BytesIO(render(_doc(), "docx-en")))
    body = "\n".join(p.text for p in word.paragraphs)
    assert word.paragraphs[0].text == "Title" and "Part two" in body and "Three." in body
    assert "Câu ba." not in body


def test_review_table():
    word = docx.Document(io.BytesIO(render(_doc(), "docx-review")))
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["#", "Tiếng Việt", "English", "Flags", "Comment", "Status"]
    ids = [r.cells[0].text for r in table.rows[1:]]
    assert [i.split("-")[0] for i in ids] == ["1", "2", "3", "4", "5"]  # the number, then the row's hashes
    assert len(set(ids)) == 5 and all(re.fullmatch(r"\d+-[0-9a-f]{6}-[0-9a-f]{4}", i) for i in ids)
    assert table.rows[5].cells[3].text == "term not enforced: export controls"
    assert json.loads(word.core_properties.identifier)["rows"] == 5  # which article, for review apply
    assert word.sections[0].page_width > word.sections[0].page_height  # landscape


def test_bilingual_docx_table_header_repeats_rows_do_not_split_footer_has_page_numbers():
    word = docx.Document(io.BytesIO(render(_doc(), "docx")))
    table = word.tables[0]
    assert (
        table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
        is not None
    )
    assert all("cantSplit" in row._tr.xml for row in table.rows[1:])
    assert "PAGE" in word.sections[0].footer.paragraphs[0]._p.xml
    cover = "\n".join(p.text for p in word.paragraphs[:12])
    assert "Title" in cover and "Tiêu đề" in cover and "Counts: 5 sentences; 0 of 1 glossary terms enforced" in cover
    assert "Rows shaded orange" in cover  # the legend
    assert "⚠ low model score" in cover  # the title's flag, under the title


@pytest.mark.parametrize(
    ("options", "landscape"), [(ExportOptions("landscape", "letter"), True), (ExportOptions("portrait", "a4"), False)]
)
def test_layout_and_paper(options, landscape):
    section = docx.Document(io.BytesIO(render(_doc(), "docx", options))).sections[0]
    assert (section.page_width > section.page_height) is landscape
    size = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
    assert size == ([21.6, 27.9] if options.paper == "letter" else [21.0, 29.7])
    table = docx.Document(io.BytesIO(render(_doc(), "docx", options))).tables[0]
    usable = section.page_width - section.left_margin - section.right_margin
    assert usable - 10 <= sum(column.width for column in table.columns) <= usable  # the table fills the page


def _text(name: str, data: bytes) -> str:
    """All the text a reader of the rendered file sees (Word files opened with python-docx)."""
    if name.startswith("docx"):
        word = docx.Document(io.BytesIO(data))
        # (a cell's text as Word shows it: python-docx's cell.text misses content controls)
        cells = [cell_text(c._tc) for t in word.tables for row in t.rows for c in row.cells]
        headers = [p.text for s in word.sections for p in s.header.paragraphs]
        return "\n".join([p.text for p in word.paragraphs] + cells + headers)
    return data.decode("utf-8")


@pytest.mark.parametrize("name", ["md", "md-en", "docx", "docx-en", "docx-review", "html"])
def test_a_report_for_people_warns_in_full_whatever_the_models_name(name):
    """The warning a reader sees is written out whole, not left to the model's name to say."""
    from translator.export import TEST_MODEL_WARNING

    made = _doc()
    made.meta.update(model="m 0.1", test_model="yes")
    assert TEST_MODEL_WARNING in _text(name, render(made, name))
    made.meta.update(test_model="")
    assert TEST_MODEL_WARNING not in _text(name, render(made, name))


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_says_when_a_test_model_made_it(name):
    doc = _doc()
    doc.meta.update(model="random-test 0.1 (TEST MODEL: output is not a translation)", test_model="yes")
    assert "test model" in _text(name, render(doc, name)).lower(), name
    real = _doc()  # and a real model's output does not say so
    real.meta.update(model="translate-vi_en 1.9")
    assert "test model" not in _text(name, render(real, name)).lower(), name


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_carries_every_sentence_and_its_flags(name):
    """The English of every sentence (and, but in English-only formats, its Vietnamese) and the flags."""
    text = _text(name, render(_doc(), name)).replace("\\", "")  # Markdown escapes aside
    for source, target in ALL:
        assert target in text or target.replace("|", "\\|") in text, (name, target)
        if not name.endswith("-en"):
            assert source in text, (name, source)
    assert "term not enforced" in text, name


REVIEWED_MARKS = {  # how each format shows a sentence a person corrected
    "docx": "✓ reviewed (corrected)",
    "docx-en": "✓ reviewed (corrected)",
    "docx-review": "Đã sửa (corrected)",  # the status drop-down's choice
    "md": "✓ *reviewed (corrected)*",
    "md-en": "✓ *reviewed (corrected)*",
    "html": "✓ reviewed (corrected)",
    "xliff": 'state="final"',
    "tmx": '<prop type="x-status">corrected</prop>',
    "jsonl": '"reviewed": "corrected"',
}


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_shows_a_reviewed_sentence_as_reviewed_and_unflagged(name):
    doc = _doc()
    corrected = doc.blocks[-1].sentences[0]
    corrected.translation, corrected.reviewed, corrected.flags = "Three, as a person wrote it.", "corrected", []
    text = _text(name, render(doc, name))
    assert REVIEWED_MARKS[name] in text and "Three, as a person wrote it." in text, name
    assert "term not enforced" not in text, name
    assert REVIEWED_MARKS[name] not in _text(name, render(_doc(), name)), name


def test_write_renders_to_a_file_atomically_and_keeps_what_is_there(tmp_path):
    from translator.errors import OutputError
    from translator.export import write

    target = tmp_path / "a.bilingual.md"
    assert write(_doc(), "md", target) == target
    assert target.read_bytes() == render(_doc(), "md")
    target.write_text("the reviewer's notes", encoding="utf-8")
    with pytest.raises(OutputError):
        write(_doc(), "md", target)  # never overwritten unasked
    assert target.read_text(encoding="utf-8") == "the reviewer's notes"
    write(_doc(), "md", target, force=True)
    assert target.read_bytes() == render(_doc(), "md") and list(tmp_path.glob("*.md*")) == [target]  # no leftovers


@pytest.mark.parametrize("name", list(FORMATS))
def test_a_document_without_a_title_renders_named_after_its_file(name):
    """A pasted text may open with a paragraph: no title block, yet every format renders it."""
    from pathlib import Path

    doc = _doc()
    doc.blocks = doc.blocks[1:]
    doc.source = Path("bai-bao.txt")
    text = _text(name, render(doc, name))
    assert "One | with *stars*." in text.replace("\\", ""), name
    if name == "html":
        assert "<title>bai-bao</title>" in text and "<h1>bai-bao</h1>" in text


def test_every_export_heads_with_where_the_text_came_from_and_what_translated_it():
    from translator.export import metadata_rows

    doc = _doc()
    doc.meta.update(site="VnExpress", url="https://vnexpress.net/a.html", author="Minh Phương",
                    date="2025-02-06 13:54", vietrans="0.9")  # fmt: skip
    assert metadata_rows(doc) == [
        ("Source", "a.txt"), ("Site", "VnExpress"), ("URL", "https://vnexpress.net/a.html"),
        ("Author", "Minh Phương"), ("Published", "2025-02-06 13:54"), ("Translated", "2026-11-29"),
        ("Model", "m 1.0"), ("vietrans", "0.9"),
    ]  # fmt: skip
    markdown = render(doc, "md").decode()
    assert "## Glossary terms\n\n| Tiếng Việt | English | uses | enforced |" in markdown


PRICES = [["Thành phố", "Giá xăng"], ["Hà Nội", "25.000 đồng"], ["TP.HCM", ""]]  # one cell left empty


def _table_doc() -> Document:
    """A story with a source table: which price goes with which city must survive every export."""
    cells = [
        Block(BlockKind.PARAGRAPH, text, [Sentence(text, f"EN {text}")], cell=Cell(0, r, c, header=r == 0))
        for r, row in enumerate(PRICES)
        for c, text in enumerate(row)
        if text
    ]
    doc = _doc()
    doc.blocks[3:3] = cells
    return doc


def _grids(name: str, data: bytes) -> list[list[list[str]]]:
    """The tables of a rendered file that hold the price table's cells, as rows of cell texts."""
    if name.startswith("docx"):
        word = docx.Document(io.BytesIO(data))
        found = [t for t in word.tables] + [n for t in word.tables for r in t.rows for c in r.cells for n in c.tables]
        grids = [[[c.text for c in r.cells] for r in t.rows] for t in found]
    elif name == "html":
        html = data.decode()
        grids = [
            [[re.sub("<[^>]+>", "", c) for c in re.findall(r"<t[hd]>(.*?)</t[hd]>", r)] for r in t.split("<tr>")[1:]]
            for t in re.findall(r'<table class="source">(.*?)</table>', html)
        ]
    else:
        lines = data.decode().splitlines()
        grids, current = [], []
        for line in [*lines, ""]:
            if line.startswith("| ") and not line.startswith("| ---"):
                current.append([c.strip() for c in line.strip("|").split(" | ")])
            elif not line.startswith("| ---") and current:
                grids.append(current)
                current = []
    return [g for g in grids if any("Hà Nội" in c for row in g for c in row)]


@pytest.mark.parametrize("name", ["md", "md-en", "docx", "docx-en", "html"])
def test_a_source_table_is_rebuilt_cell_for_cell(name):
    """English-only formats show the English table; bilingual ones the source table and its English."""
    grids = _grids(name, render(_table_doc(), name))
    english = [[f"EN {t}" if t else "" for t in row] for row in PRICES]
    expected = [english] if name.endswith("-en") else [PRICES, english]
    assert grids == expected


def test_html_puts_a_source_table_and_its_english_side_by_side_and_nothing_else():
    """The row holds the two tables alone, header cells as ``th``, an empty cell kept empty, each
    sentence numbered on from the story's (its English shares its number, for the hover)."""
    sides = [
        f'<table class="source"><tr><th><span data-s="4">{p}Thành phố</span></th>'
        f'<th><span data-s="5">{p}Giá xăng</span></th></tr>'
        f'<tr><td><span data-s="6">{p}Hà Nội</span></td><td><span data-s="7">{p}25.000 đồng</span></td></tr>'
        f'<tr><td><span data-s="8">{p}TP.HCM</span></td><td></td></tr></table>'
        for p in ("", "EN ")
    ]
    row = f'<tr class="table"><td lang="vi">{sides[0]}</td><td>{sides[1]}</td></tr>'
    assert row in render(_table_doc(), "html").decode().splitlines()


def test_a_flagged_sentence_in_a_table_cell_shows_its_flag_in_the_english_cell():
    """A reviewer reads a table's warnings where they read its English: after the cell's sentence, in
    the English table only (the Markdown and the HTML report, whole rows compared)."""
    doc = _table_doc()
    price = doc.blocks[6].sentences[0]
    assert price.source == "25.000 đồng"
    price.flags = ["money not kept: 25.000 đồng"]
    markdown = render(doc, "md").decode().splitlines()
    assert "| Hà Nội | 25.000 đồng |" in markdown
    assert "| EN Hà Nội | EN 25.000 đồng ⚠ *money not kept: 25.000 đồng* |" in markdown
    html = render(doc, "html").decode()
    assert '<tr><td><span data-s="6">Hà Nội</span></td><td><span data-s="7">25.000 đồng</span></td></tr>' in html
    english = (
        '<tr><td><span data-s="6">EN Hà Nội</span></td><td><span data-s="7">EN 25.000 đồng</span>'
        '<span class="flag">⚠ money not kept: 25.000 đồng</span></td></tr>'
    )
    assert english in html


@pytest.mark.parametrize("fmt", ["md-en", "docx-en", "md", "html"])
def test_a_partly_reviewed_block_still_shows_its_unreviewed_sentences_flags(fmt):
    """A reviewer approved one sentence of a paragraph: the other's warning must still show, and the
    paragraph must not be marked reviewed."""
    done = Sentence("Câu một.", "Sentence one.", reviewed="approved")
    open_ = Sentence("Câu hai có 15,5 tỷ đồng.", "Sentence two.", flags=["money not kept: 15,5 tỷ đồng"])
    doc = Document(blocks=[Block(BlockKind.PARAGRAPH, "Câu một. Câu hai có 15,5 tỷ đồng.", [done, open_])])
    data = render(doc, fmt)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs) if fmt == "docx-en" else data.decode()
    assert "money not kept" in text
    if fmt in ("md-en", "docx-en"):
        assert "reviewed (approved)" not in text


def _fetched_doc() -> Document:
    """A fetched article made by a test model: a reviewed, commented heading, a plain sentence, an
    untranslated flagged one; its text holds what XML must escape."""
    return Document(
        blocks=[
            Block(
                BlockKind.HEADING,
                "h",
                [Sentence("Giá & lãi <1%>", "Price & rate <1%>", reviewed="corrected", comment='check "1%"')],
            ),
            Block(BlockKind.PARAGRAPH, "p", [Sentence("Một.", "One."), Sentence("Câu.", "", flags=["untranslated"])]),
        ],
        meta={
            "fetched": "2026-12-01T08:00:00Z",
            "url": "https://vnexpress.net/a?b=1&c=2",
            "site": "VnExpress",
            "model": "test-echo",
        },
    )


_URL = "https://vnexpress.net/a?b=1&amp;c=2"
_REVIEW = '{"vietrans_review": 1, "source": "", "rows": 3, "formats": ""}'
_CAT = {
    "tmx": f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="vietrans" creationtoolversion="@VERSION@" datatype="plaintext" segtype="sentence" \
adminlang="en" srclang="vi" o-tmf="vietrans">
    <prop type="x-vietrans-review">{_REVIEW}</prop>
    <prop type="x-model">test-echo</prop>
    <prop type="x-url">{_URL}</prop>
    <prop type="x-fetched">2026-12-01T08:00:00Z</prop>
    <prop type="x-site">VnExpress</prop>
  </header>
  <body>
    <tu tuid="@ID0@">
      <prop type="x-document">{_URL}</prop>
      <prop type="x-status">corrected</prop>
      <note>Comment: check "1%"</note>
      <tuv xml:lang="vi">
        <seg>Giá &amp; lãi &lt;1%&gt;</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>Price &amp; rate &lt;1%&gt;</seg>
      </tuv>
    </tu>
    <tu tuid="@ID1@">
      <prop type="x-document">{_URL}</prop>
      <tuv xml:lang="vi">
        <seg>Một.</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>One.</seg>
      </tuv>
    </tu>
    <tu tuid="@ID2@">
      <prop type="x-document">{_URL}</prop>
      <prop type="x-vietrans-flags">0b2aba</prop>
      <note>untranslated</note>
      <tuv xml:lang="vi">
        <seg>Câu.</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg />
      </tuv>
    </tu>
  </body>
</tmx>
""",
    "xliff": f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi" trgLang="en">
  <file id="f1" original="{_URL}">
    <notes>
      <note category="vietrans-review">{_REVIEW}</note>
      <note category="vietrans-model">test-echo</note>
      <note category="vietrans-url">{_URL}</note>
      <note category="vietrans-fetched">2026-12-01T08:00:00Z</note>
      <note category="vietrans-site">VnExpress</note>
    </notes>
    <unit id="u@ID0@" type="vietrans:heading">
      <notes>
        <note category="comment">check "1%"</note>
      </notes>
      <segment state="final">
        <source>Giá &amp; lãi &lt;1%&gt;</source>
        <target>Price &amp; rate &lt;1%&gt;</target>
      </segment>
    </unit>
    <unit id="u@ID1@" type="vietrans:paragraph">
      <segment state="translated">
        <source>Một.</source>
        <target>One.</target>
      </segment>
    </unit>
    <unit id="u@ID2@" type="vietrans:paragraph">
      <notes>
        <note category="vietrans-flag">untranslated</note>
      </notes>
      <segment state="initial">
        <source>Câu.</source>
        <target />
      </segment>
    </unit>
  </file>
</xliff>
""",
}


@pytest.mark.parametrize("name", list(_CAT))
def test_cat_files_carry_provenance_status_notes_and_escaped_text(name):
    """A CAT tool shows the whole file: where the article was fetched, which test model made it,
    each unit's review status, the reviewer's comment, flags, and text with ``&`` and ``<`` escaped."""
    doc = _fetched_doc()
    assert render(doc, name).decode() == _filled(_CAT[name], doc)


def _filled(template: str, doc: Document) -> str:
    """An expected CAT file with its version and row ids (hashes) filled in."""
    from translator import __version__
    from translator.export.rows import row_id

    expected = template.replace("@VERSION@", __version__)
    for n, sentence in enumerate(doc.sentences(), 1):
        expected = expected.replace(f"@ID{n - 1}@", row_id(n, sentence))
    return expected


_BARE_REVIEW = '{"vietrans_review": 1, "source": "", "rows": 1, "formats": ""}'
_BARE_CAT = {
    "tmx": f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="vietrans" creationtoolversion="@VERSION@" datatype="plaintext" segtype="sentence" \
adminlang="en" srclang="vi" o-tmf="vietrans">
    <prop type="x-vietrans-review">{_BARE_REVIEW}</prop>
  </header>
  <body>
    <tu tuid="@ID0@">
      <prop type="x-status">approved</prop>
      <prop type="x-vietrans-flags">a79a1c e2bfd8</prop>
      <note>low model score</note>
      <note>year not kept: 2024</note>
      <note>Comment: ok</note>
      <tuv xml:lang="vi">
        <seg>Ừ.</seg>
      </tuv>
      <tuv xml:lang="en">
        <seg>Yes.</seg>
      </tuv>
    </tu>
  </body>
</tmx>
""",
    "xliff": f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="vi" trgLang="en">
  <file id="f1" original="document">
    <notes>
      <note category="vietrans-review">{_BARE_REVIEW}</note>
    </notes>
    <unit id="u@ID0@" type="vietrans:quote">
      <notes>
        <note category="vietrans-flag">low model score</note>
        <note category="vietrans-flag">year not kept: 2024</note>
        <note category="comment">ok</note>
      </notes>
      <segment state="final">
        <source>Ừ.</source>
        <target>Yes.</target>
      </segment>
    </unit>
  </file>
</xliff>
""",
}


@pytest.mark.parametrize("name", list(_BARE_CAT))
def test_a_cat_file_for_an_unnamed_unstamped_article_says_no_more_than_it_knows(name):
    """A document a Python caller built (no file, no model, not fetched): no empty provenance or
    model entries, the XLIFF file called "document"; a reviewed sentence's flags, in order, then
    the comment."""
    flags = ["low model score", "year not kept: 2024"]
    doc = Document(
        blocks=[Block(BlockKind.QUOTE, "q", [Sentence("Ừ.", "Yes.", flags=flags, reviewed="approved", comment="ok")])]
    )
    assert render(doc, name).decode() == _filled(_BARE_CAT[name], doc)


def test_jsonl_is_one_whole_line_per_sentence_with_provenance_and_every_check():
    """What a script reads, line for line: the article and where it was fetched, the model, the
    block and running index, both texts, score, flags, review status and comment (null when
    none), terms, kept spans and facts; non-ASCII as it is."""
    from translator.facts.ledger import Fact
    from translator.facts.spans import Span

    doc = _fetched_doc()
    one = doc.blocks[1].sentences[0]
    one.score, one.terms = -0.5, [TermUse("một", "one", True)]
    one.spans = [Span("percent", 0, 3, "1%", "1%", False)]
    one.facts = [Fact("number", 0, 3, "Một", "One", "", status="kept")]
    head = (
        '{"document": "https://vnexpress.net/a?b=1&c=2", "url": "https://vnexpress.net/a?b=1&c=2", '
        '"fetched": "2026-12-01T08:00:00Z", "site": "VnExpress", "model": "test-echo", '
    )
    empty = '"terms": [], "spans": [], "facts": []}'
    assert render(doc, "jsonl").decode().splitlines(keepends=True) == [
        head + '"block": 0, "kind": "heading", "index": 0, "source": "Giá & lãi <1%>", "target": "Price & rate <1%>", '
        '"score": null, "flags": [], "reviewed": "corrected", "comment": "check \\"1%\\"", ' + empty + "\n",
        head + '"block": 1, "kind": "paragraph", "index": 1, "source": "Một.", "target": "One.", "score": -0.5, '
        '"flags": [], "reviewed": null, "comment": null, "terms": [{"vi": "một", "en": "one", "enforced": true}], '
        '"spans": [{"kind": "percent", "source": "1%", "rendering": "1%", "kept": false}], '
        '"facts": [{"kind": "number", "source": "Một", "english": "One", "found": true, "status": "kept"}]}\n',
        head + '"block": 1, "kind": "paragraph", "index": 2, "source": "Câu.", "target": "", "score": null, '
        '"flags": ["untranslated"], "reviewed": null, "comment": null, ' + empty + "\n",
    ]


_CODE = "a = ```x``` | y\nb = 2"


def _code_doc() -> Document:
    """A Markdown upload's code block (passed through as it is) and a sentence left untranslated."""
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "T", [Sentence("T", "Title")]),
            Block(BlockKind.CODE, _CODE, [Sentence(_CODE, _CODE, verbatim=True)]),
            Block(BlockKind.PARAGRAPH, "x", [Sentence("Câu.", "", flags=["untranslated"])]),
        ],
        meta={"source_file": "a.md"},
    )


_CODE_SEEN = {
    # a table cell holds one line: the code's lines as code spans, its backticks and bars made safe there
    "md": "# T\n*Title*\n\n- **Source:** a.md\n\n| Tiếng Việt | English |\n| --- | --- |\n"
    "| `a = '''x''' \\| y` <br> `b = 2` | `a = '''x''' \\| y` <br> `b = 2` |\n| Câu. |  ⚠ *untranslated* |\n",
    # English only: the code exactly as it was, fenced past its own backticks
    "md-en": "# Title\n*T*\n\n- **Source:** a.md\n\n````\na = ```x``` | y\nb = 2\n````\n\n ⚠ *untranslated*\n",
    "docx-en": [(_CODE, "Courier New"), ("", None), ("⚠ untranslated", None)],
}


@pytest.mark.parametrize("name", list(_CODE_SEEN))
def test_a_code_block_comes_back_as_code_and_an_untranslated_row_as_its_flag(name):
    """Markdown in, Markdown out (the document API): code must survive character for character
    where the format allows, in a monospace font in Word."""
    data = render(_code_doc(), name)
    if name == "docx-en":
        paragraphs = docx.Document(io.BytesIO(data)).paragraphs
        assert [(p.text, p.runs[0].font.name) for p in paragraphs[-3:]] == _CODE_SEEN[name]
    else:
        assert data.decode() == _CODE_SEEN[name]


def test_each_format_names_its_output_after_the_input_and_a_long_name_keeps_its_suffix():
    """What ``--format`` writes next to ``bài.txt``; a stem past 255 bytes is cut, never the suffix."""
    from translator.export import output_name

    assert {fmt: output_name("bài", fmt) for fmt in FORMATS} == {
        "md": "bài.bilingual.md",
        "md-en": "bài.en.md",
        "docx": "bài.bilingual.docx",
        "docx-en": "bài.en.docx",
        "docx-review": "bài.review.docx",
        "tmx": "bài.tmx",
        "xliff": "bài.xlf",
        "jsonl": "bài.jsonl",
        "html": "bài.bilingual.html",
    }
    # 255 bytes: 117 two-byte letters, "~" and a hash standing for what was cut, the whole suffix
    assert re.fullmatch(r"đ{117}~[0-9a-f]{8}\.review\.docx", output_name("đ" * 200, "docx-review"))
