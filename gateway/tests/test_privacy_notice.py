"""The chat's privacy notice: who the inwoner talks to, what not to share (once), the privacy
statement, and the phone number with opening hours for people who prefer to call."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from gateway.organisation import Organisation, load_organisation
from gateway.tests.conftest import ORGANISATION_YAML, GatewayFactory

PRIVACY_URL = "https://www.sociaalteam-teststad.nl/privacy"
OPENING_HOURS = """\
openingstijden:
  maandag: ["08:30", "17:00"]
  dinsdag: ["08:30", "17:00"]
  woensdag: ["08:30", "17:00"]
  donderdag: ["08:30", "17:00"]
  vrijdag: ["08:30", "12:30"]
"""


@pytest.fixture
def organisation_file(tmp_path: Path) -> Path:
    path = tmp_path / "organisation.yml"
    path.write_text(
        ORGANISATION_YAML + f'privacyverklaring: "{PRIVACY_URL}"\n' + OPENING_HOURS,
        encoding="utf-8",
    )
    return path


async def test_the_notice_names_the_team_the_statement_and_how_to_call(
    gateway: httpx.AsyncClient,
) -> None:
    text = (await gateway.get("/")).text
    notice = text[text.index('id="privacy"') : text.index("</section>")]
    assert "digitale assistent van Sociaal Team Teststad" in notice
    assert f'<a href="{PRIVACY_URL}" target="_blank" rel="noopener noreferrer">' in notice
    assert 'href="tel:0123456789"' in notice
    assert (
        "maandag tot en met donderdag van 8.30 tot 17.00 uur en vrijdag van 8.30 tot 12.30 uur"
        in notice
    )
    # Said once, and it does not forbid what the team needs to hear about (care, health).
    assert text.count("Deel geen") == 1 and "BSN" in notice
    assert "medische gegevens" not in text


async def test_without_statement_or_hours_the_notice_still_works(
    gateway_factory: GatewayFactory, tmp_path: Path
) -> None:
    bare = tmp_path / "bare.yml"
    bare.write_text('naam: "Team Zuid"\n', encoding="utf-8")
    async with gateway_factory(organisation_file=bare) as client:
        text = (await client.get("/")).text
    assert "digitale assistent van Team Zuid" in text
    assert "privacyverklaring" not in text and "Liever bellen" not in text


def test_statement_must_be_https_and_not_the_example_in_production(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "org.yml"
    path.write_text('privacyverklaring: "http://www.teststad.nl/privacy"\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_organisation(path).privacy_statement is None
    assert "privacyverklaring" in caplog.text
    path.write_text('privacyverklaring: "https://www.example.nl/privacy"\n', encoding="utf-8")
    assert load_organisation(path).privacy_statement == "https://www.example.nl/privacy"
    monkeypatch.setenv("VOORDEUR_ENV", "production")
    assert load_organisation(path).privacy_statement is None


def test_opening_hours_group_days_with_the_same_hours() -> None:
    hours = (
        ("maandag", "09:00", "12:00"),
        ("woensdag", "09:00", "12:00"),
        ("donderdag", "09:00", "12:00"),
        ("vrijdag", "13:00", "16:30"),
    )
    assert Organisation(opening_hours=hours).opening_hours_text() == (
        "maandag van 9.00 tot 12.00 uur, woensdag en donderdag van 9.00 tot 12.00 uur "
        "en vrijdag van 13.00 tot 16.30 uur"
    )
    assert Organisation().opening_hours_text() is None


def test_unreadable_opening_hours_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "org.yml"
    path.write_text(
        'openingstijden:\n  maandag: ["08:30", "17:00"]\n  dinsdag: "hele dag"\n'
        '  woensdag: ["25:00", "17:00"]\n',
        encoding="utf-8",
    )
    assert load_organisation(path).opening_hours == (("maandag", "08:30", "17:00"),)
