"""Request and response bodies of the chat API (``POST /api/v1/chat``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictStr

SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{16,64}$"


class Button(BaseModel):
    """A quick reply: ``title`` is shown, ``payload`` is sent back when it is chosen."""

    title: str
    payload: str


class BotMessage(BaseModel):
    """One message from the assistant: text, quick-reply buttons, or both."""

    text: str | None = None
    buttons: list[Button] = Field(default_factory=list)


class ChatRequest(BaseModel):
    """What the chat page sends. Content rules for ``message`` live in ``validation``."""

    model_config = ConfigDict(extra="ignore")

    session_id: StrictStr | None = Field(default=None, pattern=SESSION_ID_PATTERN)
    message: StrictStr


class EndRequest(BaseModel):
    """Ask to end and delete the conversation of ``session_id``."""

    session_id: StrictStr = Field(pattern=SESSION_ID_PATTERN)


class ChatResponse(BaseModel):
    """The session id to keep, and the assistant's answers in order."""

    session_id: str
    messages: list[BotMessage]


class ErrorResponse(BaseModel):
    """An error with a Dutch message that can be shown to the inwoner as it is."""

    detail: str


class ChatUnavailableResponse(ErrorResponse):
    """503 from the chat API: the assistant did not answer.

    ``session_id`` is the session to keep (also for a new conversation), and ``terugbelverzoek``
    says whether the page may offer the call-back form (``POST /api/v1/terugbelverzoek``).
    """

    session_id: str
    terugbelverzoek: bool


class CallbackResponse(BaseModel):
    """The melding made from a call-back request: its reference and the deadline in Dutch."""

    detail: str
    referentie: str
    deadline_tekst: str


class CallbackErrorResponse(ErrorResponse):
    """422 for the call-back form: ``fouten`` maps each wrong field to a Dutch message."""

    fouten: dict[str, str]
