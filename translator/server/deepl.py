"""The DeepL API (v2): translate, languages, usage, glossaries and documents.

Its clients (the ``deepl`` packages, CAT-tool plug-ins) work when pointed at the server
(``deepl.Translator(key, server_url="http://127.0.0.1:5000")``).  Source language VI (or
none), target EN, EN-US or EN-GB; a glossary is a vietrans glossary applied on top of
the server's own.  A document comes back in the format it came in, or the one its
``output_format`` asks for (:mod:`translator.server.documents`).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from translator.errors import GlossaryError
from translator.server.documents import deepl_format, render_document
from translator.server.jobs import DONE, ERROR, INTERRUPTED
from translator.server.params import named_glossary, read_params, text, texts, unless_gone, upload
from translator.server.security import ApiError

TARGETS = {"EN": "English", "EN-US": "English (American)", "EN-GB": "English (British)"}


def _pair(params: dict[str, list], needed: bool = True) -> None:
    source = text(params, "source_lang").upper()
    target = text(params, "target_lang").upper()
    if source and source != "VI":
        raise ApiError(400, "Value for 'source_lang' not supported (this server translates Vietnamese, VI).")
    if needed and not target:
        raise ApiError(400, "Parameter 'target_lang' not specified.")
    if target and target not in TARGETS:
        raise ApiError(400, "Value for 'target_lang' not supported (EN, EN-US or EN-GB).")


async def _start(request: Request, max_files: int = 0) -> dict[str, list]:
    params = await read_params(request, max_files=max_files)
    request.app.state.guard.check(request, params)
    return params


async def translate(request: Request) -> Response:
    service = request.app.state.service
    params = await _start(request)
    values = texts(params, "text")
    if not values:
        raise ApiError(400, "Parameter 'text' not specified.")
    _pair(params)
    glossary_id = named_glossary(request, params, "Invalid glossary_id: no such glossary")
    html = text(params, "tag_handling").lower() in ("html", "xml")

    async def one(value: str) -> str:
        if html:
            from translator.translate.markup import translate_html

            return await translate_html(value, lambda doc: service.translate(doc, glossary_id), service.align)
        return (await service.translate_text(value, glossary_id))[0]

    async def work() -> list[str]:
        return [await one(value) for value in values]

    english = await unless_gone(request, work())
    return JSONResponse(
        {
            "translations": [
                {"detected_source_language": "VI", "text": out, "billed_characters": len(value)}
                for value, out in zip(values, english, strict=True)
            ]
        }
    )


async def languages(request: Request) -> Response:
    params = await _start(request)
    if text(params, "type", "source").lower() == "target":
        return JSONResponse(
            [{"language": code, "name": TARGETS[code], "supports_formality": False} for code in ("EN-GB", "EN-US")]
        )
    return JSONResponse([{"language": "VI", "name": "Vietnamese"}])


async def usage(request: Request) -> Response:
    await _start(request)
    return JSONResponse({"character_count": request.app.state.service.characters, "character_limit": 10**15})


async def language_pairs(request: Request) -> Response:
    await _start(request)
    return JSONResponse({"supported_languages": [{"source_lang": "vi", "target_lang": "en"}]})


async def glossaries(request: Request) -> Response:
    params = await _start(request)
    store = request.app.state.service.glossaries
    if request.method == "GET":
        return JSONResponse({"glossaries": store.all()})
    name = text(params, "name").strip()
    if not name:
        raise ApiError(400, "Parameter 'name' not specified.")
    if text(params, "source_lang").upper() != "VI" or text(params, "target_lang").upper() not in TARGETS:
        raise ApiError(400, "Unsupported glossary language pair: this server has vi → en glossaries only.")
    entries = text(params, "entries")
    if not entries.strip():
        raise ApiError(400, "Parameter 'entries' not specified.")
    try:
        info = store.create(name, entries, text(params, "entries_format", "tsv").lower(), "vi", "en")
    except GlossaryError as err:
        raise ApiError(400, f"Invalid glossary entries: {err}") from None
    return JSONResponse(info, status_code=201)


async def glossary(request: Request) -> Response:
    await _start(request)
    store = request.app.state.service.glossaries
    glossary_id = request.path_params["glossary_id"]
    try:
        if request.method == "DELETE":
            store.delete(glossary_id)
            return Response(status_code=204)
        part = request.path_params.get("part")
        if part not in (None, "entries"):
            raise KeyError(part)
        if part == "entries":
            return Response(store.entries(glossary_id), media_type="text/tab-separated-values; charset=utf-8")
        return JSONResponse(store.info(glossary_id))
    except KeyError:
        raise ApiError(404, "Glossary not found") from None


async def document_upload(request: Request) -> Response:
    params = await _start(request, max_files=1)
    _pair(params)
    glossary_id = named_glossary(request, params, "Invalid glossary_id: no such glossary")
    file = upload(params)
    data, name = await file.read(), file.filename or "document"
    output = deepl_format(data, name, text(params, "output_format"))
    job = request.app.state.jobs.add(data, name, glossary_id, whole=True, kind="document", output=output)
    return JSONResponse({"document_id": job.id, "document_key": job.key})


def _document(request: Request, params: dict[str, list]):
    import hmac

    try:
        job = request.app.state.jobs.get(request.path_params["document_id"])
    except KeyError:
        raise ApiError(404, "Document not found") from None
    if not hmac.compare_digest(text(params, "document_key").encode(), job.key.encode()):
        raise ApiError(403, "Wrong document_key for this document")
    return job


async def document_status(request: Request) -> Response:
    params = await _start(request)
    job = _document(request, params)
    answer = {"document_id": job.id, "status": job.status}
    if job.status == DONE:
        answer["billed_characters"] = sum(len(s.source) for s in job.doc.sentences())
    elif job.status in (ERROR, INTERRUPTED):
        answer["status"], answer["error_message"] = ERROR, job.error
    else:
        answer["seconds_remaining"] = 1
    return JSONResponse(answer)


async def document_result(request: Request) -> Response:
    params = await _start(request)
    job = _document(request, params)
    if job.status in (ERROR, INTERRUPTED):
        raise ApiError(400, job.error)
    if job.status != DONE:
        raise ApiError(503, "Document not ready")
    fmt = job.output or "md"
    data, media = await render_document(job, request.app.state.service, fmt)
    name = f"{job.stem}.{fmt}"
    return Response(data, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


ROUTES = [
    Route("/v2/translate", translate, methods=["POST"]),
    Route("/v2/languages", languages, methods=["GET", "POST"]),
    Route("/v2/usage", usage, methods=["GET", "POST"]),
    Route("/v2/glossary-language-pairs", language_pairs, methods=["GET"]),
    Route("/v2/glossaries", glossaries, methods=["GET", "POST"]),
    Route("/v2/glossaries/{glossary_id}", glossary, methods=["GET", "DELETE"]),
    Route("/v2/glossaries/{glossary_id}/{part:str}", glossary, methods=["GET"]),
    Route("/v2/document", document_upload, methods=["POST"]),
    Route("/v2/document/{document_id}", document_status, methods=["POST"]),
    Route("/v2/document/{document_id}/result", document_result, methods=["POST"]),
]
