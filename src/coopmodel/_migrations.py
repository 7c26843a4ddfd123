"""Reading documents of older schema versions: one migration per version step.

Every document carries ``"schema_version"``.  When the JSON form changes, the
schema version goes up by one, the new schema is committed beside the old
ones (``schema/v<version>/``), and a function that turns a document of the
old version into one of the new version is registered here, in
:data:`MIGRATIONS`.  Readers pass every document whose version is not the
current one through :func:`migrate`, which applies the steps in order
(0 to 1, 1 to 2, ...), so a document of any version still supported is read
as if it had been written today.

Version 1 is the first: there is nothing to migrate yet, and every other
version is refused with a :class:`~coopmodel.ParseError` that says which
versions this release reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from coopmodel._converter import SCHEMA_VERSION
from coopmodel._errors import ErrorDetail, ParseError
from coopmodel._model._checks import short_repr

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["MIGRATIONS", "VERSION_KEY", "migrate"]

#: The key of the schema version in every top-level document.
VERSION_KEY: Final = "schema_version"

#: ``MIGRATIONS[n]`` turns a document of version *n* (its ``schema_version``
#: key included) into one of version *n* + 1.  It gets a copy, which it may
#: change and return; :func:`migrate` sets the version key.
MIGRATIONS: Final[dict[int, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


def oldest_readable() -> int:
    """The oldest schema version :func:`migrate` can bring up to date."""
    version = SCHEMA_VERSION
    while version - 1 in MIGRATIONS:
        version -= 1
    return version


def migrate(data: dict[str, Any], *, line: int | None = None) -> dict[str, Any]:
    """*data*, a top-level document, brought to the current schema version.

    A document already at :data:`~coopmodel.SCHEMA_VERSION` is returned as it
    is; an older one goes through each registered migration in turn.  *line*
    is the JSON Lines line number for the error, if any.

    Raises:
        ParseError: the version is missing, not an integer, newer than this
            release, or older than the oldest it can migrate.

    >>> migrate({"schema_version": 1, "code": "IND"})
    {'schema_version': 1, 'code': 'IND'}
    """
    version = data.get(VERSION_KEY)
    if version.__class__ is int and version == SCHEMA_VERSION:
        return data
    oldest = oldest_readable()
    readable = (
        f"version {SCHEMA_VERSION}"
        if oldest == SCHEMA_VERSION
        else f"versions {oldest} to {SCHEMA_VERSION}"
    )
    if version is None and VERSION_KEY not in data:
        message = "is missing"
    elif version.__class__ is int and oldest <= version < SCHEMA_VERSION:
        assert isinstance(version, int)  # noqa: S101 - narrowed above
        for step in range(version, SCHEMA_VERSION):
            # A copy for each step: the caller's document is never changed.
            data = {**MIGRATIONS[step](dict(data)), VERSION_KEY: step + 1}
        return data
    else:  # not an integer, newer than this release, or older than it can migrate
        message = f"is {short_repr(version)}, but this release reads {readable}"
    raise ParseError((ErrorDetail(f"$.{VERSION_KEY}", message),), line=line)
