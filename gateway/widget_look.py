"""The widget button's colours and font from the design tokens, as plain values.

The button ``widget.js`` adds lives on the organisation's own web site, which does not load
Voordeur's stylesheets (and its CSP may refuse them). So the gateway resolves the
``--voordeur-*`` properties the button needs from the same files the chat page loads (the
NL Design System theme, ``design/voordeur.css`` and the organisation's ``config/design-tokens.css``,
copied into ``static/vendor/`` by ``design/vendor.sh``) and hands them to ``widget.js``. A
change in the token file shows on the button as on the chat page.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# In the order the chat page loads them: a later file's value wins.
SHEETS = ("theme.css", "voordeur.css", "organisation.css")
NEEDED = (
    "--voordeur-color-primary",
    "--voordeur-color-primary-hover",
    "--voordeur-color-primary-text",
    "--voordeur-focus-color",
    "--voordeur-focus-ring-color",
    "--voordeur-font-family",
)
MARKER = "/*VOORDEUR_LOOK*/{}"
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DECLARATION = re.compile(r"(--[\w-]+)\s*:\s*([^;{}]+);")
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*))?\)")
# A value is handed to the browser only when it is plainly a colour or a font list.
_SAFE = re.compile(r"[#\w\s,.\-\"'()%]+")


def _declarations(vendor: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in SHEETS:
        path = vendor / name
        if path.is_file():
            text = _COMMENT.sub("", path.read_text(encoding="utf-8"))
            found.update((key, value.strip()) for key, value in _DECLARATION.findall(text))
    return found


def _resolve(value: str, declared: dict[str, str], depth: int = 0) -> str | None:
    if depth > 20:
        return None
    unresolved = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal unresolved
        name, fallback = match.group(1), match.group(2)
        if name in declared:
            resolved = _resolve(declared[name], declared, depth + 1)
            if resolved is not None:
                return resolved
        if fallback is not None:
            return fallback.strip()
        unresolved = True
        return ""

    result = _VAR.sub(substitute, value)
    if unresolved or "var(" in result:
        return None
    return result


@lru_cache(maxsize=4)
def _look(vendor: Path, stamp: tuple[float, ...]) -> dict[str, str]:
    declared = _declarations(vendor)
    look: dict[str, str] = {}
    for name in NEEDED:
        value = _resolve(declared[name], declared) if name in declared else None
        if value and _SAFE.fullmatch(value):
            look[name] = value
    return look


def widget_look(vendor: Path) -> dict[str, str]:
    """The resolved ``--voordeur-*`` values in ``vendor``; a name is left out when unknown."""
    stamp = tuple(
        (vendor / name).stat().st_mtime if (vendor / name).is_file() else 0.0 for name in SHEETS
    )
    return _look(vendor, stamp)


def widget_script(script: str, vendor: Path) -> str:
    """``widget.js`` with the resolved values in place of its ``/*VOORDEUR_LOOK*/{}`` marker."""
    return script.replace(MARKER, json.dumps(widget_look(vendor), ensure_ascii=True), 1)
