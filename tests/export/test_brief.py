"""One brief of many articles: cover, contents, each article with its provenance, one glossary appendix."""

import datetime as dt
import io
import re

import pytest

from translator.document import Block, BlockKind, Document, Removed, Sentence
from translator.export import TEST_MODEL_WARNING, brief
from translator.glossary.terms import TermUse


def _doc(n: int, date: str, site: str, flagged: bool = False) -> Document:
    title = Block(BlockKind.TITLE, f"Tiêu đề {n}", [Sentence(f"Tiêu đề {n}", f"Title {n}")])
    body = Sentence(f"Câu {n} về Bộ Y tế.", f"Sentence {n} about the Ministry of Health.")
    body.terms = [TermUse("Bộ Y tế", "Ministry of Health", enforced=True)]
    if flagged:
        body.flags = ["number not kept: 50,000", "number not kept: 7"]
    meta = {"site": site, "date": date, "url": f"https://{site}/{n}.html", "author": f"Phóng viên {n}"}
    meta.update(model="test-model 1", glossaries="12 terms (abc)")
    return Document(
        blocks=[title, Block(BlockKind.PARAGRAPH, body.source, [body])],
        removed=[Removed(f"Quảng cáo {n}", "advertisement")],
        meta=meta,
    )


DOCS = [
    _doc(1, "2026-12-01 08:00", "vnexpress.net"),
    _doc(2, "2026-12-03T09:30+07:00", "tuoitre.vn", flagged=True),
    _doc(3, "", "vnexpress.net"),
]


def test_newest_first_undated_last_or_the_order_given():
    assert [d.title for d in brief.ordered(DOCS)] == ["Tiêu đề 2", "Tiêu đề 1", "Tiêu đề 3"]
    assert [d.title for d in brief.ordered(DOCS, "given")] == ["Tiêu đề 1", "Tiêu đề 2", "Tiêu đề 3"]


def test_markdown_brief_holds_cover_contents_articles_and_one_glossary_appendix():
    text = brief.render(brief.ordered(DOCS), "md", "Sáng nay").decode()
    assert text.startswith("# Sáng nay\n")
    assert "- **Articles:** 3" in text and "- **Outlets:** vnexpress.net (2), tuoitre.vn (1)" in text
    assert "- **Engine:** test-model 1" in text and "- **Glossaries:** 12 terms (abc)" in text
    contents = text.split("\n## Contents\n")[1].split('<a id="article-1"></a>')[0]
    assert contents == "\n1. [Title 2](#article-1)\n2. [Title 1](#article-2)\n3. [Title 3](#article-3)\n\n"
    assert text.index("## 1. Title 2") < text.index("## 2. Title 1") < text.index("## 3. Title 3")
    assert "- **URL:** https://tuoitre.vn/2.html" in text and "- **Byline:** Phóng viên 2" in text
    assert "| Câu 2 về Bộ Y tế. | Sentence 2 about the Ministry of Health." in text
    assert "**Flags:** 1 of 2 sentences flagged for review: number not kept (2)." in text
    assert "**Flags:** No sentence flagged for review (2 sentences)." in text
    assert text.count("### Left out of the translation") == 3 and "| Quảng cáo 3 | advertisement |" in text
    assert text.count("## Glossary terms") == 1 and "| Bộ Y tế | Ministry of Health | 3 | 3 |" in text


def test_each_article_says_when_it_was_published_and_a_brief_without_outlets_says_so():
    local = _doc(4, "2026-12-02 07:15", "")  # a file of one's own: no outlet, no URL
    local.meta.pop("url")
    text = brief.render([local], "md", "Local").decode()
    assert "- **Outlets:** —" in text and "- **Published:** 2026-12-02 07:15" in text
    assert "Outlet:**" not in text and "URL:**" not in text


def test_english_only_brief_has_no_vietnamese_table():
    text = brief.render(DOCS, "md-en", "Brief").decode()
    assert "| Tiếng Việt | English |" not in text.split("## Glossary terms")[0]
    assert "Sentence 1 about the Ministry of Health." in text


