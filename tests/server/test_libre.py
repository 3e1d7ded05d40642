"""The LibreTranslate API, through the real client (libretranslatepy) and as its clients post it."""

from __future__ import annotations

import urllib.error

import httpx
import pytest

libretranslatepy = pytest.importorskip("libretranslatepy")

# The copy model writes its input back, so the English the glossary put in is what comes out.
SENTENCE = "Trí tuệ nhân tạo đang thay đổi Nhà Trắng."


def test_the_client_translates_with_the_shipped_glossary_enforced(served):
    api = libretranslatepy.LibreTranslateAPI(served.url)
    english = api.translate(SENTENCE, "vi", "en")
    assert "artificial intelligence (AI)" in english
    assert "the White House" in english
    assert api.languages() == [
        {"code": "vi", "name": "Vietnamese", "targets": ["en"]},
        {"code": "en", "name": "English", "targets": []},
    ]
    assert api.detect("Xin chào các bạn, hôm nay trời đẹp quá.") == [{"confidence": 90.0, "language": "vi"}]


def test_source_auto_answers_the_detected_language_as_libretranslate_does(served):
    """One text: one translation and one detected language; an array of texts: an array of each."""
    detected = {"confidence": 90.0, "language": "vi"}
    one = httpx.post(f"{served.url}/translate", json={"q": "Học máy", "source": "auto", "target": "en"})
    assert one.status_code == 200
    assert one.json() == {"translatedText": "machine learning", "detectedLanguage": detected}
    many = httpx.post(f"{served.url}/translate", json={"q": ["Học máy", "Học sâu"], "source": "auto", "target": "en"})
    assert many.status_code == 200
    assert many.json() == {"translatedText": ["machine learning", "deep learning"], "detectedLanguage": [detected] * 2}
    assert libretranslatepy.LibreTranslateAPI(served.url).translate("Học máy", "auto", "en") == "machine learning"


def test_paragraphs_come_back_as_paragraphs(served):
    answer = httpx.post(f"{served.url}/translate", data={"q": "Học máy.\n\nHọc sâu.", "source": "vi", "target": "en"})
    assert answer.json()["translatedText"] == "machine learning.\n\ndeep learning."


def test_html_keeps_its_blocks_and_loses_its_scripts(served):
    html = '<p onclick="steal()">Học máy <script>alert(1)</script></p><ul><li>Học sâu</li></ul>'
    answer = httpx.post(f"{served.url}/translate", json={"q": html, "source": "vi", "target": "en", "format": "html"})
    english = answer.json()["translatedText"]
    assert english == "<p>machine learning </p><ul><li>deep learning</li></ul>"  # the space before the script kept


def test_html_keeps_links_and_bold_around_their_english(served):
    # A glossary term is found by its English; the rest, by the copy model's attention, word for word.
    html = (
        '<p><a href="/ml" title="x">Học máy</a> thay đổi tòa soạn. '
        'Xem <a href="https://a.vn/?p=1&amp;q=2">trang <b>này</b></a>.</p>'
    )
    answer = httpx.post(f"{served.url}/translate", json={"q": [html], "source": "vi", "target": "en", "format": "html"})
    assert answer.json()["translatedText"] == [
        '<p><a href="/ml" title="x">machine learning</a> thay đổi tòa soạn. '
        'Xem <a href="https://a.vn/?p=1&amp;q=2">trang <b>này</b></a>.</p>'
    ]


class _WithoutAttention:
    """An engine as an LLM is one: it translates, and has no attention to give."""

    def __init__(self, engine) -> None:
        self.engine = engine

    def translate(self, *args, **kwargs):
        return self.engine.translate(*args, **kwargs)

    def close(self) -> None:
        self.engine.close()


def test_html_keeps_every_element_with_an_engine_without_attention(served, monkeypatch):
    monkeypatch.setattr(served.service.translator, "_engine", _WithoutAttention(served.service.translator.engine))
    html = (
        '<p>Ông <a href="/p/an">Nguyễn Văn An</a> gặp <a href="/b"><i>bạn</i></a> hôm nay. '
        "Ngày <b>mai</b> nghỉ.<br></p>"
        '<p><a href="/c" class="k">Một</a> câu <code>x &lt; 1</code>.</p>'
    )
    body = {"q": html, "source": "vi", "target": "en", "format": "html"}
    english = httpx.post(f"{served.url}/translate", data=body).json()["translatedText"]
    assert english.count("<a href=") == html.count("<a href=") == 3
    assert '<a href="/p/an">Nguyễn Văn An</a>' in english  # a name: found where the English writes it
    assert '<a href="/c" class="k">' in english and "<code>x &lt; 1</code>" in english
    assert all(tag in english for tag in ("<i>", "<b>", "<br>"))


