"""One brief of many articles (``--combine NAME``): a cover, contents, each article, one glossary appendix.

An analyst's day ends with one English document for their team, not thirty
files.  The brief is built from the same parts as each article's own export
(the bilingual table or the English text, the list of what was left out),
so an article reads the same in both; what the brief adds is the cover
(date, number of articles, outlets, engine, glossaries), a table of
contents, each article's provenance (outlet, date, URL, byline) and flags
summary, and one glossary-term appendix counted over every article.
Articles come newest first (undated ones last, in the order given), or in
the order given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from html import escape as html_escape

from translator.document import Block, BlockKind, Document
from translator.export import TEST_MODEL_WARNING, ExportOptions
from translator.glossary.terms import term_counts

FORMATS = ("md", "md-en", "docx", "docx-en", "html")  # those that can hold several articles
ORDERS = ("newest", "given")


def published(doc: Document) -> dt.datetime | None:
    """The article's publication time from its metadata, if it reads as an ISO date."""
    text = doc.meta.get("date", "").strip().replace(" ", "T")
    for length in (25, 19, 16, 10):
        try:
            when = dt.datetime.fromisoformat(text[:length])
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return None


def ordered(docs: Sequence[Document], order: str = "newest") -> list[Document]:
    """Newest first, undated articles last in the order given; or just the order given."""
    if order == "given":
        return list(docs)
    dated = sorted((d for d in docs if published(d)), key=published, reverse=True)
    return dated + [d for d in docs if not published(d)]


def _title(doc: Document) -> Block | None:
    return next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)


def english_title(doc: Document) -> str:
    title = _title(doc)
    return " ".join(s.translation for s in title.sentences) if title and title.sentences else doc.title


def cover(docs: Sequence[Document]) -> list[tuple[str, str]]:
    """What the brief is, under its name: when made, how many articles from which outlets, what translated them."""
    outlets = Counter(d.meta.get("site", "") for d in docs if d.meta.get("site"))
    engines = sorted({d.meta["model"] for d in docs if d.meta.get("model")})
    glossaries = sorted({d.meta["glossaries"] for d in docs if d.meta.get("glossaries")})
    return [
        ("Date", dt.date.today().isoformat()),
        ("Articles", str(len(docs))),
        ("Outlets", ", ".join(f"{site} ({n})" for site, n in outlets.most_common()) or "—"),
        ("Engine", "; ".join(engines) or "—"),
        ("Glossaries", "; ".join(glossaries) or "none"),
    ]


def provenance(doc: Document) -> list[tuple[str, str]]:
    """Where one article came from: outlet, date, URL (or file), byline, when fetched."""
    labels = (
        ("site", "Outlet"),
        ("date", "Published"),
        ("url", "URL"),
        ("source_file", "File"),
        ("author", "Byline"),
        ("fetched", "Fetched"),
    )
    return [(label, doc.meta[key]) for key, label in labels if doc.meta.get(key)]


def flags_summary(doc: Document) -> str:
    """How many sentences a reviewer should check, and for what (the flags' kinds, counted)."""
    sentences = list(doc.sentences())
    flagged = [s for s in sentences if s.flags and not s.reviewed]
    if not flagged:
        return f"No sentence flagged for review ({len(sentences)} sentences)."
    kinds = Counter(flag.split(":", 1)[0] for s in flagged for flag in s.flags)
    listed = ", ".join(f"{kind} ({n})" for kind, n in kinds.most_common())
    return f"{len(flagged)} of {len(sentences)} sentences flagged for review: {listed}."


def all_terms(docs: Sequence[Document]) -> list[tuple[str, str, int, int]]:
    """The glossary terms of every article, uses and enforcements summed, most used first."""
    uses: Counter[tuple[str, str]] = Counter()
    enforced: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        for vi, en, n, ok in term_counts(doc):
            uses[(vi, en)] += n
            enforced[(vi, en)] += ok
    return [(vi, en, n, enforced[(vi, en)]) for (vi, en), n in uses.most_common()]


def render(docs: Sequence[Document], fmt: str, name: str, options: ExportOptions | None = None) -> bytes:
    """The brief of ``docs`` (already in order) in ``fmt``, one of :data:`FORMATS`."""
    renderers = {
        "md": lambda: _markdown(docs, name, bilingual=True),
        "md-en": lambda: _markdown(docs, name, bilingual=False),
        "docx": lambda: _docx(docs, name, options or ExportOptions(), bilingual=True),
        "docx-en": lambda: _docx(docs, name, options or ExportOptions(), bilingual=False),
        "html": lambda: _html(docs, name),
    }
    return renderers[fmt]()