def test_html_brief_escapes_and_numbers_sentences_across_articles():
    docs = [*DOCS, _doc(4, "", "<script>.vn")]
    page = brief.render(docs, "html", "<b>Brief</b>").decode()
    assert "<b>Brief</b>" not in page and "&lt;b&gt;Brief&lt;/b&gt;" in page and "<script>.vn" not in page
    assert page.count('<section id="article-') == 4 and 'href="#article-4"' in page
    numbers = [int(x) for x in re.findall(r'<td lang="vi"><span class="\w+" data-s="(\d+)"', page)]
    assert numbers == sorted(set(numbers))  # a sentence's number is its own in the whole brief


@pytest.mark.parametrize("fmt", ["docx", "docx-en"])
def test_word_briefs(fmt):
    from docx import Document as open_docx

    word = open_docx(io.BytesIO(brief.render(DOCS, fmt, "Brief")))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["Contents", "1. Title 1"] and headings.count("Glossary terms") == 1
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Articles: 3" in text and "URL: https://tuoitre.vn/2.html" in text
    assert "Flags: 1 of 2 sentences flagged for review: number not kept (2)." in text
    tables = len(word.tables)
    assert tables == (3 + 3 + 1 if fmt == "docx" else 3 + 1)  # each article's table, its left-out list; the terms


def test_an_articles_headings_sit_under_its_title_in_the_english_word_brief():
    """Heading 1 for each article, Heading 2 for its sections (in a single article's English Word
    file the title is the document's Title and its sections Heading 1)."""
    from docx import Document as open_docx

    from translator.export import render

    doc = _doc(1, "", "vnexpress.net")
    doc.blocks.insert(1, Block(BlockKind.HEADING, "Bối cảnh", [Sentence("Bối cảnh", "Background")]))

    def styles(data: bytes) -> list[tuple[str, str]]:
        return [(p.style.name, p.text) for p in open_docx(io.BytesIO(data)).paragraphs if p.style.name != "Normal"]

    brief_styles = styles(brief.render([doc], "docx-en", "Brief"))
    assert brief_styles[brief_styles.index(("Heading 1", "1. Title 1")) + 1] == ("Heading 2", "Background")
    assert styles(render(doc, "docx-en"))[:2] == [("Title", "Title 1"), ("Heading 1", "Background")]


def _cover_lines(fmt: str, data: bytes) -> list[str]:
    """The brief's first page as its reader sees it, down to the contents: one line per paragraph,
    a Word paragraph's style (but Normal) in [] and a bold run as **…**; the HTML page's title first."""
    if fmt.startswith("docx"):
        from docx import Document as open_docx

        lines = []
        for p in open_docx(io.BytesIO(data)).paragraphs:
            style = "" if p.style.name == "Normal" else f"[{p.style.name}] "
            lines.append(style + "".join(f"**{r.text}**" if r.bold else r.text for r in p.runs))
            if p.text == "Contents":
                return lines
    text = data.decode()
    if fmt == "html":
        head, text = text.split("</head><body>\n")
        return [re.search("<title>.*</title>", head)[0], *text.split("<ol>")[0].split("\n")]
    return [*text.split("\n## Contents\n")[0].split("\n"), "## Contents"]


def _cover(fmt: str, rows: list[tuple[str, str]], test_model: bool) -> list[str]:
    """What :func:`_cover_lines` reads for a brief named "Sáng nay" with these rows."""
    if fmt.startswith("docx"):
        warned = [f"**Warning: {TEST_MODEL_WARNING}**"] if test_model else []
        return ["[Title] Sáng nay", *(f"**{k}: **{v}" for k, v in rows), *warned, "[Heading 1] Contents"]
    if fmt == "html":
        cover = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
        warned = [f'<p class="warning">{TEST_MODEL_WARNING}</p>'] if test_model else []
        return ["<title>Sáng nay</title>", "<h1>Sáng nay</h1>", f"<dl>{cover}</dl>", *warned, "<h2>Contents</h2>"]
    warned = ["", f"> **Warning:** {TEST_MODEL_WARNING}"] if test_model else []
    return ["# Sáng nay", "", *(f"- **{k}:** {v}" for k, v in rows), *warned, "", "## Contents"]


