"""Sources: the reports a meeting is known from."""

from __future__ import annotations

import re
from typing import Any, Final
from urllib.parse import urlsplit

import attrs
import pendulum

from coopmodel._model import _checks

__all__ = ["URL_MAX_LENGTH", "Source"]

URL_MAX_LENGTH: Final = 2048
# URLs this matches pass every check below (http(s), a host of plain name
# characters without user or port, then printable ASCII without spaces), so
# they skip urlsplit, which costs more than the rest of a Source.
_PLAIN_URL: Final = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][!-~]*)?")


def _url(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if value.__class__ is not str:
        _checks.fail(attribute, value, f"is {_checks.type_name(value)}, expected a URL string")
    assert isinstance(value, str)  # noqa: S101
    reason = "is not an absolute http(s) URL"
    if len(value) > URL_MAX_LENGTH:
        _checks.fail(attribute, value, f"is longer than {URL_MAX_LENGTH} characters")
    if _PLAIN_URL.fullmatch(value) is not None:
        return
    if not value.isascii() or not value.isprintable() or " " in value:
        _checks.fail(
            attribute,
            value,
            f"{reason} (it has spaces or non-ASCII characters; percent-encode them)",
        )
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        _checks.fail(attribute, value, reason)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        _checks.fail(attribute, value, reason)


@attrs.frozen(kw_only=True)
class Source:
    """A report that a meeting is known from: an article, a press release, a readout.

    Times may be a timezone-aware :class:`pendulum.DateTime` or, where the
    report gives only the day, a :class:`pendulum.Date`.

    Attributes:
        publisher: Who published it, e.g. ``"Business Standard"``.
        title: The headline or title.
        url: Where it is, an absolute http(s) URL.
        agency: The news agency it came from, e.g. ``"Press Trust of India"``.
        syndicated: Whether the publisher ran the agency's copy from a feed.
        byline: The author or desk, as credited.
        dateline: The dateline place, e.g. ``"New Delhi"``.
        published: When it was first published.
        updated: When it was last updated.
        retrieved: When it was read.
        language: Its BCP 47 language tag, e.g. ``"en"``.
        note: Anything else the report says about itself, e.g. an editor's note.

    .. versionadded:: 0.1.0
    """

    publisher: str = attrs.field(validator=_checks.text)
    title: str = attrs.field(validator=_checks.text)
    url: str | None = attrs.field(default=None, validator=_url)
    agency: str | None = attrs.field(default=None, validator=_checks.optional_text)
    syndicated: bool = attrs.field(default=False, validator=_checks.boolean)
    byline: str | None = attrs.field(default=None, validator=_checks.optional_text)
    dateline: str | None = attrs.field(default=None, validator=_checks.optional_text)
    published: pendulum.DateTime | pendulum.Date | None = attrs.field(
        default=None, validator=_checks.optional_instant, eq=_checks.instant_key
    )
    updated: pendulum.DateTime | pendulum.Date | None = attrs.field(
        default=None, validator=_checks.optional_instant, eq=_checks.instant_key
    )
    retrieved: pendulum.DateTime | None = attrs.field(
        default=None, validator=_checks.optional_aware_datetime, eq=_checks.instant_key
    )
    language: str | None = attrs.field(default=None, validator=_checks.optional_language)
    note: str | None = attrs.field(default=None, validator=_checks.optional_text)
