"""Hypothesis entry point: makes ``st.from_type(Meeting)`` and friends work."""

from __future__ import annotations

import importlib
import re
from typing import TYPE_CHECKING, Any, Final

from coopmodel._model._registry import PUBLIC_CLASSES

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

_IRREGULAR_PLURALS: Final = {"person": "people", "coordinates": "coordinates"}


def strategy_name(cls: type) -> str:
    """The name of the function of coopmodel.strategies that draws *cls*.

    The class name in snake case, in the plural: ``ExternalId`` ->
    ``external_ids``, ``Party`` -> ``parties``, ``Person`` -> ``people``.

    >>> from coopmodel import ScheduleChange
    >>> strategy_name(ScheduleChange)
    'schedule_changes'
    """
    snake = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
    head, _, last = snake.rpartition("_")
    if last in _IRREGULAR_PLURALS:
        plural = _IRREGULAR_PLURALS[last]
    elif last.endswith("y"):
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return f"{head}_{plural}" if head else plural


#: Each public class (:data:`coopmodel._model.PUBLIC_CLASSES`), and the
#: function of coopmodel.strategies that draws it.
STRATEGY_NAMES: Final = tuple((cls.__name__, strategy_name(cls)) for cls in PUBLIC_CLASSES)


def _lazy(name: str) -> SearchStrategy[Any]:
    from hypothesis import strategies as st  # noqa: PLC0415

    def build() -> SearchStrategy[Any]:
        strategies = importlib.import_module("coopmodel.strategies")
        strategy: SearchStrategy[Any] = getattr(strategies, name)()
        return strategy

    return st.deferred(build)


def register() -> None:
    """Register a deferred strategy for every public class."""
    from hypothesis import strategies as st  # noqa: PLC0415

    for cls in PUBLIC_CLASSES:
        st.register_type_strategy(cls, _lazy(strategy_name(cls)))


def _hypothesis_setup_hook() -> None:
    # Hypothesis calls this while it is first imported, possibly from
    # coopmodel.strategies itself: so import nothing of that module here, and
    # let the registered strategies import it when first drawn from.
    register()
