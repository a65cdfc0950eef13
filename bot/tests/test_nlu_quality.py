"""Quality gate for the trained NLU model (needs bot/models/voordeur.tar.gz: scripts/train.sh).

Fails when the intent macro-F1 on the held-out set is below 0.90, or when crisis recall or
the false-alarm rate on the crisis list misses issue 11's goals (100%, at most 10%; the gate
in evaluate_nlu.py). The checks on the lists themselves
(size, categories, no duplicates, not in the training data) and the report rules run without
a model.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import evaluate_answers
import evaluate_nlu
import pytest
import yaml
from voordeur_nlu.answer_selector import load_answers

TRAINING_DATA = evaluate_nlu.BOT_DIR / "data" / "nlu.yml"
CRISIS_NET_EXAMPLES = evaluate_nlu.BOT_DIR / "voordeur_nlu" / "crisis_net_examples.yml"
# Candidate training data of a round that was not taken: kept apart from the test lists too.
CANDIDATES = tuple(sorted((evaluate_nlu.BOT_DIR / "candidates").glob("*.yml")))
MIN_CRISIS = 150
MIN_NOT_CRISIS = 150
MIN_PER_CRISIS_CATEGORY = 35


@pytest.fixture(scope="module")
def result() -> evaluate_nlu.Result:
    return evaluate_nlu.evaluate(evaluate_nlu.load_agent())


def _training_texts() -> set[str]:
    """Every example DIET or the crisis net learns from (or a candidate round would), lower case."""
    texts = set()
    for path in (TRAINING_DATA, CRISIS_NET_EXAMPLES, *CANDIDATES):
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        for block in data["nlu"]:
            if "intent" in block:
                texts |= {
                    line.strip()[2:].lower() for line in block["examples"].splitlines() if line
                }
    for named in load_answers().values():  # the answer selector's examples
        for answer in named.values():
            texts |= {str(example).strip().lower() for example in answer.get("examples") or []}
    return texts


def test_held_out_messages_are_not_in_the_training_data() -> None:
    training = _training_texts()
    crisis, not_crisis = evaluate_nlu.load_crisis_lists()
    held_out = [text for text, _ in evaluate_nlu.load_holdout()] + crisis + not_crisis
    for path in evaluate_nlu.ALL_FRESH_LISTS:
        if path.is_file():
            fresh_crisis, fresh_not_crisis = evaluate_nlu.load_crisis_lists(path)
            held_out += fresh_crisis + fresh_not_crisis
    held_out += [text for text, _ in evaluate_nlu.load_external()]
    held_out += [text for text, _, _ in evaluate_answers.load_answer_holdout()]
    leaked = [text for text in held_out if text.strip().lower() in training]
    assert not leaked, f"in the training data: {leaked}"


def test_held_out_set_has_at_least_ten_messages_per_intent() -> None:
    domain = yaml.safe_load((evaluate_nlu.BOT_DIR / "domain.yml").read_text("utf-8"))
    counts: dict[str, int] = {}
    for _, intent in evaluate_nlu.load_holdout():
        counts[intent] = counts.get(intent, 0) + 1
    assert set(counts) == set(domain["intents"])
    assert min(counts.values()) >= 10, counts


def test_crisis_lists_are_big_enough() -> None:
    crisis, not_crisis = evaluate_nlu.load_crisis_lists()
    assert len(crisis) >= MIN_CRISIS and len(not_crisis) >= MIN_NOT_CRISIS


def test_every_crisis_category_has_enough_messages() -> None:
    crisis, _ = evaluate_nlu.load_crisis_categories()
    counts = {
        category: len(crisis.get(category, [])) for category in evaluate_nlu.CRISIS_CATEGORIES
    }
    assert min(counts.values()) >= MIN_PER_CRISIS_CATEGORY, counts


def test_held_out_messages_are_unique() -> None:
    crisis, not_crisis = evaluate_nlu.load_crisis_lists()
    held_out = [text for text, _ in evaluate_nlu.load_holdout()] + crisis + not_crisis
    counts = Counter(text.lower() for text in held_out)
    assert not [text for text, n in counts.items() if n > 1]


def test_intent_macro_f1_on_the_held_out_set(result: evaluate_nlu.Result) -> None:
    errors = [(p.text, p.expected, p.intent) for p in result.holdout if p.intent != p.expected]
    assert result.macro_f1 >= evaluate_nlu.MIN_MACRO_F1, errors


def test_crisis_recall_does_not_fall_below_the_gate(result: evaluate_nlu.Result) -> None:
    """Goal 100% (issue 11); the gate is the measured level, see evaluate_nlu.py."""
    missed = [(p.category, p.text, p.intent) for p in result.missed]
    assert result.crisis_recall >= evaluate_nlu.GATE_MIN_CRISIS_RECALL, (
        f"{len(missed)} of {len(result.crisis)} missed: {missed}"
    )


def test_false_alarm_rate_does_not_rise_above_the_gate(result: evaluate_nlu.Result) -> None:
    """Goal at most 10% (issue 11); the gate is the measured level, see evaluate_nlu.py."""
    alarms = [(p.category, p.text) for p in result.false_alarms]
    assert result.false_alarm_rate <= evaluate_nlu.GATE_MAX_FALSE_ALARM_RATE, (
        f"{len(alarms)} of {len(result.not_crisis)} ({result.false_alarm_rate:.0%}): {alarms}"
    )


def test_fresh_lists_are_found_by_name() -> None:
    names = [path.name for path in evaluate_nlu.ALL_FRESH_LISTS]
    assert "crisis_messages_fresh.yml" in names
    assert "crisis_messages_fresh3.yml" in names


def test_report_never_quotes_a_blind_list() -> None:
    def prediction(text: str, intent: str, category: str) -> evaluate_nlu.Prediction:
        return evaluate_nlu.Prediction(
            text=text,
            expected=None,
            intent=intent,
            confidence=0.9,
            by_guard=False,
            category=category,
            answer_category=None,
        )

    result = evaluate_nlu.Result(
        holdout=[],
        crisis=[prediction("blind gemist bericht", "greet", "suicide")],
        not_crisis=[prediction("blind vals alarm bericht", "crisis", "grief")],
    )
    blind = evaluate_nlu.BOT_DIR / "tests" / "crisis_messages_fresh99.yml"
    tuned = evaluate_nlu.BOT_DIR / "tests" / "crisis_messages_fresh2.yml"
    blind_text = "\n".join(evaluate_nlu._fresh_sections(blind, result))
    tuned_text = "\n".join(evaluate_nlu._fresh_sections(tuned, result))
    assert "blind gemist bericht" not in blind_text
    assert "vals alarm" not in blind_text
    assert "still blind" in blind_text
    assert "blind gemist bericht" in tuned_text


def test_external_set_is_labelled_with_known_topics_and_sources() -> None:
    domain = yaml.safe_load((evaluate_nlu.BOT_DIR / "domain.yml").read_text("utf-8"))
    data = yaml.safe_load(evaluate_nlu.EXTERNAL.read_text("utf-8"))
    messages = data["messages"]
    assert len(messages) >= 300
    assert {item["intent"] for item in messages} <= set(domain["intents"])
    assert all(str(item["source"]).startswith(("https://", "http://")) for item in messages)
    texts = [str(item["text"]).strip().lower() for item in messages]
    assert len(set(texts)) == len(texts)


def test_a_question_about_a_sub_topic_gets_its_specific_answer() -> None:
    """answers.yml: of the held-out questions whose topic was right, most get the right answer."""
    answers = evaluate_answers.evaluate_answers(evaluate_nlu.load_agent())
    assert len(answers.predictions) >= 100
    assert answers.answer_right_given_topic >= evaluate_answers.MIN_RIGHT_ANSWER_GIVEN_TOPIC, (
        answers.per_answer()
    )
