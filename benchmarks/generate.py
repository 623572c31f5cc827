"""Generate a national-scale fundgap collection for the benchmark (SPEC §10).

One dataset folder per organiser (the 21 wellbeing services counties and the City of Helsinki),
every mainland municipality in force on 2025-01-01 by its real name and code, and, at
``--scale 1.0``: 10,000 services, 30,000 funding decisions and 2,000 agreements over the years
2022–2026. The output is the same for the same seed and scale, and it loads without a problem
(``--check`` loads it with ``fundgap.load`` to prove it).

    python benchmarks/generate.py --out /tmp/fundgap-national --scale 1.0 --seed 2025 --check

The organisations, services, agreements and decisions are invented; the municipalities, counties,
codes and populations are the registry's.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import shutil
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import fundgap
from fundgap.places import Municipality, WellbeingCounty

SERVICES = 10_000
DECISIONS = 30_000
AGREEMENTS = 2_000
FIRST_YEAR, LAST_YEAR = 2022, 2026
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)
REGISTRY_DAY = date(2025, 1, 1)
HELSINKI_ORGANISER = "90"
SERVICES_PER_FILE = 250  # larger datasets split their services into services/*.toml
NBSP = "\u00a0"

# key, weight among services, Finnish name stem, (min, max) annual cost in euros
CATEGORIES: tuple[tuple[str, int, str, int, int], ...] = (
    ("crisis_centre", 5, "Kriisikeskus", 150_000, 900_000),
    ("clubhouse", 7, "Klubitalo", 120_000, 600_000),
    ("meeting_place", 14, "Kohtaamispaikka", 15_000, 160_000),
    ("peer_support", 16, "Vertais- ja tukiryhmät", 5_000, 90_000),
    ("self_care_support", 8, "Omahoidon tuki", 10_000, 120_000),
    ("advice", 12, "Neuvonta ja ohjaus", 20_000, 250_000),
    ("low_threshold_substance", 8, "Matalan kynnyksen päihdetyö", 60_000, 500_000),
    ("health_promotion", 12, "Terveyden edistäminen", 10_000, 150_000),
    ("leisure_and_culture", 10, "Kulttuuri- ja vapaa-ajan toiminta", 5_000, 100_000),
    ("statutory_social", 4, "Tuettu asuminen", 200_000, 1_500_000),
    ("statutory_health", 4, "Kuntoutuspalvelu", 150_000, 1_200_000),
)
CATEGORY = {c[0]: c for c in CATEGORIES}
PREVENTIVE = {"health_promotion", "leisure_and_culture"}
STATUTORY = {"statutory_social", "statutory_health"}

# Agreements are thematic: one chain of successive agreements per group of municipalities and
# theme; the themes do not share categories, so only the county-wide crisis-centre agreements
# overlap with them (and are contested where their split differs).
THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mielenterveys", ("crisis_centre", "clubhouse", "low_threshold_substance", "peer_support")),
    ("kohtaaminen", ("meeting_place", "advice", "self_care_support")),
    ("hyte", ("health_promotion", "leisure_and_culture")),
    ("lakisaateiset", ("statutory_social", "statutory_health")),
)
THEME_TITLES = {
    "mielenterveys": "Mielenterveys- ja päihdejärjestöjen palvelujen rahoitusvastuut",
    "kohtaaminen": "Kohtaamispaikkojen ja neuvonnan rahoitusvastuut",
    "hyte": "Hyvinvoinnin ja terveyden edistämisen järjestöyhteistyö",
    "lakisaateiset": "Lakisääteisten järjestöpalvelujen ostot",
    "kriisi": "Kriisikeskustoiminnan rahoitus koko hyvinvointialueella",
}

# county share, municipality share: mostly 100 together, some partial, some over
SPLITS_FULL = ((60, 40), (50, 50), (70, 30), (40, 60), (100, 0), (0, 100), (30, 70), (80, 20))
SPLITS_PARTIAL = ((40, 40), (30, 50), (0, 50), (50, 25))
SPLITS_OVER = ((60, 50), (70, 40), (100, 20))
INSTRUMENTS: tuple[str, ...] = ("grant", "grant", "grant", "avustus", "purchase", "ostopalvelu")
INSTRUMENTS += ("voucher", "palveluseteli", "premises", "toimitilat")

ORGANISATION_WORDS = (
    "Mielenterveysyhdistys",
    "Kriisikeskusyhdistys",
    "Klubitaloyhdistys",
    "Omaiset",
    "Setlementti",
    "Nuorisoseura",
    "Eläkeläiset",
    "Sininauha",
    "Kohtaamo",
    "Vertaisverkko",
    "Terveysyhdistys",
    "Kulttuuriyhdistys",
)
OTHER_FUNDERS = (
    "Oma varainhankinta",
    "Suomen Kulttuurirahasto",
    "Sirpa ja Väinö Säätiö",
    "Alfred Kordelinin säätiö",
    "Yksityiset lahjoitukset",
    "Lions Club",
)


@dataclass
class ServiceSpec:
    id: str
    category: str
    municipalities: list[Municipality]
    annual_cost: Decimal
    active_from: date | None
    active_until: date | None

    def active_days(self, year: int) -> tuple[date, date] | None:
        """The first and last active day in ``year``, or None."""
        first = max(date(year, 1, 1), self.active_from or date.min)
        last = min(date(year, 12, 31), self.active_until or date.max)
        return (first, last) if first <= last else None


@dataclass
class Region:
    county: WellbeingCounty
    members: list[Municipality]
    folder: str
    services: list[ServiceSpec] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text


# -- helpers -----------------------------------------------------------------------------------


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder), summing exactly."""
    whole = sum(weights)
    if total <= 0 or whole <= 0:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def slug(text: str) -> str:
    """ASCII lower-case with dashes: ``Etelä-Pohjanmaa`` -> ``etela-pohjanmaa``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def q(text: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(text, ensure_ascii=False)


def number(value: Decimal | int) -> str:
    """A TOML number: ``420000`` or ``45250.5``."""
    return format(Decimal(value).normalize(), "f")


def business_id(rng: random.Random, used: set[str]) -> str:
    """A Y-tunnus with a valid check digit (weights 7, 9, 10, 5, 8, 4, 2; remainder 1 skipped)."""
    while True:
        digits = f"{rng.randrange(1, 3_400_000):07d}"
        remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True))
        remainder %= 11
        if remainder == 1:
            continue
        text = f"{digits}-{0 if remainder == 0 else 11 - remainder}"
        if text not in used:
            used.add(text)
            return text


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def municipality_name(rng: random.Random, m: Municipality) -> str:
    """How a person writes a municipality: mostly the Finnish name, sometimes Swedish or code."""
    roll = rng.random()
    if roll < 0.1 and m.name_sv != m.name_fi:
        return m.name_sv
    if roll < 0.2:
        return m.code.value
    return m.name_fi


# -- services ----------------------------------------------------------------------------------


def make_services(
    rng: random.Random, region: Region, count: int, used_ids: set[str]
) -> tuple[str, list[str]]:
    """The organisations TOML and the services TOML blocks of one region."""
    prefix = region.folder
    members = region.members
    organisations = max(1, round(count / 2.5))
    org_blocks = []
    for n in range(organisations):
        place = members[n % len(members)] if n < len(members) else rng.choice(members)
        lines = [
            "[[organisations]]",
            f"id = {q(f'{prefix}-o{n:04d}')}",
            f"name = {q(f'{rng.choice(ORGANISATION_WORDS)} {place.name_fi} {n + 1} ry')}",
        ]
        if rng.random() < 0.85:
            lines.append(f"business_id = {q(business_id(rng, used_ids))}")
        org_blocks.append("\n".join(lines))
    populations = [max(m.population, 1) for m in members]
    cat_keys = [c[0] for c in CATEGORIES]
    cat_weights = [c[1] for c in CATEGORIES]
    service_blocks = []
    for n in range(count):
        category = rng.choices(cat_keys, cat_weights)[0]
        _, _, stem, low, high = CATEGORY[category]
        # the first services visit every member once, so every municipality is used
        primary = members[n] if n < len(members) else rng.choices(members, populations)[0]
        size = min(len(members), rng.choices((1, 2, 3, 4), (55, 25, 12, 8))[0])
        served = [primary]
        while len(served) < size:
            other = rng.choice(members)
            if other not in served:
                served.append(other)
        cost = Decimal(rng.randrange(low, high + 1, 100))
        if rng.random() < 0.1:
            cost += Decimal("0.50")
        active_from, active_until = _active_period(rng)
        spec = ServiceSpec(f"{prefix}-s{n:05d}", category, served, cost, active_from, active_until)
        region.services.append(spec)
        organisation = f"{prefix}-o{n if n < organisations else rng.randrange(organisations):04d}"
        lines = [
            "[[services]]",
            f"id = {q(spec.id)}",
            f"name = {q(f'{stem} {primary.name_fi} {n + 1}')}",
            f"organisation = {q(organisation)}",
            f"category = {q(category)}",
            f"municipalities = {_weights(rng, served)}",
            f"annual_cost = {number(cost)}",
        ]
        if active_from is not None:
            lines.append(f"active_from = {active_from.isoformat()}")
        if active_until is not None:
            lines.append(f"active_until = {active_until.isoformat()}")
        service_blocks.append("\n".join(lines))
    head = f"# Järjestöt: {region.county.short_fi} (keksittyjä, vertailuaineisto)\n\n"
    return head + "\n\n".join(org_blocks) + "\n", service_blocks


def _active_period(rng: random.Random) -> tuple[date | None, date | None]:
    roll = rng.random()
    if roll < 0.15:
        return None, None  # active since always
    if roll < 0.60:
        return random_day(rng, date(1990, 1, 1), date(2021, 12, 31)), None
    if roll < 0.78:  # started during the benchmark years
        start = random_day(rng, date(2022, 1, 1), date(2026, 9, 30))
        return start, None if rng.random() < 0.8 else add_years(start, 3)
    # closes during the benchmark years
    start = random_day(rng, date(2000, 1, 1), date(2023, 6, 30))
    return start, random_day(rng, max(start, date(2022, 3, 31)), date(2026, 12, 31))


def _weights(rng: random.Random, served: list[Municipality]) -> str:
    if rng.random() < 0.8:  # population weights
        return "[" + ", ".join(q(municipality_name(rng, m)) for m in served) + "]"
    weights = [rng.randint(1, 100)] + [rng.randint(0, 100) for _ in served[1:]]
    pairs = [f"{q(municipality_name(rng, m))} = {w}" for m, w in zip(served, weights, strict=True)]
    return "{ " + ", ".join(pairs) + " }"


# -- agreements --------------------------------------------------------------------------------


@dataclass
class Chain:
    theme: str
    categories: tuple[str, ...]
    parties: list[Municipality]
    name: str


def make_agreements(rng: random.Random, region: Region, count: int) -> None:
    """``count`` agreement files in chains of successors, into ``region.files``."""
    if count <= 0:
        return
    members = list(region.members)
    rng.shuffle(members)
    groups: list[list[Municipality]] = []
    while members:
        size = min(len(members), rng.choices((1, 2, 3, 4, 5), (30, 25, 20, 15, 10))[0])
        groups.append(sorted(members[:size], key=lambda m: m.code))
        members = members[size:]
    chains = [Chain("kriisi", ("crisis_centre",), sorted(region.members, key=lambda m: m.code), "")]
    for theme, categories in THEMES:
        for group in groups:
            chains.append(Chain(theme, categories, group, ""))
    # with fewer agreements than chains, the county-wide chain and the first themes get them
    chains = chains[:count]
    for index, chain in enumerate(chains):
        place = slug(chain.parties[0].name_fi) if len(chain.parties) < len(region.members) else ""
        chain.name = f"{region.folder}-{chain.theme}-{place or 'alue'}-{index:03d}"
    by_municipality: dict[str, list[ServiceSpec]] = defaultdict(list)
    for service in region.services:
        for m in service.municipalities:
            by_municipality[m.code.value].append(service)
    for chain, length in zip(chains, apportion(count, [1.0] * len(chains)), strict=True):
        _chain(rng, region, chain, length, by_municipality)


def _chain(
    rng: random.Random,
    region: Region,
    chain: Chain,
    length: int,
    by_municipality: dict[str, list[ServiceSpec]],
) -> None:
    """``length`` successive agreements: signed ones over 2022–2026, a few terminated early,
    and often a draft or a negotiation for what comes next."""
    tail = length >= 2 and rng.random() < 0.5
    # a chain whose next agreement is still being negotiated when the last one ends mid-2025
    stalled = tail and rng.random() < 0.3
    end = date(2025, 6, 30) if stalled else date(2026, 12, 31)
    signed = length - tail
    start = date(2022, 1, 1) if rng.random() < 0.85 else date(rng.choice((2022, 2023)), 7, 1)
    cuts = _cut_dates(rng, start, signed, end)
    open_ended = rng.random() < 0.2
    previous: str | None = None
    for n in range(signed):
        first = cuts[n]
        last = cuts[n + 1] - timedelta(days=1) if n + 1 < signed else end
        status = "signed"
        if n + 1 < signed and rng.random() < 0.1:
            status = "terminated"  # ended early; its successor starts as planned: a gap
            last = random_day(rng, first, last - timedelta(days=1)) if first < last else last
        until = None if n + 1 == signed and open_ended and not tail else last
        identifier = f"{chain.name}-{n + 1}"
        plan = Plan(identifier, status, first, until, previous)
        _agreement(rng, region, chain, plan, by_municipality)
        previous = identifier
    if tail:
        first, until = date(2027, 1, 1), date(2028, 12, 31)
        if stalled:
            first, until = end + timedelta(days=1), date(2027, 6, 30)
        elif rng.random() < 0.4:  # renegotiating the last year already
            first = date(2026, 1, 1)
        status = rng.choice(("draft", "negotiation"))
        identifier = f"{chain.name}-{signed + 1}"
        plan = Plan(identifier, status, first, until, previous)
        _agreement(rng, region, chain, plan, by_municipality)


def _cut_dates(rng: random.Random, start: date, count: int, last: date) -> list[date]:
    """``start`` and ``count - 1`` later start days up to ``last``, in order: mostly
    1 January, else 1 July, else the first of any month, else any day."""
    need = count - 1
    days = [start + timedelta(days=i) for i in range(1, (last - start).days + 1)]
    pools = (
        [d for d in days if d.day == 1 and d.month == 1],
        [d for d in days if d.day == 1 and d.month in (1, 7)],
        [d for d in days if d.day == 1],
        days,
    )
    for pool in pools:
        if need <= len(pool) and (rng.random() < 0.7 or pool is pools[-1]):
            return [start, *sorted(rng.sample(pool, need))]
    return [start, *sorted(rng.sample(days, need))]


@dataclass(frozen=True)
class Plan:
    """One agreement of a chain: its id, status, validity and the agreement it replaces."""

    identifier: str
    status: str
    first: date
    until: date | None
    replaces: str | None


def _agreement(
    rng: random.Random,
    region: Region,
    chain: Chain,
    plan: Plan,
    by_municipality: dict[str, list[ServiceSpec]],
) -> None:
    identifier, status, first, until, replaces = (
        plan.identifier,
        plan.status,
        plan.first,
        plan.until,
        plan.replaces,
    )
    county = region.county
    county_name = rng.choice((county.short_fi, county.name_fi, county.code.value, county.short_sv))
    span = f"{first.year}–"
    if until is not None:
        span = f"{first.year}" if until.year == first.year else f"{first.year}–{until.year}"
    lines = [
        f"# {THEME_TITLES[chain.theme]}, {county.short_fi}",
        f"id = {q(identifier)}",
        f"title = {q(f'{THEME_TITLES[chain.theme]} {span}')}",
        f"status = {q(status)}",
        f"county = {q(county_name)}",
        "municipalities = [" + ", ".join(q(municipality_name(rng, m)) for m in chain.parties) + "]",
        f"valid_from = {first.isoformat()}",
    ]
    if until is not None:
        lines.append(f"valid_until = {until.isoformat()}")
    if until is None or rng.random() < 0.7:
        lines.append(f"notice_months = {rng.choice((3, 6, 6, 12))}")
    if rng.random() < 0.6:
        lines.append(f"indexation_percent = {rng.choice(('1.5', '2', '2.5', '3'))}")
    if replaces is not None:
        lines.append(f"replaces = {q(replaces)}")
    for n, clause in enumerate(_clauses(rng, chain, first, until, by_municipality), start=1):
        lines += ["", "[[clauses]]", f'id = "K{n}"', *clause]
    region.files[f"agreements/{identifier}.toml"] = "\n".join(lines) + "\n"


def _split(rng: random.Random) -> tuple[int, int]:
    roll = rng.random()
    pool = SPLITS_FULL if roll < 0.88 else SPLITS_PARTIAL if roll < 0.97 else SPLITS_OVER
    return rng.choice(pool)


def _clauses(
    rng: random.Random,
    chain: Chain,
    first: date,
    until: date | None,
    by_municipality: dict[str, list[ServiceSpec]],
) -> list[list[str]]:
    """1–8 clauses: category clauses over the theme (some for a subset of the parties, some
    for part of the validity), and service clauses that override them for one service."""
    slots = rng.randint(1, 8)
    categories = list(chain.categories)
    rng.shuffle(categories)
    services = sorted(
        {
            s.id
            for m in chain.parties
            for s in by_municipality.get(m.code.value, ())
            if s.category in chain.categories
        }
    )
    extras = min(slots - 1, rng.choice((0, 0, 1, 1, 2, 3))) if services else 0
    chunks = min(len(categories), slots - extras)
    clauses: list[list[str]] = []
    for i in range(chunks):
        scope = categories[i::chunks]
        free = slots - extras - len(clauses) - (chunks - i - 1)
        roll = rng.random()
        if free >= 2 and len(chain.parties) >= 2 and roll < 0.2:
            # a different split for some of the parties' residents
            parties = list(chain.parties)
            rng.shuffle(parties)
            cut = rng.randint(1, len(parties) - 1)
            for part in (parties[:cut], parties[cut:]):
                clauses.append(_clause(rng, scope, [], part, None))
        elif free >= 2 and until is not None and (until - first).days > 60 and roll < 0.4:
            # a split that changes half-way through the validity
            middle = first + timedelta(days=(until - first).days // 2)
            clauses.append(_clause(rng, scope, [], None, (first, middle)))
            clauses.append(_clause(rng, scope, [], None, (middle + timedelta(days=1), until)))
        else:
            period = None
            if rng.random() < 0.08:  # applies only from some day on (or until further notice)
                late = first + timedelta(days=rng.randrange(1, 200))
                period = (late, until) if until is None or late <= until else None
            clauses.append(_clause(rng, scope, [], None, period))
    for _ in range(min(extras, slots - len(clauses))):
        named = rng.sample(services, min(len(services), rng.choice((1, 1, 2))))
        clauses.append(_clause(rng, [], named, None, None))
    return clauses


def _clause(
    rng: random.Random,
    categories: list[str],
    services: list[str],
    parties: list[Municipality] | None,
    period: tuple[date, date | None] | None,
) -> list[str]:
    county_share, municipality_share = _split(rng)
    lines = []
    if categories:
        lines.append("categories = [" + ", ".join(q(c) for c in categories) + "]")
    if services:
        lines.append("services = [" + ", ".join(q(s) for s in services) + "]")
    if parties is not None:
        lines.append("municipalities = [" + ", ".join(q(m.name_fi) for m in parties) + "]")
    lines += [f"county_share = {county_share}", f"municipality_share = {municipality_share}"]
    lines.append(f"instrument = {q(rng.choice(INSTRUMENTS))}")
    if rng.random() < 0.2:
        lines.append(f"annual_cap = {rng.randrange(20_000, 600_000, 5_000)}")
    if period is not None:
        lines.append(f"valid_from = {period[0].isoformat()}")
        if period[1] is not None:
            lines.append(f"valid_until = {period[1].isoformat()}")
    return lines


# -- funding -----------------------------------------------------------------------------------


def make_funding(rng: random.Random, region: Region, count: int) -> list[tuple[int, list[str]]]:
    """``count`` funding rows for the region's services, in the Finnish Excel style, each with
    the year it starts in."""
    services = [s for s in region.services if any(s.active_days(y) for y in YEARS)]
    if not services or count <= 0:
        return []
    weights = [rng.uniform(0.3, 1.7) * sum(1 for y in YEARS if s.active_days(y)) for s in services]
    rows = []
    references: set[tuple[str, str]] = set()
    for service, k in zip(services, apportion(count, weights), strict=True):
        years = [y for y in YEARS if service.active_days(y)]
        for _ in range(k):
            year = rng.choice(years)
            row = _decision(rng, region, service, year)
            # two real decisions differ at least in their reference (the loader refuses a
            # decision written twice, also when only its spelling differs)
            while (service.id, row[-1]) in references:
                row[-1] += "b"
            references.add((service.id, row[-1]))
            rows.append((year, row))
    return rows


def _decision(rng: random.Random, region: Region, service: ServiceSpec, year: int) -> list[str]:
    active = service.active_days(year)
    assert active is not None
    first, last = active
    roll = rng.random()
    part_year = first != date(year, 1, 1) or last != date(year, 12, 31)
    if part_year and rng.random() < 0.5:
        # a grant for the calendar year to a service that opens or closes during it: counted
        # in full for the year (SPEC §5), and a validate warning
        first, last = date(year, 1, 1), date(year, 12, 31)
    elif roll < 0.1 and (last - first).days > 60:  # half a year
        middle = first + timedelta(days=(last - first).days // 2)
        first, last = (first, middle) if rng.random() < 0.5 else (middle + timedelta(1), last)
    elif roll < 0.15 and (nxt := service.active_days(year + 1)) and year < LAST_YEAR:
        last = nxt[1]  # a two-year grant
    days = (last - first).days + 1
    county = region.county
    helsinki = county.code.value == HELSINKI_ORGANISER
    kinds = ("county", "municipality", "stea", "other")
    kind_weights = [30, 30, 25, 15]
    if service.category in PREVENTIVE:
        kind_weights = [10, 55, 20, 15]
    elif service.category in STATUTORY:
        kind_weights = [70, 15, 5, 10]
    kind = rng.choices(kinds, kind_weights)[0]
    fraction = {"county": (0.3, 0.7), "municipality": (0.1, 0.5), "stea": (0.2, 0.6)}
    low, high = fraction.get(kind, (0.01, 0.1))
    amount = service.annual_cost * Decimal(rng.uniform(low, high)) * days / 365
    if rng.random() < 0.7:
        amount = (amount / 100).quantize(Decimal(1)) * 100  # whole hundreds
    else:
        amount = amount.quantize(Decimal("0.01"))
    if kind == "county" and helsinki:
        funder = rng.choice(("Helsinki", "Helsingin kaupunki", "091"))
        reference = f"Kh {rng.randint(1, 28)}.12.{year - 1} § {rng.randint(100, 999)}"
    elif kind == "county":
        funder = rng.choice((county.short_fi, county.short_fi, county.name_fi, county.code.value))
        reference = f"Aluehallitus {rng.randint(1, 28)}.12.{year - 1} § {rng.randint(100, 499)}"
    elif kind == "municipality":
        funder = municipality_name(rng, rng.choice(service.municipalities))
        reference = f"Kh {rng.randint(1, 28)}.12.{year - 1} § {rng.randint(100, 999)}"
    elif kind == "stea":
        funder = "STEA"
        reference = f"STEA Ak {year}"
    else:
        funder = rng.choice(OTHER_FUNDERS)
        reference = f"Päätös {rng.randint(1, 28)}.{rng.randint(1, 12)}.{year - 1}"
    instrument = rng.choice(("grant", "grant", "grant", "", "ostopalvelu", "purchase", "avustus"))
    return [
        service.id,
        funder,
        *_csv_dates(rng, first, last),
        _csv_amount(rng, amount),
        instrument,
        reference,
    ]


def _csv_dates(rng: random.Random, *days: date) -> list[str]:
    """``1.1.2025``, ``01.01.2025`` or ``2025-01-01``, one style per row."""
    roll = rng.random()
    if roll < 0.6:
        return [f"{day.day}.{day.month}.{day.year}" for day in days]
    if roll < 0.8:
        return [f"{day.day:02d}.{day.month:02d}.{day.year}" for day in days]
    return [day.isoformat() for day in days]


def _csv_amount(rng: random.Random, amount: Decimal) -> str:
    """``150 000,00 €`` (no-break or plain spaces), ``150000``, ``150000,00``, ``150 000 €``."""
    whole = f"{amount:.2f}"
    euros, cents = whole.split(".")
    grouped = f"{int(euros):,}"
    roll = rng.random()
    if roll < 0.45:
        return f"{grouped.replace(',', NBSP)},{cents}{NBSP}€"
    if roll < 0.6:
        return f"{grouped.replace(',', ' ')},{cents} €"
    if roll < 0.75:
        return f"{euros},{cents}"
    if roll < 0.85 and cents == "00":
        return f"{grouped.replace(',', ' ')} €"
    if roll < 0.92 and cents == "00":
        return euros
    return f"{euros}.{cents}"


def funding_csv(rows: list[list[str]]) -> bytes:
    """Finnish Excel's CSV UTF-8: BOM, ``;``, CRLF, and an empty row at the end."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["service", "funder", "start", "end", "amount", "instrument", "reference"])
    writer.writerows(rows)
    writer.writerow([""] * 7)
    return buffer.getvalue().encode("utf-8-sig")


