"""Safe by default: keys, limits, uploads, escaping, cross-site requests, errors without tracebacks."""

from __future__ import annotations

import urllib.error

import httpx
import pytest

from tests.server.conftest import finished, serving


@pytest.fixture(scope="module")
def locked(copy_model, tmp_path_factory):
    """A server started with --api-keys (its rate limit high enough for every test here)."""
    folder = tmp_path_factory.mktemp("locked")
    with serving(copy_model, folder, api_keys=frozenset({"good-key"}), rate_limit=600) as running:
        yield running


def test_a_missing_or_wrong_key_is_refused_as_each_api_refuses_it(locked):
    import deepl
    import libretranslatepy

    with pytest.raises(urllib.error.HTTPError) as caught:
        libretranslatepy.LibreTranslateAPI(locked.url).translate("Học máy", "vi", "en")
    assert caught.value.code == 403
    assert libretranslatepy.LibreTranslateAPI(locked.url, "good-key").translate("Học máy", "vi", "en") == (
        "machine learning"
    )
    with pytest.raises(deepl.AuthorizationException):
        deepl.Translator("bad-key", server_url=locked.url).translate_text("Học máy", target_lang="EN-US")
    good = deepl.Translator("good-key", server_url=locked.url)
    assert good.translate_text("Học máy", target_lang="EN-US").text == "machine learning"
    for path in ("/api/jobs", "/api/glossary", "/v2/usage", "/languages"):
        assert httpx.get(locked.url + path).status_code == 403, path
    settings = httpx.get(locked.url + "/frontend/settings").json()  # as LibreTranslate's, open to all: it says so
    assert (settings["apiKeys"], settings["keyRequired"]) == (True, True)


def test_the_pages_ask_for_a_key_and_a_session_opens_them(locked):
    with httpx.Client(base_url=locked.url) as browser:
        assert 'name="api_key"' in browser.get("/").text
        refused = browser.post("/login", data={"api_key": "wrong"})
        assert refused.status_code == 403
        assert "<p class=error>Sai khoá / Wrong key</p>" in refused.text and 'name="api_key"' in refused.text
        opened = browser.post("/login", data={"api_key": "good-key"})
        assert opened.status_code == 303
        assert 'id="translate"' in browser.get("/").text
        assert browser.get("/api/jobs").status_code == 200


def test_the_rate_limit_answers_429(copy_model, tmp_path):
    """On a server of its own: spending the limit must not leave other tests' server refusing them."""
    with (
        serving(copy_model, tmp_path, api_keys=frozenset({"good-key"}), rate_limit=40) as limited,
        httpx.Client(base_url=limited.url, headers={"Authorization": "DeepL-Auth-Key good-key"}) as client,
    ):
        codes = [client.get("/v2/usage").status_code for _ in range(45)]
    assert codes.count(429) >= 1 and codes[0] == 200
    assert client.is_closed


