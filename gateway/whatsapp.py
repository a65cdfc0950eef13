"""WhatsApp channel (WhatsApp Business Cloud API, sent with pywa): the web chat's rules.

``GET /whatsapp/webhook`` answers Meta's verify handshake; ``POST /whatsapp/webhook`` takes
only deliveries signed with the app secret (``X-Hub-Signature-256``). Rasa, logs and meldingen
see the pseudonym of a WhatsApp user, never the phone number or WhatsApp id. A message id is
handled once: Meta delivers again when an answer was slow. "stop" ends and deletes the
conversation. Bot buttons become reply buttons or a list (``gateway/whatsapp_format.py``).

When Rasa is down the inwoner gets the honest message and, when call-back requests are on, a
"Bel mij terug" button: pressing it makes a melding with the number they WhatsApp from, marked
"assistent niet beschikbaar", with what they typed, as on the web and in Telegram.
"""

from __future__ import annotations

import logging
from types import TracebackType

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from limits.aio.storage import Storage
from limits.errors import StorageError
from pywa_async import WhatsApp
from pywa_async.errors import WhatsAppError
from pywa_async.types import Button, Section, SectionList, SectionRow

from gateway import texts
from gateway.callback import (
    NAAM_MAX_LENGTH,
    VRAAG_MAX_LENGTH,
    CallbackRequest,
    idempotency_key,
    melding_body,
    no_outage,
    normalise_phone,
)
from gateway.conversation import Conversations, RateLimited
from gateway.escalation_client import EscalationError
from gateway.organisation import Organisation
from gateway.rasa_client import RasaError
from gateway.telegram import Callbacks
from gateway.validation import InputError, clean_message
from gateway.whatsapp_format import LIST_BUTTON, Choice, Outgoing, PayloadKeys, outgoing
from gateway.whatsapp_webhook import (
    SIGNATURE_HEADER,
    Incoming,
    Kind,
    handshake_answer,
    parse_messages,
    signature_valid,
)

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
STOP_WORDS = frozenset({"stop", "/stop"})
CALLBACK_ID = "#terugbellen"
LIST_SECTION = "Keuzes"
# Meta delivers a webhook again for up to 7 days when it got no quick 200.
SEEN_SECONDS = 7 * 24 * 3600
# The privacy notice comes with the first message, then again a day later or after "stop".
NOTICE_SECONDS = 24 * 3600
WEBHOOK_PATH = "/whatsapp/webhook"
# Meta's deliveries are signed, but read before the signature can be checked: room for the
# longest WhatsApp text, fully JSON-escaped, so a long message gets "too long", not silence.
DELIVERY_MAX_BYTES = 512 * 1024
# pywa logs request bodies and answers (phone numbers, texts) below WARNING.
CHATTY_LOGGERS = ("pywa", "pywa_async")

STOP_HINT = "Typ stop om het gesprek te beëindigen en te wissen."
NOT_TEXT = (
    "Ik kan alleen tekst lezen. Foto's, spraakberichten, locaties en bestanden kan ik niet "
    "openen. Typ uw vraag in een bericht."
)
BUTTON_EXPIRED = "Deze knop werkt niet meer. Typ uw antwoord."
CALLBACK_BUTTON = "Bel mij terug"
CALLBACK_OFFER = (
    "Wilt u dat wij u terugbellen? Druk dan op 'Bel mij terug'. Wij bellen u op het nummer "
    "waarmee u nu WhatsAppt. Wij gebruiken uw nummer en naam alleen om u terug te bellen."
)
CALLBACK_OFF = "Terugbellen via WhatsApp kan nu niet. Typ uw vraag, of bel ons."
CALLBACK_NO_NUMBER = (
    "Wij zien uw telefoonnummer niet, dus wij kunnen u niet terugbellen. Bel ons zelf, "
    "of typ uw vraag later opnieuw."
)
CALLBACK_QUESTION = "Terugbelverzoek via WhatsApp. De assistent was niet beschikbaar."


