"""coopmodel: a typed, immutable model of international cooperation events.

The value classes, their strict JSON parsers and serializers, and the one
exception type the parsers raise.  Everything public is listed in ``__all__``;
the modules behind it are private.
"""

from importlib.metadata import version as _version

from coopmodel._codes import country_code
from coopmodel._converter import SCHEMA_VERSION, clear_caches, make_converter, set_sharing
from coopmodel._errors import MAX_PROBLEMS, ErrorDetail, ParseError
from coopmodel._io import (
    MAX_DOCUMENT_BYTES,
    converter,
    from_dict,
    from_json,
    read_jsonl,
    to_dict,
    to_json,
    write_jsonl,
)
from coopmodel._merge import (
    Conflict,
    MergeError,
    MergeResult,
    identity_key,
    merge,
    same_meeting,
)
from coopmodel._model import (
    MAX_FORUM_DEPTH,
    Actor,
    Affiliation,
    AreaTerm,
    ContextEvent,
    ContextKind,
    ContextRelation,
    CooperationArea,
    Coordinates,
    DateSpan,
    ExternalId,
    FieldError,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    PartyKind,
    Person,
    Place,
    ScheduleChange,
    Source,
    Stage,
    Statement,
    StatementKind,
    TimeSpan,
    Vocabulary,
    When,
    vocabulary,
    zone_name,
)
from coopmodel._query import query
from coopmodel._schema import json_schema

__version__: str = _version("coopmodel")

# Tracebacks and reprs name the public path, coopmodel.ParseError.
ParseError.__module__ = ErrorDetail.__module__ = FieldError.__module__ = __name__
MergeError.__module__ = MergeResult.__module__ = Conflict.__module__ = __name__

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_FORUM_DEPTH",
    "MAX_PROBLEMS",
    "SCHEMA_VERSION",
    "Actor",
    "Affiliation",
    "AreaTerm",
    "Conflict",
    "ContextEvent",
    "ContextKind",
    "ContextRelation",
    "CooperationArea",
    "Coordinates",
    "DateSpan",
    "ErrorDetail",
    "ExternalId",
    "FieldError",
    "Forum",
    "ForumKind",
    "Meeting",
    "MeetingStatus",
    "MergeError",
    "MergeResult",
    "Organization",
    "OrganizationKind",
    "ParseError",
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
    "__version__",
    "clear_caches",
    "converter",
    "country_code",
    "from_dict",
    "from_json",
    "identity_key",
    "json_schema",
    "make_converter",
    "merge",
    "query",
    "read_jsonl",
    "same_meeting",
    "set_sharing",
    "to_dict",
    "to_json",
    "vocabulary",
    "write_jsonl",
    "zone_name",
]


def __dir__() -> list[str]:
    return __all__