@pytest.mark.parametrize("fmt", brief.FORMATS)
@pytest.mark.parametrize("test_model", [False, True])
def test_the_cover_says_when_how_many_from_where_and_by_what_in_every_format(fmt, test_model):
    """Under the brief's name, exactly: its date, the number of articles, the outlets (most articles
    first), each engine and each glossary once, or that none is known; a brief that holds a test
    model's article says so."""
    today = dt.date.today().isoformat()
    docs = [*DOCS, _doc(4, "", "tuoitre.vn"), _doc(5, "", "tuoitre.vn"), _doc(6, "", "")]
    docs[5].meta.update(model="another-model 2", glossaries="")
    docs[0].meta["test_model"] = "yes" if test_model else ""
    rows = [
        ("Date", today),
        ("Articles", "6"),
        ("Outlets", "tuoitre.vn (3), vnexpress.net (2)"),
        ("Engine", "another-model 2; test-model 1"),
        ("Glossaries", "12 terms (abc)"),
    ]
    assert _cover_lines(fmt, brief.render(docs, fmt, "Sáng nay")) == _cover(fmt, rows, test_model)
    unknown = _doc(1, "", "")
    unknown.meta.update(model="", glossaries="", test_model="yes" if test_model else "")
    rows = [("Date", today), ("Articles", "1"), ("Outlets", "—"), ("Engine", "—"), ("Glossaries", "none")]
    assert _cover_lines(fmt, brief.render([unknown], fmt, "Sáng nay")) == _cover(fmt, rows, test_model)


def _article_head(fmt: str, data: bytes) -> list[str]:
    """The first article's head as its reader sees it, down to its first provenance line: one line per
    paragraph, a Word paragraph's style (but Normal) in [], a bold run as **…**, an italic one as *…*."""
    if fmt.startswith("docx"):
        from docx import Document as open_docx

        paragraphs = open_docx(io.BytesIO(data)).paragraphs
        start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("1. ") and p.style.name != "Normal")
        lines = []
        for p in paragraphs[start:]:
            runs = "".join(f"**{r.text}**" if r.bold else f"*{r.text}*" if r.italic else r.text for r in p.runs)
            lines.append(("" if p.style.name == "Normal" else f"[{p.style.name}] ") + runs)
            if p.text.startswith("Outlet:"):
                return lines
    text = data.decode()
    if fmt == "html":
        return text.split('<section id="article-1">')[1].split("\n")[:2]
    head = text.split('<a id="article-1"></a>')[1].split("\n")
    return head[: next(i for i, line in enumerate(head) if line.startswith("- **")) + 1]


@pytest.mark.parametrize("fmt", brief.FORMATS)
@pytest.mark.parametrize("titled", [True, False])
def test_an_article_is_headed_by_its_english_title_then_its_vietnamese_one_if_it_has_one(fmt, titled):
    """An article without a title block (a text file) is headed by its file name, with no Vietnamese line."""
    from pathlib import Path

    doc = _doc(1, "", "vnexpress.net")
    if not titled:
        doc.blocks.pop(0)
        doc.source = Path("ghi-chu.txt")
    english, vietnamese = ("Title 1", ["Tiêu đề 1"]) if titled else ("ghi-chu", [])
    outlet = "vnexpress.net"
    if fmt.startswith("docx"):
        expected = [f"[Heading 1] 1. {english}", *(f"*{v}*" for v in vietnamese), f"**Outlet: **{outlet}"]
    elif fmt == "html":
        rows = f"<dt>Outlet</dt><dd>{outlet}</dd><dt>URL</dt><dd>https://{outlet}/1.html</dd>"
        vi = [f'<p lang="vi"><em>{v}</em></p>' for v in vietnamese]
        expected = [f"<h2>1. {english}</h2>", *(vi or [f"<dl>{rows}<dt>Byline</dt><dd>Phóng viên 1</dd></dl>"])]
    else:
        expected = ["", "", f"## 1. {english}", *(f"*{v}*" for v in vietnamese), "", f"- **Outlet:** {outlet}"]
    assert _article_head(fmt, brief.render([doc], fmt, "Brief")) == expected


