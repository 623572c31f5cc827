"""The agreement template as a TOML file: the keys in English (they are the file format), every
comment in the reader's language, and one commented-out ``[[clauses]]`` block per grey-zone
category, to fill in and uncomment. As written it loads as a draft with no clauses, so each
category stays unassigned until its clause is filled in (SPEC §8)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from fundgap.i18n.message import Message, Names, listing, message
from fundgap.i18n.translation import translate
from fundgap.shown import shown

if TYPE_CHECKING:
    from fundgap.agreement_template import AgreementTemplate
    from fundgap.render.formats import Style

_WIDTH = 79  # a comment line, "# " included: as wide as the example agreements'
_CLAUSE = "# "  # what uncommenting a clause's line takes away


def as_toml(document: AgreementTemplate, style: Style) -> str:
    """The template in ``style.lang``: a header, the agreement's keys, how shares work, and a
    commented-out clause for each category."""
    lang = style.lang
    lines: list[str] = []

    def say(words: Message) -> None:
        lines.extend(_comment(translate(words, lang)))

    say(
        message(
            "Draft agreement on the funding of NGO services between {county} and "
            "{municipalities}, written by fundgap new-agreement.",
            county=Names(fi=document.county.short_fi, sv=document.county.short_sv),
            municipalities=listing(
                [Names(fi=m.name_fi, sv=m.name_sv) for m in document.municipalities]
            ),
        )
    )
    say(
        message(
            'Check the keys below. Set status to "negotiation" when talks start and to '
            '"signed" once the agreement is signed: only a signed agreement binds.'
        )
    )
    lines.append(f"id = {toml_string(document.id)}")
    lines.append(f"title = {toml_string(_title(document, lang))}")
    lines.append('status = "draft"')
    lines.append(f"county = {toml_string(document.county.short_name(lang))}")
    names = ", ".join(toml_string(m.name(lang)) for m in document.municipalities)
    lines.append(f"municipalities = [{names}]")
    lines.append(f"valid_from = {document.valid_from.isoformat()}")
    lines.append(f"valid_until = {document.valid_until.isoformat()}")
    say(
        message(
            "Optional: the notice period in months, the indexation in percent a year, and the "
            "id of the agreement this one replaces. Uncomment and fill in those that apply."
        )
    )
    lines.append("# notice_months =")
    lines.append("# indexation_percent =")
    lines.append('# replaces = ""')
    lines.append("")
    say(
        message(
            "Shares: in each clause, county_share is the percent of the need of the services "
            "in scope that the county pays, and municipality_share the percent of its own "
            "residents' portion that each municipality pays. Together 100 means the "
            "responsibility is assigned; less leaves part of it unassigned (partial), more "
            "makes it contested."
        )
    )
    say(
        message(
            "Each clause below is one grey-zone category, which is nobody's responsibility until "
            'an agreement says whose it is. Fill in the shares and remove the "# " from the '
            "start of the clause's lines; a clause left commented out leaves its category "
            "unassigned. A clause may also name services (services = [...]), some of the "
            "municipalities (municipalities = [...]), an annual_cap in euros, or its own "
            "valid_from and valid_until."
        )
    )
    for number, category in enumerate(document.categories, start=1):
        lines.append("")
        clause = [
            "[[clauses]]",
            f"id = {toml_string(f'K{number}')}",
            f"categories = [{toml_string(category.key)}]  # {_one_line(category.label(lang))}",
            "county_share = ",
            "municipality_share = ",
            'instrument = "grant"  # grant, purchase, voucher, premises',
        ]
        lines.extend(f"{_CLAUSE}{line}".rstrip() for line in clause)
    return "\n".join(lines) + "\n"


def _title(document: AgreementTemplate, lang: str) -> str:
    if document.title is not None:
        return document.title
    first, last = document.valid_from.year, document.valid_until.year
    years = str(first) if first == last else f"{first}–{last}"
    return translate(
        message(
            "Funding responsibilities for NGO services {years}: {municipalities}",
            years=years,
            municipalities=listing(
                [Names(fi=m.name_fi, sv=m.name_sv) for m in document.municipalities]
            ),
        ),
        lang,
    )


def _comment(text: str) -> list[str]:
    """``text`` as comment lines no wider than the example agreements'."""
    wrapped = textwrap.wrap(
        _one_line(text), _WIDTH - 2, break_long_words=False, break_on_hyphens=False
    )
    return [f"# {line}" for line in wrapped]


def _one_line(text: str) -> str:
    """``text`` with no character that would end a TOML comment or that TOML refuses in one."""
    return shown(text)


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string: a quote, a backslash and every control character but
    the tab escaped, so that any title reads back as written."""
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif (ord(char) < 0x20 and char != "\t") or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
