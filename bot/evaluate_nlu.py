"""Evaluate the trained NLU model on the held-out set and the crisis lists.

Usage (from the repo root, after ``scripts/train.sh``)::

    .venv-rasa/bin/python bot/evaluate_nlu.py            # writes docs/nlu-report.md
    .venv-rasa/bin/python bot/evaluate_nlu.py --train    # trains first and reports the time

The model is loaded as a whole (the pipeline of config.yml, including the CrisisGuard safety
net), so the numbers are what an inwoner gets. The crisis lists are scored per category:
recall, false alarms, and "right number first" (``answer_category``, what the crisis answer
goes by, gives the labelled category, so the answer starts with that category's number).
bot/tests/test_nlu_quality.py uses the same functions as a quality gate.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from evaluate_answers import ANSWERS_HOLDOUT, AnswerResult, answer_sections, evaluate_answers

BOT_DIR = Path(__file__).resolve().parent
REPO_ROOT = BOT_DIR.parent
MODEL = BOT_DIR / "models" / "voordeur.tar.gz"
HOLDOUT = BOT_DIR / "tests" / "nlu_holdout.yml"
CRISIS_LISTS = BOT_DIR / "tests" / "crisis_messages.yml"
# Fresh lists, each written by another author after a round of improvements, measure how the
# crisis detection generalises: crisis_messages_fresh.yml, crisis_messages_fresh2.yml, ...
FRESH_PATTERN = "crisis_messages_fresh*.yml"
ALL_FRESH_LISTS = tuple(sorted((BOT_DIR / "tests").glob(FRESH_PATTERN)))
# Lists whose misses have been passed on to a round of improvements. Only for these does the
# report print message texts; a list that is still blind shows figures only, so that nobody
# tunes on it by reading the report.
TUNED_LISTS = frozenset(
    {
        "crisis_messages.yml",
        "crisis_messages_fresh.yml",
        "crisis_messages_fresh2.yml",
        "crisis_messages_fresh3.yml",
        "crisis_messages_fresh8.yml",
    }
)
# Questions from public pages, written by others (issue 17); blind: figures only, never quoted.
EXTERNAL = BOT_DIR / "tests" / "nlu_external.yml"
NOT_UNDERSTOOD = "nlu_fallback"
EXTERNAL_MIN_ON_TOPIC = 0.85
EXTERNAL_MAX_WRONG_TOPIC = 0.05
REPORT = REPO_ROOT / "docs" / "nlu-report.md"
COMMAND = ".venv-rasa/bin/python bot/evaluate_nlu.py --train"
MIN_MACRO_F1 = 0.90
MAX_FALSE_ALARM_RATE = 0.10
# The targets above and crisis recall 100% are issue 11's goals; on the crisis list they are
# reached (2026-11-27, fourth round) and the quality gate holds them. Never lower these.
GATE_MIN_CRISIS_RECALL = 1.0
GATE_MAX_FALSE_ALARM_RATE = MAX_FALSE_ALARM_RATE
CRISIS = "crisis"
CRISIS_CATEGORIES = ("suicide", "violence", "child", "medical")
CATEGORY_FUNCTION = "voordeur_nlu.crisis_topic.answer_category"
# Violence at home and a child in danger get the same first numbers (112, Veilig Thuis).
SAME_ANSWER = {
    "suicide": "suicide",
    "violence": "violence",
    "child": "violence",
    "medical": "medical",
}

CategoryFunction = Callable[[str], str | None]


@dataclass(frozen=True)
class Prediction:
    text: str
    expected: str | None
    intent: str
    confidence: float
    by_guard: bool
    # The category of the crisis / not-crisis list the message comes from (None: held-out set).
    category: str | None = None
    # What answer_category(text) returned: the kind of danger the answer goes by (None: the
    # general list, or the function does not exist).
    answer_category: str | None = None


def by_category(predictions: list[Prediction]) -> dict[str, list[Prediction]]:
    """Predictions grouped by their list category, in the order of the file."""
    groups: dict[str, list[Prediction]] = {}
    for prediction in predictions:
        groups.setdefault(prediction.category or "", []).append(prediction)
    return groups


def same_answer(answer: str | None, label: str | None) -> bool:
    """Whether the answer for category ``answer`` starts with the number for ``label``."""
    return answer is not None and SAME_ANSWER.get(answer) == SAME_ANSWER.get(label or "")


def _share(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@dataclass(frozen=True)
class Result:
    holdout: list[Prediction]
    crisis: list[Prediction]
    not_crisis: list[Prediction]
    # False when voordeur_nlu.crisis_lexicon.crisis_category does not exist (yet).
    category_checked: bool = True

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
    def missed(self) -> list[Prediction]:
        """Crisis messages that do not get the crisis answer."""
        return [p for p in self.crisis if p.intent != CRISIS]

    @property
    def false_alarms(self) -> list[Prediction]:
        """Not-crisis messages that get the crisis answer."""
        return [p for p in self.not_crisis if p.intent == CRISIS]

    @property
    def wrong_number_first(self) -> list[Prediction]:
        """Crisis messages whose answer does not start with the labelled category's number."""
        return [p for p in self.crisis if not same_answer(p.answer_category, p.category)]

    @property
    def crisis_recall(self) -> float:
        return 1 - _share(len(self.missed), len(self.crisis))

    @property
    def false_alarm_rate(self) -> float:
        return _share(len(self.false_alarms), len(self.not_crisis))

    @property
    def right_number_first(self) -> float:
        return 1 - _share(len(self.wrong_number_first), len(self.crisis))


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