# -- the collection ----------------------------------------------------------------------------


MARKER = "GENERATED-BY-FUNDGAP-BENCHMARK.txt"


def generate(out: Path, scale: float = 1.0, seed: int = 2025) -> dict[str, int]:
    """Write the collection to ``out`` and return the counts written. ``out`` must be empty,
    absent, or a collection this script wrote before (which is replaced)."""
    if scale <= 0:
        raise ValueError("the scale must be above 0")
    _prepare(out)
    rng = random.Random(seed)
    registry = fundgap.load_registry()
    regions = []
    for county in registry.organisers():
        members = [m for m in registry.members(county.code, REGISTRY_DAY) if not m.in_aland]
        folder = f"{county.code.value}-{slug(county.short_fi)}"
        regions.append(Region(county, members, folder))
    services = _service_counts(regions, round(SERVICES * scale))
    agreements = apportion(
        round(AGREEMENTS * scale),
        [0.0 if r.county.is_helsinki else float(len(r.members)) for r in regions],
    )
    used_ids: set[str] = set()
    totals = dict.fromkeys(("datasets", "services", "agreements", "decisions", "organisations"), 0)
    for region, count in zip(regions, services, strict=True):
        organisations, blocks = make_services(rng, region, count, used_ids)
        totals["organisations"] += organisations.count("[[organisations]]")
        if len(blocks) > 2 * SERVICES_PER_FILE:
            region.files["services.toml"] = organisations
            for start in range(0, len(blocks), SERVICES_PER_FILE):
                name = f"services/{start // SERVICES_PER_FILE + 1:02d}.toml"
                region.files[name] = "\n\n".join(blocks[start : start + SERVICES_PER_FILE]) + "\n"
        else:
            region.files["services.toml"] = organisations + "\n" + "\n\n".join(blocks) + "\n"
        totals["services"] += count
    decisions = apportion(round(DECISIONS * scale), [float(len(r.services)) for r in regions])
    planned = zip(regions, agreements, decisions, strict=True)
    for index, (region, a_count, d_count) in enumerate(planned):
        make_agreements(rng, region, a_count)
        rows = make_funding(rng, region, d_count)
        _write(out / region.folder, region, rows, per_year=index % 2 == 1)
        totals["agreements"] += a_count
        totals["decisions"] += len(rows)
        totals["datasets"] += 1
    (out / MARKER).write_text(
        f"Written by benchmarks/generate.py --scale {scale} --seed {seed}; safe to delete.\n",
        encoding="utf-8",
    )
    return totals


