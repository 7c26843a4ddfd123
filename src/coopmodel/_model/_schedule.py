"""Changes to a meeting's schedule: postponed, brought forward, cancelled."""

from __future__ import annotations

import attrs

from coopmodel._model import _checks
from coopmodel._model._constraints import Instance, Text, nfc_optional
from coopmodel._model._time import WHEN_TYPES, DateSpan, PartialDate, TimeSpan

__all__ = ["ScheduleChange"]


@attrs.frozen(kw_only=True)
class ScheduleChange:
    """How a meeting's date changed, and why: it was postponed, moved or cancelled.

    The meeting's own :attr:`~Meeting.when` is the new date, where there is
    one; this keeps what was planned before.  At least one field is given.

    Attributes:
        planned: The date it was planned for before the change.
        reason: Why, in the report's words, e.g. ``"scheduling conflicts"``.
        announced: When the change was announced.

    >>> import pendulum
    >>> change = ScheduleChange(planned=DateSpan(pendulum.date(2026, 3, 10)), reason="elections")
    >>> change.planned.start, change.reason
    (Date(2026, 3, 10), 'elections')

    .. versionadded:: 0.1.0
    """

    planned: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None, validator=Instance(WHEN_TYPES, optional=True)
    )
    reason: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    announced: DateSpan | TimeSpan | PartialDate | None = attrs.field(
        default=None, validator=Instance(WHEN_TYPES, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.planned is None and self.reason is None and self.announced is None:
            raise _checks.FieldError(
                "planned",
                None,
                "is missing: give at least the planned date, a reason or when"
                " the change was announced",
            )
