"""The test news site's feeds: each must be what its format requires, or a test reading it proves little."""

import gzip
import hashlib
import http.client
import re
import time
from collections import Counter

import brotli
import pytest

from translator.testsite import MODIFIED, Site, cp1258, serve

SITE = Site({"a.html": b"", "b.html": b""}, titles={"a.html": "Giá & xăng"}, base="http://127.0.0.1:8000")


def test_the_rss_1_0_feed_is_the_whole_document_the_format_requires():
    """RSS 1.0 (web.resource.org/rss/1.0/spec): a channel with title, link, description and the
    ``items`` sequence naming every item; then each item, its ``rdf:about`` its link."""
    assert SITE.rdf().decode() == (
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        '<channel rdf:about="http://127.0.0.1:8000/feeds/rdf.xml"><title>Tin</title>'
        "<link>http://127.0.0.1:8000/</link><description>Tin</description>"
        '<items><rdf:Seq><rdf:li rdf:resource="http://127.0.0.1:8000/sites/a.html"/>'
        '<rdf:li rdf:resource="http://127.0.0.1:8000/sites/b.html"/></rdf:Seq></items></channel>'
        '<item rdf:about="http://127.0.0.1:8000/sites/a.html"><title>Giá &amp; xăng</title>'
        "<link>http://127.0.0.1:8000/sites/a.html</link></item>"
        '<item rdf:about="http://127.0.0.1:8000/sites/b.html"><title>b.html</title>'
        "<link>http://127.0.0.1:8000/sites/b.html</link></item>"
        "</rdf:RDF>"
    )


def test_the_rss_2_0_feed_lists_the_pages_newest_first_a_day_apart_by_relative_links():
    """Relative links are what outlets really write: the reader must resolve them against the feed."""
    assert SITE.rss().decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0"><channel><title>Tin</title><link>/</link><description>Tin mới</description>'
        "<item><title>Giá &amp; xăng</title><link>/sites/a.html</link><description>Giá &amp; xăng</description>"
        "<pubDate>Fri, 04 Dec 2026 08:00:00 +0000</pubDate><guid>/sites/a.html</guid></item>"
        "<item><title>b.html</title><link>/sites/b.html</link><description>b.html</description>"
        "<pubDate>Thu, 03 Dec 2026 08:00:00 +0000</pubDate><guid>/sites/b.html</guid></item>"
        "</channel></rss>"
    )
    assert SITE.rss(["b.html"]).decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0"><channel><title>Tin</title><link>/</link><description>Tin mới</description>'
        "<item><title>b.html</title><link>/sites/b.html</link><description>b.html</description>"
        "<pubDate>Fri, 04 Dec 2026 08:00:00 +0000</pubDate><guid>/sites/b.html</guid></item>"
        "</channel></rss>"
    )


def test_the_atom_feed_links_relative_to_its_xml_base():
    assert SITE.atom().decode() == (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://127.0.0.1:8000/"><title>Tin</title>'
        "<id>urn:feed</id><updated>2026-12-04T08:00:00+00:00</updated>"
        '<entry><title>Giá &amp; xăng</title><link href="sites/a.html"/><id>urn:a.html</id>'
        "<updated>2026-12-04T08:00:00+00:00</updated></entry>"
        '<entry><title>b.html</title><link href="sites/b.html"/><id>urn:b.html</id>'
        "<updated>2026-12-03T08:00:00+00:00</updated></entry></feed>"
    )


def test_a_windows_1258_page_writes_tone_marks_as_combining_characters_after_the_letter():
    """ệ is ê (precomposed, in the code page) then the dot below (a combining mark); what it lacks is a reference."""
    assert cp1258("Việt Nam ơi ₫ 😀") == b"Vi\xea\xf2t Nam \xf5i \xfe &#128512;"


PAGE = '<html><head><meta charset="utf-8"></head><body><p>Giá xăng tăng</p></body></html>'.encode()
PAGE_ETAG = '"ad658a01995be0b2"'  # sha256 of PAGE, its first 16 hex digits
RSS_ETAG = '"f8a195c7a38fc6f1"'
CACHED = [("ETag", PAGE_ETAG), ("Last-Modified", MODIFIED)]
UTF8 = ("Content-Type", "text/html; charset=utf-8")
NOT_FOUND = (404, [("Content-Type", "text/plain"), ("Content-Length", "9")], b"not found")


