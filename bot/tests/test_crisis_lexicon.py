"""Unit tests of the crisis lexicon: own example sentences per category, and everyday messages
that must not give the crisis answer.

These sentences are the lexicon author's own; they are not the held-out crisis list
(``crisis_messages.yml``), which measures the whole NLU independently.
"""

from __future__ import annotations

import pytest
from voordeur_nlu.crisis_lexicon import crisis_category, is_crisis, normalise

SUICIDE_MESSAGES = (
    "ik wil dood",
    "Ik wil gewoon echt dood.",
    "k wil dood",
    "ik wil dooooood",
    "ik wil er niet meer zijn",
    "ik zie het niet meer zitten",
    "ik zie het echt niet meer zitten",
    "k zie t nie meer zitte",
    "eerlijk gezegd zie ik het allemaal niet meer zitten sinds de scheiding",
    "ik maak er een eind aan",
    "ik maak er een einde aan vanavond",
    "ik ga er een eind aan maken",
    "ik wil een einde aan mijn leven maken",
    "ik wil me ophangen",
    "ik hang me op in de schuur",
    "ik ga alle pillen slikken",
    "ik ga al mijn slaappillen innemen",
    "ik heb een hele doos paracetamol en ga die opslikken",
    "ik spaar al weken pillen op",
    "ik zie geen uitweg meer",
    "er is voor mij geen uitweg",
    "het hoeft voor mij niet meer",
    "ik heb er geen zin meer in om te leven",
    "ik heb geen zin meer in het leven",
    "het leven heeft voor mij geen zin meer",
    "mijn dochter snijdt zichzelf",
    "mn zoon krast zich in zn armen",
    "ik snij in mijn armen",
    "ik wil mezelf iets aandoen",
    "ik ben bang dat ik me iets ga aandoen",
    "ik kan niet meer",
    "ik kan niet meer.",
    "Ik kan echt niet meer!!",
    "ik wil niet meer",
    "ik denk aan zelfmoord",
    "ik denk aan zelfmoort",
    "ik ben suicidaal",
    "ik ben suïcidaal",
    "mijn vriend heeft zelfmoordgedachten",
    "ik sta op de brug en ga springen",
    "ik ga voor de trein springen",
    "ik sta bij het spoor",
    "iedereen is beter af zonder mij",
    "niemand zal me missen",
    "ik wil slapen en nooit meer wakker worden",
    "was ik maar dood",
    "ik wil stoppen met leven",
    "ik ben klaar met het leven",
    "mijn moeder zegt dat ze niet meer wil leven",
    "mijn man heeft een afscheidsbrief geschreven",
    "ik heb een touw gekocht",
    "mijn zoon van 14 zegt dat hij dood wil",
    "ik zorg al jaren voor mn man en nu wil ik gewoon niet meer leven",
)

VIOLENCE_MESSAGES = (
    "mijn man slaat me",
    "mn vriend sloeg me gisteren weer",
    "hij heeft me geduwd",
    "hij heeft me van de trap geduwd",
    "ik werd tegen de muur geduwd door mijn partner",
    "ik hoor klappen bij de buren",
    "elke nacht hoor ik geschreeuw en klappen naast ons",
    "ik ben bang voor hem",
    "ik ben bang voor mijn man",
    "mijn buurvrouw is bang voor haar vriend",
    "ik ben bang als hij dronken thuiskomt",
    "ik mag het huis niet uit van mijn man",
    "hij laat me niet weg",
    "mijn partner sluit me op",
    "mijn ex bedreigt me",
    "hij dreigt me te vermoorden",
    "hij stond met een mes in de keuken te schreeuwen",
    "er is huiselijk geweld bij ons",
    "mijn vrouw mishandelt mij",
    "mijn vriend zit aan me terwijl ik dat niet wil",
    "ik ben misbruikt door mijn ex",
    "ik word gestalkt",
    "mijn schoonzoon wordt agressief tegen mijn dochter",
    "ik durf niet naar huis",
    "de buurvrouw roept om hulp",
    "ik ben nu in gevaar",
    "ik ben niet veilig thuis",
    "hij geeft haar klappen",
)

CHILD_MESSAGES = (
    "mijn dochter van 15 is weggelopen",
    "mijn zoon is vermist",
    "onze dochter van 13 is niet thuisgekomen",
    "mijn zoon van 16 is al sinds gisteren weg",
    "mijn kind is weg en ik kan haar nergens vinden",
    "het buurmeisje is vermist",
    "mijn tiener is al twee dagen zoek",
    "mijn stiefvader zit aan me",
    "ik ben 13 en mijn vader slaat me",
    "ik ben 12 en ik durf niet naar huis",
    "ik ben weggelopen van huis",
    "de kinderen naast ons zijn alleen thuis en krijgen geen eten",
    "een kind in de straat wordt mishandeld",
    "ik denk dat mijn kleindochter misbruikt wordt",
    "mijn kind is niet veilig bij zijn vader",
    "mijn dochter wordt door de vriend van mijn zus aangeraakt",
    "mijn dochter heeft een loverboy",
)

MEDICAL_MESSAGES = (
    "mijn man ademt niet meer",
    "mijn vader ademt heel raar en reageert niet",
    "mijn moeder is in elkaar gezakt",
    "hij is bewusteloos",
    "ik krijg haar niet wakker",
    "mijn vrouw heeft pijn op de borst",
    "ik denk dat mijn man een hartaanval heeft",
    "mijn moeder heeft te veel pillen genomen",
    "mijn zoon heeft een overdosis",
    "hij bloedt heel erg",
    "er is overal bloed en het stopt niet",
    "mijn moeder is gevallen en kan niet meer opstaan",
    "mijn vader ligt op de grond en zegt niks",
    "mijn kind heeft schoonmaakmiddel opgedronken",
    "mijn vader met dementie is weggelopen",
    "er moet een ambulance komen",
    "mijn oma krijgt geen lucht",
    "zijn mond hangt scheef en hij praat raar",
)

