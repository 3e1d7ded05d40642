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


def test_a_service_without_its_model_answers_what_needs_none_and_refuses_the_rest(tmp_path):
    """A blank text comes back as it came (nothing counted), alignment is "none" for each pair, and
    a sentence to translate is refused in one line, not a crash deep in the engine."""
    import asyncio

    from translator.errors import ModelError
    from translator.pipeline import Options
    from translator.server.service import ServerSettings, Service

    service = Service(ServerSettings(options=Options(progress=False, download=False), data_dir=tmp_path))

    async def work() -> tuple:
        blank = await service.translate_text(" \n\n ")
        aligned = await service.align([("Học máy", "machine learning"), ("a", "b")])
        doc = await service.read("Học máy.".encode(), "a.txt", whole=True)
        try:
            await asyncio.wait_for(service.translate(doc), 10)  # no batcher runs: a wait would be forever
        except (ModelError, TimeoutError) as err:
            return blank, aligned, str(err)
        return blank, aligned, None

    try:
        assert asyncio.run(work()) == ((" \n\n ", None), [None, None], "the server has no model loaded")
        assert service.characters == 0
    finally:
        service.executor.shutdown()


def test_a_text_keeps_its_paragraphs_or_its_lines(served):
    """Paragraphs (a blank line) stay paragraphs, lines stay lines: an API's text comes back in its shape."""
    import httpx

    for text, english in [
        ("Học máy.\n\nHọc sâu.", "machine learning.\n\ndeep learning."),
        ("Học máy.\nHọc sâu.", "machine learning.\ndeep learning."),
        ("\nHọc máy.\n\n", "machine learning."),
        ("Học máy.\nHọc sâu.\n\n", "machine learning.\ndeep learning."),  # a trailing blank line is no paragraph
    ]:
        answer = httpx.post(f"{served.url}/v2/translate", json={"text": [text], "target_lang": "EN"})
        assert [t["text"] for t in answer.json()["translations"]] == [english], text


def test_the_batch_wait_setting_is_the_servers(copy_model, tmp_path):
    """``--batch-wait``: every batch waits that long for company, so one lone request takes at least that."""
    import time

    import httpx

    from tests.server.conftest import serving

    with serving(copy_model, tmp_path, batch_wait=0.8) as slow:
        began = time.monotonic()
        answer = httpx.post(f"{slow.url}/v2/translate", json={"text": ["Học máy"], "target_lang": "EN"})
        took = time.monotonic() - began
    assert (answer.json()["translations"][0]["text"], took >= 0.8) == ("machine learning", True)


@pytest.mark.parametrize("shipped", [True, False], ids=["shipped", "no-shipped-glossaries"])
def test_the_service_applies_the_shipped_glossaries_unless_told_not_to(tmp_path, shipped: bool):
    """``vietrans serve --no-shipped-glossaries``: the server applies the user's glossary alone."""
    from translator.glossary import shipped_paths
    from translator.pipeline import Options
    from translator.server.service import ServerSettings, Service

    desk = tmp_path / "desk.tsv"
    desk.write_text("vi\ten\nNhà Trắng\tthe White House\n", encoding="utf-8")
    options = Options(progress=False, download=False, glossaries=(desk,), shipped_glossaries=shipped)
    service = Service(ServerSettings(options=options, data_dir=tmp_path / "data"))
    try:
        entries = service.glossaries.search("")
    finally:
        service.executor.shutdown()
    own = {
        "vi": "Nhà Trắng", "en": "the White House", "note": "", "domain": "", "case": "", "adj": "", "match": "",
        "source": "desk.tsv", "editable": False,
    }  # fmt: skip
    files = {"desk.tsv", *(p.name for p in shipped_paths() if shipped)}
    assert ([e for e in entries if e["source"] == "desk.tsv"], {e["source"] for e in entries}) == ([own], files)
