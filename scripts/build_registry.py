"""Build fundgap's registry package data from the reference data in ``../shared/data``.

Also reads ``scripts/county_aliases.csv`` (or ``--aliases``), kept in this repository: the short
names and brands the counties use themselves ("Pirha", "Siun sote"), each with the public page
that shows it. An alias must name a known county and must not be any municipality's or other
county's name, nor given twice, since a funder's name is looked up among all of them.

Writes, into ``src/fundgap/data`` (or ``--output``):

- ``registry.json``: the municipalities and wellbeing services counties (with their aliases), one
  per line, sorted by code, so that a change in the source data shows as a small diff;
- ``finland.topo.json``: the map boundaries, copied byte for byte;
- ``SOURCES.md``: where the data comes from and the CC BY 4.0 attribution.

The output depends only on the input files (no timestamps, fixed key order, ``\\n`` line
ends), so running the script twice gives identical bytes. Standard library only.

Usage: ``python scripts/build_registry.py [--source DIR] [--output DIR] [--aliases FILE]``
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
DEFAULT_OUTPUT = REPO / "src" / "fundgap" / "data"
ALIASES_CSV = "county_aliases.csv"
DEFAULT_ALIASES = REPO / "scripts" / ALIASES_CSV

MUNICIPALITIES_CSV = "municipalities.csv"
COUNTIES_CSV = "counties.csv"
TOPOJSON_IN = "finland-hva-2021.topo.json"
TOPOJSON_OUT = "finland.topo.json"
REGISTRY_JSON = "registry.json"
SOURCES_MD = "SOURCES.md"

FORMAT = "fundgap.registry/1"
POPULATION_YEAR = 2020
ATTRIBUTION = "Statistics Finland, Yle"
LICENSE = "CC BY 4.0"

MUNICIPALITY_COLUMNS = (
    "code", "name_fi", "name_sv", "population_2020", "county_code", "valid_until", "successor_code",
)  # fmt: skip
COUNTY_COLUMNS = (
    "code", "topojson_hva_id", "name_fi", "name_sv", "name_en", "short_name_fi", "short_name_sv",
)  # fmt: skip
ALIAS_COLUMNS = ("code", "alias", "source")

# How fundgap.registry compares names: case, dashes, spaces and composed letters do not count,
# and a county's full name also answers without the words for "wellbeing services county".
DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))
COUNTY_WORDS = re.compile(
    r"(?:wellbeing services county(?: of)? |välfärdsområdet (?:i )?)?(?P<name>.+?)"
    r"(?: hyvinvointialue| hva| välfärdsområde| wellbeing services county)?"
)

Row = dict[str, str]


class SourceError(Exception):
    """The reference data is not what the registry expects; the message says where."""


def read_csv(path: Path, columns: Sequence[str]) -> list[Row]:
    """Read a UTF-8 CSV whose header must be exactly ``columns``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{path}: not UTF-8 ({error})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    if tuple(reader.fieldnames or ()) != tuple(columns):
        raise SourceError(f"{path}: header is {reader.fieldnames}, expected {list(columns)}")
    rows: list[Row] = []
    for line, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise SourceError(f"{path}:{line}: expected {len(columns)} columns")
        rows.append({key: value.strip() for key, value in row.items()})
    return rows


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SourceError(message)


def build_counties(path: Path) -> list[dict[str, Any]]:
    counties: list[dict[str, Any]] = []
    for line, row in enumerate(read_csv(path, COUNTY_COLUMNS), start=2):
        where = f"{path}:{line}"
        check(re.fullmatch(r"\d{2}", row["code"]) is not None, f"{where}: bad county code")
        for column in COUNTY_COLUMNS[2:]:
            check(row[column] != "", f"{where}: empty {column}")
        county: dict[str, Any] = {
            "code": row["code"],
            "name_fi": row["name_fi"],
            "name_sv": row["name_sv"],
            "name_en": row["name_en"],
            "short_fi": row["short_name_fi"],
            "short_sv": row["short_name_sv"],
        }
        if row["topojson_hva_id"]:
            county["map_key"] = row["topojson_hva_id"]
        counties.append(county)
    counties.sort(key=lambda c: str(c["code"]))
    codes = [c["code"] for c in counties]
    check(len(set(codes)) == len(codes), f"{path}: duplicate county codes")
    return counties


def fold(name: str) -> str:
    """The form in which fundgap.registry compares ``name`` with others."""
    text = unicodedata.normalize("NFC", name).translate(DASHES).casefold()
    return " ".join(text.split())


