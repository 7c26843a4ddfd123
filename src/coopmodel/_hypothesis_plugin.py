"""Hypothesis entry point: makes ``st.from_type(Meeting)`` and friends work."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

#: Each public class, and the function of coopmodel.strategies that draws it.
STRATEGY_NAMES = (
    ("ExternalId", "external_ids"),
    ("Party", "parties"),
    ("Organization", "organizations"),
    ("Person", "people"),
    ("Coordinates", "coordinates"),
    ("Place", "places"),
    ("Forum", "forums"),
    ("DateSpan", "date_spans"),
    ("TimeSpan", "time_spans"),
    ("PartialDate", "partial_dates"),
    ("CooperationArea", "cooperation_areas"),
    ("Source", "sources"),
    ("Statement", "statements"),
    ("ContextEvent", "context_events"),
    ("Meeting", "meetings"),
)


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

    from coopmodel import _model  # noqa: PLC0415

    for class_name, strategy_name in STRATEGY_NAMES:
        st.register_type_strategy(getattr(_model, class_name), _lazy(strategy_name))


def _hypothesis_setup_hook() -> None:
    # Hypothesis calls this while it is first imported, possibly from
    # coopmodel.strategies itself: so import nothing of that module here, and
    # let the registered strategies import it when first drawn from.
    register()
