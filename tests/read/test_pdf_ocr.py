"""translator.read.pdf_ocr: what OCR needs, said so that a person can install it."""

import sys
import types

from translator.read import pdf_ocr


def _tesseract(monkeypatch, languages):
    fake = types.ModuleType("pytesseract")
    fake.TesseractNotFoundError = type("TesseractNotFoundError", (OSError,), {})
    fake.get_languages = lambda config="": languages
    monkeypatch.setitem(sys.modules, "pytesseract", fake)


def test_tesseract_without_vietnamese_names_the_package_to_install(monkeypatch):
    _tesseract(monkeypatch, ["eng", "osd"])
    assert pdf_ocr.missing() == "install the system package tesseract-ocr-vie (Tesseract's Vietnamese)"


def test_tesseract_with_vietnamese_needs_nothing(monkeypatch):
    _tesseract(monkeypatch, ["eng", "vie"])
    assert pdf_ocr.missing() is None


_OCR_TEXT = "Trí tuệ nhân tạo phát tri-\nển nhanh.\n\nHọc máy.\n"  # as Tesseract gives a page


def test_a_scanned_page_reaches_tesseract_at_300_dpi(monkeypatch):
    """Tesseract reads body text best at 300 dpi: a page 10 inches square is 3000 pixels square."""
    import io

    import pypdfium2

    seen = []
    _tesseract(monkeypatch, ["vie"])
    sys.modules["pytesseract"].image_to_string = lambda image, lang: seen.append((image.size, lang)) or _OCR_TEXT
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(720, 720)
    buffer = io.BytesIO()
    pdf.save(buffer)
    pdf.close()
    blocks = pdf_ocr.read_page(buffer.getvalue(), 0)
    assert seen == [((3000, 3000), "vie")]
    assert [b.text for b in blocks] == ["Trí tuệ nhân tạo phát triển nhanh.", "Học máy."]  # hyphen, line joined
