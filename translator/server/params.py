"""A request's parameters however they came (query, JSON, form, multipart), and cancellation.

LibreTranslate and DeepL clients send the same fields as a form, as JSON, or repeated
(``text=a&text=b``); every endpoint reads them as lists by name.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request

from translator.server.security import ApiError

T = TypeVar("T")


async def read_params(request: Request, max_files: int = 20) -> dict[str, list]:
    """Every parameter by name, as a list (query first, then the body's)."""
    found: dict[str, list] = {}
    for name, value in request.query_params.multi_items():
        found.setdefault(name, []).append(value)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise ApiError(400, "the body is not valid JSON") from None
            if not isinstance(body, dict):
                raise ApiError(400, "the JSON body must be an object")
            for name, value in body.items():
                found.setdefault(name, []).extend(value if isinstance(value, list) else [value])
        elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.form(max_files=max_files)
            for name, value in form.multi_items():
                found.setdefault(name, []).append(value)
    except ClientDisconnect:
        raise ApiError(400, "the client went away") from None
    return found


def text(params: dict[str, list], name: str, default: str = "") -> str:
    """One text parameter (a file where text was wanted is refused)."""
    values = params.get(name) or [default]
    value = values[0]
    if value is None:
        return default
    if isinstance(value, UploadFile):
        raise ApiError(400, f"{name}: a text was expected, not a file")
    return str(value)


def texts(params: dict[str, list], name: str) -> list[str]:
    values = params.get(name) or []
    if any(not isinstance(v, str) for v in values):
        raise ApiError(400, f"{name}: texts were expected")
    return values


def named_glossary(request: Request, params: dict[str, list], unknown: str) -> str | None:
    """The DeepL glossary a request names, if any; one the server lacks is refused with ``unknown``, the
    API's own words for it (a lookup left to the job once failed as a 500 "internal error")."""
    named = text(params, "glossary_id") or None
    if named:
        try:
            request.app.state.service.glossaries.info(named)
        except KeyError:
            raise ApiError(400, unknown) from None
    return named


def upload(params: dict[str, list], name: str = "file") -> UploadFile:
    values = [v for v in params.get(name) or [] if isinstance(v, UploadFile)]
    if not values:
        raise ApiError(400, f"Invalid request: missing {name} parameter (a multipart file upload)")
    return values[0]


async def unless_gone(request: Request, work: Awaitable[T]) -> T:
    """``work``'s result; cancelled (its sentences dropped before they cost) if the client disconnects,
    or if the body it goes on sending, unread, grows past the limit (then answered 413, not 499)."""
    task = asyncio.ensure_future(work)

    async def watch() -> None:
        while True:
            message = await request.receive()
            if message["type"] == "http.disconnect":
                return

    watcher = asyncio.ensure_future(watch())
    try:
        await asyncio.wait({task, watcher}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await watcher
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        refused = None if watcher.cancelled() else watcher.exception()
        if isinstance(refused, ApiError):  # security.LimitBody, counting the body as it streams in
            raise refused
        raise ApiError(499, "the client went away")
    return task.result()
