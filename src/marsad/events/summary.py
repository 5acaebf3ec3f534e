"""One English line per event in the style of ACLED notes, from the coded fields and KB names.

No machine translation: actors, places and sources are named from their records' English
names; the verb phrase comes from the PLOVER type and mode; the status says what kind of
fact it is ("promised", "threatened", "attempted but failed").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.document import Document, Event
from marsad.kb.load import load_kb

_VERB = {
    ("ASSAULT", "clash"): "clashed with", ("ASSAULT", "occupy"): "took control of",
    ("ASSAULT", "aerial"): "carried out air strikes on", ("ASSAULT", "drone"): "carried out a drone strike on",
    ("ASSAULT", "heavy-weapons"): "shelled", ("ASSAULT", "explosives"): "carried out an explosive attack on",
    ("ASSAULT", "suicide-attack"): "carried out a suicide attack on", ("ASSAULT", "grenade"): "threw a grenade at",
    ("ASSAULT", "firearms"): "opened fire on", ("ASSAULT", "assassinate"): "assassinated",
    ("ASSAULT", "execute"): "executed", ("ASSAULT", "torture"): "tortured", ("ASSAULT", "beat"): "beat",
    ("ASSAULT", "abduct"): "abducted", ("ASSAULT", "sexual"): "sexually assaulted", ("ASSAULT", None): "attacked",
    ("ASSAULT", "attack"): "attacked",
    ("COERCE", "arrest"): "arrested", ("COERCE", "raid"): "raided", ("COERCE", "expel"): "expelled",
    ("COERCE", "seize"): "seized property of", ("COERCE", "destroy"): "destroyed property of",
    ("COERCE", "siege"): "besieged", ("COERCE", "curfew"): "imposed a curfew on",
    ("COERCE", "conscript"): "forcibly conscripted",
    ("PROTEST", "demonstrate"): "demonstrated against", ("PROTEST", "sit-in"): "held a sit-in against",
    ("PROTEST", "strike"): "went on strike against", ("PROTEST", "riot"): "rioted against",
    ("MOBILIZE", "troops"): "sent reinforcements", ("MOBILIZE", "fortify"): "fortified positions",
    ("MOBILIZE", "base"): "set up a base", ("MOBILIZE", "recruit"): "recruited fighters",
    ("MOBILIZE", "form-group"): "formed a new group", ("MOBILIZE", "dissolve"): "dissolved",
    ("RETREAT", "withdraw"): "withdrew", ("RETREAT", "handover"): "handed over positions to",
    ("RETREAT", "defect"): "defected from", ("CONCEDE", "release"): "released",
    ("CONCEDE", "amnesty"): "granted an amnesty",
    ("AGREE", "ceasefire"): "agreed a truce with", ("AGREE", "settlement"): "reached a settlement with",
    ("AGREE", "exchange"): "exchanged prisoners with", ("AGREE", None): "reached an agreement with",
    ("COOPERATE", "merge"): "merged with", ("COOPERATE", None): "cooperated with",
    ("CONSULT", "meet"): "met with", ("CONSULT", "negotiate"): "negotiated with", ("CONSULT", "visit"): "visited",
    ("CONSULT", "mediate"): "mediated between", ("CONSULT", "call"): "spoke by phone with",
    ("REQUEST", "propose"): "proposed to", ("REQUEST", "appeal"): "appealed to", ("REQUEST", None): "demanded of",
    ("ACCUSE", "condemn"): "condemned", ("ACCUSE", "complain"): "complained about", ("ACCUSE", None): "accused",
    ("REJECT", None): "rejected", ("THREATEN", "warn"): "warned", ("THREATEN", None): "threatened",
    ("SUPPORT", None): "expressed support for", ("SANCTION", None): "imposed sanctions on",
    ("AID", None): "delivered aid to",
}
_STATUS = {
    "attempted": "attempted: ", "failed": "attempted but failed: ", "planned": "planned: ",
    "promised": "promised: ", "threatened": "threatened: ", "denied": "denied: ",
    "conditional": "conditional: ", "reported_claim": "claimed: ",
}


@dataclass(frozen=True, slots=True)
class Names:
    """English names of a document's actors, people and places, indexed once per document."""

    actors: dict[str, str]
    places: dict[str, Any]