def load_external(path: Path = EXTERNAL) -> list[tuple[str, str]]:
    """(text, expected intent) of the external set."""
    data = yaml.safe_load(path.read_text("utf-8"))
    return [(str(item["text"]), str(item["intent"])) for item in data["messages"]]


@dataclass(frozen=True)
class ExternalResult:
    """On topic, honestly not understood (the assistant asks), or answered on another topic."""

    predictions: list[Prediction]

    def _rate(self, predictions: list[Prediction], kind: str) -> float:
        return _share(sum(_outcome(p) == kind for p in predictions), len(predictions))

    @property
    def on_topic(self) -> float:
        return self._rate(self.predictions, "on_topic")

    @property
    def not_understood(self) -> float:
        return self._rate(self.predictions, "not_understood")

    @property
    def wrong_topic(self) -> float:
        return self._rate(self.predictions, "wrong_topic")

    def per_topic(self) -> list[list[str]]:
        groups: dict[str, list[Prediction]] = {}
        for prediction in self.predictions:
            groups.setdefault(prediction.expected or "", []).append(prediction)
        return [
            [
                topic,
                str(len(group)),
                f"{self._rate(group, 'on_topic'):.0%}",
                f"{self._rate(group, 'not_understood'):.0%}",
                f"{self._rate(group, 'wrong_topic'):.0%}",
            ]
            for topic, group in sorted(groups.items())
        ]


def _outcome(prediction: Prediction) -> str:
    if prediction.intent == prediction.expected:
        return "on_topic"
    return "not_understood" if prediction.intent == NOT_UNDERSTOOD else "wrong_topic"


def evaluate_external(agent: Any, path: Path = EXTERNAL) -> ExternalResult:
    labelled = [(text, intent, None) for text, intent in load_external(path)]
    return ExternalResult(asyncio.run(_predict(agent, labelled)))


