"""Dates as a Dutch user types and reads them: ``dd-mm-jjjj``.

The period fields on the insights pages are text fields, not the browser's date picker: a
browser shows its picker in the format of its own language (an English-language chromium
shows mm/dd/yyyy to a Dutch manager), so the page asks for dd-mm-jjjj itself.
"""

from __future__ import annotations

import re
from datetime import date

FORMAT_HINT = "dd-mm-jjjj"
# 27-11-2026, 27/11/2026, 27.11.2026, 27 11 2026, 1-2-2026; ISO 2026-11-27 from older links.
_DUTCH = re.compile(r"(\d{1,2})\s*[-/. ]\s*(\d{1,2})\s*[-/. ]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse(text: str) -> date:
    """The date in ``text`` (dd-mm-jjjj, or ISO yyyy-mm-dd); ``ValueError`` when there is none."""
    cleaned = text.strip()
    if match := _DUTCH.fullmatch(cleaned):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(cleaned):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(f"not a date: {text!r}")
    return date(year, month, day)


def show(value: date) -> str:
    """``value`` as dd-mm-jjjj, e.g. ``27-11-2026``."""
    return value.strftime("%d-%m-%Y")


def error_message(today: date) -> str:
    """What the page says when a date cannot be read, with an example."""
    return (
        f"Deze datum klopt niet. Schrijf de datum als {FORMAT_HINT}, "
        f"bijvoorbeeld {show(today)}. U ziet nu de laatste vier weken."
    )
