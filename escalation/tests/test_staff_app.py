"""The staff web app: login, roles, CSRF, escaping, expiry and the pages' actions."""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner
from sqlalchemy.orm import Session

from escalation.app import create_app
from escalation.models import Melding, StaffUser, utcnow
from escalation.settings import Settings
from escalation.staff.session import COOKIE_NAME
from escalation.tests.conftest import SESSION_SECRET, csrf_of, login, new_melding
from escalation.workflow import claim

GET_PAGES = ("/staff/", "/staff/meldingen/{id}", "/staff/gebruikers")
ACTIONS = ("oppakken", "doorzetten", "afhandelen", "intrekken", "notitie", "wmo")


def test_every_page_and_action_needs_login(client: TestClient, users: dict[str, StaffUser]) -> None:
    melding_id = new_melding(client)["id"]
    for page in GET_PAGES:
        response = client.get(page.format(id=melding_id), follow_redirects=False)
        assert (response.status_code, response.headers["location"]) == (303, "/staff/login")
    for action in ACTIONS:
        response = client.post(
            f"/staff/meldingen/{melding_id}/{action}",
            data={"csrf_token": "x"},
            follow_redirects=False,
        )
        assert (response.status_code, response.headers["location"]) == (303, "/staff/login")


@pytest.mark.parametrize(
    ("username", "allowed_pages", "allowed_actions"),
    [
        ("anna", {"/staff/", "/staff/meldingen/{id}"}, set(ACTIONS)),
        ("mila", {"/staff/", "/staff/meldingen/{id}"}, {"intrekken", "notitie", "wmo"}),
        ("ada", {"/staff/gebruikers"}, set()),
    ],
)
def test_roles_get_403_outside_their_work(
    client: TestClient,
    users: dict[str, StaffUser],
    username: str,
    allowed_pages: set[str],
    allowed_actions: set[str],
) -> None:
    melding_id = new_melding(client)["id"]
    assert login(client, username).status_code == 303
    for page in GET_PAGES:
        response = client.get(page.format(id=melding_id))
        assert response.status_code == (200 if page in allowed_pages else 403), page
        if response.status_code == 403:
            assert "geen toegang" in response.text
    token = csrf_of(client.get("/staff/login").text)
    for action in set(ACTIONS) - allowed_actions:
        response = client.post(
            f"/staff/meldingen/{melding_id}/{action}", data={"csrf_token": token}
        )
        assert response.status_code == 403, action


