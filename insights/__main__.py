"""Command line: ``python -m insights migrate|ingest|seed|export-nlu|purge``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from insights.db import session_factory, upgrade
from insights.domain import ActionNames, DomainError
from insights.settings import Settings, SettingsError, load_settings


def _parser(settings: Settings) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m insights", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    db_help = "insights database (SQLAlchemy URL; default INSIGHTS_DATABASE_URL)"

    migrate = commands.add_parser("migrate", help="create or update the insights tables")
    migrate.add_argument("--db", default=settings.database_url, help=db_help)

    ingest = commands.add_parser("ingest", help="read new events of Rasa's SQL event broker")
    ingest.add_argument("--events-url", required=True, help="database of the event broker")
    ingest.add_argument("--db", default=settings.database_url, help=db_help)
    ingest.add_argument("--domain", type=Path, default=settings.domain_file, help="bot/domain.yml")
    defaults = ActionNames()
    for option, names in (
        ("--crisis-action", defaults.crisis),
        ("--melding-action", defaults.melding),
        ("--not-understood-action", defaults.not_understood),
    ):
        ingest.add_argument(
            option, action="append", help=f"repeatable; default {', '.join(sorted(names))}"
        )

    seed = commands.add_parser("seed", help="fill empty databases with demo data")
    seed.add_argument("--db", default=settings.database_url, help=db_help)
    seed.add_argument("--escalation-db", required=True, help="escalation database URL")

    export = commands.add_parser("export-nlu", help="reviewed examples as Rasa NLU YAML")
    export.add_argument("--db", default=settings.database_url, help=db_help)
    export.add_argument("--out", type=Path, required=True, help="YAML file to write")

    purge = commands.add_parser("purge", help="delete insights data older than --days")
    purge.add_argument("--db", default=settings.database_url, help=db_help)
    purge.add_argument(
        "--days",
        type=int,
        default=settings.retention_days,
        help="keep this many days (default INSIGHTS_RETENTION_DAYS, else 90)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args = _parser(settings).parse_args(argv)
    if args.command == "migrate":
        upgrade(args.db)
        print("insights tables up to date")
    elif args.command == "ingest":
        from insights.ingest import ingest

        defaults = ActionNames()
        try:
            names = ActionNames(
                crisis=frozenset(args.crisis_action or defaults.crisis),
                melding=frozenset(args.melding_action or defaults.melding),
                not_understood=frozenset(args.not_understood_action or defaults.not_understood),
            ).checked_against(args.domain)
            upgrade(args.db)
            result = ingest(args.events_url, args.db, names)
        except (DomainError, ValueError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(
            f"read {result.events} events: {result.conversations} new conversations, "
            f"{result.unanswered} unanswered messages"
        )
    elif args.command == "seed":
        from insights.seed import seed

        try:
            data = seed(args.db, args.escalation_db)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(
            f"seeded {len(data.conversations)} conversations, {len(data.unanswered)} "
            f"unanswered messages, {len(data.meldingen)} meldingen"
        )
    elif args.command == "purge":
        from insights.retention import purge

        if args.days < 1:
            print("error: --days must be at least 1", file=sys.stderr)
            return 2
        upgrade(args.db)
        with session_factory(args.db)() as session, session.begin():
            purged = purge(session, args.days)
        print(
            f"deleted {purged.conversations} conversations and {purged.unanswered} "
            f"unanswered messages older than {args.days} days"
        )
    else:
        from insights.nlu_export import reviewed_examples, to_yaml

        upgrade(args.db)
        with session_factory(args.db)() as session:
            examples = reviewed_examples(session)
        args.out.write_text(to_yaml(examples), encoding="utf-8")
        count = sum(len(lines) for lines in examples.values())
        print(f"wrote {count} examples for {len(examples)} intents to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
