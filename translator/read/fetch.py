"""Fetch web pages and feeds as a good citizen: ``requests`` with urllib3's retry policy.

A run may ask one outlet for fifty articles, so every request is polite and
bounded: a User-Agent that names vietrans, robots.txt respected (unless the
user says otherwise), a pause between two requests to the same host (or the
longer Crawl-delay robots.txt asks for), timeouts, retries with exponential
back-off on timeouts, 429 and 5xx (a ``Retry-After`` honoured, up to a cap),
at most a few redirects, compressed transfer (gzip, deflate, and br with
``brotli`` installed) and a size limit on the decoded body.  A re-run sends
the validators (ETag, Last-Modified) the memory kept, so an unchanged page
costs a 304 and no body.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from translator import __version__
from translator.errors import InputError, NetworkError

USER_AGENT = f"vietrans/{__version__} (offline Vietnamese-English news translation; fetches only what its user names)"
ROBOTS_AGENT = "vietrans"
RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class FetchOptions:
    """How politely and how long to try; the defaults suit a real outlet, tests shorten them."""

    timeout: float = 20.0  # seconds to connect, and between two reads of the answer
    retries: int = 3  # more tries after a timeout, a refused connection, a 429 or a 5xx
    backoff: float = 1.0  # seconds before the second retry (the first is at once), doubling each time
    max_retry_after: float = 120.0  # a longer Retry-After is cut to this (a run never waits for hours)
    delay: float = 1.0  # seconds between two requests to the same host
    max_redirects: int = 5
    max_bytes: int = 20 * 1024 * 1024  # the decoded body; more is not one article (or one feed)
    robots: bool = True  # respect robots.txt


@dataclass
class Fetched:
    """One answer: the body (None for a 304) and what the page says about itself."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int  # 200, or 304 (not modified since the validators sent)
    data: bytes | None  # None for a 304
    content_type: str = ""
    charset: str | None = None  # from the Content-Type header
    etag: str | None = None
    last_modified: str | None = None
    fetched: str = ""  # when, ISO 8601 UTC
    wire_bytes: int = 0  # bytes that crossed the network for the body (compressed)

    @property
    def digest(self) -> str:
        """What a translation was made from: the body's SHA-256."""
        return hashlib.sha256(self.data or b"").hexdigest()


def is_url(text: str) -> bool:
    """An ``http://`` or ``https://`` address (the only ones vietrans fetches)."""
    return text[:8].lower().startswith(("http://", "https://"))


