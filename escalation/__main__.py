"""Command line of the escalation service: ``python -m escalation migrate``."""

from __future__ import annotations

import argparse
import os

from escalation.migrate import upgrade
from escalation.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m escalation")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="bring the database to the newest schema")
    args = parser.parse_args()
    if args.command == "migrate":
        default_url = Settings.model_fields["database_url"].default
        upgrade(os.environ.get("ESCALATION_DATABASE_URL", default_url))
        print("Escalation database is up to date.")


if __name__ == "__main__":
    main()
