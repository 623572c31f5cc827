"""The limits of what fundgap reads (SPEC §4 "Limits"), in one place, so that the loader, the
analysis, the command line and ``docs/format.md`` (a test compares them) name the same numbers.

Each limit is far beyond any real value, and close enough that what lies beyond it is a typo
(``10000000000`` for ``100000000``, ``2205-01-01`` for ``2025-01-01``) or a hostile file; and
each keeps every figure inside the exact decimal arithmetic of the analysis and inside the
calendar of Python's ``date``, so that no input can crash it. Only constants here: the command
line imports this module when it starts.
"""

from __future__ import annotations

from datetime import date

MAX_AMOUNT = 1_000_000_000
"""EUR: the largest single amount (a funding decision's ``amount``, ``annual_cost``,
``annual_cap``); also the largest weight of a municipality."""

MAX_DECIMALS = 20
"""Decimals a number in a TOML file may have: more are no real value, and a number such as
``1e-2000000`` would vanish in the arithmetic (weights that add up to zero)."""

FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
"""The days a date in a data file, and ``--as-of``, may name."""

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""The years an analysis may be of (``--year``, ``default_year``, ``analyse(year=…)``)."""

MIN_HORIZON, MAX_HORIZON = 1, 120
"""Months ahead that ``--horizon`` may look for lapsing agreements."""

MAX_NOTICE_MONTHS = 120
"""An agreement's ``notice_months``: ten years of notice is already no real agreement."""

MAX_INDEXATION_PERCENT = 20
"""An agreement's ``indexation_percent`` a year: more is a typo (25 for 2.5); at 20 % an
annual cap indexed over the 200 years that dates allow stays below 10**25 EUR, which the
analysis still rounds to exact cents."""

MAX_DEPTH = 100
"""Levels of arrays and inline tables one inside another in a TOML file; also the parts of a
dotted key (``a.b.c``), which nest tables as deep."""

MAX_DOTTED_PARTS = 100_000
"""Parts of the dotted keys and table headers of one TOML file, each counted after the first
(``a.b.c = 1`` has 2): each is a table that ``tomllib`` builds with some 700 bytes of
bookkeeping, so that 4 MB of keys of 99 parts took 1.5 GB (100 MB, some 37 GB). A dataset's
files have none or a few dozen; a national dataset in one file, every weight written as a
dotted key, some 16 000. At 100 000, ``validate`` takes at most some 2 s and 200 MB."""

MAX_TEXT = 100_000
"""Characters in one CSV cell or one text value of a TOML file."""

MAX_FILE_BYTES = 100_000_000
"""Bytes in one data file (100 MB): a larger file is refused before it is read."""
