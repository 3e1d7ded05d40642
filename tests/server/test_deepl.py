"""The DeepL API, through the real client (the ``deepl`` package pointed at the server)."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import httpx
import pytest

deepl = pytest.importorskip("deepl")

from tests.conftest import EXAMPLE  # noqa: E402


@pytest.fixture
def translator(served):
    client = deepl.Translator("any-key", server_url=served.url)
    yield client
    client.close()


def test_translate_text_with_the_shipped_glossary_enforced(translator):
    one = translator.translate_text("Học máy là gì?", target_lang="EN-US")
    assert "machine learning" in one.text
    assert one.detected_source_lang == "VI"
    many = translator.translate_text(["Nhà Trắng", "Lầu Năm Góc"], source_lang="VI", target_lang="EN-GB")
    assert [r.text for r in many] == ["the White House", "the Pentagon"]


def test_tag_handling_html_keeps_inline_markup(translator):
    html = '<p>Đọc <a href="https://vnexpress.net/a">bài <b>này</b></a> và <em>bình luận</em>.</p><p>Hai <br>dòng</p>'
    result = translator.translate_text(html, source_lang="VI", target_lang="EN-GB", tag_handling="html")
    assert result.text == html.replace("<br>", "<br> ").replace(" <br>", "<br>")


def test_repeated_form_fields_and_json_arrays(served):
    form = httpx.post(f"{served.url}/v2/translate", data={"text": ["Học máy", "Học sâu"], "target_lang": "EN"})
    assert [t["text"] for t in form.json()["translations"]] == ["machine learning", "deep learning"]
    bad = httpx.post(f"{served.url}/v2/translate", json={"text": ["Học máy"], "target_lang": "DE"})
    assert bad.status_code == 400 and "target_lang" in bad.json()["message"]
    missing = httpx.post(f"{served.url}/v2/translate", json={"target_lang": "EN"})
    assert missing.status_code == 400 and "'text'" in missing.json()["message"]


def test_glossaries_are_created_listed_read_used_and_deleted(translator, served):
    before = {g.glossary_id for g in translator.list_glossaries()}  # other tests' (the server is shared)
    glossary = translator.create_glossary("newsroom", "VI", "EN-US", {"con mèo": "the cat", "ngủ trưa": "naps"})
    assert glossary.entry_count == 2 and glossary.ready
    assert {g.glossary_id for g in translator.list_glossaries()} == before | {glossary.glossary_id}
    assert translator.get_glossary(glossary.glossary_id).name == "newsroom"
    assert translator.get_glossary_entries(glossary) == {"con mèo": "the cat", "ngủ trưa": "naps"}
    stored = served.data / "deepl" / f"{glossary.glossary_id}.tsv"
    assert stored.read_text(encoding="utf-8").startswith("vi\ten")  # a vietrans glossary
    result = translator.translate_text("Con mèo ngủ trưa.", source_lang="VI", target_lang="EN-US", glossary=glossary)
    assert result.text == "the cat naps."
    translator.delete_glossary(glossary)
    assert {g.glossary_id for g in translator.list_glossaries()} == before
    with pytest.raises(deepl.GlossaryNotFoundException):
        translator.get_glossary(glossary.glossary_id)


def test_a_glossary_that_lost_its_info_file_is_still_deleted(translator, served):
    glossary = translator.create_glossary("half", "VI", "EN-US", {"con mèo": "the cat"})
    stored = served.data / "deepl" / f"{glossary.glossary_id}.tsv"
    stored.with_suffix(".json").unlink()  # as a crash between the two files would leave it
    translator.delete_glossary(glossary.glossary_id)
    assert not stored.exists()


def test_glossary_from_csv_and_bad_entries(translator):
    glossary = translator.create_glossary_from_csv("csv", "VI", "EN-US", "con chó,the dog\n")
    assert translator.get_glossary_entries(glossary) == {"con chó": "the dog"}
    with pytest.raises(deepl.DeepLException, match="Invalid glossary entries"):
        translator.create_glossary_from_csv("bad", "VI", "EN-US", "con chó\n")
    with pytest.raises(deepl.DeepLException, match="glossary"):
        translator.translate_text("x", source_lang="VI", target_lang="EN-US", glossary="not-an-id")


def test_documents_text_and_word(translator, tmp_path: Path):
    out = tmp_path / "chip.md"
    translator.translate_document_from_filepath(EXAMPLE, out, target_lang="EN-GB")
    assert "the United States" in out.read_text(encoding="utf-8")  # the shipped glossary's "Mỹ"
    from docx import Document as Word

    word = Word()
    word.add_paragraph("Học máy đang thay đổi ngành báo chí.")
    data = io.BytesIO()
    word.save(data)
    english = io.BytesIO()
    translator.translate_document(io.BytesIO(data.getvalue()), english, target_lang="EN-US", filename="bai.docx")
    text = "\n".join(p.text for p in Word(io.BytesIO(english.getvalue())).paragraphs)
    assert "machine learning" in text


def test_document_status_needs_its_key(served, translator):
    handle = translator.translate_document_upload(b"H\xe1\xbb\x8dc m\xc3\xa1y.", target_lang="EN-US", filename="a.txt")
    wrong = httpx.post(f"{served.url}/v2/document/{handle.document_id}", data={"document_key": "0" * 32})
    assert wrong.status_code == 403
    status = translator.translate_document_wait_until_done(handle)
    assert status.done


def test_usage_and_languages(translator):
    """Usage counts the source characters this server translated, adding up over requests (the test
    translates its own: it must not rely on the tests before it, nor on their order)."""
    before = translator.get_usage().character.count
    translator.translate_text("Một câu mới về học máy.", source_lang="VI", target_lang="EN-US")
    translator.translate_text(["Học sâu.", "Nhà Trắng"], source_lang="VI", target_lang="EN-US")
    count = before + len("Một câu mới về học máy.") + len("Học sâu.") + len("Nhà Trắng")
    assert str(translator.get_usage()) == f"Usage this billing period:\nCharacters: {count} of {10**15}"
    assert [lang.code for lang in translator.get_source_languages()] == ["VI"]
    assert {lang.code for lang in translator.get_target_languages()} == {"EN-GB", "EN-US"}


def test_languages_are_the_documents_deepl_answers(served):
    """Whole documents, shaped as DeepL's own /v2/languages (clients read `supports_formality` of targets)."""
    source = httpx.get(f"{served.url}/v2/languages")
    assert source.json() == [{"language": "VI", "name": "Vietnamese"}]
    targets = [
        {"language": "EN-GB", "name": "English (British)", "supports_formality": False},
        {"language": "EN-US", "name": "English (American)", "supports_formality": False},
    ]
    for asked in ({"params": {"type": "target"}}, {"params": {"type": "TARGET"}}, {"data": {"type": "target"}}):
        method = "post" if "data" in asked else "get"
        assert getattr(httpx, method)(f"{served.url}/v2/languages", **asked).json() == targets, asked


