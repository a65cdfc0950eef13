"""Who may see a staff page: login, roles, CSRF tokens, session expiry and revocation."""

# No ``from __future__ import annotations`` here: ``staff_post`` builds a dependency whose
# Annotated parameter refers to a local variable, which FastAPI must see as a real object.

import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from escalation.dependencies import DbSession, get_settings
from escalation.models import StaffUser

VIEW_ROLES = ("officemedewerker", "manager")
WORK_ROLES = ("officemedewerker",)
WITHDRAW_ROLES = ("officemedewerker", "manager")
ADMIN_ROLES = ("admin",)


class StaffNotConfigured(Exception):
    """ESCALATION_SESSION_SECRET is not set, so no session can be trusted."""


class LoginRequired(Exception):
    """No valid session: the browser goes to the login page."""


class Forbidden(Exception):
    """Signed in, but this role may not see this page."""


class CsrfFailed(Exception):
    """A POST without the session's CSRF token."""


def staff_session(request: Request) -> dict[str, Any]:
    """The browser's session; StaffNotConfigured without a session secret."""
    if "session" not in request.scope:
        raise StaffNotConfigured
    return request.session


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    session = staff_session(request)
    token = session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


async def verify_csrf(request: Request) -> None:
    """The form's csrf_token must equal the session's token."""
    expected = staff_session(request).get("csrf")
    token = (await request.form()).get("csrf_token")
    if not isinstance(expected, str) or not isinstance(token, str):
        raise CsrfFailed
    if not secrets.compare_digest(token.encode(), expected.encode()):
        raise CsrfFailed


def start_session(request: Request, user: StaffUser) -> None:
    """A fresh session for ``user`` (a new CSRF token, so nothing from before login survives)."""
    session = staff_session(request)
    session.clear()
    session.update(
        user_id=user.id,
        version=user.session_version,
        login_at=int(time.time()),
        csrf=secrets.token_urlsafe(32),
    )


def _signed_in_user(request: Request, session: Session) -> StaffUser:
    data = staff_session(request)
    user_id, login_at = data.get("user_id"), data.get("login_at")
    if not isinstance(user_id, int) or not isinstance(login_at, int):
        raise LoginRequired
    max_age = get_settings(request).session_max_age_hours * 3600
    if not 0 <= time.time() - login_at < max_age:
        data.clear()
        raise LoginRequired
    user = session.get(StaffUser, user_id)
    if user is None or not user.active or data.get("version") != user.session_version:
        data.clear()
        raise LoginRequired
    # For the header (name and logout) on every page, also the 403 and 404 pages.
    request.state.staff_user = user
    request.state.csrf_token = csrf_token(request)
    return user


def signed_in_user_id(request: Request, session: Session) -> int | None:
    """The id of the user whose session this is, or None when it is not (or no longer) valid."""
    try:
        return _signed_in_user(request, session).id
    except LoginRequired:
        return None


def staff_user(*roles: str) -> Callable[..., StaffUser]:
    """A dependency: the signed-in, active user, who must have one of ``roles``."""

    def dependency(request: Request, session: DbSession) -> StaffUser:
        user = _signed_in_user(request, session)
        if user.role not in roles:
            raise Forbidden
        return user

    return dependency


def staff_post(*roles: str) -> Callable[..., Awaitable[StaffUser]]:
    """Like ``staff_user``, and the form must carry the session's CSRF token."""
    user_dependency = staff_user(*roles)

    async def dependency(
        request: Request, user: Annotated[StaffUser, Depends(user_dependency)]
    ) -> StaffUser:
        await verify_csrf(request)
        return user

    return dependency
