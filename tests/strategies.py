"""Hypothesis strategies shared by the whole test suite.

Import from here rather than defining look-alikes in a test module, so that every test draws
days, periods, amounts and codes from the same ranges. Keep each strategy small, typed and
documented; put helpers that tests also use as oracles (e.g. the Y-tunnus check digit) next to
the strategy they belong to.
"""

from __future__ import annotations

import calendar
import functools
from datetime import date, timedelta
from decimal import Decimal

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from fundgap.codes import MunicipalityCode
from fundgap.periods import Period

FIRST_YEAR = 2000
LAST_YEAR = 2040
FIRST_DAY = date(FIRST_YEAR, 1, 1)
LAST_DAY = date(LAST_YEAR, 12, 31)
MAX_EUROS = Decimal(10_000_000)
REGISTRY_DAY = date(2025, 1, 1)
"""The day on which :func:`municipality_codes` takes the municipalities in force."""

# --- dates and periods ----------------------------------------------------------------------


def days() -> SearchStrategy[date]:
    """Days from 2000-01-01 to 2040-12-31."""
    return st.dates(FIRST_DAY, LAST_DAY)


def years() -> SearchStrategy[int]:
    """Calendar years 2000–2040."""
    return st.integers(FIRST_YEAR, LAST_YEAR)


def _leap_days() -> SearchStrategy[date]:
    leap_years = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if calendar.isleap(y)]
    return st.sampled_from([date(y, 2, 29) for y in leap_years])


@st.composite
def _any_closed(draw: st.DrawFn) -> Period:
    first, second = draw(days()), draw(days())
    return Period(min(first, second), max(first, second))


@st.composite
def _one_day(draw: st.DrawFn) -> Period:
    day = draw(days())
    return Period(day, day)


@st.composite
def _around(draw: st.DrawFn, pivots: SearchStrategy[date]) -> Period:
    """A closed period that contains a day drawn from ``pivots``, a few weeks either side."""
    pivot = draw(pivots)
    start = pivot - timedelta(days=draw(st.integers(0, 90)))
    end = pivot + timedelta(days=draw(st.integers(0, 90)))
    return Period(max(start, FIRST_DAY), min(end, LAST_DAY))


def _year_ends() -> SearchStrategy[date]:
    """New Year's Days 2001–2040, so that a period around one crosses a year end."""
    return st.integers(FIRST_YEAR + 1, LAST_YEAR).map(lambda y: date(y, 1, 1))


def closed_periods() -> SearchStrategy[Period]:
    """Closed periods of days 2000–2040: any span, one day, whole years, across a year end,
    around a leap day."""
    return st.one_of(
        _any_closed(),
        _one_day(),
        years().map(Period.year),
        _around(_year_ends()),
        _around(_leap_days()),
    )


def periods(open_end: bool = True) -> SearchStrategy[Period]:
    """Valid periods as :func:`closed_periods`, and with ``open_end`` also open-ended ones."""
    if not open_end:
        return closed_periods()
    return st.one_of(closed_periods(), days().map(Period))


# --- money ----------------------------------------------------------------------------------


def euros() -> SearchStrategy[Decimal]:
    """Non-negative euro amounts up to 10 million with at most two decimals, 0 included:
    both whole euros (``Decimal('80000')``) and cents (``Decimal('1234.50')``)."""
    return st.one_of(
        st.integers(0, int(MAX_EUROS)).map(Decimal),
        st.decimals(min_value=0, max_value=MAX_EUROS, places=2),
    )


def percentages() -> SearchStrategy[Decimal]:
    """Percentages 0–100 with at most two decimals."""
    return st.decimals(min_value=0, max_value=100, places=2)


THOUSANDS_SEPARATORS = (" ", "\u00a0", "\u202f")
"""What Finnish Excel puts between groups of thousands: a space, a no-break space or a narrow
no-break space."""


def finnish_amount_text(amount: Decimal, separator: str = " ", suffix: str = "") -> str:
    """``amount`` (non-negative, at most two decimals) as Finnish Excel writes it, e.g.
    ``150 000,00 €``; whole amounts without decimals stay without them."""
    whole, _, fraction = f"{amount:f}".partition(".")
    text = f"{int(whole):,}".replace(",", separator)
    return f"{text},{fraction}{suffix}" if fraction else text + suffix


@st.composite
def excel_amount_texts(draw: st.DrawFn) -> tuple[str, Decimal]:
    """``(text, value)``: a euro amount from :func:`euros` written as Finnish Excel does, with
    a thousands separator from :data:`THOUSANDS_SEPARATORS` or none, a decimal comma and
    maybe a trailing ``" €"``. ``value`` has exactly the decimals the text shows, so
    ``parse_amount(text)`` equals it digit for digit."""
    value = draw(euros())
    if value == value.to_integral_value() and draw(st.booleans()):
        value = value.quantize(Decimal(1))  # 80000 rather than 80000,00
    else:
        value = value.quantize(Decimal("0.01"))
    separator = draw(st.sampled_from(("", *THOUSANDS_SEPARATORS)))
    suffix = draw(st.sampled_from(("", " €", "\u00a0€")))
    return finnish_amount_text(value, separator, suffix), value


# --- codes ----------------------------------------------------------------------------------

BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_remainder(digits: str) -> int:
    """The Y-tunnus check remainder of seven digits (an oracle independent of fundgap)."""
    return sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11


def business_id_check_digit(digits: str) -> int | None:
    """The check digit for seven digits, or None when their remainder is 1 (never issued)."""
    remainder = business_id_remainder(digits)
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def _with_remainder(digits: str, remainder: int) -> str:
    """``digits`` with the last (and if need be the sixth) digit changed to give ``remainder``."""
    for sixth in (digits[5], str((int(digits[5]) + 1) % 10)):
        for last in "0123456789":
            candidate = digits[:5] + sixth + last
            if business_id_remainder(candidate) == remainder:
                return candidate
    raise AssertionError(f"no digits near {digits} give remainder {remainder}")


