"""The manager insights (``insights/``) mounted in the staff app under ``/staff/inzicht``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from escalation.models import StaffUser
from escalation.settings import Settings
from escalation.staff.security import csrf_token, staff_user, verify_csrf
from insights.settings import load_settings as load_insights_settings
from insights.web import create_router

# Managers only: the insights hold (redacted) texts of inwoners (security review M6).
INSIGHTS_ROLES = ("manager",)
INSIGHTS_PREFIX = "/staff/inzicht"

_manager_role = staff_user(*INSIGHTS_ROLES)


def _manager(request: Request, user: Annotated[StaffUser, Depends(_manager_role)]) -> StaffUser:
    """Only managers; the pages' forms get the session's CSRF token."""
    request.state.csrf_token = csrf_token(request)
    return user


def insights_router(settings: Settings | None = None) -> APIRouter:
    """The insights pages, behind staff login, the manager role and CSRF checks.

    They read the escalation database of ``settings`` (default: ``ESCALATION_DATABASE_URL``)
    and their own tables at ``INSIGHTS_DATABASE_URL``.
    """
    insights_settings = load_insights_settings()
    if settings is not None:
        insights_settings = insights_settings.model_copy(
            update={"escalation_database_url": settings.database_url}
        )
    return create_router(_manager, verify_csrf, settings=insights_settings)
