"""Pages of the staff web app: login, inbox, melding detail and the actions on a melding."""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session
from voordeur_common.channels import CHANNELS

from escalation.countdown import countdown, kantoortijd
from escalation.dependencies import DbSession, State, get_state
from escalation.inbox import InboxFilter, by_risk, open_meldingen, open_onderwerpen, risk
from escalation.klantinteracties.export import export_state, retry
from escalation.models import AuditEvent, KlantinteractiesExport, Melding, Note, StaffUser, utcnow
from escalation.staff.reopen import reopen
from escalation.staff.security import (
    ADMIN_ROLES,
    VIEW_ROLES,
    WITHDRAW_ROLES,
    WORK_ROLES,
    csrf_token,
    signed_in_user_id,
    staff_post,
    staff_session,
    staff_user,
    start_session,
    verify_csrf,
)
from escalation.staff.templating import templates
from escalation.staff.throttle import LoginBusy
from escalation.status import CLOSED_STATUSES, STATUSES
from escalation.users import authenticate, end_sessions, normalise_username
from escalation.wmo import onderzoek_uiterlijk
from escalation.workflow import (
    COORDINATOR_ROLES,
    DOORZETTEN_NAAR,
    UITKOMSTEN,
    NotAllowed,
    TransitionError,
    add_note,
    claim,
    close,
    forward,
    mark_wmo,
    reassign,
    withdraw,
)