def _prepare(out: Path) -> None:
    """Empty ``out``, but only if it is absent, empty or written by this script."""
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SystemExit(
                f"{out}: not empty and not written by generate.py; refusing to replace"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)


def _service_counts(regions: list[Region], total: int) -> list[int]:
    """Services per region: one per member municipality first, the rest by population."""
    populations = [float(sum(m.population for m in r.members)) for r in regions]
    floor = [len(r.members) for r in regions]
    if total < sum(floor):
        return apportion(total, populations)
    extra = apportion(total - sum(floor), populations)
    return [f + e for f, e in zip(floor, extra, strict=True)]


def _write(folder: Path, region: Region, rows: list[tuple[int, list[str]]], per_year: bool) -> None:
    """One dataset folder; funding in ``funding.csv``, or per year in ``funding/`` files."""
    (folder / "agreements").mkdir(parents=True)
    manifest = [
        f"name = {q(f'{region.county.short_fi}: vertailuaineisto')}",
        "description = "
        + q(
            "Benchmark data: fictional NGO services in the real municipalities of "
            f"{region.county.name_en} ({region.county.code})"
        ),
        "default_year = 2025",
    ]
    region.files["fundgap.toml"] = "\n".join(manifest) + "\n"
    for name, text in region.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    if per_year:
        by_year: dict[int, list[list[str]]] = defaultdict(list)
        for year, row in rows:
            by_year[year].append(row)
        (folder / "funding").mkdir()
        for year, year_rows in sorted(by_year.items()):
            (folder / "funding" / f"{year}.csv").write_bytes(funding_csv(year_rows))
    else:
        (folder / "funding.csv").write_bytes(funding_csv([row for _, row in rows]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (replaced)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the sizes (1.0)")
    parser.add_argument("--seed", type=int, default=2025, help="random seed (2025)")
    parser.add_argument("--check", action="store_true", help="load the result with fundgap.load")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    totals = generate(args.out, args.scale, args.seed)
    took = time.perf_counter() - started
    print(
        ", ".join(f"{v} {k}" for k, v in totals.items()), f"written to {args.out} in {took:.1f} s"
    )
    if args.check:
        from fundgap.errors import DatasetError

        try:
            dataset = fundgap.load(args.out)
        except DatasetError as error:
            print(f"the generated collection does not load: {error}", file=sys.stderr)
            return 1
        print(
            f"loads: {len(dataset.services)} services, {len(dataset.agreements)} agreements, "
            f"{len(dataset.funding)} funding decisions, {len(dataset.organisations)} organisations"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
