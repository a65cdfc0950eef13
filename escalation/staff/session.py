"""The staff session cookie: Starlette's SessionMiddleware (signed with itsdangerous).

The secret lives in the settings, which the app only reads at startup, so the middleware is
built on the first request. Without ``ESCALATION_SESSION_SECRET`` no session exists and every
staff page answers 503. The cookie's max age is the idle timeout: each response renews it.
"""

from __future__ import annotations

from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from escalation.dependencies import state_of

COOKIE_NAME = "voordeur_staff"


class StaffSessionMiddleware:
    """Adds ``request.session`` once the app's settings are known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._sessions: ASGIApp | None = None
        self._configured: bool | None = None

    def _build(self, scope: Scope) -> None:
        settings = state_of(scope["app"]).settings
        secret = settings.session_secret
        self._configured = secret is not None
        if secret is not None:
            self._sessions = SessionMiddleware(
                self.app,
                secret_key=secret.get_secret_value(),
                session_cookie=COOKIE_NAME,
                max_age=settings.session_idle_minutes * 60,
                path="/staff",
                same_site="strict",
                https_only=settings.cookie_secure,
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/staff"):
            await self.app(scope, receive, send)
            return
        if self._configured is None:
            self._build(scope)
        await (self._sessions or self.app)(scope, receive, send)
