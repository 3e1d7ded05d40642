"""A translated document in the format it came in: what the DeepL and LibreTranslate APIs answer with.

Word comes back as an English Word document, text as English text, Markdown as English
Markdown, HTML as the same page with its text in English (its markup kept: the markup
translator of :mod:`translator.translate.markup`).  PDF and OpenDocument are rendered from
the English Word document by LibreOffice (:mod:`translator.export.office`) where it is
installed; without it they can only come back as Word, text or Markdown, and
:func:`output_format` says so.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable

from translator.document import Document
from translator.errors import InputError
from translator.export import ExportOptions, office, render
from translator.htmlout import tostring

# What each kind of upload (a reader's suffix) comes back as.
NATIVE = {".docx": "docx", ".txt": "txt", ".md": "md", ".html": "html", ".pdf": "pdf", ".odt": "odt"}
WRITTEN = ("docx", "txt", "md")  # from any upload; html only from HTML (its markup is what is kept)
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
}
_ALIASES = {"htm": "html", "markdown": "md", "text": "txt"}


def writable(kind: str) -> tuple[str, ...]:
    """The formats a document read as ``kind`` can come back in here (PDF and ODT: with LibreOffice)."""
    formats = WRITTEN + (office.CONVERTS_TO if office.find_soffice() else ())
    return formats + (("html",) if kind == ".html" else ())


def output_format(kind: str, asked: str = "") -> str:
    """What a document read as ``kind`` comes back as: ``asked`` (DeepL's ``output_format``) when it
    can be written here, else its own format; an :class:`InputError` where neither goes."""
    asked = asked.strip().lower().lstrip(".")
    asked = _ALIASES.get(asked, asked)
    can = writable(kind)
    if asked:
        if asked in can:
            return asked
        raise InputError(
            f"Invalid file data: output_format {asked} is not supported for a {kind[1:]} document "
            f"(this server writes {', '.join(can)})"
        )
    own = NATIVE.get(kind)
    if own is None or own not in can:
        missing = " without LibreOffice (soffice)" if own in office.CONVERTS_TO else ""
        raise InputError(
            f"Invalid file data: this server cannot write {kind[1:]} documents{missing}; ask for output_format=docx"
        )
    return own


def english_text(doc: Document) -> str:
    """The document's English as plain text, a blank line between blocks."""
    return "\n\n".join(" ".join(s.translation for s in block.sentences) for block in doc.blocks) + "\n"


def write_document(doc: Document, fmt: str, pages: ExportOptions | None = None) -> bytes:
    """The translated ``doc`` as a file in ``fmt`` (docx, txt, md; pdf and odt through LibreOffice,
    which blocks for seconds: run it off an event loop).  HTML needs the page: :func:`english_page`."""
    if fmt == "txt":
        return english_text(doc).encode("utf-8")
    if fmt in ("docx", "md"):
        return render(doc, f"{fmt}-en", pages)
    if fmt in office.CONVERTS_TO:
        return office.convert(render(doc, "docx-en", pages), ".docx", fmt)
    raise InputError(f"cannot write a {fmt} document")


async def english_page(
    page: bytes,
    translate: Callable[[Document], Awaitable[Document]],
    align,
    translate_text: Callable[[str], Awaitable[str]],
) -> bytes:
    """An HTML page with its title and body text in English, its markup kept (scripts removed),
    saying it is English in UTF-8 (what it now is, whatever the Vietnamese page said of itself).
    The page's bytes are read as the readers read them (UTF-8, else the charset its ``<meta>`` names;
    letters composed).

    ``translate`` translates a document, ``align`` places inline markup (or None), ``translate_text``
    translates one line (the title)."""
    import lxml.html

    from translator.read.html import as_utf8
    from translator.translate.markup import translate_html

    text = unicodedata.normalize("NFC", as_utf8(page).decode("utf-8", "replace"))  # Windows-1258's tones combine
    root = lxml.html.document_fromstring(text)
    root.set("lang", "en")
    _declare_utf8(root)
    title = root.find(".//title")
    if title is not None and (title.text or "").strip():
        title.text = await translate_text(title.text)
    body = root.body
    inner = (body.text or "") + "".join(tostring(child) for child in body)
    english = await translate_html(inner, translate, align)
    for child in list(body):
        body.remove(child)
    fragment = lxml.html.fragment_fromstring(english or "", create_parent="div")
    body.text = fragment.text
    for child in list(fragment):
        body.append(child)
    return tostring(root, doctype="<!DOCTYPE html>").encode("utf-8")


def _declare_utf8(root) -> None:
    """One ``<meta charset="utf-8">`` first in the head, in place of what the page declared (a
    saved page that declares nothing is read in the browser's local encoding)."""
    import lxml.html

    for meta in list(root.iter("meta")):
        if meta.get("charset") is not None or (meta.get("http-equiv") or "").lower() == "content-type":
            meta.drop_tree()
    head = root.find("head")
    if head is None:
        head = lxml.html.Element("head")
        root.insert(0, head)
    head.insert(0, lxml.html.Element("meta", charset="utf-8"))
