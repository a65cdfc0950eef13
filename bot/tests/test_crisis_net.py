"""CrisisNet: trained, stored in and loaded from Rasa's model storage, and applied to messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from voordeur_nlu.crisis_net import NET_KEY, CrisisNet, labelled_examples

INFO = [
    "hoe vraag ik een traplift aan",
    "wat kost huishoudelijke hulp",
    "ik heb schulden en wil hulp",
    "waar vind ik een dagbesteding voor mijn moeder",
    "kan ik een pgb krijgen voor mijn zoon",
    "hoe lang duurt een wmo aanvraag",
]
CRISIS = [
    "ik wil een einde aan mijn leven maken",
    "mijn man slaat me en ik ben bang",
    "mijn vader ademt niet meer",
    "mijn dochter van 14 is sinds gisteren vermist",
]


def training_data() -> TrainingData:
    examples = [Message(data={TEXT: text, INTENT: "info_wmo"}) for text in INFO]
    examples += [Message(data={TEXT: text, INTENT: "crisis"}) for text in CRISIS]
    return TrainingData(training_examples=examples)


def classified(text: str, intent: str, confidence: float) -> Message:
    best = {"name": intent, "confidence": confidence}
    return Message(data={TEXT: text, INTENT: best, INTENT_RANKING_KEY: [best]})


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[LocalModelStorage, Resource]:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("storage")))
    resource = Resource("crisis_net")
    CrisisNet.create({}, storage, resource, context()).train(training_data())
    return storage, resource


def context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="crisis_net")


def loaded(trained: tuple[LocalModelStorage, Resource]) -> CrisisNet:
    storage, resource = trained
    return CrisisNet.load({}, storage, resource, context())


def test_the_net_learns_from_the_training_data_and_its_own_examples() -> None:
    texts, labels = labelled_examples(training_data())
    assert len(texts) == len(labels) > len(INFO) + len(CRISIS) + 300
    assert 0 < sum(labels) < len(labels)


def test_a_crisis_the_classifier_missed_gets_the_crisis_intent(
    trained: tuple[LocalModelStorage, Resource],
) -> None:
    message = loaded(trained).process([classified(CRISIS[0], "info_wmo", 0.9)])[0]
    assert message.get(INTENT)["name"] == "crisis"
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == "crisis"
    assert message.get(NET_KEY) == {"overruled": "info_wmo"}


def test_an_ordinary_question_is_left_alone(trained: tuple[LocalModelStorage, Resource]) -> None:
    message = loaded(trained).process([classified("wat kost een traplift", "info_wmo", 0.8)])[0]
    assert message.get(INTENT) == {"name": "info_wmo", "confidence": 0.8}
    assert message.get(NET_KEY) is None


def test_a_crisis_already_found_is_left_as_it_is(
    trained: tuple[LocalModelStorage, Resource],
) -> None:
    message = loaded(trained).process([classified("mijn vader ademt niet meer", "crisis", 0.99)])[0]
    assert message.get(INTENT) == {"name": "crisis", "confidence": 0.99}
    assert message.get(NET_KEY) is None


def test_the_threshold_is_configurable(trained: tuple[LocalModelStorage, Resource]) -> None:
    storage, resource = trained
    never = CrisisNet.load({"threshold": 1.0}, storage, resource, context())
    message = never.process([classified(CRISIS[0], "info_wmo", 0.9)])[0]
    assert message.get(INTENT)["name"] == "info_wmo"


def test_an_untrained_net_refuses_to_classify(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="not trained"):
        CrisisNet({}, LocalModelStorage(tmp_path), Resource("net")).crisis_probability(["x"])


def only_the_unsure_rule(trained: tuple[LocalModelStorage, Resource]) -> CrisisNet:
    """A net whose first rule never fires and whose second rule fires at any probability."""
    storage, resource = trained
    config = {"threshold": 1.1, "unsure_threshold": 0.0, "unsure_confidence": 0.6}
    return CrisisNet.load(config, storage, resource, context())


def test_a_lower_probability_is_enough_when_the_classifier_is_unsure(
    trained: tuple[LocalModelStorage, Resource],
) -> None:
    unsure = {"name": "nlu_fallback", "confidence": 0.4}
    best = {"name": "info_wmo", "confidence": 0.35}
    message = Message(data={TEXT: "ik weet het niet meer", INTENT: unsure})
    message.set(INTENT_RANKING_KEY, [unsure, best])
    assert only_the_unsure_rule(trained).process([message])[0].get(INTENT)["name"] == "crisis"


def test_the_lower_probability_is_not_enough_when_the_classifier_is_sure(
    trained: tuple[LocalModelStorage, Resource],
) -> None:
    message = classified("ik weet het niet meer", "info_wmo", 0.8)
    assert only_the_unsure_rule(trained).process([message])[0].get(INTENT)["name"] == "info_wmo"


def test_a_long_message_only_gets_the_first_rule(
    trained: tuple[LocalModelStorage, Resource],
) -> None:
    story = " ".join(["mijn moeder woont alleen en de thuiszorg komt twee keer per dag"] * 6)
    message = classified(story, "info_wmo", 0.3)
    assert only_the_unsure_rule(trained).process([message])[0].get(INTENT)["name"] == "info_wmo"
