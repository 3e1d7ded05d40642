"""A request's parameters however a client sends them (query, JSON, form, multipart), and each
refusal of a parameter as its whole line (through the DeepL endpoints, whose clients send all four)."""

from __future__ import annotations

import httpx
import pytest

ANY_CASE = "Application/JSON; charset=utf-8"
JSON = {"Content-Type": "application/json"}
TWO_FILES = [("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]


def _english(answer: httpx.Response) -> tuple[int, list[str]]:
    return answer.status_code, [t["text"] for t in answer.json()["translations"]]


@pytest.mark.parametrize(
    "request_",
    [
        {"json": {"text": ["Học sâu"], "target_lang": "EN"}},
        {"data": {"text": ["Học sâu"], "target_lang": "EN"}},
        {"content": '{"text": ["Học sâu"], "target_lang": "EN"}', "headers": {"Content-Type": ANY_CASE}},
    ],
    ids=["json", "form", "json-any-case"],
)  # fmt: skip
def test_the_querys_parameters_come_first_then_the_bodys(served, request_: dict):
    answer = httpx.post(f"{served.url}/v2/translate", params={"text": "Học máy"}, **request_)
    assert _english(answer) == (200, ["machine learning", "deep learning"])


def test_a_json_null_is_a_parameter_not_given(served):
    body = {"text": ["<b>Học máy</b>"], "target_lang": "EN", "source_lang": None, "tag_handling": None}
    assert _english(httpx.post(f"{served.url}/v2/translate", json=body))[0] == 200


@pytest.mark.parametrize(
    ("path", "request_", "line"),
    [
        ("/v2/translate", {"content": b"{", "headers": JSON}, "the body is not valid JSON"),
        ("/v2/translate", {"json": {"text": [1], "target_lang": "EN"}}, "text: texts were expected"),
        ("/v2/translate", {"data": {"text": "Học máy", "target_lang": "EN"}, "files": {"text": ("a.txt", b"x")}},
         "Too many files. Maximum number of files is 0."),
        ("/v2/document", {"data": {"target_lang": "EN"}, "files": TWO_FILES},
         "Too many files. Maximum number of files is 1."),
        ("/v2/document", {"data": {"target_lang": "EN", "file": "Học máy"}},
         "Invalid request: missing file parameter (a multipart file upload)"),
    ],
)  # fmt: skip
def test_a_parameter_that_cannot_be_read_is_refused_in_one_line(served, path: str, request_: dict, line: str):
    answer = httpx.post(f"{served.url}{path}", **request_)
    assert (answer.status_code, answer.json()) == (400, {"error": line, "message": line})
