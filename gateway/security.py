"""ASGI middleware: security headers on every response and a cap on request body size."""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WIDGET_PATH = "/widget"
CONTENT_SECURITY_POLICY_BASE = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
]
CONTENT_SECURITY_POLICY = "; ".join([*CONTENT_SECURITY_POLICY_BASE, "frame-ancestors 'none'"])

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    # Ignored over plain http (local runs); behind the TLS proxy it keeps browsers on https.
    "Strict-Transport-Security": "max-age=31536000",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def widget_policy(origins: list[str]) -> str:
    """The CSP for the widget's frame: this site and ``origins`` may embed it."""
    ancestors = " ".join(["'self'", *origins])
    return "; ".join([*CONTENT_SECURITY_POLICY_BASE, f"frame-ancestors {ancestors}"])


class SecurityHeadersMiddleware:
    """Adds ``SECURITY_HEADERS`` to every HTTP response; API answers are never cached.

    Only ``/widget`` may be framed, by the sites ``widget_origins(scope)`` names.
    """

    def __init__(self, app: ASGIApp, widget_origins: Callable[[Scope], list[str]]) -> None:
        self.app = app
        self.widget_origins = widget_origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = scope["path"].startswith("/api/")
        overrides: dict[str, str] = {}
        if scope["path"] == WIDGET_PATH:
            overrides = {
                "Content-Security-Policy": widget_policy(self.widget_origins(scope)),
                "X-Frame-Options": "",
            }

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in {**SECURITY_HEADERS, **overrides}.items():
                    if value:
                        headers.setdefault(name, value)
                if no_store:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimitMiddleware:
    """Refuses request bodies larger than ``max_bytes(scope)`` with a 413 and a Dutch message.

    The body is read here (at most ``max_bytes`` + one chunk) and handed on unchanged, so a
    client cannot make the gateway hold a large body in memory, with or without
    Content-Length.
    """

    def __init__(self, app: ASGIApp, max_bytes: Callable[[Scope], int], detail: str) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.detail = detail

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        max_bytes = self.max_bytes(scope)
        declared = _content_length(scope)
        if declared is not None and declared > max_bytes:
            await self._refuse(send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self.detail}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
