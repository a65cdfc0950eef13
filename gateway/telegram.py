"""Telegram channel (python-telegram-bot 22): the same conversation rules as the web chat.

Two ways in: a webhook (``POST /telegram/webhook``) that only accepts requests carrying
Telegram's secret token header, and long polling (``python -m gateway telegram-poll``) for a
local run with only ``GATEWAY_TELEGRAM_TOKEN``. Rasa, logs and meldingen only ever see the
pseudonym of a chat, never its Telegram id. Bot buttons become inline keyboards. Every Dutch
phone number is sent in international form, which Telegram's apps make tappable
(``gateway/phone_numbers.py``).

When Rasa is down the inwoner gets the honest message and, when call-back requests are on, a
"Bel mij terug" button that shares their own Telegram contact; that becomes a melding marked
"assistent niet beschikbaar" with what they typed, as on the web.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from types import TracebackType
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from gateway import texts
from gateway.callback import from_shared_contact, idempotency_key, melding_body, no_outage
from gateway.conversation import Conversations, RateLimited
from gateway.escalation_client import EscalationClient, EscalationError
from gateway.models import BotMessage
from gateway.organisation import Organisation
from gateway.phone_numbers import with_international_numbers
from gateway.rasa_client import RasaError
from gateway.rate_limit import RateLimits
from gateway.validation import InputError

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
GREETING = "/greet"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)
CALLBACK_DATA_MAX_BYTES = 64
LONG_PAYLOADS = "lange_knoppen"
BUTTONS_ONLY_TEXT = "Kies een antwoord:"
ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove


class Callbacks:
    """What a call-back request needs: the escalation service and its own rate limits."""

    def __init__(self, escalation: EscalationClient, limits: RateLimits) -> None:
        self.escalation = escalation
        self.limits = limits


class TelegramHandlers:
    """The bot's answers to /start, /stop, text messages and button presses."""

    def __init__(
        self,
        conversations: Conversations,
        organisation: Organisation,
        callbacks: Callbacks | None = None,
    ) -> None:
        self._conversations = conversations
        self._organisation = organisation
        self._callbacks = callbacks

    def _sender(self, update: Update) -> str:
        chat = update.effective_chat
        assert chat is not None  # the handlers below only match updates from a chat
        return self._conversations.sender(CHANNEL, str(chat.id))

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Greet: first the privacy notice, then the assistant's own greeting."""
        logger.info("Telegram conversation %s started", self._sender(update))
        await self._reply_text(update, f"{texts.PRIVACY_NOTICE} {texts.TELEGRAM_STOP_HINT}")
        await self._pass_on(update, context, GREETING)

    async def stop(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """End and delete the conversation."""
        text = await self._conversations.forget(CHANNEL, self._sender(update))
        if context.chat_data is not None:
            context.chat_data.clear()
        await self._reply_text(update, text)

    async def text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A typed message goes to the assistant."""
        assert update.effective_message is not None and update.effective_message.text
        await self._pass_on(update, context, update.effective_message.text)

    async def button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A pressed inline button sends its payload to the assistant."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        data = query.data or ""
        long_payloads = (context.chat_data or {}).get(LONG_PAYLOADS, {})
        payload = long_payloads.get(data, data) if data.startswith("#") else data
        if not payload or payload.startswith("#"):
            await self._reply_text(update, texts.TELEGRAM_BUTTON_EXPIRED)
            return
        await self._pass_on(update, context, payload)

    async def contact(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A shared contact ("Bel mij terug") becomes a call-back melding."""
        message, user = update.effective_message, update.effective_user
        assert message is not None and message.contact is not None
        removed = ReplyKeyboardRemove()
        if self._callbacks is None:
            await self._reply_text(update, texts.TELEGRAM_CALLBACK_OFF, removed)
            return
        contact = message.contact
        if user is None or contact.user_id != user.id:
            await self._reply_text(update, texts.TELEGRAM_CONTACT_NOT_OWN)
            return
        sender = self._sender(update)
        if not await self._conversations.met_outage(sender):
            await self._reply_text(update, no_outage(self._organisation), removed)
            return
        if await self._callbacks.limits.check(sender, None) is not None:
            await self._reply_text(update, texts.TOO_MANY_REQUESTS, removed)
            return
        naam = f"{contact.first_name} {contact.last_name or ''}"
        unanswered = await self._conversations.unanswered(sender)
        try:
            request = from_shared_contact(sender, naam, contact.phone_number, unanswered)
        except InputError as exc:
            await self._reply_text(update, exc.detail, removed)
            return
        body = melding_body(request, sender, unanswered, kanaal=CHANNEL)
        try:
            created = await self._callbacks.escalation.create_melding(
                body, idempotency_key(sender, body)
            )
        except EscalationError as exc:
            logger.error("Telegram call-back request of %s not passed on: %s", sender, exc)
            await self._reply_text(update, texts.callback_failed(self._organisation), removed)
            return
        logger.info("Telegram call-back request of %s is melding %s", sender, created["referentie"])
        confirmation = texts.callback_received(created["referentie"], created["deadline_tekst"])
        await self._reply_text(update, confirmation, removed)

    async def _pass_on(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, message: str
    ) -> None:
        sender = self._sender(update)
        try:
            await self._conversations.check_limits(sender, None)
            replies = await self._conversations.send(CHANNEL, sender, message)
        except RateLimited:
            await self._reply_text(update, texts.TOO_MANY_REQUESTS)
            return
        except InputError as exc:
            await self._reply_text(update, exc.detail)
            return
        except RasaError:
            await self._reply_text(update, texts.assistant_unavailable(self._organisation))
            if self._callbacks is not None:
                share = KeyboardButton(texts.TELEGRAM_CALLBACK_BUTTON, request_contact=True)
                keyboard = ReplyKeyboardMarkup([[share]], one_time_keyboard=True)
                await self._reply_text(update, texts.TELEGRAM_CALLBACK_OFFER, keyboard)
            return
        for reply in replies:
            await self._send_bot_message(update, context, reply)

    async def _send_bot_message(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, reply: BotMessage
    ) -> None:
        markup = None
        if reply.buttons:
            rows = [
                [InlineKeyboardButton(button.title, callback_data=self._data(context, payload))]
                for button, payload in ((b, b.payload) for b in reply.buttons)
            ]
            markup = InlineKeyboardMarkup(rows)
        await self._reply_text(update, reply.text or BUTTONS_ONLY_TEXT, markup)

    @staticmethod
    def _data(context: ContextTypes.DEFAULT_TYPE, payload: str) -> str:
        """The payload itself, or a short ``#n`` key for payloads over Telegram's 64 bytes."""
        if len(payload.encode()) <= CALLBACK_DATA_MAX_BYTES and not payload.startswith("#"):
            return payload
        long_payloads: dict[str, str] = context.chat_data.setdefault(LONG_PAYLOADS, {})  # type: ignore[union-attr]
        key = f"#{len(long_payloads)}"
        long_payloads[key] = payload
        return key

    @staticmethod
    async def _reply_text(update: Update, text: str, markup: ReplyMarkup | None = None) -> None:
        """Send ``text`` with every Dutch number in international form, so it is tappable."""
        chat = update.effective_chat
        assert chat is not None
        await chat.send_message(with_international_numbers(text), reply_markup=markup)

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log a failed update without its content (it may hold personal data)."""
        logger.error("Telegram update failed: %s", type(context.error).__name__)


def build_application(
    token: str,
    api_url: str,
    conversations: Conversations,
    organisation: Organisation,
    *,
    polling: bool,
    callbacks: Callbacks | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """A PTB application with our handlers; ``api_url`` is the Bot API (or a stand-in)."""
    builder = Application.builder().token(token).base_url(f"{api_url}/bot")
    builder = builder.base_file_url(f"{api_url}/file/bot")
    if not polling:
        builder = builder.updater(None)
    application = builder.build()
    handlers = TelegramHandlers(conversations, organisation, callbacks)
    # Private chats only: in a group every member would share one pseudonym, and one member's
    # words could end up in another member's call-back melding.
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("start", handlers.start, filters=private))
    application.add_handler(CommandHandler("stop", handlers.stop, filters=private))
    application.add_handler(CallbackQueryHandler(handlers.button))
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.text)
    )
    application.add_handler(MessageHandler(private & filters.CONTACT, handlers.contact))
    application.add_error_handler(handlers.error)
    return application


class TelegramChannel:
    """The webhook side: an initialised application that handles one update per request."""

    def __init__(
        self,
        token: str,
        api_url: str,
        secret: str,
        conversations: Conversations,
        organisation: Organisation,
        callbacks: Callbacks | None = None,
    ) -> None:
        self.secret = secret
        self.application = build_application(
            token, api_url, conversations, organisation, polling=False, callbacks=callbacks
        )

    async def __aenter__(self) -> TelegramChannel:
        await self.application.initialize()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.application.shutdown()

    async def handle(self, data: Any) -> bool:
        """Process one update; ``False`` when ``data`` is not an update."""
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return False
        update = Update.de_json(data, self.application.bot)
        await self.application.process_update(update)
        return True


telegram_router = APIRouter()


@telegram_router.post("/telegram/webhook", include_in_schema=False)
async def telegram_webhook(request: Request) -> Response:
    """Telegram's webhook: 403 without the right secret header, 400 for a body that is no update."""
    state = getattr(request.app.state, "gateway", None)
    channel: TelegramChannel | None = state.telegram if state else None
    if channel is None:
        return JSONResponse(status_code=404, content={"detail": "Telegram is not configured"})
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), channel.secret.encode()):
        return JSONResponse(status_code=403, content={"detail": "wrong secret token"})
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse(status_code=400, content={"detail": "body is not JSON"})
    if not await channel.handle(data):
        return JSONResponse(status_code=400, content={"detail": "body is not a Telegram update"})
    return Response(status_code=200)


async def poll(
    token: str,
    api_url: str,
    conversations: Conversations,
    organisation: Organisation,
    stop: asyncio.Event,
    callbacks: Callbacks | None = None,
) -> None:
    """Long polling until ``stop`` is set (the webhook, if any, is removed first)."""
    application = build_application(
        token, api_url, conversations, organisation, polling=True, callbacks=callbacks
    )
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.2, timeout=1)
        await application.start()
        logger.info("Telegram long polling started")
        await stop.wait()
        await application.updater.stop()
        await application.stop()