def _two_articles() -> list[Document]:
    """A fetched article (a sentence flagged three times over two kinds, a corrected one still flagged,
    left-out text) and a test model's text file with a heading; a glossary term used in both."""
    from pathlib import Path

    health = TermUse("Bộ Y tế", "Ministry of Health", True)
    flags = ["year not kept: 2024", "number not kept: 7", "number not kept: 8"]  # the commoner kind counted first
    fetched = Document(
        blocks=[
            Block(BlockKind.TITLE, "Tin A", [Sentence("Tin A", "News A")]),
            Block(
                BlockKind.PARAGRAPH,
                "p",
                [
                    Sentence(
                        "Hà Nội mưa.",
                        "Hanoi rains.",
                        flags=["low model score"],
                        reviewed="corrected",
                        terms=[TermUse("Hà Nội", "Hanoi", False)],  # met first, used less: listed second
                    ),
                    Sentence("Bộ Y tế có 7 ca.", "The Ministry of Health has 8 cases.", flags=flags, terms=[health]),
                ],
            ),
        ],
        removed=[Removed("Quảng cáo", "advertisement")],
        meta={"site": "vnexpress.net", "date": "2026-12-01 08:00", "url": "https://vnexpress.net/a.html",
              "author": "Phóng viên", "fetched": "2026-12-01T09:00:00Z", "model": "m 1", "glossaries": "health.tsv"},
    )  # fmt: skip
    met = Sentence("Bộ Y tế họp.", "The ministry met.", terms=[TermUse("Bộ Y tế", "Ministry of Health", False)])
    local = Document(
        blocks=[
            Block(BlockKind.HEADING, "Bối cảnh", [Sentence("Bối cảnh", "Background")]),
            Block(BlockKind.PARAGRAPH, "q", [met]),
        ],
        meta={"source_file": "ghi-chu.txt", "model": "m 2", "test_model": "1", "glossaries": "ai.tsv"},
        source=Path("ghi-chu.txt"),
    )
    return [fetched, local]


_FLAGS_A = "1 of 3 sentences flagged for review: number not kept (2), year not kept (1)."  # not the corrected one
_FLAGS_B = "No sentence flagged for review (2 sentences)."
_PROVENANCE = [
    ("Outlet", "vnexpress.net"),
    ("Published", "2026-12-01 08:00"),
    ("URL", "https://vnexpress.net/a.html"),
    ("Byline", "Phóng viên"),
    ("Fetched", "2026-12-01T09:00:00Z"),
]
_COVER = [
    ("Articles", "2"),
    ("Outlets", "vnexpress.net (1)"),
    ("Engine", "m 1; m 2"),
    ("Glossaries", "ai.tsv; health.tsv"),
]


