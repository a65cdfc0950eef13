"""The KPI CSV for Dutch Excel: BOM, semicolons, decimal comma, Dutch names, no formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

from insights.csv_export import kpis_csv
from insights.kpis import Kpis


def test_semicolons_decimal_comma_bom_and_no_formulas() -> None:
    kpis = Kpis(start=date(2026, 11, 2), end=date(2026, 11, 8))
    kpis.meldingen = 3
    kpis.per_onderwerp = {'=HYPERLINK("http://x";"klik")': 2, "Wonen; huur": 1}
    kpis.per_channel = {"web": 5, "ext": 1}
    kpis.pickup_hours = [0.25, 1.5]
    kpis.responded_in_time, kpis.responded_decided = 1, 3
    kpis.response_per_week = {date(2026, 11, 2): (1, 3)}

    text = kpis_csv(kpis)
    assert text.startswith("\ufeffCijfer;Onderdeel;Waarde\r\n")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert all(len(row) == 3 for row in rows)
    value = {(row[0], row[1]): row[2] for row in rows}
    assert value[("Meldingen per onderwerp", '\'=HYPERLINK("http://x";"klik")')] == "2"
    assert value[("Meldingen per onderwerp", "Wonen; huur")] == "1"
    assert value[("Gesprekken per kanaal", "Ander of onbekend kanaal")] == "1"
    assert value[("Op tijd gereageerd (%)", "")] == "33,3"
    assert value[("Op tijd gereageerd per week (%)", "week 45 (vanaf 02-11-2026)")] == "33,3"
    assert value[("Tijd tot oppakken, mediaan (uren)", "")] == "0,88"
    assert value[("Periode tot en met", "")] == "08-11-2026"
    assert value[("Zonder melding en zonder onbegrepen vraag (%)", "")] == ""
