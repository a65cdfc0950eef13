"""Routes and middleware read the running app through the typed state of dependencies.py."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.dependencies import EscalationState, state_of
from escalation.settings import Settings

ESCALATION = Path(__file__).resolve().parents[1]
# Only these build and read the app's state object itself.
STATE_OWNERS = {ESCALATION / "app.py", ESCALATION / "dependencies.py"}


def test_the_lifespan_builds_one_typed_state(settings: Settings) -> None:
    app = create_app(settings)
    with TestClient(app) as client:
        state = state_of(app)
        assert isinstance(state, EscalationState)
        assert state.settings is settings
        assert state.sessions.kw["bind"].url.render_as_string(hide_password=False) == (
            settings.database_url
        )
        assert client.get("/api/v1/status/VD-ABCDEF").status_code == 401


def test_nothing_else_reads_the_untyped_app_state() -> None:
    sources = [
        path
        for pattern in ("*.py", "*.html")
        for path in ESCALATION.rglob(pattern)
        if "tests" not in path.parts and path not in STATE_OWNERS
    ]
    assert ESCALATION / "staff" / "routes.py" in sources
    assert [
        str(path.relative_to(ESCALATION))
        for path in sources
        if "app.state." in path.read_text(encoding="utf-8")
    ] == []
