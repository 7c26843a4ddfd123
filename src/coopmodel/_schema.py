"""JSON Schema (draft 2020-12) of the JSON form, derived from the classes themselves."""

from __future__ import annotations

import enum
import functools
import inspect
import re
import types
import typing
from typing import Any, Final, get_args, get_origin

import attrs
import pendulum

from coopmodel._converter import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    INSTANT,
    SCHEMA_VERSION,
    TAG_KEY,
    TAGGED_UNIONS,
)
from coopmodel._io import VERSION_KEY
from coopmodel._model import (
    CooperationArea,
    Coordinates,
    ExternalId,
    Forum,
    Meeting,
    Party,
    Place,
    Source,
    Statement,
    vocabulary,
)
from coopmodel._model._areas import AREA_CODE_MAX_LENGTH, AREA_CODE_PATTERN
from coopmodel._model._checks import LANGUAGE_PATTERN, SLUG_MAX_LENGTH, SLUG_PATTERN
from coopmodel._model._identity import SCHEME_PATTERN
from coopmodel._model._meeting import MAX_SESSION
from coopmodel._model._party import ORGANIZATION_CODE_PATTERN, _alpha3_codes
from coopmodel._model._source import URL_MAX_LENGTH

__all__ = ["json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_TEXT: Final = {"type": "string", "minLength": 1, "pattern": r"\S"}


@functools.cache
def _field_schemas() -> dict[tuple[type, str], dict[str, Any]]:
    slug = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH}
    countries = sorted(_alpha3_codes())
    return {
        (Forum, "id"): slug,
        (Meeting, "id"): slug,
        (Party, "code"): {"type": "string"},
        (Place, "country"): {"type": "string", "enum": countries},
        (Coordinates, "latitude"): {"type": "number", "minimum": -90, "maximum": 90},
        (Coordinates, "longitude"): {"type": "number", "minimum": -180, "maximum": 180},
        (ExternalId, "scheme"): {"type": "string", "pattern": SCHEME_PATTERN},
        (Source, "url"): {
            "type": "string",
            "format": "uri",
            "pattern": "^https?://",
            "maxLength": URL_MAX_LENGTH,
        },
        (Source, "language"): {"type": "string", "pattern": LANGUAGE_PATTERN},
        (Statement, "language"): {"type": "string", "pattern": LANGUAGE_PATTERN},
        (CooperationArea, "code"): {
            "type": "string",
            "pattern": AREA_CODE_PATTERN,
            "maxLength": AREA_CODE_MAX_LENGTH,
        },
        (Meeting, "sources"): {"minItems": 1},
        (Meeting, "session"): {"minimum": 1, "maximum": MAX_SESSION},
        (_partial_date(), "year"): {"minimum": 1, "maximum": 9999},
        (_partial_date(), "month"): {"minimum": 1, "maximum": 12},
    }


def _partial_date() -> type:
    from coopmodel._model import PartialDate  # noqa: PLC0415 - keeps the table readable

    return PartialDate


@functools.cache
def _class_rules() -> dict[type, dict[str, Any]]:
    """Rules across fields, as if/then/else."""
    codes = list(vocabulary())
    return {
        Party: {
            "if": {"properties": {"kind": {"const": "state"}}},
            "then": {"properties": {"code": {"enum": sorted(_alpha3_codes())}}},
            "else": {"properties": {"code": {"pattern": ORGANIZATION_CODE_PATTERN}}},
        },
        CooperationArea: {
            "if": {"properties": {"custom": {"const": True}}, "required": ["custom"]},
            "else": {"properties": {"code": {"enum": codes}}},
        },
        ExternalId: {
            "if": {"properties": {"scheme": {"const": "wikidata"}}},
            "then": {"properties": {"value": {"pattern": "^[QP][1-9][0-9]*$"}}},
        },
        Place: {
            "anyOf": [
                {"required": ["locality"]},
                {"required": ["country"]},
                {"required": ["region"]},
                {"required": ["venue"]},
            ]
        },
    }


_ATTRIBUTE_LINE = re.compile(r"^ {4}(\w+): (.*)$")
_ROLE = re.compile(r":[a-z]+:`~?(?:[\w.]*\.)?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``|`([^`]+)`")