router = APIRouter(prefix="/staff", include_in_schema=False)
Viewer = Annotated[StaffUser, Depends(staff_user(*VIEW_ROLES))]
Worker = Annotated[StaffUser, Depends(staff_post(*WORK_ROLES))]
# Notes and the Wmo mark: the owner (checked in the workflow) or a coordinator.
Supplementer = Annotated[StaffUser, Depends(staff_post(*WORK_ROLES, *COORDINATOR_ROLES))]


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with the CSRF token and the one-time message in its context."""
    context = {"csrf_token": csrf_token(request), **context}
    context.setdefault("melding_bericht", staff_session(request).pop("flash", None))
    context.setdefault("melding_klaar", staff_session(request).pop("flash_ok", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def flash(request: Request, message: str) -> None:
    """A message to show once, on the next page."""
    staff_session(request)["flash"] = message


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {"fout": None})


@router.post("/login", dependencies=[Depends(verify_csrf)])
async def login(
    request: Request,
    session: DbSession,
    state: State,
    username: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    throttle = state.login_throttle
    client = request.client.host if request.client else "onbekend"
    account = normalise_username(username)
    wait = await throttle.attempt(client, account)
    if wait > 0:
        fout = "Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw."
        response = render(request, "login.html", {"fout": fout}, status.HTTP_429_TOO_MANY_REQUESTS)
        response.headers["Retry-After"] = str(math.ceil(wait))
        return response
    try:
        user = await throttle.check(authenticate, session, username, password)
    except LoginBusy:
        fout = "Het is nu erg druk. Probeer het over een minuut opnieuw."
        busy = status.HTTP_503_SERVICE_UNAVAILABLE
        response = render(request, "login.html", {"fout": fout}, busy)
        response.headers["Retry-After"] = "60"
        return response
    if user is None:
        fout = "Gebruikersnaam of wachtwoord klopt niet."
        return render(request, "login.html", {"fout": fout}, status.HTTP_401_UNAUTHORIZED)
    await throttle.succeeded(account)
    start_session(request, user)
    target = "/staff/gebruikers" if user.role in ADMIN_ROLES else "/staff/"
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request, session: DbSession) -> Response:
    """Sign out everywhere: every session of this user ends, also copies of this cookie."""
    user_id = signed_in_user_id(request, session)
    if user_id is not None:
        end_sessions(session, user_id)
    staff_session(request).clear()
    return RedirectResponse("/staff/login", status.HTTP_303_SEE_OTHER)


@router.get("/")
def inbox(
    request: Request,
    session: DbSession,
    state: State,
    user: Viewer,
    status_filter: Annotated[str, Query(alias="status", max_length=20)] = "",
    onderwerp: Annotated[str, Query(max_length=100)] = "",
    kanaal: Annotated[str, Query(max_length=20)] = "",
    mine: Annotated[bool, Query()] = False,
    zoek: Annotated[str, Query(max_length=100)] = "",
) -> HTMLResponse:
    selection = InboxFilter(status_filter, onderwerp, kanaal, mine, zoek)
    meldingen = open_meldingen(session, selection, user.id)
    now = utcnow()
    owners = _names(session, {m.claimed_by for m in meldingen if m.claimed_by is not None})
    ranked = by_risk(meldingen, state.organisation, state.settings.warn_before_hours, now)
    return render(
        request,
        "inbox.html",
        {
            "user": user,
            "rows": [
                (m, countdown(m.deadline, now), owners.get(m.claimed_by), risico)
                for m, risico in ranked
            ],
            "selection": selection,
            "statuses": STATUSES,
            "onderwerpen": open_onderwerpen(session),
            "kanalen": tuple(CHANNELS),
            "max_open_days": state.settings.max_open_days,
        },
    )


def _names(session: Session, user_ids: set[int]) -> dict[int | None, str]:
    if not user_ids:
        return {}
    users = session.scalars(select(StaffUser).where(StaffUser.id.in_(user_ids)))
    return {user.id: user.display_name for user in users}


def _melding_or_404(session: Session, melding_id: str) -> Melding:
    melding = session.get(Melding, melding_id)
    if melding is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Deze melding bestaat niet.")
    return melding


def _detail_page(
    request: Request,
    session: Session,
    user: StaffUser,
    melding_id: str,
    refused: NotAllowed | None = None,
) -> HTMLResponse:
    """The melding's page; after a refused step with its message and status 403."""
    melding = _melding_or_404(session, melding_id)
    notes = session.scalars(
        select(Note).where(Note.melding_id == melding_id).order_by(Note.at, Note.id)
    ).all()
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.melding_id == melding_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    people = {note.author_id for note in notes}
    if melding.claimed_by is not None:
        people.add(melding.claimed_by)
    names = _names(session, people)
    now = utcnow()
    state = get_state(request)
    context = {
        "user": user,
        "melding": melding,
        "countdown": countdown(melding.deadline, now),
        "kantoortijd": kantoortijd(melding.deadline, now, state.organisation),
        "risico": risk(melding, state.organisation, state.settings.warn_before_hours, now),
        "eigenaar": names.get(melding.claimed_by),
        "notes": [(note, names.get(note.author_id, "")) for note in notes],
        "events": events,
        "doorzetten_naar": DOORZETTEN_NAAR,
        "uitkomsten": UITKOMSTEN,
        "wmo_uiterlijk": onderzoek_uiterlijk(melding.wmo_melding_op)
        if melding.wmo_melding_op
        else None,
        "mag_werken": user.role in WORK_ROLES,
        "mag_intrekken": user.role in WITHDRAW_ROLES,
        "mag_aanvullen": user.role in COORDINATOR_ROLES or melding.claimed_by == user.id,
        "overdragen_aan": _reassign_choices(session, melding, user),
        "mag_heropenen": user.role in COORDINATOR_ROLES
        and melding.status in CLOSED_STATUSES
        and melding.gewist_op is None,
        "export": _export_of(session, melding_id),
    }
    if refused is None:
        return render(request, "detail.html", context)
    context["melding_bericht"] = str(refused)
    return render(request, "detail.html", context, status.HTTP_403_FORBIDDEN)


def _export_of(session: Session, melding_id: str) -> dict[str, Any] | None:
    """The melding's export to Klantinteracties, for its page: state, attempts, task status."""
    row = session.scalar(
        select(KlantinteractiesExport).where(KlantinteractiesExport.melding_id == melding_id)
    )
    return None if row is None else {"row": row, "state": export_state(row)}


