"""How the manager pages and the CSV show figures: Dutch words, local time, no codes."""

from __future__ import annotations

from datetime import datetime

from voordeur_common.channels import channel_name
from voordeur_common.office_calendar import AMSTERDAM


def decimal(value: float, digits: int = 1) -> str:
    """A number with a decimal comma: ``2,5``."""
    return f"{value:.{digits}f}".replace(".", ",")


def duration(hours: float | None) -> str:
    """A duration in minutes below one hour, in hours below two days, else in days."""
    if hours is None:
        return "-"
    minutes = round(hours * 60)
    if minutes < 60:
        return "1 minuut" if minutes == 1 else f"{minutes} minuten"
    if hours < 48:
        return f"{decimal(hours)} uur"
    return f"{decimal(hours / 24)} dagen"


def percent(value: float | None) -> str:
    """``0.756`` -> ``76%``; no value -> ``-``."""
    return "-" if value is None else f"{value * 100:.0f}%"


def local_time(value: datetime | None) -> str:
    """A stored moment as Amsterdam date and time, e.g. ``24-11-2026 14:05``."""
    if value is None:
        return ""
    return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def channels(per_channel: dict[str, int]) -> list[tuple[str, int]]:
    """Counts per channel under their Dutch names, unknown codes together, most first."""
    merged: dict[str, int] = {}
    for code, count in per_channel.items():
        name = channel_name(code)
        merged[name] = merged.get(name, 0) + count
    return sorted(merged.items(), key=lambda item: (-item[1], item[0]))


# The assistant's intents as a manager reads them (training data keeps the code).
INTENT_LABELS = {
    "greet": "Groet (hallo)",
    "goodbye": "Afscheid (dag)",
    "thanks": "Bedankt",
    "affirm": "Ja, instemmen",
    "deny": "Nee, weigeren",
    "stop": "Stoppen",
    "request_human": "Wil een medewerker spreken",
    "crisis": "Crisis: direct gevaar",
    "inform": "Geeft een antwoord of gegeven",
    "out_of_scope": "Buiten het werk van het sociaal team",
    "nlu_fallback": "Niet begrepen",
    "bot_challenge": "Vraagt of dit een computer is",
    "insult": "Schelden",
    "zwaar": "Het is zwaar, zoekt steun",
    "info_sociaal_team": "Info: wat het sociaal team doet",
    "info_werkwijze": "Info: hoe het sociaal team werkt",
    "info_na_melding": "Info: wat er na een melding gebeurt",
    "info_melding_aanvraag": "Info: een melding of aanvraag doen",
    "info_wmo": "Info: Wmo, hulp thuis",
    "info_hulpmiddelen_vervoer": "Info: hulpmiddelen, woning en vervoer",
    "info_pgb": "Info: pgb",
    "info_eigen_bijdrage": "Info: eigen bijdrage",
    "info_clientondersteuning": "Info: cliëntondersteuning",
    "info_mantelzorg": "Info: mantelzorg",
    "info_respijtzorg": "Info: respijtzorg",
    "info_jeugd": "Info: jeugd en gezin",
    "info_schulden": "Info: schulden",
    "info_minima": "Info: regelingen bij een laag inkomen",
    "info_werk": "Info: werk en meedoen",
    "info_wlz": "Info: Wet langdurige zorg",
    "info_bezwaar_klacht": "Info: bezwaar of klacht",
    "info_privacy": "Info: privacy",
    "info_contact": "Info: contact en openingstijden",
    "info_eenzaamheid": "Info: eenzaamheid",
}


def intent_label(name: str) -> str:
    """``info_wmo`` -> ``Info: Wmo, hulp thuis``; an intent without a label (a new one) keeps its
    code, readable: ``info_parkeren`` -> ``info parkeren``."""
    return INTENT_LABELS.get(name) or name.replace("_", " ")
