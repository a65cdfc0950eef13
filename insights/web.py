"""Manager pages: KPI dashboard, biggest gaps, review inbox, CSV and NLU YAML downloads.

``create_router`` returns an APIRouter; the host app supplies ``require_manager`` (a FastAPI
dependency that lets only the manager and admin roles through; its result names the reviewer)
and ``csrf_protect`` (a dependency that checks the form's ``csrf_token`` on every POST).
"""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import jinja2
import sqlalchemy as sa
from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from voordeur_common.channels import channel_name
from voordeur_common.office_calendar import AMSTERDAM

from escalation import reporting
from insights import charts, csv_export, dates, formatting, grouping, kpis, nlu_export, review
from insights.db import session_factory
from insights.domain import intents
from insights.models import UnansweredMessage
from insights.settings import Settings

HERE = Path(__file__).resolve().parent
DEFAULT_DAYS = 28
_env = jinja2.Environment(
    # The insights' own templates first; the pages are mounted in the staff app and show its
    # header, ``_header.html``, found in the staff app's template folder.
    loader=jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(HERE / "templates"),
            jinja2.FileSystemLoader(reporting.STAFF_TEMPLATE_DIR),
        ]
    ),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)
_env.filters["duur"] = formatting.duration
_env.filters["kanaal"] = channel_name
_env.filters["procent"] = formatting.percent
_env.filters["tijd"] = formatting.local_time
_env.filters["intent"] = formatting.intent_label
_templates = Jinja2Templates(env=_env)


def _no_csrf() -> None:
    """Stand-in when the host app checks CSRF elsewhere."""


def _period(van: str | None, tot: str | None) -> tuple[date, date, str | None]:
    """The chosen date range, or the last four weeks with a message on bad input."""
    today = datetime.now(UTC).astimezone(AMSTERDAM).date()
    default = (today - timedelta(days=DEFAULT_DAYS - 1), today)
    try:
        start = dates.parse(van) if van else default[0]
        end = dates.parse(tot) if tot else default[1]
    except ValueError:
        return *default, dates.error_message(today)
    if start > end or (end - start).days > 366:
        return *default, "Kies een periode van hoogstens een jaar, met 'van' voor 'tot'."
    return start, end, None


def _message_id(value: str | None) -> int | None:
    """The id of the message just decided (for its undo button), if the query names one."""
    return int(value) if value and value.isdigit() and len(value) < 12 else None


def _reviewer(user: Any) -> str:
    return str(getattr(user, "username", None) or user or "manager")


