"""One brief of many articles: cover, contents, each article with its provenance, one glossary appendix."""

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
    import datetime as dt

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
