"""vietrans's own API, which the web app uses: jobs, the sentence table, reviews, the glossary, exports.

Reading needs a key (with ``--api-keys``); edits (a review, a glossary change) also need the
page's CSRF token, so no other web site can make them in a user's name.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from translator import __version__
from translator.errors import GlossaryError
from translator.export import FORMATS
from translator.server.params import named_glossary, read_params, text, texts, unless_gone
from translator.server.security import ApiError, check_csrf


async def _start(request: Request, edit: bool = False, max_files: int = 0) -> dict[str, list]:
    params = await read_params(request, max_files=max_files)
    request.app.state.guard.check(request, params)
    if edit:
        check_csrf(request)
    return params


def _job(request: Request):
    try:
        return request.app.state.jobs.get(request.path_params["job_id"])
    except KeyError:
        raise ApiError(404, "no such job") from None


async def status(request: Request) -> Response:
    await _start(request)
    service = request.app.state.service
    stats = service.batcher.stats
    return JSONResponse(
        {
            "vietrans": __version__,
            "model": service.package.label if service.package else "",
            "test_model": bool(service.package and service.package.is_test),
            "batches": stats.batches,
            "sentences": stats.sentences,
            "requests": stats.requests,
            "mean_batch": round(stats.mean_batch, 2),
            "dropped": stats.dropped,
            "busy_s": round(stats.busy, 3),
            "formats": {name: spec.description for name, spec in FORMATS.items()},
        }
    )


async def translate(request: Request) -> Response:
    """Text in, the sentence table out (waits for it): the JSON Lines fields of every sentence."""
    params = await _start(request)
    source = text(params, "text")
    if not source.strip():
        raise ApiError(400, "text: nothing to translate")
    job = request.app.state.jobs.add(
        source.encode("utf-8"),
        text(params, "name", "text.txt"),
        named_glossary(request, params, "glossary_id: no such glossary"),
    )
    await unless_gone(request, job.task)
    if job.error:
        raise ApiError(400, job.error)
    return JSONResponse({**job.summary(), "rows": job.rows(), "warnings": job.doc.warnings})


async def jobs(request: Request) -> Response:
    """GET: the history; POST: new jobs from pasted ``text``, uploaded ``file``s, or ``urls`` (one a line:
    pages and feeds; answered with a batch id whose progress ``/api/batches/ID`` tells), answered at once."""
    params = await _start(request, max_files=50)
    store = request.app.state.jobs
    if request.method == "GET":
        return JSONResponse([job.summary() for job in store.all()])
    glossary_id = named_glossary(request, params, "glossary_id: no such glossary")
    urls = [u.strip() for value in texts(params, "urls") for u in value.splitlines() if u.strip()]
    urls = [u for u in urls if not u.startswith("#")]
    if urls:  # a batch: URLs and feeds, fetched now, translated in the background
        if not request.app.state.service.settings.fetch_urls:
            raise ApiError(403, "this server does not fetch URLs (started with --no-urls)")
        batch, started, warnings = await store.add_urls(urls, glossary_id)
        answer = {"batch": batch, "jobs": [job.summary() for job in started], "warnings": warnings}
        return JSONResponse(answer, status_code=202)
    started = []
    if text(params, "text").strip():
        started.append(store.add(text(params, "text").encode("utf-8"), text(params, "name", "text.txt"), glossary_id))
    for file in params.get("file") or []:
        if isinstance(file, str):
            raise ApiError(400, "file: a file upload was expected")
        started.append(store.add(await file.read(), file.filename or "upload", glossary_id, kind="file"))
    if not started:
        raise ApiError(400, "nothing to translate: send text or a file")
    return JSONResponse([job.summary() for job in started], status_code=202)


async def batch(request: Request) -> Response:
    await _start(request)
    try:
        return JSONResponse(request.app.state.jobs.batch(request.path_params["batch"]))
    except KeyError:
        raise ApiError(404, "no such batch") from None


async def job(request: Request) -> Response:
    await _start(request)
    found = _job(request)
    answer = {**found.summary(), "rows": found.rows(), "formats": list(FORMATS)}
    if found.doc is not None:
        answer["warnings"] = found.doc.warnings
        answer["removed"] = [{"text": r.text, "reason": r.reason} for r in found.doc.removed]
    return JSONResponse(answer)


async def export(request: Request) -> Response:
    await _start(request)
    data, name = _job(request).export(request.path_params["fmt"])
    return Response(
        data, media_type="application/octet-stream", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


async def rerun(request: Request) -> Response:
    """Run a job again (one the server's stop interrupted, or one that failed) under its own id."""
    await _start(request, edit=True)
    job = await request.app.state.jobs.rerun(_job(request))
    return JSONResponse(job.summary(), status_code=202)


async def review(request: Request) -> Response:
    params = await _start(request, edit=True)
    if request.app.state.service.memory is None:  # a review lives in the memory, where the English is taken from
        raise ApiError(409, "this server keeps no translation memory (started with --no-cache): reviews cannot be kept")
    rows = params.get("rows") or []
    if not all(isinstance(row, dict) for row in rows):
        raise ApiError(400, "rows: a list of {n, id, english, status, comment} objects was expected")
    return JSONResponse(await request.app.state.jobs.review(_job(request), rows))


async def glossary(request: Request) -> Response:
    """GET: search; POST: add or change an entry of the server's glossary."""
    params = await _start(request, edit=request.method == "POST")
    store = request.app.state.service.glossaries
    try:
        if request.method == "GET":
            return JSONResponse({"entries": store.search(text(params, "q")), "file": str(store.editable.name)})
        fields = {name: text(params, name) for name in ("vi", "en", "note", "domain", "case", "adj", "match")}
        store.add(fields, replace=text(params, "replace").lower() in ("1", "true", "yes", "on"))
    except GlossaryError as err:
        raise ApiError(400, str(err).replace(str(store.folder) + "/", "")) from None
    return JSONResponse({"ok": True})


async def glossary_remove(request: Request) -> Response:
    params = await _start(request, edit=True)
    store = request.app.state.service.glossaries
    try:
        removed = store.remove(text(params, "vi"))
    except GlossaryError as err:
        raise ApiError(400, str(err).replace(str(store.folder) + "/", "")) from None
    return JSONResponse({"removed": removed})


async def glossary_import(request: Request) -> Response:
    params = await _start(request, edit=True, max_files=1)
    files = [f for f in params.get("file") or [] if not isinstance(f, str)]
    if not files:
        raise ApiError(400, "file: a glossary file (TSV, CSV or TBX) was expected")
    store = request.app.state.service.glossaries
    try:
        count = store.import_data(await files[0].read(), text(params, "format") or None, files[0].filename or "upload")
    except GlossaryError as err:
        raise ApiError(400, str(err).replace(str(store.folder) + "/", "")) from None
    return JSONResponse({"imported": count})


async def glossary_export(request: Request) -> Response:
    params = await _start(request)
    from translator.glossary.files import FORMATS as GLOSSARY_FORMATS

    fmt = text(params, "format", "tsv")
    if fmt not in GLOSSARY_FORMATS:
        raise ApiError(400, f"format: one of {', '.join(GLOSSARY_FORMATS)}")
    suffix = {"tbx": "tbx", "tsv": "tsv"}.get(fmt, "csv")
    return Response(
        request.app.state.service.glossaries.export(fmt),
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="glossary.{suffix}"'},
    )


ROUTES = [
    Route("/api/status", status, methods=["GET"]),
    Route("/api/translate", translate, methods=["POST"]),
    Route("/api/jobs", jobs, methods=["GET", "POST"]),
    Route("/api/batches/{batch}", batch, methods=["GET"]),
    Route("/api/jobs/{job_id}", job, methods=["GET"]),
    Route("/api/jobs/{job_id}/export/{fmt}", export, methods=["GET"]),
    Route("/api/jobs/{job_id}/review", review, methods=["POST"]),
    Route("/api/jobs/{job_id}/rerun", rerun, methods=["POST"]),
    Route("/api/glossary", glossary, methods=["GET", "POST"]),
    Route("/api/glossary/remove", glossary_remove, methods=["POST"]),
    Route("/api/glossary/import", glossary_import, methods=["POST"]),
    Route("/api/glossary/export", glossary_export, methods=["GET"]),
]
