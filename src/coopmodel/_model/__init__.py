"""The value classes of coopmodel.

This subpackage imports nothing else of coopmodel: the converter, the
strategies and every later wing import it, never the other way round.
"""

from coopmodel._model._actors import Actor, Affiliation, Organization, OrganizationKind, Person
from coopmodel._model._areas import AreaTerm, CooperationArea, Stage, Vocabulary, vocabulary
from coopmodel._model._checks import FieldError, zone_name
from coopmodel._model._context import ContextEvent, ContextKind, ContextRelation
from coopmodel._model._forum import MAX_FORUM_DEPTH, Forum, ForumKind
from coopmodel._model._identity import ExternalId
from coopmodel._model._meeting import Meeting, MeetingStatus
from coopmodel._model._party import Party, PartyKind
from coopmodel._model._place import Coordinates, Place
from coopmodel._model._registry import (
    CHAINS,
    PUBLIC_CLASSES,
    REFERENCE_DATA,
    TAG_KEY,
    UNION_TAGS,
    WRITTEN_ALWAYS,
    public_class,
)
from coopmodel._model._schedule import ScheduleChange
from coopmodel._model._source import Source
from coopmodel._model._statement import Statement, StatementKind
from coopmodel._model._time import DateSpan, PartialDate, TimeSpan, When

__all__ = [
    "CHAINS",
    "MAX_FORUM_DEPTH",
    "PUBLIC_CLASSES",
    "REFERENCE_DATA",
    "TAG_KEY",
    "UNION_TAGS",
    "WRITTEN_ALWAYS",
    "Actor",
    "Affiliation",
    "AreaTerm",
    "ContextEvent",
    "ContextKind",
    "ContextRelation",
    "CooperationArea",
    "Coordinates",
    "DateSpan",
    "ExternalId",
    "FieldError",
    "Forum",
    "ForumKind",
    "Meeting",
    "MeetingStatus",
    "Organization",
    "OrganizationKind",
    "PartialDate",
    "Party",
    "PartyKind",
    "Person",
    "Place",
    "ScheduleChange",
    "Source",
    "Stage",
    "Statement",
    "StatementKind",
    "TimeSpan",
    "Vocabulary",
    "When",
    "public_class",
    "vocabulary",
    "zone_name",
]
