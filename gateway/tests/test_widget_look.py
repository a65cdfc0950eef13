"""The widget button's colours come from the design tokens, resolved by the gateway."""

from __future__ import annotations

from pathlib import Path

import httpx

from gateway.widget_look import MARKER, widget_look, widget_script

THEME = """/* theme */
.voorbeeld-theme {
  --basis-violet: #5115ef;
  --basis-primary: var(--basis-violet);
  --basis-primary-hover: #3b0fb0;
  --basis-focus: #ffdd00;
}
"""
BRIDGE = """.voorbeeld-theme {
  --voordeur-color-primary: var(--basis-primary);
  --voordeur-color-primary-hover: var(--basis-primary-hover);
  --voordeur-color-primary-text: #ffffff;
  --voordeur-focus-color: var(--basis-focus);
  --voordeur-focus-ring-color: var(--basis-missing);
  --voordeur-font-family: "Noto Sans", sans-serif;
}
"""


def _vendor(tmp_path: Path, organisation: str) -> Path:
    (tmp_path / "theme.css").write_text(THEME, encoding="utf-8")
    (tmp_path / "voordeur.css").write_text(BRIDGE, encoding="utf-8")
    (tmp_path / "organisation.css").write_text(organisation, encoding="utf-8")
    return tmp_path


def test_values_follow_the_chain_and_the_organisation_wins(tmp_path: Path) -> None:
    vendor = _vendor(tmp_path, ".voorbeeld-theme { /* own */ --voordeur-color-primary: #00576b; }")
    look = widget_look(vendor)
    assert look["--voordeur-color-primary"] == "#00576b"
    assert look["--voordeur-color-primary-hover"] == "#3b0fb0"
    assert look["--voordeur-focus-color"] == "#ffdd00"
    assert look["--voordeur-font-family"] == '"Noto Sans", sans-serif'
    # A reference to nothing is left out: widget.js keeps its own default for it.
    assert "--voordeur-focus-ring-color" not in look


def test_theme_values_when_the_organisation_sets_none(tmp_path: Path) -> None:
    vendor = _vendor(tmp_path, '.voorbeeld-theme { --voordeur-logo-text: ""; }')
    assert widget_look(vendor)["--voordeur-color-primary"] == "#5115ef"


def test_odd_values_are_not_handed_on(tmp_path: Path) -> None:
    vendor = _vendor(tmp_path, ".voorbeeld-theme { --voordeur-color-primary: red</script>; }")
    assert "--voordeur-color-primary" not in widget_look(vendor)


def test_no_vendor_folder_gives_no_values(tmp_path: Path) -> None:
    script = widget_script(f"var LOOK = {MARKER};", tmp_path / "missing")
    assert script == "var LOOK = {};"


async def test_served_script_carries_the_values(gateway: httpx.AsyncClient) -> None:
    script = (await gateway.get("/widget.js")).text
    assert MARKER not in script
    assert "var LOOK = {" in script
