"""The documents the APIs answer with: DeepL's ``/v2/document`` and LibreTranslate's ``/translate_file``.

The formats and their writing are the library's (:mod:`translator.export.documents`); here a
job's upload is judged (:func:`deepl_format`, :func:`libre_format`) and its translated
document written off the event loop (:func:`render_document`).  DeepL refuses, at upload,
a format this server cannot write (a PDF or ODT without LibreOffice needs ``output_format``);
LibreTranslate has no such parameter, so a PDF or ODT comes back as English Word there when
LibreOffice is not installed.
"""

from __future__ import annotations

import asyncio

from translator.export.documents import MEDIA, english_page, output_format, writable, write_document
from translator.server.service import sniff


def deepl_format(data: bytes, name: str, asked: str = "") -> str:
    """What a DeepL document comes back as (see :func:`translator.export.documents.output_format`)."""
    return output_format(sniff(data, name), asked)


def libre_format(data: bytes, name: str) -> str:
    """What a LibreTranslate upload comes back as: its own format, or Word where that cannot be written."""
    kind = sniff(data, name)
    own = kind[1:]
    return own if own in writable(kind) else "docx"


async def render_document(job, service, fmt: str) -> tuple[bytes, str]:
    """The translated document of a finished ``job`` in ``fmt``: its bytes and media type.  A PDF or
    ODT (LibreOffice, seconds) is kept with the job until it is translated again."""
    if fmt == "html":

        async def title(line: str) -> str:
            return (await service.translate_text(line, job.glossary_id))[0]

        data = await english_page(job.data, lambda doc: service.translate(doc, job.glossary_id), service.align, title)
    elif fmt in job.rendered:
        data = job.rendered[fmt]
    else:
        data = await asyncio.to_thread(write_document, job.doc, fmt, job.pages)
        if fmt in ("pdf", "odt"):
            job.rendered[fmt] = data
    return data, MEDIA[fmt]