def forms(name: str) -> tuple[str, ...]:
    """The forms under which fundgap.registry finds a county by ``name``."""
    key = fold(name)
    match = COUNTY_WORDS.fullmatch(key)
    return (key, match["name"]) if match and match["name"] != key else (key,)


def add_aliases(
    path: Path, counties: list[dict[str, Any]], municipalities: list[dict[str, Any]]
) -> list[Row]:
    """Give each county the aliases that ``path`` lists for it, in the file's order; return the
    rows, for SOURCES.md."""
    rows = read_csv(path, ALIAS_COLUMNS)
    taken: dict[str, str] = {}
    for m in municipalities:
        for name in (m["name_fi"], m["name_sv"]):
            taken[fold(name)] = f"the name of the municipality {m['name_fi']} ({m['code']})"
    by_code = {str(c["code"]): c for c in counties}
    for c in counties:
        for column in ("name_fi", "name_sv", "name_en", "short_fi", "short_sv"):
            for form in forms(c[column]):
                taken.setdefault(form, f"a name of county {c['code']} ({c[column]})")
    for line, row in enumerate(rows, start=2):
        where = f"{path}:{line}"
        code, alias, source = row["code"], row["alias"], row["source"]
        check(code in by_code, f"{where}: unknown county code {code!r}")
        check(alias != "" and not alias.isdigit(), f"{where}: an alias must be a name")
        check(source.startswith("https://"), f"{where}: the source must be an https:// address")
        for form in forms(alias):
            check(form not in taken, f"{where}: alias {alias!r} is already {taken.get(form)}")
        for form in forms(alias):
            taken[form] = f"an alias of county {code} ({path.name} line {line})"
        by_code[code].setdefault("aliases", []).append(alias)
    return rows


def build_municipalities(path: Path, county_codes: set[str]) -> list[dict[str, Any]]:
    municipalities: list[dict[str, Any]] = []
    for line, row in enumerate(read_csv(path, MUNICIPALITY_COLUMNS), start=2):
        where = f"{path}:{line}"
        check(re.fullmatch(r"\d{3}", row["code"]) is not None, f"{where}: bad municipality code")
        check(row["name_fi"] != "" and row["name_sv"] != "", f"{where}: empty name")
        check(row["population_2020"].isdigit(), f"{where}: bad population")
        check(row["county_code"] in county_codes, f"{where}: unknown county {row['county_code']}")
        check(
            (row["valid_until"] == "") == (row["successor_code"] == ""),
            f"{where}: valid_until and successor_code go together",
        )
        municipality: dict[str, Any] = {
            "code": row["code"],
            "name_fi": row["name_fi"],
            "name_sv": row["name_sv"],
            "population": int(row["population_2020"]),
            "county": row["county_code"],
        }
        if row["valid_until"]:
            try:
                date.fromisoformat(row["valid_until"])
            except ValueError:
                raise SourceError(f"{where}: bad date {row['valid_until']!r}") from None
            municipality["valid_until"] = row["valid_until"]
            municipality["successor"] = row["successor_code"]
        municipalities.append(municipality)
    municipalities.sort(key=lambda m: str(m["code"]))
    codes = {m["code"] for m in municipalities}
    check(len(codes) == len(municipalities), f"{path}: duplicate municipality codes")
    for m in municipalities:
        if "successor" in m:
            check(m["successor"] in codes, f"{path}: {m['code']} has unknown successor")
    return municipalities


def check_map(
    path: Path, municipalities: list[dict[str, Any]], counties: list[dict[str, Any]]
) -> None:
    """The map must draw the same municipalities, in the same counties, as the CSV says."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    geometries = topo["objects"]["munis"]["geometries"]
    map_county = {g["properties"]["id"]: g["properties"]["hva_id"] for g in geometries}
    check(
        set(map_county) == {m["code"] for m in municipalities},
        f"{path}: municipality ids differ from {MUNICIPALITIES_CSV}",
    )
    key_of = {c["code"]: c.get("map_key", "") for c in counties}
    for m in municipalities:
        check(
            map_county[m["code"]] == key_of[m["county"]],
            f"{path}: municipality {m['code']} is in map county {map_county[m['code']]!r}, "
            f"but {MUNICIPALITIES_CSV} puts it in county {m['county']}",
        )


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def registry_text(
    municipalities: list[dict[str, Any]], counties: list[dict[str, Any]], source: dict[str, Any]
) -> str:
    """JSON with one county or municipality per line: compact, and diffs show what changed."""
    parts = [
        "{",
        f'"format": {json.dumps(FORMAT)},',
        f'"source": {line(source)},',
        '"counties": [',
        ",\n".join(line(c) for c in counties),
        "],",
        '"municipalities": [',
        ",\n".join(line(m) for m in municipalities),
        "]",
        "}",
    ]
    return "\n".join(parts) + "\n"


def sources_text(
    source_hashes: dict[str, str], aliases: list[Row], counties: list[dict[str, Any]]
) -> str:
    hashes = "\n".join(f"| `{name}` | `{digest}` |" for name, digest in source_hashes.items())
    short = {c["code"]: c["short_fi"] for c in counties}
    alias_rows = "\n".join(
        f"| `{a['code']}` | {short[a['code']]} | {a['alias']} | <{a['source']}> |" for a in aliases
    )
    return f"""\
