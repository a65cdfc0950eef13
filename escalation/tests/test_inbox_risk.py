"""The inbox puts meldingen at risk first, marked in words; a manager can reassign a melding."""

from __future__ import annotations

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from escalation.models import AuditEvent, Melding, StaffUser, utcnow
from escalation.tests.conftest import csrf_of, login, new_melding
from escalation.workflow import claim, forward


def _set_deadline(db: Session, melding_id: str, delta: timedelta) -> None:
    stored = db.get(Melding, melding_id)
    assert stored is not None
    stored.deadline = utcnow() + delta
    db.commit()


def test_late_and_loopt_af_come_first_marked_in_words(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    """Late without response (also claimed), then loopt af, then the rest; spoed does not
    jump ahead of a late melding."""
    rustig = new_melding(client, "k1", naam="Rustig Persoon", spoed=True)
    bijna = new_melding(client, "k2", naam="Bijna Persoon")
    laat = new_melding(client, "k3", naam="Laat Persoon")
    opgepakt_laat = new_melding(client, "k4", naam="Opgepakt Persoon")
    doorgezet = new_melding(client, "k5", naam="Doorgezet Persoon")
    _set_deadline(db, rustig["id"], timedelta(days=30))
    _set_deadline(db, bijna["id"], timedelta(minutes=5))  # 4 office hours before is past
    for melding in (laat, opgepakt_laat, doorgezet):
        _set_deadline(db, melding["id"], timedelta(hours=-2))
    claim(db, opgepakt_laat["id"], users["anna"])
    claim(db, doorgezet["id"], users["anna"])
    forward(db, doorgezet["id"], users["anna"], "sociaal_werker", "Bellen.")

    login(client, "bram")
    page = client.get("/staff/").text
    assert "2 te laat, 1 loopt af" in page
    rows = [row for row in page.split("<tr")[2:]]
    order = [
        next(
            name
            for name in ("Rustig", "Bijna", "Laat", "Opgepakt", "Doorgezet")
            if f"{name} Persoon" in row
        )
        for row in rows
    ]
    assert order[:3] in (["Laat", "Opgepakt", "Bijna"], ["Opgepakt", "Laat", "Bijna"])
    assert set(order[3:]) == {"Rustig", "Doorgezet"}
    marked = {name: row for name, row in zip(order, rows, strict=True)}
    assert "TE LAAT" in marked["Laat"] and "TE LAAT" in marked["Opgepakt"]
    assert "LOOPT AF" in marked["Bijna"] and 'class="loopt-af' in marked["Bijna"]
    for name in ("Rustig", "Doorgezet"):
        assert "TE LAAT" not in marked[name] and "LOOPT AF" not in marked[name]


def test_manager_reassigns_a_claimed_melding_after_confirming(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(client)
    claim(db, melding["id"], users["anna"])
    url = f"/staff/meldingen/{melding['id']}"

    login(client, "bram")
    token = csrf_of(client.get(url).text)
    assert 'id="overdragen"' not in client.get(url).text
    refused = client.post(f"{url}/overdragen", data={"csrf_token": token, "naar": "2"})
    assert refused.status_code == 403
    client.cookies.clear()

    login(client, "mila")
    page = client.get(url).text
    assert 'id="overdragen"' in page and "Bram Office" in page
    token = csrf_of(page)
    bram = str(users["bram"].id)
    no_csrf = client.post(f"{url}/overdragen", data={"naar": bram, "bevestig": "ja"})
    assert no_csrf.status_code == 403
    unconfirmed = client.post(f"{url}/overdragen", data={"csrf_token": token, "naar": bram})
    assert "Bevestig eerst" in unconfirmed.text
    db.expire_all()
    assert db.get(Melding, melding["id"]).claimed_by == users["anna"].id  # type: ignore[union-attr]

    done = client.post(
        f"{url}/overdragen", data={"csrf_token": token, "naar": bram, "bevestig": "ja"}
    )
    assert done.status_code == 200 and "opgepakt door Bram Office" in done.text
    db.expire_all()
    assert db.get(Melding, melding["id"]).claimed_by == users["bram"].id  # type: ignore[union-attr]
    event = db.scalars(
        select(AuditEvent).where(
            AuditEvent.melding_id == melding["id"], AuditEvent.action == "overdragen"
        )
    ).one()
    assert (event.actor, event.field, event.old_value, event.new_value) == (
        "mila", "opgepakt_door", "anna", "bram",
    )  # fmt: skip
    to_manager = client.post(
        f"{url}/overdragen",
        data={"csrf_token": token, "naar": str(users["mila"].id), "bevestig": "ja"},
    )
    assert "Kies een actieve officemedewerker." in to_manager.text


def test_an_unclaimed_melding_cannot_be_reassigned(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    melding = new_melding(client)
    url = f"/staff/meldingen/{melding['id']}"
    login(client, "mila")
    page = client.get(url).text
    assert 'id="overdragen"' not in page
    response = client.post(
        f"{url}/overdragen",
        data={"csrf_token": csrf_of(page), "naar": str(users["bram"].id), "bevestig": "ja"},
    )
    assert "Alleen een opgepakte, open melding" in response.text
    db.expire_all()
    assert db.get(Melding, melding["id"]).claimed_by is None  # type: ignore[union-attr]


def _termijn(page: str) -> str:
    """The deadline line of a melding's page."""
    start = page.index('id="termijn"')
    return page[start : page.index("</dd>", start)]


def test_detail_page_marks_the_risk_like_the_inbox(
    client: TestClient, db: Session, users: dict[str, StaffUser]
) -> None:
    """TE LAAT for every melding past its deadline without response (also claimed), LOOPT AF
    close to it; a forwarded one shows when the response was given, not a countdown."""
    nieuw_laat = new_melding(client, "k1", naam="Nieuw Laat")
    opgepakt_laat = new_melding(client, "k2", naam="Opgepakt Laat")
    opgepakt_bijna = new_melding(client, "k3", naam="Opgepakt Bijna")
    doorgezet_laat = new_melding(client, "k4", naam="Doorgezet Laat")
    rustig = new_melding(client, "k5", naam="Rustig")
    for melding in (nieuw_laat, opgepakt_laat, doorgezet_laat):
        _set_deadline(db, melding["id"], timedelta(hours=-2))
    _set_deadline(db, opgepakt_bijna["id"], timedelta(minutes=5))
    _set_deadline(db, rustig["id"], timedelta(days=30))
    for melding in (opgepakt_laat, opgepakt_bijna, doorgezet_laat):
        claim(db, melding["id"], users["anna"])
    forward(db, doorgezet_laat["id"], users["anna"], "sociaal_werker", "Bellen.")

    login(client, "anna")

    def termijn(melding: dict) -> str:  # type: ignore[type-arg]
        return _termijn(client.get(f"/staff/meldingen/{melding['id']}").text)

    for late in (nieuw_laat, opgepakt_laat):
        line = termijn(late)
        assert 'class="te-laat"' in line and "TE LAAT" in line and "2 uur te laat" in line
    assert "opgepakt" in termijn(opgepakt_laat)
    bijna = termijn(opgepakt_bijna)
    assert 'class="loopt-af"' in bijna and "LOOPT AF" in bijna and "TE LAAT" not in bijna
    forwarded = termijn(doorgezet_laat)
    assert "TE LAAT" not in forwarded and "LOOPT AF" not in forwarded
    assert "gereageerd" in forwarded and "na de termijn" in forwarded
    calm = termijn(rustig)
    assert "TE LAAT" not in calm and "LOOPT AF" not in calm and "nog " in calm
