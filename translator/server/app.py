"""The ASGI application: the three APIs, the web app, and the guards around them.

``create_app(settings)`` builds it; ``vietrans serve`` runs it with uvicorn.  The model
is loaded once when the server starts (the lifespan), before the first request.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from importlib import resources

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from translator.errors import GlossaryError, InputError, ModelError, NetworkError, VietransError
from translator.server import deepl, libre, native
from translator.server.jobs import Jobs
from translator.server.params import read_params, text
from translator.server.security import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    ApiError,
    Guard,
    LimitBody,
    cross_site,
    error_response,
)
from translator.server.service import ServerSettings, Service

log = logging.getLogger("vietrans.server")

# The pages load nothing from elsewhere and run only the server's own script.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def _page(name: str) -> str:
    return resources.files("translator.server").joinpath("static", name).read_text(encoding="utf-8")


async def index(request: Request) -> Response:
    guard: Guard = request.app.state.guard
    if guard.keys and request.cookies.get(SESSION_COOKIE) not in guard.sessions:
        return HTMLResponse(_page("login.html"), headers=PAGE_HEADERS)
    response = HTMLResponse(_page("index.html"), headers=PAGE_HEADERS)
    if not request.cookies.get(CSRF_COOKIE):
        response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), samesite="strict")
    return response


async def login(request: Request) -> Response:
    params = await read_params(request)
    try:
        token = request.app.state.guard.open_session(text(params, "api_key").strip())
    except ApiError:
        return HTMLResponse(
            _page("login.html").replace("<!--error-->", "<p class=error>Sai khoá / Wrong key</p>"),
            status_code=403,
            headers=PAGE_HEADERS,
        )
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict")
    return response


class Shield:
    """ASGI middleware: refuse state-changing requests from other web sites; page-safety headers."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if cross_site(Request(scope)):
            return await error_response(403, "refused: a request from another web site")(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if all(name.lower() != b"x-content-type-options" for name, _ in headers):  # a page sends its own
                    headers.append((b"x-content-type-options", b"nosniff"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _api_error(request: Request, err: Exception) -> Response:
    if isinstance(err, HTTPException):  # Starlette's own: no such route, method not allowed
        return error_response(err.status_code, str(err.detail))
    if isinstance(err, ApiError):
        return error_response(err.status, str(err))
    if isinstance(err, NetworkError):  # a URL the server was asked to fetch
        return error_response(502, str(err))
    if isinstance(err, ModelError):
        return error_response(503, f"translation engine unavailable: {err}")
    if isinstance(err, (InputError, GlossaryError)):
        return error_response(400, str(err))
    if isinstance(err, VietransError):
        return error_response(500, str(err))
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=err)
    return error_response(500, f"internal error ({type(err).__name__}); the server goes on")


def create_app(settings: ServerSettings | None = None, service: Service | None = None) -> Starlette:
    settings = settings or ServerSettings()
    service = service or Service(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await service.start()
        try:
            yield
        finally:  # the jobs still running are marked interrupted before the engine goes
            await app.state.jobs.stop()
            await service.close()

    static = StaticFiles(directory=str(resources.files("translator.server").joinpath("static")))
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/login", login, methods=["POST"]),
        Mount("/static", static, name="static"),
        *libre.ROUTES,
        *deepl.ROUTES,
        *native.ROUTES,
    ]
    hosts = ["*"] if "*" in settings.hosts else list(settings.hosts)
    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
            Middleware(Shield),
            Middleware(
                LimitBody, upload=int(settings.max_upload_mb * 1024 * 1024), other=int(settings.max_request_kb * 1024)
            ),
        ],
        exception_handlers={
            Exception: _api_error,
            HTTPException: _api_error,
            ApiError: _api_error,
            VietransError: _api_error,
        },
    )
    app.state.service = service
    app.state.jobs = Jobs(service)
    app.state.guard = Guard(settings.api_keys, settings.rate_limit)
    return app
