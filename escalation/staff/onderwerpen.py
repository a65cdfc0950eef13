"""The fixed list of onderwerpen for filters and KPIs.

The inwoner may type the topic in their own words ("mijn huis", "<i>schulden</i>"); that text
stays on the melding and is shown on its page. Filters and KPIs use the topic from this list
instead, so they are not polluted by free text: the bot's own labels first, then words that
clearly belong to one topic, else "Anders".
"""

from __future__ import annotations

import re
import unicodedata

ANDERS = "Anders"
# In the order the filter menu shows them.
ONDERWERPEN = (
    "Mantelzorg en respijtzorg",
    "Hulp thuis (Wmo)",
    "Hulpmiddelen, woning en vervoer",
    "Jeugd en gezin",
    "Geld en schulden",
    "Wonen",
    "Werk en meedoen",
    "Eenzaamheid",
    "Geweld of onveilig thuis",
    "Wet langdurige zorg",
    "Bezwaar of klacht",
    ANDERS,
)
# Labels the bot gives (buttons and topics after an informational answer) and the demo data.
_LABELS = {
    "mantelzorg": "Mantelzorg en respijtzorg",
    "respijtzorg": "Mantelzorg en respijtzorg",
    "pgb": "Hulp thuis (Wmo)",
    "eigen bijdrage": "Hulp thuis (Wmo)",
    "clientondersteuning": "Hulp thuis (Wmo)",
    "huishoudelijke hulp": "Hulp thuis (Wmo)",
    "woning, hulpmiddelen of vervoer": "Hulpmiddelen, woning en vervoer",
    "hulpmiddelen en vervoer": "Hulpmiddelen, woning en vervoer",
    "jeugd en opvoeden": "Jeugd en gezin",
    "schulden en geldzorgen": "Geld en schulden",
}
# Words that point to one topic; checked in this order (the first match wins).
_WORDS: tuple[tuple[str, str], ...] = (
    ("Geweld of onveilig thuis", r"geweld|onveilig|mishandel|veilig thuis|slaat|bedreig"),
    ("Mantelzorg en respijtzorg", r"mantelzorg|respijt|logeeropvang|dagopvang|ontlast"),
    (
        "Hulpmiddelen, woning en vervoer",
        r"hulpmiddel|vervoer|taxi|rolstoel|scootmobiel|traplift|woningaanpassing|aanpassing",
    ),
    (
        "Hulp thuis (Wmo)",
        r"\bwmo\b|huishoud|hulp thuis|thuiszorg|begeleiding|pgb|eigen bijdrage|clientondersteun",
    ),
    ("Jeugd en gezin", r"jeugd|gezin|opvoed|kind|zoon|dochter|puber|school"),
    ("Geld en schulden", r"schuld|geld|minima|rekening|betal|toeslag|bijstand|inkomen|armoede"),
    ("Wonen", r"wonen|woning|huis|huur|verhuur|dakloos|woningzoek"),
    ("Werk en meedoen", r"\bwerk|baan|participatie|meedoen|vrijwilliger|dagbesteding"),
    ("Eenzaamheid", r"eenzaam|sociaal isolement"),
    ("Wet langdurige zorg", r"\bwlz\b|langdurige zorg|verpleeghuis"),
    ("Bezwaar of klacht", r"bezwaar|klacht"),
)
_PATTERNS = tuple((topic, re.compile(words)) for topic, words in _WORDS)
_BY_NAME = {topic.lower(): topic for topic in ONDERWERPEN}


def _plain(text: str) -> str:
    """Lower case, without accents and markup-like characters, single spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"<[^>]*>", " ", text.lower())
    return " ".join(text.split())


def onderwerp_uit_lijst(text: str | None) -> str:
    """The topic from ``ONDERWERPEN`` for a melding's onderwerp as stored."""
    plain = _plain(text or "")
    if plain in _BY_NAME:
        return _BY_NAME[plain]
    label = _LABELS.get(plain)
    if label is not None:
        return _BY_NAME[label.lower()]
    for topic, pattern in _PATTERNS:
        if pattern.search(plain):
            return topic
    return ANDERS


def vrije_tekst(text: str | None) -> bool:
    """Whether the stored onderwerp is the inwoner's own words (not a label from the bot)."""
    plain = _plain(text or "")
    return bool(plain) and plain not in _BY_NAME and plain not in _LABELS
