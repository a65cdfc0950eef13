"""What the inwoner already told before the melding form starts, so it is not asked again.

Pure functions over the tracker's event dicts: the topic of the last informational answer or
a crisis about violence at home (fills the onderwerp), "voor mijn vrouw" (fills voor wie) and
the inwoner's own first words, a crisis message too (the start of the beschrijving).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .crisis_kind import crisis_kind
from .melding import current_session
from .suggestions import LONG_MESSAGE_KEY
from .texts import VIOLENCE_ONDERWERP
from .validation import NAASTE, ZELF

Event = Mapping[str, Any]

# The onderwerp a melding gets after an informational answer on that topic.
TOPIC_ONDERWERP = {
    "info_wmo": "Hulp thuis (Wmo)",
    "info_hulpmiddelen_vervoer": "Woning, hulpmiddelen of vervoer",
    "info_pgb": "Pgb",
    "info_eigen_bijdrage": "Eigen bijdrage",
    "info_clientondersteuning": "Cliëntondersteuning",
    "info_mantelzorg": "Mantelzorg",
    "info_respijtzorg": "Respijtzorg",
    "info_jeugd": "Jeugd en gezin",
    "info_schulden": "Geld en schulden",
    "info_minima": "Geld en schulden",
    "info_werk": "Werk en meedoen",
    "info_wlz": "Wet langdurige zorg",
    "info_bezwaar_klacht": "Bezwaar of klacht",
    "info_eenzaamheid": "Eenzaamheid",
}

# Actions after which earlier messages no longer belong to the next melding.
_MELDING_ENDS = {"action_create_melding", "action_no_consent", "action_reset_melding"}
# Intents whose message can tell the story ("mijn moeder valt steeds, kan iemand helpen?").
_STORY_INTENTS = {"request_human", "inform", "nlu_fallback", "zwaar", "out_of_scope"}
FIRST_WORDS_MIN = 8
# A crisis message tells what is going on even when short ("mijn man slaat mij").
CRISIS_FIRST_WORDS_MIN = 3

_NAASTE_WORDS = (
    r"vrouw|man|partner|moeder|vader|ouders?|zoon|dochter|kind|kinderen|broer|zus|opa|oma|"
    r"schoonmoeder|schoonvader|vriendin|vriend"
)
_FOR_NAASTE = re.compile(r"\bvoor\s+(?:mijn|m'n|mn|onze|ons)\s+(?:" + _NAASTE_WORDS + r")\b", re.I)
_FOR_SELF = re.compile(r"\bvoor\s+(?:mezelf|mijzelf|mij\s+zelf|m'zelf)\b", re.I)
_MANTELZORGER = re.compile(
    r"\bik\s+ben\s+(?:de\s+|een\s+)?mantelzorger\b|\bik\s+zorg\s+voor\s+(?:mijn|m'n|mn)\b", re.I
)


def _since_last_melding(events: Iterable[Event]) -> list[Event]:
    session = current_session(events)
    for index in range(len(session) - 1, -1, -1):
        event = session[index]
        if event.get("event") == "action" and event.get("name") in _MELDING_ENDS:
            return session[index + 1 :]
    return session


def _user_messages(events: Iterable[Event]) -> list[tuple[str, str | None]]:
    """(text, intent) of the inwoner's typed messages (button payloads left out)."""
    messages = []
    for event in _since_last_melding(events):
        if event.get("event") != "user":
            continue
        text = event.get("text") or ""
        if not text or text.startswith("/"):
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        messages.append((text.strip(), intent))
    return messages


def known_onderwerp(events: Iterable[Event]) -> str | None:
    """The topic of the last informational question or crisis about violence at home since
    the last melding, if any; or the topic named for a long message ("Ik lees dat uw vraag
    gaat over ...") that the inwoner did not say no to."""
    denied = False
    for event in reversed(_since_last_melding(events)):
        if event.get("event") != "user":
            continue
        parse_data = event.get("parse_data") or {}
        intent = (parse_data.get("intent") or {}).get("name")
        if intent in TOPIC_ONDERWERP:
            return TOPIC_ONDERWERP[intent]
        if intent == "crisis" and crisis_kind(parse_data, event.get("text")) == "violence":
            return VIOLENCE_ONDERWERP
        denied = denied or intent == "deny"
        if parse_data.get(LONG_MESSAGE_KEY) and not denied:
            return _first_ranked_onderwerp(parse_data)
    return None


def _first_ranked_onderwerp(parse_data: Mapping[str, Any]) -> str | None:
    for item in parse_data.get("intent_ranking") or []:
        if item.get("name") in TOPIC_ONDERWERP:
            return TOPIC_ONDERWERP[item["name"]]
    return None


def known_voor_wie(events: Iterable[Event]) -> str | None:
    """'naaste' for "voor mijn vrouw" or "ik ben mantelzorger", 'zelf' for "voor mezelf"."""
    for text, _ in reversed(_user_messages(events)):
        if _FOR_NAASTE.search(text) or _MANTELZORGER.search(text):
            return NAASTE
        if _FOR_SELF.search(text):
            return ZELF
    return None


def first_words(events: Iterable[Event]) -> str | None:
    """The inwoner's first message that tells what is going on (at least eight words)."""
    for text, intent in _user_messages(events):
        words = len(text.split())
        if intent == "crisis" and words >= CRISIS_FIRST_WORDS_MIN:
            return text
        if words < FIRST_WORDS_MIN:
            continue
        if intent in _STORY_INTENTS or (intent or "").startswith("info_"):
            return text
    return None
