"""Topics from a fixed list for filters and KPIs; the inwoner's own words stay on the melding
(issue 15)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from escalation.inbox import InboxFilter, open_meldingen
from escalation.models import StaffUser
from escalation.staff.onderwerpen import ANDERS, ONDERWERPEN, onderwerp_uit_lijst, vrije_tekst
from escalation.tests.conftest import login, new_melding

BOT_LABELS = (
    "Mantelzorg", "Hulp thuis (Wmo)", "Jeugd en gezin", "Geld en schulden", "Wonen",
    "Geweld of onveilig thuis", "Woning, hulpmiddelen of vervoer", "Pgb", "Eigen bijdrage",
    "Cliëntondersteuning", "Respijtzorg", "Werk en meedoen", "Wet langdurige zorg",
    "Bezwaar of klacht", "Eenzaamheid",
)  # fmt: skip


@pytest.mark.parametrize("label", BOT_LABELS)
def test_every_label_of_the_bot_has_its_own_topic(label: str) -> None:
    topic = onderwerp_uit_lijst(label)
    assert topic in ONDERWERPEN and topic != ANDERS
    assert not vrije_tekst(label)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("respijtzorg", "Mantelzorg en respijtzorg"),
        ("MANTELZORG ", "Mantelzorg en respijtzorg"),
        ("mijn huis", "Wonen"),
        ("<i>schulden</i> TEST-ESCAPE", "Geld en schulden"),
        ("schulden bij mijn broer", "Geld en schulden"),
        ("een traplift", "Hulpmiddelen, woning en vervoer"),
        ("huiselijk geweld", "Geweld of onveilig thuis"),
        ("iets heel anders", ANDERS),
        ("", ANDERS),
    ],
)
def test_free_text_goes_to_one_topic_or_anders(text: str, topic: str) -> None:
    assert onderwerp_uit_lijst(text) == topic
    is_label = text.strip().lower() in {label.lower() for label in BOT_LABELS}
    assert vrije_tekst(text) == (bool(text.strip()) and not is_label)


def test_inbox_filters_by_topic_and_shows_the_free_text_only_on_the_melding(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    free = new_melding(client, "k1", onderwerp="<i>schulden</i> bij de energie", naam="Vrij")
    label = new_melding(client, "k2", onderwerp="Geld en schulden", naam="Knop")
    other = new_melding(client, "k3", onderwerp="Mantelzorg", naam="Ander")

    def names(onderwerp: str) -> set[str]:
        found = open_meldingen(db, InboxFilter(onderwerp=onderwerp), users["anna"].id)
        return {melding.naam for melding in found}

    assert names("Geld en schulden") == {"Vrij", "Knop"}
    assert names("Mantelzorg en respijtzorg") == {"Ander"}
    assert names("Wonen") == set()

    login(client, "anna")
    inbox = client.get("/staff/", params={"onderwerp": "Geld en schulden"}).text
    menu = inbox[
        inbox.index('<select name="onderwerp">') : inbox.index(
            "</select>", inbox.index('<select name="onderwerp">')
        )
    ]
    options = [part.split(">", 1)[1] for part in menu.split("<option")[2:]]
    assert [option.split("<", 1)[0] for option in options] == list(ONDERWERPEN)
    assert "&lt;i&gt;schulden" not in inbox  # the inbox shows the topic, not the free text
    assert "Vrij" in inbox and "Knop" in inbox and other["referentie"] not in inbox
    detail = client.get(f"/staff/meldingen/{free['id']}").text
    line = detail[
        detail.index('id="onderwerp"') : detail.index("</dd>", detail.index('id="onderwerp"'))
    ]
    assert "Geld en schulden" in line and "inwoner schreef: &lt;i&gt;schulden&lt;/i&gt;" in line
    detail = client.get(f"/staff/meldingen/{label['id']}").text
    line = detail[
        detail.index('id="onderwerp"') : detail.index("</dd>", detail.index('id="onderwerp"'))
    ]
    assert "inwoner schreef" not in line
