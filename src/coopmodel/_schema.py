"""JSON Schema (draft 2020-12) of the JSON form, derived from the classes themselves."""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from typing import Any, Final, get_args, get_origin

import attrs

from coopmodel._converter import SCHEMA_VERSION
from coopmodel._io import VERSION_KEY
from coopmodel._model import TAG_KEY, UNION_TAGS, CooperationArea, ExternalId, Party, Place
from coopmodel._model._areas import AreaCode
from coopmodel._model._constraints import Constraint, constraint_of
from coopmodel._model._identity import WIKIDATA_ID
from coopmodel._model._party import PartyCode

__all__ = ["json_schema"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


@functools.cache
def _class_rules() -> dict[type, dict[str, Any]]:
    """Rules across the fields of one class, as if/then/else.

    Rules the schema cannot state (an end after its start, a forum chain's
    depth and ids, real calendar dates, IANA zone names and their offsets)
    are checked by the parsers and listed in :doc:`/explanation/json-form`.
    """
    return {
        Party: PartyCode.class_rule(),
        CooperationArea: AreaCode.class_rule(),
        ExternalId: {
            "if": {"properties": {"scheme": {"const": "wikidata"}}},
            "then": {"properties": {"value": WIKIDATA_ID.json_schema()}},
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
            constraint = constraint_of(field)
            schema = self.field(field.type, constraint)
            if field.alias in descriptions:
                schema["description"] = descriptions[field.alias]
            elif field.name in descriptions:
                schema["description"] = descriptions[field.name]
            properties[field.alias] = schema
            if field.default is attrs.NOTHING:
                required.append(field.alias)
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

    def field(self, type_: Any, constraint: Constraint) -> dict[str, Any]:
        """The schema of a field of *type_* checked by *constraint*."""
        args = get_args(type_)
        optional = get_origin(type_) in (types.UnionType, typing.Union) and type(None) in args
        if optional:
            rest = [arg for arg in args if arg is not type(None)]
            type_ = rest[0] if len(rest) == 1 else functools.reduce(lambda a, b: a | b, rest)
        schema = {**self.type(type_), **constraint.json_schema()}
        if optional:
            # An optional field is left out when it is None; an explicit null
            # is read as None too.
            return {"anyOf": [schema, {"type": "null"}], "default": None}
        return schema

    def type(self, type_: Any) -> dict[str, Any]:
        """The schema of a value of *type_*, before its constraint: objects and arrays."""
        args = get_args(type_)
        if get_origin(type_) in (types.UnionType, typing.Union):
            members = [arg for arg in args if arg is not type(None)]
            if all(member in UNION_TAGS for member in members):
                return {"oneOf": [self.ref(cls, UNION_TAGS[cls]) for cls in members]}
            return {}  # a date or a datetime: the constraint says which strings
        if get_origin(type_) is tuple:
            return {"type": "array", "items": self.type(args[0])}
        if isinstance(type_, type) and attrs.has(type_):
            return self.ref(type_)
        return {}


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
