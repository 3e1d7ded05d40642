"""Fetching as a good citizen, against a real HTTP server on 127.0.0.1 (translator.testsite)."""

import contextlib
import socket
import threading
import time
from pathlib import Path

import pytest

from translator.errors import InputError, NetworkError
from translator.read.fetch import Fetcher, FetchOptions, is_url, outlet
from translator.testsite import Site, serve

SITES = Path(__file__).parents[1] / "data" / "sites"
QUICK = FetchOptions(timeout=0.5, retries=1, backoff=0.05, delay=0)


@pytest.fixture
def site():
    with serve(Site({p.name: p.read_bytes() for p in sorted(SITES.glob("*.html"))}, slow=1.5)) as served:
        yield served


def test_a_page_and_its_validators_then_a_304_without_a_body(site):
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(site.url("/sites/vnexpress.html"))
        assert first.status == 200 and first.data == site.pages["vnexpress.html"]
        assert first.etag and first.last_modified and first.charset == "utf-8" and first.content_type == "text/html"
        sent = site.bodies["/sites/vnexpress.html"]
        again = fetcher.get(site.url("/sites/vnexpress.html"), etag=first.etag)
        by_date = fetcher.get(site.url("/sites/vnexpress.html"), last_modified=first.last_modified)
    assert again.status == by_date.status == 304 and again.data is None
    assert site.bodies["/sites/vnexpress.html"] == sent  # no body came again
    assert site.headers["/sites/vnexpress.html"]["If-Modified-Since"] == first.last_modified


def test_polite_headers_and_compressed_transfer(site):
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(site.url("/sites/tuoitre.html"))
    headers = site.headers["/sites/tuoitre.html"]
    assert headers["User-Agent"].startswith("vietrans/")
    assert {"gzip", "deflate", "br"} <= {x.strip() for x in headers["Accept-Encoding"].split(",")}
    assert page.data == site.pages["tuoitre.html"]  # gzip undone
    assert 0 < page.wire_bytes == site.bodies["/sites/tuoitre.html"] < len(page.data)


def test_brotli_transfer_is_decoded(site):
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(site.url("/br/vnexpress.html"))
    assert page.data == site.pages["vnexpress.html"] and page.wire_bytes == site.bodies["/br/vnexpress.html"]
    assert page.wire_bytes < len(page.data) / 2


def test_redirects_are_followed_to_the_final_url_and_bounded(site):
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(site.url("/moved/dantri.html"))
        assert page.url.endswith("/moved/dantri.html") and page.final_url == site.url("/sites/dantri.html")
        with pytest.raises(NetworkError, match="more than 5 redirects"):
            fetcher.get(site.url("/loop"))


def test_a_404_is_one_line(site):
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError) as err:
        fetcher.get(site.url("/missing.html"))
    assert str(err.value) == f"{site.url('/missing.html')}: the server answered 404 Not Found"


def test_a_slow_answer_times_out_after_the_retries(site):
    started = time.monotonic()
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError, match=r"no answer within 0.5 s, 2 tries"):
        fetcher.get(site.url("/slow/nld.html"))
    assert site.hits["/slow/nld.html"] == 2 and time.monotonic() - started < 1.4


def test_a_503_is_retried_after_the_time_retry_after_asks(site):
    started = time.monotonic()
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(site.url("/flaky/nld.html"))
    assert page.data == site.pages["nld.html"] and site.hits["/flaky/nld.html"] == 2
    assert time.monotonic() - started >= 1.0  # Retry-After: 1


def test_a_long_retry_after_is_cut_to_the_cap(site):
    started = time.monotonic()
    with Fetcher(FetchOptions(timeout=1, retries=1, backoff=0.05, delay=0, max_retry_after=0.1)) as fetcher:
        fetcher.get(site.url("/flaky/nld.html"))
    assert time.monotonic() - started < 0.9


def test_without_retries_a_503_fails_at_once(site):
    with Fetcher(FetchOptions(retries=0, delay=0)) as fetcher, pytest.raises(NetworkError, match="answered 503"):
        fetcher.get(site.url("/flaky/nld.html"))


def test_robots_txt_is_respected_unless_the_user_says_otherwise(site):
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError, match=r"robots\.txt"):
        fetcher.get(site.url("/private/nld.html"))
    with Fetcher(FetchOptions(robots=False, delay=0)) as fetcher:
        assert fetcher.get(site.url("/private/nld.html")).status == 200
    assert site.hits["/robots.txt"] == 1


def test_a_robots_txt_that_fails_forbids_everything(site):
    site.robots_down = True
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError, match=r"robots\.txt .* could not be read"):
        fetcher.get(site.url("/sites/nld.html"))
    assert site.hits["/sites/nld.html"] == 0


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    started = time.monotonic()
    with Fetcher(FetchOptions(delay=0.3)) as fetcher:
        for name in ("nld.html", "dantri.html", "znews.html"):  # robots.txt, then three pages: three waits
            fetcher.get(site.url(f"/sites/{name}"))
    assert time.monotonic() - started >= 0.9


def test_a_page_over_the_size_limit_is_refused(site):
    with Fetcher(FetchOptions(delay=0, max_bytes=1000)) as fetcher, pytest.raises(InputError, match="MB allowed"):
        fetcher.get(site.url("/sites/vnexpress.html"))


def test_the_charset_comes_from_the_header_even_when_wrong(site):
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/wrong-charset/nld.html")).charset == "iso-8859-1"


def test_a_refused_connection_and_a_missing_network_say_which():
    with Fetcher(QUICK) as fetcher:
        with pytest.raises(NetworkError, match="connection was refused"):
            fetcher.get("http://127.0.0.1:9/article.html")
        assert not fetcher.offline
        with pytest.raises(NetworkError, match="cannot reach the host"):
            fetcher.get("http://vnexpress.invalid/article.html")
        assert fetcher.offline


@pytest.mark.parametrize(
    ("reply", "line"),
    [
        (b"", "cannot connect (Connection aborted: Remote end closed connection without response)"),
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\n<html>short",
            "the answer broke off (Connection broken: IncompleteRead(11 bytes read, 89 more expected))",
        ),
    ],
)
def test_a_server_that_hangs_up_is_one_whole_line(reply, line):
    """Neither refused nor offline: urllib3's words once each, not a tuple's repr."""
    listener = socket.create_server(("127.0.0.1", 0))

    def hang_up() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = listener.accept()
                conn.recv(1024)
                conn.sendall(reply)
                conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/article.html"
    try:
        with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError) as failed:
            fetcher.get(url)
    finally:
        listener.close()
    assert str(failed.value) == f"{url}: {line}"


def test_only_http_addresses_are_urls():
    assert is_url("https://vnexpress.net/a.html") and is_url("HTTP://x.vn/")
    assert not is_url("ftp://x.vn/a") and not is_url("https.txt") and not is_url("file:///etc/passwd")
    assert outlet("https://www.vnexpress.net/a") == "vnexpress.net"