INTO_ENGLISH = "(this server translates into English, en)"
FROM_VIETNAMESE = "(this server translates Vietnamese, vi)"


@pytest.mark.parametrize(
    ("path", "body", "error"),
    [
        ("translate", {"source": "vi", "target": "en"}, "Invalid request: missing q parameter"),
        ("translate", {"q": 5, "source": "vi", "target": "en"}, "Invalid request: q must be a text or a list of texts"),
        ("translate", {"q": ["Học máy", 3], "target": "en"}, "Invalid request: q must be a text or a list of texts"),
        ("translate", {"q": "Xin chào", "source": "vi", "target": "fr"}, f"fr is not supported {INTO_ENGLISH}"),
        ("translate", {"q": "Xin chào", "source": "zh", "target": "en"}, f"zh is not supported {FROM_VIETNAMESE}"),
        ("translate", {"q": "Xin chào", "source": "vi"}, "Invalid request: missing target parameter"),
        ("detect", {}, "Invalid request: missing q parameter"),
        ("detect", {"q": ""}, "Invalid request: missing q parameter"),
    ],
)  # fmt: skip
def test_bad_requests_are_answered_as_libretranslate_answers_them(served, path, body, error):
    answer = httpx.post(f"{served.url}/{path}", json=body)
    assert (answer.status_code, answer.json()) == (400, {"error": error, "message": error})


DETECTED = {"confidence": 90.0, "language": "vi"}
ENGLISH = "The weather is lovely today, so we are going out."


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"q": "Học máy", "target": "en"}, {"translatedText": "machine learning", "detectedLanguage": DETECTED}),
        ({"q": "Học máy", "source": "VI", "target": "EN"}, {"translatedText": "machine learning"}),
        ({"q": ENGLISH, "source": "auto", "target": "en"},
         {"translatedText": ENGLISH, "detectedLanguage": {"confidence": 0.0, "language": "vi"}}),
        ({"q": "<p>Học máy</p>", "source": "vi", "target": "en", "format": "HTML"},
         {"translatedText": "<p>machine learning</p>"}),
        ({"q": "<p>học máy</p>", "source": "vi", "target": "en", "format": "text"},
         {"translatedText": "<p>machine learning</p>"}),
    ],
    ids=["source-defaults-to-auto", "codes-in-any-case", "not-vietnamese", "format-html", "format-text"],
)  # fmt: skip
def test_the_whole_answer_to_a_translation(served, body, expected):
    """Only ``source: auto`` (the default, as in LibreTranslate) answers a detected language; a text
    that does not look Vietnamese is detected with no confidence; markup is markup only with
    ``format: html``, a text's tags are text."""
    answer = httpx.post(f"{served.url}/translate", json=body)
    assert (answer.status_code, answer.json()) == (200, expected)


def test_a_regional_english_target_is_english(served):
    answer = httpx.post(f"{served.url}/translate", json={"q": "Học máy", "source": "vi", "target": "en-US"})
    assert answer.status_code == 200 and answer.json()["translatedText"] == "machine learning"


def test_the_client_sees_an_error_as_an_http_error(served):
    api = libretranslatepy.LibreTranslateAPI(served.url)
    with pytest.raises(urllib.error.HTTPError) as caught:
        api.translate("Xin chào", "vi", "de")
    assert caught.value.code == 400


def test_translate_file_answers_a_link_to_the_english(served):
    answer = httpx.post(
        f"{served.url}/translate_file",
        data={"source": "vi", "target": "en"},
        files={"file": ("bai-bao.txt", "Học máy thay đổi thế giới.".encode())},
    )
    assert answer.status_code == 200
    url = answer.json()["translatedFileUrl"]
    assert url.startswith(served.url + "/download_file/") and url.endswith("/bai-bao.en.txt")
    english = httpx.get(url)
    assert english.status_code == 200
    assert "machine learning" in english.text
    assert httpx.get(url.replace("/download_file/", "/download_file/x")).status_code == 404


def test_frontend_settings_is_libretranslates_whole_document(served):
    """LibreTranslate's web page reads every key of it (libretranslate/app.py, frontend_settings):
    no character limit, no suggestions, the files it translates, Vietnamese → English."""
    assert httpx.get(f"{served.url}/frontend/settings").json() == {
        "charLimit": -1,
        "frontendTimeout": 500,
        "apiKeys": False,
        "keyRequired": False,
        "suggestions": False,
        "filesTranslation": True,
        "supportedFilesFormat": [".txt", ".md", ".html", ".docx", ".odt", ".pdf"],
        "language": {"source": {"code": "vi", "name": "Vietnamese"}, "target": {"code": "en", "name": "English"}},
    }