class WhatsAppChannel:
    """Answers the messages of one WhatsApp Business number through the Graph API."""

    def __init__(
        self,
        *,
        token: str,
        phone_number_id: str,
        app_secret: str,
        verify_token: str,
        api_url: str,
        conversations: Conversations,
        organisation: Organisation,
        storage: Storage,
        callbacks: Callbacks | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        for name in CHATTY_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        self.phone_number_id = phone_number_id
        self.app_secret = app_secret
        self.verify_token = verify_token
        self._conversations = conversations
        self._organisation = organisation
        self._storage = storage
        self._callbacks = callbacks
        self._keys = PayloadKeys()
        self._session = httpx.AsyncClient(timeout=timeout_seconds)
        self.client = WhatsApp(
            phone_id=phone_number_id,
            token=token,
            session=self._session,
            validate_updates=False,  # the router checks the signature (whatsapp_webhook)
            filter_updates=False,
            skip_duplicate_updates=False,
        )
        # pywa always aims at graph.facebook.com with its Graph API version; keep the version.
        self._session.base_url = f"{api_url}{self._session.base_url.path}"

    async def __aenter__(self) -> WhatsAppChannel:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self._session.aclose()

    async def handle(self, incoming: Incoming) -> None:
        """Answer one message; a message id seen before is skipped. Never raises for sending."""
        sender = self._conversations.sender(CHANNEL, incoming.address)
        if not await self._first_time(f"whatsapp-bericht/{incoming.message_id}", SEEN_SECONDS):
            logger.info("WhatsApp message of %s delivered again: skipped", sender)
            return
        try:
            await self._answer(sender, incoming)
        except (WhatsAppError, httpx.HTTPError) as exc:
            code = getattr(exc, "code", "")
            logger.error("WhatsApp answer to %s not sent: %s %s", sender, type(exc).__name__, code)

    async def _answer(self, sender: str, incoming: Incoming) -> None:
        address = incoming.address
        try:
            await self._conversations.check_limits(sender, None)
        except RateLimited:
            await self._send(address, Outgoing(texts.TOO_MANY_REQUESTS))
            return
        if incoming.kind is Kind.OTHER:
            await self._send(address, Outgoing(NOT_TEXT))
        elif incoming.kind is Kind.CHOICE:
            await self._choice(sender, incoming)
        elif incoming.content.strip().lower().rstrip(".!") in STOP_WORDS:
            await self._stop(sender, address)
        else:
            if await self._first_time(f"whatsapp-gesprek/{sender}", NOTICE_SECONDS):
                logger.info("WhatsApp conversation %s started", sender)
                await self._send(address, Outgoing(f"{texts.PRIVACY_NOTICE} {STOP_HINT}"))
            await self._pass_on(sender, incoming, incoming.content)

    async def _choice(self, sender: str, incoming: Incoming) -> None:
        chosen = incoming.content
        if chosen == CALLBACK_ID:
            await self._callback(sender, incoming)
            return
        payload = self._keys.payload(sender, chosen) if chosen.startswith("#") else chosen
        if not payload:
            await self._send(incoming.address, Outgoing(BUTTON_EXPIRED))
            return
        await self._pass_on(sender, incoming, payload)

    async def _stop(self, sender: str, address: str) -> None:
        self._keys.forget(sender)
        await self._forget_marker(f"whatsapp-gesprek/{sender}")
        await self._send(address, Outgoing(await self._conversations.forget(CHANNEL, sender)))

    async def _pass_on(self, sender: str, incoming: Incoming, message: str) -> None:
        await self._typing(sender, incoming.message_id)
        try:
            replies = await self._conversations.send(CHANNEL, sender, message)
        except InputError as exc:
            await self._send(incoming.address, Outgoing(exc.detail))
            return
        except RasaError:
            honest = texts.assistant_unavailable(self._organisation)
            await self._send(incoming.address, Outgoing(honest))
            if self._callbacks is not None and incoming.phone is not None:
                offer = Outgoing(CALLBACK_OFFER, buttons=(Choice(CALLBACK_BUTTON, CALLBACK_ID),))
                await self._send(incoming.address, offer)
            return
        for reply in replies:
            for message_out in outgoing(sender, reply, self._keys):
                await self._send(incoming.address, message_out)

    async def _callback(self, sender: str, incoming: Incoming) -> None:
        """ "Bel mij terug" pressed: a melding with the number the inwoner WhatsApps from."""
        address = incoming.address
        if self._callbacks is None:
            await self._send(address, Outgoing(CALLBACK_OFF))
            return
        if incoming.phone is None:
            await self._send(address, Outgoing(CALLBACK_NO_NUMBER))
            return
        if not await self._conversations.met_outage(sender):
            await self._send(address, Outgoing(no_outage(self._organisation)))
            return
        if await self._callbacks.limits.check(sender, None) is not None:
            await self._send(address, Outgoing(texts.TOO_MANY_REQUESTS))
            return
        unanswered = await self._conversations.unanswered(sender)
        try:
            request = _callback_request(sender, incoming, [m.tekst for m in unanswered])
        except InputError as exc:
            await self._send(address, Outgoing(exc.detail))
            return
        body = melding_body(request, sender, unanswered, kanaal=CHANNEL)
        try:
            created = await self._callbacks.escalation.create_melding(
                body, idempotency_key(sender, body)
            )
        except EscalationError as exc:
            logger.error("WhatsApp call-back request of %s not passed on: %s", sender, exc)
            await self._send(address, Outgoing(texts.callback_failed(self._organisation)))
            return
        logger.info("WhatsApp call-back request of %s is melding %s", sender, created["referentie"])
        confirmation = texts.callback_received(created["referentie"], created["deadline_tekst"])
        await self._send(address, Outgoing(confirmation))

    async def _send(self, address: str, message: Outgoing) -> None:
        buttons: list[Button] | SectionList | None = None
        if message.buttons:
            buttons = [Button(title=c.title, callback_data=c.id) for c in message.buttons]
        elif message.rows:
            rows = [SectionRow(c.title, c.id, c.description) for c in message.rows]
            buttons = SectionList(LIST_BUTTON, [Section(LIST_SECTION, rows)])
        await self.client.send_message(to=address, text=message.text, buttons=buttons)

    async def _typing(self, sender: str, message_id: str) -> None:
        """Mark the message read and show "typing..." while Rasa thinks (up to 25 s)."""
        try:
            await self.client.indicate_typing(message_id)
        except (WhatsAppError, httpx.HTTPError) as exc:
            code = getattr(exc, "code", "")
            logger.warning(
                "WhatsApp typing indicator for %s failed: %s %s", sender, type(exc).__name__, code
            )

    async def _first_time(self, key: str, seconds: int) -> bool:
        """Count ``key`` in the limits store; ``True`` only the first time within ``seconds``.

        Shared by every gateway instance when the store is Redis. When the store fails the
        message is handled (and the failure logged): better an answer twice than none.
        """
        try:
            return await self._storage.incr(key, seconds) == 1
        except StorageError as exc:
            logger.error("WhatsApp store failed for %s: %s", key.split("/")[0], exc)
            return True

    async def _forget_marker(self, key: str) -> None:
        try:
            await self._storage.clear(key)
        except StorageError as exc:
            logger.error("WhatsApp store failed for %s: %s", key.split("/")[0], exc)


def _callback_request(sender: str, incoming: Incoming, typed: list[str]) -> CallbackRequest:
    """The call-back request: pressing "Bel mij terug" after the offer is the consent."""
    assert incoming.phone is not None
    number = normalise_phone(f"+{incoming.phone}")
    question = "\n".join(typed)[:VRAAG_MAX_LENGTH]
    vraag = clean_message(question, VRAAG_MAX_LENGTH) if question.strip() else CALLBACK_QUESTION
    raw_name = (incoming.name or "")[:NAAM_MAX_LENGTH]
    naam = clean_message(raw_name, NAAM_MAX_LENGTH) if raw_name.strip() else "Onbekend (WhatsApp)"
    return CallbackRequest(session_id=sender, naam=naam, telefoon=number, vraag=vraag)


whatsapp_router = APIRouter()


def _channel(request: Request) -> WhatsAppChannel | None:
    state = getattr(request.app.state, "gateway", None)
    return getattr(state, "whatsapp", None) if state else None


@whatsapp_router.get(WEBHOOK_PATH, include_in_schema=False)
async def whatsapp_verify(request: Request) -> Response:
    """Meta's verify handshake: echo ``hub.challenge`` when ``hub.verify_token`` is ours."""
    channel = _channel(request)
    if channel is None:
        return JSONResponse(status_code=404, content={"detail": "WhatsApp is not configured"})
    challenge = handshake_answer(dict(request.query_params), channel.verify_token)
    if challenge is None:
        return JSONResponse(status_code=403, content={"detail": "wrong verify token"})
    return PlainTextResponse(challenge)


@whatsapp_router.post(WEBHOOK_PATH, include_in_schema=False)
async def whatsapp_webhook(request: Request) -> Response:
    """Meta's deliveries: 401 without a signature, 403 with a wrong one, 400 for no update."""
    channel = _channel(request)
    if channel is None:
        return JSONResponse(status_code=404, content={"detail": "WhatsApp is not configured"})
    body = await request.body()
    signature = request.headers.get(SIGNATURE_HEADER)
    if not signature:
        return JSONResponse(status_code=401, content={"detail": "signature missing"})
    if not signature_valid(body, signature, channel.app_secret):
        return JSONResponse(status_code=403, content={"detail": "wrong signature"})
    try:
        data = await request.json()
    except ValueError:
        return JSONResponse(status_code=400, content={"detail": "body is not JSON"})
    messages = parse_messages(data, channel.phone_number_id)
    if messages is None:
        return JSONResponse(status_code=400, content={"detail": "body is not a WhatsApp update"})
    for incoming in messages:
        await channel.handle(incoming)
    return Response(status_code=200)
