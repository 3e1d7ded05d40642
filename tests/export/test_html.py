"""The bilingual web page, compared whole: what a reader's browser gets."""

from __future__ import annotations

from tests.export.test_docx import _report_doc
from translator.export import render
from translator.export.html import SCRIPT, STYLE


def _row(kind: str, number: int, vi: str, en: str, marks: str = "", row: str = "s", before: str = "") -> str:
    """A sentence's row: both sides numbered alike (the hover joins them), what is under the English after it."""
    return (
        f'<tr class="{row}"><td lang="vi">{before}<span class="{kind}" data-s="{number}">{vi}</span></td>'
        f'<td>{before}<span class="{kind}" data-s="{number}">{en}</span>{marks}</td></tr>'
    )


def _source_table(first: str, second: str) -> str:
    return (
        f'<table class="source"><tr><th><span data-s="11">{first}</span></th><td></td></tr>'
        f"<tr><td></td><td>{second}</td></tr></table>"
    )


def test_the_page_shows_every_sentence_beside_its_english_with_its_marks_and_appendices():
    """Head and cover (title, its Vietnamese and flag, where it came from, the test-model warning),
    a row per sentence styled by its kind (a numbered item with its number), reviewed rows
    checked, flagged rows flagged, a reviewer's comment, the source table beside its English,
    then the glossary terms and what was left out; styles and script inline."""
    flag = '<span class="flag">⚠ {}</span>'
    page = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Title</title><style>{STYLE}</style></head><body>",
        "<h1>Title</h1>",
        f'<p lang="vi"><em>Tiêu đề</em>{flag.format("low model score")}</p>',
        "<dl><dt>Source</dt><dd>a.txt</dd><dt>Translated</dt><dd>2026-11-29</dd><dt>Model</dt><dd>m 1.0</dd></dl>",
        '<p class="warning">Made with a test model: the English text is not a translation. '
        "Install a real vi→en model before sharing this document.</p>",
        "<table><thead><tr><th>Tiếng Việt</th><th>English</th></tr></thead><tbody>",
        _row("lead", 1, "Mở.", "Lead."),
        _row("heading", 2, "Phần", "Part", '<span class="comment">💬 shorter?</span>', row="heading"),
        _row("paragraph", 3, "Một.", "One.", '<span class="reviewed">✓ reviewed (approved)</span>', row="s checked"),
        _row("paragraph", 4, "Hai.", "Two.", flag.format("term not enforced: export controls"), row="s flagged"),
        _row("caption", 5, "Ảnh.", "Photo."),
        _row("byline", 6, "Theo.", "By."),
        _row("quote", 7, "Trích.", "Quote.", '<span class="reviewed">✓ reviewed (corrected)</span>', row="s checked"),
        _row("code", 8, "x = 1", "x = 1"),
        _row("list_item", 9, "Bước", "Step", before="3. "),
        _row("list_item", 10, "Gạch", "Bullet"),
        '<tr class="table"><td lang="vi">'
        + _source_table("Tỉnh", '<span data-s="12">Giá</span>')
        + "</td><td>"
        + _source_table("Province", '<span data-s="12">Price</span>' + flag.format("money not kept: 5 đồng"))
        + "</td></tr>",
        "</tbody></table>",
        "<h2>Glossary terms</h2><table><tr><th>Tiếng Việt</th><th>English</th></tr>",
        "<tr><td>kiểm soát xuất khẩu</td><td>export controls (1×)</td></tr>",
        "</table>",
        "<h2>Left out of the translation</h2><table><tr><th>Text</th><th>Reason</th></tr>",
        "<tr><td>Cùng chủ đề</td><td>other stories</td></tr>",
        "</table>",
        f"<script>{SCRIPT}</script></body></html>",
    ]
    assert render(_report_doc(), "html").decode().split("\n<") == "\n".join(page).split("\n<")
