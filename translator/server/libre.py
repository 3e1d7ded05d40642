"""The LibreTranslate API: ``/translate``, ``/languages``, ``/detect``, ``/translate_file``, ``/frontend/settings``.

Answers and error shapes as LibreTranslate gives them, so its clients (libretranslatepy,
browser extensions, chat bots) work unchanged: point them at ``http://127.0.0.1:5000/``.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from translator.read.encoding import looks_vietnamese
from translator.server.documents import libre_format, render_document
from translator.server.params import read_params, text, unless_gone, upload
from translator.server.security import ApiError

SOURCES = ("vi", "auto")
TARGETS = ("en",)
FILE_FORMATS = [".txt", ".md", ".html", ".docx", ".odt", ".pdf"]


def _languages() -> list[dict]:
    return [
        {"code": "vi", "name": "Vietnamese", "targets": ["en"]},
        {"code": "en", "name": "English", "targets": []},
    ]


def _check_pair(params: dict[str, list]) -> tuple[str, str]:
    source = text(params, "source", "auto").lower()
    target = text(params, "target", "").lower()
    if not target:
        raise ApiError(400, "Invalid request: missing target parameter")
    if source not in SOURCES:
        raise ApiError(400, f"{source} is not supported (this server translates Vietnamese, vi)")
    if target.split("-")[0] not in TARGETS:
        raise ApiError(400, f"{target} is not supported (this server translates into English, en)")
    return source, target


def _detected(sample: str) -> dict:
    return {"confidence": 90.0 if looks_vietnamese(sample) else 0.0, "language": "vi"}


async def translate(request: Request) -> Response:
    service = request.app.state.service
    params = await read_params(request)
    request.app.state.guard.check(request, params)
    values = params.get("q")
    if not values or values == [None]:
        raise ApiError(400, "Invalid request: missing q parameter")
    if any(not isinstance(v, str) for v in values):
        raise ApiError(400, "Invalid request: q must be a text or a list of texts")
    source, _ = _check_pair(params)
    html = text(params, "format", "text").lower() == "html"
    many = request.headers.get("content-type", "").startswith("application/json") and isinstance(
        (await request.json()).get("q"), list
    )

    async def work() -> list[str]:
        results = []
        for value in values:
            if html:
                from translator.translate.markup import translate_html

                results.append(await translate_html(value, service.translate, service.align))
            else:
                results.append((await service.translate_text(value))[0])
        return results

    english = await unless_gone(request, work())
    answer: dict = {"translatedText": english if many else english[0]}
    if source == "auto":
        detected = [_detected(v) for v in values]
        answer["detectedLanguage"] = detected if many else detected[0]
    return JSONResponse(answer)


async def languages(request: Request) -> Response:
    request.app.state.guard.check(request, await read_params(request))
    return JSONResponse(_languages())


async def detect(request: Request) -> Response:
    params = await read_params(request)
    request.app.state.guard.check(request, params)
    sample = text(params, "q")
    if not sample:
        raise ApiError(400, "Invalid request: missing q parameter")
    return JSONResponse([_detected(sample)])


async def translate_file(request: Request) -> Response:
    """An upload translated into a file of its own format (a PDF or ODT: Word without LibreOffice)."""
    params = await read_params(request, max_files=1)
    request.app.state.guard.check(request, params)
    _check_pair(params)
    file = upload(params)
    data, name = await file.read(), file.filename or "upload"
    job = request.app.state.jobs.add(data, name, kind="file", output=libre_format(data, name))
    await unless_gone(request, job.task)
    if job.error:
        raise ApiError(400, job.error)
    await unless_gone(request, render_document(job, request.app.state.service, job.output))  # (a PDF: kept)
    url = request.url_for("download_file", job_id=job.id, name=f"{job.stem}.en.{job.output}")
    return JSONResponse({"translatedFileUrl": str(url)})


async def download_file(request: Request) -> Response:
    """A translated file by its random id (the link is the permission, as in LibreTranslate)."""
    try:
        job = request.app.state.jobs.get(request.path_params["job_id"])
    except KeyError:
        raise ApiError(404, "Not found") from None
    if job.doc is None:
        raise ApiError(404, job.error or "Not found")
    fmt = job.output or libre_format(job.data, job.name)
    data, media = await render_document(job, request.app.state.service, fmt)
    name = f"{job.stem}.en.{fmt}"
    return Response(data, headers={"Content-Disposition": f'attachment; filename="{name}"'}, media_type=media)


async def frontend_settings(request: Request) -> Response:
    return JSONResponse(
        {
            "charLimit": -1,
            "frontendTimeout": 500,
            "apiKeys": bool(request.app.state.guard.keys),
            "keyRequired": bool(request.app.state.guard.keys),
            "suggestions": False,
            "filesTranslation": True,
            "supportedFilesFormat": FILE_FORMATS,
            "language": {"source": {"code": "vi", "name": "Vietnamese"}, "target": {"code": "en", "name": "English"}},
        }
    )


ROUTES = [
    Route("/translate", translate, methods=["POST"]),
    Route("/languages", languages, methods=["GET", "POST"]),
    Route("/detect", detect, methods=["POST"]),
    Route("/translate_file", translate_file, methods=["POST"]),
    Route("/download_file/{job_id}/{name}", download_file, methods=["GET"], name="download_file"),
    Route("/frontend/settings", frontend_settings, methods=["GET"]),
]
