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
