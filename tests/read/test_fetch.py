"""Fetching as a good citizen, against a real HTTP server on 127.0.0.1 (translator.testsite)."""

import contextlib
import errno
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from translator.errors import InputError, NetworkError
from translator.read.fetch import Fetched, Fetcher, FetchOptions, is_url, outlet
from translator.testsite import Site, serve

SITES = Path(__file__).parents[1] / "data" / "sites"
QUICK = FetchOptions(timeout=0.5, retries=1, backoff=0.05, delay=0)


@pytest.fixture
def site():
    with serve(Site({p.name: p.read_bytes() for p in sorted(SITES.glob("*.html"))}, slow=1.5)) as served:
        yield served


def test_a_page_and_its_validators_then_a_304_without_a_body(site):
    """A 304 answers with the ETag that was sent (it is still the page's), no body, and when."""
    url = site.url("/sites/vnexpress.html")
    with Fetcher(QUICK) as fetcher:
        first = fetcher.get(url)
        assert first.status == 200 and first.data == site.pages["vnexpress.html"]
        assert first.etag and first.last_modified and first.charset == "utf-8" and first.content_type == "text/html"
        sent = site.bodies["/sites/vnexpress.html"]
        again = fetcher.get(url, etag=first.etag)
        by_date = fetcher.get(url, last_modified=first.last_modified)
    assert replace(again, fetched="") == Fetched(url, url, 304, None, etag=first.etag)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", again.fetched)
    assert (by_date.status, by_date.data) == (304, None)
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


def _refusal(site: Site, path: str) -> str:
    return f"{site.url(path)}: robots.txt of 127.0.0.1 asks robots not to fetch this page (--ignore-robots)"


def test_a_robots_txt_not_in_utf8_is_still_read(site):
    """RFC 9309: robots.txt is UTF-8, and a byte that is not (a Windows-1258 comment) neither crashes nor
    forbids everything; the rules around it still hold."""
    site.robots = b"# Tr\xeang ch\xf9 cho m\xe1y\nUser-agent: *\nDisallow: /private/ # kh\xf4ng\n"
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/sites/nld.html")).data == site.pages["nld.html"]
        with pytest.raises(NetworkError) as refused:
            fetcher.get(site.url("/private/nld.html"))
    assert str(refused.value) == _refusal(site, "/private/nld.html")


def test_robots_txt_rules_for_vietrans_by_name_win_over_those_for_all(site):
    site.robots = b"User-agent: *\nDisallow:\n\nUser-agent: vietrans\nDisallow: /sites/\n"
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError) as refused:
        fetcher.get(site.url("/sites/nld.html"))
    assert str(refused.value) == _refusal(site, "/sites/nld.html") and site.hits["/sites/nld.html"] == 0


def test_a_robots_txt_crawl_delay_longer_than_the_delay_paces_the_host(site):
    site.robots = b"User-agent: *\nCrawl-delay: 1\n"
    started = time.monotonic()
    with Fetcher(QUICK) as fetcher:  # delay 0: the host's 1 s counts
        fetcher.get(site.url("/sites/nld.html"))
    assert time.monotonic() - started >= 1.0


def test_a_missing_robots_txt_allows_everything(site):
    site.robots = None  # a 404
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/private/nld.html")).data == site.pages["nld.html"]
    assert site.hits["/robots.txt"] == 1


