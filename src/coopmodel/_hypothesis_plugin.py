"""Hypothesis entry point: makes ``st.from_type(Meeting)`` and friends work."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    # Imported here, not at module level: Hypothesis loads this module while
    # it starts up, before coopmodel.strategies could import Hypothesis.
    from coopmodel.strategies import register_type_strategies  # noqa: PLC0415

    register_type_strategies()
