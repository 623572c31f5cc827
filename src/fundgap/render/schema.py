"""``fundgap schema`` as JSON: the schema as generated, indented, its keys in the order that
:mod:`fundgap.schema` writes them (the same on every run), so that a committed copy diffs line
by line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fundgap.render.formats import Style
    from fundgap.reports import FileSchema


def as_json(document: FileSchema, style: Style) -> str:
    """The schema as JSON text; ``style`` changes nothing (its words are English)."""
    return json.dumps(document.schema, indent=2, ensure_ascii=False) + "\n"