def test_glossary_language_pairs_are_vietnamese_to_english_alone(translator, served):
    """The one pair a glossary of this server can have, as DeepL's client reads it and as the whole
    document DeepL answers (lower-case codes, under `supported_languages`)."""
    assert [(p.source_lang, p.target_lang) for p in translator.get_glossary_languages()] == [("vi", "en")]
    answer = httpx.get(f"{served.url}/v2/glossary-language-pairs")
    pairs = {"supported_languages": [{"source_lang": "vi", "target_lang": "en"}]}
    assert (answer.status_code, answer.json()) == (200, pairs)


def test_each_deepl_refusal_is_its_status_with_its_one_line(served):
    """What a DeepL client shows its user (the `message` field), word for word, with the status it branches on."""
    glossary = {"name": "g", "source_lang": "VI", "target_lang": "EN"}
    for method, path, request, status, message in [
        ("post", "/v2/translate", {"json": {"target_lang": "EN"}}, 400, "Parameter 'text' not specified."),
        ("post", "/v2/translate", {"json": {"text": ["x"]}}, 400, "Parameter 'target_lang' not specified."),
        ("post", "/v2/translate", {"json": {"text": ["x"], "target_lang": "DE"}}, 400,
         "Value for 'target_lang' not supported (EN, EN-US or EN-GB)."),
        ("post", "/v2/translate", {"json": {"text": ["x"], "target_lang": "EN", "source_lang": "FR"}}, 400,
         "Value for 'source_lang' not supported (this server translates Vietnamese, VI)."),
        ("post", "/v2/translate", {"json": {"text": ["x"], "target_lang": "EN", "glossary_id": "nope"}}, 400,
         "Invalid glossary_id: no such glossary"),
        ("post", "/v2/glossaries", {"data": {**glossary, "name": " "}}, 400, "Parameter 'name' not specified."),
        ("post", "/v2/glossaries", {"data": {**glossary, "target_lang": "DE", "entries": "a\tb"}}, 400,
         "Unsupported glossary language pair: this server has vi → en glossaries only."),
        ("post", "/v2/glossaries", {"data": glossary}, 400, "Parameter 'entries' not specified."),
        ("post", "/v2/glossaries", {"data": {**glossary, "entries": "a\tb", "entries_format": "xlsx"}}, 400,
         "Invalid glossary entries: entries_format must be tsv or csv, not 'xlsx'"),
        ("post", "/v2/glossaries", {"data": {**glossary, "entries": "con chó\n", "entries_format": "csv"}}, 400,
         "Invalid glossary entries: entries:1: one column; a glossary row needs a Vietnamese and an English term"),
        ("get", "/v2/glossaries/nope", {}, 404, "Glossary not found"),
        ("get", "/v2/glossaries/nope/entries", {}, 404, "Glossary not found"),
        ("post", "/v2/document/nope", {"data": {"document_key": "k"}}, 404, "Document not found"),
    ]:  # fmt: skip
        answer = getattr(httpx, method)(f"{served.url}{path}", **request)
        assert (answer.status_code, answer.json()) == (status, {"error": message, "message": message}), path


