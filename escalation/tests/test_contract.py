"""The committed OpenAPI document is what the app serves: a drift fails here, not in production."""

from __future__ import annotations

import pytest

from escalation.__main__ import main
from escalation.contract import CONTRACT_FILE, openapi_document, render


def test_the_committed_contract_is_what_the_app_serves() -> None:
    assert render(openapi_document()) == CONTRACT_FILE.read_text("utf-8"), (
        "The escalation API changed: check the producers (bot/actions/melding.py, "
        "gateway/callback.py) and run `.venv/bin/python -m escalation openapi --write`."
    )


def test_the_contract_names_the_melding_fields(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["openapi"]) == 0
    printed = capsys.readouterr().out
    assert printed == CONTRACT_FILE.read_text("utf-8")
    assert '"MeldingIn"' in printed and '"Idempotency-Key"' in printed
