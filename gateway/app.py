"""The gateway's FastAPI app: the chat page and widget, the chat APIs, Telegram, ``/health``."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from limits.aio.storage import Storage
from starlette.exceptions import HTTPException
from starlette.types import Scope
from voordeur_common.redaction import install_redaction

from gateway import texts, widget_look
from gateway.callback import (
    CallbackInputError,
    CallbackRequestBody,
    build_callback_limits,
    idempotency_key,
    melding_body,
    no_outage,
    parse_callback_request,
)
from gateway.conversation import Conversations, RateLimited, build_conversations
from gateway.escalation_client import EscalationClient, EscalationError
from gateway.models import (
    SESSION_ID_PATTERN,
    CallbackErrorResponse,
    CallbackResponse,
    ChatRequest,
    ChatResponse,
    ChatUnavailableResponse,
    EndRequest,
    ErrorResponse,
)
from gateway.organisation import Organisation, load_organisation
from gateway.rasa_client import RasaError, make_http_client
from gateway.rate_limit import RateLimits, make_storage, network_key
from gateway.security import BodyLimitMiddleware, SecurityHeadersMiddleware
from gateway.sessions import is_known, new_session_id
from gateway.settings import Settings, load_settings
from gateway.telegram import Callbacks, TelegramChannel, telegram_router
from gateway.validation import InputError, detail_for_validation_errors
from gateway.whatsapp import DELIVERY_MAX_BYTES, WhatsAppChannel, whatsapp_router
from gateway.whatsapp import WEBHOOK_PATH as WHATSAPP_WEBHOOK_PATH

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
CHANNEL = "web"
templates = Jinja2Templates(directory=PACKAGE_DIR / "templates")


@dataclass(frozen=True)
class GatewayState:
    """What the routes need at run time; built in the lifespan."""

    settings: Settings
    conversations: Conversations
    escalation: EscalationClient
    organisation: Organisation
    callback_limits: RateLimits
    telegram: TelegramChannel | None
    whatsapp: WhatsAppChannel | None = None


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
    state: GatewayState = request.app.state.gateway
    return state


def too_many_requests(retry_after: int) -> JSONResponse:
    """429 with a friendly Dutch message and the seconds to wait in ``Retry-After``."""
    return JSONResponse(
        status_code=429,
        content={"detail": texts.TOO_MANY_REQUESTS},
        headers={"Retry-After": str(retry_after)},
    )


def client_address(request: Request) -> str | None:
    """The network the request came from, as counted by the rate limits (see ``network_key``).

    The proxy's address, unless uvicorn trusts its headers.
    """
    return network_key(request.client.host) if request.client else None


def unknown_session() -> JSONResponse:
    """404 for a session id this gateway never issued."""
    return error_response(404, texts.SESSION_UNKNOWN)


chat_router = APIRouter(route_class=DutchErrorsRoute)


@chat_router.post(
    "/api/v1/chat",
    response_model=ChatResponse,
    responses={
        404: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
        429: {"model": ErrorResponse},
        503: {"model": ChatUnavailableResponse},
    },
)
async def chat(body: ChatRequest, request: Request) -> ChatResponse | JSONResponse:
    """Pass one inwoner message to Rasa under a pseudonym and return the answers.

    Without ``session_id`` a new conversation starts; an id the gateway never issued gives
    ``404``. When Rasa is down, slow or answers nonsense the answer is ``503`` with a Dutch
    ``detail`` (where to get help now), the ``session_id`` to keep and ``terugbelverzoek:
    true`` when a call-back request can be sent (the escalation token is set). The typed
    message is kept as unanswered (in Redis or memory), so the call-back request can carry it.
    """
    state = get_state(request)
    key = state.settings.pseudonym_key.get_secret_value()
    if body.session_id is not None and not is_known(key, body.session_id):
        return unknown_session()
    session_id = body.session_id or new_session_id(key)
    sender = state.conversations.sender(CHANNEL, session_id)
    try:
        await state.conversations.check_limits(sender, client_address(request))
        messages = await state.conversations.send(CHANNEL, sender, body.message)
    except RateLimited as exc:
        return too_many_requests(exc.retry_after)
    except InputError as exc:
        return error_response(422, exc.detail)
    except RasaError:
        callback = state.settings.escalation_api_token is not None
        detail = (
            texts.assistant_unavailable_with_callback(state.organisation)
            if callback
            else texts.assistant_unavailable(state.organisation)
        )
        unavailable = ChatUnavailableResponse(
            detail=detail, session_id=session_id, terugbelverzoek=callback
        )
        return JSONResponse(status_code=503, content=unavailable.model_dump())
    return ChatResponse(session_id=session_id, messages=messages)


@chat_router.post(
    "/api/v1/gesprek/wissen",
    response_model=ErrorResponse,
    responses={404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
async def end_conversation(body: EndRequest, request: Request) -> ErrorResponse | JSONResponse:
    """End and delete a web conversation (see ``Conversations.forget`` for what is deleted)."""
    state = get_state(request)
    if not is_known(state.settings.pseudonym_key.get_secret_value(), body.session_id):
        return unknown_session()
    sender = state.conversations.sender(CHANNEL, body.session_id)
    detail = await state.conversations.forget(CHANNEL, sender)
    return ErrorResponse(detail=detail)


@chat_router.post(
    "/api/v1/terugbelverzoek",
    response_model=CallbackResponse,
    responses={
        403: {"model": ErrorResponse},
        404: {"model": ErrorResponse},
        422: {"model": CallbackErrorResponse},
        429: {"model": ErrorResponse},
        503: {"model": ErrorResponse},
    },
)
async def terugbelverzoek(
    body: CallbackRequestBody, request: Request
) -> CallbackResponse | JSONResponse:
    """Send a call-back request straight to the escalation service as a melding.

    Body: ``session_id``, ``naam``, ``telefoon``, ``vraag``, ``toestemming`` (must be true).
    ``200`` gives the melding's ``referentie`` and ``deadline_tekst``; the same request again
    (a double click) gives the same melding. ``422`` has ``fouten`` per field in Dutch.
    ``403`` when the session did not recently get the "assistant unavailable" answer: a
    call-back is only for an outage. ``429`` with ``Retry-After`` when the sender, its network
    or all inwoners together sent too many. ``503`` when the melding could not be made. The
    ``429`` and ``503`` details give the organisation's and crisis numbers.
    """
    state = get_state(request)
    try:
        callback = parse_callback_request(body)
    except CallbackInputError as exc:
        error = CallbackErrorResponse(detail=str(exc), fouten=exc.fouten)
        return JSONResponse(status_code=422, content=error.model_dump())
    if not is_known(state.settings.pseudonym_key.get_secret_value(), callback.session_id):
        return unknown_session()
    sender = state.conversations.sender(CHANNEL, callback.session_id)
    if not await state.conversations.met_outage(sender):
        return error_response(403, no_outage(state.organisation))
    address = client_address(request)
    client = state.conversations.sender("adres", address) if address else None
    wait = await state.callback_limits.check(sender, client)
    if wait is not None:
        return JSONResponse(
            status_code=429,
            content={"detail": texts.callback_failed(state.organisation)},
            headers={"Retry-After": str(wait)},
        )
    melding = melding_body(callback, sender, await state.conversations.unanswered(sender))
    try:
        created = await state.escalation.create_melding(melding, idempotency_key(sender, melding))
    except EscalationError as exc:
        logger.error("call-back request for sender %s not passed on: %s", sender, exc)
        return error_response(503, texts.callback_failed(state.organisation))
    logger.info("call-back request for sender %s is melding %s", sender, created["referentie"])
    return CallbackResponse(
        detail=texts.callback_received(created["referentie"], created["deadline_tekst"]),
        referentie=created["referentie"],
        deadline_tekst=created["deadline_tekst"],
    )


page_router = APIRouter()


@page_router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the gateway process answers. It does not check Rasa."""
    return {"status": "ok"}


