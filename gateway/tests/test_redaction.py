"""PII redaction for the gateway's logs, with Dutch examples."""

from __future__ import annotations

import logging

import pytest

from gateway.pseudonym import sender_id
from gateway.redaction import PiiRedactingFilter, install_redaction, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel mij op 06-12345678.", "Bel mij op [telefoon]."),
        ("Mijn nummer is 0612345678", "Mijn nummer is [telefoon]"),
        ("Of +31 20 123 4567 overdag", "Of [telefoon] overdag"),
        ("vast: 020-1234567", "vast: [telefoon]"),
        ("Mail anna.devries@example.nl gerust", "Mail [e-mail] gerust"),
        ("Mijn BSN is 111222333", "Mijn BSN is [bsn]"),
        ("BSN 123.456.782 graag", "BSN [bsn] graag"),
        ("IBAN NL91ABNA0417164300 klopt", "IBAN [iban] klopt"),
        ("IBAN NL91 ABNA 0417 1643 00 klopt", "IBAN [iban] klopt"),
        ("Ik woon op 1234 AB 12 in Gieten", "Ik woon op [adres] in Gieten"),
        ("adres 9461AB 3-a", "adres [adres]"),
    ],
)
def test_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 en 2025 kwam ik 3 keer langs.",
        "Ik ben 82 jaar en loop 5 km per dag.",
        "Mijn referentie is VD-ABC234.",
        "Rasa answered with status 503",
        "123456789 is geen geldig BSN",  # fails the 11-proef
        "Het duurde 15 minuten.",
    ],
)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text) == text


def test_pseudonyms_are_kept_so_logs_can_follow_a_conversation() -> None:
    for number in range(500):
        pseudonym = sender_id("sleutel", "telegram", str(number))
        assert redact(f"sender {pseudonym} belde 0612345678") == (
            f"sender {pseudonym} belde [telefoon]"
        )


def test_filter_redacts_the_formatted_message() -> None:
    record = logging.LogRecord(
        "gateway.app",
        logging.INFO,
        __file__,
        1,
        "melding van %s, tel %s",
        ("Anna", "0612345678"),
        None,
    )
    assert PiiRedactingFilter().filter(record)
    assert record.getMessage() == "melding van Anna, tel [telefoon]"


def test_install_redaction_covers_gateway_loggers(caplog: pytest.LogCaptureFixture) -> None:
    child = logging.getLogger("gateway.some_module")
    install_redaction()
    caplog.set_level(logging.DEBUG)
    child.warning("inwoner schreef: mail mij op jan@example.nl of bel 06 12345678")
    logging.getLogger("httpx").info("POST https://api.telegram.org/bot123:geheim/sendMessage")
    assert "jan@example.nl" not in caplog.text and "12345678" not in caplog.text
    assert "[e-mail]" in caplog.text
    assert "geheim" not in caplog.text  # chatty libraries are capped at WARNING
