"""A self-contained bilingual web page: hover a sentence and its counterpart lights up.

A table of the source stands beside its English table, cell for cell."""

from __future__ import annotations

from html import escape

from translator.document import Block, BlockKind, Document, Removed, tables
from translator.export import TEST_MODEL_WARNING, ExportOptions, metadata_rows
from translator.glossary.terms import term_counts

STYLE = """
body{font-family:Arial,"Liberation Sans","Noto Sans",sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;
color:#222;line-height:1.5}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;width:50%}
th{background:#eee;position:sticky;top:0}tr.heading td{background:#dce6f1;font-weight:bold}
tr.s:hover td,tr.s.on td{background:#fff3b0}.caption{font-style:italic}.byline{font-size:.8em}.lead{font-weight:bold}
.flag{display:block;color:#c00;font-size:.8em;font-style:italic}tr.flagged td:last-child{background:#fce4d6}
.reviewed{display:block;color:#37863c;font-size:.8em;font-style:italic}.comment{display:block;font-size:.8em}
tr.checked td:last-child{background:#e2efda}
.warning{color:#c00;font-weight:bold}dl{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem}
dt{font-weight:bold}table.source td,table.source th{width:auto}
"""
SCRIPT = """
document.querySelectorAll('span[data-s]').forEach(function(el){
 el.addEventListener('mouseenter',function(){document.querySelectorAll('[data-s="'+el.dataset.s+'"]')
  .forEach(function(x){x.style.background='#fff3b0'})});
 el.addEventListener('mouseleave',function(){document.querySelectorAll('[data-s="'+el.dataset.s+'"]')
  .forEach(function(x){x.style.background=''})});});
"""


def _grid(rows: list[list[list[Block]]], english: bool, number: int) -> tuple[str, int]:
    """A table in one language, each sentence a span numbered as in the rest of the page (so
    hovering it lights its counterpart in the other table); the last number used."""
    out = ['<table class="source">']
    for row in rows:
        out.append("<tr>")
        for cell in row:
            tag = "th" if cell and cell[0].cell and cell[0].cell.header else "td"
            spans = []
            for block in cell:
                for sentence in block.sentences:
                    number += 1
                    text = sentence.translation if english else sentence.source
                    flags = (
                        "".join(f'<span class="flag">⚠ {escape(f)}</span>' for f in sentence.flags) if english else ""
                    )
                    spans.append(f'<span data-s="{number}">{escape(text)}</span>{flags}')
            out.append(f"<{tag}>{' '.join(spans)}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out), number


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    english_title = " ".join(s.translation for s in title.sentences) if title else doc.title
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(english_title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(english_title)}</h1>",
    ]
    if title:
        flags = "".join(f'<span class="flag">⚠ {escape(f)}</span>' for s in title.sentences for f in s.flags)
        out.append(f'<p lang="vi"><em>{escape(title.text)}</em>{flags}</p>')
    out.append("<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in metadata_rows(doc)) + "</dl>")
    if doc.meta.get("test_model"):
        out.append(f'<p class="warning">{escape(TEST_MODEL_WARNING)}</p>')
    out += table(doc, title)[0]
    out += terms_appendix(term_counts(doc)) + removed_appendix(doc.removed)
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out).encode("utf-8")


def table(doc: Document, title: Block | None, number: int = 0) -> tuple[list[str], int]:
    """The bilingual table, one row per sentence after the title, and the last number used:
    sentences are numbered on from ``number`` (a sentence and its translation share the number
    the hover script joins them by, so in a page of several articles each keeps its own)."""
    out = ["<table><thead><tr><th>Tiếng Việt</th><th>English</th></tr></thead><tbody>"]
    for block, rows in tables(doc.blocks):
        if rows:  # the source table beside its English table, cell for cell
            sides = []
            for english in (False, True):
                grid, count = _grid(rows, english, number)
                sides.append(grid)
            number = count
            out.append(f'<tr class="table"><td lang="vi">{sides[0]}</td><td>{sides[1]}</td></tr>')
            continue
        if block is title:
            continue
        for sentence in block.sentences:
            number += 1
            flags = "".join(f'<span class="flag">⚠ {escape(f)}</span>' for f in sentence.flags)
            if sentence.reviewed:  # a person's translation: marked (and what its English lacks)
                flags = f'<span class="reviewed">✓ reviewed ({escape(sentence.reviewed)})</span>{flags}'
            if sentence.comment:
                flags += f'<span class="comment">💬 {escape(sentence.comment)}</span>'
            kind = block.kind.value
            marker = f"{escape(block.marker)} " if block.marker else ""  # a numbered item keeps its number
            row = "heading" if block.kind in (BlockKind.HEADING, BlockKind.TITLE) else "s"
            mark = " flagged" if sentence.flags else " checked" if sentence.reviewed else ""
            out.append(
                f'<tr class="{row}{mark}">'
                f'<td lang="vi">{marker}<span class="{kind}" data-s="{number}">{escape(sentence.source)}</span></td>'
                f'<td>{marker}<span class="{kind}" data-s="{number}">{escape(sentence.translation)}</span>'
                f"{flags}</td></tr>"
            )
    out.append("</tbody></table>")
    return out, number


def terms_appendix(terms: list[tuple[str, str, int, int]], level: int = 2) -> list[str]:
    if not terms:
        return []
    out = [f"<h{level}>Glossary terms</h{level}><table><tr><th>Tiếng Việt</th><th>English</th></tr>"]
    out += [f"<tr><td>{escape(vi)}</td><td>{escape(en)} ({n}×)</td></tr>" for vi, en, n, _ in terms]
    return [*out, "</table>"]


def removed_appendix(removed: list[Removed], level: int = 2) -> list[str]:
    if not removed:
        return []
    out = [f"<h{level}>Left out of the translation</h{level}><table><tr><th>Text</th><th>Reason</th></tr>"]
    out += [f"<tr><td>{escape(r.text)}</td><td>{escape(r.reason)}</td></tr>" for r in removed]
    return [*out, "</table>"]
