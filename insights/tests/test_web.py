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
    assert len(router.routes) == len(GETS) + 2  # every route is covered below
    for path in GETS:
        assert client.get(BASE + path, headers={"x-test-role": role}).status_code == 403
    for path in ("/beoordelen/1", "/beoordelen/1/terug"):
        response = client.post(
            BASE + path,
            data={"decision": "afwijzen", "csrf_token": CSRF_TOKEN},
            headers={"x-test-role": role},
        )
        assert response.status_code == 403


@pytest.mark.parametrize("role", ["manager", "admin"])
def test_managers_and_admins_see_every_page(client: TestClient, role: str) -> None:
    for path in GETS:
        # Nothing reviewed yet: the training-data export refuses (see the export tests).
        expected = 409 if path == "/nlu.yml" else 200
        assert client.get(BASE + path, headers={"x-test-role": role}).status_code == expected


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
    assert '<option value="info_mantelzorg">Info: mantelzorg</option>' in page

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
        data={
            "decision": "toewijzen",
            "intent": "info_mantelzorg",
            "tekst_gecontroleerd": "ja",
            "csrf_token": CSRF_TOKEN,
        },
        headers=manager,
        follow_redirects=False,
    )
    assert done.status_code == 303
    after = client.get(done.headers["location"], headers=manager).text
    assert "Uw keuze is opgeslagen." in after and "alert" not in after
    with session_factory(migrated_url)() as session:
        message = session.get_one(UnansweredMessage, 1)
        assert (message.review_status, message.review_intent) == ("toegewezen", "info_mantelzorg")
        assert message.reviewed_by == "test-manager"

    download = client.get(f"{BASE}/nlu.yml", headers=manager)
    assert "attachment" in download.headers["content-disposition"]
    assert "- intent: info_mantelzorg" in download.text
    assert "- &lt;script" not in download.text and "alert" in download.text


def test_bad_period_falls_back_with_a_message(client: TestClient) -> None:
    page = client.get(f"{BASE}/?van=gisteren&tot=2026-13-01", headers={"x-test-role": "admin"})
    assert page.status_code == 200 and "Deze datum klopt niet" in page.text
    assert "dd-mm-jjjj" in page.text


def test_period_in_dutch_date_format(client: TestClient) -> None:
    page = client.get(f"{BASE}/?van=01-11-2026&tot=27-11-2026", headers={"x-test-role": "admin"})
    assert page.status_code == 200 and "Deze datum klopt niet" not in page.text
    assert 'value="01-11-2026"' in page.text and 'value="27-11-2026"' in page.text


def _keep(client: TestClient, **fields: str) -> int:
    """POST a 'toewijzen' decision for message 1 as a manager; the status code."""
    data = {"decision": "toewijzen", "intent": "info_wmo", "csrf_token": CSRF_TOKEN, **fields}
    response = client.post(
        f"{BASE}/beoordelen/1",
        data=data,
        headers={"x-test-role": "manager"},
        follow_redirects=False,
    )
    return int(response.status_code)


def test_export_is_refused_without_the_text_check(client: TestClient, migrated_url: str) -> None:
    """The attack: keep a message for training data without reading its text, then export."""
    manager = {"x-test-role": "manager"}
    assert client.get(f"{BASE}/nlu.yml", headers=manager).status_code == 409
    # Without the check box (or with a forged value) the decision is refused, nothing stored.
    for fields in ({}, {"tekst_gecontroleerd": ""}, {"tekst_gecontroleerd": "on"}):
        assert _keep(client, **fields) == 400
    with session_factory(migrated_url)() as session:
        message = session.get(UnansweredMessage, 1)
        assert message is not None
        assert (message.review_status, message.text_checked_at) == ("open", None)
        assert message.tekst == HOSTILE
        # Marked as kept by some other way than the review step: still not exported.
        message.review_status, message.review_intent = "toegewezen", "info_wmo"
        session.commit()
    refused = client.get(f"{BASE}/nlu.yml", headers=manager)
    assert refused.status_code == 409 and "gecontroleerde tekst" in refused.text
    assert "alert" not in refused.text

    # Checked, with a corrected text: exported, and the correction is redacted once more.
    corrected = "Ik ben Jan Smit en ik wil hulp bij het douchen"
    assert _keep(client, tekst_gecontroleerd="ja", tekst=corrected) == 303
    export = client.get(f"{BASE}/nlu.yml", headers=manager)
    assert export.status_code == 200
    assert "- Ik ben <naam> en ik wil hulp bij het douchen" in export.text
    assert "Smit" not in export.text and "alert" not in export.text
    with session_factory(migrated_url)() as session:
        message = session.get(UnansweredMessage, 1)
        assert message is not None and message.text_checked_by == "test-manager"


