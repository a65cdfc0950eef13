"""The Wmo 2015 investigation term: six weeks from the formal melding."""

from __future__ import annotations

from datetime import date, timedelta

WMO_ONDERZOEK_WEKEN = 6


def onderzoek_uiterlijk(melding_op: date) -> date:
    """The last day of the six-week investigation after a formal Wmo melding."""
    return melding_op + timedelta(weeks=WMO_ONDERZOEK_WEKEN)
