"""What the insights need from the bot's domain: intents and the action names that matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DOMAIN_FILE = REPO / "bot" / "domain.yml"
HIDDEN_INTENTS = frozenset({"nlu_fallback"})


class DomainError(ValueError):
    """The domain file is missing, unreadable or lacks a configured action."""


def _load(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DomainError(f"domain file {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise DomainError(f"domain file {path} is not a YAML mapping")
    return data


def _names(items: object) -> list[str]:
    """Names from a domain list whose items are strings or one-key mappings."""
    names: list[str] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and item:
            names.append(str(next(iter(item))))
    return names


def intents(path: Path = DOMAIN_FILE) -> list[str]:
    """The intents a reviewer may assign a message to, in domain order."""
    return [name for name in _names(_load(path).get("intents")) if name not in HIDDEN_INTENTS]


@dataclass(frozen=True)
class ActionNames:
    """Which bot actions and intents mean what for the insights (configurable per run)."""

    crisis: frozenset[str] = frozenset({"action_crisis_answer"})
    melding: frozenset[str] = frozenset({"action_create_melding"})
    not_understood: frozenset[str] = frozenset({"action_not_understood"})
    unanswered_intents: frozenset[str] = field(default=frozenset({"nlu_fallback", "out_of_scope"}))

    def checked_against(self, path: Path = DOMAIN_FILE) -> ActionNames:
        """Self, after making sure every configured action exists in the domain."""
        known = set(_names(_load(path).get("actions")))
        missing = sorted((self.crisis | self.melding | self.not_understood) - known)
        if missing:
            raise DomainError(f"actions not in {path}: {', '.join(missing)}")
        return self
