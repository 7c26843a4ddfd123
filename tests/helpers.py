"""Shared helpers for the tests."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pendulum

from coopmodel import strategies as cst
from coopmodel._model import PUBLIC_CLASSES

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

FIXTURES = Path(__file__).parent / "fixtures"
SEED_JSON = FIXTURES / "india-russia-wg-2025-08-06.json"


def count_calls(run: Callable[[], object]) -> int:
    """How many Python and C functions *run* calls: a measure of work that noise cannot move."""
    count = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        if event in {"call", "c_call"}:
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count


def deep_key(value: Any) -> Any:
    """A structure that also sees what == does not: types and zone names of times."""
    if isinstance(value, pendulum.DateTime):
        tz = value.tzinfo
        return ("DateTime", value.isoformat(), getattr(tz, "name", None), type(tz).__name__)
    if isinstance(value, pendulum.Date):
        return ("Date", type(value).__name__, value.isoformat())
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            tuple((f.name, deep_key(getattr(value, f.name))) for f in attrs.fields(type(value))),
        )
    if isinstance(value, tuple):
        return ("tuple", tuple(deep_key(item) for item in value))
    return (type(value).__name__, value)


#: Every public class (the registry's list) with its strategy, for properties
#: that hold for all of them.
STRATEGIES: list[tuple[type, st.SearchStrategy[Any]]] = [
    (cls, cst.from_class(cls)) for cls in PUBLIC_CLASSES
]