def test_corrected_text_is_bounded(client: TestClient, migrated_url: str) -> None:
    assert _keep(client, tekst_gecontroleerd="ja", tekst="x" * 1001) == 400
    assert _keep(client, tekst_gecontroleerd="ja", tekst="x" * 5000) == 422
    with session_factory(migrated_url)() as session:
        message = session.get(UnansweredMessage, 1)
        assert message is not None and message.tekst == HOSTILE


def test_review_shows_amsterdam_time_dutch_channel_and_preselects_nothing(
    migrated_url: str,
) -> None:
    """Received 23:30 UTC on 24 November is 00:30 on the 25th in Amsterdam (issue 15)."""
    with session_factory(migrated_url)() as session, session.begin():
        session.add(
            UnansweredMessage(
                source_event_id="test#time",
                conversation_id=1,
                tekst="hoe laat is de milieustraat open",
                reason="nlu_fallback",
                intent="nlu_fallback",
                confidence=0.3,
                ranking=[],
                kanaal="telegram",
                received_at=datetime(2026, 11, 24, 23, 30, tzinfo=UTC),
            )
        )
    settings = Settings(database_url=migrated_url, escalation_database_url=migrated_url)
    client = TestClient(make_app(settings))
    page = client.get(BASE + "/beoordelen", headers={"x-test-role": "manager"}).text
    assert "25-11-2026 00:30 · Telegram" in page and "UTC" not in page
    assert '<option value="" selected>Kies een onderwerp</option>' in page
    refused = client.post(
        f"{BASE}/beoordelen/1",
        data={"decision": "toewijzen", "intent": "", "tekst_gecontroleerd": "ja"}
        | {"csrf_token": CSRF_TOKEN},
        headers={"x-test-role": "manager"},
    )
    assert refused.status_code == 400 and "Kies een bestaand onderwerp" in refused.text


def test_a_decision_can_be_undone(client: TestClient, migrated_url: str) -> None:
    """After a decision the page offers "Ongedaan maken": the message is open again, nothing
    chosen, not exported; the undo needs the CSRF token (issue 15)."""
    manager = {"x-test-role": "manager"}
    decided = client.post(
        f"{BASE}/beoordelen/1",
        data={
            "decision": "toewijzen",
            "intent": "info_wmo",
            "tekst_gecontroleerd": "ja",
            "csrf_token": CSRF_TOKEN,
        },
        headers=manager,
    )
    assert "Uw keuze is opgeslagen." in decided.text and "Ongedaan maken" in decided.text
    assert f'action="http://testserver{BASE}/beoordelen/1/terug"' in decided.text
    assert client.get(f"{BASE}/nlu.yml", headers=manager).status_code == 200
    refused = client.post(f"{BASE}/beoordelen/1/terug", data={}, headers=manager)
    assert refused.status_code == 403

    undone = client.post(
        f"{BASE}/beoordelen/1/terug", data={"csrf_token": CSRF_TOKEN}, headers=manager
    )
    assert "Het bericht staat weer in de lijst." in undone.text
    with session_factory(migrated_url)() as session:
        message = session.get(UnansweredMessage, 1)
        assert message is not None
        assert (message.review_status, message.review_intent, message.text_checked_by) == (
            "open", None, None,
        )  # fmt: skip
    assert client.get(f"{BASE}/nlu.yml", headers=manager).status_code == 409
    again = client.post(
        f"{BASE}/beoordelen/1/terug", data={"csrf_token": CSRF_TOKEN}, headers=manager
    )
    assert again.status_code == 400 and "staat al in de lijst" in again.text


def test_review_shows_the_question_before_and_dutch_intent_names(migrated_url: str) -> None:
    with session_factory(migrated_url)() as session, session.begin():
        session.add(
            UnansweredMessage(
                source_event_id="test#context",
                conversation_id=1,
                tekst="kan ik mijn container ruilen",
                context="Waarmee kan ik u helpen?",
                reason="nlu_fallback",
                intent="nlu_fallback",
                confidence=0.3,
                ranking=[
                    {"intent": "nlu_fallback", "confidence": 0.3},
                    {"intent": "info_wmo", "confidence": 0.2},
                ],
                kanaal="web",
                received_at=datetime.now(UTC),
            )
        )
    settings = Settings(database_url=migrated_url, escalation_database_url=migrated_url)
    page = TestClient(make_app(settings)).get(
        BASE + "/beoordelen", headers={"x-test-role": "manager"}
    )
    assert "De assistent zei ervoor:</span> <q>Waarmee kan ik u helpen?</q>" in page.text
    assert "Niet begrepen (30%), Info: Wmo, hulp thuis (20%)" in page.text
