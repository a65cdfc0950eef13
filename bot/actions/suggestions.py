"""Did you mean: the topics the classifier had in mind for a message it did not understand.

When the NLU is unsure (nlu_fallback), its ranking still names the topics it hesitated between.
Offering those as buttons lets the inwoner say which one was meant, instead of the general menu.
A long message (voordeur_nlu/long_message.py) is confirmed instead: the first of those topics is
named ("Ik lees dat uw vraag gaat over ... Klopt dat?") and the others are offered as buttons.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .texts import TOPIC_TITLES, Button

MAX_SUGGESTIONS = 3
# Below this the classifier did not really consider the topic.
MIN_CONFIDENCE = 0.05
# voordeur_nlu/long_message.py: the parse data of a message of 60 words or more about a topic.
LONG_MESSAGE_KEY = "long_message"
LONG_MESSAGE_WORDS = 60


def ranked_topics(parse_data: Mapping[str, Any] | None, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """At most ``limit`` topics (info_* intents) of the ranking, best first."""
    topics: list[str] = []
    for item in (parse_data or {}).get("intent_ranking") or []:
        name = item.get("name")
        if name not in TOPIC_TITLES or float(item.get("confidence") or 0.0) < MIN_CONFIDENCE:
            continue
        if name not in topics:
            topics.append(name)
        if len(topics) == limit:
            break
    return topics


def topic_buttons(topics: list[str]) -> list[Button]:
    return [{"title": TOPIC_TITLES[name], "payload": f"/{name}"} for name in topics]


def topic_suggestions(parse_data: Mapping[str, Any] | None) -> list[Button]:
    """Buttons for at most three topics of the ranking, best first; none when it named none."""
    return topic_buttons(ranked_topics(parse_data))


def is_long_message(parse_data: Mapping[str, Any] | None) -> bool:
    """A letter-style message: marked by the NLU component, or not understood and 60+ words."""
    data = parse_data or {}
    if data.get(LONG_MESSAGE_KEY):
        return True
    intent = (data.get("intent") or {}).get("name")
    text = data.get("text")
    words = len(text.split()) if isinstance(text, str) else 0
    return intent == "nlu_fallback" and words >= LONG_MESSAGE_WORDS