def business_id_digits(remainder: int | None = None) -> SearchStrategy[str]:
    """Seven ASCII digits, the body of a Y-tunnus; with ``remainder`` (0–10) only those whose
    check remainder it is, e.g. ``business_id_digits(remainder=1)`` for bodies never issued."""
    numbers = st.integers(0, 9_999_999).map(lambda n: f"{n:07d}")
    if remainder is None:
        return numbers
    if not 0 <= remainder <= 10:
        raise ValueError(f"a check remainder is 0–10, not {remainder}")
    return numbers.map(lambda digits: _with_remainder(digits, remainder))


@st.composite
def business_ids(draw: st.DrawFn, valid: bool = True) -> str:
    """Y-tunnus strings ``NNNNNNN-C``. Valid ones have the right check digit; invalid ones are
    well formed but have a wrong check digit or seven digits whose remainder is 1."""
    digits = draw(business_id_digits())
    expected = business_id_check_digit(digits)
    if valid:
        while expected is None:  # a remainder of 1 gives no valid id: try the next digits
            digits = f"{(int(digits) + 1) % 10_000_000:07d}"
            expected = business_id_check_digit(digits)
        return f"{digits}-{expected}"
    check = draw(st.integers(0, 9).filter(lambda c: c != expected))
    return f"{digits}-{check}"


@functools.cache
def _mainland_municipality_codes() -> tuple[MunicipalityCode, ...]:
    from fundgap.registry import load_registry

    in_force = load_registry().in_force(REGISTRY_DAY)
    return tuple(m.code for m in in_force if not m.in_aland)


def municipality_codes() -> SearchStrategy[MunicipalityCode]:
    """Codes of the real mainland municipalities in force on 2025-01-01 (Åland's and merged
    ones excluded); ``str(code)`` is the 3-digit text."""
    return st.deferred(lambda: st.sampled_from(_mainland_municipality_codes()))


