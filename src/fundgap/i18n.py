"""Labels, statuses and headings in English, Finnish and Swedish, as the project glossary
(GLOSSARY.md) gives them. JSON keys stay English; only what people read is translated."""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal

from fundgap.errors import UsageError
from fundgap.money import format_euros

LANGUAGES = ("en", "fi", "sv")
DEFAULT_LANGUAGE = "en"

# key → (English, Finnish, Swedish)
_TERMS: Mapping[str, tuple[str, str, str]] = {
    # responsibility statuses
    "assigned": ("assigned", "vastuu sovittu", "ansvar avtalat"),
    "partial": ("partial", "vastuu osittain sovittu", "ansvar delvis avtalat"),
    "unassigned": ("unassigned", "vastuu sopimatta (katvealue)", "ansvar oavtalat (blind fläck)"),
    "contested": ("contested", "vastuu ristiriitainen", "ansvar motstridigt"),
    "by_law": ("by law", "lain mukainen vastuu", "ansvar enligt lag"),
    # funding statuses
    "funded": ("funded", "rahoitettu", "finansierat"),
    "underfunded": ("underfunded", "alirahoitettu", "underfinansierat"),
    "unfunded": ("unfunded", "rahoittamaton", "ofinansierat"),
    # flags
    "lapsing": ("lapsing", "päättymässä", "upphör snart"),
    "cut": ("cut", "leikattu", "nedskuret"),
    "capped": ("capped", "enimmäismäärä rajaa", "begränsat av maximibelopp"),
    "draft_only": ("draft only", "vain luonnoksessa", "endast i utkast"),
    "stea_conflict": ("STEA conflict", "STEA-ristiriita", "STEA-konflikt"),
    # zones
    "statutory": ("statutory", "lakisääteinen", "lagstadgad"),
    "preventive": ("preventive", "ehkäisevä (hyte)", "förebyggande"),
    "grey": ("grey zone", "välimaasto", "gråzon"),
    # column headings
    "service": ("service", "palvelu", "tjänst"),
    "name": ("name", "nimi", "namn"),
    "organisation": ("organisation", "järjestö", "organisation"),
    "category": ("category", "palveluluokka", "kategori"),
    "zone": ("zone", "vyöhyke", "zon"),
    "municipality": ("municipality", "kunta", "kommun"),
    "municipalities": ("municipalities", "kunnat", "kommuner"),
    "county": ("county", "hyvinvointialue", "välfärdsområde"),
    "funder": ("funder", "rahoittaja", "finansiär"),
    "status": ("status", "tila", "status"),
    "need": ("need", "tarve", "behov"),
    "gap": ("gap", "vaje", "underskott"),
    "responsibility": ("responsibility", "vastuu", "ansvar"),
    "funding": ("funding", "rahoitus", "finansiering"),
    "flags": ("flags", "huomiot", "flaggor"),
    "services": ("services", "palvelut", "tjänster"),
    "party": ("party", "osapuoli", "part"),
    "share": ("share %", "osuus %", "andel %"),
    "expected": ("expected", "odotettu osuus", "förväntat bidrag"),
    "granted": ("granted", "myönnetty", "beviljat"),
    "shortfall": ("shortfall", "vajaus", "underskott"),
    "agreement": ("agreement", "sopimus", "avtal"),
    "ends": ("ends", "päättyy", "upphör"),
    "notice_deadline": ("notice deadline", "irtisanomisen määräpäivä", "sista dag för uppsägning"),
    "previous": ("year before", "edellinen vuosi", "föregående år"),
    "change": ("change %", "muutos %", "förändring %"),
    "year": ("year", "vuosi", "år"),
    "figure": ("figure", "tunnusluku", "nyckeltal"),
    "value": ("value", "arvo", "värde"),
    "other": ("other funders", "muut rahoittajat", "andra finansiärer"),
    "stea": ("STEA", "STEA", "STEA"),
}


def term(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The label of ``key`` in ``lang``; an unknown key is shown as it is."""
    labels = _TERMS.get(key)
    if labels is None:
        return key
    return labels[LANGUAGES.index(lang)] if lang in LANGUAGES else labels[0]


def check_language(lang: str | None) -> str:
    """``lang``, else ``FUNDGAP_LANG`` from the environment, else English; checked."""
    chosen = lang or os.environ.get("FUNDGAP_LANG") or DEFAULT_LANGUAGE
    if chosen not in LANGUAGES:
        raise UsageError(f"language {chosen!r} is not one of {', '.join(LANGUAGES)}")
    return chosen


def euros(amount: Decimal, lang: str = DEFAULT_LANGUAGE) -> str:
    """An amount for people to read: ``420,000.00`` in English, ``420 000,00`` in Finnish and
    Swedish (rounded half up to cents)."""
    if lang == "en":
        return format_euros(amount)
    return format_euros(amount, decimal_mark=",", group=" ")
