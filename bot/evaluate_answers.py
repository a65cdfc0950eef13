"""Measure the answer selector: does a question about a sub-topic get its specific answer?

Parses every message of ``tests/answers_holdout.yml`` (written by another hand, never trained
on) with the trained model and counts: the topic right (the intent), and of those the answer
right (the specific answer the selector chose, or the general one when it chose none). Usage:
``.venv-rasa/bin/python bot/evaluate_answers.py`` (model from scripts/train.sh); the section is
also part of docs/nlu-report.md (bot/evaluate_nlu.py).
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from voordeur_nlu.answers_file import GENERAL_ANSWER

BOT_DIR = Path(__file__).resolve().parent
ANSWERS_HOLDOUT = BOT_DIR / "tests" / "answers_holdout.yml"
# The gate in tests/test_nlu_quality.py, fixed before the first measurement.
MIN_RIGHT_ANSWER_GIVEN_TOPIC = 0.80


# Measured once, by hand (bot/evaluate_seeds.py on a copy of bot/), not by this script.
CANDIDATES = [
    "- **The answers' examples for DIET too** (not taken). The examples in `answers.yml` are "
    "given to the answer selector only. Candidate: DIET also learns them as examples of their "
    "topic. Rule fixed before measuring (seed 20251123): topic right on this set at least 10 "
    "points higher; macro-F1 at least 0.90 and the first crisis list's gate held; on the tuned "
    "crisis lists at most one more missed crisis and at most 1 point more false alarms; on the "
    "external set no more wrong topics and no fewer on topic. Measured on 2026-11-28 (the 142 "
    "questions before the second-opinion ones were added): topic "
    "right 64% -> 84%, macro-F1 0.925 -> 0.914, first list 17 -> 14 false alarms of 204, tuned "
    "lists 1 -> 3 missed of 724 (false alarms 14.0% -> 11.1%), external on topic 64% -> 64%, "
    "wrong topic 23% -> 25%: two missed crises more and more wrong topics, so not taken.",
    "- **A router across topics** (not taken). Candidate: the answer selector also learns "
    "every training example as 'another question' and, when DIET chose an informational topic "
    "or did not understand (never a crisis, a long message or a button), moves the message to "
    "the topic of a specific answer it finds at least 0.7 probable. Rule fixed before "
    "measuring (seed 20251123): topic right at least 10 points higher, external on topic not "
    "lower and wrong topic not higher, macro-F1 at least 0.920. Measured on 2026-11-28 (the "
    "same 142 questions): topic "
    "right 64% -> 81%, external on topic 64% -> 63%, wrong topic 23% -> 23%, macro-F1 0.925 "
    "-> 0.913 (crisis figures the same): not taken.",
    "",
]


@dataclass(frozen=True)
class AnswerPrediction:
    text: str
    topic: str
    answer: str
    predicted_topic: str
    predicted_answer: str

    @property
    def topic_right(self) -> bool:
        return self.predicted_topic == self.topic

    @property
    def answer_right(self) -> bool:
        return self.topic_right and self.predicted_answer == self.answer


def load_answer_holdout(path: Path = ANSWERS_HOLDOUT) -> list[tuple[str, str, str]]:
    """(text, topic, answer name) of the held-out questions."""
    data: dict[str, list[str]] = yaml.safe_load(path.read_text("utf-8"))
    labelled = []
    for key, texts in data.items():
        topic, _, answer = key.partition("/")
        labelled.extend((str(text), topic, answer) for text in texts)
    return labelled


def predicted(parsed: dict[str, Any]) -> tuple[str, str]:
    """(intent, answer name) as the assistant would answer: the general answer unless chosen."""
    topic = str((parsed.get("intent") or {}).get("name") or "")
    chosen = parsed.get("answer") or {}
    answer = str(chosen.get("name")) if chosen.get("topic") == topic else GENERAL_ANSWER
    return topic, answer


@dataclass(frozen=True)
class AnswerResult:
    predictions: list[AnswerPrediction]

    @staticmethod
    def _share(hits: int, total: int) -> float:
        return hits / total if total else 0.0

    @property
    def topic_right(self) -> float:
        return self._share(sum(p.topic_right for p in self.predictions), len(self.predictions))

    @property
    def answer_right(self) -> float:
        return self._share(sum(p.answer_right for p in self.predictions), len(self.predictions))

    @property
    def answer_right_given_topic(self) -> float:
        placed = [p for p in self.predictions if p.topic_right]
        return self._share(sum(p.answer_right for p in placed), len(placed))

    def per_answer(self) -> list[list[str]]:
        groups: dict[str, list[AnswerPrediction]] = {}
        for prediction in self.predictions:
            groups.setdefault(f"{prediction.topic}/{prediction.answer}", []).append(prediction)
        rows = []
        for key, group in sorted(groups.items()):
            placed = [p for p in group if p.topic_right]
            rows.append(
                [
                    key,
                    str(len(group)),
                    f"{self._share(len(placed), len(group)):.0%}",
                    f"{self._share(sum(p.answer_right for p in placed), len(placed)):.0%}",
                ]
            )
        return rows


def evaluate_answers(agent: Any, path: Path = ANSWERS_HOLDOUT) -> AnswerResult:
    async def run() -> list[AnswerPrediction]:
        predictions = []
        for text, topic, answer in load_answer_holdout(path):
            predicted_topic, predicted_answer = predicted(await agent.parse_message(text))
            predictions.append(
                AnswerPrediction(text, topic, answer, predicted_topic, predicted_answer)
            )
        return predictions

    return AnswerResult(asyncio.run(run()))


def answer_sections(result: AnswerResult) -> list[str]:
    """The report's section (figures only: the held-out questions are not quoted)."""
    rows = "\n".join("| " + " | ".join(row) + " |" for row in result.per_answer())
    return [
        "# Specific answers within a topic (answers.yml)",
        "",
        f"`bot/tests/answers_holdout.yml`: {len(result.predictions)} questions written by two "
        "authors who saw neither the training data nor `answers.yml`, never trained on. Topic "
        "right: the intent classifier chose the topic. Answer right: of those, the assistant "
        "sent the expected answer (the specific one, or the general one for a general "
        "question). Gate in `bot/tests/test_nlu_quality.py`, fixed before the first "
        f"measurement: answer right for at least {MIN_RIGHT_ANSWER_GIVEN_TOPIC:.0%} of the "
        "questions whose topic was right.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| topic right | {result.topic_right:.0%} |",
        f"| answer right, of topic right | {result.answer_right_given_topic:.0%} |",
        f"| answer right, of all | {result.answer_right:.0%} |",
        "",
        "| answer | n | topic right | answer right (of topic right) |",
        "|---|---|---|---|",
        rows,
        "",
        *CANDIDATES,
    ]


def main() -> int:
    sys.path.insert(0, str(BOT_DIR))
    from evaluate_nlu import load_agent

    result = evaluate_answers(load_agent())
    print("\n".join(answer_sections(result)))
    return 0 if result.answer_right_given_topic >= MIN_RIGHT_ANSWER_GIVEN_TOPIC else 1


if __name__ == "__main__":
    sys.exit(main())
