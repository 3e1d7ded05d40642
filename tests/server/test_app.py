"""The app around the APIs: every failure as the one JSON line its status says, the pages' cookies
and headers, the login page (in-process: the server's own Starlette app, a test model)."""

from __future__ import annotations

import json
import re

import httpx
import pytest
from starlette.exceptions import HTTPException
from starlette.requests import Request

from tests.server.conftest import serving
from translator.errors import GlossaryError, InputError, ModelError, NetworkError, VietransError
from translator.server.app import PAGE_HEADERS, _api_error, _page
from translator.server.security import ApiError


@pytest.mark.parametrize(
    ("err", "status", "line"),
    [
        (HTTPException(405, "Method Not Allowed"), 405, "Method Not Allowed"),
        (ApiError(429, "too many requests"), 429, "too many requests"),
        (NetworkError("https://a.vn/x: the site did not answer"), 502, "https://a.vn/x: the site did not answer"),
        (ModelError("no model loaded"), 503, "translation engine unavailable: no model loaded"),
        (InputError("a binary file"), 400, "a binary file"),
        (GlossaryError("g.tsv:2: one column"), 400, "g.tsv:2: one column"),
        (VietransError("the memory is locked"), 500, "the memory is locked"),
        (RuntimeError("CUDA error\nTraceback ..."), 500, "internal error (RuntimeError); the server goes on"),
    ],
)  # fmt: skip
def test_each_failure_is_its_status_and_its_one_line(err: Exception, status: int, line: str):
    request = Request({"type": "http", "method": "POST", "path": "/v2/translate", "headers": [], "query_string": b""})
    answer = _api_error(request, err)
    assert (answer.status_code, json.loads(answer.body)) == (status, {"error": line, "message": line})


@pytest.fixture(scope="module")
def locked(copy_model, tmp_path_factory):
    with serving(copy_model, tmp_path_factory.mktemp("app"), api_keys=frozenset({"good-key"})) as running:
        yield running


def _headers_of_a_page(answer: httpx.Response) -> dict[str, str]:
    return {name: answer.headers.get(name) for name in [*PAGE_HEADERS, "content-type"]}


PAGE = {**PAGE_HEADERS, "content-type": "text/html; charset=utf-8"}


def test_the_login_page_and_a_wrong_key_are_the_whole_page_with_its_headers(locked):
    with httpx.Client(base_url=locked.url) as browser:
        page = browser.get("/")
        assert (page.status_code, page.text, _headers_of_a_page(page)) == (200, _page("login.html"), PAGE)
        refused = browser.post("/login", data={"api_key": " wrong "})
        wrong = _page("login.html").replace("<!--error-->", "<p class=error>Sai khoá / Wrong key</p>")
        assert (refused.status_code, refused.text, _headers_of_a_page(refused)) == (403, wrong, PAGE)
        assert "set-cookie" not in refused.headers


def test_a_right_key_opens_a_session_the_pages_send_to_this_site_alone(locked):
    """Its cookie: out of the scripts' reach (HttpOnly), never sent by another site (SameSite strict);
    the key is read without its spaces."""
    with httpx.Client(base_url=locked.url) as browser:
        opened = browser.post("/login", data={"api_key": " good-key\n"})
        assert (opened.status_code, opened.headers["location"]) == (303, "/")
        cookie = opened.headers["set-cookie"]
        assert re.fullmatch(r"vietrans_session=[\w-]+; HttpOnly; Path=/; SameSite=strict", cookie), cookie
        page = browser.get("/")
        assert (page.status_code, page.text, _headers_of_a_page(page)) == (200, _page("index.html"), PAGE)


def test_the_csrf_cookie_is_set_once_for_this_site_alone(served):
    """The page's CSRF token, readable by its script, strict same-site; a browser that has one keeps it."""
    with httpx.Client(base_url=served.url) as browser:
        first = browser.get("/")
        cookie = first.headers["set-cookie"]
        assert re.fullmatch(r"vietrans_csrf=[\w-]{43}; Path=/; SameSite=strict", cookie), cookie
        again = browser.get("/")
        assert (again.status_code, again.text, "set-cookie" in again.headers) == (200, _page("index.html"), False)


@pytest.mark.parametrize("path", ["/", "/v2/usage", "/languages", "/nope", "/static/app.js"])
def test_every_answer_forbids_guessing_its_type(served, path: str):
    assert httpx.get(f"{served.url}{path}").headers.get_list("x-content-type-options") == ["nosniff"]
