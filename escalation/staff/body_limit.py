"""A size limit on every staff form: larger request bodies get a 413 before anything reads them."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from escalation.dependencies import state_of

TOO_LARGE_PAGE = (
    '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
    "<title>Te groot · Voordeur medewerkers</title></head><body><main>"
    '<p role="alert">Dit formulier is te groot. Maak de tekst korter en probeer het opnieuw.</p>'
    '<p><a href="/staff/">Naar de inbox</a></p></main></body></html>'
).encode()


class StaffBodyLimitMiddleware:
    """Refuses a body over the settings' ``staff_max_body_bytes`` on /staff, with or without
    Content-Length; the body read so far (at most the limit plus one chunk) is handed on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in ("GET", "HEAD", "OPTIONS")
            or not scope["path"].startswith("/staff")
        ):
            await self.app(scope, receive, send)
            return
        max_bytes = state_of(scope["app"]).settings.staff_max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > max_bytes:
            await _refuse(send)
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
                await _refuse(send)
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


async def _refuse(send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(TOO_LARGE_PAGE)).encode()),
                (b"cache-control", b"no-store"),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": TOO_LARGE_PAGE})
