"""Names of states beyond ISO 3166-1: demonyms, names with articles, native names.

The table lives in ``data/names.json``.  :func:`country_for` is what
:meth:`Party.lookup <coopmodel.Party.lookup>` consults after its own tables;
:mod:`coopmodel.text` reads the same table to find parties in running text.
This module imports nothing outside :mod:`coopmodel._model`.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

__all__ = ["combining_forms", "country_for", "demonyms", "name_keys", "role_name"]


@functools.cache
def _data() -> dict[str, Any]:
    text = resources.files("coopmodel").joinpath("data/names.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def name_keys(name: str) -> str:
    """*name* as the tables key it: casefolded, inner space collapsed, outer space stripped.

    >>> name_keys("  The   United States ")
    'the united states'
    """
    return " ".join(name.split()).casefold()


def country_for(name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of the state *name* stands for, or ``None``.

    *name* may be a demonym ("Turkish"), a name with its article ("the United
    States"), a native name ("Россия") or a combining form ("Indo").

    >>> country_for("Turkish"), country_for("the United States"), country_for("Россия")
    ('TUR', 'USA', 'RUS')
    >>> country_for("Atlantis") is None
    True
    """
    key = name_keys(name)
    data = _data()
    for table in ("aliases", "demonyms", "combining_forms"):
        code: str | None = data[table].get(key)
        if code is not None:
            return code
    return None


def demonyms() -> dict[str, str]:
    """Every demonym the table knows, lowercase, with its state's alpha-3 code."""
    return dict(_data()["demonyms"])


def combining_forms() -> dict[str, str]:
    """Combining forms such as ``"indo"`` and ``"sino"``, with their state's code."""
    return dict(_data()["combining_forms"])


def aliases() -> dict[str, str]:
    """Names with articles and native names, lowercase, with their state's code."""
    return dict(_data()["aliases"])


def role_name(code: str, short_name: str) -> str:
    """How a title names the state: "President of *the United States*".

    >>> role_name("USA", "United States"), role_name("IND", "India")
    ('the United States', 'India')
    """
    named: str | None = _data()["role_names"].get(code)
    return short_name if named is None else named
