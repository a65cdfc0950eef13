"""``answers.yml``: where it is and how it is read, for the answer selector and the action server.

Kept free of Rasa imports so that the action server can use it without loading Rasa.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ANSWERS_FILE = Path(__file__).resolve().parents[1] / "answers.yml"
GENERAL_ANSWER = "algemeen"
# A button press ("/info_wmo") is not a question: it gets the general answer.
PAYLOAD_PREFIX = "/"

TopicAnswers = dict[str, dict[str, dict[str, Any]]]


def read_answers(path: Path = ANSWERS_FILE) -> TopicAnswers:
    """Topic -> answer name -> {"text", "buttons"?, "source"?, "examples"?}; every topic has a
    general answer."""
    answers: TopicAnswers = yaml.safe_load(path.read_text("utf-8")) or {}
    missing = [topic for topic, named in answers.items() if GENERAL_ANSWER not in named]
    if missing:
        raise ValueError(f"{path.name}: no general answer for {missing}")
    return answers
