"""The HTTP client against a real (tiny) HTTP server: no mocking of requests."""

from __future__ import annotations

import time

import pytest
from actions.escalation_client import EscalationError, Settings, send_melding

BODY = {"onderwerp": "Mantelzorg", "naam": "Jan", "telefoon": "+31612345678"}


def test_success_sends_token_key_and_json(fake_escalation) -> None:
    result = send_melding(BODY, "sleutel-1", Settings(fake_escalation.url, "geheim"))
    assert result["referentie"] == "VD-ABC234"
    assert result["deadline_tekst"] == "uiterlijk woensdag 26 november"
    [req] = fake_escalation.recorded
    assert req.path == "/api/v1/meldingen"
    assert req.headers["Authorization"] == "Bearer geheim"
    assert req.headers["Idempotency-Key"] == "sleutel-1"
    assert req.headers["Content-Type"] == "application/json"
    assert req.body == BODY


def test_url_with_trailing_slash(fake_escalation, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESCALATION_URL", fake_escalation.url + "/")
    monkeypatch.setenv("ESCALATION_API_TOKEN", "dev")
    settings = Settings.from_env()
    assert settings == Settings(fake_escalation.url, "dev")
    send_melding(BODY, "k", settings)
    assert fake_escalation.recorded[0].path == "/api/v1/meldingen"


def test_default_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ESCALATION_URL", raising=False)
    monkeypatch.delenv("ESCALATION_API_TOKEN", raising=False)
    assert Settings.from_env() == Settings("http://127.0.0.1:8001", None)


def test_one_retry_on_5xx_with_the_same_key(fake_escalation) -> None:
    fake_escalation.answers.append((503, {"detail": "even niet"}))
    result = send_melding(BODY, "sleutel-2", Settings(fake_escalation.url, "t"), pause=0)
    assert result["referentie"] == "VD-ABC234"
    assert [v.headers["Idempotency-Key"] for v in fake_escalation.recorded] == ["sleutel-2"] * 2
    assert fake_escalation.recorded[0].body == fake_escalation.recorded[1].body


def test_two_5xx_is_an_error(fake_escalation) -> None:
    fake_escalation.answers += [(500, {}), (502, {})]
    with pytest.raises(EscalationError, match="HTTP 502"):
        send_melding(BODY, "k", Settings(fake_escalation.url, "t"), pause=0)
    assert len(fake_escalation.recorded) == 2


@pytest.mark.parametrize("status", [400, 401, 409, 422])
def test_no_retry_on_4xx(fake_escalation, status: int) -> None:
    fake_escalation.answers.append((status, {"detail": "nee"}))
    with pytest.raises(EscalationError, match=f"HTTP {status}"):
        send_melding(BODY, "k", Settings(fake_escalation.url, "t"), pause=0)
    assert len(fake_escalation.recorded) == 1


def test_422_does_not_log_the_input(fake_escalation) -> None:
    fake_escalation.answers.append(
        (
            422,
            {
                "detail": [
                    {
                        "loc": ["body", "telefoon"],
                        "msg": "Geen geldig Nederlands telefoonnummer",
                        "input": "+31612345678",
                    }
                ]
            },
        )
    )
    with pytest.raises(EscalationError) as info:
        send_melding(BODY, "k", Settings(fake_escalation.url, "t"), pause=0)
    assert "body.telefoon" in str(info.value)
    assert "+31612345678" not in str(info.value)


def test_answer_without_referentie_is_an_error(fake_escalation) -> None:
    fake_escalation.answers.append((201, {"id": "x"}))
    with pytest.raises(EscalationError, match="referentie"):
        send_melding(BODY, "k", Settings(fake_escalation.url, "t"))


def test_no_connection_tries_twice_then_errors(free_port: str) -> None:
    start = time.monotonic()
    with pytest.raises(EscalationError, match="ConnectionError"):
        send_melding(BODY, "k", Settings(free_port, "t"), pause=0)
    assert time.monotonic() - start < 5


def test_timeout_tries_twice_then_errors(fake_escalation) -> None:
    fake_escalation.delay = 0.5
    with pytest.raises(EscalationError, match="Timeout"):
        send_melding(BODY, "k", Settings(fake_escalation.url, "t"), timeout=(1.0, 0.1), pause=0)
    assert len(fake_escalation.recorded) == 2


def test_without_token_nothing_is_sent(fake_escalation) -> None:
    with pytest.raises(EscalationError, match="ESCALATION_API_TOKEN"):
        send_melding(BODY, "k", Settings(fake_escalation.url, None))
    assert fake_escalation.recorded == []


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ACTIONS_OUTBOX_RETRY_SECONDS", "soms"),
        ("ACTIONS_OUTBOX_RETRY_SECONDS", "0"),
        ("ACTIONS_OUTBOX_RETENTION_DAYS", "0"),
    ],
)
def test_a_bad_setting_is_an_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    from actions.settings import ActionSettings, SettingsError, load_settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable) as raised:
        load_settings()
    assert value not in str(raised.value).split(":")[-1]
    assert all(field.field_info.description for field in ActionSettings.__fields__.values())
