"""The seam between escalation and the insights has one import direction on each side.

- The insights (``insights/*.py`` and their migrations) import from escalation only
  ``escalation.reporting`` (the read-only view of meldingen); the demo seed
  (``insights/seed.py``) also ``escalation.demo``.
- Escalation imports the insights only in ``escalation/staff/insights_pages.py``, where the
  staff app mounts the insight pages. Escalation's tests may use both: they test the composed app.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
INSIGHTS_MAY_IMPORT = {"escalation.reporting"}
SEED_MAY_IMPORT = INSIGHTS_MAY_IMPORT | {"escalation.demo"}
ESCALATION_MOUNTS_INSIGHTS = REPO / "escalation" / "staff" / "insights_pages.py"


def imported_modules(path: Path) -> Iterator[str]:
    """Every module ``path`` imports; ``from x import y`` gives ``x.y``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def crossings(path: Path, package: str, allowed: set[str]) -> list[str]:
    """The imports of ``package`` in ``path`` that are not ``allowed`` (nor a name in one)."""
    found = []
    for module in imported_modules(path):
        if module != package and not module.startswith(package + "."):
            continue
        if module in allowed or any(module.startswith(name + ".") for name in allowed):
            continue
        if any(name.startswith(module + ".") or name == module for name in allowed):
            continue  # ``from escalation import reporting``
        found.append(module)
    return found


def insights_sources() -> list[Path]:
    folder = REPO / "insights"
    return sorted(folder.glob("*.py")) + sorted((folder / "migrations").rglob("*.py"))


def escalation_sources() -> list[Path]:
    folder = REPO / "escalation"
    return sorted(path for path in folder.rglob("*.py") if "tests" not in path.parts)


def test_insights_import_only_the_reporting_module() -> None:
    sources = insights_sources()
    assert REPO / "insights" / "kpis.py" in sources
    assert any("migrations" in path.parts for path in sources)
    problems = {
        str(path.relative_to(REPO)): found
        for path in sources
        if (
            found := crossings(
                path,
                "escalation",
                SEED_MAY_IMPORT if path.name == "seed.py" else INSIGHTS_MAY_IMPORT,
            )
        )
    }
    assert problems == {}


def test_escalation_imports_the_insights_only_where_it_mounts_them() -> None:
    sources = escalation_sources()
    assert ESCALATION_MOUNTS_INSIGHTS in sources
    assert crossings(ESCALATION_MOUNTS_INSIGHTS, "insights", set()) != []
    problems = {
        str(path.relative_to(REPO)): found
        for path in sources
        if path != ESCALATION_MOUNTS_INSIGHTS and (found := crossings(path, "insights", set()))
    }
    assert problems == {}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from escalation.models import Melding", ["escalation.models.Melding"]),
        ("import escalation.db", ["escalation.db"]),
        ("from escalation import models", ["escalation.models"]),
        ("from escalation.reporting import MeldingRow", []),
        ("from escalation import reporting", []),
        ("import escalation.reporting", []),
        ("from escalationx import y", []),
    ],
)
def test_the_check_sees_each_form_of_import(tmp_path: Path, source: str, found: list[str]) -> None:
    path = tmp_path / "module.py"
    path.write_text(source + "\n", encoding="utf-8")
    assert crossings(path, "escalation", INSIGHTS_MAY_IMPORT) == found
