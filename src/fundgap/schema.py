"""JSON Schema (draft 2020-12) of each kind of TOML data file, generated from the loader's own
record classes (:mod:`fundgap.loading._documents`), so that the schema an editor checks a file
against cannot drift from what ``fundgap validate`` accepts.

The schema says what JSON Schema can say of the loader: each key and its type, which keys are
required, that no other key is allowed, text that is not blank and at most ``MAX_TEXT``
characters, the limits the loader enforces (amounts, shares, years, notice), the words of a
status, an instrument and a zone in any case and with the Finnish and Swedish aliases the loader
reads, and dates within the days it reads. What needs the registry or the other files (a
municipality's name, a category that exists, an id used once) only ``fundgap validate`` checks.

A TOML date reaches a JSON Schema validator as text (taplo passes ``2025-01-01`` as the string
``"2025-01-01"``), so the schema cannot tell a date from the same text in quotes, which the
loader refuses; nor can it count a number's decimals.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Any, Union, get_args, get_origin

import attrs

from fundgap.categories import Zone
from fundgap.limits import (
    FIRST_DAY,
    FIRST_YEAR,
    LAST_DAY,
    LAST_YEAR,
    MAX_AMOUNT,
    MAX_INDEXATION_PERCENT,
    MAX_NOTICE_MONTHS,
    MAX_TEXT,
)
from fundgap.loading._documents import (
    AgreementDoc,
    CategoryDoc,
    ClauseDoc,
    ManifestDoc,
    OrganisationDoc,
    ServiceDoc,
)
from fundgap.loading._resolving import _INSTRUMENT_ALIASES, _STATUS_ALIASES
from fundgap.model import AgreementStatus, Instrument

DRAFT = "https://json-schema.org/draft/2020-12/schema"

KINDS = ("agreement", "services", "manifest", "categories")
"""The kinds of TOML file: ``agreements/*.toml``, ``services.toml``, ``fundgap.toml`` and
``categories.toml`` (docs/format.md)."""

_TITLES = {
    "agreement": "fundgap agreement (agreements/*.toml)",
    "services": "fundgap organisations and services (services.toml)",
    "manifest": "fundgap dataset manifest (fundgap.toml)",
    "categories": "fundgap categories (categories.toml)",
}

# Each key of each record, as docs/format.md describes it: a key without one fails generation.
_DESCRIPTIONS: Mapping[type, Mapping[str, str]] = {
    ManifestDoc: {
        "name": "The dataset's name.",
        "description": "What the dataset holds.",
        "default_year": "The year analysed when --year is not given.",
    },
    OrganisationDoc: {
        "id": "The organisation's id, used once in the whole dataset.",
        "name": "The organisation's name.",
        "business_id": "The Finnish business ID (Y-tunnus), e.g. 1234567-8.",
    },
    ServiceDoc: {
        "id": "The service's id, used once in the whole dataset.",
        "name": "The service's name.",
        "organisation": "The id of the organisation that runs the service.",
        "category": "The key of the service's category.",
        "municipalities": (
            "The municipalities served (Finnish or Swedish names, or 3-digit codes), or a table "
            "of their weights, e.g. { Tampere = 80, Nokia = 20 }."
        ),
        "annual_cost": "What the service needs in euros a year.",
        "active_from": "The first day the service runs.",
        "active_until": "The last day the service runs.",
    },
    AgreementDoc: {
        "id": "The agreement's id, used once in the whole dataset.",
        "title": "The agreement's title.",
        "status": "draft, negotiation, signed or terminated (or the Finnish or Swedish word).",
        "county": "The wellbeing services county: its name (e.g. Pirkanmaa) or 2-digit code.",
        "municipalities": "The municipalities that are party to the agreement.",
        "valid_from": "The first day the agreement is valid.",
        "valid_until": "The last day the agreement is valid; none: until further notice.",
        "notice_months": "The notice period in months.",
        "indexation_percent": "Agreed indexation, percent a year.",
        "replaces": "The id of the agreement this one replaces.",
        "clauses": "Who funds what, one [[clauses]] table each.",
    },
    ClauseDoc: {
        "id": "The clause's id, used once in the agreement.",
        "county_share": "Percent of each portion in scope that the county pays.",
        "municipality_share": "Percent of its own residents' portion that each municipality pays.",
        "categories": "The keys of the categories of services in scope.",
        "services": "The ids of the services in scope.",
        "municipalities": "The parties the clause applies to; none: every party.",
        "instrument": "grant, purchase, voucher or premises (or the Finnish or Swedish word).",
        "annual_cap": "The most the clause's parties pay together in a year, in euros.",
        "valid_from": "The first day the clause is valid; none: as the agreement.",
        "valid_until": "The last day the clause is valid; none: as the agreement.",
    },
    CategoryDoc: {
        "key": "The category's key, written in the services' category.",
        "zone": "statutory, preventive or grey.",
        "label_fi": "The category's name in Finnish.",
        "label_sv": "The category's name in Swedish.",
        "label_en": "The category's name in English.",
    },
}

# The limits the resolver enforces on numbers (fundgap.loading._resolving), as (minimum,
# maximum); tests/test_schema.py checks each against the loader at and beyond its ends.
BOUNDS: Mapping[tuple[type, str], tuple[int, int]] = {
    (ManifestDoc, "default_year"): (FIRST_YEAR, LAST_YEAR),
    (ServiceDoc, "annual_cost"): (0, MAX_AMOUNT),
    (ServiceDoc, "municipalities"): (0, MAX_AMOUNT),  # each weight
    (AgreementDoc, "notice_months"): (0, MAX_NOTICE_MONTHS),
    (AgreementDoc, "indexation_percent"): (0, MAX_INDEXATION_PERCENT),
    (ClauseDoc, "county_share"): (0, 100),
    (ClauseDoc, "municipality_share"): (0, 100),
    (ClauseDoc, "annual_cap"): (0, MAX_AMOUNT),
}


def _values(choices: type[StrEnum]) -> tuple[str, ...]:
    return tuple(choice.value for choice in choices)


# The words the resolver reads for a choice, and how it folds their case before it compares
# them: a status's code with ``str.lower``, every other word with ``str.casefold``.
_Fold = Callable[[str], str]
_CHOICES: Mapping[tuple[type, str], tuple[tuple[str, ...], _Fold, tuple[str, ...]]] = {
    (AgreementDoc, "status"): (_values(AgreementStatus), str.lower, tuple(_STATUS_ALIASES)),
    (ClauseDoc, "instrument"): (_values(Instrument), str.casefold, tuple(_INSTRUMENT_ALIASES)),
    (CategoryDoc, "zone"): (_values(Zone), str.lower, ()),
}

# The lists (and tables of weights) that the resolver refuses when empty.
NOT_EMPTY = frozenset(
    {
        (ServiceDoc, "municipalities"),
        (AgreementDoc, "municipalities"),
        (ClauseDoc, "municipalities"),
    }
)

# The keys of a record of which the resolver needs at least one, not empty.
_ONE_OF: Mapping[type, tuple[str, ...]] = {ClauseDoc: ("categories", "services")}

# A key whose record class types it loosely, since the loader structures it in a second step.
_ITEMS: Mapping[tuple[type, str], type] = {(AgreementDoc, "clauses"): ClauseDoc}


def file_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of a TOML file of ``kind`` (one of :data:`KINDS`); a ``KeyError`` for
    another."""
    title = _TITLES[kind]
    if kind == "agreement":
        body = _record(AgreementDoc)
    elif kind == "manifest":
        body = _record(ManifestDoc)
    elif kind == "services":
        body = _tables({"organisations": OrganisationDoc, "services": ServiceDoc})
    else:
        body = _tables({"categories": CategoryDoc})
    return {"$schema": DRAFT, "title": title, **body}


def _tables(records: Mapping[str, type]) -> dict[str, Any]:
    """A file of arrays of tables (``[[services]]``), each optional, and nothing else."""
    return {
        "type": "object",
        "properties": {
            key: {"type": "array", "items": _record(record)} for key, record in records.items()
        },
        "additionalProperties": False,
    }


def _record(record: type) -> dict[str, Any]:
    """A table of one record class: its keys, the required ones, no others."""
    fields = attrs.fields(attrs.resolve_types(record))
    descriptions = _DESCRIPTIONS[record]
    properties: dict[str, Any] = {}
    for field in fields:
        entry: dict[str, Any] = {"description": descriptions[field.name]}
        entry.update(_value(record, field.name, field.type))
        if isinstance(field.default, str) and field.default:  # instrument: grant
            entry["default"] = field.default
        properties[field.name] = entry
    required = [field.name for field in fields if field.default is attrs.NOTHING]
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }
    if record in _ONE_OF:
        schema["anyOf"] = [
            {"required": [key], "properties": {key: {"minItems": 1}}} for key in _ONE_OF[record]
        ]
    return schema


def _value(record: type, key: str, annotation: Any) -> dict[str, Any]:
    """The schema of a value of ``annotation`` at ``key`` of ``record``."""
    options = [arg for arg in _union(annotation) if arg is not type(None)]
    if len(options) > 1:
        return {"anyOf": [_value(record, key, option) for option in options]}
    annotation = options[0]
    if (record, key) in _CHOICES:
        return _choice(*_CHOICES[record, key])
    if annotation is str:
        return {"type": "string", "pattern": r"\S", "maxLength": MAX_TEXT}
    if annotation is date:
        return _date()
    schema: dict[str, Any]
    if annotation in (int, Decimal):
        schema = {"type": "integer" if annotation is int else "number"}
        if (record, key) in BOUNDS:
            schema["minimum"], schema["maximum"] = BOUNDS[record, key]
        return schema
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        if (record, key) in _ITEMS:
            return {"type": "array", "items": _record(_ITEMS[record, key])}
        schema = {"type": "array", "items": _value(record, key, args[0])}
        if (record, key) in NOT_EMPTY:
            schema["minItems"] = 1
        return schema
    if origin is dict and args[0] is str:
        schema = {"type": "object", "additionalProperties": _value(record, key, args[1])}
        if (record, key) in NOT_EMPTY:
            schema["minProperties"] = 1
        return schema
    raise TypeError(f"no JSON Schema for {annotation!r} at {record.__name__}.{key}")


def _union(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, types.UnionType):
        return get_args(annotation)
    return (annotation,)


def _date() -> dict[str, Any]:
    """A day from FIRST_DAY to LAST_DAY, as a validator sees a TOML date: ``YYYY-MM-DD``."""
    if (FIRST_DAY.month, FIRST_DAY.day, LAST_DAY.month, LAST_DAY.day) != (1, 1, 12, 31):
        raise ValueError("the days read are no whole years: the pattern would not say them")
    years = _years(FIRST_DAY.year, LAST_DAY.year)
    return {
        "type": "string",
        "format": "date",
        "pattern": f"^(?:{years})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$",
    }


def _years(first: int, last: int) -> str:
    """A regular expression of the years ``first`` to ``last``, a whole century as one part."""
    parts = []
    for century in range(first // 100, last // 100 + 1):
        low, high = max(first, century * 100), min(last, century * 100 + 99)
        if (low, high) == (century * 100, century * 100 + 99):
            parts.append(f"{century}[0-9]{{2}}")
        else:
            parts += [str(year) for year in range(low, high + 1)]
    return "|".join(parts)


def _choice(codes: tuple[str, ...], fold: _Fold, aliases: tuple[str, ...]) -> dict[str, Any]:
    """Text that is one of ``codes`` or ``aliases`` in any case the resolver folds, with spaces
    around it: the canonical words as an ``enum`` (an editor offers them), every spelling as a
    pattern."""
    spellings = [_spelled(code, fold) for code in codes]
    spellings += [_spelled(alias, str.casefold) for alias in aliases]
    return {
        "anyOf": [
            {"enum": list(codes)},
            {"type": "string", "pattern": rf"^\s*(?:{'|'.join(spellings)})\s*$"},
        ]
    }


def _spelled(word: str, fold: _Fold) -> str:
    """A regular expression of every text that ``fold`` makes ``word``, letter by letter (a
    letter folded from several, as ß from ss, is not among them)."""
    parts = []
    for letter in word:
        if not (letter.isalpha() or letter in " -"):
            raise ValueError(f"no pattern for {letter!r} in {word!r}")
        variants = _folded_from(fold)[letter] if letter.isalpha() else (letter,)
        parts.append(variants[0] if len(variants) == 1 else f"[{''.join(variants)}]")
    return "".join(parts)


@cache
def _folded_from(fold: _Fold) -> dict[str, tuple[str, ...]]:
    """Each letter of the Basic Multilingual Plane and the letters ``fold`` makes it from."""
    found: dict[str, list[str]] = {}
    for code in range(0x10000):
        char = chr(code)
        if char.isalpha() and len(folded := fold(char)) == 1:
            found.setdefault(folded, []).append(char)
    return {letter: tuple(sorted(chars)) for letter, chars in found.items()}