# Sources of fundgap's package data

Generated by `scripts/build_registry.py` from the reference data in `../shared/data/` and the
county aliases in `scripts/{ALIASES_CSV}`. Do not edit these files by hand: change the
reference data or the aliases and run the script again.

| file | what it holds |
|---|---|
| `{REGISTRY_JSON}` | every Finnish municipality of 2021–2024 (309, including Åland's 16 and \
Pertunmaa, merged into Mäntyharju on 1 January 2025) with its code, Finnish and Swedish name, \
population at the end of {POPULATION_YEAR} and wellbeing services county; the 21 wellbeing \
services counties, the City of Helsinki as organiser (`90`) and Åland (`91`), with the short \
names and brands that counties use themselves |
| `{TOPOJSON_OUT}` | TopoJSON boundaries of the municipalities (layer `munis`) and the counties \
(layer `hva`), WGS-84, about 1:4.5 million; a byte-for-byte copy of `{TOPOJSON_IN}` |

Provenance:

- Municipality names, codes, population and boundaries: Yle's open geodata
  (`finland/finland-hva-2021.topo.json` in the public repository Yleisradio/geodata),
  derived from Statistics Finland's data.
- Municipality–county correspondence and county codes: Statistics Finland's classification of
  wellbeing services counties (2023–2026). English county names follow the form
  "Wellbeing services county of …"; the official English form varies between sources.
- The merger of Pertunmaa (`588`) into Mäntyharju (`507`) on 1 January 2025: Statistics
  Finland's municipality classification.
- County aliases: each county's own website or a page it published, listed below. A funder,
  or an agreement's county, written with an alias is that county.

License: the data is licensed under {LICENSE} (https://creativecommons.org/licenses/by/4.0/).
Attribution: **{ATTRIBUTION}**.

County aliases:

| code | county | alias | source |
|---|---|---|---|
{alias_rows}

Input files (SHA-256):

| file | sha256 |
|---|---|
{hashes}
"""


def write_text(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as file:
        file.write(text)


def build(source: Path, output: Path, aliases: Path = DEFAULT_ALIASES) -> None:
    counties = build_counties(source / COUNTIES_CSV)
    municipalities = build_municipalities(
        source / MUNICIPALITIES_CSV, {str(c["code"]) for c in counties}
    )
    check_map(source / TOPOJSON_IN, municipalities, counties)
    alias_rows = add_aliases(aliases, counties, municipalities)
    hashes = {
        name: sha256(source / name) for name in (MUNICIPALITIES_CSV, COUNTIES_CSV, TOPOJSON_IN)
    }
    hashes[ALIASES_CSV] = sha256(aliases)
    provenance = {
        "attribution": ATTRIBUTION,
        "license": LICENSE,
        "population_year": POPULATION_YEAR,
        "files": {name: f"sha256:{digest[:16]}" for name, digest in hashes.items()},
    }
    output.mkdir(parents=True, exist_ok=True)
    write_text(output / REGISTRY_JSON, registry_text(municipalities, counties, provenance))
    shutil.copyfile(source / TOPOJSON_IN, output / TOPOJSON_OUT)
    write_text(output / SOURCES_MD, sources_text(hashes, alias_rows, counties))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--source", type=Path, default=DEFAULT_SOURCE, help=f"default: {DEFAULT_SOURCE}"
    )
    parser.add_argument(
        "--output", type=Path, default=DEFAULT_OUTPUT, help=f"default: {DEFAULT_OUTPUT}"
    )
    parser.add_argument(
        "--aliases", type=Path, default=DEFAULT_ALIASES, help=f"default: {DEFAULT_ALIASES}"
    )
    args = parser.parse_args(argv)
    try:
        build(args.source, args.output, args.aliases)
    except (OSError, SourceError, KeyError, ValueError) as error:
        print(f"build_registry: {error}", file=sys.stderr)
        return 1
    print(f"build_registry: wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