def _markdown(bilingual: bool) -> str:
    """The Markdown brief of :func:`_two_articles`, bilingual or English only."""
    first, second = (
        (
            "| Tiếng Việt | English |\n| --- | --- |\n"
            "| Hà Nội mưa. | Hanoi rains. ✓ *reviewed (corrected)* ⚠ *low model score* |\n"
            "| Bộ Y tế có 7 ca. | The Ministry of Health has 8 cases. ⚠ *year not kept: 2024* ⚠ *number not kept: 7* "
            "⚠ *number not kept: 8* |",
            "### Bối cảnh\n*Background*\n\n| Tiếng Việt | English |\n| --- | --- |\n"
            "| Bộ Y tế họp. | The ministry met. |",
        )
        if bilingual
        else (
            "Hanoi rains. The Ministry of Health has 8 cases. ⚠ *low model score* ⚠ *year not kept: 2024* "
            "⚠ *number not kept: 7* ⚠ *number not kept: 8*",
            "### Background\n\nThe ministry met.",
        )
    )
    cover = "\n".join(f"- **{k}:** {v}" for k, v in [("Date", dt.date.today().isoformat()), *_COVER])
    provenance = "\n".join(f"- **{k}:** {v}" for k, v in _PROVENANCE)
    return f"""# Sáng nay

{cover}

> **Warning:** {TEST_MODEL_WARNING}

## Contents

1. [News A](#article-1)
2. [ghi-chu](#article-2)

<a id="article-1"></a>

## 1. News A
*Tin A*

{provenance}

{first}

**Flags:** {_FLAGS_A}

### Left out of the translation

| Text | Reason |
| --- | --- |
| Quảng cáo | advertisement |

<a id="article-2"></a>

## 2. ghi-chu

- **File:** ghi-chu.txt

{second}

**Flags:** {_FLAGS_B}

## Glossary terms

| Tiếng Việt | English | uses | enforced |
| --- | --- | --- | --- |
| Bộ Y tế | Ministry of Health | 2 | 1 |
| Hà Nội | Hanoi | 1 | 0 |
"""


def _html() -> str:
    """The web brief of :func:`_two_articles`: sentences numbered on across articles."""
    from translator.export.html import SCRIPT, STYLE

    def dl(rows: list[tuple[str, str]]) -> str:
        return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"

    def row(mark: str, n: int, kind: str, vi: str, en: str) -> str:
        return (
            f'<tr class="{mark}"><td lang="vi"><span class="{kind}" data-s="{n}">{vi}</span></td>'
            f'<td><span class="{kind}" data-s="{n}">{en}</td></tr>'
        )

    thead = "<table><thead><tr><th>Tiếng Việt</th><th>English</th></tr></thead><tbody>"
    flag = '</span><span class="flag">⚠ {}'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>Sáng nay</title><style>{STYLE}</style></head><body>",
            "<h1>Sáng nay</h1>",
            dl([("Date", dt.date.today().isoformat()), *_COVER]),
            f'<p class="warning">{TEST_MODEL_WARNING}</p>',
            "<h2>Contents</h2><ol>",
            '<li><a href="#article-1">News A</a></li>',
            '<li><a href="#article-2">ghi-chu</a></li>',
            "</ol>",
            '<section id="article-1"><h2>1. News A</h2>',
            '<p lang="vi"><em>Tin A</em></p>',
            dl(_PROVENANCE),
            thead,
            row("s flagged", 1, "paragraph", "Hà Nội mưa.", 'Hanoi rains.</span><span class="reviewed">✓ reviewed '
                '(corrected)' + flag.format("low model score") + "</span>"),
            row("s flagged", 2, "paragraph", "Bộ Y tế có 7 ca.", "The Ministry of Health has 8 cases."
                + "".join(flag.format(f) for f in ("year not kept: 2024", "number not kept: 7", "number not kept: 8"))
                + "</span>"),
            "</tbody></table>",
            f"<p><strong>Flags:</strong> {_FLAGS_A}</p>",
            "<h3>Left out of the translation</h3><table><tr><th>Text</th><th>Reason</th></tr>",
            "<tr><td>Quảng cáo</td><td>advertisement</td></tr>",
            "</table>",
            "</section>",
            '<section id="article-2"><h2>2. ghi-chu</h2>',
            dl([("File", "ghi-chu.txt")]),
            thead,
            row("heading", 3, "heading", "Bối cảnh", "Background</span>"),
            row("s", 4, "paragraph", "Bộ Y tế họp.", "The ministry met.</span>"),
            "</tbody></table>",
            f"<p><strong>Flags:</strong> {_FLAGS_B}</p>",
            "</section>",
            "<h2>Glossary terms</h2><table><tr><th>Tiếng Việt</th><th>English</th></tr>",
            "<tr><td>Bộ Y tế</td><td>Ministry of Health (2×)</td></tr>",
            "<tr><td>Hà Nội</td><td>Hanoi (1×)</td></tr>",
            "</table>",
            f"<script>{SCRIPT}</script></body></html>",
        ]
    )  # fmt: skip


