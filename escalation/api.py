"""The JSON API for the bot and the gateway (``/api/v1``), protected by scoped service tokens."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import SecretStr

from escalation.dependencies import AppOrganisation, AppSettings, DbSession
from escalation.schemas import MeldingIn, MeldingOut, MeldingStatus
from escalation.service import (
    REFERENTIE_ALPHABET,
    IdempotencyConflict,
    create_melding,
    deadline_tekst,
    get_melding,
    get_melding_by_referentie,
)
from escalation.status import Status

_bearer = HTTPBearer(auto_error=False)

CREATE = "create"
READ = "read"


def _matches(given: bytes, expected: SecretStr | None) -> bool:
    return expected is not None and secrets.compare_digest(
        given, expected.get_secret_value().encode()
    )


def token_scopes(
    settings: AppSettings,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> frozenset[str]:
    """What the presented service token may do; 401 without a known token.

    ``ESCALATION_API_TOKEN`` (gateway, action server) may only create meldingen;
    ``ESCALATION_READ_TOKEN`` may read them back. Both are always compared.
    """
    given = credentials.credentials.encode() if credentials is not None else b""
    granted = {
        CREATE: _matches(given, settings.api_token),
        READ: _matches(given, settings.read_token),
    }
    scopes = frozenset(scope for scope, ok in granted.items() if ok)
    if not scopes:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Missing or wrong service token.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return scopes


def require_scope(scope: str) -> Callable[..., None]:
    """A dependency: the token must grant ``scope``, else 403."""

    def dependency(scopes: Annotated[frozenset[str], Depends(token_scopes)]) -> None:
        if scope not in scopes:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"This service token may not {scope} meldingen."
            )

    return dependency


def _idempotency_key(
    key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> str:
    if key is None or not 1 <= len(key) <= 200 or not key.isprintable():
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            "Header Idempotency-Key is required: 1 to 200 printable characters.",
        )
    return key


# Every route needs a known token; each route also names the scope it needs.
router = APIRouter(prefix="/api/v1", dependencies=[Depends(token_scopes)])


@router.post(
    "/meldingen",
    status_code=status.HTTP_201_CREATED,
    response_model=MeldingOut,
    responses={200: {"description": "Replay: the melding this key created before"}},
    dependencies=[Depends(require_scope(CREATE))],
)
def post_melding(
    data: MeldingIn,
    response: Response,
    idempotency_key: Annotated[str, Depends(_idempotency_key)],
    session: DbSession,
    settings: AppSettings,
    organisation: AppOrganisation,
) -> MeldingOut:
    """Create a melding. Sending the same key and body again returns the same melding."""
    try:
        melding, created = create_melding(
            session,
            data,
            idempotency_key,
            organisation,
            notify=settings.smtp_enabled,
            export=settings.klantinteracties_enabled,
        )
    except IdempotencyConflict as exc:
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            "This Idempotency-Key was used before with a different request.",
        ) from exc
    if not created:
        response.status_code = status.HTTP_200_OK
    return MeldingOut.of(melding, deadline_tekst(melding, organisation))


@router.get(
    "/meldingen/{melding_id}",
    response_model=MeldingOut,
    dependencies=[Depends(require_scope(READ))],
)
def read_melding(melding_id: str, session: DbSession, organisation: AppOrganisation) -> MeldingOut:
    """One melding by id, with all its personal data: only for the read token."""
    melding = get_melding(session, melding_id)
    if melding is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Melding not found.")
    return MeldingOut.of(melding, deadline_tekst(melding, organisation))


REFERENTIE_PATTERN = f"^VD-[{REFERENTIE_ALPHABET}]{{6}}$"


@router.get("/status/{referentie}", response_model=MeldingStatus)
def read_status(
    referentie: Annotated[str, Path(pattern=REFERENTIE_PATTERN)],
    session: DbSession,
    organisation: AppOrganisation,
) -> MeldingStatus:
    """Only the status of a melding, by its public reference: "is mijn melding al opgepakt?".

    No personal data, so either token may ask.
    """
    melding = get_melding_by_referentie(session, referentie)
    if melding is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Melding not found.")
    return MeldingStatus(
        referentie=melding.referentie,
        status=melding.status,
        opgepakt=melding.status != Status.NIEUW,
        status_tekst=Status(melding.status).inwoner_text.format(
            deadline=deadline_tekst(melding, organisation)
        ),
    )