def _reassign_choices(session: Session, melding: Melding, user: StaffUser) -> list[StaffUser]:
    """The officemedewerkers a coordinator can give this claimed, open melding to."""
    if user.role not in COORDINATOR_ROLES or melding.claimed_by is None:
        return []
    if melding.status not in ("opgepakt", "doorgezet"):
        return []
    query = (
        select(StaffUser)
        .where(
            StaffUser.role == "officemedewerker",
            StaffUser.active.is_(True),
            StaffUser.id != melding.claimed_by,
        )
        .order_by(StaffUser.display_name)
    )
    return list(session.scalars(query))


@router.get("/meldingen/{melding_id}")
def detail(request: Request, session: DbSession, user: Viewer, melding_id: str) -> HTMLResponse:
    return _detail_page(request, session, user, melding_id)


# What the page says after a step succeeded, and where it opens (the note just written).
_DONE: dict[Any, tuple[str, str]] = {
    claim: ("U heeft de melding opgepakt.", ""),
    forward: ("De melding is doorgezet.", ""),
    close: ("De melding is afgehandeld.", ""),
    withdraw: ("De melding is ingetrokken.", ""),
    reopen: ("De melding is heropend.", ""),
    add_note: ("Uw notitie is opgeslagen.", "#notities"),
    mark_wmo: ("De melding is vastgelegd als formele Wmo-melding.", ""),
    reassign: ("De melding is overgedragen.", ""),
}


def _after_action(
    request: Request, melding_id: str, error: TransitionError | None, step: Any = None
) -> Response:
    target = f"/staff/meldingen/{melding_id}"
    if error is not None:
        flash(request, str(error))
    elif step in _DONE:
        message, anchor = _DONE[step]
        staff_session(request)["flash_ok"] = message
        target += anchor
    return RedirectResponse(target, status.HTTP_303_SEE_OTHER)


def _act(
    request: Request, session: Session, user: StaffUser, melding_id: str, step: Any, *args: Any
) -> Response:
    """Run one workflow step; a refusal is shown on the detail page (403 when not allowed)."""
    _melding_or_404(session, melding_id)
    try:
        step(session, melding_id, user, *args)
    except NotAllowed as exc:
        session.rollback()
        return _detail_page(request, session, user, melding_id, refused=exc)
    except TransitionError as exc:
        return _after_action(request, melding_id, exc)
    return _after_action(request, melding_id, None, step)


@router.post("/meldingen/{melding_id}/oppakken")
def claim_melding(request: Request, session: DbSession, user: Worker, melding_id: str) -> Response:
    return _act(request, session, user, melding_id, claim)


