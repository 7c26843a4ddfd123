"""``coopmodel summary``: a readable summary of each record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from coopmodel import Meeting
from coopmodel._cli._render import clip, describe, ordinal
from coopmodel._cli._report import report_problems

if TYPE_CHECKING:
    from collections.abc import Iterator

    from coopmodel._cli._run import Run

__all__ = ["run_summary", "summary_lines"]

_LABEL: Final = 14

#: The fields of a meeting that its summary shows in its own way; any other
#: field that holds more than its default is listed after them.
_MEETING_FIELDS: Final = frozenset(
    [
        "id",
        "title",
        "forum",
        "sources",
        "status",
        "session",
        "when",
        "location",
        "parties",
        "participants",
        "areas",
        "statements",
        "context",
        "summary",
        "identifiers",
    ]
)


def run_summary(run: Run) -> int:
    """Print a summary of every record of every input; return the exit status."""
    first = True
    several = len(run.inputs) > 1
    for record in run.records():
        if record.error is not None:
            report_problems(run.warn_lines, record, run.hint(record))
            continue
        if not first:
            run.out.line()
        first = False
        if several or record.line is not None:  # say which record this is
            run.out.line(f"# {record.where}")
        for line in summary_lines(record.value):
            run.out.line(line)
    return run.status()


def summary_lines(value: object) -> Iterator[str]:
    """The lines of the summary of *value* (not yet escaped)."""
    if isinstance(value, Meeting):
        yield from _meeting(value)
    else:
        yield f"{type(value).__name__}: {describe(value)}"
        yield from _other_fields(value, frozenset())


def _line(label: str, text: str) -> str:
    return f"  {label + ':':{_LABEL}} {text}"


def _meeting(meeting: Meeting) -> Iterator[str]:
    yield meeting.title
    yield _line("id", meeting.id)
    yield _line("status", meeting.status.value)
    if meeting.session is not None:
        yield _line("session", ordinal(meeting.session))
    yield _line("forum", describe(meeting.forum))
    yield _line("parties", describe(meeting.parties) or "unknown")
    if meeting.participants:
        yield _line("participants", describe(meeting.participants))
    if meeting.when is not None:
        yield _line("when", describe(meeting.when))
    if meeting.location is not None:
        yield _line("where", describe(meeting.location))
    yield from _areas(meeting)
    yield from (_line("said", describe(statement)) for statement in meeting.statements)
    yield from (_line("context", describe(event)) for event in meeting.context)
    yield from (_line("source", describe(source)) for source in meeting.sources)
    if meeting.summary is not None:
        yield _line("summary", clip(meeting.summary))
    if meeting.identifiers:
        yield _line("identifiers", describe(meeting.identifiers))
    yield from _other_fields(meeting, _MEETING_FIELDS)


def _areas(meeting: Meeting) -> Iterator[str]:
    """One line per stage reached, furthest first; custom areas are marked."""
    for stage in sorted({area.stage for area in meeting.areas}, reverse=True):
        labels = (
            f"{area.label} (custom)" if area.custom else area.label
            for area in meeting.areas
            if area.stage is stage
        )
        yield _line(stage.value, ", ".join(labels))


def _other_fields(value: object, shown: frozenset[str]) -> Iterator[str]:
    """A line for each field not in *shown* that holds more than its default."""
    cls = type(value)
    if not attrs.has(cls):
        return
    for field in attrs.fields(cls):
        if field.name in shown or not field.init:
            continue
        item = getattr(value, field.name)
        if item is None or item == () or _is_default(field, item):
            continue
        yield _line(field.name.replace("_", " "), clip(describe(item)))


def _is_default(field: attrs.Attribute[object], item: object) -> bool:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    return bool(default is not attrs.NOTHING and item == default)
