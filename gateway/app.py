"""The gateway's FastAPI app: the chat page, ``POST /api/v1/chat`` and ``GET /health``."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.types import Scope

from gateway import texts
from gateway.models import SESSION_ID_PATTERN, ChatRequest, ChatResponse, ErrorResponse
from gateway.organisation import Organisation, load_organisation
from gateway.pseudonym import sender_id
from gateway.rasa_client import RasaClient, RasaError, make_http_client
from gateway.security import BodyLimitMiddleware, SecurityHeadersMiddleware
from gateway.settings import Settings, load_settings
from gateway.validation import InputError, clean_message, detail_for_validation_errors

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
CHANNEL = "web"
templates = Jinja2Templates(directory=PACKAGE_DIR / "templates")


@dataclass(frozen=True)
class GatewayState:
    """What the routes need at run time; built in the lifespan."""

    settings: Settings
    rasa: RasaClient
    organisation: Organisation


def error_response(status_code: int, detail: str) -> JSONResponse:
    """A JSON error with a Dutch ``detail`` the chat page can show as it is."""
    return JSONResponse(status_code=status_code, content={"detail": detail})


class DutchErrorsRoute(APIRoute):
    """Turns FastAPI's body parsing and validation errors into a 422 with a Dutch message.

    Covers invalid JSON, bytes that are not UTF-8, wrong types and missing fields, so the
    inwoner never sees an English list of errors or a 500.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def dutch_errors_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return error_response(422, detail_for_validation_errors(exc.errors()))
            except HTTPException as exc:
                if exc.status_code == 400:  # FastAPI could not parse the body at all
                    return error_response(422, texts.UNREADABLE_REQUEST)
                raise

        return dutch_errors_handler


def get_state(request: Request) -> GatewayState:
    """The state the lifespan stored on the app."""
    return request.app.state.gateway


chat_router = APIRouter(route_class=DutchErrorsRoute)


@chat_router.post(
    "/api/v1/chat",
    response_model=ChatResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
async def chat(body: ChatRequest, request: Request) -> ChatResponse | JSONResponse:
    """Pass one inwoner message to Rasa under a pseudonym and return the answers."""
    state = get_state(request)
    try:
        message = clean_message(body.message, state.settings.max_message_length)
    except InputError as exc:
        return error_response(422, exc.detail)
    session_id = body.session_id or secrets.token_urlsafe(24)
    sender = sender_id(state.settings.pseudonym_key.get_secret_value(), CHANNEL, session_id)
    try:
        messages = await state.rasa.send(sender, message)
    except RasaError as exc:
        logger.warning("Rasa gave no usable answer for sender %s: %s", sender, exc)
        return error_response(503, texts.assistant_unavailable(state.organisation))
    return ChatResponse(session_id=session_id, messages=messages)


page_router = APIRouter()


@page_router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the gateway process answers. It does not check Rasa."""
    return {"status": "ok"}


@page_router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    """No icon: answer 204 so browsers do not log a 404 for every visit."""
    return Response(status_code=204)


@page_router.get("/", response_class=HTMLResponse)
async def chat_page(request: Request) -> HTMLResponse:
    """The chat page for inwoners."""
    state = get_state(request)
    return templates.TemplateResponse(
        request,
        "chat.html",
        {
            "organisation": state.organisation,
            "max_message_length": state.settings.max_message_length,
            "session_id_pattern": SESSION_ID_PATTERN,
        },
    )


def body_limit_bytes(max_message_length: int) -> int:
    """Largest request body accepted: room for the longest message, fully JSON-escaped."""
    return max(16 * 1024, max_message_length * 12 + 1024)


def body_limit_for(scope: Scope) -> int:
    """The body limit for a request, from the running app's settings."""
    state: GatewayState | None = getattr(scope["app"].state, "gateway", None)
    if state is None:
        return body_limit_bytes(Settings.model_fields["max_message_length"].default)
    return body_limit_bytes(state.settings.max_message_length)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway app. Without ``settings`` they are read from the environment at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        active = settings or load_settings()
        organisation = load_organisation(active.organisation_file)
        async with make_http_client(active.rasa_timeout_seconds) as http:
            app.state.gateway = GatewayState(
                settings=active,
                rasa=RasaClient(http, active.rasa_url, channel=CHANNEL),
                organisation=organisation,
            )
            logger.info("gateway ready; Rasa at %s", active.rasa_url)
            yield

    app = FastAPI(
        title="Voordeur gateway",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(chat_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=PACKAGE_DIR / "static"), name="static")
    app.add_middleware(
        BodyLimitMiddleware, max_bytes=body_limit_for, detail=texts.REQUEST_TOO_LARGE
    )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


app = create_app()
