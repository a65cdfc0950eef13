"""Evaluate the trained NLU model on the held-out set and the crisis lists.

Usage (from the repo root, after ``scripts/train.sh``)::

    .venv-rasa/bin/python bot/evaluate_nlu.py            # writes docs/nlu-report.md
    .venv-rasa/bin/python bot/evaluate_nlu.py --train    # trains first and reports the time

The model is loaded as a whole (the pipeline of config.yml, including the CrisisGuard safety
net), so the numbers are what an inwoner gets. bot/tests/test_nlu_quality.py uses the same
functions as a quality gate.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

BOT_DIR = Path(__file__).resolve().parent
REPO_ROOT = BOT_DIR.parent
MODEL = BOT_DIR / "models" / "voordeur.tar.gz"
HOLDOUT = BOT_DIR / "tests" / "nlu_holdout.yml"
CRISIS_LISTS = BOT_DIR / "tests" / "crisis_messages.yml"
REPORT = REPO_ROOT / "docs" / "nlu-report.md"
COMMAND = ".venv-rasa/bin/python bot/evaluate_nlu.py --train"
MIN_MACRO_F1 = 0.90
CRISIS = "crisis"


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str | None
    intent: str
    confidence: float
    by_guard: bool


@dataclass(frozen=True)
class Result:
    holdout: list[Prediction]
    crisis: list[Prediction]
    not_crisis: list[Prediction]

    @property
    def labels(self) -> list[str]:
        return sorted({p.expected for p in self.holdout if p.expected})

    @property
    def macro_f1(self) -> float:
        from sklearn.metrics import f1_score

        expected = [p.expected for p in self.holdout]
        predicted = [p.intent for p in self.holdout]
        return float(
            f1_score(expected, predicted, labels=self.labels, average="macro", zero_division=0)
        )

    @property
    def crisis_recall(self) -> float:
        return sum(p.intent == CRISIS for p in self.crisis) / len(self.crisis)

    @property
    def false_alarm_rate(self) -> float:
        return sum(p.intent == CRISIS for p in self.not_crisis) / len(self.not_crisis)


def load_holdout(path: Path = HOLDOUT) -> list[tuple[str, str]]:
    """(text, intent) pairs of the held-out set (Rasa NLU YAML)."""
    data = yaml.safe_load(path.read_text("utf-8"))
    pairs = []
    for block in data["nlu"]:
        for line in block["examples"].splitlines():
            text = line.strip().removeprefix("- ").strip()
            if text:
                pairs.append((text, block["intent"]))
    return pairs


def load_crisis_lists(path: Path = CRISIS_LISTS) -> tuple[list[str], list[str]]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return list(data["crisis"]), list(data["not_crisis"])


def load_agent(model: Path = MODEL) -> Any:
    """The trained model (custom components are imported from bot/)."""
    if not model.is_file():
        raise FileNotFoundError(f"{model} ontbreekt: train eerst met scripts/train.sh")
    if str(BOT_DIR) not in sys.path:
        sys.path.insert(0, str(BOT_DIR))
    from rasa.core.agent import Agent

    return Agent.load(str(model))


async def _predict(agent: Any, texts: list[tuple[str, str | None]]) -> list[Prediction]:
    predictions = []
    for text, expected in texts:
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        predictions.append(
            Prediction(
                text=text,
                expected=expected,
                intent=intent.get("name") or "",
                confidence=float(intent.get("confidence") or 0.0),
                by_guard="crisis_guard" in parsed,
            )
        )
    return predictions


def evaluate(agent: Any) -> Result:
    crisis, not_crisis = load_crisis_lists()

    async def run() -> Result:
        return Result(
            holdout=await _predict(agent, load_holdout()),
            crisis=await _predict(agent, [(text, CRISIS) for text in crisis]),
            not_crisis=await _predict(agent, [(text, None) for text in not_crisis]),
        )

    return asyncio.run(run())


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_report(result: Result, train_seconds: float | None) -> str:
    """docs/nlu-report.md as Markdown."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    labels = result.labels
    expected = [p.expected for p in result.holdout]
    predicted = [p.intent for p in result.holdout]
    columns = labels + sorted(set(predicted) - set(labels))
    precision, recall, f1, support = precision_recall_fscore_support(
        expected, predicted, labels=labels, zero_division=0
    )
    per_intent = [
        [label, f"{p:.2f}", f"{r:.2f}", f"{f:.2f}", str(n)]
        for label, p, r, f, n in zip(labels, precision, recall, f1, support, strict=True)
    ]
    matrix = confusion_matrix(expected, predicted, labels=columns)
    short = {label: str(index) for index, label in enumerate(columns, start=1)}
    matrix_rows = [
        [f"{short[label]} {label}", *[str(v) if v else "." for v in matrix[i]]]
        for i, label in enumerate(columns)
        if label in labels
    ]
    errors = [
        [p.text, p.expected or "", p.intent, f"{p.confidence:.2f}"]
        for p in result.holdout
        if p.intent != p.expected
    ]
    missed = [p.text for p in result.crisis if p.intent != CRISIS]
    alarms = [
        [p.text, "lexicon" if p.by_guard else "classifier"]
        for p in result.not_crisis
        if p.intent == CRISIS
    ]
    guard_hits = sum(p.by_guard for p in result.crisis)
    trained = f"{train_seconds:.0f} s" if train_seconds is not None else "not measured in this run"

    parts = [
        "# NLU report (generated)",
        "",
        f"Generated by `{COMMAND}` (without `--train` it uses the existing model and does not "
        "measure the training time). Do not edit by hand.",
        "",
        "## Summary",
        "",
        _table(
            ["measure", "value", "goal"],
            [
                [
                    "intent macro-F1 on the held-out set",
                    f"{result.macro_f1:.3f}",
                    f">= {MIN_MACRO_F1:.2f}",
                ],
                ["held-out messages / intents", f"{len(result.holdout)} / {len(labels)}", ""],
                [
                    "crisis recall (crisis list)",
                    f"{result.crisis_recall:.0%} of {len(result.crisis)}",
                    "100%",
                ],
                [
                    "crisis caught by the CrisisGuard lexicon",
                    f"{guard_hits} of {len(result.crisis)}",
                    "",
                ],
                [
                    "false-alarm rate (worrying, not crisis)",
                    f"{result.false_alarm_rate:.0%} of {len(result.not_crisis)}",
                    "reported",
                ],
                ["training time (2 cores, from scratch)", trained, "< 5 min"],
            ],
        ),
        "",
        "Held-out set: `bot/tests/nlu_holdout.yml`; crisis lists: `bot/tests/crisis_messages.yml`."
        " Neither is used in training. A prediction of `nlu_fallback` counts as an error.",
        "",
        "## Per intent",
        "",
        _table(["intent", "precision", "recall", "F1", "n"], per_intent),
        "",
        "## Confusion matrix",
        "",
        "Rows: expected intent. Columns: predicted intent (numbers as in the rows; "
        + ", ".join(f"{short[c]} = {c}" for c in columns if c not in labels)
        + ").",
        "",
        _table(["expected \\ predicted", *[short[c] for c in columns]], matrix_rows),
        "",
        "## Held-out errors",
        "",
        _table(["message", "expected", "predicted", "confidence"], errors) if errors else "None.",
        "",
        "## Crisis",
        "",
        "Missed crisis messages: " + (", ".join(f"'{t}'" for t in missed) if missed else "none."),
        "",
        "False alarms (these get the crisis numbers and the offer of a spoed melding):",
        "",
        _table(["message", "caught by"], alarms) if alarms else "None.",
        "",
    ]
    return "\n".join(parts)


def train() -> float:
    """Train the model from scratch (as CI does) and return the seconds it took."""
    start = time.monotonic()
    # A fixed command line (this environment's own rasa), no user input: S603 does not apply.
    subprocess.run(  # noqa: S603
        [
            str(Path(sys.executable).parent / "rasa"),
            "train",
            "--fixed-model-name",
            "voordeur",
            "--out",
            "models",
            "--force",
            "--quiet",
        ],
        cwd=BOT_DIR,
        check=True,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="train first and time it")
    args = parser.parse_args()
    train_seconds = train() if args.train else None
    result = evaluate(load_agent())
    REPORT.write_text(render_report(result, train_seconds), encoding="utf-8")
    print(
        f"macro-F1 {result.macro_f1:.3f}, crisis recall {result.crisis_recall:.0%}, "
        f"false alarms {result.false_alarm_rate:.0%} -> {REPORT.relative_to(REPO_ROOT)}"
    )
    ok = result.macro_f1 >= MIN_MACRO_F1 and result.crisis_recall == 1.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
