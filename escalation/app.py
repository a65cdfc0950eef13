"""The escalation service's FastAPI app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from escalation.api import router as api_router
from escalation.organisation import load_organisation
from escalation.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; settings come from the environment unless given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        active = settings or get_settings()
        app.state.settings = active
        app.state.organisation = load_organisation(active.organisation_file)
        yield

    # No /docs: Swagger UI would load from a CDN. The schema is at /openapi.json.
    app = FastAPI(
        title="Voordeur escalation",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.include_router(api_router)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


app = create_app()
