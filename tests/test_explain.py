"""``fundgap explain`` reproduces every number of its row from what it prints: the need from
the annual cost and days, the portions from the weights, funding from each decision's days,
and each party's expected amount from the contributions and cap factors it lists."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import fundgap
from fundgap.analysis import GapRow
from fundgap.i18n import translate
from fundgap.i18n.labels import FLAGS, party_name
from fundgap.i18n.translation import written
from fundgap.loading import example_path
from fundgap.model import Dataset
from fundgap.money import cents
from fundgap.render.explain import explanation_text

DAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def examples() -> Dataset:
    return fundgap.load(example_path())


def rows(dataset: Dataset) -> list[GapRow]:
    return [
        row
        for year in (2024, 2025, 2026)
        for row in fundgap.analyse(dataset, year=year, as_of=DAY).rows
    ]


def test_every_explained_number_adds_up(examples: Dataset) -> None:
    checked = 0
    for row in rows(examples):
        document = fundgap.explain(examples, row.service.id, year=row.year, as_of=DAY).to_dict()
        cost = Decimal(document["annual_cost"])
        # need = annual cost × active days / days in the year
        expected_need = cost * document["active_days"] / document["days_in_year"]
        assert cents(expected_need) == Decimal(document["row"]["need"])
        # each portion = need × weight / total weight; the portions add up to the need
        for portion in document["portions"]:
            share = Decimal(portion["weight"]) / Decimal(portion["weight_total"])
            assert abs(cents(row.need * share) - Decimal(portion["need"])) <= Decimal("0.01")
            assert sum(Decimal(s["need"]) for s in portion["segments"]) - Decimal(
                portion["need"]
            ) <= Decimal("0.01") * len(portion["segments"])
        # each decision counts amount × days counted / its days; funded is their sum
        counted = Decimal(0)
        for line in document["funding"]:
            part = Decimal(line["amount"]) * line["days_counted"] / line["days"]
            assert cents(part) == Decimal(line["counted"])
            counted += part
        assert cents(counted) == Decimal(document["row"]["funded"])
        # each party's expected amount is its contributions, each scaled by its clause's cap
        factors = {(c.agreement, c.clause): c.factor for c in row.caps}
        for party in row.parties:
            total = sum(
                (
                    c.amount * factors.get(c.clause, Decimal(1)) if c.clause else c.amount
                    for c in row.contributions
                    if c.party == party.party
                ),
                Decimal(0),
            )
            assert cents(total) == cents(party.expected)
        checked += 1
    assert checked > 100


def test_the_text_shows_every_figure_of_the_row(examples: Dataset) -> None:
    for row in fundgap.analyse(examples, as_of=DAY).rows:
        explanation = fundgap.explain(examples, row.service.id, as_of=DAY)
        text = explanation_text(explanation, examples.registry)
        for figure in (row.need, row.funded, row.gap):
            assert f"{cents(figure):,.2f}" in text, (row.service.id, figure)
        for party in row.parties:
            assert f"{written(party_name(examples.registry, party.party), 'en')}: " in text
            assert f"{cents(party.expected):,.2f}" in text
            assert party.party not in text  # named, never by its key
        for flag in row.flags:
            assert translate(FLAGS[flag], "en") in text
