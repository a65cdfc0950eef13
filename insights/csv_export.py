"""The KPIs of a date range as CSV: one row per figure (kpi, sleutel, waarde)."""

from __future__ import annotations

import csv
import io

from insights.kpis import Kpis


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def kpis_csv(kpis: Kpis) -> str:
    """CSV text; spreadsheet formula characters at the start of a value are neutralised."""
    rows: list[tuple[str, str, str]] = [
        ("periode_van", "", kpis.start.isoformat()),
        ("periode_tot_en_met", "", kpis.end.isoformat()),
        ("gesprekken", "", str(kpis.conversations)),
    ]
    rows += [("gesprekken_per_dag", day.isoformat(), str(n)) for day, n in kpis.per_day.items()]
    rows += [("gesprekken_per_uur", f"{hour:02d}", str(n)) for hour, n in kpis.per_hour.items()]
    rows += [("gesprekken_per_kanaal", name, str(n)) for name, n in kpis.per_channel.items()]
    rows += [
        ("containment", "", _number(kpis.containment)),
        ("fallback_ratio", "", _number(kpis.fallback_rate)),
        ("crisisantwoorden", "", str(kpis.crisis_answers)),
        ("meldingen", "", str(kpis.meldingen)),
    ]
    rows += [("meldingen_per_onderwerp", name, str(n)) for name, n in kpis.per_onderwerp.items()]
    rows += [
        ("op_tijd_gereageerd_aandeel", "", _number(kpis.response_in_time_share)),
        ("op_tijd_gereageerd_aantal", "", str(kpis.responded_in_time)),
        ("op_tijd_gereageerd_geteld", "", str(kpis.responded_decided)),
        ("nog_binnen_termijn", "", str(kpis.not_yet_due)),
    ]
    for monday, on_time, counted, share in kpis.weeks:
        week = monday.isoformat()
        rows += [
            ("op_tijd_gereageerd_per_week_aandeel", week, _number(share)),
            ("op_tijd_gereageerd_per_week_aantal", week, str(on_time)),
            ("op_tijd_gereageerd_per_week_geteld", week, str(counted)),
        ]
    rows += [
        ("nog_open", "", str(kpis.still_open)),
        ("nu_in_gevaar", "", str(kpis.at_risk_now)),
        ("nu_te_laat", "", str(kpis.late_open)),
        ("reactietijd_mediaan_uren", "", _number(kpis.response_median_hours)),
        ("oppaktijd_mediaan_uren", "", _number(kpis.pickup_median_hours)),
        ("oppaktijd_p90_uren", "", _number(kpis.pickup_p90_hours)),
    ]
    rows += [("open_werkvoorraad_per_leeftijd", age, str(n)) for age, n in kpis.open_by_age.items()]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(("kpi", "sleutel", "waarde"))
    for row in rows:
        writer.writerow(tuple("'" + v if v and v[0] in "=+-@" else v for v in row))
    return buffer.getvalue()
