"""Properties of the gap engine (SPEC §5) over small generated datasets.

The datasets are model objects drawn by the ``engine_*`` strategies of ``tests/strategies.py``:
a few services in real municipalities of Pirkanmaa, Kainuu and Helsinki, agreements of every
status whose clauses name categories and services, and funding from every kind of funder.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import fundgap
from fundgap.analysis import GapReport, ResponsibilityStatus
from fundgap.codes import HELSINKI
from fundgap.model import Agreement, AgreementStatus, Clause, Dataset
from fundgap.money import cents
from fundgap.periods import Period
from tests.strategies import (
    ENGINE_YEARS,
    engine_agreements,
    engine_datasets,
    percentages,
)

WORST_FIRST = ["contested", "unassigned", "partial", "by_law", "assigned"]
"""SPEC §5: the responsibility statuses, worst first."""

years = st.sampled_from(ENGINE_YEARS)
as_of_days = st.dates(date(2023, 1, 1), date(2026, 12, 31))


def analyse(dataset: Dataset, year: int, as_of: date, **kwargs: Any) -> GapReport:
    return fundgap.analyse(dataset, year=year, as_of=as_of, **kwargs)


def worst(statuses: list[str]) -> str:
    """An oracle independent of the engine's ``worst``."""
    return min(statuses, key=WORST_FIRST.index)


@given(
    engine_datasets(),
    years,
    as_of_days,
    st.integers(1, 24),
    st.data(),
)
def test_analyse_never_raises(
    dataset: Dataset, year: int, as_of: date, horizon: int, data: st.DataObject
) -> None:
    drafts = data.draw(
        st.lists(st.sampled_from(sorted(dataset.agreements)), unique=True)
        if dataset.agreements
        else st.just([])
    )
    report = analyse(dataset, year, as_of, horizon_months=horizon, drafts=drafts)
    # every service active in the year is a row, and only those
    active = {s.id for s in dataset.services.values() if s.active.overlaps(Period.year(year))}
    assert {r.service.id for r in report.rows} == active
    assert report.to_dict()["schema"] == "fundgap.gaps/1"
    assert report.drafts == tuple(sorted(drafts))


@given(engine_datasets(), years, as_of_days)
def test_totals_are_the_sums_of_the_rounded_rows(dataset: Dataset, year: int, as_of: date) -> None:
    data = analyse(dataset, year, as_of).to_dict()
    rows, totals = data["rows"], data["totals"]
    for key in ("need", "funded", "gap"):
        assert Decimal(totals[key]) == sum((Decimal(r[key]) for r in rows), Decimal(0))
    assert totals["services"] == len(rows)
    assert sum(totals["by_responsibility_status"].values()) == len(rows)
    assert sum(totals["by_funding_status"].values()) == len(rows)
    # rows: largest gap first, then by service id
    keys = [(-Decimal(r["gap"]), r["service"]) for r in rows]
    assert keys == sorted(keys)


@given(engine_datasets(), years, as_of_days)
def test_gap_is_need_minus_funded_not_below_zero(dataset: Dataset, year: int, as_of: date) -> None:
    for row in analyse(dataset, year, as_of).to_dict()["rows"]:
        need, funded = Decimal(row["need"]), Decimal(row["funded"])
        assert Decimal(row["gap"]) == max(Decimal(0), need - funded)
        expected = "funded" if funded >= need else "underfunded" if funded > 0 else "unfunded"
        assert row["funding_status"] == expected
        for party in row["parties"]:
            shortfall = Decimal(party["expected"]) - Decimal(party["granted"])
            assert Decimal(party["shortfall"]) == max(Decimal(0), shortfall)


@given(engine_datasets(), years, as_of_days)
def test_portions_add_up_to_the_row_need(dataset: Dataset, year: int, as_of: date) -> None:
    report = analyse(dataset, year, as_of)
    for row in report.rows:
        # unrounded: the same arithmetic in another order, to 28 significant digits
        assert abs(sum((p.need for p in row.portions), Decimal(0)) - row.need) <= Decimal("1e-20")
        for portion in row.portions:
            segment_needs = sum((s.need for s in portion.segments), Decimal(0))
            assert segment_needs == portion.need
            assert sum(s.days for s in portion.segments) == row.active_days
        # rounded: allocated to cents so that they add up exactly
        data = row.to_dict()
        assert sum((Decimal(p["need"]) for p in data["portions"]), Decimal(0)) == Decimal(
            data["need"]
        )
        assert data["need"] == f"{cents(row.need):.2f}"


@given(engine_datasets(), years, as_of_days)
def test_an_assigned_segment_shares_exactly_100(dataset: Dataset, year: int, as_of: date) -> None:
    for row in analyse(dataset, year, as_of).rows:
        for portion in row.portions:
            for segment in portion.segments:
                total = segment.county_share + segment.municipality_share
                if segment.status is ResponsibilityStatus.ASSIGNED:
                    assert total == 100
                elif segment.status is ResponsibilityStatus.PARTIAL:
                    assert total < 100
                elif segment.status is ResponsibilityStatus.BY_LAW:
                    assert total == 100