# --- malformed input for the loader -------------------------------------------------------------


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def toml_values() -> SearchStrategy[str]:
    """TOML value texts of every type, valid and broken: what a hand edit can leave behind."""
    scalars = st.one_of(
        st.text(max_size=12).map(_toml_string),
        st.integers(-(10**20), 10**20).map(str),
        st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
        st.sampled_from(["true", "false", "2025-01-01", "2025-13-01", "1.1.2025", "nan", "inf"]),
        st.dates().map(date.isoformat),
        st.sampled_from(['"Tampere"', '"Tamepre"', '"091"', '"91"', '"Maarianhamina"', '""']),
        st.sampled_from(['"Pirkanmaa"', '"Kainuu"', '"Ahvenanmaa"', '"clubhouse"', '"x"']),
        st.text(alphabet="[]{}=,\"'#.-0123456789abc ", max_size=8),
    )
    return st.one_of(
        scalars,
        st.lists(scalars, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(st.sampled_from(["Tampere", "Nokia", "x"]), scalars, max_size=2).map(
            lambda table: "{ " + ", ".join(f"{k} = {v}" for k, v in table.items()) + " }"
        ),
    )


@st.composite
def toml_mutations(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to three hand-edit accidents: a value replaced, a line dropped or
    doubled, an unknown key or a stray line added."""
    lines = text.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, max(0, len(lines) - 1)))
        line = lines[index] if lines else ""
        action = draw(st.sampled_from(["value", "drop", "double", "key", "stray"]))
        if action == "value" and "=" in line:
            key = line.split("=", 1)[0]
            lines[index] = f"{key}= {draw(toml_values())}"
        elif action == "drop" and lines:
            del lines[index]
        elif action == "double":
            lines.insert(index, line)
        elif action == "key":
            lines.insert(index, f"{draw(st.from_regex(r'[a-z_]{1,12}', fullmatch=True))} = 1")
        else:
            lines.insert(index, draw(st.text(max_size=20)).replace("\r", ""))
    return "\n".join(lines) + "\n"


def csv_cells() -> SearchStrategy[str]:
    """Cells of a funding CSV, valid and not: amounts, dates, names, spreadsheet slips and
    junk."""
    return st.one_of(
        st.sampled_from(["tre-klubitalo", "tre-kubitalo", "", "STEA", "Tampere", "Ahvenanmaa"]),
        st.sampled_from(["1.1.2025", "31.12.2025", "2025-02-30", "31.12.25", "grant", "lahja"]),
        excel_amount_texts().map(lambda pair: pair[0]),
        st.sampled_from(["-5", "1,2,3", "12 5", "€", "1e5", "NaN", "=SUM(A1)", '"', ";"]),
        st.sampled_from(["#N/A", "#puuttuu", "a\fb", "\u2028", '"x', "45658", "1.1.2025 0:00"]),
        st.text(max_size=10),
    )


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A funding CSV with a header (sometimes damaged) and rows of random cells, in any of
    Excel's delimiters and line ends, maybe after a ``sep=`` line."""
    header = ["service", "funder", "start", "end", "amount", "instrument", "reference"]
    if draw(st.booleans()):
        header = draw(st.permutations(header))[: draw(st.integers(1, len(header)))]
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    rows = draw(st.lists(st.lists(csv_cells(), min_size=0, max_size=8), max_size=4))
    line_end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    body = [delimiter.join(header)] + [delimiter.join(row) for row in rows]
    if draw(st.booleans()):
        body.insert(0, f"sep={delimiter}")
    return bom + line_end.join(body) + line_end


# --- spreadsheet slips in a funding CSV -------------------------------------------------------
# A valid funding CSV for the service of tests/conftest.py's dataset, written in one of the
# forms Excel saves (delimiter, sep= line, line ends, encoding), with one slip that would change
# a figure if it were read in silence. Each slip knows the line where it must be reported.

FUNDING_COLUMNS = ("service", "funder", "start", "end", "amount", "instrument", "reference")

INVISIBLE_SEPARATORS = ("\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
"""What ``str.splitlines`` ends a line at besides LF and CR; Excel keeps them inside a cell."""

EXCEL_ERROR_VALUES = (
    *("#N/A", "#VALUE!", "#DIV/0!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!"),
    *("#PUUTTUU", "#ARVO!", "#JAKO/0!", "#VIITTAUS!", "#NIMI?", "#LUKU!", "#TYHJÄ!"),
    *("#SAKNAS!", "#VÄRDEFEL!", "#DIVISION/0!", "#REFERENS!", "#NAMN?", "#OGILTIGT!", "#SKÄRNING!"),
)
"""What a cell shows when its formula failed, in English, Finnish and Swedish Excel."""

DELIMITERS = (";", ",", "\t")
LINE_ENDS = ("\r\n", "\n", "\r")
_FUNDERS = ("STEA", "Tampere", "Nokia", "Pirkanmaa", "Sirpa ja Väinö Säätiö")


def comma_amount_texts() -> SearchStrategy[str]:
    """Amounts written with a comma, as English Excel writes thousands (``95,000``,
    ``1,234,567.50``) or Finnish Excel a decimal (``150000,00``): text that a comma-separated
    file splits into two cells unless it is quoted."""
    thousands = euros().filter(lambda v: v >= 1000).map(lambda v: f"{v:,}")
    decimal = st.decimals(min_value=0, max_value=MAX_EUROS, places=2).map(
        lambda v: f"{v:f}".replace(".", ",")
    )
    return st.one_of(thousands, decimal)


def excel_error_cells() -> SearchStrategy[str]:
    """An Excel error value in any case, maybe with spaces around it."""
    return st.tuples(
        st.sampled_from(EXCEL_ERROR_VALUES),
        st.sampled_from([str, str.lower, str.title]),
        st.sampled_from(["", " "]),
    ).map(lambda drawn: drawn[2] + drawn[1](drawn[0]) + drawn[2])


@st.composite
def funding_cells(draw: st.DrawFn, delimiter: str, reference: str) -> list[str]:
    """The cells of a valid funding row for ``tre-klubitalo`` with no quote and no
    ``delimiter`` in them, so that the row is written by joining them."""
    amount, _ = draw(excel_amount_texts())
    if delimiter == ",":
        amount = amount.replace(",", ".")
    start = draw(st.sampled_from(["1.1.2025", "2025-01-01", "01.01.2025"]))
    funder = draw(st.sampled_from(_FUNDERS))
    return ["tre-klubitalo", funder, start, "31.12.2025", amount, "grant", reference]


@attrs.frozen
class CsvForm:
    """How a funding CSV is saved: delimiter, ``sep=`` line, line ends, encoding."""

    delimiter: str = ";"
    sep_line: bool = False
    line_end: str = "\r\n"
    encoding: str = "utf-8-sig"  # or "utf-16-le", "utf-16-be", written with their BOM

    @property
    def first_row(self) -> int:
        """The line of the first data row."""
        return 3 if self.sep_line else 2

    def write(self, rows: list[list[str]], raw: dict[int, str] | None = None) -> bytes:
        """The file's bytes; ``raw`` gives lines (by index of ``rows``) written as they are."""
        lines = [f"sep={self.delimiter}"] if self.sep_line else []
        lines.append(self.delimiter.join(FUNDING_COLUMNS))
        for index, cells in enumerate(rows):
            lines.append((raw or {}).get(index, self.delimiter.join(cells)))
        text = self.line_end.join(lines) + self.line_end
        if self.encoding == "utf-8-sig":
            return text.encode("utf-8-sig")
        return "\ufeff".encode(self.encoding) + text.encode(self.encoding)


@st.composite
def csv_forms(draw: st.DrawFn, delimiter: str | None = None) -> CsvForm:
    """Any form Excel saves a funding CSV in (with ``delimiter`` if given)."""
    return CsvForm(
        delimiter=delimiter or draw(st.sampled_from(DELIMITERS)),
        sep_line=draw(st.booleans()),
        line_end=draw(st.sampled_from(LINE_ENDS)),
        encoding=draw(st.sampled_from(["utf-8-sig", "utf-8-sig", "utf-16-le", "utf-16-be"])),
    )


@attrs.frozen
class Slip:
    """A dataset's files with one spreadsheet slip, and where it must be reported."""

    kind: str
    files: dict[str, str | bytes | None]
    file: str
    line: int


@st.composite
def spreadsheet_slips(draw: st.DrawFn) -> Slip:
    """A valid funding CSV in any of Excel's forms with one slip in a row: an unquoted comma
    in an amount of a comma-separated file, an Excel error value in a cell, an invisible line
    separator in a cell, a quote that opens a cell and never closes, or a row pasted twice (in
    the same file, or in another file of ``funding/``)."""
    kind = draw(st.sampled_from(["comma", "error value", "separator", "quote", "duplicate"]))
    form = draw(csv_forms("," if kind == "comma" else None))
    count = draw(st.integers(1, 5))
    rows = [draw(funding_cells(form.delimiter, f"Päätös {i + 1}")) for i in range(count)]
    at = draw(st.integers(0, count - 1))
    column = draw(st.integers(0, len(FUNDING_COLUMNS) - 1))
    cells = list(rows[at])
    if kind == "comma":
        cells[4] = draw(comma_amount_texts())
    elif kind == "error value":
        cells[column] = draw(excel_error_cells())
    elif kind == "separator":
        position = draw(st.integers(0, len(cells[column])))
        separator = draw(st.sampled_from(INVISIBLE_SEPARATORS))
        cells[column] = cells[column][:position] + separator + cells[column][position:]
    elif kind == "quote":
        cells[column] = '"' + cells[column]
    raw = {at: form.delimiter.join(cells)}
    if kind == "duplicate":
        if draw(st.booleans()):  # the copy goes into a second file of funding/
            files: dict[str, str | bytes | None] = {
                "funding.csv": None,
                "funding/a.csv": form.write(rows),
                "funding/b.csv": form.write([rows[at]]),
            }
            return Slip(kind, files, "funding/b.csv", form.first_row)
        later = draw(st.integers(at + 1, count))
        rows.insert(later, rows[at])
        return Slip(kind, {"funding.csv": form.write(rows)}, "funding.csv", form.first_row + later)
    return Slip(kind, {"funding.csv": form.write(rows, raw)}, "funding.csv", form.first_row + at)


# --- gap engine datasets ----------------------------------------------------------------------
# Small datasets built as model objects (no files), for the engine's properties: a few services
# in a handful of real municipalities of two counties (and Helsinki), agreements of every
# status with clauses over the categories and services, and funding from every kind of funder.

# The engine strategies' imports sit here, with their section, so that the module's top is
# left as it was.
from fundgap.categories import Categories  # noqa: E402
from fundgap.codes import CountyCode  # noqa: E402
from fundgap.model import (  # noqa: E402
    STEA,
    Agreement,
    AgreementStatus,
    Clause,
    Dataset,
    Funder,
    FunderKind,
    FundingDecision,
    Organisation,
    Service,
)
from fundgap.registry import load_registry  # noqa: E402

ENGINE_YEARS = (2024, 2025)
"""The years the engine properties analyse (a leap year and a common one)."""

ENGINE_CATEGORIES = ("clubhouse", "meeting_place", "health_promotion", "statutory_social")
"""Built-in categories of all three zones: grey, grey, preventive, statutory."""

ENGINE_COUNTIES: dict[str, tuple[str, ...]] = {
    "08": ("837", "536", "604"),  # Pirkanmaa: Tampere, Nokia, Pirkkala
    "20": ("205", "765"),  # Kainuu: Kajaani, Sotkamo
}
ENGINE_MUNICIPALITIES = (*(m for ms in ENGINE_COUNTIES.values() for m in ms), "091")
"""The municipalities services serve; Helsinki (091) is in no agreement."""

ENGINE_SPLITS = (
    *((60, 40), (100, 0), (0, 100), (50, 50), (25, 75)),
    *((60, 40), (100, 0), (50, 50)),
    *((50, 30), (70, 40), (0, 0)),
)
"""Clause splits that give assigned, partial and contested portions."""

_ENGINE_STATUSES = ("signed", "signed", "signed", "terminated", "draft", "negotiation")
"""Agreement statuses, signed ones more often so that clauses apply."""

_ENGINE_FIRST = date(2022, 7, 1)
_ENGINE_LAST = date(2027, 6, 30)
_SINCE_ALWAYS = date(1, 1, 1)  # what the loader uses for a service without active_from


def engine_euros(max_value: int = 1_000_000) -> SearchStrategy[Decimal]:
    """Euro amounts 0–``max_value`` with at most two decimals, round and odd ones."""
    return st.one_of(
        st.sampled_from([Decimal(0), Decimal(365000), Decimal(366000), Decimal("100.005")]),
        st.integers(0, max_value).map(Decimal),
        st.decimals(min_value=0, max_value=max_value, places=2),
    )


def engine_days() -> SearchStrategy[date]:
    """Days from mid-2022 to mid-2027, around the years analysed, and their edges."""
    edges = [date(y, m, d) for y in range(2023, 2027) for m, d in ((1, 1), (12, 31), (7, 1))]
    return st.one_of(st.dates(_ENGINE_FIRST, _ENGINE_LAST), st.sampled_from(edges))


@st.composite
def engine_periods(draw: st.DrawFn, open_end: bool = True, since_always: bool = False) -> Period:
    """A period around the analysed years; maybe open-ended, maybe starting "since always"."""
    first, second = sorted((draw(engine_days()), draw(engine_days())))
    if since_always and draw(st.booleans()):
        first = _SINCE_ALWAYS
    if open_end and draw(st.booleans()):
        return Period(first)
    return Period(first, second)


@st.composite
def _sub_period(draw: st.DrawFn, outer: Period) -> Period:
    """A period inside ``outer`` (for a clause inside its agreement's validity)."""
    last = outer.last if outer.end is not None else _ENGINE_LAST
    start = draw(st.dates(outer.start, max(outer.start, min(last, _ENGINE_LAST))))
    if outer.end is None and draw(st.booleans()):
        return Period(start)
    return Period(start, draw(st.dates(start, max(start, min(last, _ENGINE_LAST)))))


@st.composite
def engine_services(draw: st.DrawFn, service_id: str) -> Service:
    """A service in one to three of :data:`ENGINE_MUNICIPALITIES`, with given weights (some
    of them 0) or population weights."""
    codes = draw(
        st.lists(
            st.sampled_from(ENGINE_COUNTIES["08"]) | st.sampled_from(ENGINE_MUNICIPALITIES),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    given = draw(st.booleans())
    if given:
        weights = draw(
            st.lists(st.integers(0, 5), min_size=len(codes), max_size=len(codes)).filter(
                lambda ws: sum(ws) > 0
            )
        )
    else:
        registry = load_registry()
        weights = [registry.municipalities[MunicipalityCode(c)].population for c in codes]
    return Service(
        id=service_id,
        name=f"Palvelu {service_id}",
        organisation="org",
        category=draw(st.sampled_from(ENGINE_CATEGORIES)),
        weights=tuple(
            (MunicipalityCode(c), Decimal(w)) for c, w in zip(codes, weights, strict=True)
        ),
        annual_cost=draw(engine_euros()),
        active=draw(engine_periods(since_always=True)),
        weights_given=given,
    )


@st.composite
def engine_clauses(
    draw: st.DrawFn,
    clause_id: str,
    parties: tuple[MunicipalityCode, ...],
    validity: Period,
    service_ids: tuple[str, ...],
    categories_in_use: tuple[str, ...] = (),
) -> Clause:
    """A clause of an agreement with ``parties`` and ``validity``, over categories (those in
    ``categories_in_use`` more often) and/or the services ``service_ids``, maybe for a subset
    of the parties, capped, or for a part of the validity."""
    pool = st.sampled_from(ENGINE_CATEGORIES)
    if categories_in_use:
        pool = st.sampled_from(categories_in_use) | pool
    categories = draw(st.lists(pool, max_size=2, unique=True))
    services: list[str] = []
    if service_ids:
        services = draw(st.lists(st.sampled_from(service_ids), max_size=2, unique=True))
    if not categories and not services:
        categories = [draw(st.sampled_from(ENGINE_CATEGORIES))]
    splits = st.sampled_from(ENGINE_SPLITS).map(lambda s: (Decimal(s[0]), Decimal(s[1])))
    county_share, municipality_share = draw(
        st.one_of(splits, splits, splits, st.tuples(percentages(), percentages()))
    )
    municipalities = draw(
        st.none() | st.lists(st.sampled_from(parties), min_size=1, unique=True).map(tuple)
    )
    return Clause(
        id=clause_id,
        county_share=county_share,
        municipality_share=municipality_share,
        categories=tuple(categories),
        services=tuple(services),
        municipalities=municipalities,
        annual_cap=draw(st.none() | engine_euros(500_000)),
        period=draw(st.none() | _sub_period(validity)),
    )


@st.composite
def engine_agreements(
    draw: st.DrawFn, agreement_id: str, services: tuple[Service, ...] = ()
) -> Agreement:
    """An agreement of one of :data:`ENGINE_COUNTIES` with some of its municipalities, of any
    status, with one or two clauses; the clauses may name ``services`` and their
    categories."""
    service_ids = tuple(s.id for s in services)
    categories_in_use = tuple(sorted({s.category for s in services}))
    county = draw(st.sampled_from(("08", "08", "20")))
    members = ENGINE_COUNTIES[county]
    parties = tuple(
        MunicipalityCode(c)
        for c in draw(
            st.just(list(members))
            | st.lists(st.sampled_from(members), min_size=1, max_size=len(members), unique=True)
        )
    )
    validity = draw(
        engine_periods()
        | st.sampled_from(
            [
                Period(date(2023, 1, 1)),
                Period(date(2024, 1, 1), date(2025, 12, 31)),
                Period(date(2025, 1, 1), date(2026, 12, 31)),
                Period(date(2024, 7, 1), date(2025, 6, 30)),
                Period.year(2024),
                Period.year(2025),
            ]
        )
    )
    clauses = tuple(
        draw(engine_clauses(f"K{i}", parties, validity, service_ids, categories_in_use))
        for i in range(draw(st.integers(1, 2)))
    )
    return Agreement(
        id=agreement_id,
        title=f"Sopimus {agreement_id}",
        status=AgreementStatus(draw(st.sampled_from(_ENGINE_STATUSES))),
        county=CountyCode(county),
        municipalities=parties,
        validity=validity,
        clauses=clauses,
        notice_months=draw(st.none() | st.integers(0, 12)),
        indexation_percent=draw(st.none() | st.decimals(min_value=0, max_value=5, places=1)),
    )


def engine_funders() -> SearchStrategy[Funder]:
    """Public funders of the engine's counties (and Helsinki), STEA and another funder."""
    return st.sampled_from(
        [
            Funder(FunderKind.MUNICIPALITY, "Tampere", MunicipalityCode("837")),
            Funder(FunderKind.MUNICIPALITY, "Nokia", MunicipalityCode("536")),
            Funder(FunderKind.MUNICIPALITY, "Helsinki", MunicipalityCode("091")),
            Funder(FunderKind.COUNTY, "Pirkanmaa", CountyCode("08")),
            Funder(FunderKind.COUNTY, "Kainuu", CountyCode("20")),
            STEA,
            Funder(FunderKind.OTHER, "Sirpa ja Väinö Säätiö"),
        ]
    )


@st.composite
def engine_funding(draw: st.DrawFn, service_ids: tuple[str, ...]) -> FundingDecision:
    """A funding decision for one of ``service_ids`` over a closed period."""
    return FundingDecision(
        service=draw(st.sampled_from(service_ids)),
        funder=draw(engine_funders()),
        period=draw(engine_periods(open_end=False)),
        amount=draw(engine_euros()),
        reference=f"Päätös {draw(st.integers(1, 999))}",
    )


@st.composite
def engine_datasets(draw: st.DrawFn, max_services: int = 4, max_agreements: int = 3) -> Dataset:
    """A small dataset as model objects, with the real registry and the built-in categories:
    one to ``max_services`` services, up to ``max_agreements`` agreements (clauses may name
    the services), up to six funding decisions."""
    service_ids = tuple(f"s{i}" for i in range(draw(st.integers(1, max_services))))
    services = {sid: draw(engine_services(sid)) for sid in service_ids}
    agreements = {
        f"a{i}": draw(engine_agreements(f"a{i}", tuple(services.values())))
        for i in range(draw(st.integers(0, max_agreements)))
    }
    funding = tuple(draw(st.lists(engine_funding(service_ids), max_size=6)))
    return Dataset(
        name="Generated",
        registry=load_registry(),
        categories=Categories(),
        organisations={"org": Organisation("org", "Testiyhdistys ry")},
        services=services,
        agreements=agreements,
        funding=funding,
    )


@st.composite
def engine_funding_in_active_years(
    draw: st.DrawFn, service: Service, max_size: int = 5
) -> tuple[FundingDecision, ...]:
    """Decisions for ``service`` whose periods lie in calendar years in which the service is
    active on some day, but may reach far outside its active days (a grant for the year to a
    service that opens or closes mid-year; a grant over two or three years)."""
    first = max(service.active.start, _ENGINE_FIRST).replace(month=1, day=1)
    last = min(service.active.last, _ENGINE_LAST).replace(month=12, day=31)

    @st.composite
    def decision(draw: st.DrawFn) -> FundingDecision:
        start, end = sorted(draw(st.lists(st.dates(first, last), min_size=2, max_size=2)))
        period = draw(
            st.sampled_from(
                [Period(start, end), Period.year(start.year), Period(start.replace(day=1), end)]
            )
        )
        return FundingDecision(
            service=service.id,
            funder=draw(engine_funders()),
            period=period,
            amount=draw(engine_euros()),
            reference=f"Päätös {draw(st.integers(1, 999))}",
        )

    return tuple(draw(st.lists(decision(), min_size=1, max_size=max_size)))


# --- more spreadsheet slips: what a tester found in the first funding CSV reader -------------

OTHER_ERROR_VALUES = (
    *("#NV", "#WERT!", "#BEZUG!", "#ZAHL!", "#ÜBERLAUF!", "#KALK!", "#DATEN_ABRUFEN"),
    *("Err:502", "Err:504", "Err:508", "Err:511", "Err:522", "Err:532"),
)
"""What a failed formula shows in German Excel, where it differs from the English form, and in
LibreOffice Calc, which shows Err: and a three-digit code for most errors."""


def other_error_cells() -> SearchStrategy[str]:
    """A value of :data:`OTHER_ERROR_VALUES` or any of LibreOffice's Err:501 to Err:539, in any
    case, maybe with spaces around it."""
    values = st.one_of(
        st.sampled_from(OTHER_ERROR_VALUES), st.integers(501, 539).map(lambda n: f"Err:{n}")
    )
    return st.tuples(
        values, st.sampled_from([str, str.lower, str.upper]), st.sampled_from(["", " "])
    ).map(lambda drawn: drawn[2] + drawn[1](drawn[0]) + drawn[2])


@st.composite
def other_error_slips(draw: st.DrawFn) -> Slip:
    """A valid funding CSV in any of Excel's forms with a German or LibreOffice error value in
    one cell of one row."""
    form = draw(csv_forms())
    count = draw(st.integers(1, 5))
    rows = [draw(funding_cells(form.delimiter, f"Päätös {i + 1}")) for i in range(count)]
    at = draw(st.integers(0, count - 1))
    cells = list(rows[at])
    cells[draw(st.integers(0, len(FUNDING_COLUMNS) - 1))] = draw(other_error_cells())
    content = form.write(rows, {at: form.delimiter.join(cells)})
    return Slip("other error value", {"funding.csv": content}, "funding.csv", form.first_row + at)


@attrs.frozen
class CommaAmount:
    """A comma-separated funding file whose row at ``line`` has an amount ``written`` with
    thousands commas and not in quotes."""

    text: str
    line: int
    written: str


@st.composite
def thousands_comma_files(draw: st.DrawFn) -> CommaAmount:
    """A comma-separated funding file with its columns in any order, each optional column
    (instrument, reference, notes, one without a heading) there or not, maybe an empty heading
    at the end (Excel's used column), whose row at ``line`` has an amount of 1 000 € or more
    written with thousands commas and not in quotes (``95,000``, ``1,250,000.50 €``). That row
    may leave out cells at its end and may end in an extra comma, so the pieces of the amount
    land in whichever columns follow it, or make the row longer than the header."""
    optional = draw(
        st.lists(st.sampled_from(["instrument", "reference", "notes", ""]), unique=True)
    )
    header = list(draw(st.permutations(["service", "funder", "start", "end", "amount", *optional])))
    if draw(st.booleans()):
        header.append("")
    cells = {
        "service": "tre-klubitalo",
        "funder": draw(st.sampled_from(_FUNDERS)),
        "start": "1.1.2025",
        "end": "31.12.2025",
        "instrument": "grant",
        "notes": "huom",
        "": "",
    }

    def row(amount: str, reference: str) -> list[str]:
        values = {**cells, "amount": amount, "reference": reference}
        return [values[name] for name in header]

    written = f"{draw(euros().filter(lambda v: v >= 1000)):,}" + draw(st.sampled_from(["", " €"]))
    bad = row(written, "Päätös X")
    after = len(header) - 1 - header.index("amount")  # cells after the amount
    bad = bad[: len(bad) - draw(st.integers(0, after))]
    if draw(st.booleans()):
        bad.append("")  # a comma at the end of the row
    count = draw(st.integers(1, 4))
    rows = [",".join(row(f"{100 + i}.50", f"Päätös {i}")) for i in range(count)]
    at = draw(st.integers(0, count - 1))
    rows[at] = ",".join(bad)
    text = "\r\n".join([",".join(header), *rows]) + "\r\n"
    return CommaAmount(text, at + 2, written)


@st.composite
def other_delimiter_slips(draw: st.DrawFn) -> Slip:
    """A valid funding CSV in any of Excel's forms with one row whose cells are separated by
    another delimiter than the header's (a row typed or pasted with ``,`` in a ``;`` file)."""
    form = draw(csv_forms())
    count = draw(st.integers(1, 5))
    rows = [draw(funding_cells(form.delimiter, f"Päätös {i + 1}")) for i in range(count)]
    at = draw(st.integers(0, count - 1))
    other = draw(st.sampled_from([d for d in DELIMITERS if d != form.delimiter]))
    content = form.write(rows, {at: other.join(rows[at])})
    return Slip("other delimiter", {"funding.csv": content}, "funding.csv", form.first_row + at)


# --- values of the wrong type for a record's key ------------------------------------------------
# What the loader reports at the key (one problem each) and replaces by a stand-in, so that the
# record's other keys are still checked in the same run.

_PLAIN_TEXT = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäö0123456789 .-", max_size=10)
_NOT_TEXT = st.one_of(
    st.integers(-1000, 10**6).map(str),
    st.sampled_from(["true", "false", "2025-01-01", "2025-01-01T12:00:00", "12:30:00", "6.5"]),
    st.sampled_from(["[]", "[1, 2]", "{ a = 1 }"]),
)
_NOT_NUMBER = st.one_of(
    _PLAIN_TEXT.map(_toml_string),
    st.sampled_from(["true", "false", "2025-01-01", "[]", "[1]", "{ a = 1 }", "nan", "-inf"]),
)
_WRONG_TYPE_VALUES: dict[str, SearchStrategy[str]] = {
    "text": st.one_of(_NOT_TEXT, st.sampled_from(['""', '"   "'])),
    "number": _NOT_NUMBER,
    "whole": st.one_of(_NOT_NUMBER, st.sampled_from(["6.5", "1.0", "1e3"])),
    "date": st.one_of(
        st.dates().map(lambda day: _toml_string(day.isoformat())),
        st.sampled_from(["2025", "true", "2025-01-01T00:00:00", "12:30:00", "[2025-01-01]"]),
    ),
    # a list of text: no list, or a list with one item that is no text
    "list": st.one_of(
        _PLAIN_TEXT.map(_toml_string),
        _NOT_TEXT.filter(lambda v: not v.startswith("[")).map(lambda v: f"[{v}]"),
        st.sampled_from(["5", "true", "{ Tampere = 1 }"]),
    ),
    # a list of municipalities or a table of weights: neither, or a table with one weight that
    # is no number
    "weights": st.one_of(
        _PLAIN_TEXT.map(_toml_string),
        st.sampled_from(["5", "true", '["Tampere", 5]', "[[]]"]),
        _NOT_NUMBER.map(lambda v: f"{{ Tampere = {v} }}"),
    ),
    # [[clauses]]: no list of tables
    "tables": st.sampled_from(['"K1"', "5", '["K1"]', "[1, 2]", '{ id = "K1" }']),
}


def wrong_type_values(kind: str) -> SearchStrategy[str]:
    """TOML values that a key of ``kind`` does not take: ``text``, ``number``, ``whole`` (a
    whole number), ``date``, ``list`` (of text), ``weights`` (municipalities or a table of
    weights) or ``tables`` (``[[clauses]]``). Each gives exactly one problem: at the key, or at
    the one item of a list or table that is of the wrong type."""
    return _WRONG_TYPE_VALUES[kind]


# --- whole datasets as files, valid and then mutated (for fuzzing every command) ----------------
# A valid dataset is written as text, the way people write it: one county's municipalities by
# name, services of the built-in categories, agreements with clauses, and funding rows as
# Finnish Excel saves them. Mutations then damage one file at the value or the byte level.

_FUZZ_MUNICIPALITIES = ("Tampere", "Nokia", "Pirkkala", "Ylöjärvi", "Kangasala")
_FUZZ_FUNDERS = ("Tampere", "Nokia", "Pirkanmaa", "Pirha", "STEA", "Sirpa ja Väinö Säätiö", "837")
_FUZZ_CATEGORIES = ("clubhouse", "meeting_place", "crisis_centre", "health_promotion")
_FUZZ_SPLITS = ((60, 40), (100, 0), (50, 50), (70, 40), (30, 20))


def _fuzz_day(draw: st.DrawFn) -> date:
    return draw(st.dates(date(2023, 1, 1), date(2027, 12, 31)))


@st.composite
def dataset_files(draw: st.DrawFn) -> dict[str, str]:
    """A valid dataset as ``{relative path: text}``: a manifest, one to three services, zero to
    two agreements of Pirkanmaa and up to six funding rows."""
    services = []
    ids = [f"s{i}" for i in range(draw(st.integers(1, 3)))]
    for sid in ids:
        first = _fuzz_day(draw)
        lines = [
            "[[services]]",
            f'id = "{sid}"',
            f"name = {_toml_text(draw(st.text(min_size=1, max_size=20).filter(str.strip)))}",
            'organisation = "org"',
            f'category = "{draw(st.sampled_from(_FUZZ_CATEGORIES))}"',
            "municipalities = "
            + _toml_list(
                draw(
                    st.lists(
                        st.sampled_from(_FUZZ_MUNICIPALITIES), min_size=1, max_size=3, unique=True
                    )
                )
            ),
            f"annual_cost = {draw(st.decimals(0, 1_000_000, places=2))}",
        ]
        if draw(st.booleans()):
            lines.append(f"active_from = {first.isoformat()}")
        if draw(st.booleans()):
            lines.append(
                f"active_until = {(first + timedelta(days=draw(st.integers(0, 900)))).isoformat()}"
            )
        services.append("\n".join(lines))
    files = {
        "fundgap.toml": 'name = "Fuzz"\ndefault_year = 2025\n',
        "services.toml": '[[organisations]]\nid = "org"\nname = "Yhdistys ry"\n\n'
        + "\n\n".join(services)
        + "\n",
    }
    for number in range(draw(st.integers(0, 2))):
        start = _fuzz_day(draw)
        parties = draw(
            st.lists(st.sampled_from(_FUZZ_MUNICIPALITIES), min_size=1, max_size=3, unique=True)
        )
        text = [
            f'id = "a{number}"',
            'title = "Sopimus"',
            f'status = "{draw(st.sampled_from(["signed", "draft", "terminated", "negotiation"]))}"',
            'county = "Pirkanmaa"',
            f"municipalities = {_toml_list(parties)}",
            f"valid_from = {start.isoformat()}",
            f"valid_until = {(start + timedelta(days=draw(st.integers(0, 1500)))).isoformat()}",
            f"notice_months = {draw(st.integers(0, 12))}",
        ]
        for clause in range(draw(st.integers(1, 2))):
            county_share, municipality_share = draw(st.sampled_from(_FUZZ_SPLITS))
            text += [
                "",
                "[[clauses]]",
                f'id = "K{clause}"',
                f"categories = {_toml_list([draw(st.sampled_from(_FUZZ_CATEGORIES))])}",
                f"county_share = {county_share}",
                f"municipality_share = {municipality_share}",
            ]
            if draw(st.booleans()):
                text.append(f"annual_cap = {draw(st.integers(0, 500_000))}")
        files[f"agreements/a{number}.toml"] = "\n".join(text) + "\n"
    rows = ["service;funder;start;end;amount;instrument;reference"]
    for number in range(draw(st.integers(0, 6))):
        start = _fuzz_day(draw)
        end = start + timedelta(days=draw(st.integers(0, 730)))
        amount, _ = draw(excel_amount_texts())
        rows.append(
            ";".join(
                [
                    draw(st.sampled_from(ids)),
                    draw(st.sampled_from(_FUZZ_FUNDERS)),
                    f"{start.day}.{start.month}.{start.year}",
                    end.isoformat(),
                    amount,
                    draw(st.sampled_from(["grant", "avustus", "purchase", ""])),
                    f"Päätös {number}",
                ]
            )
        )
    if len(rows) > 1:
        files["funding.csv"] = "\ufeff" + "\r\n".join(rows) + "\r\n"
    return files


def _toml_text(text: str) -> str:
    """``text`` as a valid TOML basic string: control characters written as escapes."""
    escaped = "".join(
        f"\\u{ord(c):04x}" if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F else c
        for c in text.replace("\\", "\\\\").replace('"', '\\"')
    )
    return f'"{escaped}"'


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join(_toml_text(item) for item in items) + "]"


_HOSTILE_TEXT = (
    "\x1b]0;owned\x07",
    "\x1b[2J",
    "\u202etxt.exe",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "a\x00b",
    "\x9b31m",
    "|pipe|",
    "a" * 5000,
)
_VALUE_MUTATIONS = (
    # wrong types
    '"text"', "true", "[1, 2]", "{ a = 1 }", "2025-01-01T00:00:00", '""', "[]",
    # huge, tiny and odd numbers
    "1e400", "-1e400", "1" + "0" * 30, "-1", "0", "1e-30", "0.000000001", "nan", "inf",
    "99999999999999999999999999999",
    # far dates
    "0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01", "2100-12-31", "1900-01-01",
    # broken references and odd names
    '"nonexistent"', '"Tamepre"', '"Maarianhamina"', '"Pertunmaa"', '"91"', '"090"',
    *(_toml_text(text) for text in _HOSTILE_TEXT),
)  # fmt: skip
_CSV_MUTATIONS = (
    "", "#N/A", "#PUUTTUU", "Err:502", "1e400", "9" * 40, "-5", "31.12.9999", "1.1.1899",
    "29.2.2025", "45658", "1.1.2025 13:00", "95,000", '"', '"x', ";", ",", "\t", "a\fb",
    "\u2028", "837.0", "20", "Tampereen kaupunki", "nonexistent", *_HOSTILE_TEXT,
)  # fmt: skip


_NUMBERS = (
    "1e400", "-1e400", "1" + "0" * 30, "-1", "0", "1e-30", "0.000000001", "1000000001",
    "99999999999999999999999999999", "nan", "inf", "1000000000",
)  # fmt: skip
_DATES = ("0001-01-01", "9999-12-31", "1899-12-31", "1900-01-01", "2100-12-31", "2101-01-01")
_CSV_DATES = (
    "1.1.0001",
    "31.12.9999",
    "31.12.1899",
    "1.1.1900",
    "31.12.2100",
    "1.1.2101",
    "0.0.2025",
)


_CSV_COLUMNS = {"number": (4,), "date": (2, 3), "text": (1, 6), "type": (0, 1, 2, 3, 4, 5, 6)}
_TOML_KEYS = {
    "number": ("annual_cost", "_share", "annual_cap", "notice_months", "default_year"),
    "date": ("valid_from", "valid_until", "active_from", "active_until"),
    "text": ("name", "title", "id", "organisation", "category", "county", "municipalities"),
}


@st.composite
def value_mutations(draw: st.DrawFn, files: dict[str, str]) -> dict[str, str]:
    """``files`` with one (sometimes two or three) values replaced: a number by a huge, tiny,
    negative or non-finite one, a date by a far one, a name or reference by a broken or hostile
    one, any value by one of the wrong type; or a line doubled (a duplicate key, table or
    row)."""
    mutated = dict(files)
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
        kind = draw(st.sampled_from(["number", "date", "text", "type", "double"]))
        name = draw(st.sampled_from(sorted(mutated)))
        lines = mutated[name].split("\n")
        if name.endswith(".csv"):
            rows = [i for i, line in enumerate(lines) if i and line]
            if not rows:
                continue
            index = draw(st.sampled_from(rows))
            cells = lines[index].split(";")
            if kind == "double":
                lines.insert(index, lines[index])
            else:
                cell = draw(st.sampled_from(_CSV_COLUMNS[kind]))
                pool = {"number": _NUMBERS, "date": _CSV_DATES}.get(kind, _CSV_MUTATIONS)
                cells[cell] = draw(st.sampled_from(pool))
                lines[index] = ";".join(cells)
        else:
            keys = _TOML_KEYS.get(kind, ("",))
            found = [
                i
                for i, line in enumerate(lines)
                if "=" in line and any(k in line.split("=")[0] for k in keys)
            ]
            if not found:
                continue
            index = draw(st.sampled_from(found))
            if kind == "double":
                lines.insert(index, lines[index])
            else:
                key = lines[index].split("=", 1)[0]
                pool = {"number": _NUMBERS, "date": _DATES}.get(kind, _VALUE_MUTATIONS)
                lines[index] = f"{key}= {draw(st.sampled_from(pool))}"
        mutated[name] = "\n".join(lines)
    return mutated


_INSERTS = (
    b'"', b";", b",", b"\t", b"\r", b"\n", b"\x0c", "\u2028".encode(), b"\xef\xbb\xbf",
    b"\x00", b"\xff\xfe", b"\xc3\x28", b"\x80", b"[", b"]", b"{", b"=", b"#", b"\\",
)  # fmt: skip


@st.composite
def byte_mutations(draw: st.DrawFn, files: dict[str, str]) -> dict[str, str | bytes]:
    """``files`` with one file damaged byte by byte: quotes, delimiters, line separators, BOMs,
    NUL and invalid UTF-8 inserted, a piece doubled, or the file cut short."""
    mutated: dict[str, str | bytes] = dict(files)
    name = draw(st.sampled_from(sorted(files)))
    data = files[name].encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "insert", "double", "cut"]))
        if action == "insert":
            data = data[:at] + draw(st.sampled_from(_INSERTS)) + data[at:]
        elif action == "double":
            data = data[:at] + data[at : at + draw(st.integers(1, 40))] + data[at:]
        else:
            data = data[:at]
    mutated[name] = data
    return mutated
