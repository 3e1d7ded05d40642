"""An HTML page comes back as the same page in English (what DeepL and LibreTranslate answer with): a
stand-in translator that writes each sentence in capitals shows exactly what was translated."""

from __future__ import annotations

import asyncio
import io

import pytest

from translator.document import Block, BlockKind, Document, Sentence
from translator.errors import InputError
from translator.export import ExportOptions, documents, office
from translator.export.documents import english_page
from translator.testsite import cp1258


async def _capitals(doc: Document) -> Document:
    for sentence in doc.sentences():
        sentence.translation = sentence.source.upper()
    return doc


def _english(page: str | bytes) -> tuple[str, list[str]]:
    """The English page, and the lines sent for translation as its title."""
    titles: list[str] = []

    async def title(line: str) -> str:
        titles.append(line)
        return line.upper()

    data = asyncio.run(english_page(page.encode("utf-8") if isinstance(page, str) else page, _capitals, None, title))
    return data.decode("utf-8"), titles


def test_the_title_and_all_the_body_text_come_back_in_english_markup_kept_scripts_removed():
    page = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tòa soạn</title></head><body>'
        'Chữ đầu <p id="p1">Một câu.</p> đuôi <script>x()</script><ul><li>hai</li></ul></body></html>'
    )
    english, titles = _english(page)
    assert titles == ["Tòa soạn"]
    assert english == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>TÒA SOẠN</title></head><body>'
        'CHỮ ĐẦU <p id="p1">MỘT CÂU.</p> ĐUÔI <ul><li>HAI</li></ul></body></html>'
    )


@pytest.mark.parametrize("title", ["", "<title></title>", "<title> \n </title>"])
def test_a_page_without_a_title_comes_back_without_one(title):
    """No title, or a blank one: nothing to translate there, and the body in English all the same."""
    english, titles = _english(f"<html><head>{title}</head><body><p>Một câu.</p></body></html>")
    assert titles == []
    head = f'<head><meta charset="utf-8">{title}</head>'
    assert english == f'<!DOCTYPE html>\n<html lang="en">{head}<body><p>MỘT CÂU.</p></body></html>'


@pytest.mark.parametrize("body", ["", "  \n ", "<script>x()</script>", "<!-- a note -->"])
def test_a_page_with_no_text_in_its_body_comes_back_with_an_empty_body(body):
    """Nothing to translate: nothing is written there (no stand-in text), the title still in English."""
    english, _ = _english(f"<html><head><title>Tin</title></head><body>{body}</body></html>")
    assert english == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>TIN</title></head><body></body></html>'
    )


@pytest.mark.parametrize(
    ("html", "head"),
    [
        ('<html lang="vi">', '<head><meta charset="windows-1258"></head>'),
        (
            '<html lang="vi-VN">',
            '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head>',
        ),
        ("<html>", ""),  # nothing said: a head of its own says it
    ],
)
def test_the_english_page_says_it_is_english_in_utf8(html, head):
    """Not what the Vietnamese page said of itself: a browser would read it in the wrong encoding."""
    english, _ = _english(f"{html}{head}<body><p>Một câu.</p></body></html>")
    assert (
        english
        == '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"></head><body><p>MỘT CÂU.</p></body></html>'
    )


def test_a_page_in_windows_1258_is_read_by_its_meta_and_comes_back_in_utf8():
    """A Vietnamese site's legacy encoding (letters and combining tones), named by the page itself."""
    page = (
        '<html><head><meta charset="windows-1258"><title>Tòa soạn</title></head><body><p>Một câu đẹp.</p></body></html>'
    )
    english, titles = _english(cp1258(page))
    assert titles == ["Tòa soạn"]
    assert english == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>TÒA SOẠN</title></head>'
        "<body><p>MỘT CÂU ĐẸP.</p></body></html>"
    )


