"""The answers of ``answers.yml``: per topic a general answer and specific ones.

voordeur_nlu/answer_selector.py puts the chosen specific answer in the parse data (``answer``);
this module finds its text. Read once, at the first answer (importing starts nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .texts import Button

ANSWERS_FILE = Path(__file__).resolve().parents[1] / "answers.yml"
GENERAL_ANSWER = "algemeen"
# A button press ("/info_wmo") is not a question: it gets the general answer.
PAYLOAD_PREFIX = "/"


@cache
def topic_answers() -> dict[str, dict[str, dict[str, Any]]]:
    """Topic -> answer name -> {"text", "buttons"?, "examples"?}; every topic has a general one."""
    answers: dict[str, dict[str, dict[str, Any]]] = yaml.safe_load(ANSWERS_FILE.read_text("utf-8"))
    missing = [topic for topic, named in answers.items() if GENERAL_ANSWER not in named]
    if missing:
        raise ValueError(f"{ANSWERS_FILE.name}: no general answer for {missing}")
    return answers


def has_answers(topic: str) -> bool:
    return topic in topic_answers()


def answer_for(topic: str, parse_data: Mapping[str, Any] | None) -> tuple[str, list[Button]]:
    """Text and buttons for a message of ``topic``: the chosen specific answer, or the general."""
    named = topic_answers()[topic]
    data = parse_data or {}
    chosen = data.get("answer") or {}
    typed = not str(data.get("text") or "").startswith(PAYLOAD_PREFIX)
    name = chosen.get("name") if typed and chosen.get("topic") == topic else None
    answer = named.get(str(name)) or named[GENERAL_ANSWER]
    return str(answer["text"]), list(answer.get("buttons") or [])