def _word(bilingual: bool) -> list:
    """The Word brief of :func:`_two_articles` as :func:`tests.export.test_docx.picture` shows it."""
    flag, reviewed = "{i,8pt,C00000}", "{i,8pt,37863C}"
    header = ("H", ["#D9D9D9 Tiếng Việt{b}", "#D9D9D9 English{b}"])
    first, second = (
        (
            [
                [
                    header,
                    ("K", ["Hà Nội mưa.", f"#FCE4D6 Hanoi rains. / ✓ reviewed (corrected){reviewed} / "
                           f"⚠ low model score{flag}"]),
                    ("K", ["Bộ Y tế có 7 ca.", "#FCE4D6 The Ministry of Health has 8 cases. / ⚠ year not kept: 2024; "
                           f"number not kept: 7; number not kept: 8{flag}"]),
                ]
            ],
            [[header, ("K", ["#DCE6F1 span2 Bối cảnh{b} / Background{b}"]),
              ("K", ["Bộ Y tế họp.", "The ministry met."])]],
        )
        if bilingual
        else (
            ["Hanoi rains. The Ministry of Health has 8 cases.",
             f"⚠ low model score; year not kept: 2024; number not kept: 7; number not kept: 8{flag}"],
            ["[Heading 2] Background", "The ministry met."],
        )
    )  # fmt: skip
    return [
        "[Title] Sáng nay",
        *(f"{k}: {{b}}|{v}" for k, v in [("Date", dt.date.today().isoformat()), *_COVER]),
        f"Warning: {TEST_MODEL_WARNING}{{b,C00000}}",
        "[Heading 1] Contents",
        "1. News A",
        "2. ghi-chu",
        "<page break>",
        "[Heading 1] 1. News A",
        "Tin A{i}",
        *(f"{k}: {{b}}|{v}" for k, v in _PROVENANCE),
        *first,
        f"Flags: {{b}}|{_FLAGS_A}",
        "[Heading 2] Left out of the translation",
        [("H", ["#D9D9D9 Text{b}", "#D9D9D9 Reason{b}"]), ("", ["Quảng cáo", "advertisement"])],
        "<page break>",
        "[Heading 1] 2. ghi-chu",
        "File: {b}|ghi-chu.txt",
        *second,
        f"Flags: {{b}}|{_FLAGS_B}",
        "[Heading 1] Glossary terms",
        [
            ("H", ["#D9D9D9 Tiếng Việt{b}", "#D9D9D9 English{b}", "#D9D9D9 Uses{b}", "#D9D9D9 Enforced{b}"]),
            ("", ["Bộ Y tế", "Ministry of Health", "2", "1"]),
            ("", ["Hà Nội", "Hanoi", "1", "0"]),
        ],
    ]


@pytest.mark.parametrize("fmt", brief.FORMATS)
def test_a_brief_is_its_cover_contents_each_article_whole_and_one_glossary_appendix(fmt):
    """The whole brief in every format: each article with its provenance, its text (bilingual table or
    English), its flags counted by kind (a corrected sentence not among them) and what was left
    out, each on a new page in Word; the terms of every article summed once at the end."""
    from tests.export.test_docx import picture

    data = brief.render(_two_articles(), fmt, "Sáng nay")
    expected = {
        "md": lambda: _markdown(bilingual=True),
        "md-en": lambda: _markdown(bilingual=False),
        "html": _html,
        "docx": lambda: _word(bilingual=True),
        "docx-en": lambda: _word(bilingual=False),
    }[fmt]()
    assert (picture(data) if fmt.startswith("docx") else data.decode()) == expected
