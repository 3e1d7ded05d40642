"""What keeps a local server safe: keys, rate limits, size limits, cross-site refusals, one-line errors.

* ``--api-keys FILE`` (one key a line, ``#`` comments): every API call needs one, as
  LibreTranslate's ``api_key``, DeepL's ``Authorization: DeepL-Auth-Key …`` (or ``auth_key``),
  or, for the pages, a session cookie got by entering a key once.  Wrong or missing: 403.
* Rate limits per key (without keys: per client address): 429 past ``rate_limit`` a minute.
* Bodies larger than the limits: 413, counted as they stream in (a lying Content-Length too).
* A request whose Host is not the server's own is refused (DNS rebinding); a state-changing
  request from another web site (its ``Origin``, or ``Sec-Fetch-Site: cross-site``) is refused;
  browser extensions and scripts (no Origin) are served.  The web app's edits also need the
  double-submit token (cookie ``vietrans_csrf`` echoed in ``X-CSRF-Token``).
* Every error is one JSON line ``{"error": …, "message": …}`` (LibreTranslate reads ``error``,
  DeepL clients ``message``); never a traceback.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import JSONResponse

from translator.errors import InputError

SESSION_COOKIE = "vietrans_session"
CSRF_COOKIE = "vietrans_csrf"
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
_EXTENSION_SCHEMES = ("chrome-extension", "moz-extension", "safari-web-extension")


class ApiError(Exception):
    """An answer other than 200, with its one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "message": message}, status_code=status)


def read_keys(path: Path) -> frozenset[str]:
    """The keys of an ``--api-keys`` file (one a line; blank lines and ``#`` comments skipped)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read the API keys ({err})") from None
    keys = frozenset(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    if not keys:
        raise InputError(f"{path}: no API keys in the file (one a line)")
    return keys


class Guard:
    """Keys, sessions and rate limits of one server."""

    def __init__(self, keys: frozenset[str], rate_limit: int) -> None:
        self.keys = keys
        self.rate_limit = rate_limit
        self.sessions: dict[str, str] = {}  # session token → the key it was opened with
        self._calls: dict[str, deque[float]] = {}

    def valid(self, key: str | None) -> bool:
        return bool(key) and any(hmac.compare_digest(key.encode(), k.encode()) for k in self.keys)

    def key_of(self, request: Request, params: dict[str, list] | None = None) -> str | None:
        header = request.headers.get("authorization", "")
        if header.startswith("DeepL-Auth-Key "):
            return header.removeprefix("DeepL-Auth-Key ").strip()
        for name in ("api_key", "auth_key"):
            value = (params or {}).get(name) or request.query_params.getlist(name)
            if value and isinstance(value[0], str):
                return value[0]
        return self.sessions.get(request.cookies.get(SESSION_COOKIE, ""))

    def check(self, request: Request, params: dict[str, list] | None = None) -> str:
        """The caller's identity for the rate limit; ``ApiError`` 403 or 429 if it may not call."""
        key = self.key_of(request, params)
        if self.keys and not self.valid(key):
            raise ApiError(403, "Invalid API key" if key else "An API key is needed (the server has --api-keys)")
        identity = key if self.keys else (request.client.host if request.client else "local")
        if self.rate_limit:
            now = time.monotonic()
            calls = self._calls.setdefault(identity, deque())
            while calls and calls[0] < now - 60:
                calls.popleft()
            if len(calls) >= self.rate_limit:
                raise ApiError(429, f"Slowdown: more than {self.rate_limit} requests a minute; try again shortly")
            calls.append(now)
        return identity

    def open_session(self, key: str) -> str:
        if not self.valid(key):
            raise ApiError(403, "Invalid API key")
        token = secrets.token_urlsafe(32)
        self.sessions[token] = key
        return token


def check_csrf(request: Request) -> None:
    """The web app's edits: the token in the cookie must come back in the header."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    header = request.headers.get("x-csrf-token", "")
    if not cookie or not hmac.compare_digest(cookie.encode(), header.encode()):
        raise ApiError(403, "missing or wrong CSRF token: reload the page")


def cross_site(request: Request) -> bool:
    """A state-changing request sent by another web site's page."""
    if request.method in _SAFE_METHODS:
        return False
    origin = request.headers.get("origin")
    if origin:
        parts = urlsplit(origin)
        if parts.scheme in _EXTENSION_SCHEMES:
            return False
        return origin == "null" or parts.netloc != request.headers.get("host", "")
    return request.headers.get("sec-fetch-site") == "cross-site"


class LimitBody:
    """ASGI middleware: 413 for a body over the limit (uploads: ``upload`` bytes; others: ``other``),
    before the application reads it whole."""

    def __init__(self, app, upload: int, other: int) -> None:
        self.app = app
        self.upload = upload
        self.other = other

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        multipart = headers.get(b"content-type", b"").startswith(b"multipart/")
        limit = self.upload if multipart else self.other
        length = headers.get(b"content-length", b"0")
        too_big = error_response(413, f"the request is larger than the {limit // 1024} KB allowed")
        if length.isdigit() and int(length) > limit:
            return await too_big(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                raise ApiError(413, f"the request is larger than the {limit // 1024} KB allowed")
            return message

        await self.app(scope, counted, send)