def create_router(
    require_manager: Callable[..., Any],
    csrf_protect: Callable[..., Any] = _no_csrf,
    *,
    settings: Settings | None = None,
) -> APIRouter:
    """All insight pages, each behind ``require_manager``; POSTs also behind ``csrf_protect``."""
    settings = settings or Settings()
    router = APIRouter(dependencies=[Depends(require_manager)])
    Manager = Annotated[Any, Depends(require_manager)]

    def insights_db() -> Iterator[Session]:
        with session_factory(settings.database_url)() as session:
            yield session

    def escalation_db() -> Iterator[Session]:
        with session_factory(settings.escalation_database_url)() as session:
            yield session

    InsightsDb = Annotated[Session, Depends(insights_db)]
    EscalationDb = Annotated[Session, Depends(escalation_db)]

    def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        context["csrf_token"] = getattr(request.state, "csrf_token", None)
        # The host app's signed-in user (display_name, role) for the shared header, if any.
        context["staff_user"] = getattr(request.state, "staff_user", None)
        return _templates.TemplateResponse(request, name, context, status_code=status_code)

    @router.get("/", response_class=HTMLResponse, name="insights_dashboard")
    def dashboard(
        request: Request,
        insights_session: InsightsDb,
        escalation_session: EscalationDb,
        van: str | None = None,
        tot: str | None = None,
    ) -> Response:
        start, end, error = _period(van, tot)
        figures = kpis.compute(insights_session, escalation_session, start, end)
        day_values = [(d.strftime("%d-%m"), float(n)) for d, n in figures.per_day.items()]
        return page(
            request,
            "dashboard.html",
            k=figures,
            kanalen=formatting.channels(figures.per_channel),
            error=error,
            charts={
                "dag": charts.bar_chart("Gesprekken per dag", day_values),
                "uur": charts.bar_chart(
                    "Gesprekken per uur van de dag",
                    [(f"{h:02d}", float(n)) for h, n in figures.per_hour.items()],
                ),
                "onderwerp": charts.bar_chart(
                    "Meldingen per onderwerp",
                    [(name, float(n)) for name, n in figures.per_onderwerp.items()],
                ),
                "leeftijd": charts.bar_chart(
                    "Open werkvoorraad naar leeftijd",
                    [(age, float(n)) for age, n in figures.open_by_age.items()],
                ),
            },
        )

    @router.get("/kpis.csv", name="insights_kpis_csv")
    def kpis_csv(
        insights_session: InsightsDb,
        escalation_session: EscalationDb,
        van: str | None = None,
        tot: str | None = None,
    ) -> Response:
        start, end, _ = _period(van, tot)
        figures = kpis.compute(insights_session, escalation_session, start, end)
        filename = f"voordeur-kpis-{start.isoformat()}-{end.isoformat()}.csv"
        return Response(
            csv_export.kpis_csv(figures),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    @router.get("/hiaten", response_class=HTMLResponse, name="insights_gaps")
    def gaps(request: Request, insights_session: InsightsDb) -> Response:
        since = datetime.now(UTC) - timedelta(days=DEFAULT_DAYS)
        messages = list(
            insights_session.scalars(
                sa.select(UnansweredMessage).where(UnansweredMessage.received_at >= since)
            )
        )
        return page(
            request, "gaps.html", groups=grouping.group_messages(messages), days=DEFAULT_DAYS
        )

    def review_page(
        request: Request,
        session: Session,
        status_code: int = 200,
        *,
        error: str | None = None,
        done: int | None = None,
        undone: bool = False,
    ) -> Response:
        """The review inbox: the open messages and the intents to choose from."""
        return page(
            request,
            "review.html",
            status_code,
            messages=review.open_messages(session, limit=50),
            intents=intents(settings.domain_file),
            error=error,
            done=done,
            undone=undone,
        )

    def review_step(
        request: Request, session: Session, step: Callable[[], object], **back: int
    ) -> Response:
        """Run ``step`` (a decision or its undo) and go back to the inbox with ``back`` in the
        query; when the step is refused, show the inbox with the reason and change nothing."""
        try:
            step()
        except review.ReviewError as exc:
            session.rollback()
            return review_page(request, session, 400, error=str(exc))
        session.commit()
        target = request.url_for("insights_review").include_query_params(**back)
        return RedirectResponse(str(target), status_code=303)

    @router.get("/beoordelen", response_class=HTMLResponse, name="insights_review")
    def review_inbox(request: Request, insights_session: InsightsDb) -> Response:
        return review_page(
            request,
            insights_session,
            done=_message_id(request.query_params.get("klaar")),
            undone=request.query_params.get("terug") is not None,
        )

    @router.post(
        "/beoordelen/{message_id}",
        name="insights_review_decide",
        dependencies=[Depends(csrf_protect)],
    )
    def review_decide(
        request: Request,
        message_id: int,
        insights_session: InsightsDb,
        user: Manager,
        decision: Annotated[str, Form()],
        intent: Annotated[str, Form()] = "",
        new_intent: Annotated[str, Form()] = "",
        tekst: Annotated[str, Form(max_length=review.MAX_TEXT * 2)] = "",
        tekst_gecontroleerd: Annotated[str, Form()] = "",
    ) -> Response:
        def step() -> None:
            review.decide(
                insights_session,
                message_id,
                decision,
                intent=new_intent if decision == "nieuw" else intent,
                known_intents=intents(settings.domain_file),
                reviewer=_reviewer(user),
                text_checked=tekst_gecontroleerd == "ja",
                corrected_text=tekst,
            )

        return review_step(request, insights_session, step, klaar=message_id)

    @router.post(
        "/beoordelen/{message_id}/terug",
        name="insights_review_undo",
        dependencies=[Depends(csrf_protect)],
    )
    def review_undo(request: Request, message_id: int, insights_session: InsightsDb) -> Response:
        """Undo a decision: the message is back in the review inbox, nothing chosen."""
        return review_step(
            request,
            insights_session,
            lambda: review.undo(insights_session, message_id),
            terug=message_id,
        )

    @router.get("/nlu.yml", name="insights_nlu_yaml")
    def nlu_yaml(insights_session: InsightsDb) -> Response:
        examples = nlu_export.reviewed_examples(insights_session)
        if not examples:
            return Response(
                "Er zijn nog geen berichten met een gecontroleerde tekst. Alleen berichten "
                "waarvan een manager de tekst heeft nagelezen, gaan mee in de trainingsdata.",
                status_code=409,
                media_type="text/plain; charset=utf-8",
            )
        text = nlu_export.to_yaml(examples)
        return Response(
            text,
            media_type="application/x-yaml; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="nlu_beoordeeld.yml"'},
        )

    @router.get("/insights.css", name="insights_css")
    def stylesheet() -> Response:
        return Response((HERE / "static" / "insights.css").read_text(), media_type="text/css")

    return router