def _plain(text: str) -> str:
    """*text* without reST markup, for readers of the schema in other languages."""
    text = _ROLE.sub(r"\1", text)
    return _LITERAL.sub(lambda match: match[1] or match[2], text)


def _docs(cls: type) -> tuple[str, dict[str, str]]:
    """The summary line of *cls*'s docstring and its ``Attributes:`` entries."""
    doc = inspect.getdoc(cls) or ""
    summary = doc.split("\n\n", 1)[0].replace("\n", " ")
    fields: dict[str, str] = {}
    if "Attributes:" in doc:
        current = None
        for line in doc.split("Attributes:", 1)[1].splitlines()[1:]:
            if line and not line.startswith("    "):
                break
            match = _ATTRIBUTE_LINE.match(line)
            if match:
                current = match[1]
                fields[current] = match[2]
            elif current and line.strip():
                fields[current] += " " + line.strip()
    return _plain(summary), {name: _plain(text) for name, text in fields.items()}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, cls: type, tag: str | None = None) -> dict[str, Any]:
        name = cls.__name__ if tag is None else f"Tagged{cls.__name__}"
        if name not in self.defs:
            self.defs[name] = {}  # placeholder while recursing (Forum.parent)
            self.defs[name] = self.object(cls, tag)
        return {"$ref": f"#/$defs/{name}"}

    def object(
        self, cls: type, tag: str | None = None, extra: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        summary, descriptions = _docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        if tag is not None:
            properties[TAG_KEY] = {"const": tag}
            required.append(TAG_KEY)
        if extra:
            properties.update(extra)
            required.extend(extra)
        for field in attrs.fields(attrs.resolve_types(cls)):
            schema = self.type(field.type)
            schema.update(_field_schemas().get((cls, field.name), {}))
            if field.name in descriptions:
                schema["description"] = descriptions[field.name]
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        result: dict[str, Any] = {
            "title": cls.__name__,
            "description": summary,
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        result.update(_class_rules().get(cls, {}))
        return result

    def type(self, type_: Any) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912 - one branch per kind
        args = get_args(type_)
        if get_origin(type_) in (types.UnionType, typing.Union) and type(None) in args:
            # Optional fields default to None, and None is never written: the
            # field is left out instead.
            rest = [arg for arg in args if arg is not type(None)]
            type_ = rest[0] if len(rest) == 1 else functools.reduce(lambda a, b: a | b, rest)
            args = get_args(type_)
        if type_ == INSTANT:
            return {
                "type": "string",
                "anyOf": [{"pattern": DATETIME_PATTERN}, {"pattern": DATE_PATTERN}],
            }
        for union, members in TAGGED_UNIONS.items():
            if type_ == union:
                return {"oneOf": [self.ref(cls, tag) for cls, tag in members.items()]}
        if get_origin(type_) is tuple:
            return {"type": "array", "items": self.type(args[0])}
        if type_ is str:
            return dict(_TEXT)
        if type_ is bool:
            return {"type": "boolean"}
        if type_ is int:
            return {"type": "integer"}
        if type_ is float:
            return {"type": "number"}
        if type_ is pendulum.DateTime:
            return {"type": "string", "pattern": DATETIME_PATTERN}
        if type_ is pendulum.Date:
            return {"type": "string", "pattern": DATE_PATTERN}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"enum": [member.value for member in type_]}
        if isinstance(type_, type) and attrs.has(type_):
            return self.ref(type_)
        raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - model is closed


def json_schema(cls: type) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a top-level *cls* document.

    It describes exactly what :func:`~coopmodel.to_json` writes for *cls*,
    ``schema_version`` included, so programs in any language can validate
    coopmodel documents.  Rules it cannot express (an end after its start,
    the depth of forum chains) are checked by the parsers.

    >>> import coopmodel
    >>> schema = coopmodel.json_schema(coopmodel.Meeting)
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> schema["required"][:4]
    ['schema_version', 'id', 'title', 'forum']

    .. versionadded:: 0.1.0
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not a coopmodel class")
    builder = _Builder()
    root = builder.object(cls, extra={VERSION_KEY: {"const": SCHEMA_VERSION}})
    return {
        "$schema": DIALECT,
        "$id": f"https://coopmodel.readthedocs.io/en/latest/schema/v{SCHEMA_VERSION}/{cls.__name__}.json",
        **root,
        "$defs": builder.defs,
    }