def test_a_huge_body_is_refused_with_413(served):
    big = {"q": "Học máy " * 200_000, "source": "vi", "target": "en"}
    assert httpx.post(f"{served.url}/translate", data=big).status_code == 413

    def chunks():  # no Content-Length: counted as it streams in
        for _ in range(40):
            yield b"q=" + b"a" * 65536

    streamed = httpx.post(
        f"{served.url}/translate", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    upload = httpx.post(f"{served.url}/api/jobs", files={"file": ("big.txt", b"a" * (21 * 1024 * 1024))})
    assert upload.status_code == 413


def test_a_streamed_body_over_the_limit_on_a_query_call_is_413_and_its_job_cancelled(served, monkeypatch):
    """/api/translate with its text in the query never reads the body: what the client goes on
    sending is counted while the job runs, and past the limit the job stops and the answer is 413."""
    import threading

    translator = served.service.translator
    real = translator.translate
    gate = threading.Event()

    def held(*args, **kwargs):  # the engine busy until the answer has come: the job is running then
        gate.wait(20)
        return real(*args, **kwargs)

    def chunks():  # no Content-Length
        for _ in range(40):
            yield b"a" * 65536

    monkeypatch.setattr(translator, "translate", held)
    try:
        answer = httpx.post(
            f"{served.url}/api/translate",
            params={"text": "Học máy.", "name": "qua-lon.txt"},
            content=chunks(),
            headers={"content-type": "text/plain"},
            timeout=30,
        )
        (job,) = [job for job in httpx.get(f"{served.url}/api/jobs").json() if job["name"] == "qua-lon.txt"]
    finally:
        gate.set()
    message = "the request is larger than the 1024 KB allowed"
    assert answer.status_code == 413 and answer.json() == {"error": message, "message": message}
    assert job["status"] == "interrupted" and job["error"].startswith("cancelled with its request")


@pytest.mark.parametrize("body", [["Học máy"], "Học máy"])
@pytest.mark.parametrize("path", ["/translate", "/v2/translate", "/api/translate"])
def test_a_json_body_that_is_not_an_object_is_refused_in_one_line(served, path, body):
    answer = httpx.post(f"{served.url}{path}", json=body)
    assert answer.status_code == 400
    assert answer.json()["error"] == answer.json()["message"] == "the JSON body must be an object"


def test_an_upload_named_with_a_path_never_becomes_a_path(served, tmp_path):
    before = {p for p in served.data.parent.rglob("*")}
    answer = httpx.post(
        f"{served.url}/translate_file",
        data={"source": "vi", "target": "en"},
        files={"file": ("../../x", "Học máy.".encode())},
    )
    assert answer.status_code == 200
    assert answer.json()["translatedFileUrl"].endswith("/x.en.txt")  # text answered as text
    created = {p for p in served.data.parent.rglob("*")} - before
    assert not any(p.name == "x" or p.name.startswith("x.") for p in created)
    assert not (served.data.parent.parent / "x").exists()


def test_uploads_are_checked_by_content(served):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    answer = httpx.post(f"{served.url}/api/translate", data={"text": ""}, files={"file": ("bai.txt", png)})
    assert answer.status_code == 400
    jobs = httpx.post(f"{served.url}/api/jobs", files={"file": ("bai.txt", png)}).json()
    assert "binary" in finished(served.url, jobs[0]["id"])["error"]
    zipped = b"PK\x03\x04" + bytes(40)
    jobs = httpx.post(f"{served.url}/api/jobs", files={"file": ("bai.docx", zipped)}).json()
    assert "not a Word or OpenDocument text" in finished(served.url, jobs[0]["id"])["error"]
    page = "<html><body><article><p>Học máy đang thay đổi cách các tòa soạn làm việc mỗi ngày.</p></article>"
    html = httpx.post(f"{served.url}/api/jobs", files={"file": ("notes.txt", page.encode())})
    rows = finished(served.url, html.json()[0]["id"])["rows"]
    assert [row["source"] for row in rows] == ["Học máy đang thay đổi cách các tòa soạn làm việc mỗi ngày."]


def test_a_cross_site_form_post_is_refused(served):
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        answer = httpx.post(
            f"{served.url}/v2/glossaries",
            data={"name": "x", "source_lang": "vi", "target_lang": "en", "entries": "a\tb", "entries_format": "tsv"},
            headers=headers,
        )
        assert answer.status_code == 403, headers
    assert httpx.get(f"{served.url}/v2/glossaries").json() == {"glossaries": []}
    extension = httpx.post(
        f"{served.url}/translate",
        data={"q": "Học máy", "source": "vi", "target": "en"},
        headers={"Origin": "chrome-extension://abcdef"},
    )
    assert extension.status_code == 200


def test_edits_need_the_pages_csrf_token(served):
    with httpx.Client(base_url=served.url) as browser:
        browser.get("/")
        token = browser.cookies["vietrans_csrf"]
        entry = {"vi": "bút chì", "en": "pencil"}
        assert browser.post("/api/glossary", json=entry).status_code == 403
        assert browser.post("/api/glossary", json=entry, headers={"X-CSRF-Token": "forged"}).status_code == 403
        assert browser.post("/api/glossary", json=entry, headers={"X-CSRF-Token": token}).status_code == 200
        removed = browser.post("/api/glossary/remove", json={"vi": "bút chì"}, headers={"X-CSRF-Token": token})
        assert removed.json() == {"removed": 1}


def test_another_host_name_is_refused(served):
    assert httpx.get(f"{served.url}/api/status", headers={"Host": "attacker.example"}).status_code == 400


def test_pages_forbid_inline_scripts_and_framing(served):
    headers = httpx.get(served.url + "/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_a_failing_engine_answers_500_in_one_line_and_the_server_goes_on(served, monkeypatch):
    # Fault injection: no real engine fails on cue, so the translator's call raises once.
    translator = served.service.translator
    real = translator.translate
    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("CUDA error: device lost\nTraceback (most recent call last): ...")
        return real(*args, **kwargs)

    monkeypatch.setattr(translator, "translate", broken)
    failed = httpx.post(f"{served.url}/translate", data={"q": "Cà phê sữa đá", "source": "vi", "target": "en"})
    assert failed.status_code == 500
    assert "\n" not in failed.text and "Traceback" not in failed.text and "CUDA" not in failed.text
    assert failed.json()["error"] == "internal error (RuntimeError); the server goes on"
    again = httpx.post(f"{served.url}/translate", data={"q": "Học máy", "source": "vi", "target": "en"})
    assert again.json()["translatedText"] == "machine learning"


def test_unknown_routes_and_methods_answer_json(served):
    assert httpx.get(f"{served.url}/nope").json()["error"] == "Not Found"
    assert httpx.get(f"{served.url}/translate").status_code == 405


def test_a_pdf_is_read_as_a_pdf_whatever_its_name(served, tmp_path):
    pytest.importorskip("reportlab")
    from tests.read.test_pdf import draw

    pdf = draw(tmp_path / "a.pdf", [[(72, 100, "Học máy đang thay đổi cách các tòa soạn làm việc.", 12)]])
    started = httpx.post(f"{served.url}/api/jobs", files={"file": ("bai.txt", pdf.read_bytes())}).json()
    rows = finished(served.url, started[0]["id"])["rows"]
    assert [row["source"] for row in rows] == ["Học máy đang thay đổi cách các tòa soạn làm việc."]


def test_an_opendocument_text_is_read_as_one(served):
    from tests.read.test_odt import _odt

    odt = _odt("<text:p>Học máy đang thay đổi cách các tòa soạn làm việc.</text:p>")
    started = httpx.post(f"{served.url}/api/jobs", files={"file": ("bai", odt)}).json()
    rows = finished(served.url, started[0]["id"])["rows"]
    assert [row["source"] for row in rows] == ["Học máy đang thay đổi cách các tòa soạn làm việc."]


def test_a_request_whose_client_goes_away_is_dropped_before_it_costs(served, monkeypatch):
    # The engine is held busy on cue (no model is slow on demand), so the second request waits in the queue.
    import threading

    translator = served.service.translator
    real = translator.translate
    gate = threading.Event()
    seen: list[str] = []

    def held(sentences, *args, **kwargs):
        seen.extend(s.source for s in sentences)
        gate.wait(20)
        return real(sentences, *args, **kwargs)

    monkeypatch.setattr(translator, "translate", held)
    dropped = served.service.batcher.stats.dropped
    busy = threading.Thread(
        target=httpx.post,
        args=(f"{served.url}/translate",),
        kwargs={"data": {"q": "Máy bận.", "source": "vi", "target": "en"}, "timeout": 30},
    )
    busy.start()
    for _ in range(100):
        if seen:
            break
        threading.Event().wait(0.05)
    with pytest.raises(httpx.TimeoutException):  # the client gives up and disconnects
        httpx.post(f"{served.url}/translate", data={"q": "Bỏ cuộc.", "source": "vi", "target": "en"}, timeout=0.5)
    threading.Event().wait(0.5)
    gate.set()
    busy.join(30)
    for _ in range(100):
        if served.service.batcher.stats.dropped > dropped:
            break
        threading.Event().wait(0.05)
    assert served.service.batcher.stats.dropped == dropped + 1
    assert "Bỏ cuộc." not in seen


def test_the_csrf_cookie_is_never_sent_by_another_site(served):
    page = httpx.get(f"{served.url}/")
    assert "samesite=strict" in page.headers["set-cookie"].lower()


def test_an_api_keys_file_is_its_keys_one_a_line(tmp_path):
    """Blank lines and ``#`` comments (indented too) are no keys; a key's spaces are not part of it."""
    from translator.server.security import read_keys

    path = tmp_path / "keys.txt"
    path.write_text("# newsroom\n\n  desk-1  \n\t# old: desk-0\ndesk-2#x\n", encoding="utf-8")
    assert read_keys(path) == frozenset({"desk-1", "desk-2#x"})


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (None, "{path}: cannot read the API keys ([Errno 2] No such file or directory: '{path}')"),
        (b"\xff\xfe\xfa", "{path}: cannot read the API keys ('utf-8' codec can't decode byte 0xff in position 0: "
                          "invalid start byte)"),
        (b"# only a comment\n\n  \n", "{path}: no API keys in the file (one a line)"),
        (b"", "{path}: no API keys in the file (one a line)"),
    ],
)  # fmt: skip
def test_an_api_keys_file_that_gives_no_key_stops_the_server_in_one_line(tmp_path, content, line):
    from translator.errors import InputError
    from translator.server.security import read_keys

    path = tmp_path / "keys.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        read_keys(path)
    assert str(refused.value) == line.format(path=path)
