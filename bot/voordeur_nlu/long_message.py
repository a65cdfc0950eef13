"""LongMessage: a letter-style message (60 words or more) is confirmed before it is answered.

A long story ("mijn moeder heeft dementie, ze woont alleen, de thuiszorg komt twee keer per
dag, ...") names several things, and the classifier's best topic is often only one of them, or
none it trusts. Answering it with "Dat begrijp ik niet goed" loses the story; answering it with
one confident topic answer may answer the wrong question. So for such a message the topic
(``info_*``) or "not understood" (``nlu_fallback``) becomes ``nlu_fallback``, with the
classifier's ranking kept and the message marked ``long_message``: the fallback action then
names the topic it understood and asks the inwoner to confirm (actions/fallback.py).

Any other intent is left alone: a crisis above all (this component runs after the crisis
guard and never touches ``crisis``), and also a request for a call-back, "zwaar" and small talk.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

FALLBACK_INTENT = "nlu_fallback"
LONG_MESSAGE_KEY = "long_message"
MIN_WORDS = 60


def word_count(text: object) -> int:
    return len(text.split()) if isinstance(text, str) else 0


def is_confirmable(intent: str | None) -> bool:
    """A topic or "not understood": the intents a long message is confirmed for."""
    return bool(intent) and (intent == FALLBACK_INTENT or str(intent).startswith("info_"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LongMessage(GraphComponent):
    """Turn a long message's topic into ``nlu_fallback`` (ranking kept, marked as long)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"min_words": MIN_WORDS}

    def __init__(self, min_words: int = MIN_WORDS) -> None:
        self.min_words = min_words

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LongMessage:
        return cls(int(config.get("min_words", MIN_WORDS)))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            mark_long(message, self.min_words)
        return messages


def mark_long(message: Message, min_words: int = MIN_WORDS) -> bool:
    """Make a long message about a topic "not understood", keeping the ranking; whether it did."""
    words = word_count(message.get(TEXT))
    intent = message.get(INTENT) or {}
    name = intent.get("name")
    if words < min_words or not is_confirmable(name):
        return False
    fallback = {"name": FALLBACK_INTENT, "confidence": intent.get("confidence")}
    ranking = [
        item
        for item in message.get(INTENT_RANKING_KEY) or []
        if item.get("name") != FALLBACK_INTENT
    ]
    message.set(INTENT, fallback, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [fallback, *ranking], add_to_output=True)
    message.set(LONG_MESSAGE_KEY, {"words": words, "intent": name}, add_to_output=True)
    return True
