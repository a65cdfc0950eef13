"""What the routes get from the running app: typed state and the FastAPI dependencies.

The lifespan (``escalation/app.py``) builds one ``EscalationState`` and stores it on the app;
routes take it through the ``Annotated`` aliases below, middleware through ``state_of``, never
through untyped ``request.app.state`` attributes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette

from escalation.organisation import Organisation
from escalation.settings import Settings
from escalation.staff.throttle import LoginThrottle


@dataclass(frozen=True)
class EscalationState:
    """What the routes need at run time; built once in the lifespan."""

    settings: Settings
    organisation: Organisation
    sessions: sessionmaker[Session]
    login_throttle: LoginThrottle


def state_of(app: Starlette) -> EscalationState:
    """The state the lifespan stored on ``app`` (for middleware, which has no request)."""
    state: EscalationState = app.state.escalation
    return state


def get_state(request: Request) -> EscalationState:
    return state_of(request.app)


def get_settings(request: Request) -> Settings:
    return get_state(request).settings


def get_organisation(request: Request) -> Organisation:
    return get_state(request).organisation


def db_session(request: Request) -> Iterator[Session]:
    """One database session per request."""
    with get_state(request).sessions() as session:
        yield session


State = Annotated[EscalationState, Depends(get_state)]
AppSettings = Annotated[Settings, Depends(get_settings)]
AppOrganisation = Annotated[Organisation, Depends(get_organisation)]
DbSession = Annotated[Session, Depends(db_session)]
