"""Bilingual Markdown: readable as plain text and rendered on GitHub.

The title and headings stay Markdown headings (Vietnamese, then English);
the sentences of the blocks between them go in a two-column table, one row
per sentence, so a reviewer reads each pair side by side.  A table of the
source is shown as a table, then its English, cell for cell.
"""

from __future__ import annotations

import re

from translator.document import Block, BlockKind, Document, Removed, Sentence, tables
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
    return _finish(doc, _header(doc, title, bilingual=True) + body(doc, title, bilingual=True))


def render_english(doc: Document, options: ExportOptions | None = None) -> bytes:
    """English only: the story as a reader would read it, paragraph by paragraph."""
    title = next((b for b in doc.blocks if b.kind is BlockKind.TITLE), None)
    return _finish(doc, _header(doc, title, bilingual=False) + body(doc, title, bilingual=False))


def body(doc: Document, title: Block | None, bilingual: bool, level: int = 2) -> list[str]:
    """The story's lines after its title, headings at ``level``.  Bilingual: the sentences
    between headings in a two-column table, a source table shown, then its English cell for
    cell.  English only: paragraph by paragraph, a table in English."""
    out: list[str] = []
    in_table = False
    mark = "#" * level
    for block, rows in tables(doc.blocks):
        if rows:
            out += ["", *_grid(rows, english=False)] if bilingual else []
            out += ["", *_grid(rows, english=True)]
            in_table = False
            continue
        if block is title or not block.sentences:
            continue
        heading = block.kind in (BlockKind.HEADING, BlockKind.TITLE)
        if not bilingual and block.kind is BlockKind.CODE:  # the code as it was, not one line of it
            out += ["", *_fenced(translation(block)), *filter(None, [flags(block).strip()])]
        elif not bilingual:
            text = _styled(block, translation(block)) + flags(block)
            out += ["", f"{mark} {text}" if heading else text]
        elif heading:
            out += ["", f"{mark} {escape(block.text)}", f"*{escape(translation(block))}*{flags(block)}"]
            in_table = False
        else:
            if not in_table:
                out += ["", "| Tiếng Việt | English |", "| --- | --- |"]
                in_table = True
            for sentence in block.sentences:
                english = _styled(block, sentence.translation) + flags(sentence)
                out.append(f"| {_styled(block, sentence.source)} | {english} |")
    return out


def _grid(rows: list[list[list[Block]]], english: bool) -> list[str]:
    """A table as a Markdown table, its first row the header row Markdown requires."""

    def line(row: list[list[Block]]) -> str:
        marks = [("".join(flags(b) for b in cell) if english else "") for cell in row]
        cells = [
            escape(cell_text(cell, english), line_start=False) + flag for cell, flag in zip(row, marks, strict=True)
        ]
        return "| " + " | ".join(cells) + " |"

    return [line(rows[0]), "|" + " --- |" * len(rows[0]), *map(line, rows[1:])]


def _header(doc: Document, title: Block | None, bilingual: bool) -> list[str]:
    if title and bilingual:
        out = [f"# {escape(title.text)}", f"*{escape(translation(title))}*{flags(title)}"]
    elif title:
        out = [f"# {escape(translation(title))}{flags(title)}", f"*{escape(title.text)}*"]
    else:
        out = [f"# {escape(doc.title)}"]
    out.append("")
    out.extend(f"- **{label}:** {escape(value, line_start=False)}" for label, value in metadata_rows(doc))
    if doc.meta.get("test_model"):
        out += ["", f"> **Warning:** {escape(TEST_MODEL_WARNING)}"]
    return out


def _finish(doc: Document, out: list[str]) -> bytes:
    """The appendices: glossary terms used, and text left out of the translation."""
    out += terms_appendix(term_counts(doc)) + removed_appendix(doc.removed)
    return ("\n".join(out) + "\n").encode("utf-8")


def terms_appendix(terms: list[tuple[str, str, int, int]], level: int = 2) -> list[str]:
    """The glossary terms used, ``(vi, en, uses, enforced)`` each, as a table under a heading."""
    if not terms:
        return []
    head = [
        "",
        f"{'#' * level} Glossary terms",
        "",
        "| Tiếng Việt | English | uses | enforced |",
        "| --- | --- | --- | --- |",
    ]
    return head + [f"| {escape(vi)} | {escape(en)} | {n} | {ok} |" for vi, en, n, ok in terms]


def removed_appendix(removed: list[Removed], level: int = 2) -> list[str]:
    """What was left out of the translation and why, as a table under a heading."""
    if not removed:
        return []
    head = ["", f"{'#' * level} Left out of the translation", "", "| Text | Reason |", "| --- | --- |"]
    return head + [f"| {escape(r.text)} | {escape(r.reason)} |" for r in removed]


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


def _fenced(code: str) -> list[str]:
    """A fenced code block, its fence longer than any run of backticks in the code."""
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall("`+", code)), default=0))
    return [fence, code, fence]


def flags(item: Block | Sentence) -> str:
    """After the English (a block's, all its sentences', or one sentence's): a mark that a person
    reviewed it, the warnings for a reviewer (for a reviewed row, what its English lacks), and
    the reviewer's comments."""
    sentences = [item] if isinstance(item, Sentence) else item.sentences
    status = reviewed(sentences)
    marks = f" ✓ *reviewed ({escape(status)})*" if status else ""
    marks += "".join(f" ⚠ *{escape(flag)}*" for s in sentences for flag in s.flags)
    return marks + "".join(f" 💬 *{escape(s.comment)}*" for s in sentences if s.comment)


def translation(block: Block) -> str:
    return " ".join(s.translation for s in block.sentences)