def test_a_robots_txt_over_the_size_limit_counts_as_none(site):
    """RFC 9309 lets a crawler stop reading a huge robots.txt; vietrans then reads none (all allowed)."""
    site.robots = b"User-agent: *\nDisallow: /\n" + b"#" * 2000
    site.files["note.txt"] = (b"ok", "text/plain")
    with Fetcher(replace(QUICK, max_bytes=1000)) as fetcher:
        assert fetcher.get(site.url("/files/note.txt")).data == b"ok"


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    started = time.monotonic()
    with Fetcher(FetchOptions(delay=0.3)) as fetcher:
        for name in ("nld.html", "dantri.html", "znews.html"):  # robots.txt, then three pages: three waits
            fetcher.get(site.url(f"/sites/{name}"))
    assert time.monotonic() - started >= 0.9


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("/files/big.txt", "1.5 MB is more than the 1 MB allowed"),  # its Content-Length says so: nothing read
        ("/sites/big.html", "more than the 1 MB allowed for one page"),  # gzip: counted as it is decoded
    ],
)
def test_a_page_over_the_size_limit_is_refused(site, path: str, line: str) -> None:
    big = b"<p>tin</p>" * (1536 * 1024 // 10)  # 1.5 MB
    site.files["big.txt"], site.pages["big.html"] = (big, "text/plain"), big
    with Fetcher(replace(QUICK, max_bytes=1024 * 1024)) as fetcher, pytest.raises(InputError) as refused:
        fetcher.get(site.url(path))
    assert str(refused.value) == f"{site.url(path)}: {line}"


def test_the_charset_comes_from_the_header_even_when_wrong(site):
    with Fetcher(QUICK) as fetcher:
        assert fetcher.get(site.url("/wrong-charset/nld.html")).charset == "iso-8859-1"


def test_the_content_type_and_charset_are_found_among_other_parameters(site):
    site.files["tin.html"] = (b"<p>tin</p>", 'Text/HTML; format=flowed; Charset = "Windows-1258"; q=1')
    with Fetcher(QUICK) as fetcher:
        page = fetcher.get(site.url("/files/tin.html"))
    assert (page.content_type, page.charset) == ("text/html", "windows-1258")


def test_a_refused_connection_and_a_missing_network_say_which(monkeypatch):
    """Whole lines; a host found unreachable is not looked up again, and with no server answering the run
    is offline."""
    lookups: list[str] = []
    resolve = socket.getaddrinfo

    def counted(host: str, *args: object, **kwargs: object) -> list:
        lookups.append(host)
        return resolve(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counted)
    with Fetcher(QUICK) as fetcher:
        with pytest.raises(NetworkError) as refused:
            fetcher.get("http://127.0.0.1:9/article.html")
        assert str(refused.value) == "http://127.0.0.1:9/article.html: the connection was refused (2 tries)"
        assert not fetcher.offline
        for page in ("a.html", "b.html"):  # the second is answered from what the first found
            with pytest.raises(NetworkError) as missing:
                fetcher.get(f"http://vnexpress.invalid/{page}")
            assert str(missing.value) == (
                f"http://vnexpress.invalid/{page}: cannot reach the host (no network, or no such host)"
            )
        assert fetcher.offline and lookups.count("vnexpress.invalid") == 2  # robots.txt, tried twice; no more


def test_without_retries_one_try_is_said_so():
    with Fetcher(FetchOptions(retries=0, delay=0)) as fetcher, pytest.raises(NetworkError) as refused:
        fetcher.get("http://127.0.0.1:9/article.html")
    assert str(refused.value) == "http://127.0.0.1:9/article.html: the connection was refused (1 try)"


def test_a_connection_the_system_forbids_names_why_without_urllib3s_objects(monkeypatch):
    """A local firewall's EPERM: neither refused nor offline; urllib3's "HTTPConnection(host=…): " is cut."""
    import urllib3.util.connection

    def forbidden(*args: object, **kwargs: object) -> socket.socket:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(urllib3.util.connection, "create_connection", forbidden)
    with Fetcher(QUICK) as fetcher, pytest.raises(NetworkError) as failed:
        fetcher.get("http://127.0.0.1:9/article.html")
    assert str(failed.value) == (
        "http://127.0.0.1:9/article.html: cannot connect "
        "(Failed to establish a new connection: [Errno 1] Operation not permitted)"
    )


@contextlib.contextmanager
def _raw_server(*pieces: tuple[float, bytes]) -> Iterator[str]:
    """A server on 127.0.0.1 that answers every request with ``pieces`` (wait so long, then send these
    bytes) and hangs up: what no well-behaved server does.  Yields the URL of a page on it."""
    listener = socket.create_server(("127.0.0.1", 0))

    def answer() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = listener.accept()
                conn.recv(4096)
                for wait, data in pieces:
                    time.sleep(wait)
                    conn.sendall(data)
                conn.close()

    threading.Thread(target=answer, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/article.html"
    finally:
        listener.close()


HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"


@pytest.mark.parametrize(
    ("pieces", "line"),
    [
        pytest.param(
            [(0, b"")],
            "cannot connect (Connection aborted: Remote end closed connection without response)",
            id="hung-up",
        ),
        pytest.param([(0, b"garbage\r\n\r\n")], "cannot connect (Connection aborted: garbage)", id="no-http"),
        pytest.param([(1.0, b"")], "no answer within 0.5 s, 2 tries", id="stalls-before-answering"),
        pytest.param(
            [(0, HEAD + b"Content-Length: 100\r\n\r\n<html>short")],
            "the answer broke off (Connection broken: IncompleteRead(11 bytes read, 89 more expected))",
            id="short-body",
        ),
        pytest.param(
            [(0, HEAD + b"Transfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n")],
            "the answer broke off (Response ended prematurely)",
            id="chunks-cut",
        ),
        pytest.param(
            [(0, HEAD + b"Content-Length: 100\r\n\r\n<html>"), (1.5, b"")],
            "the answer broke off (Read timed out.)",
            id="stalls-mid-body",
        ),
        pytest.param(
            [(0, HEAD + b"Content-Encoding: gzip\r\nContent-Length: 6\r\n\r\n<html>")],
            "the answer could not be decompressed (Received response with content-encoding: gzip, "
            "but failed to decode it: Error -3 while decompressing data: incorrect header check)",
            id="not-gzip",
        ),
        pytest.param(
            [(0, b"HTTP/1.1 301 Moved\r\nLocation: http://[::1/a\r\nContent-Length: 0\r\n\r\n")],
            "redirected to an address that cannot be read (Invalid IPv6 URL)",
            id="bad-redirect",
        ),
    ],
)
def test_a_server_that_misbehaves_is_one_whole_line(pieces: list[tuple[float, bytes]], line: str) -> None:
    """Each kind of failure in its own words, once: no tuple's repr, no urllib3 pool, no line break."""
    with (
        _raw_server(*pieces) as url,
        Fetcher(replace(QUICK, robots=False)) as fetcher,
        pytest.raises(NetworkError) as failed,
    ):
        fetcher.get(url)
    assert str(failed.value) == f"{url}: {line}"


def test_a_tls_failure_is_one_line_in_openssls_words():
    """https:// to a server that speaks plain HTTP; OpenSSL's wording varies by version, the shape does not."""
    plain = _raw_server((0, HEAD + b"Content-Length: 0\r\n\r\n"))
    with plain as url, Fetcher(QUICK) as fetcher, pytest.raises(NetworkError) as failed:
        fetcher.get(url.replace("http://", "https://"))
    https = re.escape(url.replace("http://", "https://"))
    assert re.fullmatch(rf"{https}: cannot connect \(\[SSL: [A-Z_]+\] [a-z ]+ \(_ssl\.c:\d+\)\)", str(failed.value))


@pytest.mark.parametrize("url", ["ftp://x.vn/a", "http://[::1/a", "http://127.0.0.1:99999/a", "http:///a"])
def test_what_is_no_http_address_is_refused_before_any_request(url: str) -> None:
    with Fetcher(QUICK) as fetcher, pytest.raises(InputError) as refused:
        fetcher.get(url)
    assert str(refused.value) == f"{url}: not an http(s) address" and fetcher.requests == 0


def test_only_http_addresses_are_urls():
    assert is_url("https://vnexpress.net/a.html") and is_url("HTTP://x.vn/")
    assert not is_url("ftp://x.vn/a") and not is_url("https.txt") and not is_url("file:///etc/passwd")
    assert outlet("https://www.vnexpress.net/a") == "vnexpress.net"


@pytest.mark.parametrize(
    ("cap", "waits"), [(120.0, [0, 2.0, 4.0, 8.0, 16.0, 32.0]), (5.0, [0, 2.0, 4.0, 5.0, 5.0, 5.0])]
)
def test_the_pause_before_each_retry_doubles_up_to_the_longest_wait_allowed(cap, waits):
    """The first retry at once, then ``backoff`` seconds, doubling, never longer than ``max_retry_after``."""
    from urllib3.exceptions import ConnectTimeoutError

    from translator.read.fetch import _retry_policy

    policy, seen = _retry_policy(FetchOptions(backoff=2.0, max_retry_after=cap, retries=6)), []
    for _ in waits:
        policy = policy.increment(method="GET", url="/a", error=ConnectTimeoutError())
        seen.append(policy.get_backoff_time())
    assert seen == waits
