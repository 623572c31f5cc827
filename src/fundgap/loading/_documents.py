"""The raw shape of each TOML record, structured strictly with one cattrs converter.

These classes say which keys a file may hold and of what type; they know nothing of the
registry. Every type error and unknown key of a record comes back at once as a list of
``(key path, message, expected)``, so the loader can report them all with their lines.

:func:`salvage` then builds a record with such problems all the same, with a stand-in in place
of each value that had a problem, so that its other keys can be checked in the same run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, cast, get_args

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from fundgap.errors import did_you_mean
from fundgap.i18n.message import Message, Number, Quoted, label, message
from fundgap.limits import FIRST_DAY, LAST_DAY, MAX_DECIMALS, MAX_TEXT
from fundgap.loading._toml import Path

if TYPE_CHECKING:
    from attrs import AttrsInstance

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class ManifestDoc:
    name: str
    description: str = ""
    default_year: int | None = None


@attrs.frozen(kw_only=True)
class OrganisationDoc:
    id: str
    name: str
    business_id: str | None = None


@attrs.frozen(kw_only=True)
class ServiceDoc:
    id: str
    name: str
    organisation: str
    category: str
    municipalities: list[str] | dict[str, Decimal]
    annual_cost: Decimal
    active_from: date | None = None
    active_until: date | None = None


@attrs.frozen(kw_only=True)
class ClauseDoc:
    id: str
    county_share: Decimal
    municipality_share: Decimal
    categories: list[str] = attrs.Factory(list)
    services: list[str] = attrs.Factory(list)
    municipalities: list[str] | None = None
    instrument: str = "grant"
    annual_cap: Decimal | None = None
    valid_from: date | None = None
    valid_until: date | None = None


@attrs.frozen(kw_only=True)
class AgreementDoc:
    id: str
    title: str
    status: str
    county: str
    municipalities: list[str]
    valid_from: date
    valid_until: date | None = None
    notice_months: int | None = None
    indexation_percent: Decimal | None = None
    replaces: str | None = None
    clauses: list[dict[str, Any]] = attrs.Factory(list)


@attrs.frozen(kw_only=True)
class CategoryDoc:
    key: str
    zone: str
    label_fi: str
    label_sv: str
    label_en: str


class InvalidValueError(ValueError):
    """A value of the wrong type: ``message`` says what is wrong, ``expected`` what was
    expected instead; ``str()`` is the English of the message."""

    def __init__(self, words: Message, expected: Message) -> None:
        super().__init__(words.text)
        self.message = words
        self.expected = expected

    def __str__(self) -> str:
        return str(self.message)


# What a salvaged record holds in place of a value that had a problem: empty text, a negative
# number, a list of one empty name. Where the resolver checks the key, the stand-in fails the
# check, so nothing is built on it (no county, no parties, no share); whatever the resolver
# reports at a stand-in is dropped, since the key is reported already. A date is not checked on
# its own: the resolver takes a period with a stand-in at either end as unknown.
STAND_IN_TEXT = ""
STAND_IN_NUMBER = Decimal(-1)
STAND_IN_DATE = date.min

TEXT = message("text in quotes")
NUMBER = message("a number without quotes, e.g. 150000 or 12.5")
WHOLE = message("a whole number without quotes, e.g. 6")
DATE = message("a date without quotes, e.g. 2025-01-01")
DATE_RANGE = message("a date from {first} to {last}", first=FIRST_DAY, last=LAST_DAY)
TEXT_LIST = message('a list of text, e.g. ["Tampere", "Nokia"]')
WEIGHTS = message(
    'a list of municipalities, e.g. ["Tampere", "Nokia"], or weights, e.g. {weights}',
    weights="{ Tampere = 80, Nokia = 20 }",
)

_EXPECTED: dict[object, Message] = {
    str: TEXT,
    Decimal: NUMBER,
    int: WHOLE,
    date: DATE,
    list[str]: TEXT_LIST,
    list[str] | dict[str, Decimal]: WEIGHTS,
    list[dict[str, Any]]: message("a list of tables written as [[clauses]]"),
}


def _describe(value: object) -> Message | str:
    """What kind of value ``value`` is, with the value as the file writes it (a number as
    TOML writes it: it is where to look, and no number is too large to show)."""
    if isinstance(value, bool):
        return message("true/false ({value})", value=str(value).lower())
    if isinstance(value, str):
        return message("text {value}", value=Quoted(value))
    if isinstance(value, datetime):
        return message("a date and time ({value})", value=value.isoformat())
    if isinstance(value, date):
        return message("a date ({value})", value=value)
    if isinstance(value, time):
        return message("a time of day ({value})", value=value.isoformat())
    if isinstance(value, int | Decimal):
        return message("a number ({value})", value=str(value))
    if isinstance(value, list):
        return label("kind of value", "a list")
    if isinstance(value, dict):
        return label("kind of value", "a table")
    return type(value).__name__


def _wrong_kind(value: object) -> Message:
    """``is a number (5)``: a value of the wrong kind."""
    return message("is {value}", value=_describe(value))


def _text(value: object, _type: object) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(_wrong_kind(value), TEXT)
    if not value.strip():
        raise InvalidValueError(message("is empty"), TEXT)
    _not_too_long(value)
    return value.strip()


def _not_too_long(text: str) -> None:
    """Text longer than the limit, as in a CSV cell (SPEC §4 "Limits"): no name or title is."""
    if len(text) > MAX_TEXT:
        raise InvalidValueError(
            message(
                "has {count} characters, more than {most}",
                count=Number(len(text)),
                most=Number(MAX_TEXT),
            ),
            message("text of at most {most} characters", most=Number(MAX_TEXT)),
        )


def _number(value: object, _type: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        if isinstance(value, str):
            raise InvalidValueError(
                message("is {value} (write numbers without quotes)", value=_describe(value)),
                NUMBER,
            )
        raise InvalidValueError(_wrong_kind(value), NUMBER)
    if isinstance(value, int):  # most numbers: whole, so finite and without decimals
        return Decimal(value)
    if not value.is_finite():
        raise InvalidValueError(
            message("is {value}, which is not a finite number", value=str(value)), NUMBER
        )
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite number's is
    if exponent < -MAX_DECIMALS:
        raise InvalidValueError(
            message(
                "is {value}, which has {decimals} decimals, more than {most}",
                value=str(value),
                decimals=-exponent,
                most=MAX_DECIMALS,
            ),
            message(
                "a number with at most {most} decimals, e.g. 150000 or 12.5", most=MAX_DECIMALS
            ),
        )
    return value


def _whole(value: object, _type: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(_wrong_kind(value), WHOLE)
    return value


def _date(value: object, _type: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        if isinstance(value, str):
            raise InvalidValueError(
                message("is {value} (write dates without quotes)", value=_describe(value)), DATE
            )
        raise InvalidValueError(_wrong_kind(value), DATE)
    if value < FIRST_DAY:
        raise InvalidValueError(
            message("is {day}, before {first}", day=value, first=FIRST_DAY), DATE_RANGE
        )
    if value > LAST_DAY:
        raise InvalidValueError(
            message("is {day}, after {last}", day=value, last=LAST_DAY), DATE_RANGE
        )
    return value


def _text_list(value: object, _type: object) -> list[str]:
    if not isinstance(value, list):
        raise InvalidValueError(_wrong_kind(value), TEXT_LIST)
    items = [item.strip() for item in value if isinstance(item, str)]
    if len(items) == len(value) and all(items) and max(map(len, value), default=0) <= MAX_TEXT:
        return items
    return _strict(*_text_items(value), "a list of text", list[str])


def _text_items(value: list[object]) -> tuple[list[str], list[Exception]]:
    """The items as text, with a stand-in for each that is not; and the errors, each noted with
    its index."""
    items, errors = [], []
    for index, item in enumerate(value):
        try:
            if not isinstance(item, str) or not item.strip():
                raise InvalidValueError(_wrong_kind(item), TEXT)
            _not_too_long(item)
            items.append(item.strip())
        except InvalidValueError as error:
            items.append(STAND_IN_TEXT)
            errors.append(_noted(error, index, str))
    return items, errors


def _weight_items(value: dict[str, object]) -> tuple[dict[str, Decimal], list[Exception]]:
    """The weights as numbers, with a stand-in for each that is not; and the errors, each noted
    with its municipality."""
    weights, errors = {}, []
    for name, weight in value.items():
        try:
            weights[name] = _number(weight, Decimal)
        except InvalidValueError as error:
            weights[name] = STAND_IN_NUMBER
            errors.append(_noted(error, name, Decimal))
    return weights, errors


def _strict(items: T, errors: list[Exception], what: str, annotation: Any) -> T:
    if errors:
        raise IterableValidationError(what, errors, annotation)
    return items


def _noted(error: Exception, index: int | str, item_type: object) -> Exception:
    """``error`` marked as the one of item ``index`` (a list's index or a table's key)."""
    error.__notes__ = [IterableValidationNote(f"item {index}", index, item_type)]
    return error


def _weights(value: object, _type: object) -> list[str] | dict[str, Decimal]:
    if isinstance(value, dict):
        try:
            return {name: _number(weight, Decimal) for name, weight in value.items()}
        except InvalidValueError:
            return _strict(*_weight_items(value), "a table of weights", dict[str, Decimal])
    if isinstance(value, list):
        return _text_list(value, list[str])
    raise InvalidValueError(_wrong_kind(value), WEIGHTS)


def _tables(value: object, _type: object) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InvalidValueError(_wrong_kind(value), _expected(list[dict[str, Any]]))
    return value


def _converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(Decimal, _number)
    converter.register_structure_hook(int, _whole)
    converter.register_structure_hook(date, _date)
    hooks: list[tuple[object, Callable[[object, object], object]]] = [
        (list[str], _text_list),
        (list[str] | dict[str, Decimal], _weights),
        (list[dict[str, Any]], _tables),
    ]
    for annotation, hook in hooks:
        converter.register_structure_hook_func(_is(annotation), hook)
    return converter


def _is(annotation: object) -> Callable[[object], bool]:
    return lambda candidate: candidate == annotation


CONVERTER = _converter()

Found = tuple[Path, Message, Message]  # key path, what is wrong, what is expected


def structure(raw: object, doc_type: type[T], at: Path) -> T | list[Found]:
    """``raw`` as a ``doc_type``, or every problem in it, each with its key path."""
    if not isinstance(raw, dict):
        return [(at, _wrong_kind(raw), message("a table of keys and values"))]
    try:
        return CONVERTER.structure(raw, doc_type)
    except (ClassValidationError, IterableValidationError) as error:
        return list(_flatten(error, at, doc_type))


def _flatten(error: BaseException, at: Path, expected_type: object) -> Iterator[Found]:
    if isinstance(error, ClassValidationError):
        noted, plain = error.group_exceptions()
        for inner, note in noted:
            yield from _flatten(inner, (*at, note.name), note.type)
        for inner in plain:
            yield from _flatten(inner, at, expected_type)
    elif isinstance(error, IterableValidationError):
        noted_items, plain_items = error.group_exceptions()
        for inner, item_note in noted_items:
            yield from _flatten(inner, (*at, item_note.index), item_note.type)
        for inner in plain_items:
            yield from _flatten(inner, at, expected_type)
    elif isinstance(error, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(error.cl)]
        for key in sorted(error.extra_fields):
            yield (
                (*at, key),
                message("is not a known key{hint}", hint=did_you_mean(_meant(key, known))),
                message("one of {keys}", keys=", ".join(known)),
            )
    elif isinstance(error, KeyError):
        yield at, message("is missing"), _expected(expected_type)
    elif isinstance(error, InvalidValueError):
        yield at, error.message, error.expected
    else:
        yield at, message("is not valid ({error})", error=str(error)), _expected(expected_type)


def _meant(key: str, known: list[str]) -> list[str]:
    """The known key that an unknown ``key`` is probably a misspelling of, if any."""
    return difflib.get_close_matches(key, known, n=1)


def _expected(annotation: object) -> Message:
    """What a key of this type should hold; ``X | None`` reads as ``X``."""
    return _EXPECTED.get(_without_none(annotation)) or label("expected", "a value")


Salvaged = tuple[T, tuple[Path, ...]]  # the document, and the key paths of its stand-ins

_STAND_INS: dict[object, object] = {
    str: STAND_IN_TEXT,
    Decimal: STAND_IN_NUMBER,
    int: -1,
    date: STAND_IN_DATE,
    list[str]: [STAND_IN_TEXT],
    list[str] | dict[str, Decimal]: [STAND_IN_TEXT],
    list[dict[str, Any]]: [],
}


def salvage(raw: dict[str, Any], doc_type: type[T], at: Path, found: list[Found]) -> Salvaged[T]:
    """``raw`` as a ``doc_type`` all the same, after :func:`structure` ``found`` problems in it.

    A key with a problem holds a stand-in (the key's whole value; in a list of text or a table
    of weights only the items with a problem); so does a key that an unknown key misspells,
    unless it is written too, since the value meant for it is not known. The other keys hold
    their values; unknown keys are left out. Returns the document and the key paths of its
    stand-ins.
    """
    fields = attrs.fields(attrs.resolve_types(cast("type[AttrsInstance]", doc_type)))
    names = [field.name for field in fields]
    keys = {where[len(at)] for where, _, _ in found if len(where) > len(at)}
    for key in [key for key in keys if key not in names]:
        keys.update(meant for meant in _meant(str(key), names) if meant not in raw)
    values: dict[str, object] = {}
    stand_ins: list[Path] = []
    for field in fields:
        name, annotation = field.name, field.type
        if name not in keys:
            if name in raw:
                values[name] = CONVERTER.structure(raw[name], annotation)
            continue
        items = _items(raw.get(name), annotation)
        if items is None:
            stand_in = _STAND_INS[_without_none(annotation)]
            values[name] = list(stand_in) if isinstance(stand_in, list) else stand_in
            stand_ins.append((*at, name))
        else:
            values[name], bad = items
            stand_ins += [(*at, name, index) for index in bad]
    return doc_type(**values), tuple(stand_ins)


def _items(value: object, annotation: object) -> tuple[object, list[int | str]] | None:
    """A list of text or a table of weights with a stand-in for each item that has a problem,
    and those items' indexes or names; None when the value is no such list or table at all."""
    lists = (list[str], list[str] | dict[str, Decimal])
    if isinstance(value, list) and _without_none(annotation) in lists:
        items, errors = _text_items(value)
    elif isinstance(value, dict) and annotation == list[str] | dict[str, Decimal]:
        items, errors = _weight_items(value)  # type: ignore[assignment]
    else:
        return None
    return items, [_index(error) for error in errors]


def _index(error: Exception) -> int | str:
    note = error.__notes__[0]
    assert isinstance(note, IterableValidationNote)
    return note.index


def _without_none(annotation: object) -> object:
    """``X | None`` as ``X``; any other annotation as it is."""
    if type(None) in get_args(annotation):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation
