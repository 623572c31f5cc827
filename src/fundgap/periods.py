"""Closed date periods ``[start, end]``, where an absent end means "until further notice".

Municipal and county budgets are annual, so the engine works with the days of a period that fall
inside a calendar year, and cuts a year into segments wherever an agreement or clause starts or
ends. Notice deadlines are computed in calendar months with python-dateutil.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from datetime import date, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from fundgap.i18n.message import Message, Month, Quoted, message

ONE_DAY = timedelta(days=1)


@attrs.frozen(order=True)
class Period:
    """A closed interval of days; ``end=None`` is open-ended.

    >>> p = Period(date(2025, 3, 1), date(2025, 3, 31))
    >>> p.days, str(p)
    (31, '2025-03-01..2025-03-31')
    """

    start: date
    end: date | None = attrs.field(default=None, order=lambda end: date.max if end is None else end)

    @end.validator
    def _not_before_start(self, _attribute: attrs.Attribute[date | None], end: date | None) -> None:
        if end is not None and end < self.start:
            raise ValueError(f"ends {end.isoformat()}, before it starts {self.start.isoformat()}")

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year`` as a period."""
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def last(self) -> date:
        """The last day, with ``date.max`` standing for an open end."""
        return date.max if self.end is None else self.end

    @property
    def days(self) -> int | None:
        """The number of days, or None for an open-ended period."""
        return None if self.end is None else (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.last

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.last and other.start <= self.last

    def intersection(self, other: Period) -> Period | None:
        """The days in both periods, or None when they share no day."""
        start = max(self.start, other.start)
        last = min(self.last, other.last)
        if last < start:
            return None
        return Period(start, None if last == date.max else last)

    def days_in_year(self, year: int) -> int:
        """How many days of this period fall in calendar year ``year``."""
        part = self.intersection(Period.year(year))
        return 0 if part is None else part.days or 0

    def covers(self, other: Period) -> bool:
        """True when every day of ``other`` is in this period."""
        return self.start <= other.start and other.last <= self.last

    def years(self) -> range:
        """The calendar years this period touches; an open end stops at the start year."""
        last_year = self.start.year if self.end is None else self.end.year
        return range(self.start.year, last_year + 1)

    def cut(self, starts: Iterable[date]) -> list[Period]:
        """Cut this (closed) period into consecutive segments, a new one starting at each of
        ``starts`` that falls strictly inside it.

        >>> [str(s) for s in Period.year(2025).cut([date(2025, 7, 1), date(2030, 1, 1)])]
        ['2025-01-01..2025-06-30', '2025-07-01..2025-12-31']
        """
        if self.end is None:
            raise ValueError("cannot cut an open-ended period into segments")
        edges = sorted({d for d in starts if self.start < d <= self.end})
        segments = []
        first = self.start
        for edge in edges:
            segments.append(Period(first, edge - ONE_DAY))
            first = edge
        segments.append(Period(first, self.end))
        return segments

    def __str__(self) -> str:
        """ISO days joined by ``..``; an open end, or a start of ``date.min`` (a service with no
        ``active_from``), is left empty rather than shown as the year 1."""
        start = "" if self.start == date.min else self.start.isoformat()
        end = "" if self.end is None else self.end.isoformat()
        return f"{start}..{end}"


_FINNISH_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DATE_FORMS_MESSAGE = message("a date such as 31.12.2025 or 2025-12-31")


class DateError(ValueError):
    """Text that is no date: ``message`` says why, for a problem in any language; ``str()`` is
    the English, made only when asked for (a funding file may hold many such cells)."""

    def __init__(self, words: Message) -> None:
        super().__init__(words.text)
        self.message = words

    def __str__(self) -> str:
        return str(self.message)


class ImpossibleDateError(DateError):
    """A date written in one of the forms of :func:`parse_date` that the calendar does not
    have; the message says why, e.g. ``'29.2.2025' is not a date: 2025 has no 29 February``."""


@functools.lru_cache(maxsize=4096)  # funding files repeat the same few dates many times
def parse_date(text: str) -> date:
    """``31.12.2025``, ``1.1.2025`` or ``2025-12-31``; ImpossibleDateError (a DateError) for
    such a form of a day that does not exist, DateError (a ValueError) for anything else.

    >>> parse_date("1.1.2025"), parse_date("2025-12-31")
    (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    >>> parse_date("31.4.2025")
    Traceback (most recent call last):
    ...
    fundgap.periods.ImpossibleDateError: '31.4.2025' is not a date: April has 30 days
    """
    if match := _FINNISH_DATE.fullmatch(text.strip()):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO_DATE.fullmatch(text.strip()):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise DateError(message("{text} is not a date", text=Quoted(text)))
    try:
        return date(year, month, day)
    except ValueError:
        why = _impossible(year, month, day)
        raise ImpossibleDateError(
            message("{text} is not a date: {why}", text=Quoted(text.strip()), why=why)
        ) from None


def _impossible(year: int, month: int, day: int) -> Message:
    """Why the day ``day``.``month``.``year`` does not exist."""
    if year < 1:
        return message("there is no year 0")
    if not 1 <= month <= 12:
        return message("a year has no month {month}", month=month)
    if day < 1:
        return message("a month has no day 0")
    if month == 2 and day == 29:
        return message("{year} has no 29 February (it is not a leap year)", year=year)
    days = calendar.monthrange(year, month)[1]
    if month == 2:
        return message("February {year} has {days} days", year=year, days=days)
    return message("{month} has {days} days", month=Month(month), days=days)


# A date of at most 20 characters: a longer cell (up to 100 000) is no date, and a search
# through all of it for the time would take time that grows with the square of its length.
_TIME_OF_DAY = re.compile(r"(.{1,20}?)(?:\s+|T)([0-9]{1,2})[:.]([0-9]{2})(?:[:.]([0-9]{2}))?")
_EXCEL_SERIAL = re.compile(r"[0-9]{5}")  # 10000 is 17.5.1927, 73415 is 31.12.2100
EXCEL_DAY_ZERO = date(1899, 12, 30)  # of the 1900 date system, for days after 28.2.1900


class TimeOfDayError(DateError):
    """A date with a time other than midnight: ``time`` as it is written."""

    def __init__(self, text: str, time: str) -> None:
        super().__init__(message("{text} has a time of day, {time}", text=Quoted(text), time=time))
        self.time = time


@functools.lru_cache(maxsize=4096)
def parse_cell_date(text: str) -> date:
    """A date as a spreadsheet writes a date cell: a form of :func:`parse_date`, maybe with the
    time midnight after it (``1.1.2025 0:00``, ``1.1.2025 0.00.00``, ``2025-01-01 00:00:00``).
    TimeOfDayError for another time, ImpossibleDateError for a day that does not exist (with
    a time or not), DateError (a ValueError) for anything else.

    >>> parse_cell_date("1.1.2025 0.00.00"), parse_cell_date("2025-01-01 00:00:00")
    (datetime.date(2025, 1, 1), datetime.date(2025, 1, 1))
    """
    try:
        return parse_date(text)
    except ValueError:
        match = _TIME_OF_DAY.fullmatch(text.strip())
        if match is None:
            raise
    day = parse_date(match.group(1))
    hours, minutes, seconds = (int(part or 0) for part in match.groups()[1:])
    if hours > 23 or minutes > 59 or seconds > 59:
        raise DateError(message("{text} is not a date and a time", text=Quoted(text)))
    if hours or minutes or seconds:
        raise TimeOfDayError(text, text.strip()[len(match.group(1)) :].strip())
    return day


def excel_serial_date(text: str) -> date | None:
    """The day an Excel serial date number such as ``45658`` stands for in Excel's 1900 date
    system (2025-01-01), for five-digit numbers up to 2100; None for other text.

    >>> excel_serial_date("45658")
    datetime.date(2025, 1, 1)
    """
    if not _EXCEL_SERIAL.fullmatch(text.strip()):
        return None
    day = EXCEL_DAY_ZERO + timedelta(days=int(text))
    return day if day.year <= 2100 else None


def days_in_year(year: int) -> int:
    """365, or 366 in a leap year."""
    return 366 if calendar.isleap(year) else 365


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the month's end.

    >>> add_months(date(2025, 12, 31), -6)
    datetime.date(2025, 6, 30)
    """
    result: date = day + relativedelta(months=months)
    return result


def period_words(period: Period) -> Message:
    """A period as a message writes it: ``2025-01-01..2025-12-31`` in English, ``1.1.2025–
    31.12.2025`` in Finnish; an open end, or no start (a service with no ``active_from``), in
    words (``1.1.2025 alkaen``)."""
    start = None if period.start == date.min else period.start
    if start is None and period.end is None:
        return message("..")
    if start is None:
        return message("..{end}", end=period.end)
    if period.end is None:
        return message("{start}..", start=start)
    return message("{start}..{end}", start=start, end=period.end)
