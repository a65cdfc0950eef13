"""LongMessage on single messages: a long story about a topic is confirmed, nothing else is."""

from __future__ import annotations

from typing import Any

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from voordeur_nlu.long_message import LongMessage

STORY = " ".join(["mijn moeder kan de trap niet meer op en wil thuis blijven wonen"] * 5)
SHORT = "mijn moeder kan de trap niet meer op"


def classified(text: str, ranking: list[tuple[str, float]]) -> Message:
    items: list[dict[str, Any]] = [{"name": name, "confidence": c} for name, c in ranking]
    return Message(data={TEXT: text, INTENT: items[0], INTENT_RANKING_KEY: items})


def processed(message: Message) -> Message:
    return LongMessage().process([message])[0]


def names(message: Message) -> list[str]:
    return [item["name"] for item in message.get(INTENT_RANKING_KEY)]


def test_a_long_message_about_a_topic_is_not_answered_at_once() -> None:
    assert len(STORY.split()) >= 60
    message = processed(classified(STORY, [("info_hulpmiddelen_vervoer", 0.8), ("info_wmo", 0.1)]))
    assert message.get(INTENT)["name"] == "nlu_fallback"
    assert names(message) == ["nlu_fallback", "info_hulpmiddelen_vervoer", "info_wmo"]
    assert message.get("long_message") == {
        "words": len(STORY.split()),
        "intent": "info_hulpmiddelen_vervoer",
    }


def test_a_long_message_not_understood_keeps_its_ranking_and_is_marked() -> None:
    ranking = [("nlu_fallback", 0.4), ("info_wlz", 0.3), ("info_mantelzorg", 0.2)]
    message = processed(classified(STORY, ranking))
    assert message.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.4}
    assert names(message) == ["nlu_fallback", "info_wlz", "info_mantelzorg"]
    assert message.get("long_message")["intent"] == "nlu_fallback"


def test_a_crisis_and_other_intents_are_never_touched() -> None:
    for intent in ("crisis", "request_human", "zwaar", "greet", "out_of_scope"):
        message = processed(classified(STORY, [(intent, 0.9), ("info_wmo", 0.05)]))
        assert message.get(INTENT)["name"] == intent
        assert message.get("long_message") is None


def test_a_short_message_is_not_touched() -> None:
    message = processed(classified(SHORT, [("info_hulpmiddelen_vervoer", 0.9)]))
    assert message.get(INTENT)["name"] == "info_hulpmiddelen_vervoer"
    assert message.get("long_message") is None


def test_the_number_of_words_can_be_configured() -> None:
    message = LongMessage(min_words=5).process(
        [classified(SHORT, [("info_hulpmiddelen_vervoer", 0.9)])]
    )[0]
    assert message.get(INTENT)["name"] == "nlu_fallback"
