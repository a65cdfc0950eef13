"""The escalation service's FastAPI app: the JSON API, the staff web app and the e-mail sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import (
    http_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from escalation.api import router as api_router
from escalation.db import session_factory
from escalation.dependencies import EscalationState
from escalation.klantinteracties.worker import run_worker
from escalation.notify import run_sender
from escalation.organisation import load_organisation
from escalation.settings import Settings, load_settings
from escalation.staff.body_limit import StaffBodyLimitMiddleware
from escalation.staff.insights_pages import INSIGHTS_PREFIX, insights_router
from escalation.staff.routes import router as staff_router
from escalation.staff.security import (
    CsrfFailed,
    Forbidden,
    LoginRequired,
    StaffNotConfigured,
)
from escalation.staff.session import StaffSessionMiddleware
from escalation.staff.templating import templates
from escalation.staff.throttle import make_login_throttle

logger = logging.getLogger(__name__)
DATABASE_RETRY_SECONDS = 30
STATIC_DIR = Path(__file__).resolve().parent / "static"
STAFF_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    # Ignored over plain http (local runs); behind the TLS proxy it keeps browsers on https.
    "Strict-Transport-Security": "max-age=31536000",
}


def _error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "error.html", {"bericht": message}, status_code=status_code
    )


def _is_staff(request: Request) -> bool:
    return request.url.path.startswith("/staff")


def _add_database_down_handler(app: FastAPI) -> None:
    """The database is away: a clean 503 with a retry hint; the transaction was rolled back."""

    async def _database_down(request: Request, exc: Exception) -> Response:
        orig = exc.orig if isinstance(exc, DBAPIError) else exc
        logger.error("Database unavailable for %s: %s", request.url.path, orig)
        retry = {"Retry-After": str(DATABASE_RETRY_SECONDS)}
        message = "De database is even niet bereikbaar. Probeer het over een halve minuut opnieuw."
        if _is_staff(request):
            response = _error_page(request, 503, message)
            response.headers.update(retry)
            return response
        return JSONResponse({"detail": message}, status_code=503, headers=retry)

    for connection_error in (OperationalError, InterfaceError):
        app.add_exception_handler(connection_error, _database_down)


def _add_staff_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login(request: Request, _exc: LoginRequired) -> Response:
        return RedirectResponse("/staff/login", status.HTTP_303_SEE_OTHER)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, _exc: Forbidden) -> Response:
        return _error_page(request, 403, "U heeft geen toegang tot deze pagina.")

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _exc: CsrfFailed) -> Response:
        message = (
            "Het formulier is verlopen. Ga terug, laad de pagina opnieuw en probeer het nog eens."
        )
        return _error_page(request, 403, message)

    @app.exception_handler(StaffNotConfigured)
    async def _not_configured(request: Request, _exc: StaffNotConfigured) -> Response:
        message = "De medewerkersomgeving is niet ingesteld (ESCALATION_SESSION_SECRET ontbreekt)."
        return _error_page(request, 503, message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if _is_staff(request) and exc.status_code == 404:
            return _error_page(request, 404, "Deze pagina of melding bestaat niet.")
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if _is_staff(request):
            # Only where and what kind: the input may be a password or an inwoner's details.
            problems = [(error.get("loc"), error.get("type")) for error in exc.errors()]
            logger.info("Invalid staff request %s: %s", request.url.path, problems)
            return _error_page(request, 422, "De invoer klopt niet. Ga terug en controleer het.")
        # The API says where and what is wrong, without echoing the input: it may hold personal
        # data, and a lone surrogate in it cannot be encoded (a 500 instead of a 422).
        errors = [
            {key: value for key, value in error.items() if key != "input"} for error in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(errors)})

    @app.middleware("http")
    async def _staff_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if _is_staff(request):
            response.headers.update(STAFF_HEADERS)
        return response


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings come from the environment unless given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        active = settings or load_settings()
        state = EscalationState(
            settings=active,
            organisation=load_organisation(active.organisation_file),
            sessions=session_factory(active.database_url),
            login_throttle=make_login_throttle(active.redis_url),
        )
        app.state.escalation = state
        workers = []
        if active.smtp_enabled:
            workers.append(asyncio.create_task(run_sender(active)))
        if active.klantinteracties_enabled:
            workers.append(asyncio.create_task(run_worker(active)))
        yield
        await state.login_throttle.close()
        for worker in workers:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker

    # No /docs: Swagger UI would load from a CDN. The schema is at /openapi.json.
    app = FastAPI(
        title="Voordeur escalation",
        version="0.2.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(api_router)
    app.include_router(staff_router)
    app.include_router(insights_router(settings), prefix=INSIGHTS_PREFIX, include_in_schema=False)
    app.mount("/staff/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        """The tab icon for browsers that ask here; the pages link /staff/static/favicon.svg."""
        return FileResponse(STATIC_DIR / "favicon.ico", media_type="image/x-icon")

    _add_staff_handlers(app)
    _add_database_down_handler(app)
    app.add_middleware(StaffSessionMiddleware)
    app.add_middleware(StaffBodyLimitMiddleware)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


app = create_app()
