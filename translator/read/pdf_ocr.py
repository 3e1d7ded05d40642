"""OCR for PDF pages without a text layer (scans): Tesseract's Vietnamese model through pytesseract.

Optional: ``pip install 'vietrans[ocr]'`` and the system packages ``tesseract-ocr`` and
``tesseract-ocr-vie``.  The page is rendered with pypdfium2 (pdfplumber's own renderer).
"""

from __future__ import annotations

import regex as re

from translator.document import Block

_DPI = 300  # Tesseract reads body text best at 300 dpi
_INSTALL = "install pip install 'vietrans[ocr]' and the system packages tesseract-ocr tesseract-ocr-vie"


def missing() -> str | None:
    """What to install for OCR, or ``None`` when it can run."""
    try:
        import pytesseract
    except ImportError:
        return _INSTALL
    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractNotFoundError, OSError):
        return _INSTALL
    return None if "vie" in languages else "install the system package tesseract-ocr-vie (Tesseract's Vietnamese)"


def read_page(data: bytes, index: int) -> list[Block]:
    """Page ``index`` (from 0) of a PDF, OCR'd into blocks: paragraphs where Tesseract leaves a blank
    line, hard-wrapped lines joined, words hyphenated at a line end whole again."""
    import pypdfium2
    import pytesseract

    from translator.read.text import parse_blocks

    pdf = pypdfium2.PdfDocument(data)
    try:
        image = pdf[index].render(scale=_DPI / 72).to_pil()
    finally:
        pdf.close()
    text = pytesseract.image_to_string(image, lang="vie")
    text = re.sub(r"(\p{L})-\n(\p{Ll})", r"\1\2", text)
    return parse_blocks(text)