def test_translate_answers_every_text_whole_in_deepls_document(served):
    """Each text's English with what DeepL's clients read beside it (the language, the characters
    billed); the languages are read in any case, the markup of ``tag_handling`` html or xml kept."""
    answer = httpx.post(
        f"{served.url}/v2/translate",
        data={"text": ["Học máy", "Học sâu là gì?"], "source_lang": "vi", "target_lang": "en-gb"},
    )
    assert (answer.status_code, answer.json()) == (
        200,
        {
            "translations": [
                {"detected_source_language": "VI", "text": "machine learning", "billed_characters": 7},
                {"detected_source_language": "VI", "text": "deep learning là gì?", "billed_characters": 14},
            ]
        },
    )
    for tags in ("html", "XML"):
        marked = httpx.post(
            f"{served.url}/v2/translate",
            json={"text": ["<p><b>Học máy</b></p>"], "target_lang": "EN", "tag_handling": tags},
        )
        assert marked.json()["translations"] == [
            {"detected_source_language": "VI", "text": "<p><b>machine learning</b></p>", "billed_characters": 21}
        ], tags


def test_usage_is_the_servers_count_under_no_limit(served):
    for method in ("get", "post"):
        answer = getattr(httpx, method)(f"{served.url}/v2/usage")
        expected = {"character_count": served.service.characters, "character_limit": 10**15}
        assert (answer.status_code, answer.json()) == (200, expected), method


def test_a_glossary_over_the_wire_is_deepls_documents(served):
    """What a client without the ``deepl`` package reads: the whole info (201 once made), DeepL's TSV
    with its media type, 204 once deleted, then 404 for it and for any part but ``entries``."""
    made = httpx.post(
        f"{served.url}/v2/glossaries",
        data={"name": "wire", "source_lang": "vi", "target_lang": "en-gb", "entries": "con mèo\tthe cat"},
    )
    info = made.json()
    glossary_id, created = info.pop("glossary_id"), info.pop("creation_time")
    expected = {"name": "wire", "ready": True, "source_lang": "vi", "target_lang": "en", "entry_count": 1}
    assert (made.status_code, info) == (201, expected)
    whole = {"glossary_id": glossary_id, "creation_time": created, **expected}
    url = f"{served.url}/v2/glossaries/{glossary_id}"
    assert httpx.get(url).json() == whole
    assert httpx.get(f"{served.url}/v2/glossaries").json()["glossaries"].count(whole) == 1
    entries = httpx.get(f"{url}/entries")
    media = "text/tab-separated-values; charset=utf-8"
    assert (entries.status_code, entries.headers["content-type"], entries.text) == (200, media, "con mèo\tthe cat\n")
    not_found = _refusal("Glossary not found")
    other = httpx.get(f"{url}/info")
    assert (other.status_code, other.json()) == (404, not_found)
    deleted = httpx.delete(url)
    assert (deleted.status_code, deleted.content) == (204, b"")
    for path in (url, f"{url}/entries"):
        gone = httpx.get(path)
        assert (gone.status_code, gone.json()) == (404, not_found), path
    assert (httpx.delete(url).status_code, httpx.delete(url).json()) == (404, not_found)


