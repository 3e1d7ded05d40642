"""DeepL's documents: the translated file in the format it came in, or the one ``output_format`` asks for.

Word comes back as an English Word document, text as English text, Markdown as English
Markdown, HTML as the same page with its text in English (its structure kept: the markup
translator of :mod:`translator.translate.markup`).  vietrans writes no PDF and no OpenDocument,
so a PDF or ODT upload needs ``output_format`` (docx, txt, md; DeepL itself turns PDF into
Word this way); any combination this server cannot write is refused when the document is
uploaded, with DeepL's kind of error, not after it was translated.
"""

from __future__ import annotations

from translator.errors import InputError
from translator.export import render
from translator.server.service import sniff

# What each kind of upload comes back as, and what else may be asked for (``output_format``).
NATIVE = {".docx": "docx", ".txt": "txt", ".md": "md", ".html": "html"}
WRITTEN = ("docx", "txt", "md")  # from any upload; html only from HTML (its markup is what is kept)
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def output_format(data: bytes, name: str, asked: str = "") -> str:
    """What a document uploaded as ``data`` comes back as: ``asked`` (DeepL's ``output_format``) when
    this server can write it, else the upload's own format; an :class:`InputError` where neither goes."""
    kind = sniff(data, name)
    asked = asked.strip().lower().lstrip(".")
    asked = {"htm": "html", "markdown": "md", "text": "txt"}.get(asked, asked)
    if asked:
        if asked in WRITTEN or (asked == "html" and kind == ".html"):
            return asked
        raise InputError(
            f"Invalid file data: output_format {asked} is not supported for a {kind[1:]} document "
            f"(this server writes {', '.join(WRITTEN)}" + (", html" if kind == ".html" else "") + ")"
        )
    if kind not in NATIVE:
        raise InputError(
            f"Invalid file data: this server cannot write {kind[1:]} documents; ask for output_format=docx"
        )
    return NATIVE[kind]


async def render_document(job, service, fmt: str) -> tuple[bytes, str, str]:
    """The translated document of a finished ``job`` in ``fmt``: its bytes, file name and media type."""
    if fmt == "html":
        data = await english_page(job.data.decode("utf-8", "replace"), service, job.glossary_id)
    elif fmt == "txt":
        data = english_text(job.doc).encode("utf-8")
    else:
        data = render(job.doc, {"docx": "docx-en", "md": "md-en"}[fmt], job.pages)
    return data, f"{job.stem}.{fmt}", MEDIA[fmt]


def english_text(doc) -> str:
    """The document's English as plain text, a blank line between blocks."""
    return "\n\n".join(" ".join(s.translation for s in block.sentences) for block in doc.blocks) + "\n"


async def english_page(page: str, service, glossary_id: str | None) -> bytes:
    """An HTML page with its title and body text in English, its markup kept (scripts removed)."""
    import lxml.html

    from translator.translate.markup import translate_html

    root = lxml.html.document_fromstring(page)
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        title.text = (await service.translate_text(title.text, glossary_id))[0]
    body = root.body
    inner = (body.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    english = await translate_html(inner, lambda doc: service.translate(doc, glossary_id), service.align)
    for child in list(body):
        body.remove(child)
    body.text = None
    fragment = lxml.html.fragment_fromstring(english or "", create_parent="div")
    body.text = fragment.text
    for child in list(fragment):
        body.append(child)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8")
