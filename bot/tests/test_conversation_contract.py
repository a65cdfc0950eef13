"""The conversation contract: every action the dialogue can predict is one the action server
really registers, and every registered action is in the domain.

`rasa data validate` only compares names with the domain and `rasa test core` never runs the
actions, so a renamed class (``action_spoed_aan`` for ``action_mark_spoed``) went unnoticed.
This test asks rasa-sdk's own ActionExecutor, as the running action server does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa.shared.core.constants import DEFAULT_ACTION_NAMES
from rasa_sdk.executor import ActionExecutor

BOT_DIR = Path(__file__).resolve().parents[1]
DIALOGUE_FILES = (
    BOT_DIR / "data" / "rules.yml",
    BOT_DIR / "data" / "stories.yml",
    BOT_DIR / "tests" / "test_stories.yml",
)


def _domain() -> dict[str, Any]:
    return yaml.safe_load((BOT_DIR / "domain.yml").read_text("utf-8"))


def _custom(names: set[str]) -> set[str]:
    """Names that the action server must run: not responses, not Rasa's own, not forms."""
    forms = set(_domain().get("forms") or {})
    return {
        name
        for name in names
        if not name.startswith("utter_") and name not in DEFAULT_ACTION_NAMES and name not in forms
    }


def _dialogue_actions() -> set[str]:
    names: set[str] = set()
    for path in DIALOGUE_FILES:
        data = yaml.safe_load(path.read_text("utf-8"))
        for block in (data.get("rules") or []) + (data.get("stories") or []):
            for step in block.get("steps") or []:
                if "action" in step:
                    names.add(step["action"])
    return names


@pytest.fixture(scope="module")
def registered() -> set[str]:
    executor = ActionExecutor()
    executor.register_package("actions")
    return set(executor.actions)


def test_every_domain_action_is_registered(registered: set[str]) -> None:
    missing = _custom(set(_domain()["actions"])) - registered
    assert not missing, f"in domain.yml but not registered by the action server: {missing}"


def test_every_registered_action_is_in_the_domain(registered: set[str]) -> None:
    unknown = registered - set(_domain()["actions"])
    assert not unknown, f"registered by the action server but not in domain.yml: {unknown}"


def test_every_action_in_rules_and_stories_is_registered(registered: set[str]) -> None:
    missing = _custom(_dialogue_actions()) - registered
    assert not missing, f"used in rules/stories but not registered: {missing}"


def test_every_form_has_its_validation_action(registered: set[str]) -> None:
    for form in _domain().get("forms") or {}:
        assert f"validate_{form}" in registered
