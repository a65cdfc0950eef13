"""The JSON API for the bot and the gateway (``/api/v1``), protected by a service token."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from escalation.db import session_scope
from escalation.schemas import STATUS_TEKSTEN, MeldingIn, MeldingOut, MeldingStatus
from escalation.service import (
    REFERENTIE_ALPHABET,
    IdempotencyConflict,
    create_melding,
    deadline_tekst,
    get_melding,
    get_melding_by_referentie,
)

_bearer = HTTPBearer(auto_error=False)


def require_service_token(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Only services holding the shared token may use the API."""
    expected = request.app.state.settings.api_token.get_secret_value()
    if credentials is None or not secrets.compare_digest(
        credentials.credentials.encode(), expected.encode()
    ):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Missing or wrong service token.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def db_session(request: Request) -> Iterator[Session]:
    yield from session_scope(request.app.state.settings.database_url)


def _idempotency_key(
    key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> str:
    if key is None or not 1 <= len(key) <= 200 or not key.isprintable():
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            "Header Idempotency-Key is required: 1 to 200 printable characters.",
        )
    return key


router = APIRouter(prefix="/api/v1", dependencies=[Depends(require_service_token)])


@router.post(
    "/meldingen",
    status_code=status.HTTP_201_CREATED,
    response_model=MeldingOut,
    responses={200: {"description": "Replay: the melding this key created before"}},
)
def post_melding(
    data: MeldingIn,
    request: Request,
    response: Response,
    idempotency_key: Annotated[str, Depends(_idempotency_key)],
    session: Annotated[Session, Depends(db_session)],
) -> MeldingOut:
    """Create a melding. Sending the same key and body again returns the same melding."""
    try:
        melding, created = create_melding(
            session,
            data,
            idempotency_key,
            request.app.state.organisation,
            notify=request.app.state.settings.smtp_enabled,
        )
    except IdempotencyConflict as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            "This Idempotency-Key was used before with a different request.",
        ) from exc
    if not created:
        response.status_code = status.HTTP_200_OK
    return MeldingOut.of(melding, deadline_tekst(melding, request.app.state.organisation))


@router.get("/meldingen/{melding_id}", response_model=MeldingOut)
def read_melding(
    melding_id: str, request: Request, session: Annotated[Session, Depends(db_session)]
) -> MeldingOut:
    """One melding by id."""
    melding = get_melding(session, melding_id)
    if melding is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Melding not found.")
    return MeldingOut.of(melding, deadline_tekst(melding, request.app.state.organisation))


REFERENTIE_PATTERN = f"^VD-[{REFERENTIE_ALPHABET}]{{6}}$"


@router.get("/status/{referentie}", response_model=MeldingStatus)
def read_status(
    referentie: Annotated[str, Path(pattern=REFERENTIE_PATTERN)],
    request: Request,
    session: Annotated[Session, Depends(db_session)],
) -> MeldingStatus:
    """Only the status of a melding, by its public reference: "is mijn melding al opgepakt?"."""
    melding = get_melding_by_referentie(session, referentie)
    if melding is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Melding not found.")
    return MeldingStatus(
        referentie=melding.referentie,
        status=melding.status,
        opgepakt=melding.status != "nieuw",
        status_tekst=STATUS_TEKSTEN[melding.status].format(
            deadline=deadline_tekst(melding, request.app.state.organisation)
        ),
    )