@page_router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> FileResponse:
    """The tab icon for browsers that ask here; the pages link ``/static/favicon.svg``."""
    return FileResponse(PACKAGE_DIR / "static" / "favicon.ico", media_type="image/x-icon")


def _chat_page(request: Request, embedded: bool) -> HTMLResponse:
    state = get_state(request)
    return templates.TemplateResponse(
        request,
        "chat.html",
        {
            "organisation": state.organisation,
            "max_message_length": state.settings.max_message_length,
            "session_id_pattern": SESSION_ID_PATTERN,
            "embedded": embedded,
        },
    )


@page_router.get("/", response_class=HTMLResponse)
async def chat_page(request: Request) -> HTMLResponse:
    """The full-page chat for inwoners."""
    return _chat_page(request, embedded=False)


@page_router.get("/widget", response_class=HTMLResponse)
async def widget_page(request: Request) -> HTMLResponse:
    """The chat inside the widget's frame; only ``GATEWAY_WIDGET_ORIGINS`` may embed it."""
    return _chat_page(request, embedded=True)


@page_router.get("/toegankelijkheid", response_class=HTMLResponse)
async def accessibility_statement(request: Request) -> HTMLResponse:
    """The chat's toegankelijkheidsverklaring: what was tested and what is known not to work."""
    return templates.TemplateResponse(
        request, "toegankelijkheid.html", {"organisation": get_state(request).organisation}
    )


