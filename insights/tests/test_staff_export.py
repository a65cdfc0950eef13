"""In the real staff app: no training-data export of a text a manager did not check."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.models import StaffUser
from escalation.settings import Settings
from escalation.tests.conftest import (  # noqa: F401 (fixtures)
    csrf_of,
    database_url,
    db,
    login,
    settings,
    users,
)
from insights.db import session_factory, upgrade
from insights.models import UnansweredMessage

TEXT = "Ik ben <naam>, hoe vraag ik een traplift aan"


def test_export_needs_the_text_check(
    settings: Settings,  # noqa: F811
    users: dict[str, StaffUser],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    upgrade(settings.database_url)
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", settings.database_url)
    with session_factory(settings.database_url)() as session, session.begin():
        message = UnansweredMessage(
            source_event_id="staff#1",
            conversation_id=1,
            tekst=TEXT,
            reason="nlu_fallback",
            intent="nlu_fallback",
            confidence=0.3,
            ranking=[],
            kanaal="web",
            received_at=datetime.now(UTC),
        )
        session.add(message)
        session.flush()
        message_id = message.id
    with TestClient(create_app(settings)) as client:
        assert login(client, "mila").status_code == 303
        assert client.get("/staff/inzicht/nlu.yml").status_code == 409
        token = csrf_of(client.get("/staff/inzicht/beoordelen").text)
        decision = {"decision": "toewijzen", "intent": "info_wmo", "csrf_token": token}
        refused = client.post(f"/staff/inzicht/beoordelen/{message_id}", data=decision)
        assert refused.status_code == 400 and "Lees de tekst eerst na" in refused.text
        assert client.get("/staff/inzicht/nlu.yml").status_code == 409
        with session_factory(settings.database_url)() as session:
            stored = session.get(UnansweredMessage, message_id)
            assert stored is not None and (stored.review_status, stored.tekst) == ("open", TEXT)

        checked = client.post(
            f"/staff/inzicht/beoordelen/{message_id}",
            data={**decision, "tekst_gecontroleerd": "ja"},
            follow_redirects=False,
        )
        assert checked.status_code == 303
        export = client.get("/staff/inzicht/nlu.yml")
        assert export.status_code == 200 and "- intent: info_wmo" in export.text
        assert TEXT in export.text
    with session_factory(settings.database_url)() as session:
        stored = session.get(UnansweredMessage, message_id)
        assert stored is not None and stored.text_checked_by == "mila"
