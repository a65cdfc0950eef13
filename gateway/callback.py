"""The call-back request (terugbelverzoek) an inwoner leaves when the assistant is down.

``parse_callback_request`` checks the form and gives Dutch messages per field;
``melding_body`` and ``idempotency_key`` turn a valid request into what the escalation
service expects (see ``docs/contracts.md``). A call-back is only for a session that met an
outage (``OutageRecords``), within per-sender, per-network and global limits, and only to a
Dutch mobile or fixed-line number (``normalise_phone``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from limits.aio.storage import Storage
from limits.errors import StorageError
from pydantic import BaseModel, ConfigDict
from voordeur_common.phone import PhoneError, PhoneProblem, callable_number

from gateway import texts
from gateway.models import SESSION_ID_PATTERN
from gateway.organisation import Organisation
from gateway.rate_limit import RateLimits
from gateway.settings import Settings
from gateway.unanswered import UnansweredMessage
from gateway.validation import InputError, clean_message

NAAM_MAX_LENGTH = 200
VRAAG_MAX_LENGTH = 1000
TELEFOON_MAX_LENGTH = 40
ONDERWERP = "Terugbelverzoek"
BRON = "assistent_niet_beschikbaar"
_SESSION_ID = re.compile(SESSION_ID_PATTERN)
PHONE_NOT_CALLABLE = (
    "Wij kunnen alleen terugbellen naar een Nederlands mobiel nummer (06) of een vast nummer, "
    "zoals 020 1234567. Nummers met 0800, 0900, 0906, 0909 of 088 kunnen niet."
)

logger = logging.getLogger(__name__)


def no_outage(organisation: Organisation) -> str:
    """Why a call-back request was refused for a session that met no outage, and what to do."""
    text = "Een terugbelverzoek kan alleen als de assistent uw bericht niet kon beantwoorden."
    if organisation.phone:
        return f"{text} Stel uw vraag in de chat, of bel ons op {organisation.phone}."
    return f"{text} Stel uw vraag in de chat."


class CallbackRequestBody(BaseModel):
    """The JSON the page sends; types are checked by ``parse_callback_request``, in Dutch."""

    model_config = ConfigDict(extra="ignore")

    session_id: Any = None
    naam: Any = None
    telefoon: Any = None
    vraag: Any = None
    toestemming: Any = None


@dataclass(frozen=True)
class CallbackRequest:
    """A valid call-back request; ``telefoon`` is in E.164 form."""

    session_id: str
    naam: str
    telefoon: str
    vraag: str


class CallbackInputError(ValueError):
    """One or more fields are wrong; ``fouten`` maps field name to a Dutch message."""

    def __init__(self, fouten: dict[str, str]) -> None:
        super().__init__(next(iter(fouten.values())))
        self.fouten = fouten


def normalise_phone(raw: str) -> str:
    """A Dutch mobile or fixed-line number as E.164, or ``InputError`` in Dutch.

    The rule is ``voordeur_common.phone``: foreign numbers and Dutch service numbers (0800,
    0900, 0906, 0909, 088, ...) are refused with a message that says which are accepted.
    """
    if len(raw) > TELEFOON_MAX_LENGTH:
        raise InputError(texts.PHONE_INVALID)
    try:
        return callable_number(raw)
    except PhoneError as error:
        if error.problem is PhoneProblem.INVALID:
            raise InputError(texts.PHONE_INVALID) from None
        raise InputError(PHONE_NOT_CALLABLE) from None


def _text_field(value: Any, missing: str, label: str, max_length: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InputError(missing)
    try:
        return clean_message(value, max_length)
    except InputError:
        raise InputError(texts.field_unreadable(label, max_length)) from None


def parse_callback_request(body: CallbackRequestBody) -> CallbackRequest:
    """Check every field and return the clean request, or raise ``CallbackInputError``."""
    fouten: dict[str, str] = {}
    values: dict[str, str] = {}
    if not isinstance(body.session_id, str) or not _SESSION_ID.match(body.session_id):
        fouten["session_id"] = texts.SESSION_ID_INVALID
    else:
        values["session_id"] = body.session_id
    for field, missing, label, limit in (
        ("naam", texts.NAME_MISSING, "Uw naam", NAAM_MAX_LENGTH),
        ("vraag", texts.QUESTION_MISSING, "Uw vraag", VRAAG_MAX_LENGTH),
    ):
        try:
            values[field] = _text_field(getattr(body, field), missing, label, limit)
        except InputError as exc:
            fouten[field] = exc.detail
    if not isinstance(body.telefoon, str) or not body.telefoon.strip():
        fouten["telefoon"] = texts.PHONE_MISSING
    else:
        try:
            values["telefoon"] = normalise_phone(body.telefoon.strip())
        except InputError as exc:
            fouten["telefoon"] = exc.detail
    if body.toestemming is not True:
        fouten["toestemming"] = texts.CONSENT_MISSING
    if fouten:
        raise CallbackInputError(fouten)
    return CallbackRequest(**values)


def melding_body(
    request: CallbackRequest,
    gesprek_id: str,
    unanswered: list[UnansweredMessage],
    kanaal: str = "web",
) -> dict[str, Any]:
    """The melding for the escalation service; the transcript holds the unanswered messages."""
    return {
        "onderwerp": ONDERWERP,
        "beschrijving": request.vraag,
        "naam": request.naam,
        "telefoon": request.telefoon,
        "email": None,
        "toestemming": True,
        "spoed": False,
        "kanaal": kanaal,
        "gesprek_id": gesprek_id,
        "bron": BRON,
        "transcript": [
            {"van": "inwoner", "tekst": message.tekst, "tijd": message.tijd.isoformat()}
            for message in unanswered
        ],
    }


def from_shared_contact(
    sender: str, naam: str, telefoon: str, unanswered: list[UnansweredMessage]
) -> CallbackRequest:
    """A call-back request from a contact an inwoner shared in a chat app (Telegram).

    Sharing one's own contact with the "Bel mij terug" button is the consent. The question is
    what the inwoner typed while the assistant was away. Raises ``InputError`` (in Dutch) for a
    number that is not valid.
    """
    raw = telefoon.strip()
    number = normalise_phone(raw if raw.startswith("+") else f"+{raw}")
    typed = "\n".join(message.tekst for message in unanswered)[:VRAAG_MAX_LENGTH]
    vraag = clean_message(typed, VRAAG_MAX_LENGTH) if typed else texts.TELEGRAM_CALLBACK_QUESTION
    name = clean_message(naam, NAAM_MAX_LENGTH) if naam.strip() else "Onbekend (Telegram)"
    return CallbackRequest(session_id=sender, naam=name, telefoon=number, vraag=vraag)


def idempotency_key(sender: str, body: dict[str, Any]) -> str:
    """A key from the sender's pseudonym and a hash of the melding body.

    A double click sends the same body, so it gets the same key and the escalation service
    returns the same melding.
    """
    content = json.dumps(body, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{sender}\n{content}".encode()).hexdigest()
    return f"terugbel-{digest}"


def build_callback_limits(settings: Settings, storage: Storage) -> RateLimits:
    """Rate limits of call-back requests: per sender, per client network and for everyone."""
    return RateLimits(
        storage,
        "terugbelverzoek",
        settings.callback_limit_per_sender,
        settings.callback_limit_per_client,
        settings.callback_limit_window_seconds,
        total=settings.callback_limit_global,
    )


class OutageRecords:
    """Which senders recently got the "assistant unavailable" answer, with expiry.

    Kept in the rate-limit store: Redis when configured (shared by every gateway instance),
    else this process's memory, where entries expire too. Only the pseudonym is the key.
    """

    def __init__(self, storage: Storage, seconds: int) -> None:
        self._storage = storage
        self._seconds = seconds

    @staticmethod
    def _key(sender: str) -> str:
        return f"storing/{sender}"

    async def record(self, sender: str) -> None:
        """Remember that ``sender`` met an outage now (for the next ``seconds``)."""
        try:
            await self._storage.clear(self._key(sender))
            await self._storage.incr(self._key(sender), self._seconds)
        except StorageError as exc:
            logger.error("outage for sender %s not recorded: %s", sender, exc)

    async def met(self, sender: str) -> bool:
        """Whether ``sender`` met an outage recently; ``False`` when the store fails."""
        try:
            return await self._storage.get(self._key(sender)) > 0
        except StorageError as exc:
            logger.error("outage record of sender %s not readable: %s", sender, exc)
            return False

    async def forget(self, sender: str) -> None:
        """Delete the record of ``sender`` (the conversation was ended and deleted)."""
        try:
            await self._storage.clear(self._key(sender))
        except StorageError as exc:
            logger.error("outage record of sender %s not deleted: %s", sender, exc)
