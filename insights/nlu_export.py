"""Export reviewed examples as Rasa NLU training data (YAML, format version 3.1).

Examples assigned to an existing intent and examples of a proposed new topic are exported,
grouped per intent, but only once a manager checked their text for personal data; dismissed,
open and unchecked messages are not. A new topic must also be added to
``bot/domain.yml`` (and get rules) before it is useful; ``rasa data validate`` warns until then.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
import yaml
from sqlalchemy.orm import Session

from insights.models import REVIEW_ASSIGNED, REVIEW_NEW_TOPIC, UnansweredMessage


class _LiteralBlock(str):
    """A string dumped as a YAML literal block (``|``), the way Rasa writes examples."""


def _literal(dumper: yaml.SafeDumper, value: _LiteralBlock) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_LiteralBlock, _literal)


def _example_line(text: str) -> str:
    """One example on one line; brackets would read as entity markup, so they go."""
    flat = " ".join(text.split())
    return flat.replace("[", "(").replace("]", ")").replace("{", "(").replace("}", ")")


def reviewed_examples(session: Session) -> dict[str, list[str]]:
    """Intent name -> unique example texts, in review order."""
    rows = session.execute(
        sa.select(UnansweredMessage.review_intent, UnansweredMessage.tekst)
        .where(
            UnansweredMessage.review_status.in_((REVIEW_ASSIGNED, REVIEW_NEW_TOPIC)),
            UnansweredMessage.text_checked_at.is_not(None),
        )
        .order_by(UnansweredMessage.review_intent, UnansweredMessage.reviewed_at)
    )
    examples: dict[str, list[str]] = defaultdict(list)
    for intent, text in rows:
        line = _example_line(text)
        if intent and line and line not in examples[intent]:
            examples[intent].append(line)
    return dict(examples)


def to_yaml(examples: dict[str, list[str]]) -> str:
    """Rasa NLU YAML for ``examples``."""
    nlu = [
        {
            "intent": intent,
            "examples": _LiteralBlock("".join(f"- {line}\n" for line in lines)),
        }
        for intent, lines in sorted(examples.items())
    ]
    header = "# Reviewed unanswered messages, exported by `python -m insights export-nlu`.\n"
    body = yaml.dump(
        {"version": "3.1", "nlu": nlu}, Dumper=_Dumper, allow_unicode=True, sort_keys=False
    )
    return header + body
