"""Staff users: creating them and checking their password."""

from __future__ import annotations

import re

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from voordeur_common.email_address import normalised_email

from escalation.models import StaffUser
from escalation.passwords import DUMMY_HASH, MIN_PASSWORD_LENGTH, hash_password, verify_password

ROLES = ("officemedewerker", "manager", "admin")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,49}")


class UserError(ValueError):
    """A staff user cannot be created as asked."""


def normalise_username(username: str) -> str:
    """Usernames are compared case-insensitively, so they are stored in lower case."""
    return username.strip().lower()


def user_exists(session: Session, username: str) -> bool:
    """Whether a staff user with this username exists."""
    query = select(StaffUser.id).where(StaffUser.username == normalise_username(username))
    return session.scalars(query).first() is not None


def _checked_email(email: str) -> str:
    try:
        return normalised_email(email)
    except ValueError as exc:
        raise UserError(f"Not a valid e-mail address: {email!r}.") from exc


def create_user(
    session: Session,
    username: str,
    display_name: str,
    role: str,
    password: str,
    email: str | None = None,
) -> StaffUser:
    """Store a new, active staff user; UserError with a clear reason otherwise.

    ``email`` (optional) is where the user's own warnings go ("actie nodig" on a melding they
    claimed); without it those go to the team address.
    """
    username = normalise_username(username)
    if not _USERNAME.fullmatch(username):
        raise UserError(
            "Username must be 2 to 50 characters: letters, digits, '.', '_' or '-', "
            "starting with a letter or digit."
        )
    if role not in ROLES:
        raise UserError(f"Unknown role {role!r}; choose one of: {', '.join(ROLES)}.")
    if not display_name.strip():
        raise UserError("The display name must not be empty.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    if user_exists(session, username):
        raise UserError(f"A user named {username!r} already exists.")
    user = StaffUser(
        username=username,
        display_name=display_name.strip(),
        email=_checked_email(email) if email else None,
        role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise UserError(f"A user named {username!r} already exists.") from exc
    return user


def end_sessions(session: Session, user_id: int) -> None:
    """End every session of this user: the version stored in their cookies no longer matches."""
    session.execute(
        update(StaffUser)
        .where(StaffUser.id == user_id)
        .values(session_version=StaffUser.session_version + 1)
    )
    session.commit()


def _existing(session: Session, username: str) -> StaffUser:
    user = session.scalars(
        select(StaffUser).where(StaffUser.username == normalise_username(username))
    ).first()
    if user is None:
        raise UserError(f"No user named {normalise_username(username)!r} exists.")
    return user


def deactivate_user(session: Session, username: str) -> StaffUser:
    """The user can no longer sign in, and every session of theirs ends now."""
    user = _existing(session, username)
    user.active = False
    session.commit()
    end_sessions(session, user.id)
    return user


def reset_password(session: Session, username: str, password: str) -> StaffUser:
    """A new password for the user; every session of theirs ends now."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    user = _existing(session, username)
    user.password_hash = hash_password(password)
    session.commit()
    end_sessions(session, user.id)
    return user


def authenticate(session: Session, username: str, password: str) -> StaffUser | None:
    """The active user with this username and password, or None."""
    user = session.scalars(
        select(StaffUser).where(StaffUser.username == normalise_username(username))
    ).first()
    if user is None:
        verify_password(DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password) or not user.active:
        return None
    return user
