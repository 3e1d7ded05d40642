"""LibreTranslate's ``/translate_file`` answers in the uploaded format, as LibreTranslate does: each
download checked by its content, not its name.  (libretranslatepy has no file call, so the upload is
posted as LibreTranslate's own web page posts it: multipart ``file``, ``source``, ``target``.)"""

from __future__ import annotations

import io
import zipfile

import httpx

from tests.server.test_deepl_documents import SENTENCE, TERM, _pdf, _pdf_text, _word, _word_text, needs_libreoffice


def _translate_file(url: str, data: bytes, name: str) -> httpx.Response:
    answer = httpx.post(
        f"{url}/translate_file", data={"source": "auto", "target": "en"}, files={"file": (name, data)}, timeout=240
    )
    assert answer.status_code == 200, answer.text
    link = answer.json()["translatedFileUrl"]
    assert link.startswith(f"{url}/download_file/")
    english = httpx.get(link, timeout=240)
    assert english.status_code == 200
    return english


def test_text_markdown_html_and_word_come_back_as_they_went(served):
    text = _translate_file(served.url, f"{SENTENCE}\n\nBiên tập viên đọc lại.\n".encode(), "bai.txt")
    assert text.headers["content-type"].startswith("text/plain")
    assert TERM in text.text and "|" not in text.text and len(text.text.strip().split("\n\n")) == 2
    markdown = _translate_file(served.url, f"# Tòa soạn\n\n{SENTENCE}\n".encode(), "bai.md")
    assert markdown.text.startswith("# ") and TERM in markdown.text
    page = f"<!DOCTYPE html><html><head><title>Tòa soạn</title></head><body><p>{SENTENCE}</p></body></html>"
    html = _translate_file(served.url, page.encode(), "bai.html")
    assert html.content.lower().startswith(b"<!doctype html>") and f"<p>{TERM}" in html.text.replace("M", "m")
    word = _translate_file(served.url, _word(SENTENCE), "bai.docx")
    assert word.content.startswith(b"PK") and TERM in _word_text(word.content)
    assert word.headers["content-disposition"].endswith('bai.en.docx"')


@needs_libreoffice
def test_pdf_and_odt_come_back_as_pdf_and_odt_rendered_once(served, tmp_path, monkeypatch):
    """LibreOffice takes seconds: the PDF or ODT a job rendered is kept with it, so its link downloads the
    same file again without LibreOffice (here gone after the first render, to show it is not run again)."""
    from tests.read.test_odt import _odt
    from translator.export import office

    pdf = _translate_file(served.url, _pdf(tmp_path), "bai.pdf")
    assert pdf.content.startswith(b"%PDF-") and TERM in _pdf_text(pdf.content)
    assert pdf.headers["content-type"] == "application/pdf"
    odt = _translate_file(served.url, _odt(f"<text:p>{SENTENCE}</text:p>"), "bai.odt")
    with zipfile.ZipFile(io.BytesIO(odt.content)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert TERM in archive.read("content.xml").decode("utf-8")
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    for first in (pdf, odt):
        again = httpx.get(first.url, timeout=240)
        assert (again.status_code, again.content) == (200, first.content)


def test_without_libreoffice_a_pdf_comes_back_as_english_word(served, tmp_path, monkeypatch):
    from translator.export import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)
    word = _translate_file(served.url, _pdf(tmp_path), "bai.pdf")
    assert word.content.startswith(b"PK") and TERM in _word_text(word.content)
    assert word.headers["content-disposition"].endswith('bai.en.docx"')


def test_an_unreadable_upload_is_refused_as_libretranslate_refuses(served):
    """Refused when posted; one that failed as it was read (a broken PDF) is also refused at its download
    link (which a client may guess), 404 with the same reason."""
    answer = httpx.post(
        f"{served.url}/translate_file", data={"source": "vi", "target": "en"}, files={"file": ("x.bin", b"\x00\x01")}
    )
    assert answer.status_code == 400 and "binary" in answer.json()["error"]
    answer = httpx.post(
        f"{served.url}/translate_file", data={"source": "vi", "target": "en"}, files={"file": ("x.pdf", b"%PDF-1.4 x")}
    )
    assert answer.status_code == 400, answer.text
    job = next(job for job in served.app.state.jobs.all() if job.name == "x.pdf")
    assert answer.json()["error"] == job.error
    download = httpx.get(f"{served.url}/download_file/{job.id}/x.en.txt")
    assert (download.status_code, download.json()) == (404, answer.json())