@page_router.get("/widget.js", include_in_schema=False)
def widget_script() -> Response:
    """The one script a web site includes to get the chat button (loaded cross-origin), with
    the button's colours and font from the design tokens (``gateway/widget_look.py``)."""
    static = PACKAGE_DIR / "static"
    return Response(
        widget_look.widget_script((static / "widget.js").read_text("utf-8"), static / "vendor"),
        media_type="text/javascript",
        headers={"Cross-Origin-Resource-Policy": "cross-origin", "Cache-Control": "no-cache"},
    )


def body_limit_bytes(max_message_length: int) -> int:
    """Largest request body accepted: room for the longest message, fully JSON-escaped."""
    return max(16 * 1024, max_message_length * 12 + 1024)


def body_limit_for(scope: Scope) -> int:
    """The body limit for a request, from the running app's settings."""
    if scope.get("path") == WHATSAPP_WEBHOOK_PATH:
        return DELIVERY_MAX_BYTES
    state: GatewayState | None = getattr(scope["app"].state, "gateway", None)
    if state is None:
        return body_limit_bytes(Settings.model_fields["max_message_length"].default)
    return body_limit_bytes(state.settings.max_message_length)


def widget_origins_for(scope: Scope) -> list[str]:
    """The web sites that may show ``/widget`` in a frame, from the running app's settings."""
    state: GatewayState | None = getattr(scope["app"].state, "gateway", None)
    return state.settings.widget_origins if state else []


async def _whatsapp_channel(
    settings: Settings,
    stack: AsyncExitStack,
    conversations: Conversations,
    organisation: Organisation,
    storage: Storage,
    callbacks: Callbacks | None,
) -> WhatsAppChannel | None:
    """The WhatsApp channel when all its settings are set; off (and why, logged) otherwise."""
    missing = settings.whatsapp_missing
    if len(missing) == 4:
        return None
    if missing:
        logger.warning("WhatsApp is switched off: %s not set", ", ".join(missing))
        return None
    assert settings.whatsapp_token and settings.whatsapp_phone_number_id
    assert settings.whatsapp_app_secret and settings.whatsapp_verify_token
    channel = WhatsAppChannel(
        token=settings.whatsapp_token.get_secret_value(),
        phone_number_id=settings.whatsapp_phone_number_id,
        app_secret=settings.whatsapp_app_secret.get_secret_value(),
        verify_token=settings.whatsapp_verify_token.get_secret_value(),
        api_url=settings.whatsapp_api_url,
        conversations=conversations,
        organisation=organisation,
        storage=storage,
        callbacks=callbacks,
    )
    return await stack.enter_async_context(channel)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the gateway app. Without ``settings`` they are read from the environment at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        install_redaction("gateway")
        active = settings or load_settings()
        organisation = load_organisation(active.organisation_file)
        token = active.escalation_api_token
        if token is None:
            logger.warning("ESCALATION_API_TOKEN is not set: call-back requests are switched off")
        storage = make_storage(active.redis_url)
        async with AsyncExitStack() as stack:
            rasa_http = await stack.enter_async_context(
                make_http_client(active.rasa_timeout_seconds)
            )
            escalation_http = await stack.enter_async_context(
                make_http_client(active.escalation_timeout_seconds)
            )
            conversations = build_conversations(active, rasa_http, storage)
            stack.push_async_callback(conversations.aclose)
            escalation = EscalationClient(
                escalation_http, active.escalation_url, token.get_secret_value() if token else None
            )
            callback_limits = build_callback_limits(active, storage)
            callbacks = Callbacks(escalation, callback_limits) if token else None
            telegram = None
            if active.telegram_token and active.telegram_webhook_secret:
                telegram = TelegramChannel(
                    active.telegram_token.get_secret_value(),
                    active.telegram_api_url,
                    active.telegram_webhook_secret.get_secret_value(),
                    conversations,
                    organisation,
                    Callbacks(escalation, callback_limits) if token else None,
                )
                await stack.enter_async_context(telegram)
            whatsapp = await _whatsapp_channel(
                active, stack, conversations, organisation, storage, callbacks
            )
            app.state.gateway = GatewayState(
                settings=active,
                conversations=conversations,
                escalation=escalation,
                organisation=organisation,
                callback_limits=callback_limits,
                telegram=telegram,
                whatsapp=whatsapp,
            )
            if active.rasa_channel_token is None:
                logger.warning(
                    "GATEWAY_RASA_CHANNEL_TOKEN is not set: Rasa refuses messages without it"
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
    app.include_router(telegram_router)
    app.include_router(whatsapp_router)
    app.include_router(page_router)
    app.mount("/static", StaticFiles(directory=PACKAGE_DIR / "static"), name="static")
    app.add_middleware(
        BodyLimitMiddleware, max_bytes=body_limit_for, detail=texts.REQUEST_TOO_LARGE
    )
    app.add_middleware(SecurityHeadersMiddleware, widget_origins=widget_origins_for)
    return app


app = create_app()
