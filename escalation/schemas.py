"""Request and response bodies of the escalation API."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from voordeur_common.channels import CHANNELS, DEFAULT_CHANNEL
from voordeur_common.deadline import AMSTERDAM
from voordeur_common.email_address import MAX_LENGTH as MAX_EMAIL_LENGTH
from voordeur_common.email_address import normalised_email
from voordeur_common.phone import PhoneError, PhoneProblem, callable_number

if TYPE_CHECKING:
    from escalation.models import Melding

if TYPE_CHECKING:
    Kanaal = str
else:
    # The codes of voordeur_common.channels, built from that one list: an enum in the OpenAPI
    # document. A type checker cannot read a Literal made at run time and sees a str.
    Kanaal = Literal[tuple(CHANNELS)]
Bron = Literal["assistent", "assistent_niet_beschikbaar"]
VoorWie = Literal["zelf", "naaste", "ander"]


# Which numbers the team calls back is voordeur_common.phone; these are the API's words.
INVALID_PHONE = "Dit is geen geldig telefoonnummer."
NOT_DUTCH_PHONE = "Geef een Nederlands telefoonnummer."
NOT_CALLABLE_PHONE = (
    "Wij bellen alleen naar een gewoon mobiel of vast nummer, niet naar een 0800-, 0900- of "
    "088-nummer."
)


_PHONE_ERRORS = {
    PhoneProblem.INVALID: INVALID_PHONE,
    PhoneProblem.FOREIGN: NOT_DUTCH_PHONE,
    PhoneProblem.NOT_CALLABLE: NOT_CALLABLE_PHONE,
}


def normalise_dutch_phone(value: str) -> str:
    """A Dutch mobile or fixed-line number in E.164 form, or ValueError in Dutch."""
    try:
        return callable_number(value)
    except PhoneError as error:
        raise ValueError(_PHONE_ERRORS[error.problem]) from None


# Bidirectional overrides and isolates can make stored text read differently on screen.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
CONTROL_CHARACTERS = "Deze tekst bevat tekens die niet zijn toegestaan."
SINGLE_LINE = "Deze tekst moet op één regel staan."


def single_line(value: str | None) -> str | None:
    """Refuse line breaks, control characters and bidi overrides (headers, lists, CSV)."""
    if value is None:
        return value
    if any(unicodedata.category(char) in {"Zl", "Zp"} or char in "\r\n\x85" for char in value):
        raise ValueError(SINGLE_LINE)
    if any(unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS for char in value):
        raise ValueError(CONTROL_CHARACTERS)
    return value


def multi_line(value: str) -> str:
    """Allow line breaks and tabs (a \\r\\n becomes \\n); refuse other control characters.

    The same rule as the gateway's chat input, so that what the inwoner could type in the chat
    never makes the melding fail here.
    """
    value = value.replace("\r\n", "\n")
    if any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in value):
        raise ValueError(CONTROL_CHARACTERS)
    return value


class TranscriptRegel(BaseModel):
    """One message of the conversation."""

    model_config = ConfigDict(extra="forbid")

    van: Literal["inwoner", "assistent"]
    tekst: str = Field(max_length=4000)
    tijd: datetime | None = None

    _text = field_validator("tekst")(multi_line)


class MeldingIn(BaseModel):
    """What the bot or gateway sends to create a melding."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    onderwerp: str = Field(min_length=1, max_length=100)
    beschrijving: str = Field(min_length=1, max_length=4000)
    naam: str = Field(min_length=1, max_length=200)
    telefoon: str | None = Field(default=None, max_length=40)
    # The kernel's e-mail rule (voordeur_common.email_address), also used by the bot's form.
    email: str | None = Field(
        default=None, max_length=MAX_EMAIL_LENGTH, json_schema_extra={"format": "email"}
    )
    toestemming: bool
    spoed: bool = False
    kanaal: Kanaal = DEFAULT_CHANNEL
    gesprek_id: str = Field(min_length=1, max_length=200)
    bron: Bron = "assistent"
    transcript: list[TranscriptRegel] = Field(default_factory=list, max_length=500)
    voor_wie: VoorWie | None = None
    bereikbaar: str | None = Field(default=None, min_length=1, max_length=200)
    # Violence at home: contact only as agreed; a real JSON boolean, never guessed from text.
    veiligheid: StrictBool = False
    # How and when it is safe to call or leave a message, in the inwoner's words.
    veilig_contact: str | None = Field(default=None, min_length=1, max_length=200)

    _one_line = field_validator("onderwerp", "naam", "gesprek_id", "bereikbaar", "veilig_contact")(
        single_line
    )
    _lines = field_validator("beschrijving")(multi_line)

    @field_validator("telefoon")
    @classmethod
    def _valid_phone(cls, value: str | None) -> str | None:
        return None if value is None else normalise_dutch_phone(value)

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str | None) -> str | None:
        return None if value is None else normalised_email(value)

    @field_validator("toestemming")
    @classmethod
    def _consent_given(cls, value: bool) -> bool:
        if not value:
            raise ValueError("Zonder toestemming slaan we geen contactgegevens op.")
        return value

    @model_validator(mode="after")
    def _reachable(self) -> MeldingIn:
        if not self.telefoon and not self.email:
            raise ValueError("Geef een telefoonnummer of e-mailadres op.")
        return self


class MeldingOut(BaseModel):
    """A stored melding."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    referentie: str
    status: str
    onderwerp: str
    beschrijving: str
    naam: str
    telefoon: str | None
    email: str | None
    toestemming: bool
    spoed: bool
    kanaal: str
    gesprek_id: str
    bron: str
    transcript: list[TranscriptRegel]
    voor_wie: str | None = None
    bereikbaar: str | None = None
    veiligheid: bool = False
    veilig_contact: str | None = None
    aangemaakt_op: datetime
    deadline: datetime
    # The deadline for the inwoner: a day within office hours, e.g. "uiterlijk woensdag 26
    # november" or "uiterlijk vandaag, woensdag 26 november"; never a time.
    deadline_tekst: str

    @field_validator("deadline")
    @classmethod
    def _in_amsterdam_time(cls, value: datetime) -> datetime:
        return value.astimezone(AMSTERDAM)

    @classmethod
    def of(cls, melding: Melding, deadline_tekst: str) -> MeldingOut:
        """The stored melding, with the deadline text the inwoner is told."""
        fields = {
            name: getattr(melding, name) for name in cls.model_fields if name != "deadline_tekst"
        }
        return cls.model_validate({**fields, "deadline_tekst": deadline_tekst})


class MeldingStatus(BaseModel):
    """What an inwoner may learn about a melding from its public reference: only its status."""

    referentie: str
    status: str
    opgepakt: bool
    status_tekst: str
