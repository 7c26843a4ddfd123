"""The everyday questions, one call each: who, what, how far, when."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pendulum

from coopmodel._model import Meeting, Party, Stage

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = ["query"]


def _is_under(code: str, area: str) -> bool:
    """Whether *code* is *area* or one of its sub-areas ("minerals.x" is under "minerals")."""
    return code == area or code.startswith(area + ".")


def _day(value: dt.date | None, name: str) -> pendulum.Date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{name}: {value!r} is not a date (a datetime.date or pendulum.Date)")
    return pendulum.Date(value.year, value.month, value.day)


def query(
    meetings: Iterable[Meeting],
    *,
    party: str | Party | None = None,
    area: str | None = None,
    stage: Stage | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Iterator[Meeting]:
    """The meetings that meet every criterion given, lazily, in their order.

    Args:
        meetings: Any iterable of meetings, e.g. :func:`~coopmodel.read_jsonl`'s.
        party: A party code such as ``"IND"`` (or a :class:`Party`, of which
            only the code counts): the meetings it takes part in, as
            :meth:`Meeting.involves` says.
        area: An area code: the meetings that took up this area or one of its
            sub-areas (``"minerals"`` finds ``"minerals.rare_earths"``).
        stage: The meetings that took an area (the *area*, where given) at
            least this far: ``Stage.AGREED`` finds agreed, signed and
            implemented areas.
        since: The first day of a date range (inclusive).
        until: The last day of a date range (inclusive).  With *since* or
            *until*, the meetings whose dates (from
            :attr:`~DateSpan.earliest` to :attr:`~DateSpan.latest`) overlap
            the range; undated meetings are left out.

    >>> import coopmodel as cm, pendulum
    >>> forum = cm.Forum(id="ind-rus", name="India-Russia talks", kind=cm.ForumKind.CONSULTATIONS,
    ...                  parties=[cm.Party.state("IND"), cm.Party.state("RUS")])
    >>> talks = cm.Meeting(id="talks", title="Talks", forum=forum,
    ...     when=cm.PartialDate(2025, 8), sources=[cm.Source(publisher="P", title="T")],
    ...     areas=[cm.CooperationArea.of("minerals.rare_earths", cm.Stage.AGREED)])
    >>> found = cm.query([talks], party="RUS", area="minerals", stage=cm.Stage.WELCOMED,
    ...                  since=pendulum.date(2025, 8, 31))
    >>> [m.id for m in found]
    ['talks']
    >>> list(cm.query([talks], party="CHN"))
    []

    Raises:
        TypeError: a criterion has the wrong type.

    .. versionadded:: 0.1.0
    """
    start, end = _day(since, "since"), _day(until, "until")
    if stage is not None and not isinstance(stage, Stage):
        raise TypeError(f"stage: {stage!r} is not a Stage, such as Stage.AGREED")
    if party is not None and not isinstance(party, str | Party):
        raise TypeError(f"party: {party!r} is not a party code such as 'IND', nor a Party")
    if area is not None and not isinstance(area, str):
        raise TypeError(f"area: {area!r} is not an area code such as 'minerals'")
    if start is not None and end is not None and end < start:
        raise ValueError(f"until: {end} is before since {start}")
    return _filter(meetings, party, area, stage, start, end)


def _filter(  # noqa: PLR0917 - the criteria, checked
    meetings: Iterable[Meeting],
    party: str | Party | None,
    area: str | None,
    stage: Stage | None,
    start: pendulum.Date | None,
    end: pendulum.Date | None,
) -> Iterator[Meeting]:
    for meeting in meetings:
        if party is not None and not meeting.involves(party):
            continue
        if area is not None or stage is not None:
            areas = [a for a in meeting.areas if area is None or _is_under(a.code, area)]
            if not areas or (stage is not None and not any(a.stage >= stage for a in areas)):
                continue
        if start is not None or end is not None:
            when = meeting.when
            if when is None:
                continue
            if start is not None and when.latest < start:
                continue
            if end is not None and when.earliest > end:
                continue
        yield meeting
