"""The answers of ``answers.yml``: per topic a general answer and specific ones.

voordeur_nlu/answer_selector.py puts the chosen specific answer in the parse data (``answer``);
this module finds its text. Read once, at the first answer (importing starts nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from voordeur_nlu.answers_file import (
    ANSWERS_FILE,
    GENERAL_ANSWER,
    PAYLOAD_PREFIX,
    TopicAnswers,
    read_answers,
)

from .texts import Button

__all__ = ["ANSWERS_FILE", "GENERAL_ANSWER", "answer_for", "has_answers", "topic_answers"]


@cache
def topic_answers() -> TopicAnswers:
    """The answers of ``ANSWERS_FILE``, read once."""
    return read_answers(ANSWERS_FILE)


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
