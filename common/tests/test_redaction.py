"""PII redaction, with Dutch examples: the log-line policy and the stricter inwoner-text policy."""

from __future__ import annotations

import hashlib
import logging

import pytest
from voordeur_common.redaction import (
    PiiRedactingFilter,
    bsn_valid,
    iban_valid,
    install_redaction,
    redact_inwoner_text,
    redact_log_line,
)

# --- Log lines (the gateway's logs) -------------------------------------------------------------

LOG_LINE_EXAMPLES = [
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
]


@pytest.mark.parametrize(("text", "expected"), LOG_LINE_EXAMPLES)
def test_log_line_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact_log_line(text) == expected


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
def test_log_line_ordinary_text_is_kept(text: str) -> None:
    assert redact_log_line(text) == text


def test_pseudonyms_are_kept_so_logs_can_follow_a_conversation() -> None:
    for number in range(500):
        digest = hashlib.sha256(f"telegram:{number}".encode()).hexdigest()[:32]
        pseudonym = f"telegram-{digest}"
        assert redact_log_line(f"sender {pseudonym} belde 0612345678") == (
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


def test_install_redaction_covers_the_loggers_below_the_prefix(
    caplog: pytest.LogCaptureFixture,
) -> None:
    child = logging.getLogger("gateway.some_module")
    install_redaction("gateway")
    caplog.set_level(logging.DEBUG)
    child.warning("inwoner schreef: mail mij op jan@example.nl of bel 06 12345678")
    logging.getLogger("httpx").info("POST https://api.telegram.org/bot123:geheim/sendMessage")
    assert "jan@example.nl" not in caplog.text and "12345678" not in caplog.text
    assert "[e-mail]" in caplog.text
    assert "geheim" not in caplog.text  # chatty libraries are capped at WARNING


# --- Stored inwoner texts (the insights) --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bel me op 06-12345678 aub", "bel me op <telefoon> aub"),
        ("mijn nummer is 06 12 34 56 78.", "mijn nummer is <telefoon>."),
        ("+31 6 12345678 graag", "<telefoon> graag"),
        ("0031612345678", "<telefoon>"),
        ("vast nummer 020-1234567", "vast nummer <telefoon>"),
        ("mail naar jan.de.vries@example.nl of bel", "mail naar <e-mail> of bel"),
        ("mijn bsn is 123456782", "mijn bsn is <bsn>"),
        ("BSN 1234.56.782 klopt dat", "BSN <bsn> klopt dat"),
        ("iban NL91 ABNA 0417 1643 00 voor de toeslag", "iban <iban> voor de toeslag"),
        ("rekening NL91ABNA0417164300", "rekening <iban>"),
        ("ik woon op 1234 AB 12", "ik woon op <adres>"),
        ("postcode 1234AB nr 5a daar", "postcode <adres> daar"),
        ("ik woon in 3511 CK, huisnummer 7", "ik woon in <adres>"),
        ("klantnummer 98765432101", "klantnummer <nummer>"),
        ("adres 1234ab 5 in utrecht", "adres <adres> in utrecht"),
        # Foreign and international numbers.
        ("bel +32 470 12 34 56 graag", "bel <telefoon> graag"),
        ("0032 470 123456", "<telefoon>"),
        ("+44 20 7946 0958 of +1 (212) 555-1234", "<telefoon> of <telefoon>"),
        ("+49 (0)30 12345678", "<telefoon>"),
        # Dates with a year (dates of birth).
        ("geboren 12-03-1961", "geboren <datum>"),
        ("geb. 1/5/61 in Gouda", "geb. <datum> in Gouda"),
        ("geboortedatum 12.03.1961", "geboortedatum <datum>"),
        ("ik ben op 3 maart 1961 geboren", "ik ben op <datum> geboren"),
        ("12 Sept. 1958", "<datum>"),
        # Street + house number, with or without capitals.
        ("ik woon op de Kerkstraat 12 in Utrecht", "ik woon op <adres> in Utrecht"),
        ("adres: kerkstraat 12a", "adres: <adres>"),
        ("Burgemeester de Withstraat 3-bis", "<adres>"),
        ("Laantje? nee: Oudegracht 101 hs", "Laantje? nee: <adres>"),
        ("Stationsplein 1, Amersfoortseweg 7 B", "<adres>, <adres>"),
        # Names after "ik ben", "ik heet", "mijn naam is", "met" at the start.
        ("Ik ben Jan de Vries en ik zoek hulp", "Ik ben <naam> en ik zoek hulp"),
        ("ik heet Anna, mag ik iets vragen", "ik heet <naam>, mag ik iets vragen"),
        ("Mijn naam is J. Bakker", "Mijn naam is <naam>"),
        ("Met Piet Jansen, ik bel over de wmo", "Met <naam>, ik bel over de wmo"),
        ("Hoi, met Fatima El Amrani hier", "Hoi, met <naam> hier"),
        (
            "Ik ben Jan de Vries, Kerkstraat 12 Utrecht, geboren 12-03-1961",
            "Ik ben <naam>, <adres> Utrecht, geboren <datum>",
        ),
    ],
)
def test_inwoner_text_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact_inwoner_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "ik ben 67 jaar en heb hulp nodig bij het douchen",
        "sinds 2019 zorg ik voor mijn moeder",
        "in 2024 al veel hulp gehad, in 2025 is het erger",
        "kan ik om 14:30 langskomen?",
        "Wat kost een rolstoel in 2025 en is het 50 euro eigen bijdrage?",
        "ik ben moe en ik ben bang",
        "Ik ben Mantelzorger voor mijn vader",
        "met mijn moeder gaat het slecht",
        "ik ga met Jan naar de dokter",
        "ik heb de weg 2 keer gevraagd",
        "het schoolplein is te klein",
        "de afspraak is op 12 maart",
        "ik ben 67 en heet nog steeds zo",
        "+3 graden buiten, 2 kinderen thuis",
        "de wachttijd is 6-8 weken",
        "in 2020 ga ik verhuizen",
    ],
)
def test_inwoner_text_ordinary_text_is_kept(text: str) -> None:
    assert redact_inwoner_text(text) == text


@pytest.mark.parametrize(("text", "log_line"), LOG_LINE_EXAMPLES)
def test_inwoner_text_removes_all_a_log_line_removes(text: str, log_line: str) -> None:
    assert redact_inwoner_text(text) == log_line.replace("[", "<").replace("]", ">")


@pytest.mark.parametrize(
    ("text", "log_line", "inwoner_text"),
    [
        # Checksums decide in log lines only: a typo in a number is still personal data.
        ("bsn 123456789 toch", "bsn 123456789 toch", "bsn <bsn> toch"),
        ("iban nl91abna0417164301 toch", "iban nl91abna0417164301 toch", "iban <iban> toch"),
    ],
)
def test_checksums_decide_in_log_lines_only(text: str, log_line: str, inwoner_text: str) -> None:
    assert redact_log_line(text) == log_line
    assert redact_inwoner_text(text) == inwoner_text


def test_checksums() -> None:
    assert bsn_valid("123456782") and bsn_valid("111.222.333") and not bsn_valid("123456789")
    assert not bsn_valid("000000000")
    assert iban_valid("NL91 ABNA 0417 1643 00") and not iban_valid("NL91ABNA0417164301")
