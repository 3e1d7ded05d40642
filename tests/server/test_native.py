"""vietrans's own API: the sentence table, jobs, exports, reviews kept as `review apply` keeps them, the glossary."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.server.conftest import finished
from translator.server.jobs import Job
from translator.translate.memory import TranslationMemory

ARTICLE = (
    "Học máy thay đổi tòa soạn.\n\n"
    "Các phóng viên dùng trí tuệ nhân tạo mỗi ngày.\n\n"
    "Biên tập viên vẫn đọc lại từng câu.\n\n"
    "Độc giả chưa thấy khác biệt."
)


@pytest.fixture
def browser(served):
    with httpx.Client(base_url=served.url) as client:
        client.get("/")
        client.headers["X-CSRF-Token"] = client.cookies["vietrans_csrf"]
        yield client


def test_the_sentence_table_has_the_json_lines_fields(browser):
    table = browser.post("/api/translate", data={"text": "Trí tuệ nhân tạo là gì? Giá tăng 4,5%."}).json()
    first, second = table["rows"]
    assert set(first) >= {"source", "target", "flags", "terms", "spans", "score", "reviewed", "kind", "n", "id"}
    assert first["terms"] == [{"vi": "Trí tuệ nhân tạo", "en": "artificial intelligence (AI)", "enforced": True}]
    assert second["spans"][0]["kind"] == "percent" and second["spans"][0]["rendering"] == "4.5%"


def test_jobs_history_and_every_export_format(browser):
    started = browser.post(
        "/api/jobs",
        files=[
            ("file", ("a.txt", b"H\xe1\xbb\x8dc m\xc3\xa1y.")),
            ("file", ("b.md", "# Tiêu đề\n\nHọc sâu.".encode())),
        ],
    )
    assert started.status_code == 202
    ids = [job["id"] for job in started.json()]
    assert len(ids) == 2 and all(len(i) >= 16 for i in ids)
    job = finished(str(browser.base_url).rstrip("/"), ids[1])
    history = [j["id"] for j in browser.get("/api/jobs").json()]
    assert set(ids) <= set(history)
    for fmt in job["formats"]:
        download = browser.get(f"/api/jobs/{ids[1]}/export/{fmt}")
        assert download.status_code == 200, fmt
        assert download.headers["content-disposition"].startswith('attachment; filename="b.')
    assert browser.get(f"/api/jobs/{ids[1]}/export/pdf").status_code == 400


def test_a_review_in_the_browser_is_kept_as_review_apply_keeps_it(browser, served):
    job = finished(str(browser.base_url).rstrip("/"), browser.post("/api/jobs", data={"text": ARTICLE}).json()[0]["id"])
    rows = job["rows"]
    edits = [
        {"n": 1, "id": rows[0]["id"], "english": "Machine learning changes the newsroom.", "comment": "idiom"},
        {"n": 2, "id": rows[1]["id"], "english": rows[1]["target"], "status": "approved"},
        {"n": 3, "id": rows[2]["id"], "english": rows[2]["target"], "comment": "looks odd"},
        {"n": 4, "id": "4-000000-0000", "english": "Readers see no difference."},
        {"n": 9, "id": "9-000000-0000", "english": "No such row."},
    ]
    result = browser.post(f"/api/jobs/{job['id']}/review", json={"rows": edits}).json()
    assert (result["corrected"], result["approved"], result["stored"]) == (1, 1, 2)
    problems = " | ".join(result["problems"])
    assert "row 3: a comment but no correction or approval" in problems
    assert "row 4: its Vietnamese was edited" in problems
    assert "row 9: no such row" in problems
    with TranslationMemory(served.data.parent / "memory.sqlite3") as memory:
        human = {row[0]: row for row in memory.human_rows()}
    corrected = human["Học máy thay đổi tòa soạn."]
    assert corrected[1:4] == ("Machine learning changes the newsroom.", "corrected", "idiom")
    assert corrected[4] == rows[0]["target"]  # the machine English it replaced, as review apply keeps it
    assert human["Các phóng viên dùng trí tuệ nhân tạo mỗi ngày."][2] == "approved"
    again = finished(str(browser.base_url).rstrip("/"), job["id"])
    assert [r["reviewed"] for r in again["rows"]] == ["corrected", "approved", None, None]
    assert again["rows"][0]["target"] == "Machine learning changes the newsroom."
    libre = httpx.post(
        f"{served.url}/translate", data={"q": "Học máy thay đổi tòa soạn.", "source": "vi", "target": "en"}
    )
    assert libre.json()["translatedText"] == "Machine learning changes the newsroom."  # every API gets it


def test_the_glossary_editor_validates_as_the_cli_does_and_the_next_translation_uses_it(browser, served):
    added = browser.post("/api/glossary", json={"vi": "cà phê sữa đá|cafe sữa đá", "en": "iced milk coffee"})
    assert added.status_code == 200
    assert "iced milk coffee" in _translate(served, "Tôi uống cà phê sữa đá.")
    again = browser.post("/api/glossary", json={"vi": "cà phê sữa đá", "en": "Vietnamese iced coffee"})
    assert again.status_code == 400 and "already there" in again.json()["error"]
    assert "/" not in again.json()["error"].split(":")[0]  # the file is named, not the server's folders
    changed = browser.post(
        "/api/glossary", json={"vi": "cà phê sữa đá", "en": "Vietnamese iced coffee", "replace": "1"}
    )
    assert changed.status_code == 200
    assert "Vietnamese iced coffee" in _translate(served, "Tôi uống cà phê sữa đá.")
    bad = browser.post("/api/glossary", json={"vi": "bánh mì", "en": "bread", "case": "upper"})
    assert bad.status_code == 400 and "case must be sensitive or insensitive" in bad.json()["error"]
    tab = browser.post("/api/glossary", json={"vi": "phở bò", "en": "beef pho", "note": "a\u2028b"})
    assert tab.status_code == 400 and "a glossary line cannot hold" in tab.json()["error"]
    found = browser.get("/api/glossary", params={"q": "sữa đá"}).json()["entries"]
    assert [(e["en"], e["editable"]) for e in found] == [("Vietnamese iced coffee", True)]
    shipped = browser.get("/api/glossary", params={"q": "Nhà Trắng"}).json()["entries"]
    assert shipped[0]["editable"] is False and shipped[0]["source"] == "geopolitics.tsv"
    assert browser.post("/api/glossary/remove", json={"vi": "cà phê sữa đá"}).json() == {"removed": 1}
    assert "cà phê sữa đá" in _translate(served, "Tôi uống cà phê sữa đá.")


def test_glossary_import_and_export(browser):
    csv = "vi,en,note\nbánh chưng,square sticky rice cake,Tết\n"
    imported = browser.post("/api/glossary/import", files={"file": ("tet.csv", csv.encode())})
    assert imported.json() == {"imported": 1}
    tsv = browser.get("/api/glossary/export", params={"format": "tsv"}).text
    assert "bánh chưng\tsquare sticky rice cake\tTết" in tsv
    assert "square sticky rice cake" in browser.get("/api/glossary/export", params={"format": "tbx"}).text
    broken = browser.post("/api/glossary/import", files={"file": ("bad.csv", b"vi,en\nonly one column\n")})
    assert broken.status_code == 400 and broken.json()["error"].startswith("bad.csv:2:")


def test_a_glossary_uploaded_as_xml_is_read_as_tbx(browser):
    """Terminology tools save TBX as .xml as often as .tbx: the server reads it by its suffix either way."""
    tbx = (
        '<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="vi"><termSec><term>bánh tét</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>cylindrical sticky rice cake</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    )
    imported = browser.post("/api/glossary/import", files={"file": ("terms.xml", tbx.encode())})
    assert imported.json() == {"imported": 1}
    assert (
        "bánh tét\tcylindrical sticky rice cake" in browser.get("/api/glossary/export", params={"format": "tsv"}).text
    )


def test_each_glossary_refusal_is_400_with_its_one_line(browser):
    """What the editor shows: the file by its name (never the server's folders), the field at fault."""
    only_vi = "the form: both the Vietnamese and the English term are needed"
    formats = "format: one of tsv, csv, csv-google, csv-amazon, tbx"
    no_file = "file: a glossary file (TSV, CSV or TBX) was expected"
    one_column = "bad.csv:2: one column; a glossary row needs a Vietnamese and an English term"
    not_tbx = "t.tbx: not a TBX file (its root element is <xliff>)"
    for method, path, request, message in [
        ("post", "/api/glossary", {"json": {"vi": "phở", "en": "pho", "replace": "1"}}, None),  # the file exists
        ("post", "/api/glossary/remove", {"json": {"vi": "bún chả"}}, "glossary.tsv: no entry for 'bún chả'"),
        ("post", "/api/glossary", {"json": {"vi": "bún chả"}}, only_vi),
        ("get", "/api/glossary/export", {"params": {"format": "xlsx"}}, formats),
        ("post", "/api/glossary/import", {"data": {"format": "csv"}}, no_file),
        ("post", "/api/glossary/import", {"files": {"file": ("bad.csv", b"vi,en\nonly one column\n")}}, one_column),
        ("post", "/api/glossary/import", {"files": {"file": ("t.tbx", b"<xliff/>")}}, not_tbx),
    ]:  # fmt: skip
        answer = getattr(browser, method)(path, **request)
        if message is None:
            assert answer.status_code == 200, answer.text
            continue
        assert (answer.status_code, answer.json()) == (400, {"error": message, "message": message}), path


def _translate(served, text: str) -> str:
    return httpx.post(f"{served.url}/translate", data={"q": text, "source": "vi", "target": "en"}).json()[
        "translatedText"
    ]


def test_repeats_come_from_the_memory_and_the_event_loop_never_waits_for_the_engine(served, monkeypatch):
    import threading

    engine = served.service.translator.engine
    real = engine.translate
    decoded: list[str] = []
    gate = threading.Event()
    gate.set()

    def counting(sources, *args, **kwargs):  # a spy on the real engine: what reaches the model
        gate.wait(20)
        decoded.extend(str(s) for s in sources)
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(engine, "translate", counting)
    text = "Cơn bão số 3 đổ bộ vào miền Bắc chiều nay."
    first = _translate(served, text)
    assert decoded  # the model decoded it once
    decoded.clear()
    assert _translate(served, text) == first
    assert decoded == []  # the repeat came from the memory

    gate.clear()  # the engine busy with a new sentence: the server still answers at once
    waiting = threading.Thread(target=_translate, args=(served, "Một câu hoàn toàn mới cho máy dịch."))
    waiting.start()
    threading.Event().wait(0.3)
    assert httpx.get(f"{served.url}/api/status", timeout=2).status_code == 200
    assert httpx.get(f"{served.url}/languages", timeout=2).status_code == 200
    gate.set()
    waiting.join(30)


def test_status_is_the_version_the_model_the_engines_work_and_the_formats(served):
    from translator import __version__

    _translate(served, "Một câu chưa ai dịch để đếm.")
    status = httpx.get(f"{served.url}/api/status", timeout=10).json()
    counts = {key: status.pop(key) for key in ("batches", "sentences", "requests", "mean_batch", "dropped", "busy_s")}
    assert counts["batches"] >= 1 and counts["sentences"] >= 1 and counts["requests"] >= 1
    assert counts["mean_batch"] > 0 and counts["dropped"] >= 0
    assert isinstance(counts["busy_s"], float) and counts["busy_s"] >= 0
    assert status == {
        "vietrans": __version__,
        "model": served.service.package.label,
        "test_model": True,
        "formats": {
            "md": "bilingual Markdown, one table row per sentence",
            "md-en": "English-only Markdown",
            "docx": "bilingual Word report, two columns",
            "docx-en": "English-only Word report",
            "docx-review": "review table: #, source, target, flags",
            "tmx": "TMX 1.4 translation memory, one unit per sentence",
            "xliff": "XLIFF 2.0, source and target per sentence",
            "jsonl": "one JSON object per sentence",
            "html": "self-contained bilingual web page",
        },
    }
    assert status["model"].endswith("(TEST MODEL: output is not a translation)")


def test_word_downloads_honour_the_servers_layout_and_paper(copy_model, tmp_path):
    # vietrans serve --layout landscape --paper letter: the reports downloaded as translate would write them
    import io

    from docx import Document as Word
    from docx.enum.section import WD_ORIENT

    from tests.server.conftest import serving
    from translator.export import ExportOptions

    with serving(copy_model, tmp_path, export=ExportOptions(layout="landscape", paper="letter")) as running:
        started = httpx.post(f"{running.url}/api/jobs", data={"text": ARTICLE}).json()[0]
        job = finished(running.url, started["id"])
        for fmt in ("docx", "docx-en", "docx-review"):
            data = httpx.get(f"{running.url}/api/jobs/{job['id']}/export/{fmt}").content
            section = Word(io.BytesIO(data)).sections[0]
            assert section.orientation == WD_ORIENT.LANDSCAPE, fmt
            assert round(section.page_width.inches, 1) == 11.0 and round(section.page_height.inches, 1) == 8.5


def test_non_vietnamese_skip_refuses_an_english_upload(copy_model, tmp_path):
    from tests.server.conftest import serving

    english = b"The newsroom is changing. Editors still read every sentence.\n"
    with serving(copy_model, tmp_path, skip_non_vietnamese=True) as strict:
        started = httpx.post(f"{strict.url}/api/jobs", files={"file": ("news.txt", english)}).json()[0]
        job = finished(strict.url, started["id"])
        assert job["status"] == "error" and "does not look Vietnamese" in job["error"]
        assert "--non-vietnamese skip" in job["error"]
        libre = httpx.post(
            f"{strict.url}/translate_file", data={"source": "vi", "target": "en"}, files={"file": ("news.txt", english)}
        )
        assert libre.status_code == 400 and "does not look Vietnamese" in libre.json()["error"]
        vietnamese = httpx.post(
            f"{strict.url}/api/jobs", files={"file": ("bai.txt", "Học máy thay đổi tòa soạn.".encode())}
        ).json()[0]
        assert finished(strict.url, vietnamese["id"])["status"] == "done"


def test_an_uploaded_file_is_translated_with_the_chosen_glossary(browser, served):
    created = httpx.post(
        f"{served.url}/v2/glossaries",
        json={"name": "cats", "source_lang": "VI", "target_lang": "EN", "entries": "con mèo\tthe cat"},
    )
    assert created.status_code == 201
    started = browser.post(
        "/api/jobs",
        data={"glossary_id": created.json()["glossary_id"]},
        files=[("file", ("meo.txt", "Con mèo ngủ trưa.".encode()))],
    )
    job = finished(served.url, started.json()[0]["id"])
    assert "the cat" in job["rows"][0]["target"]


def test_a_job_says_what_was_removed_and_why(browser, served):
    page = (
        "<html><body><article><h1>Học máy thay đổi tòa soạn</h1>"
        "<p>Các phóng viên dùng trí tuệ nhân tạo mỗi ngày ở tòa soạn.</p>"
        '<figure><img src="a.jpg" alt="Ảnh phóng viên làm việc"><figcaption>Ảnh: Tòa soạn</figcaption></figure>'
        "<p>Biên tập viên vẫn đọc lại từng câu trước khi đăng bài.</p></article></body></html>"
    )
    started = browser.post("/api/jobs", files=[("file", ("bai.html", page.encode()))])
    job = finished(served.url, started.json()[0]["id"])
    assert {"text": "Ảnh phóng viên làm việc", "reason": "image alt text"} in job["removed"]


def test_a_jobs_summary_counts_its_flagged_sentences(browser):
    article = "Phóng viên viết về giá gạo.\n\nNhà Trắng"  # the first copied (flagged), the second a shipped term
    table = browser.post("/api/translate", data={"text": article}).json()
    assert [bool(row["flags"]) for row in table["rows"]] == [True, False]
    assert table["flagged"] == 1


def test_the_server_glossary_store_makes_its_own_folders(tmp_path):
    """The store may be the first to write under a data folder that does not exist yet."""
    from translator.server.glossaries import Glossaries

    imported = Glossaries(tmp_path / "fresh" / "data", shipped=False)
    assert imported.import_data("vi,en\nbánh chưng,square sticky rice cake\n".encode(), None, "tet.csv") == 1
    added = Glossaries(tmp_path / "other" / "data", shipped=False)
    added.add({"vi": "phở", "en": "pho"}, replace=False)
    assert [(e["vi"], e["en"]) for store in (imported, added) for e in store.search("")] == [
        ("bánh chưng", "square sticky rice cake"),
        ("phở", "pho"),
    ]
    deepl = Glossaries(tmp_path / "third" / "data", shipped=False)
    created = deepl.create("fresh", "con mèo\tthe cat\n", "tsv", "vi", "en")
    assert deepl.entries(created["glossary_id"]) == "con mèo\tthe cat\n"


def test_each_request_refusal_is_its_status_with_its_one_line(browser):
    """What a client is told when a request cannot be served: its status, and the whole line in both fields."""
    job = browser.post("/api/jobs", data={"text": ARTICLE}).json()[0]["id"]
    no_glossary = "glossary_id: no such glossary"  # once a 500 "internal error (KeyError)"
    rows = "rows: a list of {n, id, english, status, comment} objects was expected"
    empty_page = {"text": "<html><body><p></p></body></html>", "name": "a.html"}
    for method, path, request, status, message in [
        ("post", "/api/translate", {"data": {"text": " \n"}}, 400, "text: nothing to translate"),
        ("post", "/api/translate", {"data": empty_page}, 400, "a.html: no article text found in this page"),
        ("post", "/api/translate", {"data": {"text": ARTICLE, "glossary_id": "nope"}}, 400, no_glossary),
        ("post", "/api/jobs", {"data": {"text": ARTICLE, "glossary_id": "nope"}}, 400, no_glossary),
        ("post", "/api/jobs", {"data": {"name": "a.txt"}}, 400, "nothing to translate: send text or a file"),
        ("post", "/api/jobs", {"data": {"urls": "# today\n \n"}}, 400, "nothing to translate: send text or a file"),
        ("post", "/api/jobs", {"data": {"file": "a.txt"}}, 400, "file: a file upload was expected"),
        ("get", "/api/jobs/nope", {}, 404, "no such job"),
        ("get", "/api/jobs/nope/export/md", {}, 404, "no such job"),
        ("get", "/api/batches/nope", {}, 404, "no such batch"),
        ("post", f"/api/jobs/{job}/review", {"json": {"rows": [1]}}, 400, rows),
    ]:  # fmt: skip
        answer = getattr(browser, method)(path, **request)
        assert (answer.status_code, answer.json()) == (status, {"error": message, "message": message}), path


UNREVIEWED = "Trời mưa to ở Hà Nội.\n\nNhiều con đường ngập nước."  # no other test reviews it

QUEUED = {  # a new job's summary, as POST /api/jobs answers it (before any of it is translated)
    "finished": None,
    "status": "queued",
    "error": "",
    "sentences": 0,
    "flagged": 0,
    "reviewed": 0,
    "title": "",
    "batch": "",
    "pruned": False,
}


@pytest.mark.parametrize(
    ("request_", "name", "kind"),
    [
        ({"data": {"text": UNREVIEWED}}, "text.txt", "text"),
        ({"data": {"text": UNREVIEWED, "name": "bài.txt"}}, "bài.txt", "text"),
        ({"files": {"file": ("tin.txt", UNREVIEWED.encode())}}, "tin.txt", "file"),
    ],
)
def test_a_new_job_is_answered_queued_and_then_is_its_table_its_formats_and_its_notes(browser, request_, name, kind):
    """POST /api/jobs answers 202 with each job's summary at once; GET /api/jobs/ID is the summary, the
    sentence table, the export formats, the document's warnings and what was set aside."""
    from translator.export import FORMATS

    started = browser.post("/api/jobs", **request_)
    (summary,) = started.json()
    job_id, created = summary.pop("id"), summary.pop("created")
    assert (started.status_code, summary) == (202, {**QUEUED, "name": name, "kind": kind})
    job = finished(str(browser.base_url).rstrip("/"), job_id)
    rows, done = job.pop("rows"), job["finished"]
    assert done >= created and [row["source"] for row in rows] == UNREVIEWED.split("\n\n")
    assert job == {
        **QUEUED,
        "id": job_id,
        "created": created,
        "name": name,
        "kind": kind,
        "status": "done",
        "finished": done,
        "sentences": 2,
        "flagged": sum(bool(row["flags"]) for row in rows),
        "formats": list(FORMATS),
        "warnings": [],
        "removed": [],
    }
    download = browser.get(f"/api/jobs/{job_id}/export/md")
    assert (download.headers["content-type"], download.headers["content-disposition"]) == (
        "application/octet-stream",
        f'attachment; filename="{Job(name, b"").stem}.bilingual.md"',
    )


def test_a_job_run_again_is_answered_queued_under_its_own_id(browser):
    url = str(browser.base_url).rstrip("/")
    first = finished(url, browser.post("/api/jobs", data={"text": UNREVIEWED}).json()[0]["id"])
    again = browser.post(f"/api/jobs/{first['id']}/rerun")
    summary = {key: first[key] for key in again.json()}
    fresh = {"status": "queued", "error": "", "finished": None, "sentences": 0, "flagged": 0, "title": ""}
    assert (again.status_code, again.json()) == (202, {**summary, **fresh})  # the last run's table is not this one's
    done = finished(url, first["id"])
    assert done == {**first, "finished": done["finished"]}  # then the same table again


def test_the_glossary_answers_its_entries_and_its_file_and_replaces_only_when_asked(browser):
    """``replace`` as a form sends it (1, true, yes, on, any case) changes an entry; anything else leaves it."""
    assert browser.post("/api/glossary", json={"vi": "bún riêu", "en": "crab noodle soup"}).json() == {"ok": True}
    there = "glossary.tsv:N: 'bún riêu' is already there (crab noodle soup); add --replace to change it"
    for replace, status, answer, english in [
        ("", 400, {"error": there, "message": there}, "crab noodle soup"),
        ("0", 400, {"error": there, "message": there}, "crab noodle soup"),
        ("off", 400, {"error": there, "message": there}, "crab noodle soup"),
        ("1", 200, {"ok": True}, "crab soup 1"),
        ("true", 200, {"ok": True}, "crab soup true"),
        ("Yes", 200, {"ok": True}, "crab soup Yes"),
        ("ON", 200, {"ok": True}, "crab soup ON"),
    ]:
        changed = browser.post(
            "/api/glossary", json={"vi": "bún riêu", "en": f"crab soup {replace}", "replace": replace}
        )
        said = {
            key: re.sub(r"^glossary\.tsv:\d+:", "glossary.tsv:N:", line) if isinstance(line, str) else line
            for key, line in changed.json().items()
        }
        assert (changed.status_code, said) == (status, answer), replace  # (its line in the file varies)
        found = browser.get("/api/glossary", params={"q": "bún riêu"}).json()
        assert (found["file"], [e["en"] for e in found["entries"]]) == ("glossary.tsv", [english]), replace
    assert browser.post("/api/glossary/remove", json={"vi": "bún riêu"}).json() == {"removed": 1}


def test_the_glossary_search_answers_every_field_of_an_entry(browser):
    """What the editor shows of an entry is what was added, field by field, and where it is kept."""
    fields = {
        "vi": "Bộ Y tế|Bộ Y Tế",
        "en": "Ministry of Health",
        "note": "the ministry",
        "domain": "health",
        "case": "sensitive",
        "adj": "health ministry",
        "match": "short-name",
    }
    assert browser.post("/api/glossary", json=fields).json() == {"ok": True}
    try:
        found = browser.get("/api/glossary", params={"q": "Bộ Y tế"}).json()
        mine = [e for e in found["entries"] if e["source"] == "glossary.tsv"]
        assert mine == [{**fields, "vi": "Bộ Y tế | Bộ Y Tế", "source": "glossary.tsv", "editable": True}]
    finally:
        browser.post("/api/glossary/remove", json={"vi": "Bộ Y tế"})


@pytest.mark.parametrize(
    ("fmt", "file"),
    [(None, "glossary.tsv"), ("tsv", "glossary.tsv"), ("tbx", "glossary.tbx")]
    + [(fmt, "glossary.csv") for fmt in ("csv", "csv-google", "csv-amazon")],
)
def test_the_glossary_downloads_under_its_formats_name(browser, fmt, file):
    answer = browser.get("/api/glossary/export", params={"format": fmt} if fmt else {})
    assert (answer.status_code, answer.headers["content-type"], answer.headers["content-disposition"]) == (
        200,
        "application/octet-stream",
        f'attachment; filename="{file}"',
    )


def test_the_sentence_table_answer_is_the_summary_the_rows_and_the_warnings(browser):
    """POST /api/translate waits: the job's summary, done, with its rows and what the reader warned of."""
    english = "The newsroom is changing.\n\nEditors still read every sentence."
    table = browser.post("/api/translate", data={"text": english, "name": "news.txt"}).json()
    rows, job_id, created, done = (table.pop(key) for key in ("rows", "id", "created", "finished"))
    assert done >= created and job_id and [row["source"] for row in rows] == english.split("\n\n")
    assert table == {
        **{key: value for key, value in QUEUED.items() if key != "finished"},
        "name": "news.txt",
        "kind": "text",
        "status": "done",
        "sentences": 2,
        "flagged": sum(bool(row["flags"]) for row in rows),
        "warnings": ["news.txt: does not look like Vietnamese"],
    }
    assert browser.get(f"/api/jobs/{job_id}").json()["warnings"] == table["warnings"]  # the job tells them too


def test_urls_are_answered_with_their_batch_and_refused_by_a_server_that_fetches_none(browser, served, monkeypatch):
    """A list of URLs (comments and blank lines dropped) is one batch: 202, its id, each job, the fetcher's
    warnings; ``/api/batches/ID`` counts them.  Started with --no-urls, the server refuses in one line."""
    import dataclasses
    from types import SimpleNamespace

    from translator.errors import InputError

    asked: list[list[str]] = []

    async def gather(urls: list[str]) -> SimpleNamespace:  # the fetcher's answer: one page gone
        asked.append(urls)
        gone = SimpleNamespace(url="https://a.vn/gone", error=InputError("https://a.vn/gone: 404 Not Found"))
        return SimpleNamespace(articles=[gone], warnings=["https://a.vn/feed: 1 item"])

    monkeypatch.setattr(served.service, "gather", gather)
    started = browser.post("/api/jobs", data={"urls": "# today\n https://a.vn/feed \n\n#https://a.vn/old"})
    body = started.json()
    (job,) = body["jobs"]
    error = {"status": "error", "error": "https://a.vn/gone: 404 Not Found", "finished": job["finished"]}
    expected_job = {**QUEUED, "id": job["id"], "created": job["created"], "name": "https://a.vn/gone", "kind": "url"}
    expected_job |= {**error, "batch": body["batch"]}
    assert (started.status_code, asked) == (202, [["https://a.vn/feed"]])
    assert body == {"batch": body["batch"], "jobs": [expected_job], "warnings": ["https://a.vn/feed: 1 item"]}
    counted = {"queued": 0, "translating": 0, "done": 0, "error": 1, "interrupted": 0}
    assert browser.get(f"/api/batches/{body['batch']}").json() == {
        "batch": body["batch"],
        "total": 1,
        **counted,
        "jobs": [expected_job],
    }
    settings = dataclasses.replace(served.service.settings, fetch_urls=False)
    monkeypatch.setattr(served.service, "settings", settings)
    refused = browser.post("/api/jobs", data={"urls": "https://a.vn/feed"})
    said = "this server does not fetch URLs (started with --no-urls)"
    assert (refused.status_code, refused.json(), asked) == (403, {"error": said, "message": said}, asked[:1])


def test_a_review_on_a_server_without_a_memory_is_409_in_one_line(browser, served, monkeypatch):
    """The server's state, not the request, is why (--no-cache): 409, the whole line, nothing kept."""
    job = finished(served.url, browser.post("/api/jobs", data={"text": UNREVIEWED}).json()[0]["id"])
    monkeypatch.setattr(served.service, "memory", None)
    edits = [{"n": 1, "id": job["rows"][0]["id"], "english": "It rained hard in Hanoi."}]
    answer = browser.post(f"/api/jobs/{job['id']}/review", json={"rows": edits})
    said = "this server keeps no translation memory (started with --no-cache): reviews cannot be kept"
    assert (answer.status_code, answer.json()) == (409, {"error": said, "message": said})
