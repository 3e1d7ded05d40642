"""The Word reports rendered by a real word processor (LibreOffice), read back with pdftotext."""

import shutil
import subprocess

import pytest

from tests.conftest import SOFFICE, libreoffice
from translator.document import Block, BlockKind, Document, Sentence
from translator.export import render

pytestmark = pytest.mark.skipif(not (SOFFICE and shutil.which("pdftotext")), reason="LibreOffice or poppler absent")


def _long_doc() -> Document:
    rows = [
        Sentence(
            f"Thách thức địa chính trị số {i}: cuộc đua trí tuệ nhân tạo giữa các siêu cường.",
            f"Geopolitical challenge number {i}: the artificial intelligence race.",
        )
        for i in range(90)
    ]
    return Document(
        blocks=[
            Block(BlockKind.TITLE, "Thách thức", [Sentence("Thách thức", "Challenges")]),
            Block(BlockKind.PARAGRAPH, "x", rows),
        ],
        meta={"source_file": "a.txt"},
    )


def _pdf_text(data: bytes, tmp_path, name: str) -> list[str]:
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    pdf = libreoffice(source, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


@pytest.mark.parametrize("fmt", ["docx", "docx-review"])
def test_diacritics_survive_and_the_header_repeats_on_every_page(fmt, tmp_path):
    pages = [p for p in _pdf_text(render(_long_doc(), fmt), tmp_path, fmt) if p.strip()]
    assert len(pages) >= 2
    text = "\n".join(pages)
    assert "Thách thức" in text and "địa chính trị" in text and "siêu cường" in text
    assert all("Tiếng Việt" in page for page in pages), "the table header did not repeat"
    assert "page 1 of" in pages[0]


def test_english_report_renders(tmp_path):
    pages = _pdf_text(render(_long_doc(), "docx-en"), tmp_path, "en")
    text = " ".join("\n".join(pages).split())
    assert "Geopolitical challenge number 89" in text and "Challenges" in text
