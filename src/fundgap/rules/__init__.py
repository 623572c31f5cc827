"""The draft rules of ``fundgap check`` (SPEC §6), one module per rule.

A module named ``fgNNN_<name>.py`` holds one :class:`Rule` as ``RULE``; the registry finds it
by its name, so adding a rule is adding its module (and the tests take its example and fix as
fixtures). ``fundgap rules`` lists them and ``docs/rules.md`` is written from them.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
from functools import cache

from fundgap.errors import LookupFailedError
from fundgap.i18n import label, message
from fundgap.rules.base import Context, Finding, Rule, Severity, Subject, SubjectKind

__all__ = [
    "Context",
    "Finding",
    "Rule",
    "Severity",
    "Subject",
    "SubjectKind",
    "all_rules",
    "find_rule",
]

_MODULE = re.compile(r"fg\d{3}_[a-z0-9_]+")


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in the order of its code."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        if _MODULE.fullmatch(module.name):
            unit = importlib.import_module(f"{__name__}.{module.name}")
            rule: Rule = unit.RULE
            if module.name != f"{rule.code.lower()}_{rule.name.replace('-', '_')}":
                raise RuntimeError(f"{module.name} holds {rule.code} {rule.name}")
            found.append(rule)
    return tuple(sorted(found, key=lambda rule: rule.code))


def find_rule(text: str) -> Rule:
    """The rule with the code (``FG101``, any case) or name (``grey-zone-unaddressed``)
    ``text``; a LookupFailedError with the nearest codes and names otherwise."""
    wanted = text.strip().casefold()
    for rule in all_rules():
        if wanted in (rule.code.casefold(), rule.name):
            return rule
    names = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    raise LookupFailedError(
        label("looked up", "rule"),
        text,
        difflib.get_close_matches(text.strip(), names, n=3),
        message("fundgap rules lists the rules"),
    )
