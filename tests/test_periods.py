"""Periods of days, their intersections and cuts, and month arithmetic."""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundgap.periods import Period, add_months, days_in_year
from tests.strategies import closed_periods, days, periods, years

FAR_FUTURE = date(9999, 12, 31)


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- hand examples ------------------------------------------------------------------------------


def test_a_month_has_its_days_and_text() -> None:
    march = Period(d("2025-03-01"), d("2025-03-31"))
    assert march.days == 31
    assert str(march) == "2025-03-01..2025-03-31"
    assert march.last == d("2025-03-31")


def test_one_day_period() -> None:
    day = Period(d("2024-02-29"), d("2024-02-29"))
    assert day.days == 1
    assert day.contains(d("2024-02-29"))
    assert not day.contains(d("2024-02-28"))
    assert not day.contains(d("2024-03-01"))


@pytest.mark.parametrize(("year", "length"), [(2024, 366), (2025, 365), (2000, 366), (2100, 365)])
def test_calendar_years(year: int, length: int) -> None:
    assert days_in_year(year) == length
    whole = Period.year(year)
    assert whole == Period(date(year, 1, 1), date(year, 12, 31))
    assert whole.days == length
    assert whole.days_in_year(year) == length


def test_days_in_year_across_a_year_end() -> None:
    new_year = Period(d("2024-12-31"), d("2025-01-01"))
    assert new_year.days == 2
    assert [new_year.days_in_year(y) for y in (2023, 2024, 2025, 2026)] == [0, 1, 1, 0]
    assert list(new_year.years()) == [2024, 2025]


def test_days_in_year_of_an_open_period() -> None:
    from_july = Period(d("2025-07-01"))
    assert from_july.days_in_year(2024) == 0
    assert from_july.days_in_year(2025) == 184
    assert from_july.days_in_year(2028) == 366
    assert list(from_july.years()) == [2025]  # an open end stops at the start year


def test_touching_periods_share_their_common_day() -> None:
    january = Period(d("2025-01-01"), d("2025-01-31"))
    from_31st = Period(d("2025-01-31"), d("2025-02-28"))
    february = Period(d("2025-02-01"), d("2025-02-28"))
    assert january.overlaps(from_31st)
    assert january.intersection(from_31st) == Period(d("2025-01-31"), d("2025-01-31"))
    assert not january.overlaps(february)
    assert january.intersection(february) is None


def test_intersection_with_open_periods() -> None:
    from_2025 = Period(d("2025-01-01"))
    from_2026 = Period(d("2026-06-01"))
    closed = Period(d("2024-05-01"), d("2025-02-01"))
    assert from_2025.intersection(from_2026) == Period(d("2026-06-01"))
    assert from_2025.intersection(closed) == Period(d("2025-01-01"), d("2025-02-01"))
    assert from_2026.intersection(closed) is None


def test_covers() -> None:
    year = Period.year(2025)
    assert year.covers(Period(d("2025-03-01"), d("2025-03-31")))
    assert year.covers(year)
    assert not year.covers(Period(d("2025-12-01"), d("2026-01-31")))
    assert not year.covers(Period(d("2025-01-01")))
    assert Period(d("2025-01-01")).covers(Period(d("2030-01-01")))


def test_cut_example() -> None:
    segments = Period.year(2025).cut([d("2025-07-01"), d("2030-01-01")])
    assert [str(s) for s in segments] == ["2025-01-01..2025-06-30", "2025-07-01..2025-12-31"]


def test_cut_ignores_the_start_duplicates_and_outside_days_and_sorts() -> None:
    year = Period.year(2025)
    starts = [d("2025-10-01"), d("2025-01-01"), d("2024-06-01"), d("2025-04-01"), d("2025-10-01")]
    assert year.cut(starts) == [
        Period(d("2025-01-01"), d("2025-03-31")),
        Period(d("2025-04-01"), d("2025-09-30")),
        Period(d("2025-10-01"), d("2025-12-31")),
    ]


def test_cut_at_the_last_day_gives_a_one_day_segment() -> None:
    assert Period.year(2025).cut([d("2025-12-31")]) == [
        Period(d("2025-01-01"), d("2025-12-30")),
        Period(d("2025-12-31"), d("2025-12-31")),
    ]


def test_cut_without_starts_is_the_period_itself() -> None:
    period = Period(d("2024-02-10"), d("2024-03-10"))
    assert period.cut([]) == [period]


def test_an_open_period_cannot_be_cut() -> None:
    with pytest.raises(ValueError, match="open-ended"):
        Period(d("2025-01-01")).cut([d("2025-06-01")])


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2025-12-31", -6, "2025-06-30"),
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-03-15", -3, "2024-12-15"),
        ("2025-03-15", 0, "2025-03-15"),
    ],
)
def test_add_months(day: str, months: int, expected: str) -> None:
    assert add_months(d(day), months) == d(expected)


def test_an_end_before_the_start_is_refused_naming_both_days() -> None:
    with pytest.raises(ValueError, match="before") as caught:
        Period(d("2025-06-01"), d("2025-05-31"))
    assert "2025-05-31" in str(caught.value)
    assert "2025-06-01" in str(caught.value)


