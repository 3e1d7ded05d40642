"""DeepL's documents through the real client: each comes back in its own format (or ``output_format``'s),
checked by content; the English side shows in the shipped glossary's term (the copy model's English is its
Vietnamese with the terms put in: structure, never meaning)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import httpx
import pytest

deepl = pytest.importorskip("deepl")
needs_libreoffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed"
)

SENTENCE = "Học máy đang thay đổi cách các tòa soạn làm việc."
TERM = "machine learning"  # the shipped glossary's English for "Học máy"


@pytest.fixture
def translator(served):
    client = deepl.Translator("any-key", server_url=served.url)
    yield client
    client.close()


def _word(paragraph: str) -> bytes:
    from docx import Document as Word

    word = Word()
    word.add_heading("Tòa soạn", level=1)
    word.add_paragraph(paragraph)
    data = io.BytesIO()
    word.save(data)
    return data.getvalue()


def _translated(translator, data: bytes, name: str, **kw) -> bytes:
    out = io.BytesIO()
    translator.translate_document(io.BytesIO(data), out, target_lang="EN-US", filename=name, **kw)
    return out.getvalue()


def _word_text(data: bytes) -> str:
    from docx import Document as Word

    return "\n".join(p.text for p in Word(io.BytesIO(data)).paragraphs)


def test_word_comes_back_as_word(translator):
    english = _translated(translator, _word(SENTENCE), "bai.docx")
    assert english.startswith(b"PK") and "word/document.xml" in zipfile.ZipFile(io.BytesIO(english)).namelist()
    assert TERM in _word_text(english)


def test_text_comes_back_as_text_and_markdown_as_markdown(translator, tmp_path: Path):
    source = tmp_path / "bai.txt"
    source.write_text(f"{SENTENCE}\n\nBiên tập viên vẫn đọc lại từng câu.\n", encoding="utf-8")
    out = tmp_path / "bai.en.txt"
    translator.translate_document_from_filepath(source, out, target_lang="EN-GB")
    text = out.read_text(encoding="utf-8")
    assert TERM in text and len(text.strip().split("\n\n")) == 2 and "|" not in text  # plain paragraphs, no table
    markdown = tmp_path / "bai.md"
    markdown.write_text(f"# Tòa soạn\n\n{SENTENCE}\n", encoding="utf-8")
    translator.translate_document_from_filepath(markdown, tmp_path / "bai.en.md", target_lang="EN-US")
    assert TERM in (tmp_path / "bai.en.md").read_text(encoding="utf-8")


def test_html_comes_back_as_the_same_page_in_english(translator):
    import lxml.html

    page = (
        "<!DOCTYPE html><html><head><title>Học máy</title></head><body>"
        f"<h1>Tòa soạn</h1><ul><li>{SENTENCE}</li></ul><script>alert(1)</script></body></html>"
    )
    english = _translated(translator, page.encode("utf-8"), "bai.html")
    root = lxml.html.document_fromstring(english)
    assert root.find(".//title").text == TERM
    assert [li.text_content() for li in root.iter("li")] and TERM in root.find(".//li").text_content()
    assert root.find(".//h1") is not None and root.find(".//script") is None


@pytest.fixture
def no_libreoffice(monkeypatch):
    from translator.export import office

    monkeypatch.setattr(office, "find_soffice", lambda: None)


def _pdf(tmp_path) -> bytes:
    pytest.importorskip("reportlab")
    from tests.read.test_pdf import draw

    return draw(tmp_path / "a.pdf", [[(72, 100, SENTENCE, 12)]]).read_bytes()


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages)


def test_without_libreoffice_pdf_and_odt_need_an_output_format_this_server_writes(translator, tmp_path, no_libreoffice):
    from tests.read.test_odt import _odt

    odt = _odt(f"<text:p>{SENTENCE}</text:p>")
    with pytest.raises(deepl.DeepLException, match="cannot write odt documents without LibreOffice"):
        _translated(translator, odt, "bai.odt")
    assert TERM in _word_text(_translated(translator, odt, "bai.odt", output_format="docx"))
    with pytest.raises(deepl.DeepLException, match="output_format pdf is not supported"):
        _translated(translator, _word(SENTENCE), "bai.docx", output_format="pdf")
    pdf = _pdf(tmp_path)
    with pytest.raises(deepl.DeepLException, match="cannot write pdf documents without LibreOffice"):
        _translated(translator, pdf, "bai.pdf")
    assert TERM in _word_text(_translated(translator, pdf, "bai.pdf", output_format="docx"))
    assert TERM in _translated(translator, pdf, "bai.pdf", output_format="txt").decode("utf-8")


@needs_libreoffice
def test_with_libreoffice_a_pdf_comes_back_as_a_pdf_and_odt_as_odt(translator, tmp_path):
    from tests.read.test_odt import _odt

    english = _translated(translator, _pdf(tmp_path), "bai.pdf")
    assert english.startswith(b"%PDF-") and TERM in _pdf_text(english)
    odt = _translated(translator, _odt(f"<text:p>{SENTENCE}</text:p>"), "bai.odt")
    with zipfile.ZipFile(io.BytesIO(odt)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        assert TERM in archive.read("content.xml").decode("utf-8")
    asked = _translated(translator, _word(SENTENCE), "bai.docx", output_format="pdf")
    assert asked.startswith(b"%PDF-") and TERM in _pdf_text(asked)


def test_a_failed_documents_result_answers_its_error(served, translator, tmp_path: Path):
    """DeepL's client reads a failure from the status (and shows no message of a refused download:
    it streams), so the result is asked as any client asks it: the same one line, as a 400."""
    from tests.test_pipeline import _damaged_docx

    damaged = _damaged_docx(tmp_path / "cut.docx").read_bytes()  # a Word file, found out only as it is read
    handle = translator.translate_document_upload(damaged, target_lang="EN-US", filename="cut.docx")
    status = translator.translate_document_wait_until_done(handle)
    assert not status.ok and "cut.docx: a damaged Word document" in status.error_message
    result = httpx.post(
        f"{served.url}/v2/document/{handle.document_id}/result", data={"document_key": handle.document_key}
    )
    assert result.status_code == 400 and result.json()["message"] == status.error_message