def _site(**options) -> Site:
    return Site(
        {"a.html": PAGE, "b.html": b"<p>b</p>"},
        titles={"a.html": "Giá & xăng"},
        files={"report.pdf": (b"%PDF-1.4 ...", "application/pdf")},
        slow=0,
        **options,
    )


def _get(site: Site, path: str, headers: dict[str, str] | None = None) -> tuple[int, list, bytes]:
    """The whole answer as a client sees it, bar the two headers that change with the clock and Python."""
    connection = http.client.HTTPConnection("127.0.0.1", int(site.base.rsplit(":", 1)[1]), timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        kept = [(k, v) for k, v in response.getheaders() if k not in ("Server", "Date")]
        return response.status, kept, response.read()
    finally:
        connection.close()


def _length(body: bytes) -> tuple[str, str]:
    return ("Content-Length", str(len(body)))


ANSWERS = {  # path, request headers -> status, headers, body
    ("/robots.txt", ()): (
        200,
        [("Content-Type", "text/plain"), ("Content-Length", "34")],
        b"User-agent: *\nDisallow: /private/\n",
    ),
    ("/sites/a.html", ()): (200, [UTF8, *CACHED, _length(PAGE)], PAGE),
    ("/private/a.html", ()): (200, [UTF8, *CACHED, _length(PAGE)], PAGE),
    ("/sites/a.html", (("If-None-Match", PAGE_ETAG),)): (304, [UTF8, *CACHED], b""),
    ("/sites/a.html", (("If-Modified-Since", MODIFIED),)): (304, [UTF8, *CACHED], b""),
    # A stale ETag wins over a date that still matches: the page changed.
    ("/sites/a.html", (("If-None-Match", '"0"'), ("If-Modified-Since", MODIFIED))): (
        200,
        [UTF8, *CACHED, _length(PAGE)],
        PAGE,
    ),
    ("/sites/a.html", (("If-Modified-Since", "Thu, 03 Dec 2026 08:00:00 GMT"),)): (
        200,
        [UTF8, *CACHED, _length(PAGE)],
        PAGE,
    ),
    ("/sites/c.html", ()): NOT_FOUND,
    ("/news/a.html", ()): NOT_FOUND,
    ("/feeds/rss.xml", ()): (
        200,
        [
            ("Content-Type", "application/rss+xml"),
            ("ETag", RSS_ETAG),
            ("Last-Modified", MODIFIED),
            ("Content-Length", "509"),
        ],
        _site().rss(),
    ),
    ("/feeds/as-html", ()): (200, [UTF8, ("Content-Length", "509")], _site().rss()),
    ("/menu.html", ()): (
        200,
        [("Content-Type", "text/html"), ("Content-Length", "64")],
        "<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>".encode(),
    ),
    ("/loop", ()): (301, [("Content-Type", "text/plain"), ("Location", "/loop"), ("Content-Length", "0")], b""),
    ("/moved/a.html", ()): (
        301,
        [("Content-Type", "text/plain"), ("Location", "/sites/a.html"), ("Content-Length", "0")],
        b"",
    ),
    ("/moved/c.html", ()): NOT_FOUND,
    ("/slow/a.html", ()): (200, [("Content-Type", "text/html"), _length(PAGE)], PAGE),
    ("/slow/c.html", ()): (200, [("Content-Type", "text/html"), ("Content-Length", "0")], b""),
    ("/br/a.html", (("Accept-Encoding", "gzip, br"),)): (
        200,
        [UTF8, ("Content-Encoding", "br"), _length(brotli.compress(PAGE))],
        brotli.compress(PAGE),
    ),
    ("/br/a.html", (("Accept-Encoding", "gzip"),)): NOT_FOUND,
    ("/br/c.html", (("Accept-Encoding", "br"),)): NOT_FOUND,
    ("/wrong-charset/a.html", ()): (
        200,
        [("Content-Type", "text/html; charset=iso-8859-1"), _length(PAGE)],
        PAGE,
    ),
    ("/wrong-charset/c.html", ()): NOT_FOUND,
    ("/cp1258/a.html", ()): (
        200,
        [("Content-Type", "text/html; charset=windows-1258"), _length(cp1258(PAGE.decode()))],
        cp1258(PAGE.decode()),
    ),
    ("/cp1258/c.html", ()): NOT_FOUND,
    ("/cp1258-meta/a.html", ()): (
        200,
        [("Content-Type", "text/html"), ("Content-Length", "89")],
        b'<html><head><meta charset="windows-1258"></head><body><p>Gia\xec x\xe3ng t\xe3ng</p></body></html>',
    ),
    ("/cp1258-meta/c.html", ()): NOT_FOUND,
    ("/files/report.pdf", ()): (
        200,
        [("Content-Type", "application/pdf"), ("Content-Length", "12")],
        b"%PDF-1.4 ...",
    ),
    ("/files/a.html", ()): NOT_FOUND,
}


@pytest.mark.parametrize(("path", "headers"), list(ANSWERS), ids=[f"{p} {dict(h)}" for p, h in ANSWERS])
def test_the_site_answers_each_path_as_an_outlet_would(path, headers):
    """Each answer whole (status, headers, body): what the fetch, feed and URL tests take for granted."""
    with serve(_site()) as site:
        assert _get(site, path, dict(headers)) == ANSWERS[path, headers]
        assert site.hits == {path: 1}
        host = site.base.removeprefix("http://")
        assert site.headers[path] == {"Host": host, "Accept-Encoding": "identity", **dict(headers)}
        assert site.bodies == Counter({path: len(ANSWERS[path, headers][2])})


def test_a_page_goes_gzipped_to_a_client_that_asks():
    with serve(_site()) as site:
        status, headers, body = _get(site, "/sites/a.html", {"Accept-Encoding": "deflate, gzip"})
        assert (status, headers, gzip.decompress(body)) == (
            200,
            [UTF8, *CACHED, ("Content-Encoding", "gzip"), _length(body)],
            PAGE,
        )
        assert site.bodies == {"/sites/a.html": len(body)}


def test_the_atom_feed_is_served_with_validators_and_the_servers_own_base():
    with serve(_site()) as site:
        status, headers, body = _get(site, "/feeds/atom.xml")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        assert (status, headers, body) == (
            200,
            [("Content-Type", "application/atom+xml"), ("ETag", etag), ("Last-Modified", MODIFIED), _length(body)],
            site.atom(),
        )
        assert f'xml:base="{site.base}/"'.encode() in body
        assert _get(site, "/feeds/rdf.xml") == (
            200,
            [("Content-Type", "application/rdf+xml"), _length(site.rdf())],
            site.rdf(),
        )


def test_a_flaky_page_is_busy_once_then_served():
    busy = (503, [("Content-Type", "text/plain"), ("Retry-After", "1"), ("Content-Length", "4")], b"busy")
    with serve(_site()) as site:
        assert _get(site, "/flaky/a.html") == busy
        assert _get(site, "/flaky/a.html") == (200, [UTF8, *CACHED, _length(PAGE)], PAGE)
        assert _get(site, "/flaky/c.html") == NOT_FOUND
        assert site.hits == {"/flaky/a.html": 2, "/flaky/c.html": 1}
        assert site.bodies == {"/flaky/a.html": 4 + len(PAGE), "/flaky/c.html": 9}


@pytest.mark.parametrize(
    ("options", "answer"),
    [
        ({"robots_down": True}, (503, [("Content-Type", "text/plain"), ("Content-Length", "4")], b"down")),
        ({"robots": None}, NOT_FOUND),
        (
            {"robots": b"User-agent: *\nAllow: /\n"},
            (200, [("Content-Type", "text/plain"), ("Content-Length", "23")], b"User-agent: *\nAllow: /\n"),
        ),
    ],
)
def test_robots_txt_can_be_down_missing_or_different(options, answer):
    with serve(_site(**options)) as site:
        assert _get(site, "/robots.txt") == answer


def test_a_slow_page_waits_before_answering():
    with serve(_site()) as site:
        site.slow = 0.3
        start = time.monotonic()
        assert _get(site, "/slow/a.html")[0] == 200
        assert time.monotonic() - start >= 0.3


def test_the_server_listens_on_the_loopback_only_and_stops_on_exit():
    with serve(_site()) as site:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", site.base)
        assert site.url("/sites/a.html") == site.base + "/sites/a.html"
    with pytest.raises(OSError):
        _get(site, "/robots.txt")