def test_login_lands_by_role_and_wrong_password_is_refused(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    assert login(client, "ada").headers["location"] == "/staff/gebruikers"
    wrong = login(client, "anna", "verkeerd wachtwoord")
    assert wrong.status_code == 401 and "klopt niet" in wrong.text
    assert login(client, "niemand").status_code == 401
    assert login(client, "ANNA").headers["location"] == "/staff/"


def test_repeated_failed_logins_are_throttled(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    for _ in range(5):
        assert login(client, "bram", "fout fout fout").status_code == 401
    # The wait after the free attempts starts at 1 s and doubles with each attempt: on a loaded
    # machine one slow password check can outlast the first second, never the later waits.
    for _ in range(4):
        blocked = login(client, "bram", "fout fout fout")
        if blocked.status_code != 401:
            break
    assert blocked.status_code == 429 and "Te veel" in blocked.text


def test_csrf_missing_or_wrong_gets_403(client: TestClient, users: dict[str, StaffUser]) -> None:
    melding_id = new_melding(client)["id"]
    page = client.get("/staff/login")
    missing = client.post("/staff/login", data={"username": "anna", "password": "x" * 12})
    assert missing.status_code == 403 and "verlopen" in missing.text
    assert csrf_of(page.text)
    login(client, "anna")
    url = f"/staff/meldingen/{melding_id}/oppakken"
    assert client.post(url, data={}).status_code == 403
    assert client.post(url, data={"csrf_token": "vals"}).status_code == 403
    assert client.get(f"/staff/meldingen/{melding_id}").text.count("opgepakt door") == 0


def test_unknown_ids_are_404(client: TestClient, users: dict[str, StaffUser]) -> None:
    login(client, "anna")
    token = csrf_of(client.get("/staff/").text)
    assert client.get("/staff/meldingen/bestaat-niet").status_code == 404
    response = client.post("/staff/meldingen/bestaat-niet/oppakken", data={"csrf_token": token})
    assert response.status_code == 404 and "bestaat niet" in response.text
    assert client.get("/staff/nergens").status_code == 404


def test_inwoner_text_is_escaped_on_inbox_and_detail(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    script = '<script>alert("x")</script>'
    melding = new_melding(
        client,
        onderwerp=f"Hulp {script}",
        beschrijving=f"<img src=x onerror=alert(1)> {script}",
        naam=f"<b>Piet</b>{script}",
        bereikbaar=f"{script} na 14:00",
        veiligheid=True,
        veilig_contact=f"{script} alleen 's ochtends",
        transcript=[{"van": "inwoner", "tekst": f"<iframe src=//evil>{script}"}],
    )
    login(client, "anna")
    inbox = client.get("/staff/").text
    detail = client.get(f"/staff/meldingen/{melding['id']}").text
    for html in (inbox, detail):
        assert "<script>alert" not in html and "<b>Piet</b>" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "<img src=x" not in detail and "<iframe" not in detail
    assert "&lt;iframe src=//evil&gt;" in detail
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; alleen &#39;s ochtends" in detail


def test_safety_flag_shows_as_a_badge_in_the_inbox_and_on_the_detail_page(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    flagged = new_melding(
        client, "k1", veiligheid=True, veilig_contact="Alleen bellen tussen 9 en 12, geen voicemail"
    )
    without_note = new_melding(client, "k2", veiligheid=True)
    plain = new_melding(client, "k3")
    login(client, "anna")
    rows = client.get("/staff/").text.split("<tr")
    for melding, badge in ((flagged, True), (without_note, True), (plain, False)):
        row = next(row for row in rows if melding["referentie"] in row)
        assert ("veiligheid-label" in row) is badge

    detail = client.get(f"/staff/meldingen/{flagged['id']}").text
    assert "VEILIGHEID" in detail and 'id="veiligheid"' in detail
    assert "Neem alleen contact op zoals afgesproken" in detail
    assert "Alleen bellen tussen 9 en 12, geen voicemail" in detail
    assert "niet doorgegeven" in client.get(f"/staff/meldingen/{without_note['id']}").text
    plain_detail = client.get(f"/staff/meldingen/{plain['id']}").text
    assert "VEILIGHEID" not in plain_detail and 'id="veiligheid"' not in plain_detail


def test_pages_load_nothing_from_other_hosts(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    login(client, "anna")
    response = client.get("/staff/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "http" not in response.text.split("<main>")[0].replace("http-equiv", "")
    for asset in ("/staff/static/staff.css", "/staff/static/countdown.js"):
        assert client.get(asset).status_code == 200


def test_session_expires_after_the_maximum_age(
    client: TestClient, settings: Settings, users: dict[str, StaffUser]
) -> None:
    login(client, "anna")
    assert client.get("/staff/", follow_redirects=False).status_code == 200
    cookie = client.cookies[COOKIE_NAME]
    payload = TimestampSigner(SESSION_SECRET).unsign(cookie).decode()
    data = json.loads(base64.b64decode(payload))
    data["login_at"] = int(time.time()) - settings.session_max_age_hours * 3600 - 1
    forged = (
        TimestampSigner(SESSION_SECRET).sign(base64.b64encode(json.dumps(data).encode())).decode()
    )
    client.cookies.set(COOKIE_NAME, forged, path="/staff")
    assert client.get("/staff/", follow_redirects=False).headers["location"] == "/staff/login"


def test_a_forged_cookie_is_not_a_session(client: TestClient, users: dict[str, StaffUser]) -> None:
    forged = TimestampSigner("not the secret at all, 32+ chars!!").sign(b"e30=").decode()
    client.cookies.set(COOKIE_NAME, forged, path="/staff")
    assert client.get("/staff/", follow_redirects=False).status_code == 303


def test_logout_ends_the_session(client: TestClient, users: dict[str, StaffUser]) -> None:
    login(client, "anna")
    token = csrf_of(client.get("/staff/").text)
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 200
    assert client.get("/staff/", follow_redirects=False).status_code == 303


def test_staff_app_without_session_secret_answers_503(settings: Settings) -> None:
    without = settings.model_copy(update={"session_secret": None})
    with TestClient(create_app(without)) as bare:
        assert bare.get("/staff/login").status_code == 503
        assert bare.get("/health").status_code == 200


def test_claim_forward_close_through_the_pages(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(client, spoed=True)
    url = f"/staff/meldingen/{melding['id']}"
    login(client, "bram")
    token = csrf_of(client.get(url).text)
    client.post(f"{url}/oppakken", data={"csrf_token": token})
    client.cookies.clear()
    login(client, "anna")
    token = csrf_of(client.get(url).text)
    refused = client.post(f"{url}/oppakken", data={"csrf_token": token})
    assert "Deze melding is al opgepakt door Bram Office." in refused.text
    client.cookies.clear()
    login(client, "bram")
    token = csrf_of(client.get(url).text)
    bad = client.post(f"{url}/doorzetten", data={"csrf_token": token, "naar": "bureaudienst"})
    assert "Schrijf een notitie" in bad.text
    too_long = client.post(f"{url}/notitie", data={"csrf_token": token, "notitie": "x" * 4001})
    assert too_long.status_code == 422 and "invoer klopt niet" in too_long.text
    client.post(
        f"{url}/doorzetten",
        data={"csrf_token": token, "naar": "bureaudienst", "notitie": "Vandaag nog bellen."},
    )
    page = client.post(
        f"{url}/afhandelen", data={"csrf_token": token, "uitkomst": "verwezen", "bevestig": "ja"}
    )
    assert "afgehandeld" in page.text and "Verwezen naar een andere organisatie" in page.text
    assert "Vandaag nog bellen." in page.text
    assert client.get("/api/v1/status/" + melding["referentie"]).status_code == 401


def test_overdue_new_meldingen_are_unmistakable(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    late = new_melding(client, "k1", naam="Laat Persoon")
    claimed = new_melding(client, "k2", naam="Opgepakt Persoon")
    for melding_id in (late["id"], claimed["id"]):
        stored = db.get(Melding, melding_id)
        assert stored is not None
        stored.deadline = utcnow() - timedelta(hours=2)
    db.commit()
    claim(db, claimed["id"], users["anna"])
    login(client, "anna")
    rows = client.get("/staff/").text.split("<tr")
    late_row = next(row for row in rows if "Laat Persoon" in row)
    claimed_row = next(row for row in rows if "Opgepakt Persoon" in row)
    assert 'class="te-laat' in late_row and "TE LAAT" in late_row and "2 uur te laat" in late_row
    # Claimed is not yet a response (forwarded or closed): still late, marked in words.
    assert "TE LAAT" in claimed_row and "opgepakt" in claimed_row
    assert "TE LAAT" in client.get(f"/staff/meldingen/{late['id']}").text


def test_insights_pages_are_for_managers_and_admins_only(
    settings: Settings, users: dict[str, StaffUser], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from insights.db import upgrade

    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    upgrade(insights_url)
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", insights_url)
    with TestClient(create_app(settings)) as client:
        anonymous = client.get("/staff/inzicht/", follow_redirects=False)
        assert (anonymous.status_code, anonymous.headers["location"]) == (303, "/staff/login")
        for username, expected in (("anna", 403), ("mila", 200), ("ada", 403)):
            client.cookies.clear()
            assert login(client, username).status_code == 303
            page = client.get("/staff/inzicht/")
            assert page.status_code == expected, username
            inbox = client.get("/staff/")
            assert ('href="/staff/inzicht/"' in inbox.text) == (username == "mila")
        refused = client.post("/staff/inzicht/beoordelen/1", data={"csrf_token": "vals"})
        assert refused.status_code == 403
