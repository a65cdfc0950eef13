"""The crisis answer's guess of the kind of danger when no crisis pattern named it."""

from __future__ import annotations

from pathlib import Path

import pytest
from actions import texts
from actions.organisation import current_organisation
from voordeur_nlu.crisis_lexicon import crisis_category
from voordeur_nlu.crisis_topic import answer_category


# Messages no crisis pattern names a kind for (checked), so the guess decides.
@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("mijn opa zakte in elkaar bij het eten", "medical"),
        ("mijn vriendin schreeuwt tegen me en gooit met borden", "violence"),
        ("het meisje naast ons wordt door haar vader aan de haren getrokken en gilt", "child"),
        # Sixth round: general forms for the first list's unguessed kinds, in my own words.
        ("soms wil ik er gewoon niet meer zijn", "suicide"),
        ("hij heeft net de achterdeur ingetrapt", "violence"),
        ("ze roept dat ze hem dood maakt", "violence"),
        ("mijn nichtje zegt dat die man aan haar zit", "child"),
        ("opa is ineens omgevallen in de keuken", "medical"),
        ("mijn vrouw praat heel onduidelijk sinds vanmiddag", "medical"),
        ("mijn moeder is gevallen en gilt van de pijn", "medical"),
        # Eighth round: general forms for the eighth list's wrong guesses, in my own words.
        ("zijn hart bonkt heel raar en hij is grauw", "medical"),
        ("hij bonkt al een kwartier op de deur en roept dat hij binnenkomt", "violence"),
        ("ik denk dat ik er vannacht mee stop, dit is mijn laatste dag", "suicide"),
        ("mijn buurman zegt dat hij zijn geweer gaat halen", "violence"),
        ("de leerling zegt dat haar stiefmoeder haar nooit eten geeft", "child"),
        ("mijn vriend heeft iets geslikt op een feest en valt steeds om", "medical"),
    ],
)
def test_the_words_of_one_kind_name_it(message: str, kind: str) -> None:
    assert crisis_category(message) is None
    assert answer_category(message) == kind


@pytest.mark.parametrize(
    "message",
    [
        # Two kinds at once: the general list, which leaves nothing out.
        "hij schreeuwt dat hij me kapot maakt en ik heb ademnood",
        # No kind at all.
        "het gaat helemaal mis hier, kom alsjeblieft",
        "",
    ],
)
def test_more_than_one_kind_or_none_gives_the_general_list(message: str) -> None:
    assert crisis_category(message) is None
    assert answer_category(message) is None


def test_a_lexicon_category_comes_first() -> None:
    message = "ik wil zelfmoord plegen"
    assert crisis_category(message) == answer_category(message) == "suicide"


def test_a_guessed_kind_puts_its_numbers_first_and_leaves_none_out(org_file: Path) -> None:
    org = current_organisation()
    general = texts.crisis_numbers(org)
    guessed = texts.crisis_numbers(org, "medical", guessed=True)
    sure = texts.crisis_numbers(org, "medical")
    assert guessed.splitlines()[:3] == sure.splitlines()[:3]
    for number in ("113 of gratis 0800-0113", "0800-2000", "0599 99 88 77"):
        assert number in general and number in guessed
    assert "0800-2000" not in sure
    assert len(set(guessed.splitlines())) == len(guessed.splitlines())