NOT_CRISIS_MESSAGES = (
    "mijn taxipas vervalt, hoe verleng ik die",
    "mijn taxipas vervalt",
    "de deur sloeg dicht",
    "de deur slaat steeds dicht door de wind",
    "mijn plant is dood",
    "ik ben doodop",
    "ik ben dood moe",
    "ik schrok me dood",
    "ik lach me dood",
    "ik heb de trein gemist",
    "ik was te laat voor de trein",
    "ik woon bij het spoor",
    "we wonen naast het spoor en het is lawaaiig",
    "misbruik van mijn pgb",
    "ik denk dat iemand misbruik maakt van mijn pgb",
    "mijn moeder is overleden",
    "sinds mijn vrouw dood is ben ik alleen",
    "ik mis mijn man zo",
    "ik ben zo moe",
    "ik ben op",
    "ik ben kapot van de zorg",
    "ik heb schulden en slaap er slecht van",
    "ik kan de huur niet meer betalen",
    "ik kan niet meer leven van mijn uitkering",
    "ik kan het niet meer aan met de zorg",
    "ik kan het niet meer aan met de zorg voor mijn moeder",
    "ik trek het niet meer met de zorg",
    "ik zie het even niet zitten",
    "ik zie het niet zitten om morgen te gaan",
    "ik voel me somber",
    "ik voel me zo down",
    "alles is te veel",
    "ik kan niet meer lopen",
    "mijn moeder kan niet meer zelf douchen",
    "ik kan niet meer zelf schoonmaken",
    "mijn moeder kan niet meer alleen thuis blijven",
    "ik moet al mijn pillen innemen maar vergeet het steeds",
    "ik heb vandaag mijn pillen ingenomen",
    "de website reageert niet",
    "de gemeente reageert niet op mijn mail",
    "mijn man met dementie raakt steeds zijn sleutels kwijt",
    "mijn zoon is zijn baan kwijt",
    "mijn zoon is weg naar zijn vader voor het weekend",
    "mijn dochter is het huis uit",
    "mijn puber is heel boos en agressief",
    "mijn kind luistert niet",
    "ik heb de was opgehangen",
    "ik wil een schilderij ophangen maar kan de trap niet op",
    "ze hing de telefoon op",
    "ik kan niet meer met een mes snijden door de reuma",
    "ik heb alarm geslagen bij de huisarts",
    "wat een klap voor ons gezin dat de uitkering stopt",
    "we klappen in de handen",
    "ik ben bang voor haar gezondheid",
    "mijn moeder zit de hele dag aan me te zeuren",
    "ik zit elke dag aan haar bed",
    "ik mag van de dokter niet naar buiten",
    "ik voel me opgesloten in mijn eigen huis",
    "ik word bedreigd met ontruiming",
    "de deurwaarder dreigt met beslag",
    "ik ben 65 en heb een vraag over de wmo",
    "ik ben 8 maanden zwanger en zoek hulp",
    "mijn jas ligt op de grond",
    "ik heb een vraag over de regiotaxi",
    "ik wil een eind maken aan de ruzie met mijn broer",
    "aan het eind van de maand heb ik geen geld",
    "ik ga dood van de hitte",
    "dat is doodzonde",
    "wat is een hartstikke goede regeling",
    "ik heb een dood gewone vraag",
    "ik ben het niet eens met het besluit",
    "laat maar",
    "nee hoeft niet",
    "ik wil niet meer gebeld worden",
    "ik wil niet meer naar de dagbesteding",
    "ik hoef niet meer",
    "wie is mijn contactpersoon",
    "Tia",
    "bel me op 06 11211234",
    "mijn hond is weggelopen",
    "ik heb geen zin meer in de cursus",
    "mijn wereld is ingestort sinds de diagnose",
    "hij heeft zich opgegeven voor de dagbesteding",
    "ik heb mijn moeder in haar rolstoel naar buiten geduwd",
)


@pytest.mark.parametrize("message", SUICIDE_MESSAGES)
def test_suicide(message: str) -> None:
    assert crisis_category(message) == "suicide"


@pytest.mark.parametrize("message", VIOLENCE_MESSAGES)
def test_violence(message: str) -> None:
    assert crisis_category(message) == "violence"


@pytest.mark.parametrize("message", CHILD_MESSAGES)
def test_child(message: str) -> None:
    assert crisis_category(message) == "child"


@pytest.mark.parametrize("message", MEDICAL_MESSAGES)
def test_medical(message: str) -> None:
    assert crisis_category(message) == "medical"


@pytest.mark.parametrize("message", NOT_CRISIS_MESSAGES)
def test_not_crisis(message: str) -> None:
    assert crisis_category(message) is None
    assert not is_crisis(message)


def test_priority_suicide_before_medical() -> None:
    """A plan for an overdose is suicide (113 first); an overdose taken is medical (112)."""
    assert crisis_category("ik ga een overdosis nemen") == "suicide"
    assert crisis_category("hij heeft een overdosis genomen") == "medical"


def test_empty() -> None:
    assert crisis_category(None) is None
    assert crisis_category("") is None
    assert not is_crisis(None)


def test_normalise_spells_out_chat_speak() -> None:
    assert normalise("K zie 't ff nie zitten!!") == "ik zie het even niet zitten"
    assert normalise("m'n man") == "mijn man"
