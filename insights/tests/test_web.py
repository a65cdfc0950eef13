"""The manager pages: roles, CSRF, escaping of hostile text, review through the forms."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from insights.db import session_factory
from insights.models import UnansweredMessage
from insights.settings import Settings
from insights.tests.conftest import CSRF_TOKEN, make_app, require_manager
from insights.web import create_router

BASE = "/staff/inzicht"
GETS = ["/", "/hiaten", "/beoordelen", "/kpis.csv", "/nlu.yml", "/insights.css"]
HOSTILE = '<script>alert("x")</script> help'


@pytest.fixture
def client(migrated_url: str) -> TestClient:
    with session_factory(migrated_url)() as session, session.begin():
        session.add(
            UnansweredMessage(
                source_event_id="test#1",
                conversation_id=1,
                tekst=HOSTILE,
                reason="nlu_fallback",
                intent="nlu_fallback",
                confidence=0.3,
                ranking=[{"intent": "<b>nlu_fallback</b>", "confidence": 0.3}],
                kanaal="web",
                received_at=datetime.now(UTC),
            )
        )
    settings = Settings(database_url=migrated_url, escalation_database_url=migrated_url)
    from escalation.migrate import upgrade as upgrade_escalation

    upgrade_escalation(migrated_url)
    return TestClient(make_app(settings))


@pytest.mark.parametrize("role", ["", "officemedewerker", "inwoner"])
def test_every_route_needs_the_manager_role(client: TestClient, role: str) -> None:
    router = create_router(require_manager, settings=Settings())
    assert len(router.routes) == len(GETS) + 1  # every route is covered below
    for path in GETS:
        assert client.get(BASE + path, headers={"x-test-role": role}).status_code == 403
    response = client.post(
        f"{BASE}/beoordelen/1",
        data={"decision": "afwijzen", "csrf_token": CSRF_TOKEN},
        headers={"x-test-role": role},
    )
    assert response.status_code == 403


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_see_every_page(client: TestClient, role: str) -> None:
    for path in GETS:
        assert client.get(BASE + path, headers={"x-test-role": role}).status_code == 200


def test_hostile_text_is_escaped(client: TestClient) -> None:
    manager = {"x-test-role": "manager"}
    for path in ("/beoordelen", "/hiaten"):
        page = client.get(BASE + path, headers=manager).text
        assert "<script>" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; help" in page


def test_review_form_with_csrf(client: TestClient, migrated_url: str) -> None:
    manager = {"x-test-role": "manager"}
    page = client.get(f"{BASE}/beoordelen", headers=manager).text
    assert f'name="csrf_token" value="{CSRF_TOKEN}"' in page
    assert '<option value="info_mantelzorg">' in page

    no_token = client.post(f"{BASE}/beoordelen/1", data={"decision": "afwijzen"}, headers=manager)
    assert no_token.status_code == 403
    bad = client.post(
        f"{BASE}/beoordelen/1",
        data={"decision": "nieuw", "new_intent": "Fout Naam", "csrf_token": CSRF_TOKEN},
        headers=manager,
    )
    assert bad.status_code == 400 and "kleine letters" in bad.text
    done = client.post(
        f"{BASE}/beoordelen/1",
        data={"decision": "toewijzen", "intent": "info_mantelzorg", "csrf_token": CSRF_TOKEN},
        headers=manager,
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = client.get(done.headers["location"], headers=manager).text
    assert "Uw keuze is opgeslagen." in after and "alert" not in after
    with session_factory(migrated_url)() as session:
        message = session.get(UnansweredMessage, 1)
        assert (message.review_status, message.review_intent) == ("toegewezen", "info_mantelzorg")
        assert message.reviewed_by == "test-manager"

    download = client.get(f"{BASE}/nlu.yml", headers=manager)
    assert "attachment" in download.headers["content-disposition"]
    assert "- intent: info_mantelzorg" in download.text
    assert "- &lt;script" not in download.text and "alert" in download.text


def test_bad_period_falls_back_with_a_message(client: TestClient) -> None:
    page = client.get(f"{BASE}/?van=gisteren&tot=2026-13-01", headers={"x-test-role": "admin"})
    assert page.status_code == 200 and "Deze datum klopt niet" in page.text
