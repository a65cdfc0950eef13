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


class ChatResponse(BaseModel):
    """The session id to keep, and the assistant's answers in order."""

    session_id: str
    messages: list[BotMessage]


class ErrorResponse(BaseModel):
    """An error with a Dutch message that can be shown to the inwoner as it is."""

    detail: str
