"""When something happened: a day or run of days, a time span, or a partial date.

Reports give time at every precision: "on Wednesday", "from 10:00 IST",
"in August 2025", "later this year".  Each precision has its own class, so a
month is never silently widened into a day:

* :class:`DateSpan`: one calendar day, or a run of whole days;
* :class:`TimeSpan`: a timezone-aware start and an optional end;
* :class:`PartialDate`: a year, or a year and month.

:data:`When` is their union.  Every class can keep the raw text the value was
read from (``raw``) and offers :attr:`~DateSpan.earliest` /
:attr:`~DateSpan.latest` calendar bounds.
"""

from __future__ import annotations

import calendar
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import pendulum

from coopmodel._model import _checks
from coopmodel._model._constraints import (
    CalendarDate,
    Integer,
    Text,
    ZonedDateTime,
    nfc_optional,
    to_pendulum_date,
    to_pendulum_date_optional,
    to_pendulum_datetime,
    to_pendulum_datetime_optional,
)

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["DateSpan", "PartialDate", "TimeSpan", "When"]

MIN_YEAR: Final = 1
MAX_YEAR: Final = 9999


def _one_day_end(value: dt.date | None, span: Any) -> pendulum.Date | None:
    value = to_pendulum_date_optional(value)
    return None if value == span.start and value.__class__ is span.start.__class__ else value


@attrs.frozen
class DateSpan:
    """One calendar day, or a run of whole days from *start* to *end* inclusive.

    Use this when a report names days but no clock time ("on August 6",
    "6-7 August 2025").

    Attributes:
        start: The first (or only) day.
        end: The last day, on or after *start*; ``None`` for a single day.
            An end equal to the start is stored as ``None``: either way of
            writing one day gives the same value.
        raw: The text the date was read from, e.g. ``"Wednesday"``.

    >>> import pendulum
    >>> DateSpan(pendulum.date(2025, 8, 6)).latest
    Date(2025, 8, 6)

    .. versionadded:: 0.1.0
    """

    start: pendulum.Date = attrs.field(validator=CalendarDate(), converter=to_pendulum_date)
    end: pendulum.Date | None = attrs.field(
        default=None,
        validator=CalendarDate(optional=True),
        converter=attrs.Converter(_one_day_end, takes_self=True),  # type: ignore[misc]
    )
    raw: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise _checks.FieldError(
                "end", self.end, f"is before start {_checks.short_repr(self.start)}"
            )

    @property
    def earliest(self) -> pendulum.Date:
        """The first day the span covers."""
        return self.start

    @property
    def latest(self) -> pendulum.Date:
        """The last day the span covers."""
        return self.start if self.end is None else self.end


@attrs.frozen
class TimeSpan:
    """A timezone-aware start and an optional end (``end >= start``).

    Equality compares wall time, offset *and* zone name: 21:38 in
    ``Asia/Kolkata`` is not equal to the same instant in UTC, because the two
    say different things about the event and serialize differently.  Compare
    :attr:`start` ``.timestamp()`` for instants.

    Attributes:
        start: When it began (or begins), with a time zone.
        end: When it ended, at or after *start*; ``None`` if unknown.
        raw: The text the time was read from, e.g. ``"9:38 PM IST"``.

    >>> import pendulum
    >>> span = TimeSpan(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
    >>> span.earliest
    Date(2025, 8, 6)

    .. versionadded:: 0.1.0
    """

    start: pendulum.DateTime = attrs.field(
        validator=ZonedDateTime(), converter=to_pendulum_datetime, eq=_checks.instant_key
    )
    end: pendulum.DateTime | None = attrs.field(
        default=None,
        validator=ZonedDateTime(optional=True),
        converter=to_pendulum_datetime_optional,
        eq=_checks.instant_key,
    )
    raw: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise _checks.FieldError(
                "end", self.end, f"is before start {_checks.short_repr(self.start)}"
            )

    @property
    def earliest(self) -> pendulum.Date:
        """The calendar day of :attr:`start`, in its own time zone."""
        return pendulum.Date(self.start.year, self.start.month, self.start.day)

    @property
    def latest(self) -> pendulum.Date:
        """The calendar day of :attr:`end` (or :attr:`start`), in its own time zone."""
        last = self.start if self.end is None else self.end
        return pendulum.Date(last.year, last.month, last.day)


@attrs.frozen
class PartialDate:
    """A date known only to the year, or to the year and month.

    "In August 2025" is ``PartialDate(2025, 8)``; "in 2025" is
    ``PartialDate(2025)``.  The precision is kept as given: use
    :attr:`earliest` and :attr:`latest` for the bounds.

    Attributes:
        year: The year, 1 to 9999.
        month: The month, 1 to 12, or ``None``.
        raw: The text the date was read from, e.g. ``"later this month"``.

    >>> PartialDate(2025, 8).latest
    Date(2025, 8, 31)

    .. versionadded:: 0.1.0
    """

    year: int = attrs.field(validator=Integer(MIN_YEAR, MAX_YEAR))
    month: int | None = attrs.field(default=None, validator=Integer(1, 12, optional=True))
    raw: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional, kw_only=True
    )

    @property
    def earliest(self) -> pendulum.Date:
        """The first day the date may mean."""
        return pendulum.Date(self.year, self.month or 1, 1)

    @property
    def latest(self) -> pendulum.Date:
        """The last day the date may mean."""
        month = self.month or 12
        return pendulum.Date(self.year, month, calendar.monthrange(self.year, month)[1])


When: TypeAlias = DateSpan | TimeSpan | PartialDate
"""A :class:`DateSpan`, a :class:`TimeSpan` or a :class:`PartialDate`."""

WHEN_TYPES: Final = (DateSpan, TimeSpan, PartialDate)