@given(engine_datasets(), years, as_of_days)
def test_a_row_takes_the_worst_status_of_its_portions(
    dataset: Dataset, year: int, as_of: date
) -> None:
    for row in analyse(dataset, year, as_of).rows:
        portion_statuses = []
        for portion in row.portions:
            status = worst([s.status.value for s in portion.segments])
            assert portion.responsibility_status.value == status
            portion_statuses.append(status)
        assert row.responsibility_status.value == worst(portion_statuses)
        assert row.to_dict()["responsibility_status"] == worst(portion_statuses)


def _shuffled(dataset: Dataset, rng: random.Random) -> Dataset:
    services = list(dataset.services.items())
    agreements = list(dataset.agreements.items())
    funding = list(dataset.funding)
    for items in (services, agreements, funding):
        rng.shuffle(items)
    return attrs.evolve(
        dataset, services=dict(services), agreements=dict(agreements), funding=tuple(funding)
    )


@given(engine_datasets(), years, as_of_days, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_the_order_of_the_input(
    dataset: Dataset, year: int, as_of: date, rng: random.Random
) -> None:
    before = analyse(dataset, year, as_of)
    after = analyse(_shuffled(dataset, rng), year, as_of)
    assert after.to_dict() == before.to_dict()
    for old, new in zip(before.rows, after.rows, strict=True):
        assert old.flags == new.flags
        assert old.lapses == new.lapses
        assert old.cuts == new.cuts
        assert old.caps == new.caps


@st.composite
def _with_a_clause_naming_a_service(draw: st.DrawFn, dataset: Dataset) -> tuple[Dataset, str]:
    """``dataset`` with one more signed clause that names one of its services: in a new
    agreement, or added to a signed agreement already there."""
    service = draw(st.sampled_from(sorted(dataset.services.values(), key=lambda s: s.id)))
    registry = dataset.registry
    served = [m for m in service.municipalities if m != HELSINKI]
    signed = sorted(
        (
            a
            for a in dataset.agreements.values()
            if a.status is AgreementStatus.SIGNED and set(a.municipalities) & set(served)
        ),
        key=lambda a: a.id,
    )
    shares = draw(st.tuples(percentages(), percentages()))
    add_to_existing: bool = draw(st.booleans())
    if signed and add_to_existing:
        agreement = draw(st.sampled_from(signed))
        clause = Clause(
            "NEW",
            *shares,
            services=(service.id,),
            period=draw(st.none() | st.just(agreement.validity)),
        )
        changed = attrs.evolve(agreement, clauses=(*agreement.clauses, clause))
    else:
        if not served:
            return dataset, service.id  # Helsinki's alone: no agreement to add
        county = registry.municipalities[draw(st.sampled_from(served))].county
        parties = tuple(m for m in served if registry.municipalities[m].county == county)
        base = draw(engine_agreements("new-agreement"))
        changed = Agreement(
            id="new-agreement",
            title="New",
            status=AgreementStatus.SIGNED,
            county=county,
            municipalities=parties,
            validity=base.validity,
            clauses=(Clause("NEW", *shares, services=(service.id,)),),
        )
    agreements = {**dataset.agreements, changed.id: changed}
    return attrs.evolve(dataset, agreements=agreements), service.id


@given(engine_datasets(), years, as_of_days, st.data())
def test_a_signed_clause_naming_a_service_never_unassigns_an_assigned_row(
    dataset: Dataset, year: int, as_of: date, data: st.DataObject
) -> None:
    changed, _ = data.draw(_with_a_clause_naming_a_service(dataset))
    before = {r.service.id: r for r in analyse(dataset, year, as_of).rows}
    after = {r.service.id: r for r in analyse(changed, year, as_of).rows}
    assert set(before) == set(after)
    for sid, row in before.items():
        if row.responsibility_status is ResponsibilityStatus.ASSIGNED:
            assert after[sid].responsibility_status is not ResponsibilityStatus.UNASSIGNED
        for old, new in zip(row.portions, after[sid].portions, strict=True):
            if old.responsibility_status is ResponsibilityStatus.ASSIGNED:
                assert new.responsibility_status is not ResponsibilityStatus.UNASSIGNED


@given(engine_datasets(), years, as_of_days)
def test_expected_amounts_never_exceed_the_uncapped_shares(
    dataset: Dataset, year: int, as_of: date
) -> None:
    for row in analyse(dataset, year, as_of).rows:
        for cap in row.caps:
            assert 0 <= cap.factor <= 1
        uncapped: dict[str, Decimal] = {}
        for contribution in row.contributions:
            uncapped[contribution.party] = (
                uncapped.get(contribution.party, Decimal(0)) + contribution.amount
            )
        for party in row.parties:
            assert party.expected <= uncapped.get(party.party, Decimal(0)) + Decimal("1e-18")
