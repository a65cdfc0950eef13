"""Train the model with several DIET seeds and compare them (a change to the NLU is decided on
more than one seed: the seed alone moves the false alarms more than most changes do).

Usage (from the repository root; about 4 minutes per seed on 2 cores):

    .venv-rasa/bin/python bot/evaluate_seeds.py --seeds 20251123,7,424242

Each seed is trained in a temporary copy of bot/ whose config.yml differs only in the
DIETClassifier's random_seed. Printed as a Markdown table: macro-F1 on the held-out set, the
external set's outcomes, the specific answers (answers.yml), and missed crises / false alarms
on the first crisis list and on all tuned lists together. The blind lists are left out unless
``--blind`` is given (their figures together, never their messages).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import evaluate_nlu as ev
import yaml
from evaluate_answers import AnswerResult, evaluate_answers

# What a training needs; the tests, models and the action server stay behind.
TRAINING_FILES = ("config.yml", "domain.yml", "answers.yml", "data", "voordeur_nlu")


@dataclass(frozen=True)
class SeedFigures:
    seed: int
    macro_f1: float
    external: ev.ExternalResult
    answers: AnswerResult
    first: ev.Result
    tuned: list[ev.Result]
    blind: list[ev.Result]


def with_seed(config: dict, seed: int) -> dict:
    """The configuration with ``seed`` as the DIETClassifier's random_seed."""
    diet = [c for c in config["pipeline"] if c.get("name") == "DIETClassifier"]
    if len(diet) != 1:
        raise ValueError("config.yml needs exactly one DIETClassifier")
    diet[0]["random_seed"] = seed
    return config


def train_copy(seed: int, workdir: Path) -> Path:
    """Train a copy of bot/ with ``seed``; the path of its model."""
    for name in TRAINING_FILES:
        source = ev.BOT_DIR / name
        target = workdir / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target)
    config = yaml.safe_load((workdir / "config.yml").read_text("utf-8"))
    (workdir / "config.yml").write_text(yaml.safe_dump(with_seed(config, seed)), "utf-8")
    ev.train(workdir)
    return workdir / "models" / "voordeur.tar.gz"


def measure(seed: int, model: Path, *, blind: bool) -> SeedFigures:
    agent = ev.load_agent(model)
    first = ev.evaluate(agent)
    fresh = [p for p in ev.ALL_FRESH_LISTS if p.name in ev.TUNED_LISTS or blind]
    results = {p.name: ev.evaluate(agent, p, with_holdout=False) for p in fresh}
    return SeedFigures(
        seed=seed,
        macro_f1=first.macro_f1,
        external=ev.evaluate_external(agent),
        answers=evaluate_answers(agent),
        first=first,
        tuned=[r for name, r in results.items() if name in ev.TUNED_LISTS],
        blind=[r for name, r in results.items() if name not in ev.TUNED_LISTS],
    )


def misses_and_alarms(results: Iterable[ev.Result]) -> str:
    """'missed / crisis total, false alarms %' over several lists together."""
    results = list(results)
    missed = sum(len(r.missed) for r in results)
    crisis = sum(len(r.crisis) for r in results)
    alarms = sum(len(r.false_alarms) for r in results)
    not_crisis = sum(len(r.not_crisis) for r in results)
    return f"{missed} of {crisis} missed, {alarms / not_crisis:.1%} false alarms"


def table(figures: list[SeedFigures], *, blind: bool) -> str:
    header = ["seed", "macro-F1", "external on / not understood / wrong"]
    header += ["answers: topic right / answer right of those", "first list"]
    header += ["tuned lists (first included)"] + (["blind lists"] if blind else [])
    rows = []
    for f in figures:
        ext = f.external
        row = [
            str(f.seed),
            f"{f.macro_f1:.3f}",
            f"{ext.on_topic:.0%} / {ext.not_understood:.0%} / {ext.wrong_topic:.0%}",
            f"{f.answers.topic_right:.0%} / {f.answers.answer_right_given_topic:.0%}",
            f"{len(f.first.missed)} missed, {len(f.first.false_alarms)} of "
            f"{len(f.first.not_crisis)} false alarms",
            misses_and_alarms([f.first, *f.tuned]),
        ]
        rows.append(row + ([misses_and_alarms(f.blind)] if blind else []))
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def parse_seeds(text: str) -> list[int]:
    try:
        seeds = [int(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"seeds are whole numbers: {text!r}") from error
    if not seeds:
        raise argparse.ArgumentTypeError("give at least one seed")
    return seeds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=parse_seeds, default=[20251123, 7, 424242])
    parser.add_argument("--blind", action="store_true", help="also the blind lists' figures")
    args = parser.parse_args()
    figures = []
    for seed in args.seeds:
        with tempfile.TemporaryDirectory(prefix=f"voordeur-seed-{seed}-") as workdir:
            print(f"seed {seed}: training in {workdir}", file=sys.stderr, flush=True)
            figures.append(measure(seed, train_copy(seed, Path(workdir)), blind=args.blind))
    print(table(figures, blind=args.blind))
    return 0


if __name__ == "__main__":
    sys.exit(main())
