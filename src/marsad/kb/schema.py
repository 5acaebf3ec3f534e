"""The knowledge-base schema: what a record in ``kb/data/*.yaml`` may say.

The YAML files are data reviewed like code; these models are their contract, checked when the
knowledge base loads and by the schema test. Dates are partial ISO strings (``2012``, ``2012-11``,
``2012-11-03``) because sources rarely know the day a militia changed patron.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

FRAMINGS = ("neutral", "opposition", "government", "kurdish", "turkish")
Framing = Literal["neutral", "opposition", "government", "kurdish", "turkish"]

ACTOR_KINDS = (
    "state",            # a country acting as a whole (Russia, Iran)
    "government",       # a government or administration (the Syrian government, AANES)
    "state_forces",     # an army, its corps, divisions, police, intelligence directorates and branches
    "armed_group",      # a rebel or jihadist organisation
    "militia",          # a pro-state or communal militia
    "party",            # a political party
    "agency",           # a civilian agency, ministry or service (civil defence, media, courts)
    "ngo",              # a humanitarian or monitoring organisation
    "international",    # an international organisation or coalition (UN bodies, the US-led coalition)
    "collective",       # a descriptive group events can name: "Iran-backed militias", "unidentified gunmen"
)

# Which Mention.type an actor's names produce (the contract with the NER engineer).
KIND_TO_MENTION = {
    "state": "STATE",
    "government": "STATE",
    "state_forces": "ARMED_GROUP",
    "armed_group": "ARMED_GROUP",
    "militia": "ARMED_GROUP",
    "party": "ORG",
    "agency": "ORG",
    "ngo": "ORG",
    "international": "ORG",
    "collective": "ARMED_GROUP",
}

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_partial_date(value: str, *, end: bool = False) -> date:
    """``2012`` -> 2012-01-01 (or 2012-12-31 when ``end``); raises ValueError on anything else."""
    if not _DATE_RE.match(value):
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {value!r}")
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if end:
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return date.fromordinal(nxt.toordinal() - 1)
        return date(parts[0], parts[1], 1)
    return date(*parts)


def _as_text(value: object) -> object:
    """YAML reads `2012-11-03` as a date and `2012` as an int: keep every date as its text."""
    if isinstance(value, date | int):
        return value.isoformat() if isinstance(value, date) else str(value)
    return value


PartialDate = Annotated[str | None, BeforeValidator(_as_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Dated(_Strict):
    """A record valid from ``start`` to ``end`` (partial ISO dates, YAML keys `from`/`to`)."""

    start: PartialDate = Field(None, alias="from")
    end: PartialDate = Field(None, alias="to")

    @field_validator("start", "end")
    @classmethod
    def _dates(cls, v: str | None) -> str | None:
        if v is not None:
            parse_partial_date(v)
        return v

    def active_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.start and day < parse_partial_date(self.start):
            return False
        return not (self.end and day > parse_partial_date(self.end, end=True))


class Link(_Dated):
    """A dated tie to another actor: a patron (backed_by) or a parent (member_of)."""

    id: str
    note: str | None = None


class Forms(_Strict):
    """Surface forms by the framing they carry. ``neutral`` is what a wire service would write."""

    neutral: list[str] = []
    opposition: list[str] = []
    government: list[str] = []
    kurdish: list[str] = []
    turkish: list[str] = []

    def items(self) -> list[tuple[str, str]]:
        return [(f, framing) for framing in FRAMINGS for f in getattr(self, framing)]


class ActorRecord(_Dated):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name_en: str
    name_ar: str
    kind: Literal[ACTOR_KINDS]  # type: ignore[valid-type]
    inter_code: int | None = Field(None, ge=1, le=8)
    country: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    forms: Forms = Forms()
    # Names too common to match alone (`الباقر`): only after a group word or next to another actor.
    weak: list[str] = []
    backed_by: list[Link] = []
    member_of: list[Link] = []
    # Mention type override (e.g. NORP for "civilians"); otherwise from the kind.
    mention_type: str | None = None
    # The English name is a common noun ("Civilians"): written in lower case inside a sentence.
    common_noun: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _has_forms(self) -> ActorRecord:
        if not self.forms.items():
            raise ValueError(f"actor {self.id} has no surface forms")
        return self

    @property
    def type(self) -> str:
        return self.mention_type or KIND_TO_MENTION[self.kind]


class RoleRecord(_Dated):
    title: str
    title_ar: str | None = None
    actor: str | None = None


class PersonRecord(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name_en: str
    name_ar: str
    forms: Forms = Forms()
    aliases: list[str] = []  # other names (noms de guerre); matched like forms, framing neutral
    weak: list[str] = []     # a surname alone (`الجولاني`): only when the full name is in the article
    rank: str | None = None
    roles: list[RoleRecord] = []
    wikidata: str | None = Field(None, pattern=r"^Q\d+$")
    note: str | None = None


PLACE_KINDS = (
    "country", "governorate", "district", "subdistrict", "city", "town", "village", "neighbourhood",
    "region", "airport", "crossing", "base", "prison", "facility", "camp", "dam", "mountain",
)
FACILITY_KINDS = {"airport", "crossing", "base", "prison", "facility", "camp", "dam"}


class PlaceRecord(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9:.-]*$")
    name_en: str
    name_ar: str
    kind: Literal[PLACE_KINDS]  # type: ignore[valid-type]
    forms: list[str] = []
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    governorate: str | None = None  # English governorate name for Syrian places
    country: str = Field("SY", pattern=r"^[A-Z]{2}$")
    parent: str | None = None      # the place this one lies in (a city for a neighbourhood)
    capital: str | None = None     # for governorates and districts: the seat (gives coordinates)
    near: str | None = None        # a place whose coordinates stand in when none are known
    direction: str | None = None
    population: int | None = None
    # How often a bare name means this place rather than another with the same name (0..1).
    prior: float = Field(0.5, ge=0, le=1)
    weak: list[str] = []

    @property
    def type(self) -> str:
        return "FACILITY" if self.kind in FACILITY_KINDS else "LOCATION"