@router.post("/meldingen/{melding_id}/doorzetten")
def forward_melding(
    request: Request,
    session: DbSession,
    user: Worker,
    melding_id: str,
    naar: Annotated[str, Form(max_length=40)] = "",
    notitie: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    return _act(request, session, user, melding_id, forward, naar, notitie)


# Irreversible steps happen only after the form's confirmation box is ticked ("bevestig=ja").
Bevestig = Annotated[str, Form(max_length=10)]


def _unconfirmed(request: Request, melding_id: str, bevestig: str, doing: str) -> Response | None:
    """Back to the melding's page with a message when the confirmation box was not ticked."""
    if bevestig == "ja":
        return None
    return _after_action(request, melding_id, TransitionError(f"Bevestig eerst dat u {doing}."))


@router.post("/meldingen/{melding_id}/afhandelen")
def close_melding(
    request: Request,
    session: DbSession,
    user: Worker,
    melding_id: str,
    uitkomst: Annotated[str, Form(max_length=40)] = "",
    bevestig: Bevestig = "",
) -> Response:
    if not uitkomst:
        return _after_action(request, melding_id, TransitionError("Kies eerst een uitkomst."))
    return _unconfirmed(request, melding_id, bevestig, "de melding afhandelt") or _act(
        request, session, user, melding_id, close, uitkomst
    )


@router.post("/meldingen/{melding_id}/intrekken")
def withdraw_melding(
    request: Request,
    session: DbSession,
    user: Annotated[StaffUser, Depends(staff_post(*WITHDRAW_ROLES))],
    melding_id: str,
    bevestig: Bevestig = "",
) -> Response:
    return _unconfirmed(request, melding_id, bevestig, "de melding intrekt") or _act(
        request, session, user, melding_id, withdraw
    )


@router.post("/meldingen/{melding_id}/heropenen")
def reopen_melding(
    request: Request,
    session: DbSession,
    user: Annotated[StaffUser, Depends(staff_post(*COORDINATOR_ROLES))],
    melding_id: str,
    reden: Annotated[str, Form(max_length=2000)] = "",
    bevestig: Bevestig = "",
) -> Response:
    """A coordinator reopens a closed melding, with a reason, after confirming; audited."""
    return _unconfirmed(request, melding_id, bevestig, "de melding heropent") or _act(
        request, session, user, melding_id, reopen, reden
    )


@router.post("/meldingen/{melding_id}/notitie")
def note_melding(
    request: Request,
    session: DbSession,
    user: Supplementer,
    melding_id: str,
    notitie: Annotated[str, Form(max_length=4000)] = "",
) -> Response:
    return _act(request, session, user, melding_id, add_note, notitie)


@router.post("/meldingen/{melding_id}/wmo")
def wmo_melding(
    request: Request,
    session: DbSession,
    user: Supplementer,
    melding_id: str,
    bevestig: Bevestig = "",
) -> Response:
    return _unconfirmed(request, melding_id, bevestig, "dit een formele Wmo-melding is") or _act(
        request, session, user, melding_id, mark_wmo
    )


@router.post("/meldingen/{melding_id}/overdragen")
def reassign_melding(
    request: Request,
    session: DbSession,
    user: Annotated[StaffUser, Depends(staff_post(*COORDINATOR_ROLES))],
    melding_id: str,
    naar: Annotated[int, Form()] = 0,
    bevestig: Bevestig = "",
) -> Response:
    """A coordinator gives a claimed melding to another officemedewerker, after confirming."""
    return _unconfirmed(request, melding_id, bevestig, "de melding overdraagt") or _act(
        request, session, user, melding_id, reassign, naar
    )


@router.get("/gebruikers")
def users_page(
    request: Request,
    session: DbSession,
    user: Annotated[StaffUser, Depends(staff_user(*ADMIN_ROLES))],
) -> HTMLResponse:
    users = session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
    return render(request, "users.html", {"user": user, "users": users})


ExportAdmin = Annotated[StaffUser, Depends(staff_user(*ADMIN_ROLES))]
EXPORT_PAGE = "/staff/klantinteracties"
EXPORT_PAGE_SIZE = 200


@router.get("/klantinteracties")
def exports_page(request: Request, session: DbSession, user: ExportAdmin) -> HTMLResponse:
    """For the admin: exports to Klantinteracties not done yet, by reference (no inwoner data)."""
    rows = session.execute(
        select(KlantinteractiesExport, Melding.referentie)
        .join(Melding, Melding.id == KlantinteractiesExport.melding_id)
        .where(KlantinteractiesExport.done_at.is_(None))
        .order_by(KlantinteractiesExport.created_at.desc())
        .limit(EXPORT_PAGE_SIZE)
    ).all()
    exports = [(row, referentie, export_state(row)) for row, referentie in rows]
    return render(request, "klantinteracties.html", {"user": user, "exports": exports})


@router.post("/klantinteracties/{melding_id}/opnieuw")
def retry_export(
    request: Request,
    session: DbSession,
    user: Annotated[StaffUser, Depends(staff_post(*ADMIN_ROLES))],
    melding_id: str,
) -> Response:
    """The admin starts a stopped export again, from the step that failed; audited."""
    if retry(session, melding_id, user.username):
        staff_session(request)["flash_ok"] = "De export wordt opnieuw geprobeerd."
    else:
        flash(request, "Deze export is niet mislukt of bestaat niet.")
    return RedirectResponse(EXPORT_PAGE, status.HTTP_303_SEE_OTHER)
