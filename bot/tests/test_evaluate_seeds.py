"""evaluate_seeds.py without training: the seed in the configuration, the arguments, the table."""

from __future__ import annotations

import argparse

import evaluate_nlu as ev
import evaluate_seeds
import pytest
import yaml
from evaluate_answers import AnswerPrediction, AnswerResult


def prediction(intent: str, expected: str | None) -> ev.Prediction:
    return ev.Prediction(text="x", expected=expected, intent=intent, confidence=0.9, by_guard=False)


def result(missed: int, alarms: int) -> ev.Result:
    crisis = [prediction("nlu_fallback" if i < missed else "crisis", "crisis") for i in range(4)]
    not_crisis = [prediction("crisis" if i < alarms else "info_wmo", None) for i in range(10)]
    holdout = [prediction("info_wmo", "info_wmo"), prediction("greet", "greet")]
    return ev.Result(holdout=holdout, crisis=crisis, not_crisis=not_crisis)


def test_only_the_diet_seed_changes() -> None:
    config = yaml.safe_load((ev.BOT_DIR / "config.yml").read_text("utf-8"))
    changed = evaluate_seeds.with_seed(yaml.safe_load(yaml.safe_dump(config)), 7)
    diet = [c for c in changed["pipeline"] if c["name"] == "DIETClassifier"]
    assert diet[0]["random_seed"] == 7
    diet[0]["random_seed"] = next(
        c["random_seed"] for c in config["pipeline"] if c["name"] == "DIETClassifier"
    )
    assert changed == config


def test_a_configuration_without_one_diet_is_refused() -> None:
    with pytest.raises(ValueError, match="exactly one DIETClassifier"):
        evaluate_seeds.with_seed({"pipeline": [{"name": "WhitespaceTokenizer"}]}, 7)


@pytest.mark.parametrize("text", ["", "7,x", "seven"])
def test_seeds_must_be_whole_numbers(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        evaluate_seeds.parse_seeds(text)


def test_seeds_are_read_in_order() -> None:
    assert evaluate_seeds.parse_seeds("20251123, 7,424242") == [20251123, 7, 424242]


def test_the_table_counts_the_first_and_tuned_lists_together() -> None:
    external = ev.ExternalResult(
        [prediction("info_wmo", "info_wmo"), prediction("nlu_fallback", "info_pgb")]
    )
    figures = evaluate_seeds.SeedFigures(
        seed=7,
        macro_f1=0.91,
        external=external,
        answers=AnswerResult(
            [
                AnswerPrediction("a", "info_wmo", "dementie", "info_wmo", "dementie"),
                AnswerPrediction("b", "info_wmo", "algemeen", "info_wmo", "dementie"),
                AnswerPrediction("c", "info_wmo", "algemeen", "info_pgb", "algemeen"),
                AnswerPrediction("d", "info_minima", "toeslagen", "info_minima", "toeslagen"),
            ]
        ),
        first=result(missed=0, alarms=1),
        tuned=[result(missed=1, alarms=3)],
        blind=[result(missed=2, alarms=5)],
    )
    without_blind = evaluate_seeds.table([figures], blind=False)
    assert "| 7 | 0.910 | 50% / 50% / 0% | 75% / 67% | 0 missed, 1 of 10 false alarms |" in (
        without_blind
    )
    assert "1 of 8 missed, 20.0% false alarms |" in without_blind
    assert "2 of 4 missed" not in without_blind
    assert without_blind.endswith("false alarms |")
    assert "| 2 of 4 missed, 50.0% false alarms |" in evaluate_seeds.table([figures], blind=True)
