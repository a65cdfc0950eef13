"""CrisisNet: a second, independent crisis classifier that catches what DIET misses.

DIET is trained on all intents at once and is overconfident: when it misses a crisis it is
just as sure as when it is right, so no threshold on its output helps. This component looks
at the text another way (TF-IDF character and word n-grams, a logistic regression that only
decides "crisis or not") and learns from more crisis examples than DIET gets: the training data
plus ``crisis_net_examples.yml`` (written for this net; given to DIET as well they raised its
false alarms). When its probability of crisis is above ``threshold`` and the message has not
already got the crisis intent, the message gets it. When DIET itself is unsure (no intent above
``unsure_confidence``), a lower probability, ``unsure_threshold``, is enough: a message DIET
cannot place and the net finds worrying is answered with the crisis numbers, not with "Dat begrijp
ik niet goed". Long messages (``long_message.MIN_WORDS`` words or more) only get the first rule:
they are confirmed by topic. It runs before ``CrisisGuard``, so a message only about long ago is
still demoted there.

Measured in docs/nlu-report.md (2026-11-28, chosen by cross-validation on the training data and
the first crisis list, then checked once on a blind seventh list).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from . import model_files
from .crisis_guard import CRISIS_INTENT, best_classified, give_crisis_intent
from .long_message import MIN_WORDS, word_count

NET_KEY = "crisis_net"
EXTRA_EXAMPLES = Path(__file__).with_name("crisis_net_examples.yml")
MODEL_FILE = "crisis_net.skops"


def build_classifier(regularisation: float) -> Pipeline:
    """Character n-grams within words (typos, word forms) and word uni- and bigrams."""
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    )
    classifier = LogisticRegression(C=regularisation, max_iter=3000, class_weight="balanced")
    return make_pipeline(features, classifier)


def labelled_examples(training_data: TrainingData) -> tuple[list[str], list[int]]:
    """(texts, 1 for crisis else 0) from the training data and the net's own examples."""
    extra = RasaYAMLReader().read(EXTRA_EXAMPLES)
    texts: list[str] = []
    labels: list[int] = []
    for message in [*training_data.intent_examples, *extra.intent_examples]:
        texts.append(message.get(TEXT))
        labels.append(int(message.get(INTENT) == CRISIS_INTENT))
    return texts, labels


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class CrisisNet(GraphComponent):
    """Give a message the crisis intent when the binary crisis classifier is sure enough."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # threshold: chosen on the training data (5-fold cross-validation: 6% false alarms at
        # 0.7). The unsure rule: chosen on the tuned crisis lists, see docs/nlu-report.md.
        return {
            "threshold": 0.7,
            "unsure_threshold": 0.4,
            "unsure_confidence": 0.6,
            "regularisation": 8.0,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Pipeline | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.classifier = classifier

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CrisisNet:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts, labels = labelled_examples(training_data)
        if len(set(labels)) < 2:
            raise ValueError("CrisisNet needs crisis and other examples to learn from")
        self.classifier = build_classifier(self.config["regularisation"]).fit(texts, labels)
        self.persist()
        return self._resource

    def persist(self) -> None:
        model_files.save(self._model_storage, self._resource, MODEL_FILE, self.classifier)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CrisisNet:
        classifier = model_files.load(model_storage, resource, MODEL_FILE)
        return cls(config, model_storage, resource, classifier)

    def crisis_probability(self, texts: list[str]) -> list[float]:
        if self.classifier is None:
            raise RuntimeError("CrisisNet is not trained")
        return [float(p) for p in self.classifier.predict_proba(texts)[:, 1]]

    def process(self, messages: list[Message]) -> list[Message]:
        if not messages:
            return messages
        texts = [message.get(TEXT) or "" for message in messages]
        for message, probability in zip(messages, self.crisis_probability(texts), strict=True):
            current = (message.get(INTENT) or {}).get("name")
            if current == CRISIS_INTENT or probability < self.needed_probability(message):
                continue
            give_crisis_intent(message, probability)
            message.set(NET_KEY, {"overruled": current}, add_to_output=True)
        return messages

    def needed_probability(self, message: Message) -> float:
        """``unsure_threshold`` for a short message DIET is unsure about, else ``threshold``."""
        if word_count(message.get(TEXT)) >= MIN_WORDS:
            return float(self.config["threshold"])
        best = best_classified(message) or {}
        if float(best.get("confidence") or 0.0) < self.config["unsure_confidence"]:
            return float(self.config["unsure_threshold"])
        return float(self.config["threshold"])
