"""The KPIs of seeded data equal the figures computed here, independently, from the seed."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from fastapi.testclient import TestClient

from escalation.migrate import upgrade as upgrade_escalation
from escalation.models import Melding, Notification
from escalation.staff.onderwerpen import ONDERWERPEN, onderwerp_uit_lijst
from insights.db import session_factory
from insights.formatting import duration
from insights.kpis import compute
from insights.seed import SeedData, seed
from insights.settings import Settings
from insights.tests.conftest import SEED_NOW, make_app

LOCAL = ZoneInfo("Europe/Amsterdam")
# Includes the end of summer time (25 October 2026): local days are not all 24 hours.
START, END = date(2026, 10, 24), date(2026, 11, 15)
MANAGER = {"x-test-role": "manager"}


def _in_range(moment: datetime) -> bool:
    return START <= moment.astimezone(LOCAL).date() <= END


def _on_time(melding: dict[str, Any]) -> bool:
    responded: datetime | None = melding["gereageerd_op"]
    return responded is not None and responded <= melding["deadline"]


@dataclass(frozen=True)
class Expected:
    """The figures the dashboard and the CSV must show."""

    conversations: int
    per_day: Counter[date]
    per_hour: Counter[int]
    per_channel: Counter[str]
    containment: float
    fallback_rate: float
    crisis: int
    meldingen: int
    per_onderwerp: Counter[str]
    in_time: float
    weeks: dict[date, tuple[int, int]]
    still_open: int
    response_median: float
    median: float
    p90: float
    open_by_age: list[int]


def expected(data: SeedData) -> Expected:
    """The KPIs straight from the generated rows, with plain Python and numpy."""
    conversations = [c for c in data.conversations if _in_range(c["started_at"])]
    meldingen = [m for m in data.meldingen if _in_range(m["aangemaakt_op"])]
    hours = [
        (m["claimed_at"] - m["aangemaakt_op"]).total_seconds() / 3600
        for m in meldingen
        if m["claimed_at"] is not None
    ]
    counted = [m for m in meldingen if m["gereageerd_op"] is not None or m["deadline"] <= SEED_NOW]
    weeks: dict[date, list[bool]] = {}
    for m in counted:
        day = m["aangemaakt_op"].astimezone(LOCAL).date()
        weeks.setdefault(day - timedelta(days=day.weekday()), []).append(_on_time(m))
    open_ages = [
        SEED_NOW - m["aangemaakt_op"]
        for m in data.meldingen
        if m["status"] in ("nieuw", "opgepakt", "doorgezet")
    ]
    return Expected(
        conversations=len(conversations),
        per_day=Counter(c["started_at"].astimezone(LOCAL).date() for c in conversations),
        per_hour=Counter(c["started_at"].astimezone(LOCAL).hour for c in conversations),
        per_channel=Counter(c["kanaal"] for c in conversations),
        containment=sum(
            not c["melding_made"] and c["unanswered_messages"] == 0 for c in conversations
        )
        / len(conversations),
        fallback_rate=sum(c["unanswered_messages"] for c in conversations)
        / sum(c["user_messages"] for c in conversations),
        crisis=sum(c["crisis_answers"] for c in conversations),
        meldingen=len(meldingen),
        per_onderwerp=Counter(onderwerp_uit_lijst(m["onderwerp"]) for m in meldingen),
        in_time=sum(_on_time(m) for m in counted) / len(counted),
        weeks={monday: (sum(flags), len(flags)) for monday, flags in sorted(weeks.items())},
        still_open=sum(m["status"] in ("nieuw", "opgepakt", "doorgezet") for m in meldingen),
        response_median=float(
            np.median(
                [
                    (m["gereageerd_op"] - m["aangemaakt_op"]).total_seconds() / 3600
                    for m in meldingen
                    if m["gereageerd_op"] is not None
                ]
            )
        ),
        median=float(np.median(hours)),
        p90=float(np.percentile(hours, 90)),
        open_by_age=[
            sum(age < timedelta(days=1) for age in open_ages),
            sum(timedelta(days=1) <= age < timedelta(days=2) for age in open_ages),
            sum(timedelta(days=2) <= age < timedelta(days=7) for age in open_ages),
            sum(age >= timedelta(days=7) for age in open_ages),
        ],
    )


def test_kpis_match_the_seeded_data(database_url: str) -> None:
    data = seed(database_url, database_url, now=SEED_NOW)
    want = expected(data)
    with session_factory(database_url)() as session:
        kpis = compute(session, session, START, END, now=SEED_NOW)

    assert want.conversations > 300 and want.meldingen > 50 and want.crisis > 0
    assert kpis.conversations == want.conversations
    assert len(kpis.per_day) == (END - START).days + 1
    assert {d: n for d, n in kpis.per_day.items() if n} == dict(want.per_day)
    assert {h: n for h, n in kpis.per_hour.items() if n} == dict(want.per_hour)
    assert kpis.per_channel == dict(want.per_channel)
    assert kpis.containment == want.containment
    assert kpis.fallback_rate == want.fallback_rate
    assert kpis.crisis_answers == want.crisis
    assert kpis.meldingen == want.meldingen
    assert kpis.per_onderwerp == dict(want.per_onderwerp)
    assert set(kpis.per_onderwerp) <= set(ONDERWERPEN) and "Anders" not in kpis.per_onderwerp
    assert 0 < want.in_time < 1
    assert kpis.response_in_time_share == want.in_time
    assert kpis.response_per_week == want.weeks
    assert kpis.still_open == want.still_open
    assert kpis.response_median_hours == pytest.approx(want.response_median, abs=1e-9)
    assert kpis.pickup_median_hours == pytest.approx(want.median, abs=1e-9)
    assert kpis.pickup_p90_hours == pytest.approx(want.p90, abs=1e-9)
    assert list(kpis.open_by_age.values()) == want.open_by_age


def test_dashboard_and_csv_show_the_seeded_figures(database_url: str) -> None:
    data = seed(database_url, database_url, now=SEED_NOW)
    want = expected(data)
    settings = Settings(database_url=database_url, escalation_database_url=database_url)
    client = TestClient(make_app(settings))
    period = {"van": START.isoformat(), "tot": END.isoformat()}

    page = client.get("/staff/inzicht/", params=period, headers=MANAGER)
    assert page.status_code == 200
    shown = dict(re.findall(r'id="kpi-([\w-]+)">([^<]+)<', page.text))
    assert shown["gesprekken"] == str(want.conversations)
    assert shown["meldingen"] == str(want.meldingen)
    assert shown["crisis"] == str(want.crisis)
    assert shown["containment"] == f"{want.containment * 100:.0f}%"
    assert page.text.count("<svg") == 4 and "<script" not in page.text
    # The promise tile: response (not claim) in time, open and late counted as late.
    assert shown["optijd"] == f"{want.in_time * 100:.0f}%"
    weeks = want.weeks
    assert shown["optijd-aantal"] == (
        f"{sum(n for n, _ in weeks.values())} van {sum(c for _, c in weeks.values())}"
    )
    assert "op tijd gereageerd" in page.text and "Oppakken of een notitie is nog geen reactie" in (
        page.text
    )
    assert "op tijd opgepakt" not in page.text
    assert page.text.count("vanaf maandag") == len(weeks)
    assert shown["open-aantal"] == str(want.still_open)
    assert shown["mediaan"] == duration(want.median)
    assert shown["reactie"] == duration(want.response_median)
    assert "<td>Chat op de website</td>" in page.text and "<td>Telegram</td>" in page.text
    assert "<td>web</td>" not in page.text

    response = client.get("/staff/inzicht/kpis.csv", params=period, headers=MANAGER)
    assert response.headers["content-type"].startswith("text/csv")
    # Dutch Excel: UTF-8 with a byte order mark, semicolons, decimal comma, Dutch names.
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "Cijfer;Onderdeel;Waarde"
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert all(len(row) == 3 for row in rows)
    value = {(r["Cijfer"], r["Onderdeel"]): r["Waarde"] for r in rows}

    def percent(share: float) -> str:
        return f"{share * 100:.1f}".replace(".", ",")

    assert value[("Gesprekken", "")] == str(want.conversations)
    assert value[("Periode van", "")] == START.strftime("%d-%m-%Y")
    for day, count in want.per_day.items():
        assert value[("Gesprekken per dag", day.strftime("%d-%m-%Y"))] == str(count)
    for name, count in want.per_onderwerp.items():
        assert value[("Meldingen per onderwerp", name)] == str(count)
    assert value[("Gesprekken per kanaal", "Chat op de website")] == str(want.per_channel["web"])
    assert value[("Berichten niet begrepen (%)", "")] == percent(want.fallback_rate)
    assert value[("Op tijd gereageerd (%)", "")] == percent(want.in_time)
    for monday, (on_time, counted) in weeks.items():
        week = f"week {monday.isocalendar().week} (vanaf {monday.strftime('%d-%m-%Y')})"
        assert value[("Op tijd gereageerd per week (aantal)", week)] == str(on_time)
        assert value[("Meegeteld per week", week)] == str(counted)
    median = value[("Tijd tot oppakken, mediaan (uren)", "")]
    assert "," in median and "." not in median
    assert float(median.replace(",", ".")) == round(want.median, 2)
    assert not any("opgepakt_aandeel" in key or "." in value[key] for key in value)


def test_response_promise_counts_open_late_meldingen_as_late(migrated_url: str) -> None:
    """Responded in time, responded late, open and late, open and warned, open and fine,
    withdrawn before the deadline: share, per week, late now and at risk now."""
    database_url = migrated_url
    upgrade_escalation(database_url)
    now = datetime(2026, 11, 18, 16, 30, tzinfo=LOCAL)
    monday = datetime(2026, 11, 16, 10, 0, tzinfo=LOCAL)
    week_before = datetime(2026, 11, 9, 10, 0, tzinfo=LOCAL)

    def melding(ref: str, created: datetime, status: str, **extra: object) -> Melding:
        return Melding(
            referentie=ref, status=status, onderwerp="Wmo", beschrijving="x", naam="y",
            toestemming=True, kanaal="web", gesprek_id=ref, bron="assistent", transcript=[],
            aangemaakt_op=created, deadline=created + timedelta(hours=24), **extra,
        )  # fmt: skip

    rows = [
        melding("VD-OK", week_before, "doorgezet",
                gereageerd_op=week_before + timedelta(hours=3)),
        melding("VD-LATE", week_before, "afgehandeld",
                gereageerd_op=week_before + timedelta(hours=30)),
        melding("VD-OPENLATE", monday, "opgepakt", claimed_at=monday + timedelta(hours=1)),
        melding("VD-WARNED", now - timedelta(hours=20), "nieuw"),
        melding("VD-FINE", now - timedelta(hours=1), "nieuw"),
        melding("VD-GONE", monday, "ingetrokken", afgesloten_op=monday + timedelta(hours=2)),
        # Reopened after closing in time: claimed again, but the response stays recorded.
        melding("VD-REOPENED", monday, "opgepakt", claimed_at=monday + timedelta(hours=1),
                gereageerd_op=monday + timedelta(hours=2)),
    ]  # fmt: skip
    with session_factory(database_url)() as session:
        session.add_all(rows)
        session.flush()
        session.add(Notification(melding_id=rows[3].id, kind="loopt_af", next_attempt_at=now))
        session.commit()
        kpis = compute(session, session, date(2026, 11, 2), date(2026, 11, 18), now=now)

    assert (kpis.responded_in_time, kpis.responded_decided) == (2, 4)
    assert kpis.response_in_time_share == 2 / 4
    assert kpis.response_per_week == {date(2026, 11, 9): (1, 2), date(2026, 11, 16): (1, 2)}
    assert kpis.weeks == [(date(2026, 11, 9), 1, 2, 0.5), (date(2026, 11, 16), 1, 2, 0.5)]
    assert (kpis.withdrawn_in_time, kpis.not_yet_due) == (1, 2)
    assert (kpis.still_open, kpis.meldingen) == (5, 7)
    assert kpis.late_open == 1
    assert kpis.at_risk_now == 2