@pytest.mark.parametrize(
    ("kind", "asked", "libreoffice", "answer"),
    [
        (".md", "", False, "md"),  # its own format
        (".docx", " .DOCX ", False, "docx"),  # as DeepL's clients spell it
        (".html", "htm", False, "html"),
        (".txt", "markdown", False, "md"),
        (".docx", "text", False, "txt"),
        (".pdf", "", True, "pdf"),
        (".odt", "pdf", True, "pdf"),
        (".pdf", "docx", False, "docx"),
        (
            ".md",
            "html",
            True,
            "Invalid file data: output_format html is not supported for a md document "
            "(this server writes docx, txt, md, pdf, odt)",
        ),
        (
            ".html",
            "pdf",
            False,
            "Invalid file data: output_format pdf is not supported for a html document "
            "(this server writes docx, txt, md, html)",
        ),
        (
            ".pdf",
            "",
            False,
            "Invalid file data: this server cannot write pdf documents without LibreOffice (soffice); "
            "ask for output_format=docx",
        ),
        (".rtf", "", True, "Invalid file data: this server cannot write rtf documents; ask for output_format=docx"),
    ],
)
def test_a_document_comes_back_in_the_format_asked_else_its_own_else_a_line_saying_what_can(
    monkeypatch, kind, asked, libreoffice, answer
):
    """What a DeepL client is told: the format it gets, or the one error line that names what it may ask for
    (PDF and ODT only where LibreOffice is installed)."""
    monkeypatch.setattr(office, "find_soffice", lambda: "/usr/bin/soffice" if libreoffice else None)
    if " " in answer:
        with pytest.raises(InputError) as raised:
            documents.output_format(kind, asked)
        assert str(raised.value) == answer
    else:
        assert documents.output_format(kind, asked) == answer


def test_a_text_document_comes_back_as_its_english_a_blank_line_between_blocks_and_no_other_format():
    """The txt a DeepL client downloads: each block's sentences on one line, nothing else (no title page)."""
    doc = Document(
        blocks=[
            Block(BlockKind.TITLE, "t", [Sentence("Tiêu đề", "“Title”")]),
            Block(BlockKind.PARAGRAPH, "p", [Sentence("Một.", "One."), Sentence("Hai.", "Two.")]),
        ]
    )
    assert documents.write_document(doc, "txt") == "“Title”\n\nOne. Two.\n".encode()
    with pytest.raises(InputError) as raised:
        documents.write_document(doc, "rtf")
    assert str(raised.value) == "cannot write a rtf document"


def _story() -> Document:
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Tiêu đề", [Sentence("Tiêu đề", "Title")]),
            Block(BlockKind.PARAGRAPH, "p", [Sentence("Một.", "One."), Sentence("Hai.", "Two.")]),
        ],
        meta={"source_file": "a.md"},
    )


def test_markdown_comes_back_as_the_english_markdown_report():
    assert (
        documents.write_document(_story(), "md") == "# Title\n*Tiêu đề*\n\n- **Source:** a.md\n\nOne. Two.\n".encode()
    )


@pytest.mark.parametrize("fmt", ["docx", "odt", "pdf"])
def test_word_pdf_and_odt_come_back_as_the_english_word_report_on_the_page_asked(fake_office, monkeypatch, fmt):
    """Word is the English report itself; PDF and ODT are that report as LibreOffice converts it."""
    import docx as python_docx

    from tests.export.test_docx import picture

    monkeypatch.setenv("FAKE_MODE", "ok")
    data = documents.write_document(_story(), fmt, ExportOptions("landscape"))
    asked = fake_office.read_text().split("\n")[4] if fake_office.exists() else None  # --convert-to's value
    prefix = b"converted " if fmt != "docx" else b""  # what the stand-in puts before the file it was given
    word = data.removeprefix(prefix)
    assert (data[: len(prefix)], word[:4], asked) == (prefix, b"PK\x03\x04", None if fmt == "docx" else fmt)
    section = python_docx.Document(io.BytesIO(word)).sections[0]
    assert (picture(word), section.orientation.name) == (
        [
            "[Title] Title",
            "Tiêu đề{i}",
            "Source: {b}|a.md",
            "Counts: {b}|3 sentences; 0 of 0 glossary terms enforced; 0 sentences flagged for review",
            "■ {F4B084}|Rows shaded orange need a reviewer's eye; the reason is given under the translation.{i}",
            "One. Two.",
        ],
        "LANDSCAPE",
    )


def test_the_english_page_keeps_the_meta_elements_that_say_nothing_of_the_encoding():
    english, _ = _english(
        '<html><head><meta name="author" content="Tòa soạn"><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="60"></head><body><p>Một.</p></body></html>'
    )
    assert english == (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="author" content="Tòa soạn">'
        '<meta http-equiv="refresh" content="60"></head><body><p>MỘT.</p></body></html>'
    )
