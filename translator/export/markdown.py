"""Bilingual Markdown: readable as plain text and rendered on GitHub.

The title and headings stay Markdown headings (Vietnamese, then English);
the sentences of the blocks between them go in a two-column table, one row
per sentence, so a reviewer reads each pair side by side.  A table of the
source is shown as a table, then its English, cell for cell.
"""

from __future__ import annotations

import re

from translator.document import Block, BlockKind, Document, Sentence, tables
from translator.export import TEST_MODEL_WARNING, ExportOptions, cell_text, metadata_rows, reviewed
from translator.glossary.terms import term_counts

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")  # & too: "&amp;" would show as "&"
_LEADING = re.compile(r"^(\s*)(\d+)([.)])")


def escape(text: str, line_start: bool = True) -> str:
    """Escape what Markdown would read as markup, pipes included; ``line_start`` false for
    text that follows something on its line (a list marker would not start a list there)."""
    text = _SPECIAL.sub(r"\\\1", text)
    if line_start:
        text = _LEADING.sub(r"\1\2\\\3", text)  # "1." would start a list
    if text.startswith(("-", "=", "#", "+")):
        text = "\\" + text
    return text.replace("\n", "<br>")


def render(doc: Document, options: ExportOptions | None = None) -> bytes:
    """Bilingual: headings as headings, the sentences between them in a two-column table."""
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    out = _header(doc, title, bilingual=True)
    in_table = False
    for block, rows in tables(doc.blocks):
        if rows:  # a source table: itself, then its English, cell for cell
            out += ["", *_grid(rows, english=False), "", *_grid(rows, english=True)]
            in_table = False
            continue
        if block is title or not block.sentences:
            continue
        if block.kind in (BlockKind.HEADING, BlockKind.TITLE):
            out += ["", f"## {escape(block.text)}", f"*{escape(_translation(block))}*{_flags(block)}"]
            in_table = False
            continue
        if not in_table:
            out += ["", "| Tiếng Việt | English |", "| --- | --- |"]
            in_table = True
        for sentence in block.sentences:
            english = _styled(block, sentence.translation) + _flags(sentence)
            out.append(f"| {_styled(block, sentence.source)} | {english} |")
    return _finish(doc, out)


def render_english(doc: Document, options: ExportOptions | None = None) -> bytes:
    """English only: the story as a reader would read it, paragraph by paragraph."""
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    out = _header(doc, title, bilingual=False)
    for block, rows in tables(doc.blocks):
        if rows:
            out += ["", *_grid(rows, english=True)]
            continue
        if block is title or not block.sentences:
            continue
        text = _styled(block, _translation(block)) + _flags(block)
        out += ["", f"## {text}" if block.kind in (BlockKind.HEADING, BlockKind.TITLE) else text]
    return _finish(doc, out)


def _grid(rows: list[list[list[Block]]], english: bool) -> list[str]:
    """A table as a Markdown table, its first row the header row Markdown requires."""

    def line(row: list[list[Block]]) -> str:
        flags = [("".join(_flags(b) for b in cell) if english else "") for cell in row]
        cells = [
            escape(cell_text(cell, english), line_start=False) + flag for cell, flag in zip(row, flags, strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    return [line(rows[0]), "|" + " --- |" * len(rows[0]), *map(line, rows[1:])]


def _header(doc: Document, title: Block | None, bilingual: bool) -> list[str]:
    if title and bilingual:
        out = [f"# {escape(title.text)}", f"*{escape(_translation(title))}*{_flags(title)}"]
    elif title:
        out = [f"# {escape(_translation(title))}{_flags(title)}", f"*{escape(title.text)}*"]
    else:
        out = [f"# {escape(doc.title)}"]
    out.append("")
    out.extend(f"- **{label}:** {escape(value, line_start=False)}" for label, value in metadata_rows(doc))
    if doc.meta.get("test_model"):
        out += ["", f"> **Warning:** {escape(TEST_MODEL_WARNING)}"]
    return out


def _finish(doc: Document, out: list[str]) -> bytes:
    """The appendices: glossary terms used, and text left out of the translation."""
    terms = term_counts(doc)
    if terms:
        out += ["", "## Glossary terms", "", "| Tiếng Việt | English | uses | enforced |", "| --- | --- | --- | --- |"]
        out += [f"| {escape(vi)} | {escape(en)} | {n} | {ok} |" for vi, en, n, ok in terms]
    if doc.removed:
        out += ["", "## Left out of the translation", "", "| Text | Reason |", "| --- | --- |"]
        out += [f"| {escape(r.text)} | {escape(r.reason)} |" for r in doc.removed]
    return ("\n".join(out) + "\n").encode("utf-8")


_STYLES = {
    BlockKind.LEAD: "**{}**",
    BlockKind.CAPTION: "*{}*",
    BlockKind.QUOTE: "*{}*",
    BlockKind.BYLINE: "<sub>{}</sub>",
    BlockKind.LIST_ITEM: "• {}",
}


def _styled(block: Block, text: str) -> str:
    """A cell's text, styled for its block's kind (escaped first); a numbered item keeps its number."""
    if not text:
        return ""
    if block.kind is BlockKind.CODE:
        return "`" + text.replace("`", "'").replace("|", "\\|").replace("\n", "` <br> `") + "`"
    if block.marker:
        return f"{escape(block.marker)} {escape(text, line_start=False)}"
    return _STYLES.get(block.kind, "{}").format(escape(text))


def _flags(item: Block | Sentence) -> str:
    """A reviewer's warnings after the English (a block's, all its sentences', or one sentence's),
    or a mark that a person reviewed it."""
    sentences = [item] if isinstance(item, Sentence) else item.sentences
    if status := reviewed(sentences):
        return f" ✓ *reviewed ({escape(status)})*"
    return "".join(f" ⚠ *{escape(flag)}*" for s in sentences for flag in s.flags)


def _translation(block: Block) -> str:
    return " ".join(s.translation for s in block.sentences)
