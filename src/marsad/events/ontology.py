"""The event vocabularies marsad codes into: PLOVER types and modes, ACLED types, CAMEO roots.

PLOVER (the successor of CAMEO used by POLECAT) says *what kind of interaction* happened;
ACLED says *what kind of political violence or development* it is. marsad codes every event
in PLOVER and, where ACLED records that kind of event, in ACLED too. ``docs/ontology.md``
documents the same tables for users.
"""

from __future__ import annotations

from dataclasses import dataclass

# PLOVER event types with the modes marsad assigns (the first mode of each is its default reading).
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": ("agreement", "ceasefire", "settlement", "exchange"),
    "CONSULT": ("meet", "visit", "negotiate", "mediate", "call"),
    "SUPPORT": ("praise", "endorse"),
    "CONCEDE": ("release", "amnesty", "ease", "apologize"),
    "COOPERATE": ("military", "coordinate", "merge"),
    "AID": ("humanitarian", "military", "economic"),
    "RETREAT": ("withdraw", "handover", "evacuate", "defect"),
    "REQUEST": ("demand", "appeal", "propose"),
    "ACCUSE": ("accuse", "condemn", "complain"),
    "REJECT": ("refuse",),
    "THREATEN": ("military", "coerce", "warn"),
    "PROTEST": ("demonstrate", "sit-in", "strike", "riot", "mob"),
    "SANCTION": ("sanctions", "boycott", "ban"),
    "MOBILIZE": ("troops", "alert", "fortify", "base", "recruit", "form-group", "dissolve"),
    "COERCE": ("arrest", "raid", "expel", "seize", "destroy", "siege", "curfew", "conscript"),
    "ASSAULT": ("attack", "clash", "occupy", "aerial", "drone", "heavy-weapons", "firearms", "explosives",
                "suicide-attack", "grenade", "assassinate", "execute", "torture", "beat", "abduct", "sexual"),
}
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_MODES)

# CAMEO two-digit roots -> PLOVER type (the PLOVER codebook's crosswalk, simplified to roots).
CAMEO_ROOT_TO_PLOVER: dict[str, str | None] = {
    "01": None,          # make public statement: not an event in PLOVER
    "02": "REQUEST",     # appeal
    "03": None,          # express intent: marsad codes the intended act with a status (planned, promised)
    "04": "CONSULT",
    "05": "COOPERATE",   # diplomatic cooperation (054/057 agreements -> AGREE, see CAMEO_CODE_TO_PLOVER)
    "06": "COOPERATE",   # material cooperation
    "07": "AID",
    "08": "CONCEDE",     # yield (087 de-escalation, 0871 ceasefire -> AGREE; 0874 retreat -> RETREAT)
    "09": None,          # investigate
    "10": "REQUEST",     # demand
    "11": "ACCUSE",      # disapprove
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",    # exhibit force posture
    "16": "SANCTION",    # reduce relations
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",     # fight
    "20": "ASSAULT",     # unconventional mass violence
}
# Finer CAMEO codes whose PLOVER type differs from their root's.
CAMEO_CODE_TO_PLOVER: dict[str, str] = {
    "057": "AGREE", "054": "AGREE", "0871": "AGREE", "0874": "RETREAT", "081": "CONCEDE",
    "0841": "CONCEDE", "051": "SUPPORT", "052": "SUPPORT", "013": "SUPPORT",
}


def cameo_to_plover(code: str) -> str | None:
    """The PLOVER type of a CAMEO code (`190` -> ASSAULT, `0871` -> AGREE, `010` -> None)."""
    code = code.strip()
    for length in (4, 3):
        if code[:length] in CAMEO_CODE_TO_PLOVER:
            return CAMEO_CODE_TO_PLOVER[code[:length]]
    return CAMEO_ROOT_TO_PLOVER.get(code[:2])


# ACLED event types and their sub-event types (ACLED codebook, 2023 edition).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}

# Statuses under which ACLED records an event at all (it records what happened, not promises).
ACLED_STATUSES = frozenset({"occurred", "attempted", "failed", "reported_claim"})

_REMOTE = {"aerial": "Air/drone strike", "drone": "Air/drone strike",
           "heavy-weapons": "Shelling/artillery/missile attack", "explosives": "Remote explosive/landmine/IED",
           "suicide-attack": "Suicide bomb", "grenade": "Grenade"}
_STRATEGIC = {
    ("AGREE", None): "Agreement",
    ("COERCE", "arrest"): "Arrests", ("COERCE", "raid"): "Arrests", ("COERCE", "conscript"): "Arrests",
    ("COERCE", "seize"): "Looting/property destruction", ("COERCE", "destroy"): "Looting/property destruction",
    ("RETREAT", "withdraw"): "Non-violent transfer of territory",
    ("RETREAT", "handover"): "Non-violent transfer of territory",
    ("RETREAT", "defect"): "Change to group/activity",
    ("COOPERATE", "merge"): "Change to group/activity",
    ("MOBILIZE", "base"): "Headquarters or base established",
    ("MOBILIZE", "form-group"): "Change to group/activity",
    ("MOBILIZE", "dissolve"): "Change to group/activity",
}
# PLOVER types ACLED does not record as events (statements, requests, diplomacy).
_NOT_ACLED = frozenset({"CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "SANCTION", "AID"})
ARMED_KINDS = frozenset({"state", "state forces", "armed group", "militia", "state_forces", "armed_group",
                         "collective", "rebel group", "military", "police", "intelligence", "coalition"})


# Not frozen, like lexicon.Hit: built often, never changed (hashable as if frozen).
@dataclass(slots=True, unsafe_hash=True)
class AcledCode:
    event_type: str | None
    sub_event_type: str | None


def acled_code(plover: str, mode: str | None, status: str, *, actor1_state: bool = False,
               target_armed: bool | None = None) -> AcledCode:
    """ACLED type and sub-type of a PLOVER event, from its mode, status and who was involved.

    ``actor1_state``: the initiator is a state force (territory *regained* rather than *overtaken*).
    ``target_armed``: the target is an armed actor (a shooting is then a battle, not violence
    against civilians); None when the target is unknown.
    """
    if status not in ACLED_STATUSES or plover in _NOT_ACLED:
        return AcledCode(None, None)
    if plover == "ASSAULT":
        if mode in _REMOTE:
            if status == "failed" and mode in {"explosives", "suicide-attack", "grenade"}:
                return AcledCode("Strategic developments", "Disrupted weapons use")
            return AcledCode("Explosions/Remote violence", _REMOTE[mode])
        if mode == "occupy":
            sub = "Government regains territory" if actor1_state else "Non-state actor overtakes territory"
            return AcledCode("Battles", sub)
        if mode == "clash":
            return AcledCode("Battles", "Armed clash")
        if mode == "abduct":
            return AcledCode("Violence against civilians", "Abduction/forced disappearance")
        if mode == "sexual":
            return AcledCode("Violence against civilians", "Sexual violence")
        if target_armed:
            return AcledCode("Battles", "Armed clash")
        return AcledCode("Violence against civilians", "Attack")
    if plover == "PROTEST":
        if mode == "riot":
            return AcledCode("Riots", "Violent demonstration")
        if mode == "mob":
            return AcledCode("Riots", "Mob violence")
        return AcledCode("Protests", "Peaceful protest")
    if plover == "AGREE":
        return AcledCode("Strategic developments", "Agreement")
    sub = _STRATEGIC.get((plover, mode)) or _STRATEGIC.get((plover, None))
    if sub:
        return AcledCode("Strategic developments", sub)
    return AcledCode("Strategic developments", "Other")