@cache
def _common_nouns() -> frozenset[str]:
    """Ids of the actors whose English name is a common noun ("Civilians" -> "civilians" inside a sentence)."""
    return frozenset(f"actor:{a.id}" for a in load_kb().actors.values() if a.common_noun)


def names_of(doc: Document) -> Names:
    common = _common_nouns()
    actors: dict[str, str] = {a.id: a.name_en[:1].lower() + a.name_en[1:] if a.id in common else a.name_en
                              for a in doc.actors}
    actors.update({p.id: p.name_en for p in doc.people})
    places: dict[str, Any] = {}
    for p in doc.places:
        places.setdefault(p.id, p)  # the first record of an id, as a scan would find it
    return Names(actors, places)


def _names(names: Names, ids: list[str]) -> str:
    out = [names.actors.get(i, i.split(":", 1)[-1].replace("-", " ")) for i in ids]
    if len(out) <= 1:
        return "".join(out)
    return ", ".join(out[:-1]) + " and " + out[-1]


def _place(names: Names, place_id: str | None) -> str:
    if not place_id:
        return ""
    place = names.places.get(place_id)
    if place is None:
        return ""
    where = place.name_en
    gov = place.governorate
    if gov:
        gov_name = names.places[gov].name_en if gov in names.places else gov
        if gov_name and gov_name.lower() not in where.lower():
            where += f" ({gov_name})"
    return f" in {where}"


def summarize(doc: Document, event: Event, names: Names | None = None) -> str:
    """The line for ``event``; pass ``names_of(doc)`` when summarising many events of one document."""
    names = names or names_of(doc)
    verb = _VERB.get((event.plover, event.mode)) or _VERB.get((event.plover, None)) or event.plover.lower()
    actor1 = _names(names, event.actor1) or "Unidentified actors"
    actor2 = _names(names, event.actor2)
    if event.plover == "ASSAULT" and not event.actor1 and event.mode in {"explosives", None, "attack"}:
        actor1 = "Unidentified actors"
    intransitive = verb in {"sent reinforcements", "fortified positions", "set up a base", "recruited fighters",
                            "formed a new group", "withdrew", "granted an amnesty"}
    sentence = f"{actor1} {verb}"
    where = _place(names, event.place)
    if (event.plover, event.mode) == ("ASSAULT", "occupy"):
        # What was taken is the place; actor2 is the side it was taken from, never the thing taken.
        sentence = f"{actor1} took control" + (f" of{where[3:]}" if where else "")
        where = ""
        if actor2:
            sentence += f" from {actor2}"
    elif actor2 and not intransitive:
        sentence += f" {actor2}"
    elif actor2:
        sentence += f" ({actor2})"
    elif verb.endswith((" with", " on", " of", " to", " at", " between", " against", " from", " about")):
        sentence = sentence.rsplit(" ", 1)[0]
    sentence += where
    if event.date.value and not event.date.value.startswith("XXXX-W"):
        sentence += f" on {event.date.value}" if event.date.precision == "day" else f" in {event.date.value}"
    extras = []
    if event.fatalities:
        extras.append(f"{event.fatalities} killed")
    if event.injured:
        extras.append(f"{event.injured} injured")
    if extras:
        sentence += f"; {', '.join(extras)}"
    prefix = _STATUS.get(event.status.value, "")
    if event.attributed_to is not None:
        who = event.attributed_to.text
        source = "local sources" if "محلي" in who else ("sources" if "مصادر" in who or "مصدر" in who else None)
        if event.attributed_to.ref:
            source = _names(names, [event.attributed_to.ref])
        source = source or event.attributed_to.outlet or "sources"
        if event.attributed_to.outlet and event.attributed_to.outlet not in source:
            source += f" speaking to {event.attributed_to.outlet}"
        sentence += f" (according to {source})"
    return prefix + sentence[:1].upper() + sentence[1:] + "."