def _markdown(docs: Sequence[Document], name: str, bilingual: bool) -> bytes:
    from translator.export.markdown import body, escape, flags, removed_appendix, terms_appendix

    out = [f"# {escape(name)}", ""]
    out += [f"- **{label}:** {escape(value, line_start=False)}" for label, value in cover(docs)]
    if any(d.meta.get("test_model") for d in docs):
        out += ["", f"> **Warning:** {escape(TEST_MODEL_WARNING)}"]
    out += ["", "## Contents", ""]
    out += [f"{n}. [{escape(english_title(d), line_start=False)}](#article-{n})" for n, d in enumerate(docs, 1)]
    for n, doc in enumerate(docs, 1):
        title = _title(doc)
        out += ["", f'<a id="article-{n}"></a>', "", f"## {n}. {escape(english_title(doc), line_start=False)}"]
        if title:
            out.append(f"*{escape(title.text)}*{flags(title)}")
        out.append("")
        out += [f"- **{label}:** {escape(value, line_start=False)}" for label, value in provenance(doc)]
        out += body(doc, title, bilingual, level=3)
        out += ["", f"**Flags:** {escape(flags_summary(doc), line_start=False)}"]
        out += removed_appendix(doc.removed, level=3)
    out += terms_appendix(all_terms(docs), level=2)
    return ("\n".join(out) + "\n").encode("utf-8")


def _html(docs: Sequence[Document], name: str) -> bytes:
    from translator.export.html import SCRIPT, STYLE, removed_appendix, table, terms_appendix

    def rows(pairs: list[tuple[str, str]]) -> str:
        return "<dl>" + "".join(f"<dt>{html_escape(k)}</dt><dd>{html_escape(v)}</dd>" for k, v in pairs) + "</dl>"

    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html_escape(name)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{html_escape(name)}</h1>",
        rows(cover(docs)),
    ]
    if any(d.meta.get("test_model") for d in docs):
        out.append(f'<p class="warning">{html_escape(TEST_MODEL_WARNING)}</p>')
    out.append("<h2>Contents</h2><ol>")
    out += [f'<li><a href="#article-{n}">{html_escape(english_title(d))}</a></li>' for n, d in enumerate(docs, 1)]
    out.append("</ol>")
    number = 0
    for n, doc in enumerate(docs, 1):
        title = _title(doc)
        out.append(f'<section id="article-{n}"><h2>{n}. {html_escape(english_title(doc))}</h2>')
        if title:
            out.append(f'<p lang="vi"><em>{html_escape(title.text)}</em></p>')
        out.append(rows(provenance(doc)))
        lines, number = table(doc, title, number)
        out += lines
        out.append(f"<p><strong>Flags:</strong> {html_escape(flags_summary(doc))}</p>")
        out += removed_appendix(doc.removed, level=3)
        out.append("</section>")
    out += terms_appendix(all_terms(docs), level=2)
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out).encode("utf-8")


def _docx(docs: Sequence[Document], name: str, options: ExportOptions, bilingual: bool) -> bytes:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    from translator.export.docx import bilingual_table, english_body, new_report, removed_appendix, save, terms_appendix

    word = new_report(options)
    word.add_heading(name, level=0)

    def rows(pairs: list[tuple[str, str]]) -> None:
        for label, value in pairs:
            paragraph = word.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)

    rows(cover(docs))
    if any(d.meta.get("test_model") for d in docs):
        warning = word.add_paragraph().add_run(f"Warning: {TEST_MODEL_WARNING}")
        warning.bold = True
        warning.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    word.add_heading("Contents", level=1)
    for n, doc in enumerate(docs, 1):
        word.add_paragraph(f"{n}. {english_title(doc)}")
    for n, doc in enumerate(docs, 1):
        title = _title(doc)
        word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.add_heading(f"{n}. {english_title(doc)}", level=1)
        if title:
            word.add_paragraph().add_run(title.text).italic = True
        rows(provenance(doc))
        if bilingual:
            bilingual_table(word, doc, title)
        else:
            english_body(word, doc, title, level=2)
        summary = word.add_paragraph()
        summary.add_run("Flags: ").bold = True
        summary.add_run(flags_summary(doc))
        removed_appendix(word, doc.removed, level=2)
    terms_appendix(word, all_terms(docs), level=1)
    return save(word)
