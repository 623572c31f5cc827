"""The words for fundgap's codes: statuses, flags, zones, funder kinds, and the names of
places and parties, each as a :class:`~fundgap.i18n.Message` or :class:`~fundgap.i18n.Names`
that a renderer puts into the output language (the glossary's words). Results carry the codes;
only what a person reads is looked up here."""

from __future__ import annotations

from collections.abc import Mapping

from fundgap.analysis.results import Flag, FundingStatus, ResponsibilityStatus
from fundgap.categories import Category, Zone
from fundgap.codes import HELSINKI_ORGANISER, CountyCode, MunicipalityCode
from fundgap.i18n.message import Message, Names, label
from fundgap.model import AgreementStatus, FunderKind
from fundgap.registry import Registry

RESPONSIBILITY: Mapping[ResponsibilityStatus, Message] = {
    ResponsibilityStatus.ASSIGNED: label("responsibility status", "assigned"),
    ResponsibilityStatus.BY_LAW: label("responsibility status", "by law"),
    ResponsibilityStatus.PARTIAL: label("responsibility status", "partial"),
    ResponsibilityStatus.UNASSIGNED: label("responsibility status", "unassigned"),
    ResponsibilityStatus.CONTESTED: label("responsibility status", "contested"),
}
FUNDING: Mapping[FundingStatus, Message] = {
    FundingStatus.FUNDED: label("funding status", "funded"),
    FundingStatus.UNDERFUNDED: label("funding status", "underfunded"),
    FundingStatus.UNFUNDED: label("funding status", "unfunded"),
}
FLAGS: Mapping[Flag, Message] = {
    Flag.LAPSING: label("flag", "lapsing"),
    Flag.CUT: label("flag", "cut"),
    Flag.STEA_CONFLICT: label("flag", "STEA conflict"),
    Flag.CAPPED: label("flag", "capped"),
    Flag.DRAFT_ONLY: label("flag", "draft only"),
}
ZONES: Mapping[Zone, Message] = {
    Zone.STATUTORY: label("zone", "statutory"),
    Zone.PREVENTIVE: label("zone", "preventive"),
    Zone.GREY: label("zone", "grey zone"),
}
AGREEMENT_STATUSES: Mapping[AgreementStatus, Message] = {
    AgreementStatus.DRAFT: label("agreement status", "draft"),
    AgreementStatus.NEGOTIATION: label("agreement status", "in negotiation"),
    AgreementStatus.SIGNED: label("agreement status", "signed"),
    AgreementStatus.TERMINATED: label("agreement status", "terminated"),
}
FUNDER_KINDS: Mapping[FunderKind, Message] = {
    FunderKind.MUNICIPALITY: label("funder kind", "municipalities"),
    FunderKind.COUNTY: label("funder kind", "counties"),
    FunderKind.STEA: label("funder kind", "STEA"),
    FunderKind.OTHER: label("funder kind", "others"),
}


def status_label(key: str) -> Message:
    """The words for a responsibility or funding status or a flag, given by its code."""
    for words in (RESPONSIBILITY, FUNDING, FLAGS):
        for status, text in words.items():
            if status.value == key:
                return text
    raise KeyError(key)


def category_name(category: Category) -> Names:
    """A category's label in each language, as the dataset (or the built-ins) gives it."""
    return Names(fi=category.label_fi, sv=category.label_sv, en=category.label_en)


def municipality_name(registry: Registry, code: MunicipalityCode) -> Names:
    """A municipality's name: Kajaani in Finnish and English, Kajana in Swedish."""
    municipality = registry.municipalities[code]
    return Names(fi=municipality.name_fi, sv=municipality.name_sv)


def county_name(registry: Registry, code: CountyCode) -> Names:
    """A county's short name: Kainuu in Finnish and English, Kajanaland in Swedish; the City
    of Helsinki, which organises its own services and is no county, by its full name."""
    county = registry.counties[code]
    if code == HELSINKI_ORGANISER:
        return Names(fi=county.name_fi, sv=county.name_sv, en=county.name_en)
    return Names(fi=county.short_fi, sv=county.short_sv)


def party_name(registry: Registry, party: str) -> Names | Message | str:
    """Who a party or funder key names (``county:20``, ``municipality:777``, ``stea``,
    ``other:<name>``), as a person calls it: the county's full name (Kainuun
    hyvinvointialue), the municipality's, STEA, or the funder's own name."""
    kind, _, code = party.partition(":")
    if kind == "county" and (county := registry.counties.get(CountyCode(code))) is not None:
        return Names(fi=county.name_fi, sv=county.name_sv, en=county.name_en)
    if kind == "municipality":
        found = registry.municipalities.get(MunicipalityCode(code))
        if found is not None:
            return Names(fi=found.name_fi, sv=found.name_sv)
    if party == "stea":
        return label("funder kind", "STEA")
    if kind == "other":
        return code
    return party