def _word_text(data: bytes) -> str:
    from docx import Document as Word

    return "".join(f"{p.text}\n" for p in Word(io.BytesIO(data)).paragraphs)


def _ask(served, handle: dict, part: str = "") -> httpx.Response:
    """A document's status (or with ``part`` "/result" its result), asked with its key."""
    url = f"{served.url}/v2/document/{handle['document_id']}{part}"
    return httpx.post(url, data={"document_key": handle["document_key"]})


def _refusal(line: str) -> dict:
    return {"error": line, "message": line}


WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(
    ("asked", "name", "media"), [("", "tin_ai.txt", "text/plain; charset=utf-8"), ("docx", "tin_ai.docx", WORD)]
)
def test_a_documents_status_and_result_for_each_state_it_can_be_in(served, asked: str, name: str, media: str):
    """The whole status document DeepL's clients poll (done: the characters billed; waiting: a second
    to wait; failed or interrupted by a restart: an error and its line), and the result: the file,
    named from the upload, or the status's refusal."""
    from translator.server.jobs import DONE, INTERRUPTED, QUEUED

    upload = httpx.post(
        f"{served.url}/v2/document",
        data={"target_lang": "EN-US", **({"output_format": asked} if asked else {})},
        files={"file": ("tin ai!.txt", "Học máy.".encode())},
    )
    handle = upload.json()
    assert sorted(handle) == ["document_id", "document_key"] and re.fullmatch("[0-9a-f]{32}", handle["document_key"])
    for _ in range(400):
        if _ask(served, handle).json()["status"] == DONE:
            break
        time.sleep(0.05)
    done = {"document_id": handle["document_id"], "status": "done", "billed_characters": 8}
    assert _ask(served, handle).json() == done
    result = _ask(served, handle, "/result")
    job = served.app.state.jobs.get(handle["document_id"])
    if asked:  # the library's Word document of the job (it is dated and signed)
        from translator.export.documents import write_document

        english, expected = _word_text(result.content), _word_text(write_document(job.doc, "docx", job.pages))
    else:
        english, expected = result.text, "machine learning.\n"
    assert (result.status_code, result.headers["content-type"], english) == (200, media, expected)
    assert result.headers["content-disposition"] == f'attachment; filename="{name}"'
    try:
        job.status = QUEUED
        assert _ask(served, handle).json() == {"document_id": job.id, "status": "queued", "seconds_remaining": 1}
        waiting = _ask(served, handle, "/result")
        assert (waiting.status_code, waiting.json()) == (503, _refusal("Document not ready"))
        job.status, job.error = INTERRUPTED, "interrupted by a restart of the server"
        line = "interrupted by a restart of the server"
        assert _ask(served, handle).json() == {"document_id": job.id, "status": "error", "error_message": line}
        failed = _ask(served, handle, "/result")
        assert (failed.status_code, failed.json()) == (400, _refusal(line))
    finally:
        job.status, job.error = DONE, ""


def test_a_document_is_only_its_keys(served):
    """Another key (or none) is refused whole, as an id that is no document is."""
    handle = httpx.post(
        f"{served.url}/v2/document", data={"target_lang": "EN"}, files={"file": ("a.txt", "Học máy.".encode())}
    ).json()
    wrong = _refusal("Wrong document_key for this document")
    for key in ("0" * 32, "", handle["document_key"][:-1]):
        for path in (f"/v2/document/{handle['document_id']}", f"/v2/document/{handle['document_id']}/result"):
            answer = httpx.post(f"{served.url}{path}", data={"document_key": key})
            assert (answer.status_code, answer.json()) == (403, wrong), (key, path)
