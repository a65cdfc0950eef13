"""Every staff and insights page has the same header with the user and "Uitloggen", also the
403 and 404 pages (issue 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from escalation.app import create_app
from escalation.models import StaffUser
from escalation.settings import Settings
from escalation.tests.conftest import login, new_melding

REPO = Path(__file__).resolve().parents[2]


def header(html: str) -> str:
    match = re.search(r'<header class="top">.*?</header>', html, re.S)
    assert match, "no header on the page"
    return match.group(0)


def test_staff_and_insights_pages_share_one_header_file() -> None:
    assert (REPO / "escalation" / "templates" / "_header.html").is_file()
    assert not (REPO / "insights" / "templates" / "_header.html").exists()


@pytest.fixture
def app_client(settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    from insights.db import upgrade

    insights_url = f"sqlite:///{tmp_path / 'insights.db'}"
    upgrade(insights_url)
    monkeypatch.setenv("INSIGHTS_DATABASE_URL", insights_url)
    return TestClient(create_app(settings))


@pytest.mark.parametrize(
    ("username", "pages", "refused", "menu"),
    [
        (
            "anna",
            ["/staff/", "/staff/meldingen/{id}"],
            ["/staff/inzicht/", "/staff/gebruikers"],
            ["Meldingen"],
        ),
        (
            "mila",
            [
                "/staff/",
                "/staff/meldingen/{id}",
                "/staff/inzicht/",
                "/staff/inzicht/hiaten",
                "/staff/inzicht/beoordelen",
            ],
            ["/staff/gebruikers"],
            ["Meldingen", "Inzicht"],
        ),
        (
            "ada",
            ["/staff/gebruikers", "/staff/klantinteracties"],
            ["/staff/", "/staff/inzicht/"],
            ["Gebruikers", "Export Klantinteracties"],
        ),
    ],
)
def test_every_page_has_the_same_header_with_user_and_logout(
    app_client: TestClient,
    users: dict[str, StaffUser],
    username: str,
    pages: list[str],
    refused: list[str],
    menu: list[str],
) -> None:
    with app_client as client:
        melding_id = new_melding(client)["id"]
        assert login(client, username).status_code == 303
        seen: list[str] = []
        for path in pages:
            response = client.get(path.format(id=melding_id))
            assert response.status_code == 200, path
            seen.append(header(response.text))
        for path in refused:
            response = client.get(path)
            assert response.status_code == 403, path
            assert "geen toegang" in response.text
            seen.append(header(response.text))
        missing = client.get("/staff/meldingen/bestaat-niet")
        assert missing.status_code == (403 if username == "ada" else 404)
        seen.append(header(missing.text))

        assert len(set(seen)) == 1, "the header differs between pages"
        top = seen[0]
        display = users[username].display_name
        assert f"Ingelogd als <strong>{display}</strong>" in top
        assert '<form method="post" action="/staff/logout"' in top
        links = re.findall(r'<a href="[^"]+">([^<]+)</a>', top)
        assert links == menu

        # Logging out works from the 403 page's header (its CSRF token is the session's).
        forbidden = client.get(refused[0])
        token = re.search(r'name="csrf_token" value="([^"]+)"', header(forbidden.text))
        assert token and token.group(1)
        out = client.post(
            "/staff/logout", data={"csrf_token": token.group(1)}, follow_redirects=False
        )
        assert out.headers["location"] == "/staff/login"
        after = client.get("/staff/gebruikers", follow_redirects=False)
        assert after.headers["location"] == "/staff/login"


def test_login_page_header_has_no_user(app_client: TestClient) -> None:
    with app_client as client:
        top = header(client.get("/staff/login").text)
    assert "Ingelogd als" not in top and "Uitloggen" not in top
