"""Quality gate for the trained NLU model (needs bot/models/voordeur.tar.gz: scripts/train.sh).

Fails when the intent macro-F1 on the held-out set is below 0.90 or when a single message of
the crisis list does not get the crisis intent (classifier or CrisisGuard lexicon).
"""

from __future__ import annotations

from typing import Any

import evaluate_nlu
import pytest
import yaml

TRAINING_DATA = evaluate_nlu.BOT_DIR / "data" / "nlu.yml"


@pytest.fixture(scope="module")
def result() -> evaluate_nlu.Result:
    return evaluate_nlu.evaluate(evaluate_nlu.load_agent())


def _training_texts() -> set[str]:
    data: dict[str, Any] = yaml.safe_load(TRAINING_DATA.read_text("utf-8"))
    texts = set()
    for block in data["nlu"]:
        if "intent" in block:
            texts |= {line.strip()[2:].lower() for line in block["examples"].splitlines() if line}
    return texts


def test_held_out_messages_are_not_in_the_training_data() -> None:
    training = _training_texts()
    crisis, not_crisis = evaluate_nlu.load_crisis_lists()
    held_out = [text for text, _ in evaluate_nlu.load_holdout()] + crisis + not_crisis
    leaked = [text for text in held_out if text.lower() in training]
    assert not leaked, f"in data/nlu.yml: {leaked}"


def test_held_out_set_has_at_least_ten_messages_per_intent() -> None:
    domain = yaml.safe_load((evaluate_nlu.BOT_DIR / "domain.yml").read_text("utf-8"))
    counts: dict[str, int] = {}
    for _, intent in evaluate_nlu.load_holdout():
        counts[intent] = counts.get(intent, 0) + 1
    assert set(counts) == set(domain["intents"])
    assert min(counts.values()) >= 10, counts


def test_crisis_lists_are_big_enough() -> None:
    crisis, not_crisis = evaluate_nlu.load_crisis_lists()
    assert len(crisis) >= 40 and len(not_crisis) >= 40


def test_intent_macro_f1_on_the_held_out_set(result: evaluate_nlu.Result) -> None:
    errors = [(p.text, p.expected, p.intent) for p in result.holdout if p.intent != p.expected]
    assert result.macro_f1 >= evaluate_nlu.MIN_MACRO_F1, errors


def test_every_crisis_message_gets_the_crisis_answer(result: evaluate_nlu.Result) -> None:
    missed = [p.text for p in result.crisis if p.intent != evaluate_nlu.CRISIS]
    assert result.crisis_recall == 1.0, missed
