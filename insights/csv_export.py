"""The KPIs of a date range as CSV for Dutch Excel: one row per figure (Cijfer, Onderdeel, Waarde).

Dutch Excel opens it by double-click in columns: a UTF-8 byte order mark (so "ë" stays "ë"),
semicolons between the columns, a decimal comma, dates as dd-mm-jjjj and Dutch names for the
figures, channels and weeks. Shares are percentages (``43,5``), durations hours (``13,84``).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from insights.formatting import channels
from insights.kpis import Kpis

BOM = "\ufeff"
COLUMNS = ("Cijfer", "Onderdeel", "Waarde")


def _decimal(value: float | None, digits: int) -> str:
    return "" if value is None else f"{value:.{digits}f}".replace(".", ",")


def _percent(share: float | None) -> str:
    """A share as a percentage with one decimal: ``0.4353`` -> ``43,5``."""
    return "" if share is None else _decimal(share * 100, 1)


def _hours(hours: float | None) -> str:
    return _decimal(hours, 2)


def _day(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def _rows(kpis: Kpis) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = [
        ("Periode van", "", _day(kpis.start)),
        ("Periode tot en met", "", _day(kpis.end)),
        ("Gesprekken", "", str(kpis.conversations)),
    ]
    rows += [("Gesprekken per dag", _day(day), str(n)) for day, n in kpis.per_day.items()]
    rows += [
        ("Gesprekken per uur", f"{hour:02d}.00 uur", str(n)) for hour, n in kpis.per_hour.items()
    ]
    rows += [("Gesprekken per kanaal", name, str(n)) for name, n in channels(kpis.per_channel)]
    rows += [
        ("Zonder melding en zonder onbegrepen vraag (%)", "", _percent(kpis.containment)),
        ("Berichten niet begrepen (%)", "", _percent(kpis.fallback_rate)),
        ("Crisisantwoorden", "", str(kpis.crisis_answers)),
        ("Meldingen", "", str(kpis.meldingen)),
    ]
    rows += [("Meldingen per onderwerp", name, str(n)) for name, n in kpis.per_onderwerp.items()]
    rows += [
        ("Op tijd gereageerd (%)", "", _percent(kpis.response_in_time_share)),
        ("Op tijd gereageerd (aantal)", "", str(kpis.responded_in_time)),
        ("Meegeteld voor op tijd gereageerd", "", str(kpis.responded_decided)),
        ("Nog binnen de termijn (telt nog niet mee)", "", str(kpis.not_yet_due)),
    ]
    for monday, on_time, counted, share in kpis.weeks:
        week = f"week {monday.isocalendar().week} (vanaf {_day(monday)})"
        rows += [
            ("Op tijd gereageerd per week (%)", week, _percent(share)),
            ("Op tijd gereageerd per week (aantal)", week, str(on_time)),
            ("Meegeteld per week", week, str(counted)),
        ]
    rows += [
        ("Nog open (aantal)", "", str(kpis.still_open)),
        ("Nog open (%)", "", _percent(kpis.still_open_share)),
        ("Nu in gevaar (stand van nu)", "", str(kpis.at_risk_now)),
        ("Nu te laat (stand van nu)", "", str(kpis.late_open)),
        ("Tijd tot reactie, mediaan (uren)", "", _hours(kpis.response_median_hours)),
        ("Tijd tot oppakken, mediaan (uren)", "", _hours(kpis.pickup_median_hours)),
        ("Tijd tot oppakken, 9 van de 10 sneller (uren)", "", _hours(kpis.pickup_p90_hours)),
    ]
    rows += [
        ("Open werkvoorraad naar leeftijd", age, str(n)) for age, n in kpis.open_by_age.items()
    ]
    return rows


def kpis_csv(kpis: Kpis) -> str:
    """CSV text with a byte order mark; spreadsheet formula characters at the start of a value
    are neutralised (a topic is inwoner text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for row in _rows(kpis):
        writer.writerow(tuple("'" + v if v and v[0] in "=+-@\t\r" else v for v in row))
    return BOM + buffer.getvalue()