def load_crisis_categories(
    path: Path = CRISIS_LISTS,
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The crisis and not-crisis lists, each as {category: messages}."""
    data = yaml.safe_load(path.read_text("utf-8"))
    crisis = {str(category): list(texts) for category, texts in data["crisis"].items()}
    not_crisis = {str(category): list(texts) for category, texts in data["not_crisis"].items()}
    unknown = set(crisis) - set(CRISIS_CATEGORIES)
    if unknown:
        raise ValueError(f"{path}: unknown crisis categories {sorted(unknown)}")
    return crisis, not_crisis


def load_crisis_lists(path: Path = CRISIS_LISTS) -> tuple[list[str], list[str]]:
    """All crisis and all not-crisis messages, categories flattened."""
    crisis, not_crisis = load_crisis_categories(path)
    return (
        [text for texts in crisis.values() for text in texts],
        [text for texts in not_crisis.values() for text in texts],
    )


def _bot_dir_on_path() -> None:
    if str(BOT_DIR) not in sys.path:
        sys.path.insert(0, str(BOT_DIR))


def load_category_function() -> CategoryFunction | None:
    """answer_category() (what the crisis answer goes by), or None while it does not exist."""
    _bot_dir_on_path()
    try:
        from voordeur_nlu.crisis_topic import answer_category
    except ImportError:
        return None
    return answer_category


def load_agent(model: Path = MODEL) -> Any:
    """The trained model (custom components are imported from bot/)."""
    if not model.is_file():
        raise FileNotFoundError(f"{model} ontbreekt: train eerst met scripts/train.sh")
    _bot_dir_on_path()
    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    # Rasa's default logging prints every parsed message: that would show the blind lists.
    configure_structlog(logging.WARNING)
    return Agent.load(str(model))


Labelled = tuple[str, str | None, str | None]  # text, expected intent, list category


def _labelled(lists: dict[str, list[str]], expected: str | None) -> list[Labelled]:
    return [(text, expected, category) for category, texts in lists.items() for text in texts]


async def _predict(
    agent: Any, texts: list[Labelled], category_of: CategoryFunction | None = None
) -> list[Prediction]:
    predictions = []
    for text, expected, category in texts:
        parsed = await agent.parse_message(text)
        intent = parsed.get("intent") or {}
        predictions.append(
            Prediction(
                text=text,
                expected=expected,
                intent=intent.get("name") or "",
                confidence=float(intent.get("confidence") or 0.0),
                by_guard="crisis_guard" in parsed,
                category=category,
                answer_category=category_of(text) if category_of else None,
            )
        )
    return predictions


def evaluate(agent: Any, lists: Path = CRISIS_LISTS, *, with_holdout: bool = True) -> Result:
    crisis, not_crisis = load_crisis_categories(lists)
    category_of = load_category_function()
    holdout: list[Labelled] = (
        [(text, intent, None) for text, intent in load_holdout()] if with_holdout else []
    )

    async def run() -> Result:
        return Result(
            holdout=await _predict(agent, holdout),
            crisis=await _predict(agent, _labelled(crisis, CRISIS), category_of),
            not_crisis=await _predict(agent, _labelled(not_crisis, None), category_of),
            category_checked=category_of is not None,
        )

    return asyncio.run(run())


PROVENANCE = [
    "## Where the lists come from (read before trusting the figures)",
    "",
    "- `crisis_messages.yml` (177 crisis, 204 not crisis) was written on 2026-11-27 by an "
    "author who did not see the training data or the lexicon. Measured blind, before any "
    "tuning: crisis recall 69% (old model), then 88% after the first round of new training "
    "data and lexicon patterns; false alarms 19-20%.",
    "- Its misses and false alarms were then passed, as themes, to a second training-data "
    "author (some phrases from the content review and the briefs reached both sides; 20 "
    "word-for-word overlaps were removed from the training data). Figures on this list after "
    "that round are therefore optimistic.",
    "- `crisis_messages_fresh.yml` was written afterwards by a third author and measured once "
    "before its gaps, too, were passed on as themes (lexicon only); "
    "`crisis_messages_fresh2.yml`, by a fourth author, was measured blind (recall 92%, false "
    "alarms 13%) and then, in the fourth round, its misses were passed on as themes too "
    "(lexicon patterns in the lexicon author's own words; no training data).",
    "- `crisis_messages_fresh3.yml`, by a fifth author who saw none of the above, was written "
    "for the fourth round; measured blind: recall 86%, false alarms 14% (a debug log showed "
    "the lead part of its not-crisis messages then). In the fifth round (2026-11-28) a sixth "
    "author who saw no test list wrote 197 varied crisis examples and 133 hard negatives "
    "(measured blind on this list: recall 91%, false alarms 14%); then this list's misses were "
    "passed on as themes to lexicon patterns (in the lead's words), so its figures are now "
    "optimistic. (Hard negatives on its false alarms' themes were tried and taken out: they "
    "cost crisis recall on the other lists.) The sixth author's training data and 348 topic "
    "examples by another hand (commits 049fbb3, b67fa6c) were first taken out again (three "
    "journeys failed) and are back since the sixth round, with 16 examples in the lead's words "
    'for the two gaps the journeys showed ("what is the Wmo" and "can you help me find '
    'work" phrasings).',
    "- `crisis_messages_fresh4.yml` (160 crisis, 160 not crisis), by a seventh author who saw "
    "none of the above, was written for the fifth round and never tuned on; the evaluation "
    "prints only its figures, never its messages. Blind before the round: recall 89%, false "
    "alarms 7%, right number first 56%. After the round: the figures in its section below. "
    "This is the honest measure of how the crisis detection generalises; it is below the "
    "goal of 100% recall.",
    "- `crisis_messages_fresh5.yml` (160 crisis, 160 not crisis), by an eighth author who saw "
    "none of the above, was written for the sixth round (2026-11-28) and never tuned on; "
    "figures only. Blind before the round: recall 88%, false alarms 11%, right number first "
    "76%. The sixth round: the data above back in, and two lexicon forms for misses on the "
    'first list (a helper verb inside "van kant maken"; someone lying who no longer moves). '
    "Two other candidates were trained and measured on all lists in that round: with 200 more "
    "crisis examples and 120 hard negatives by a ninth author, recall rose on the fresh lists "
    "(fourth 99%, fifth 98%) but false alarms rose too (first list 12%, fresh lists 8-21%: "
    '"wat ben ik moe" got the crisis answer); with 48 more hard negatives in the lead\'s '
    "words false alarms fell (2-8%) and recall fell (first list 98%, fourth 90%). The landed "
    "data was chosen by the first list's gate (recall 100%, false alarms at most 10%), which "
    "only it passed; the fresh lists' figures of all three were seen, so from now on they are "
    "less blind than before.",
    "- `crisis_messages_fresh6.yml` (160 crisis, 158 not crisis), by a tenth author, was "
    "written after the sixth round and used once to choose between the landed data and a "
    "candidate (the first candidate above, trained with 160 epochs instead of 80, which passed "
    "the first list's gate: 100% / 6%); the rule was fixed before measuring (take it only with "
    "higher recall and false alarms at most 10%). The candidate had 95% recall and 13% false "
    "alarms there, the landed model 92% and 6%: the landed model stays.",
    "- `crisis_messages_fresh7.yml` (159 crisis, 160 not crisis), by an eleventh author, "
    "was written after the sixth round. Blind on the landed model: recall 92%, false alarms "
    "16%. It was then used once to decide on the crisis net (`voordeur_nlu/crisis_net.py`: "
    "a second, binary classifier on character and word n-grams that also learns from the "
    "ninth author's examples, which raised DIET's false alarms; its settings were chosen by "
    "cross-validation on the training data and the first list). Rule fixed before measuring: "
    "take the net if recall rises by at least 2 points and false alarms by at most 3. With "
    "the net: 99% / 18% (offline, same model), so it was taken; the figures below are the "
    "trained model's.",
    "- Eighth round (2026-11-28): `crisis_messages_fresh8.yml` (thirteenth author) showed that "
    "half the false alarms came from the lexicon and most from events that are over (an "
    "attempt last year, a nosebleed that stopped, a missing boy who was found). The lexicon's "
    "`no_danger_now` now also lets go of a message that says it is over (a word such as "
    '"nu", "weer", "gelukkig" with "gaat goed", "woont veilig", "is gevonden", "zit vast", '
    'together with a past tense) or that says "ik ga mezelf niks aandoen", unless it also '
    'says it is going on ("opnieuw", "nog steeds", a weapon, "help"); the classifier\'s crisis '
    "is let go the same way. Three suicide forms were added (standing by the railway, how "
    "long dying of a number of pills takes, a goodbye). Recall stayed the same on every earlier "
    "list; the ninth list (`crisis_messages_fresh9.yml`, fifteenth author) decided, blind.",
    "- Ninth round (2026-11-28): a crisis from the classifier about someone else's death "
    '("de uitvaart was zaterdag"), without a wish to follow ("ik wil hem achterna") or a sign '
    "that something goes on now, gets the next intent (`only_grief`; the lexicon still "
    "decides first). Recall stayed the same on every earlier list; the tenth list "
    "(`crisis_messages_fresh10.yml`, sixteenth author) decided, blind.",
    "- Right number first (2026-11-28): general word forms for the eighth list's wrong guesses "
    '(`crisis_topic.py`: "stop ik ermee", "afscheid", "de brug"; a gun, petrol, "aangevallen", '
    'banging on a door; "slap", "valt om", "dubbel zien"; school, a stepparent, an age under '
    "18). Rule fixed before measuring: keep them if right number first is not lower on the "
    "ninth and tenth lists: ninth 71% -> 76%, tenth 73% -> 81%, so they were kept.",
    "- The blind figures in the three bullets above were measured on the model trained at the "
    "start of that session. Training was then made reproducible (`TF_DETERMINISTIC_OPS=1`, "
    "same data and settings); the model it gives, whose figures are below, classifies "
    "differently: more false alarms from DIET (first list 9% instead of 5%, ninth list 20% "
    "instead of 16%, tenth 22% instead of 19%) and macro-F1 0.921 instead of 0.914. How much "
    "the false-alarm rate moves between two trainings of the same data is itself a finding.",
    "- Tenth round (2026-11-28, issue 17's language features): on a new machine the landed "
    "model, trained from the same data with `TF_DETERMINISTIC_OPS=1`, had 10.3% false alarms "
    "on the first list (21 of 204) and failed the gate: training is reproducible on one "
    "machine, not across machines. Four pipelines were then trained from the same data and "
    "seed and measured on the held-out set, the external set and all eleven crisis lists "
    "(figures only for the blind ones; see the section on language features): the spaCy "
    "lemmas and a spelling step each cut false alarms and cost recall; the crisis net's "
    "unsure rule (a lower bar, 0.4, when DIET's best intent is below 0.6; chosen on the five "
    "tuned lists) won most of it back. The aggregate figures of the blind lists were seen in "
    "that comparison, so they are now less blind. The lead also saw 25 suicide messages of "
    "the tenth list while checking its format. The eleventh list "
    "(`crisis_messages_fresh11.yml`, seventeenth author) decided, blind, by a rule fixed "
    "before measuring: take spaCy lemmas with the unsure rule only if its recall there is not "
    "lower and its false alarms not higher than the landed model's: landed 98.1% / 29.7%, "
    "candidate 98.7% / 26.6%, so it was taken.",
    "- Eleventh round (2026-11-28): three candidates decided on three DIET seeds by a rule "
    "fixed before measuring, then once on a new blind list (`crisis_messages_fresh13.yml`, "
    "nineteenth author); none was taken. See the section on seeds.",
    "- The figures below were measured on a new machine (2026-11-28, evening). The same data "
    "and settings trained there give a different model than on the machines before: macro-F1 "
    "0.925 instead of 0.929, 17 instead of 16 first-list false alarms, on the fresh lists "
    "recall within 2 points and false alarms within 3 points of the earlier figures. A clone "
    "of the commit before that evening's change, trained on the same machine, gave exactly "
    "these figures "
    "(`bot/evaluate_seeds.py --seeds 20251123`), so the difference is the machine's, not the "
    "answer selector's (which does not change DIET or its data).",
    "- The sixth author's measuring printed part of the held-out set and of the first list's "
    "not-crisis messages in a Rasa debug log (nothing was written on them, they say); the "
    "evaluation now silences that log.",
    "- On `crisis_messages.yml` the goals of issue 11 (crisis recall 100%, false alarms at "
    "most 10%) are reached, and the quality gate in `bot/tests/test_nlu_quality.py` holds "
    "them; on the fresh lists they are not.",
    "- `nlu_external.yml` (issue 17): see its own section; the lead saw about 60 of its "
    "messages in a debug log while measuring it first; none was used.",
    "",
]


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render_report(
    result: Result,
    train_seconds: float | None,
    fresh: dict[Path, Result] | None = None,
    external: ExternalResult | None = None,
    answers: AnswerResult | None = None,
) -> str:
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
    guard_hits = sum(p.by_guard for p in result.crisis)
    trained = f"{train_seconds:.0f} s" if train_seconds is not None else "not measured in this run"
    number_first = (
        f"{result.right_number_first:.0%} of {len(result.crisis)}"
        if result.category_checked
        else "not measured"
    )

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
                    f"<= {MAX_FALSE_ALARM_RATE:.0%}",
                ],
                ["right number first (answer_category = label)", number_first, "100%"],
                ["training time (2 cores, from scratch)", trained, "< 5 min"],
            ],
        ),
        "",
        "Held-out set: `bot/tests/nlu_holdout.yml`; crisis lists: `bot/tests/crisis_messages.yml`."
        " Neither is used in training. A prediction of `nlu_fallback` counts as an error.",
        "",
        *PROVENANCE,
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
        *(_external_sections(external) if external else []),
        *(answer_sections(answers) if answers else []),
        *LANGUAGE_FEATURES,
        *SEED_ROUNDS,
        *_crisis_sections(result),
        *[line for path, res in (fresh or {}).items() for line in _fresh_sections(path, res)],
    ]
    return "\n".join(parts)


# Issue 17: each language feature is kept only if it measurably helps. Measured once, not by
# this script: the same data, seed and settings, one pipeline line changed at a time, every list
# parsed by the whole model (2026-11-28, on the machine of that session).
LANGUAGE_FEATURES = [
    "# Dutch language features (issue 17), before and after",
    "",
    "Measured on 2026-11-28: models trained from the same data with one change to `config.yml` "
    "at a time, each with three DIET seeds (20251123, the one in `config.yml`; 7; 424242), "
    "every message parsed by the whole model (crisis net and lexicon included). Crisis "
    "columns: the eleven lists before `crisis_messages_fresh11.yml` together (1683 crisis, "
    "1693 not crisis; the blind lists by their figures only). The unsure rule's rows are "
    "computed from the same parses (the rule only reads DIET's ranking and the net's "
    "probability).",
    "",
    _table(
        [
            "pipeline, seed",
            "macro-F1",
            "external on / not understood / wrong",
            "crisis missed",
            "false alarms",
            "first list false alarms",
        ],
        [
            ["WhitespaceTokenizer, 20251123", "0.928", "65% / 11% / 24%", "19", "17.4%", "21"],
            ["WhitespaceTokenizer, 7", "0.927", "63% / 13% / 24%", "20", "13.9%", "16"],
            ["WhitespaceTokenizer, 424242", "0.929", "63% / 13% / 24%", "22", "15.2%", "22"],
            ["spaCy lemmas, 20251123", "0.929", "64% / 14% / 22%", "28", "12.0%", "13"],
            ["spaCy lemmas, 7", "0.906", "67% / 10% / 23%", "15", "19.1%", "35"],
            ["spaCy lemmas, 424242", "0.930", "64% / 13% / 23%", "25", "15.8%", "19"],
            ["WhitespaceTokenizer + unsure rule, mean of 3", "", "", "13", "17.7%", "23"],
            ["spaCy lemmas + unsure rule, mean of 3", "", "", "14", "18.0%", "25"],
            [
                "spaCy lemmas + unsure rule, 20251123 (landed)",
                "0.929",
                "64% / 14% / 22%",
                "16",
                "15.1%",
                "16",
            ],
            ["spelling step, 20251123", "0.934", "65% / 12% / 23%", "35", "11.1%", "16"],
        ],
    ),
    "",
    "- **What the seeds show.** DIET's seed moves the first list's false alarms between 13 and "
    "35 of 204 and macro-F1 between 0.906 and 0.930, more than any pipeline change. Against "
    "that noise the spaCy lemmas do not measurably help: on average macro-F1 0.922 against "
    "0.928, external wrong topic 23% against 24%, the same false alarms. They are in "
    "`config.yml` because the rule fixed before the eleventh list chose them with the unsure "
    "rule on the seed of `config.yml`; the next round should decide on several seeds.",
    "- **The unsure rule** (the crisis net's lower bar, 0.4, when DIET's best intent is below "
    "0.6) helps on every seed: 3-12 fewer missed crises for 1.6-3.1 points more false alarms.",
    '- **spaCy lemmas**: `spacy.blank("nl")` with the lookup lemmatizer of '
    "`spacy-lookups-data`, built at install time (`bot/voordeur_nlu/spacy_pipeline.py`); the "
    'word n-grams see lemmas ("schulden" -> "schuld", "kregen" -> "krijgen"), the '
    "character n-grams the text as typed.",
    "- **Everyday-word examples** (not kept): 150 non-crisis training examples, by another "
    'hand, that use words only the crisis examples had (family words, "bang", "pillen", '
    '"deur", chat-speak; the themes partly came from the tuned lists\' false alarms). Rule '
    "fixed before measuring, over the twelve lists with the unsure rule: misses up by at most "
    "1 on average over two seeds, false alarms down by at least 2 points. Seed 20251123 with "
    "whitespace tokens: false alarms 20.3% -> 12.2%, first list 24 -> 12 of 204, macro-F1 "
    "0.928 -> 0.940, but 30 crises missed instead of 11 (with spaCy lemmas: 30 instead of 18, "
    "false alarms 17.0% instead of 16.0%): not taken. It shows where DIET's false alarms come "
    "from; a next round needs it together with more crisis examples of the kinds then missed. "
    "A second candidate (the same data, whitespace tokens, the unsure rule's confidence bar "
    "raised to 0.9, chosen on the five tuned lists) was decided by a rule fixed before "
    "measuring: on the new twelfth list it matched the landed model's recall (98.1%) with "
    "fewer false alarms (22.5% against 28.7%), but on seed 7 its macro-F1 was 0.889 and its "
    "misses on the older lists were 20 and 12 on two seeds (bound: 15 on average): not taken.",
    "- **Spelling step** (not kept, one seed): a component after the tokenizer that spelled "
    'out chat-speak ("mn", "ff") and read a word of 5+ letters that neither the training '
    "data nor the Dutch dictionary of `pyspellchecker` knows as the training word one edit "
    'away ("mantelzorgr" -> "mantelzorger"). Missed 16 more crises than the same seed '
    "without it; the character n-grams already absorb most typos.",
    "",
]


# The eleventh round, decided on three seeds with bot/evaluate_seeds.py's measures (figures of
# one run on 2026-11-28; the candidates' data is in bot/candidates/).
SEED_ROUNDS = [
    "# Changes decided on three DIET seeds (eleventh round)",
    "",
    "A change to the crisis detection is now decided on three DIET seeds (20251123, the one in "
    "`config.yml`; 7; 424242): `.venv-rasa/bin/python bot/evaluate_seeds.py` trains each seed "
    "in a copy of `bot/` and prints these measures (about 4 minutes per seed). Tuned lists: the "
    "first list and fresh 1, 2, 3 and 8 together (724 crisis, 737 not crisis). Rule, fixed "
    "before measuring: on average over the seeds at most one more missed crisis and at least 2 "
    "points fewer false alarms than the landed model, macro-F1 at least 0.90 on every seed, the "
    "first list's gate held on the `config.yml` seed; of the candidates that pass, the one with "
    "the fewest false alarms; then once on a new blind list, kept only if its recall there is "
    "not lower and its false alarms not higher.",
    "",
    _table(
        [
            "candidate",
            "tuned false alarms, seeds 20251123 / 7 / 424242",
            "tuned missed (of 724)",
            "macro-F1",
            "first list false alarms (of 204)",
        ],
        [
            [
                "landed",
                "13.6% / 21.0% / 17.8%",
                "2 / 1 / 1",
                "0.929 / 0.906 / 0.930",
                "16 / 35 / 23",
            ],
            ["R: second opinion", "12.3% / 15.5% / 13.6%", "2 / 1 / 1", "same", "13 / 24 / 18"],
            [
                "C1: new data, crisis net only",
                "11.3% / 14.4% / 12.3%",
                "3 / 2 / 2",
                "0.929 / 0.912 / 0.931",
                "10 / 20 / 16",
            ],
            [
                "C2: new data, DIET and net",
                "12.6% / 11.7% / 11.7%",
                "1 / 2 / 2",
                "0.910 / 0.937 / 0.921",
                "17 / 13 / 13",
            ],
        ],
    ),
    "",
    "- **R, a second opinion**: DIET's crisis intent (no lexicon match) stands only when the "
    "crisis net's probability is at least 0.4; otherwise the assistant asks what is meant, with "
    "the emergency numbers. Computed from the same parses; it halves the seeds' spread but on "
    "the older blind lists (figures only) it lost two crises on the `config.yml` seed. With "
    "the new data it never acts on the tuned lists. A stricter veto (0.5, with the crisis net "
    "of that time) was rejected earlier, on the eighth list.",
    "- **New data** (`bot/candidates/`), by two new authors who saw no list: 240 crisis "
    "examples (60 per kind, typos, chat-speak, stories) and 300 worrying-but-not-crisis "
    "examples labelled with their topic (grief, exhaustion, money, care, the past, alarming "
    "everyday words, questions about heavy topics). C1 gives them to the crisis net only, C2 "
    "to DIET as well.",
    "- **Decision**: all three passed the seed rule; C2 had the fewest false alarms. On the "
    "new blind list `crisis_messages_fresh13.yml` (seed 20251123) it caught one crisis more "
    "than the landed model (99.4% against 98.7%) but gave two more false alarms (19.5% against "
    "18.2%), so by the rule it was not taken. No other candidate was tried on that list.",
    "",
]


def _external_sections(external: ExternalResult) -> list[str]:
    """The external set (issue 17): figures per topic, never its messages (it stays blind)."""
    return [
        "# External set (questions written by others)",
        "",
        f"`{EXTERNAL.relative_to(REPO_ROOT)}`: {len(external.predictions)} questions and "
        "messages taken word for word from public Dutch pages (municipal FAQs, Rijksoverheid, "
        "CIZ, CAK, MantelzorgNL, news and advice columns), each with its source address, "
        "labelled with the topic a medewerker would expect by an author who saw neither the "
        "training data nor the held-out set. Never tuned on: its messages are not quoted here. "
        "On topic: the expected intent. Not understood: `nlu_fallback` (the assistant says so "
        "and asks). Wrong topic: any other intent, a confident answer to another question.",
        "",
        _table(
            ["measure", "value", "goal"],
            [
                ["on topic", f"{external.on_topic:.0%}", f">= {EXTERNAL_MIN_ON_TOPIC:.0%}"],
                ["not understood", f"{external.not_understood:.0%}", ""],
                [
                    "wrong topic",
                    f"{external.wrong_topic:.0%}",
                    f"<= {EXTERNAL_MAX_WRONG_TOPIC:.0%}",
                ],
            ],
        ),
        "",
        _table(["topic", "n", "on topic", "not understood", "wrong topic"], external.per_topic()),
        "",
    ]


FRESH_PROVENANCE = {
    "crisis_messages_fresh.yml": (
        "written by an author who saw neither the training data, the lexicon nor the first list, "
        "after the second round of improvements (measured then: recall 89%, false alarms 13%, "
        "right number first 58%). Its gaps were then given, as themes, to a third round of "
        "lexicon patterns, so its figures below are optimistic."
    ),
    "crisis_messages_fresh2.yml": (
        "written by a fourth author who saw none of the above, at the same time as the third "
        "round; never used for training or tuning: the honest figure now. (The third round's "
        "new training examples were reverted: they raised false alarms to 14%; its lexicon "
        "patterns stayed.)"
    ),
    "crisis_messages_fresh3.yml": (
        "written by a fifth author for the fourth round; blind recall 86%, then 91% after the "
        "sixth author's training data; its misses then went into the fifth round's lexicon "
        "patterns as themes, so its figures below are optimistic."
    ),
    "crisis_messages_fresh4.yml": (
        "written by a seventh author for the fifth round and never tuned on (blind before the "
        "round: recall 89%, false alarms 7%); its messages are not quoted."
    ),
    "crisis_messages_fresh5.yml": (
        "written by an eighth author for the sixth round and never tuned on (blind before the "
        "round: recall 88%, false alarms 11%); its messages are not quoted."
    ),
    "crisis_messages_fresh6.yml": (
        "written by a tenth author after the sixth round; used once, to decide between the "
        "landed model and a candidate with more crisis data and 160 epochs (rule set before "
        "measuring: take the candidate only if its recall is higher and its false alarms at "
        "most 10%; it had 95% / 13%, so it was not taken); its messages are not quoted."
    ),
    "crisis_messages_fresh7.yml": (
        "written by an eleventh author on 2026-11-28 (categories by a twelfth who saw only "
        "this list); blind on the landed model: recall 92%, false alarms 16%. Used once, with "
        "a rule fixed before measuring, to decide on the crisis net (take it if recall rises "
        "by at least 2 points and false alarms by at most 3): 99% / 18%, so it was taken. "
        "Its messages are not quoted."
    ),
    "crisis_messages_fresh8.yml": (
        "written by a thirteenth author on 2026-11-28 with deliberately close-to-the-line "
        "messages; blind on the landed model: recall 98% (156 of 160), false alarms 26% (41 of "
        "160; 21 from the lexicon, 17 about events that are over). Used once to reject a "
        "candidate (the crisis net vetoing DIET below 0.5: 97% / 24%; rule: false alarms at "
        "least 3 points lower). Then its misses and false alarms were read and turned into the "
        "eighth round (the lexicon's no_danger_now: over and done, \"ik ga mezelf niks "
        'aandoen"; three suicide forms), so its figures below are optimistic.'
    ),
    "crisis_messages_fresh9.yml": (
        "written by a fifteenth author on 2026-11-28, after the eighth round was built and "
        "before it was measured; used once, with a rule fixed before measuring (keep the round "
        "if recall is not lower and false alarms not higher): landed code 99% / 19%, with the "
        "round 99% / 16%, so it was kept. Never tuned on; its messages are not quoted."
    ),
    "crisis_messages_fresh10.yml": (
        "written by a sixteenth author on 2026-11-28, after the ninth round (grief) was built; "
        "used once, with a rule fixed before measuring (keep the round if recall is not lower "
        "and false alarms not higher than the eighth round alone): code before the eighth round "
        "98% / 21%, eighth round 98% / 20%, with the ninth 98% / 19%, so it was kept. Never "
        "tuned on; its messages are not quoted (the lead saw 25 of its suicide messages while "
        "checking the file format on 2026-11-28)."
    ),
    "crisis_messages_fresh12.yml": (
        "written by an eighteenth author on 2026-11-28, blind, after the tenth round landed; "
        "used once, with a rule fixed before measuring, to decide on the everyday-word training "
        "data with whitespace tokens (see the section on language features): landed 98.1% / "
        "28.7%, candidate 98.1% / 22.5%; the candidate failed the rule's seed conditions and "
        "was not taken. Never tuned on; its messages are not quoted."
    ),
    "crisis_messages_fresh13.yml": (
        "written by a nineteenth author on 2026-11-28, blind, during the eleventh round; used "
        "once, with a rule fixed before measuring (see the section on seeds): landed 98.7% / "
        "18.2%, candidate (new training data for DIET and the crisis net) 99.4% / 19.5%, so "
        "the candidate was not taken. Seven messages that the training data, the candidate "
        "data or another list has word for word were taken out before it was used. Never tuned "
        "on; its messages are not quoted."
    ),
    "crisis_messages_fresh11.yml": (
        "written by a seventeenth author on 2026-11-28, blind, after the tenth round was built "
        "and before it was measured; used once, with a rule fixed before measuring (take spaCy "
        "lemmas with the crisis net's unsure rule only if recall is not lower and false alarms "
        "not higher than the landed model's): landed 98.1% / 29.7%, candidate 98.7% / 26.6%, so "
        "it was taken (three messages the training data has word for word were taken out first, "
        "as the quality gate requires). Never tuned on; its messages are not quoted."
    ),
}


def _fresh_sections(path: Path, fresh: Result) -> list[str]:
    """A fresh list: the same measures, under its own heading."""
    sections = _crisis_sections(fresh, with_texts=path.name in TUNED_LISTS)
    summary = _table(
        ["measure", "value", "goal"],
        [
            ["crisis recall", f"{fresh.crisis_recall:.0%} of {len(fresh.crisis)}", "100%"],
            [
                "false-alarm rate",
                f"{fresh.false_alarm_rate:.0%} of {len(fresh.not_crisis)}",
                f"<= {MAX_FALSE_ALARM_RATE:.0%}",
            ],
            ["right number first", f"{fresh.right_number_first:.0%}", "100%"],
        ],
    )
    return [
        f"# Fresh crisis list `{path.name}` (generalisation check)",
        "",
        f"`{path.relative_to(REPO_ROOT)}`: {FRESH_PROVENANCE.get(path.name, '')}",
        "",
        summary,
        "",
        *[line.replace("## ", "### ", 1) if line.startswith("## ") else line for line in sections],
    ]


def _crisis_sections(result: Result, *, with_texts: bool = True) -> list[str]:
    """Crisis recall, false alarms and right number first, per category.

    Without ``with_texts`` (a blind list) the misses are counted, never quoted.
    """
    crisis_rows = []
    for category, predictions in by_category(result.crisis).items():
        missed = sum(p.intent != CRISIS for p in predictions)
        guard = sum(p.by_guard for p in predictions)
        right = sum(same_answer(p.answer_category, category) for p in predictions)
        crisis_rows.append(
            [
                category,
                str(len(predictions)),
                f"{1 - _share(missed, len(predictions)):.0%}",
                str(guard),
                f"{_share(right, len(predictions)):.0%}" if result.category_checked else "-",
            ]
        )
    alarm_rows = []
    for category, predictions in by_category(result.not_crisis).items():
        alarms = sum(p.intent == CRISIS for p in predictions)
        alarm_rows.append(
            [
                category,
                str(len(predictions)),
                str(alarms),
                f"{_share(alarms, len(predictions)):.0%}",
            ]
        )
    blind = "Not quoted: this list is still blind (see `TUNED_LISTS` in bot/evaluate_nlu.py)."
    missed = [[p.text, p.category or "", p.intent] for p in result.missed]
    alarm_list = [
        [p.text, p.category or "", "lexicon" if p.by_guard else "classifier"]
        for p in result.false_alarms
    ]
    missed_text = _table(["message", "category", "predicted"], missed) if missed else "None."
    alarm_text = _table(["message", "category", "caught by"], alarm_list) if alarm_list else "None."
    if result.category_checked:
        wrong = [
            [p.text, p.category or "", str(p.answer_category)] for p in result.wrong_number_first
        ]
        number_first = (
            _table(["message", "labelled", "answer_category()"], wrong) if wrong else "None."
        )
    else:
        number_first = (
            f"Not measured: `{CATEGORY_FUNCTION}` does not exist yet, so the answer cannot pick "
            "the number of the category."
        )
    if not with_texts:
        missed_text = alarm_text = blind
        if result.category_checked:
            number_first = f"{len(result.wrong_number_first)} messages. {blind}"
    return [
        "## Crisis per category",
        "",
        "Right number first: `answer_category(text)` (the CrisisGuard lexicon's category, else "
        "a cautious guess from the words; `bot/voordeur_nlu/crisis_topic.py`) gives the "
        "labelled category, so the crisis answer starts with that category's number (suicide: "
        "113; violence and child, the same answer: 112 / Veilig Thuis / De Kindertelefoon; "
        "medical: 112). None means the general list (112 first), counted as not right.",
        "",
        _table(["category", "n", "recall", "caught by lexicon", "right number first"], crisis_rows),
        "",
        "Missed crisis messages:",
        "",
        missed_text,
        "",
        "## False alarms per category",
        "",
        _table(["category", "n", "false alarms", "rate"], alarm_rows),
        "",
        "False alarms (these get the crisis numbers and the offer of a spoed melding):",
        "",
        alarm_text,
        "",
        "## Wrong number first",
        "",
        number_first,
        "",
    ]


def train(bot_dir: Path = BOT_DIR) -> float:
    """Train the model in ``bot_dir`` from scratch (as CI does) and return the seconds it took.

    Rasa's own output goes to stderr, so stdout keeps only this tool's figures."""
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
        cwd=bot_dir,
        check=True,
        stdout=sys.stderr,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_DETERMINISTIC_OPS": "1"},  # as train.sh
    )
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", action="store_true", help="train first and time it")
    parser.add_argument("--out", type=Path, default=REPORT, help=f"report file (default {REPORT})")
    args = parser.parse_args()
    train_seconds = train() if args.train else None
    agent = load_agent()
    result = evaluate(agent)
    fresh = {
        path: evaluate(agent, path, with_holdout=False)
        for path in ALL_FRESH_LISTS
        if path.is_file()
    }
    external = evaluate_external(agent) if EXTERNAL.is_file() else None
    answers = evaluate_answers(agent) if ANSWERS_HOLDOUT.is_file() else None
    args.out.write_text(
        render_report(result, train_seconds, fresh, external, answers), encoding="utf-8"
    )
    if answers:
        print(
            f"{ANSWERS_HOLDOUT.name}: topic right {answers.topic_right:.0%}, answer right "
            f"{answers.answer_right_given_topic:.0%} of those"
        )
    if external:
        print(
            f"{EXTERNAL.name}: on topic {external.on_topic:.0%}, "
            f"not understood {external.not_understood:.0%}, wrong topic {external.wrong_topic:.0%}"
        )
    for path, res in fresh.items():
        print(
            f"{path.name}: crisis recall {res.crisis_recall:.0%}, "
            f"false alarms {res.false_alarm_rate:.0%}, "
            f"right number first {res.right_number_first:.0%}"
        )
    number_first = f"{result.right_number_first:.0%}" if result.category_checked else "-"
    print(
        f"macro-F1 {result.macro_f1:.3f}, crisis recall {result.crisis_recall:.0%}, "
        f"false alarms {result.false_alarm_rate:.0%}, right number first {number_first} "
        f"-> {args.out}"
    )
    ok = (
        result.macro_f1 >= MIN_MACRO_F1
        and result.crisis_recall >= GATE_MIN_CRISIS_RECALL
        and result.false_alarm_rate <= GATE_MAX_FALSE_ALARM_RATE
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
