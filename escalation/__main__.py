"""Command line of the escalation service.

``python -m escalation migrate|create-user|deactivate-user|reset-password|purge|warn``
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from sqlalchemy.orm import Session

from escalation.contract import CONTRACT_FILE, openapi_document, render
from escalation.db import session_factory
from escalation.migrate import upgrade
from escalation.models import utcnow
from escalation.notify import send_due
from escalation.organisation import load_organisation
from escalation.retention import flag_long_open, purge_closed
from escalation.settings import SettingsError, load_settings, load_storage_settings
from escalation.summary import send_summary
from escalation.users import (
    ROLES,
    UserError,
    create_user,
    deactivate_user,
    reset_password,
    user_exists,
)
from escalation.watch import queue_warnings


def aware_moment(text: str) -> datetime:
    """An ISO moment with its UTC offset, e.g. ``2026-11-30T08:30:00+01:00``."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("give the UTC offset too, e.g. 2026-11-30T08:30+01:00")
    return moment


def read_password() -> str:
    """The new password from a prompt (asked twice), or the first line of stdin when piped."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise UserError("The two passwords differ.")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m escalation")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database to the newest schema")
    create = commands.add_parser(
        "create-user", help="add a staff user; the password is read from stdin or a prompt"
    )
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--display-name", help="the name colleagues see (default: username)")
    create.add_argument(
        "--email", help="where this user's own warnings go (default: the team address)"
    )
    create.add_argument(
        "--exists-ok", action="store_true", help="succeed without change when the user exists"
    )
    deactivate = commands.add_parser(
        "deactivate-user", help="stop a staff user from signing in and end all their sessions"
    )
    deactivate.add_argument("--username", required=True)
    reset = commands.add_parser(
        "reset-password",
        help="set a new password (from stdin or a prompt) and end all the user's sessions",
    )
    reset.add_argument("--username", required=True)
    purge = commands.add_parser(
        "purge", help="remove transcripts and contact details of meldingen closed long enough ago"
    )
    purge.add_argument("--days", type=int, help="override ESCALATION_RETENTION_DAYS")
    warn = commands.add_parser(
        "warn", help="queue and send the warnings that are due (loopt af, geen actie, te laat)"
    )
    warn.add_argument(
        "--now", type=aware_moment, help="pretend it is this moment (ISO, with offset; tests, ops)"
    )
    openapi = commands.add_parser(
        "openapi", help="print the API's OpenAPI document (the contract other components test)"
    )
    openapi.add_argument(
        "--write", action="store_true", help="write it to docs/escalation-openapi.json instead"
    )
    args = parser.parse_args(argv)

    if args.command == "openapi":
        return _openapi(write=args.write)
    if args.command == "warn":
        return _warn(args.now or utcnow())
    try:
        settings = load_storage_settings()
    except SettingsError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if args.command == "migrate":
        upgrade(settings.database_url)
        print("Escalation database is up to date.")
        return 0
    with session_factory(settings.database_url)() as session:
        if args.command == "create-user":
            if args.exists_ok and user_exists(session, args.username):
                print(f"User {args.username!r} exists already; nothing changed.")
                return 0
            try:
                user = create_user(
                    session, args.username, args.display_name or args.username, args.role,
                    read_password(), email=args.email,
                )  # fmt: skip
            except UserError as exc:
                print(f"Error: {exc}", file=sys.stderr)
                return 1
            print(f"Created {user.role} {user.username!r}.")
            return 0
        if args.command in ("deactivate-user", "reset-password"):
            return _change_user(session, args.command, args.username)
        days = settings.retention_days if args.days is None else args.days
        if days < 1:
            print("Error: --days must be at least 1.", file=sys.stderr)
            return 1
        purged = purge_closed(session, days)
        print(f"Purged {len(purged)} melding(en) closed more than {days} days ago.")
        for referentie in purged:
            print(f"  {referentie}")
        long_open = flag_long_open(session, settings.max_open_days)
        if long_open:
            print(
                f"{len(long_open)} open melding(en) older than {settings.max_open_days} days, "
                "marked for staff in their history:"
            )
        for referentie in long_open:
            print(f"  {referentie}")
    return 0


def _openapi(*, write: bool) -> int:
    text = render(openapi_document())
    if not write:
        print(text, end="")
        return 0
    CONTRACT_FILE.write_text(text, encoding="utf-8")
    print(f"Wrote {CONTRACT_FILE}.")
    return 0


def _warn(now: datetime) -> int:
    """Queue the warnings due at ``now``, send every due e-mail and the daily summary.

    Without SMTP settings nothing is queued: the history would claim an e-mail that never goes.
    """
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    if not settings.smtp_enabled:
        print("No warnings: ESCALATION_SMTP_HOST and ESCALATION_SMTP_TO are not set.")
        return 0
    organisation = load_organisation(settings.organisation_file)
    with session_factory(settings.database_url)() as session:
        queued = queue_warnings(session, organisation, settings.warn_before_hours, now)
        for warning in queued:
            print(f"Queued {warning.kind} for {warning.melding.referentie}.")
        sent = send_due(session, settings, now)
        if send_summary(session, organisation, settings, now):
            print("Daily summary sent.")
    print(f"{len(queued)} warning(s) queued, {sent} e-mail(s) sent.")
    return 0


def _change_user(session: Session, command: str, username: str) -> int:
    """Deactivate a user or reset their password; either ends all their sessions."""
    try:
        if command == "deactivate-user":
            user = deactivate_user(session, username)
            print(f"Deactivated {user.username!r}; all their sessions have ended.")
        else:
            user = reset_password(session, username, read_password())
            print(f"New password set for {user.username!r}; all their sessions have ended.")
    except UserError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