def test_open_period_text_and_days() -> None:
    open_period = Period(d("2025-01-01"))
    assert str(open_period) == "2025-01-01.."
    assert open_period.days is None
    assert open_period.last == date.max
    assert open_period.contains(FAR_FUTURE)
    assert not open_period.contains(d("2024-12-31"))


def test_periods_with_the_same_start_sort_open_last() -> None:
    closed = Period(d("2025-01-01"), d("2025-12-31"))
    open_period = Period(d("2025-01-01"))
    assert sorted([open_period, closed]) == [closed, open_period]


# --- properties ---------------------------------------------------------------------------------


@given(periods(), periods())
def test_intersection_is_commutative_and_inside_both(a: Period, b: Period) -> None:
    both = a.intersection(b)
    assert both == b.intersection(a)
    if both is not None:
        assert a.covers(both)
        assert b.covers(both)


@given(periods(), periods(), days())
def test_intersection_holds_exactly_the_common_days(a: Period, b: Period, day: date) -> None:
    both = a.intersection(b)
    in_both = a.contains(day) and b.contains(day)
    assert in_both == (both is not None and both.contains(day))
    for edge in (a.start, b.start, a.last, b.last):
        if edge != date.max:
            assert (a.contains(edge) and b.contains(edge)) == (
                both is not None and both.contains(edge)
            )


@given(periods(), periods())
def test_overlaps_iff_there_is_an_intersection(a: Period, b: Period) -> None:
    assert a.overlaps(b) == (a.intersection(b) is not None)
    assert a.overlaps(b) == b.overlaps(a)


@given(closed_periods())
def test_days_of_a_closed_period_split_over_its_years(period: Period) -> None:
    assert period.days is not None
    assert period.days == (period.last - period.start).days + 1
    assert sum(period.days_in_year(y) for y in period.years()) == period.days
    assert period.days_in_year(period.start.year - 1) == 0
    assert period.days_in_year(period.last.year + 1) == 0


@given(periods(), years())
def test_days_in_year_is_bounded_by_the_year(period: Period, year: int) -> None:
    part = period.days_in_year(year)
    assert 0 <= part <= days_in_year(year) <= 366
    expected = sum(
        1
        for offset in range(days_in_year(year))
        if period.contains(date(year, 1, 1) + timedelta(days=offset))
    )
    assert part == expected


@given(years())
def test_a_calendar_year_has_all_its_days(year: int) -> None:
    assert Period.year(year).days_in_year(year) == days_in_year(year)
    assert days_in_year(year) == (366 if calendar.isleap(year) else 365)


@given(closed_periods(), st.data())
def test_cut_gives_consecutive_segments_covering_the_period(
    period: Period, data: st.DataObject
) -> None:
    assert period.end is not None
    starts = data.draw(st.lists(st.one_of(st.dates(period.start, period.end), days())))
    segments = period.cut(starts)
    assert segments[0].start == period.start
    assert segments[-1].end == period.end
    for before, after in itertools.pairwise(segments):
        assert before.end is not None
        assert before.end + timedelta(days=1) == after.start
    assert sum(s.days or 0 for s in segments) == period.days
    inside = {s for s in starts if period.start < s <= period.end}
    assert [s.start for s in segments] == sorted({period.start} | inside)


@given(days(), st.integers(-240, 240))
def test_add_months_moves_whole_months_clamped_to_the_month_end(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, calendar.monthrange(moved.year, moved.month)[1])
    back = add_months(moved, -months)
    assert abs((back - day).days) <= 3


@given(days())
def test_twelve_months_is_the_same_day_next_year(day: date) -> None:
    expected = (
        date(day.year + 1, 2, 28)
        if (day.month, day.day) == (2, 29)
        else day.replace(year=day.year + 1)
    )
    assert add_months(day, 12) == expected


@given(days(), st.integers(1, 5000))
def test_an_end_before_the_start_is_always_refused(start: date, back: int) -> None:
    end = start - timedelta(days=back)
    with pytest.raises(ValueError, match="before") as caught:
        Period(start, end)
    assert start.isoformat() in str(caught.value)
    assert end.isoformat() in str(caught.value)


@given(periods())
def test_text_is_stable_and_reads_back(period: Period) -> None:
    text = str(period)
    assert text == str(Period(period.start, period.end))
    start, separator, end = text.partition("..")
    assert separator == ".."
    assert start == period.start.isoformat()
    assert end == ("" if period.end is None else period.end.isoformat())
    assert Period(date.fromisoformat(start), date.fromisoformat(end) if end else None) == period


@given(days(), days())
def test_an_open_period_runs_on_forever(start: date, later: date) -> None:
    open_period = Period(start)
    assert open_period.days is None
    assert open_period.contains(FAR_FUTURE)
    assert open_period.contains(later) == (later >= start)
    assert open_period.covers(Period(max(start, later), FAR_FUTURE))
    year = start.year + 1
    assert open_period.days_in_year(year) == days_in_year(year)
    assert open_period.intersection(Period.year(year)) == Period.year(year)


def test_a_period_with_no_start_is_shown_without_the_year_1() -> None:
    """A service with no ``active_from`` starts at ``date.min``; a message must not say
    "active 0001-01-01..2023-01-01" (found by the fuzz module)."""
    assert str(Period(date.min, d("2023-01-01"))) == "..2023-01-01"
    assert str(Period(date.min)) == ".."
    assert str(Period(d("2025-07-01"))) == "2025-07-01.."
