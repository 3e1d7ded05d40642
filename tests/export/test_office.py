"""LibreOffice as a converter: what is refused, and why, in one line."""

from __future__ import annotations

import pytest

from translator.errors import OutputError
from translator.export import office


def test_a_conversion_it_does_not_offer_is_refused_naming_those_it_does():
    with pytest.raises(OutputError) as refused:
        office.convert(b"", ".docx", "rtf")
    assert str(refused.value) == "LibreOffice conversion to rtf is not offered (only pdf, odt)"


def test_without_libreoffice_a_pdf_is_refused_saying_what_is_missing(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(OutputError) as refused:
        office.convert(b"", ".docx", "pdf")
    assert str(refused.value) == "writing pdf needs LibreOffice (soffice), which is not installed"
