"""Sources: the reports a meeting is known from."""

from __future__ import annotations

from typing import Final

import attrs
import pendulum

from coopmodel._model import _checks
from coopmodel._model._constraints import (
    LANGUAGE,
    Boolean,
    DateOrDateTime,
    Text,
    Url,
    ZonedDateTime,
    nfc,
    nfc_optional,
    to_instant,
    to_pendulum_datetime_optional,
)

__all__ = ["URL_MAX_LENGTH", "Source"]

URL_MAX_LENGTH: Final = 2048


def _after_published(source: Source) -> None:
    published, updated = source.published, source.updated
    if published is None or updated is None:
        return
    if isinstance(published, pendulum.DateTime) and isinstance(updated, pendulum.DateTime):
        early = updated < published
    else:  # a day and a time, or two days: compare the days, each in its own zone
        early = _day(updated) < _day(published)
    if early:
        raise _checks.FieldError(
            "updated", updated, f"is before published {_checks.short_repr(published)}"
        )


def _day(value: pendulum.Date) -> pendulum.Date:
    return pendulum.Date(value.year, value.month, value.day)


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
        updated: When it was last updated: not before :attr:`published`.
        retrieved: When it was read.
        language: Its BCP 47 language tag, e.g. ``"en"``.
        note: Anything else the report says about itself, e.g. an editor's note.

    .. versionadded:: 0.1.0
    """

    publisher: str = attrs.field(validator=Text(), converter=nfc)
    title: str = attrs.field(validator=Text(), converter=nfc)
    url: str | None = attrs.field(default=None, validator=Url(URL_MAX_LENGTH, optional=True))
    agency: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    syndicated: bool = attrs.field(default=False, validator=Boolean())
    byline: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    dateline: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    published: pendulum.DateTime | pendulum.Date | None = attrs.field(
        default=None,
        validator=DateOrDateTime(optional=True),
        converter=to_instant,
        eq=_checks.instant_key,
    )
    updated: pendulum.DateTime | pendulum.Date | None = attrs.field(
        default=None,
        validator=DateOrDateTime(optional=True),
        converter=to_instant,
        eq=_checks.instant_key,
    )
    retrieved: pendulum.DateTime | None = attrs.field(
        default=None,
        validator=ZonedDateTime(optional=True),
        converter=to_pendulum_datetime_optional,
        eq=_checks.instant_key,
    )
    language: str | None = attrs.field(default=None, validator=LANGUAGE)
    note: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )

    def __attrs_post_init__(self) -> None:
        _after_published(self)
