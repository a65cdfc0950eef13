"""Jinja2 templates of the staff app, with autoescaping always on."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from voordeur_common.channels import channel_name
from voordeur_common.office_calendar import AMSTERDAM

from escalation.countdown import deadline_kort
from escalation.staff.onderwerpen import onderwerp_uit_lijst, vrije_tekst
from escalation.status import CLOSED_STATUSES, OPEN_STATUSES, UNANSWERED_STATUSES, step_allowed

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


# Channels as staff call them (the same words as the manager's insights).
def _tijd(value: object) -> str:
    """A stored datetime as Amsterdam date and time, e.g. ``24-11-2026 14:05``."""
    if not isinstance(value, datetime):
        return ""
    return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def _datum(value: object) -> str:
    """A date as ``24-11-2026``."""
    return value.strftime("%d-%m-%Y") if isinstance(value, date) else ""


def make_templates() -> Jinja2Templates:
    """The template set; everything rendered is HTML-escaped unless marked safe (never is)."""
    env = Environment(loader=FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    env.filters["deadline_kort"] = deadline_kort
    env.filters["tijd"] = _tijd
    env.filters["datum"] = _datum
    env.filters["onderwerp"] = onderwerp_uit_lijst
    env.filters["kanaal"] = lambda code: channel_name(str(code))
    env.tests["vrije_tekst"] = vrije_tekst
    # Statuses by the one enum (escalation/status.py), never as strings in a template:
    # ``melding.status is stap("oppakken")``, ``melding.status in open_statussen``.
    env.tests["stap"] = step_allowed
    env.globals["open_statussen"] = OPEN_STATUSES
    env.globals["gesloten_statussen"] = CLOSED_STATUSES
    env.globals["zonder_reactie"] = UNANSWERED_STATUSES
    return Jinja2Templates(env=env)


templates = make_templates()
