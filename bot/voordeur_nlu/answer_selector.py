"""AnswerSelector: within the topic the intent classifier chose, which answer fits the question.

Some topics have a general answer and specific ones for the sub-questions people ask most
(``answers.yml``: the vervoerspas within hulpmiddelen and vervoer, the keukentafelgesprek within
the werkwijze). Per such topic a small classifier (the crisis net's features: TF-IDF character
and word n-grams, a logistic regression) learns the specific answers from their examples in
``answers.yml`` and the general answer from the topic's other examples in the training data.
A message of that topic gets ``answer`` in its parse data when a specific answer is the most
probable one and at least ``threshold`` probable; actions/info.py sends it. The intent and its
ranking are not changed, so the crisis detection and the topic figures stay as they were.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.pipeline import Pipeline

from . import model_files
from .answers_file import (
    ANSWERS_FILE,
    GENERAL_ANSWER,
    PAYLOAD_PREFIX,
    TopicAnswers,
    read_answers,
)
from .crisis_net import build_classifier

ANSWER_KEY = "answer"
MODEL_FILE = "answer_selector.skops"


def load_answers() -> TopicAnswers:
    """The answers and their examples, as written in ``answers.yml``."""
    return read_answers(ANSWERS_FILE)


def labelled_examples(
    topic: str, answers: dict[str, dict[str, Any]], training_data: TrainingData
) -> tuple[list[str], list[str]]:
    """(texts, answer names): the specific answers' examples and the topic's other examples."""
    texts: list[str] = []
    labels: list[str] = []
    for name, answer in answers.items():
        for example in answer.get("examples") or []:
            texts.append(str(example))
            labels.append(name)
    specific = {text.strip().lower() for text in texts}
    for message in training_data.intent_examples:
        text = message.get(TEXT) or ""
        if message.get(INTENT) == topic and text.strip().lower() not in specific:
            texts.append(text)
            labels.append(GENERAL_ANSWER)
    return texts, labels


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class AnswerSelector(GraphComponent):
    """Choose the specific answer within a topic of ``answers.yml``, or leave the general one."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # threshold: fixed before measuring on bot/tests/answers_holdout.yml (docs/nlu-report.md).
        return {"threshold": 0.5, "regularisation": 8.0}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifiers: dict[str, Pipeline] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.classifiers = classifiers or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> AnswerSelector:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self.classifiers = {}
        for topic, answers in load_answers().items():
            texts, labels = labelled_examples(topic, answers, training_data)
            if GENERAL_ANSWER not in labels or len(set(labels)) < 2:
                raise ValueError(f"AnswerSelector: {topic} needs general and specific examples")
            classifier = build_classifier(self.config["regularisation"])
            self.classifiers[topic] = classifier.fit(texts, labels)
        self.persist()
        return self._resource

    def persist(self) -> None:
        model_files.save(self._model_storage, self._resource, MODEL_FILE, self.classifiers)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> AnswerSelector:
        classifiers = model_files.load(model_storage, resource, MODEL_FILE)
        return cls(config, model_storage, resource, classifiers)

    def choose(self, topic: str, text: str) -> tuple[str, float] | None:
        """The most probable specific answer and its probability, or None for the general one."""
        classifier = self.classifiers.get(topic)
        if classifier is None or not text.strip() or text.startswith(PAYLOAD_PREFIX):
            return None
        probabilities = classifier.predict_proba([text])[0]
        best = int(probabilities.argmax())
        name = str(classifier.classes_[best])
        probability = float(probabilities[best])
        if name == GENERAL_ANSWER or probability < self.config["threshold"]:
            return None
        return name, probability

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            topic = (message.get(INTENT) or {}).get("name") or ""
            chosen = self.choose(topic, message.get(TEXT) or "")
            if chosen is not None:
                name, probability = chosen
                answer = {"topic": topic, "name": name, "confidence": probability}
                message.set(ANSWER_KEY, answer, add_to_output=True)
        return messages
