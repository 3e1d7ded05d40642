"""What the server reads an upload as: its bytes decide (the name only tells Markdown from text)."""

import io
import zipfile

import docx
import pytest

from translator.errors import InputError
from translator.server.service import sniff


def _zip(files: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return data.getvalue()


def _word() -> bytes:
    data = io.BytesIO()
    docx.Document().save(data)
    return data.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7 ...", "upload", ".pdf"),
        (_word(), "upload.bin", ".docx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "upload", ".odt"),
        *[
            (start + b" ...", "notes.txt", ".html")
            for start in (b"<!DOCTYPE html>", b"<html>", b"<head>", b"<body>", b"<article>", b"<p>", b"<div class=a>")
        ],
        (b"\xef\xbb\xbf \r\n\t<HTML><body>", "upload", ".html"),  # a BOM, blank lines and capitals first
        ("# Tin AI\n\nHọc máy.".encode(), "tin.md", ".md"),
        ("# Tin AI\n\nHọc máy.".encode(), "tin.MARKDOWN", ".md"),
        ("# Tin AI\n\nHọc máy.".encode(), "tin", ".txt"),
        ("Học máy.".encode("utf-16"), "tin.txt", ".txt"),  # UTF-16 text has zero bytes and is text
    ],
)
def test_an_upload_is_read_as_what_its_bytes_are(data, name, kind):
    assert sniff(data, name) == kind


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x7fELF\x02\x01\x00\x00", "a binary file; send text, Markdown, HTML, Word (.docx) or PDF"),
        (
            _zip({"a.txt": b"x"}),
            "an archive that is not a Word or OpenDocument text; send text, Markdown, HTML, Word or PDF",
        ),
        (
            b"PK\x03\x04 cut short",
            "an archive that is not a Word or OpenDocument text; send text, Markdown, HTML, Word or PDF",
        ),
        (
            _zip({"content.xml": b"<x/>"}),
            "an archive that is not a Word or OpenDocument text; send text, Markdown, HTML, Word or PDF",
        ),
    ],
)
def test_what_cannot_be_read_is_refused_in_one_line(data, message):
    with pytest.raises(InputError) as refused:
        sniff(data, "upload")
    assert str(refused.value) == message
