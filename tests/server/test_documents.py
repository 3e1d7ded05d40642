"""What an API's document comes back as (its upload's format, or Word where the server cannot write
that one), and a PDF or ODT written once per job however often its result is asked."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from tests.server.test_service import _word, _zip
from translator.errors import InputError
from translator.export import office
from translator.export.documents import MEDIA
from translator.server import documents
from translator.server.documents import deepl_format, libre_format, render_document

ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
UPLOADS = {
    "pdf": (b"%PDF-1.7 ...", "a.pdf"),
    "odt": (ODT, "a.odt"),
    "docx": (_word(), "a.docx"),
    "txt": ("Học máy.".encode(), "a.txt"),
    "md": ("# Học máy".encode(), "a.md"),
    "html": (b"<html><body><p>x</p></body></html>", "a.html"),
}


@pytest.fixture(params=[True, False], ids=["libreoffice", "no-libreoffice"])
def libreoffice(request, monkeypatch) -> bool:
    monkeypatch.setattr(office, "find_soffice", lambda: "/usr/bin/soffice" if request.param else None)
    return request.param


def test_a_libretranslate_file_comes_back_in_its_format_or_as_word(libreoffice: bool):
    own = {kind: kind for kind in UPLOADS}
    expected = own if libreoffice else {**own, "pdf": "docx", "odt": "docx"}
    assert {kind: libre_format(*upload) for kind, upload in UPLOADS.items()} == expected


def test_a_deepl_document_comes_back_as_asked_or_in_its_format(libreoffice: bool):
    """DeepL refuses at upload what it could not write (a PDF or ODT without LibreOffice, unless asked otherwise)."""
    writable = {"pdf", "odt"} if libreoffice else set()
    for kind, upload in UPLOADS.items():
        assert deepl_format(*upload, "TXT") == "txt", kind
        if kind in ("pdf", "odt") and not writable:
            with pytest.raises(InputError) as refused:
                deepl_format(*upload)
            assert str(refused.value) == (
                f"Invalid file data: this server cannot write {kind} documents without LibreOffice (soffice); "
                "ask for output_format=docx"
            )
        else:
            assert deepl_format(*upload) == kind
        if writable:
            assert deepl_format(*upload, ".pdf") == "pdf", kind


@pytest.mark.parametrize("fmt", ["pdf", "odt", "docx", "txt", "md"])
def test_a_pdf_or_odt_is_written_once_per_job_the_others_each_time(monkeypatch, fmt: str):
    """LibreOffice takes seconds: a client asking twice gets the same file without a second conversion."""
    written: list[str] = []

    def write(doc, kind, pages) -> bytes:
        written.append(kind)
        return f"{kind} {len(written)}".encode()

    monkeypatch.setattr(documents, "write_document", write)
    job = SimpleNamespace(doc=object(), pages=object(), rendered={}, data=b"", glossary_id=None)
    answers = [asyncio.run(render_document(job, None, fmt)) for _ in range(2)]
    kept = fmt in ("pdf", "odt")
    again = f"{fmt} 1" if kept else f"{fmt} 2"
    assert answers == [(f"{fmt} 1".encode(), MEDIA[fmt]), (again.encode(), MEDIA[fmt])]
    assert (written, job.rendered) == ([fmt] if kept else [fmt, fmt], {fmt: f"{fmt} 1".encode()} if kept else {})
