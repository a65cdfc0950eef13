"""Which numbers the crisis answer puts first, also when no crisis pattern matched.

A message is a crisis when the lexicon or the classifier says so (``crisis_guard``). The lexicon
also names the kind of danger; when only the classifier recognised the crisis, the kind is
unknown and the answer falls back to the general list (112 first, then 113, Veilig Thuis, ...).
This module makes a cautious second guess from the words of the message: it names a kind only
when the words of exactly one kind are there ("niet meer wakker worden" → suicide; "ademt niet" →
medical; "slaat" about a child → child), and otherwise keeps the general list, which is never
wrong, only less direct.

It is only about the answer: whether a message is a crisis is decided elsewhere.
"""

from __future__ import annotations

import re

from .crisis_lexicon import CHILD, MEDICAL, SUICIDE, VIOLENCE, crisis_category, normalise

_SUICIDE_WORDS = re.compile(
    r"\bzelfmoord|\bsuicid|\bzelfdoding|\bdood\s+(?:willen|wil|gaan)\b|\bwil\s+(?:ik\s+)?dood\b"
    r"|\bniet\s+meer\s+(?:leven|bestaan|wakker\s+worden|hier\s+zijn|verder\s+willen)\b"
    r"|\b(?:eind|einde)\s+aan\s+(?:mijn|zijn|haar|het)\s+leven\b|\ber\s+een\s+(?:eind|einde)\s+aan"
    r"|\bafscheids\w*|\bsnij\w*\s+(?:mezelf|mijzelf|zichzelf|in\s+mijn)|\bkrassen\b"
    r"|\bzelfbeschadig\w*|\bophangen\b|\btouw\b|\bspringen\b|\bvoor\s+de\s+trein\b|\b113\b"
    r"|\bniemand\s+(?:zal|zou)\s+(?:me|mij)\s+missen\b|\bleven\s+(?:heeft\s+)?geen\s+zin\b"
    r"|\ber\s+(?:\w+\s+){0,2}niet\s+meer\s+(?:willen\s+|wil\s+|te\s+)?zijn\b"
    r"|\bstop\s+(?:ik\s+)?ermee\b|\bermee\s+(?:stoppen|ophouden)\b|\b(?:eind|einde)\s+an\b"
    r"|\bafscheid\b|\bspullen\s+weggegeven\b|\blaatste\s+dag\b|\bvan\s+het\s+leven\s+beroven\b"
    r"|\b(?:allemaal|alles)\s+(?:in)?genomen\b|\bbrug\b|\bbij\s+het\s+water\b|\bspringt\b"
)
_MEDICAL_WORDS = re.compile(
    r"\badem\w*|\bbenauwd|\bbewusteloos|\bbewustzijn|\breageert\s+niet\b|\bpijn\s+op\s+de\s+borst"
    r"|\bhart\w*|\bberoerte|\bscheve\s+mond|\bverlamd|\bbloed\w*|\bepilep\w*|\bstuip\w*"
    r"|\baanval\b|\bflauw\w*|\bin\s+elkaar\s+gezakt|\bzakte?\s+(?:in\s+elkaar|weg)\b|\bkan\s+niet\s+(?:meer\s+)?opstaan"
    r"|\bgevallen\b|\bvergiftig\w*|\bingeslikt|\bopgedronken|\bschoonmaakmiddel\w*|\bhypo\b"
    r"|\binsuline|\bsuiker\b|\bkoorts|\bblauw\w*\s+(?:lippen|aangelopen)|\bambulance"
    r"|\b(?:is|ziet|wordt)\s+(?:helemaal\s+)?(?:blauw|grauw|grijs)\b|\bomgevallen\b|\bsuf\b"
    r"|\bverdr(?:onken|inkt|inken)\b|\bniet\s+meer\s+bewegen\b|\bpraat\s+(?:\w+\s+)?onduidelijk"
    r"|\breageert\s+(?:bijna|nauwelijks|amper)\s+niet\b|\bslap\b|\bxtc\b|\bverward\b"
    r"|\bvalt\s+(?:\w+\s+)?om\b|\bovergeven\b|\bdubbel\s+zien\b|\bzie\s+(?:\w+\s+)?dubbel\b"
)
_VIOLENCE_WORDS = re.compile(
    r"\bsla(?:at|an|g)\b|\bsloeg|\bgeslagen|\bschop\w*|\bwurg\w*|\bmes\b|\bmessen\b|\bwapen"
    r"|\bdreig\w*|\bbedreig\w*|\bmishandel\w*|\bgeweld\w*|\bduw\w*|\bopgesloten|\bsluit\s+me\s+op"
    r"|\bschreeuw\w*|\bgilt\b(?!\s+van\s+(?:de\s+)?pijn)|\bgillen\b|\bintrap\w*"
    r"|\b(?:bonkt|bonken)\s+(?:\w+\s+){0,5}(?:deur|raam|muur)|\bvuurwapen|\bgeweer\b|\bneerschiet\w*"
    r"|\bneer\s*steken\b|\bneergestoken|\bin\s+brand\s+(?:te\s+)?steken\b|\bbenzine\b"
    r"|\bdood\s*maakt\b|\bdoden\b|\baangevallen\b|\bvalt\s+(?:me|mij)\s+aan\b|\bwoedend\b"
    r"|\bgevlucht\b|\bglas\s+(?:\w+\s+)?breken\b|\bkapot\s+gegooid\b"
    r"|\bingetrapt|\bachtervolg\w*|\bstalk\w*|\bvermoord\w*"
    r"|\bmaakt?\s+(?:me|mij|haar|hem|ons|jou|je)\s+(?:\w+\s+)?dood\b"
    r"|\b(?:me|mij|haar|hem|ons|jou|je)\s+(?:\w+\s+)?dood\s*(?:maakt|maken|maak)\b"
    r"|\b(?:zit|zat|zitten)\s+(?:\w+\s+)?aan\s+(?:haar|hem|mij|me)\b|\baan\s+(?:haar|hem|mij|me)\s+zit\b"
)
_CHILD_WORDS = re.compile(
    r"\bkind\w*|\bzoon\w*|\bdochter\w*|\bmeisje\b|\bjongen\b|\btiener|\bbaby\b|\bpeuter"
    r"|\bnichtje\b|\bneefje\b|\bbroertje\b|\bzusje\b|\bklein(?:kind|zoon|dochter)\w*"
    r"|\bkleuter|\bpuber|\b(?:[1-9]|1[0-7])\s+jaar\b|\bvermist|\bweggelopen|\bkwijt\b"
    r"|\bik\s+ben\s+(?:[1-9]|1[0-7])\b|\bmijn\s+(?:moeder|vader|ouders|stiefvader|stiefmoeder)"
    r"\s+(?:slaat|slaan|schopt|schoppen|sluit|sluiten)\b|\bschool\b|\brapport\b|\bleerling\w*"
    r"|\bstief(?:vader|moeder)\b|\bmoeders\s+vriend\b|\bvan\s+(?:[1-9]|1[0-7])\b(?!\s*(?:jaar|uur))"
)


def answer_category(text: str | None) -> str | None:
    """The kind of danger for the crisis answer: the lexicon's, else a cautious guess."""
    category = crisis_category(text)
    if category or not text:
        return category
    plain = normalise(text)
    kinds = {
        SUICIDE: bool(_SUICIDE_WORDS.search(plain)),
        MEDICAL: bool(_MEDICAL_WORDS.search(plain)),
        VIOLENCE: bool(_VIOLENCE_WORDS.search(plain)),
    }
    found = [kind for kind, present in kinds.items() if present]
    about_a_child = bool(_CHILD_WORDS.search(plain))
    if not found:
        # A child missing or in danger, with no other kind named.
        return CHILD if about_a_child else None
    if len(found) > 1:
        return None
    if found[0] == VIOLENCE and about_a_child:
        return CHILD
    return found[0]
