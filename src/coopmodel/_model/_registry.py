"""Facts about the model as a whole, written once and read by every consumer.

The converter, the JSON Schema builder, the strategies, the command line, the
docs and the tests all need to know which classes are public, how each is
tagged inside a union, which ones are reference data that recurs between
documents, and which fields chain an object to another of its own class.
They read it here, so that a class added to the model and to
:data:`PUBLIC_CLASSES` reaches all of them, and a test fails where one is
missing.
"""

from __future__ import annotations

from typing import Final

from coopmodel._model._actors import Organization, Person
from coopmodel._model._areas import CooperationArea
from coopmodel._model._context import ContextEvent
from coopmodel._model._forum import MAX_FORUM_DEPTH, Forum
from coopmodel._model._identity import ExternalId
from coopmodel._model._meeting import Meeting
from coopmodel._model._party import Party
from coopmodel._model._place import Coordinates, Place
from coopmodel._model._schedule import ScheduleChange
from coopmodel._model._source import Source
from coopmodel._model._statement import Statement
from coopmodel._model._time import DateSpan, PartialDate, TimeSpan

__all__ = [
    "CHAINS",
    "PUBLIC_CLASSES",
    "REFERENCE_DATA",
    "TAG_KEY",
    "UNION_TAGS",
    "WRITTEN_ALWAYS",
    "public_class",
]

#: Every public value class, from the simplest to :class:`Meeting`: the classes
#: a document may hold at its top level.
PUBLIC_CLASSES: Final[tuple[type, ...]] = (
    ExternalId,
    Party,
    Organization,
    Person,
    Coordinates,
    Place,
    Forum,
    DateSpan,
    TimeSpan,
    PartialDate,
    CooperationArea,
    Source,
    Statement,
    ContextEvent,
    ScheduleChange,
    Meeting,
)

#: The key that names the member of a union in the JSON form.
TAG_KEY: Final = "type"

#: The tag each class is written with wherever a field holds a union of classes
#: (an actor: party, organization or person; a time: date span, time span or
#: partial date).
UNION_TAGS: Final[dict[type, str]] = {
    Party: "party",
    Organization: "organization",
    Person: "person",
    DateSpan: "date_span",
    TimeSpan: "time_span",
    PartialDate: "partial_date",
}

#: The reference data of the domain: classes whose equal values recur from
#: document to document (a forum, its parties, a ministry, a city, a
#: vocabulary area at a stage), with the fields whose presence makes a value
#: unlikely to recur (an area's free-text detail).  Readers may share one
#: object between equal values of these classes.  Not people: most occur once.
REFERENCE_DATA: Final[dict[type, tuple[str, ...]]] = {
    Party: (),
    Organization: (),
    Forum: (),
    Place: (),
    ExternalId: (),
    CooperationArea: ("detail",),
}

#: Fields that link an object to another of its own class, with the longest
#: chain allowed (the object itself included).  Readers bound such a chain
#: before following it.
CHAINS: Final[dict[type, tuple[str, int]]] = {
    Forum: ("parent", MAX_FORUM_DEPTH),
}

#: Fields written to JSON even when they hold their default, because readers
#: in other languages (pandas, DuckDB) do not know the default: a meeting's
#: status, and its parties (by default the forum's).  Every other field that
#: holds its default is left out; the JSON Schema declares each default.
WRITTEN_ALWAYS: Final[dict[type, tuple[str, ...]]] = {
    Meeting: ("status", "parties"),
}


def public_class(name: str) -> type:
    """The public class called *name*, e.g. ``"Meeting"``.

    Raises:
        LookupError: no public class has that name; the message lists them.
    """
    for cls in PUBLIC_CLASSES:
        if cls.__name__ == name:
            return cls
    known = ", ".join(cls.__name__ for cls in PUBLIC_CLASSES)
    raise LookupError(f"{name!r} is not a coopmodel class; expected one of {known}")
