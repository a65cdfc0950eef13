"""CrisisGuard: an NLU component that gives a message the ``crisis`` intent when it matches
the crisis lexicon (``crisis_lexicon.py``), whatever the classifier said.

Why an NLU component: it runs on every message of every channel, before any dialogue policy,
so the existing rules ("crisis first", also inside the melding form) answer it at once, and the
evaluation tool measures the guard together with the trained classifier. It is the last
component of the pipeline, after the FallbackClassifier, so an uncertain classification
(nlu_fallback) is overruled too.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from .crisis_lexicon import crisis_category, no_danger_now, only_grief

CRISIS_INTENT = "crisis"
CRISIS_CATEGORY_KEY = "crisis_category"
FALLBACK_INTENT = "nlu_fallback"
# The FallbackClassifier's threshold (config.yml): below it an intent is not trusted.
FALLBACK_THRESHOLD = 0.4


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisGuard(GraphComponent):
    """Overrule the intent with ``crisis`` when the message matches the crisis lexicon, or
    when the classifier's best guess was crisis but too unsure to pass the fallback threshold.

    The lexicon's category ("suicide", "violence", "child", "medical") is put in the parse
    result as ``crisis_category``, so the answer can put the right number first.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisGuard:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            category = crisis_category(message.get(TEXT))
            if category is None and long_ago(message):
                demote_crisis(message)
                continue
            if category is None and not uncertain_crisis(message):
                continue
            previous = give_crisis_intent(message, 1.0)
            message.set("crisis_guard", {"overruled": previous}, add_to_output=True)
            if category:
                message.set(CRISIS_CATEGORY_KEY, category, add_to_output=True)
        return messages


def give_crisis_intent(message: Message, confidence: float) -> str | None:
    """Make ``crisis`` the message's intent, first in the ranking; the intent it had before."""
    previous = (message.get(INTENT) or {}).get("name")
    crisis = {"name": CRISIS_INTENT, "confidence": confidence}
    ranking = [
        item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") != CRISIS_INTENT
    ]
    message.set(INTENT, crisis, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [crisis, *ranking], add_to_output=True)
    return previous


def uncertain_crisis(message: Message) -> bool:
    """The classifier's best guess was crisis, but below the fallback threshold.

    The FallbackClassifier then answers "niet begrepen"; for a possible crisis that is the
    wrong way to be careful: the inwoner gets the crisis answer (all numbers) instead.
    """
    if (message.get(INTENT) or {}).get("name") != FALLBACK_INTENT:
        return False
    best = best_classified(message)
    return best is not None and best.get("name") == CRISIS_INTENT


def best_classified(message: Message) -> dict[str, Any] | None:
    """The classifier's best intent in the ranking, the FallbackClassifier's entry left out."""
    for item in message.get(INTENT_RANKING_KEY) or []:
        if item.get("name") != FALLBACK_INTENT:
            return dict(item)
    return None


def long_ago(message: Message) -> bool:
    """The classifier chose crisis for a message with no sign of danger now: about something
    long ago or over ("ik ben als kind mishandeld en wil er nu over praten" is a question for
    the team), or about someone else's death (grief)."""
    if (message.get(INTENT) or {}).get("name") != CRISIS_INTENT:
        return False
    text = message.get(TEXT)
    return no_danger_now(text) or only_grief(text)


def demote_crisis(message: Message) -> None:
    """Use the classifier's next intent instead of crisis, or "niet begrepen" when it is unsure."""
    ranking = [
        item
        for item in message.get(INTENT_RANKING_KEY) or []
        if item.get("name") not in (CRISIS_INTENT, FALLBACK_INTENT)
    ]
    best = ranking[0] if ranking else None
    if best is None or float(best.get("confidence") or 0.0) < FALLBACK_THRESHOLD:
        best = {"name": FALLBACK_INTENT, "confidence": FALLBACK_THRESHOLD}
    message.set(INTENT, best, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [best, *ranking], add_to_output=True)
    message.set("crisis_guard", {"demoted": CRISIS_INTENT}, add_to_output=True)
