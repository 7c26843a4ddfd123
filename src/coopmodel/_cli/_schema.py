"""``coopmodel schema``: the JSON Schema of a public class."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson

from coopmodel import json_schema

if TYPE_CHECKING:
    from coopmodel._cli._terminal import Output

__all__ = ["run_schema"]


def run_schema(out: Output, cls: type) -> int:
    """Print the JSON Schema of *cls*, indented; return the exit status."""
    out.raw(orjson.dumps(json_schema(cls), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
    return 0
