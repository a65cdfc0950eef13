"""Irreversible steps need a ticked confirmation and a chosen outcome; a manager can reopen a
closed melding, with a reason in the history (issue 15)."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, StaffUser, utcnow
from escalation.tests.conftest import csrf_of, login, new_melding
from escalation.workflow import claim, close, forward, withdraw


def _stored(db: Session, melding_id: str) -> Melding:
    db.expire_all()
    melding = db.get(Melding, melding_id)
    assert melding is not None
    return melding


def test_nothing_irreversible_happens_without_confirmation(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(client)
    url = f"/staff/meldingen/{melding['id']}"
    claim(db, melding["id"], users["anna"])
    login(client, "anna")
    page = client.get(url).text
    token = csrf_of(page)
    # No outcome is preselected: the first option is empty, and each step has a required box.
    afhandelen = page[
        page.index('id="afhandelen"') : page.index("</form>", page.index('id="afhandelen"'))
    ]
    assert '<option value="" selected>Kies een uitkomst</option>' in afhandelen
    assert 'name="bevestig" value="ja" required' in afhandelen
    for form in ('id="wmo"', 'id="intrekken"'):
        start = page.index(form)
        assert 'name="bevestig" value="ja" required' in page[start : page.index("</form>", start)]

    attempts: tuple[tuple[str, dict[str, str], str], ...] = (
        ("afhandelen", {"uitkomst": "verwezen"}, "Bevestig eerst dat u de melding afhandelt."),
        ("afhandelen", {"bevestig": "ja"}, "Kies eerst een uitkomst."),
        ("intrekken", {}, "Bevestig eerst dat u de melding intrekt."),
        ("wmo", {}, "Bevestig eerst dat u dit een formele Wmo-melding is."),
    )
    for action, fields, message in attempts:
        response = client.post(f"{url}/{action}", data={"csrf_token": token, **fields})
        assert response.status_code == 200 and message in response.text, action
    stored = _stored(db, melding["id"])
    assert (stored.status, stored.uitkomst, stored.wmo_melding_op) == ("opgepakt", None, None)

    done = client.post(
        f"{url}/afhandelen", data={"csrf_token": token, "uitkomst": "verwezen", "bevestig": "ja"}
    )
    assert "afgehandeld" in done.text
    assert _stored(db, melding["id"]).uitkomst == "verwezen"


def test_a_manager_reopens_a_closed_melding_with_a_reason(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    forwarded = new_melding(client, "k1", naam="Doorgezet Persoon")
    withdrawn = new_melding(client, "k2", naam="Ingetrokken Persoon")
    claim(db, forwarded["id"], users["anna"])
    forward(db, forwarded["id"], users["anna"], "sociaal_werker", "Bellen.")
    close(db, forwarded["id"], users["anna"], "vraag_beantwoord")
    withdraw(db, withdrawn["id"], users["mila"])
    responded = _stored(db, forwarded["id"]).gereageerd_op

    login(client, "anna")
    url = f"/staff/meldingen/{forwarded['id']}"
    page = client.get(url).text
    assert 'id="heropenen"' not in page and "Een manager kan haar heropenen" in page
    refused = client.post(
        f"{url}/heropenen", data={"csrf_token": csrf_of(page), "reden": "x", "bevestig": "ja"}
    )
    assert refused.status_code == 403
    client.cookies.clear()

    login(client, "mila")
    page = client.get(url).text
    assert 'id="heropenen"' in page
    token = csrf_of(page)
    no_reason = client.post(f"{url}/heropenen", data={"csrf_token": token, "bevestig": "ja"})
    assert "Schrijf waarom u de melding heropent." in no_reason.text
    unconfirmed = client.post(f"{url}/heropenen", data={"csrf_token": token, "reden": "Terug"})
    assert "Bevestig eerst dat u de melding heropent." in unconfirmed.text
    assert _stored(db, forwarded["id"]).status == "afgehandeld"

    reason = "Inwoner belde terug: de vraag is nog niet opgelost."
    done = client.post(
        f"{url}/heropenen", data={"csrf_token": token, "reden": reason, "bevestig": "ja"}
    )
    assert done.status_code == 200 and "doorgezet" in done.text
    stored = _stored(db, forwarded["id"])
    assert (stored.status, stored.uitkomst, stored.afgesloten_op) == ("doorgezet", None, None)
    assert stored.claimed_by == users["anna"].id and stored.gereageerd_op == responded
    events = db.scalars(
        select(AuditEvent).where(
            AuditEvent.melding_id == forwarded["id"], AuditEvent.action == "heropenen"
        )
    ).all()
    assert {(e.actor, e.field, e.old_value, e.new_value) for e in events} == {
        ("mila", "status", "afgehandeld", "doorgezet"),
        ("mila", "reden", None, reason),
        ("mila", "uitkomst", "vraag_beantwoord", None),
    }
    assert reason in done.text  # in the history on the page
    again = client.post(
        f"{url}/heropenen", data={"csrf_token": token, "reden": "x", "bevestig": "ja"}
    )
    assert "Alleen een afgehandelde of ingetrokken melding" in again.text

    # Withdrawn while nieuw: back to nieuw, in the inbox again.
    withdrawn_url = f"/staff/meldingen/{withdrawn['id']}"
    client.post(
        f"{withdrawn_url}/heropenen",
        data={"csrf_token": token, "reden": "Per ongeluk ingetrokken.", "bevestig": "ja"},
    )
    assert _stored(db, withdrawn["id"]).status == "nieuw"
    assert "Ingetrokken Persoon" in client.get("/staff/").text


def test_a_purged_melding_cannot_be_reopened(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(client)
    withdraw(db, melding["id"], users["mila"])
    stored = _stored(db, melding["id"])
    stored.gewist_op = utcnow() - timedelta(days=1)
    db.commit()
    login(client, "mila")
    url = f"/staff/meldingen/{melding['id']}"
    page = client.get(url).text
    assert 'id="heropenen"' not in page
    response = client.post(
        f"{url}/heropenen", data={"csrf_token": csrf_of(page), "reden": "x", "bevestig": "ja"}
    )
    assert "Heropenen kan niet meer" in response.text
    assert _stored(db, melding["id"]).status == "ingetrokken"


def test_phone_is_a_tel_link_and_payloads_are_left_out_of_the_transcript(
    client: TestClient, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(
        client,
        telefoon="06 12345678",
        transcript=[
            {"van": "inwoner", "tekst": "/greet"},
            {"van": "assistent", "tekst": "Hallo! Waarmee kan ik u helpen?"},
            {"van": "inwoner", "tekst": "Ik zorg voor mijn man en ben erg moe."},
        ],
    )
    login(client, "anna")
    page = client.get(f"/staff/meldingen/{melding['id']}").text
    assert 'href="tel:' in page
    tel = page[page.index('href="tel:') + len('href="tel:') :].split('"', 1)[0]
    assert tel.lstrip("+").isdigit()
    transcript = page[page.index("Gesprek met de assistent") : page.index("Geschiedenis")]
    assert "/greet" not in transcript
    assert "Ik zorg voor mijn man" in transcript and "Hallo! Waarmee" in transcript


def test_a_reopened_melding_that_had_a_response_is_not_marked_late(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    """Closed straight from opgepakt (a response), reopened past its deadline: opgepakt again,
    but the response stays, so neither the inbox nor its page says TE LAAT."""
    melding = new_melding(client, naam="Heropend Persoon")
    claim(db, melding["id"], users["anna"])
    close(db, melding["id"], users["anna"], "vraag_beantwoord")
    stored = _stored(db, melding["id"])
    stored.deadline = utcnow() - timedelta(hours=5)
    db.commit()
    login(client, "mila")
    url = f"/staff/meldingen/{melding['id']}"
    token = csrf_of(client.get(url).text)
    page = client.post(
        f"{url}/heropenen",
        data={"csrf_token": token, "reden": "Inwoner belde opnieuw.", "bevestig": "ja"},
    ).text
    assert _stored(db, melding["id"]).status == "opgepakt"
    termijn = page[page.index('id="termijn"') : page.index("</dd>", page.index('id="termijn"'))]
    assert "TE LAAT" not in termijn and "gereageerd" in termijn
    row = next(row for row in client.get("/staff/").text.split("<tr") if "Heropend" in row)
    assert "TE LAAT" not in row
