"""A small news site on 127.0.0.1 for the tests and the feed benchmark (no test may need the network).

It is a real HTTP server (``http.server`` in a thread), serving the pages it is
given and feeds listing them, with what real outlets do to a client: ETag and
Last-Modified with 304 answers, gzip on request, redirects (and a loop), a
404, a slow answer, a 503 with Retry-After before the page, a Content-Type
whose charset is wrong, a page in Windows-1258 named only by its header (or only
by its meta tag), robots.txt keeping robots out of ``/private/``, documents that
are not HTML (``/files/``, each with its own Content-Type), and feeds (RSS 2.0 with
relative links, RSS 1.0, Atom with ``xml:base``, RSS served as text/html).
Every request is counted with the body bytes sent, so a test can see what a
re-run downloaded.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

MODIFIED = "Fri, 04 Dec 2026 08:00:00 GMT"


@dataclass
class Site:
    """The pages (name → HTML bytes) and what was asked of them."""

    pages: dict[str, bytes]
    titles: dict[str, str] = field(default_factory=dict)  # name → the feed item's title
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # /files/NAME → its body and Content-Type
    hits: Counter = field(default_factory=Counter)  # path → requests
    bodies: Counter = field(default_factory=Counter)  # path → body bytes sent
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # path → the last request's headers
    slow: float = 3.0  # seconds /slow/ waits before answering
    robots_down: bool = False  # robots.txt answers 503
    robots: bytes | None = b"User-agent: *\nDisallow: /private/\n"  # what robots.txt says; None: a 404
    base: str = ""  # http://127.0.0.1:PORT, once serving

    def url(self, path: str) -> str:
        return self.base + path

    def rss(self, names: list[str] | None = None) -> bytes:
        """RSS 2.0 listing the pages by relative links, newest first, a day apart."""
        items = "".join(
            f"<item><title>{escape(self.titles.get(n, n))}</title><link>/sites/{n}</link>"
            f"<description>{escape(self.titles.get(n, n))}</description>"
            f"<pubDate>{email.utils.format_datetime(_day(i))}</pubDate><guid>/sites/{n}</guid></item>"
            for i, n in enumerate(names or list(self.pages))
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Tin</title>'
            f"<link>/</link><description>Tin mới</description>{items}</channel></rss>"
        ).encode()

    def atom(self) -> bytes:
        entries = "".join(
            f'<entry><title>{escape(self.titles.get(n, n))}</title><link href="sites/{n}"/>'
            f"<id>urn:{n}</id><updated>{_day(i).isoformat()}</updated></entry>"
            for i, n in enumerate(self.pages)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
            f'xml:base="{self.base}/"><title>Tin</title><id>urn:feed</id>'
            f"<updated>{_day(0).isoformat()}</updated>{entries}</feed>"
        ).encode()

    def rdf(self) -> bytes:
        """RSS 1.0: the channel lists its items (``items``/``rdf:Seq``, which the format requires)."""
        urls = [f"{self.base}/sites/{n}" for n in self.pages]
        listed = "".join(f'<rdf:li rdf:resource="{url}"/>' for url in urls)
        items = "".join(
            f'<item rdf:about="{url}"><title>{escape(self.titles.get(n, n))}</title><link>{url}</link></item>'
            for n, url in zip(self.pages, urls, strict=True)
        )
        return (
            '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/"><channel rdf:about="{self.base}/feeds/rdf.xml"><title>Tin</title>'
            f"<link>{self.base}/</link><description>Tin</description><items><rdf:Seq>{listed}</rdf:Seq></items>"
            f"</channel>{items}</rdf:RDF>"
        ).encode()


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the five tone marks Windows-1258 writes as combining characters


def cp1258(text: str) -> bytes:
    """``text`` as a Windows-1258 page has it: letters with their vowel marks precomposed (ê, ơ, ă),
    tone marks as combining characters after them (the code page has no room for ệ)."""
    clusters: list[list[str]] = []  # [a letter with its vowel marks, its tone marks]
    for char in unicodedata.normalize("NFD", text):
        if clusters and unicodedata.combining(char):
            clusters[-1][char in _TONES] += char
        else:
            clusters.append([char, ""])
    written = "".join(unicodedata.normalize("NFC", letter) + tones for letter, tones in clusters)
    return written.encode("cp1258", errors="xmlcharrefreplace")


def _day(i: int):
    import datetime as dt

    return dt.datetime(2026, 12, 4, 8, tzinfo=dt.timezone.utc) - dt.timedelta(days=i)


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once (else 40 ms of delayed ACK per request)

    def log_message(self, *args) -> None:  # the tests' output stays clean
        pass

    def do_GET(self) -> None:
        site, path = self.site, self.path
        site.hits[path] += 1
        site.headers[path] = dict(self.headers)
        head, _, name = path[1:].partition("/")
        page = site.pages.get(name)
        if path == "/robots.txt" and site.robots_down:
            return self._send(503, b"down", "text/plain")
        if path == "/robots.txt" and site.robots is not None:
            return self._send(200, site.robots, "text/plain")
        if path == "/feeds/rss.xml":
            return self._cached(site.rss(), "application/rss+xml")
        if path == "/feeds/as-html":
            return self._send(200, site.rss(), "text/html; charset=utf-8")
        if path == "/feeds/atom.xml":
            return self._cached(site.atom(), "application/atom+xml")
        if path == "/feeds/rdf.xml":
            return self._send(200, site.rdf(), "application/rdf+xml")
        if path == "/menu.html":  # a page, but no article
            return self._send(
                200, b"<html><body><nav><a href='/'>Trang ch\xe1\xbb\xa7</a></nav></body></html>", "text/html"
            )
        if path == "/loop":
            return self._redirect("/loop")
        if head == "moved" and page:
            return self._redirect(f"/sites/{name}")
        if head == "slow":
            time.sleep(site.slow)
            return self._send(200, page or b"", "text/html")
        if head == "flaky" and page and site.hits[path] == 1:
            return self._send(503, b"busy", "text/plain", {"Retry-After": "1"})
        if head == "br" and page and "br" in self.headers.get("Accept-Encoding", ""):
            import brotli

            return self._send(200, brotli.compress(page), "text/html; charset=utf-8", {"Content-Encoding": "br"})
        if head == "wrong-charset" and page:  # UTF-8 bytes, a header that says Latin-1
            return self._send(200, page, "text/html; charset=iso-8859-1")
        if head == "cp1258" and page:  # the page's own meta says utf-8; the header is right
            text = page.decode("utf-8")
            return self._send(200, cp1258(text), "text/html; charset=windows-1258")
        if head == "cp1258-meta" and page:  # the page's meta is right, the header names no charset
            text = page.decode("utf-8").replace('charset="utf-8"', 'charset="windows-1258"')
            return self._send(200, cp1258(text), "text/html")
        if head == "files" and name in site.files:
            return self._send(200, *site.files[name])
        if head in ("sites", "flaky", "private") and page:
            return self._cached(page, "text/html; charset=utf-8")
        return self._send(404, b"not found", "text/plain")

    def _cached(self, body: bytes, content_type: str) -> None:
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": MODIFIED}
        if self.headers.get("If-None-Match") == etag or (
            self.headers.get("If-None-Match") is None and self.headers.get("If-Modified-Since") == MODIFIED
        ):
            return self._send(304, b"", content_type, validators)
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            return self._send(200, gzip.compress(body), content_type, {**validators, "Content-Encoding": "gzip"})
        return self._send(200, body, content_type, validators)

    def _redirect(self, target: str) -> None:
        self._send(301, b"", "text/plain", {"Location": target})

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            # Counted before the body leaves: a client may have read it and asserted before the line after.
            self.site.bodies[self.path] += len(body)
            self.wfile.write(body)


@contextmanager
def serve(site: Site) -> Iterator[Site]:
    """``with serve(site) as site:`` a server on 127.0.0.1 at a free port, stopped on exit."""
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    server.handle_error = lambda request, address: None  # a client that gave up (a timeout test) is no error
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
