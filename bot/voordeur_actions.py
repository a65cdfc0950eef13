"""Voordeur's action server: rasa-sdk's own server, reachable for Rasa only.

Started instead of ``rasa run actions`` (from ``bot/``)::

    ../.venv-rasa/bin/python -m voordeur_actions --actions actions --port 5055

It takes rasa-sdk's command line and adds, through rasa-sdk's plugin hook:

- it listens on 127.0.0.1 unless ``--interface`` (or ``SANIC_HOST``) says otherwise;
- every request except ``GET /health`` must carry ``Authorization: Bearer <token>`` with the
  value of ``ACTION_SERVER_TOKEN`` (32+ characters; Rasa sends it, see ``endpoints.yml``),
  otherwise 401;
- a request body with any ``Content-Encoding`` other than ``identity`` is refused with 415:
  rasa-sdk would inflate a ``deflate`` body without any limit;
- a request body above 16 MiB is refused with 413 (Rasa sends the whole session's events,
  about 3.5 KiB per turn: 16 MiB is some 4,700 turns, far beyond a 60-minute session);
- no CORS: only Rasa calls this server, never a browser;
- a call may carry only the events that are new since the previous call of the conversation
  (``voordeur_action_events``): the server keeps each conversation's events of the last call
  and gives the actions the whole list, as Rasa would have sent it.

Without the token it refuses to start, unless ``--dev-without-token`` is given. It also refuses
to start without ``ESCALATION_API_TOKEN`` (16+ characters): without it every melding would fail.
If the actions package has an ``on_server_start()`` function, it runs once after the actions
are registered and logging is set up, before serving: importing the actions starts nothing.
"""

from __future__ import annotations

import argparse
import hmac
import importlib
import logging
import os
import sys

import pluggy
import voordeur_action_events
from rasa_sdk.__main__ import main_from_args
from rasa_sdk.endpoint import create_argument_parser
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"  # noqa: S105 (the variable's name, not a secret)
MIN_TOKEN_LENGTH = 32
ESCALATION_TOKEN_VARIABLE = "ESCALATION_API_TOKEN"  # noqa: S105 (the variable's name)
MIN_ESCALATION_TOKEN_LENGTH = 16  # what the escalation service requires
MAX_BODY_BYTES = 16 << 20
OPEN_PATHS = frozenset({"/health"})
START_HOOK = "on_server_start"

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)


def _error(message: str, status: int) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def guard(app: Sanic, token: str | None) -> None:
    """Add the body limit, the token check and the refusal of encoded bodies to ``app``.

    ``token`` None (only with ``--dev-without-token``) leaves out the token check.
    """
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    expected = f"Bearer {token}".encode() if token else None

    async def refuse_unwanted(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if expected is not None:
            given = request.headers.get("authorization", "").encode()
            if not hmac.compare_digest(given, expected):
                return _error("unauthorized", 401)
        codings = ",".join(request.headers.getall("content-encoding", [])).split(",")
        if any(coding.strip().lower() not in ("", "identity") for coding in codings):
            return _error("Content-Encoding is not supported", 415)
        return None

    async def too_large(request: Request, exception: PayloadTooLarge) -> HTTPResponse:
        return _error("request body too large", 413)

    app.register_middleware(refuse_unwanted, "request")
    # rasa-sdk answers every exception with 500; the body limit's own has to stay a 413.
    app.error_handler.add(PayloadTooLarge, too_large)


class _GuardPlugin:
    """rasa-sdk plugin that guards the app rasa-sdk builds in ``endpoint.run``."""

    def __init__(self, token: str | None) -> None:
        self._token = token

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        guard(app, self._token)
        voordeur_action_events.add_to_action_server(app)


class _StartHookPlugin:
    """rasa-sdk plugin that calls ``<package>.on_server_start()`` if the package defines one."""

    def __init__(self, package: str) -> None:
        self._package = package

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        hook = getattr(importlib.import_module(self._package), START_HOOK, None)
        if callable(hook):
            hook()


def create_parser() -> argparse.ArgumentParser:
    """rasa-sdk's command line plus ``--interface`` and ``--dev-without-token``."""
    parser = create_argument_parser()
    parser.add_argument(
        "--interface",
        default=os.environ.get("SANIC_HOST") or "127.0.0.1",
        help="address to listen on (default: SANIC_HOST, else 127.0.0.1)",
    )
    parser.add_argument(
        "--dev-without-token",
        action="store_true",
        help=f"start without {TOKEN_VARIABLE} (local development only: anyone can call actions)",
    )
    return parser


def main(argv: list[str] | None = None) -> None:
    """Check the settings, register the guard and run rasa-sdk's server."""
    parser = create_parser()
    args = parser.parse_args(argv)
    if args.cors:
        parser.error("--cors is not supported: only Rasa calls the action server")
    token = os.environ.get(TOKEN_VARIABLE, "")
    if token and len(token) < MIN_TOKEN_LENGTH:
        parser.error(f"{TOKEN_VARIABLE} must be at least {MIN_TOKEN_LENGTH} characters")
    if not token:
        if not args.dev_without_token:
            parser.error(f"{TOKEN_VARIABLE} is not set (or pass --dev-without-token locally)")
        logger.warning(
            "%s is not set: anyone who reaches this server can run actions", TOKEN_VARIABLE
        )
    escalation_token = os.environ.get(ESCALATION_TOKEN_VARIABLE, "")
    if len(escalation_token) < MIN_ESCALATION_TOKEN_LENGTH:
        parser.error(
            f"{ESCALATION_TOKEN_VARIABLE} is not set or shorter than "
            f"{MIN_ESCALATION_TOKEN_LENGTH} characters: the action server could not create "
            "any melding in the escalation service"
        )
    os.environ["SANIC_HOST"] = args.interface
    plugin_manager().register(_GuardPlugin(token or None))
    plugin_manager().register(_StartHookPlugin(args.actions))
    main_from_args(args)


if __name__ == "__main__":
    main(sys.argv[1:])