def outlet(url: str) -> str:
    """The outlet a URL belongs to, by its host: ``vnexpress.net`` for ``https://www.vnexpress.net/…``."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


class Fetcher:
    """One HTTP session for a run: connection reuse, each host's robots.txt read once, each host paced."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        import requests
        from requests.adapters import HTTPAdapter

        self.options = options or FetchOptions()
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": _accept_encoding()})
        self.session.max_redirects = self.options.max_redirects
        adapter = HTTPAdapter(max_retries=_retry_policy(self.options))
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._robots: dict[str, object] = {}
        self._last: dict[str, float] = {}  # host → when the last request to it ended
        self._unreachable: dict[str, str] = {}  # host → why it cannot be reached (asked once)
        self.wire_bytes = 0  # every body byte this run downloaded
        self.requests = 0

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def offline(self) -> bool:
        """No server has answered, and a host could not be reached at all: the network is missing."""
        return self.requests == 0 and bool(self._unreachable)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch ``url`` (conditionally, given validators); raise ``NetworkError`` with one line
        when it cannot be had, ``InputError`` when what came is not usable (too big)."""
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 -- a port that is no number from 0 to 65535 raises too
        except ValueError:  # "http://[::1/a": a bracket left open
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"{url}: not an http(s) address")
        host = parts.netloc.lower()
        if host in self._unreachable:
            raise NetworkError(f"{url}: {self._unreachable[host]}")
        if self.options.robots and not self._allowed(url):
            why = (
                "could not be read (a server error), which forbids everything"
                if _robots_unread(self._robots, host)
                else ("asks robots not to fetch this page")
            )
            raise NetworkError(f"{url}: robots.txt of {parts.hostname} {why} (--ignore-robots)")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers)

    def _get(self, url: str, headers: dict[str, str]) -> Fetched:
        import requests

        host = urlsplit(url).netloc.lower()
        self._pace(host)
        try:
            response = self.session.get(url, headers=headers, timeout=self.options.timeout, stream=True)
        except requests.exceptions.TooManyRedirects:
            raise NetworkError(f"{url}: more than {self.options.max_redirects} redirects") from None
        except requests.exceptions.ConnectionError as err:
            why = _connection_problem(err, self.options)
            if _offline(err):
                self._unreachable[host] = why
            raise NetworkError(f"{url}: {why}") from None
        except requests.exceptions.RequestException as err:
            raise NetworkError(f"{url}: {_reason(err)}") from None
        except ValueError as err:  # requests parses a redirect's Location with urllib.parse, which may raise
            raise NetworkError(f"{url}: redirected to an address that cannot be read ({err})") from None
        finally:
            self._last[host] = time.monotonic()
        with response:
            self.requests += 1
            fetched = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
            if response.status_code == 304:
                return Fetched(url, response.url, 304, None, etag=headers.get("If-None-Match"), fetched=fetched)
            if response.status_code >= 400:
                raise NetworkError(
                    f"{url}: the server answered {response.status_code} {response.reason or ''}".rstrip()
                )
            data = self._body(url, response)
            self._last[host] = time.monotonic()
            wire = response.raw.tell() or len(data)
            self.wire_bytes += wire
            content_type = response.headers.get("Content-Type", "")
            return Fetched(
                url,
                response.url,
                response.status_code,
                data,
                content_type=content_type.split(";")[0].strip().lower(),
                charset=_charset(content_type),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
                fetched=fetched,
                wire_bytes=wire,
            )

    def _body(self, url: str, response) -> bytes:
        """The decoded body, read no further than the size limit."""
        import requests

        limit = self.options.max_bytes
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and "Content-Encoding" not in response.headers and int(length) > limit:
            raise InputError(
                f"{url}: {int(length) / 1024 / 1024:.1f} MB is more than the {limit / 1024 / 1024:g} MB allowed"
            )
        chunks, size = [], 0
        try:
            for chunk in response.iter_content(64 * 1024):
                size += len(chunk)
                if size > limit:
                    raise InputError(f"{url}: more than the {limit / 1024 / 1024:g} MB allowed for one page")
                chunks.append(chunk)
        except requests.exceptions.ContentDecodingError as err:
            raise NetworkError(f"{url}: the answer could not be decompressed ({_reason(err)})") from None
        except requests.exceptions.RequestException as err:
            raise NetworkError(f"{url}: the answer broke off ({_reason(err)})") from None
        return b"".join(chunks)

    def _pace(self, host: str) -> None:
        """Wait out the per-host delay (or the host's Crawl-delay, if longer) since its last request."""
        delay = max(self.options.delay, self._crawl_delay(host))
        last = self._last.get(host)
        if last is not None and delay > 0:
            wait = last + delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)

    def _crawl_delay(self, host: str) -> float:
        robots = self._robots.get(host)
        if robots is None or not self.options.robots:
            return 0.0
        return float(robots.crawl_delay(ROBOTS_AGENT) or 0)

    def _allowed(self, url: str) -> bool:
        """robots.txt's word on ``url`` (RFC 9309: none found or 4xx, all allowed; a 5xx, none).
        A host that cannot be reached at all fails the page with that reason."""
        from urllib.robotparser import RobotFileParser

        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            robots = RobotFileParser()
            try:
                answer = self._get(urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", "")), {})
                robots.parse(answer.data.decode("utf-8", errors="replace").splitlines())
            except NetworkError as err:
                reason = str(err).split(": ", 1)[-1]
                if not reason.startswith("the server answered"):
                    raise NetworkError(f"{url}: {reason}") from None
                if reason.startswith("the server answered 5"):
                    robots.disallow_all = True
                else:
                    robots.allow_all = True
            except InputError:
                robots.allow_all = True  # a robots.txt too big to read: treated as none (RFC 9309 allows a cut)
            self._robots[host] = robots
        return self._robots[host].can_fetch(ROBOTS_AGENT, url)


def _robots_unread(robots: dict, host: str) -> bool:
    """robots.txt of ``host`` answered 5xx: RFC 9309 says to fetch nothing there."""
    return getattr(robots.get(host), "disallow_all", False)


def _accept_encoding() -> str:
    """gzip and deflate always; br where a Brotli decoder is installed (urllib3 decodes it then)."""
    try:
        import brotli  # noqa: F401
    except ImportError:
        return "gzip, deflate"
    return "gzip, deflate, br"


def _retry_policy(options: FetchOptions):
    """urllib3's retry: connect and read failures and 429/5xx answers, back-off doubling from
    ``options.backoff``, a server's Retry-After honoured up to ``options.max_retry_after``."""
    from urllib3.util.retry import Retry

    class _CappedRetry(Retry):
        def get_retry_after(self, response):
            after = super().get_retry_after(response)
            return None if after is None else min(after, options.max_retry_after)

    return _CappedRetry(
        total=options.retries,
        connect=options.retries,
        read=options.retries,
        status=options.retries,
        redirect=options.max_redirects,
        backoff_factor=options.backoff / 2,  # urllib3 2: the first retry at once, then factor × 2^(n-1) before retry n
        backoff_max=options.max_retry_after,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,  # the last answer comes back, and says its status in one line
        raise_on_redirect=True,
    )


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _reason(err: Exception) -> str:
    """The innermost cause of a requests/urllib3 failure, in a few words on one line."""
    reason = getattr(err, "args", [None])[0]
    inner = getattr(reason, "reason", None) or reason or err
    if isinstance(inner, Exception) and len(inner.args) == 2 and isinstance(inner.args[1], Exception):
        what, why = str(inner.args[0]), str(inner.args[1])  # urllib3's ProtocolError: (what happened, why)
        text = what if why in what else f"{what.rstrip('.')}: {why}"
    else:
        # urllib3 opens with the connection or pool the failure came from, which the URL already names:
        # "HTTPConnectionPool(host='x', port=80): Read timed out." (urllib3 1.x: "<… object at 0x…>: …").
        owner, sep, rest = str(inner).partition(": ")
        text = rest if sep and ("(host=" in owner or "object at 0x" in owner) else str(inner)
    return " ".join(text.split())  # one line, even where a server's own bytes are quoted ("garbage\r\n")


def _offline(err: Exception) -> bool:
    """The network itself is missing (no name resolution, no route), not one server saying no."""
    from urllib3.exceptions import NameResolutionError

    seen = err
    for _ in range(6):
        if isinstance(seen, NameResolutionError):
            return True
        if isinstance(seen, OSError) and seen.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return True
        nxt = getattr(seen, "reason", None) or (seen.args[0] if getattr(seen, "args", None) else None)
        if not isinstance(nxt, BaseException) or nxt is seen:
            nxt = seen.__cause__ or seen.__context__
        if nxt is None:
            return False
        seen = nxt
    return False


def _connection_problem(err: Exception, options: FetchOptions) -> str:
    import requests

    if isinstance(err, requests.exceptions.ConnectTimeout) or "timed out" in str(err).lower():
        return f"no answer within {options.timeout:g} s, {_tries(options)}"
    if _offline(err):
        return "cannot reach the host (no network, or no such host)"
    if "refused" in str(err).lower():
        return f"the connection was refused ({_tries(options)})"
    return f"cannot connect ({_reason(err)})"


def _tries(options: FetchOptions) -> str:
    """How many tries failed, in words: "1 try" (``retries=0``), "4 tries"."""
    return "1 try" if options.retries == 0 else f"{options.retries + 1} tries"
