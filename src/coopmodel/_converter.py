"""The converter: the one place where coopmodel objects become JSON data and back.

Everything the package reads or writes goes through :func:`make_converter`'s
hooks.  They are strict: a JSON value of the wrong type is an error, never
coerced (cattrs' defaults would turn ``123`` into ``"123"`` and ``"yes"`` into
``True``).

Reading runs in two passes.  The fast pass is cattrs' generated code with
these hooks.  Only when it fails does :func:`diagnose` walk the same data
again, field by field with the same hooks and the classes' own validators, to
list every problem with its JSONPath: bad input costs a second look, good
input costs nothing extra.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.gen import make_dict_structure_fn

from coopmodel._errors import ErrorDetail
from coopmodel._model import (
    MAX_FORUM_DEPTH,
    DateSpan,
    FieldError,
    Forum,
    Organization,
    PartialDate,
    Party,
    Person,
    TimeSpan,
)
from coopmodel._model._checks import short_repr, type_name, zone_name

__all__ = ["SCHEMA_VERSION", "diagnose", "make_converter", "tag_of"]

T = TypeVar("T")

SCHEMA_VERSION: Final = 1
"""The version of the JSON form written by this release (see :doc:`/explanation/json-form`)."""

MAX_NESTING: Final = 64
"""How deep :func:`diagnose` follows nested objects before giving up on a branch."""

#: The tagged unions of the model, with the tag each member is written with.
TAGGED_UNIONS: Final[dict[Any, dict[type, str]]] = {
    Party | Organization | Person: {Party: "party", Organization: "organization", Person: "person"},
    Party | Organization: {Party: "party", Organization: "organization"},
    DateSpan | TimeSpan | PartialDate: {
        DateSpan: "date_span",
        TimeSpan: "time_span",
        PartialDate: "partial_date",
    },
}
TAG_KEY: Final = "type"

INSTANT: Final = pendulum.DateTime | pendulum.Date


def tag_of(cls: type) -> str:
    """The tag a class is written with inside a tagged union, e.g. ``"party"``."""
    for members in TAGGED_UNIONS.values():
        if cls in members:
            return members[cls]
    raise KeyError(cls)


class BadValue(ValueError):  # noqa: N818 - it is the value that is bad
    """A JSON value a hook cannot take; the message follows the value's path."""


# --- leaves ---------------------------------------------------------------


def _structure_str(value: object, _: object) -> str:
    if value.__class__ is str:
        return value  # type: ignore[return-value]
    raise BadValue(f"is {type_name(value)}, expected a string")


def _structure_int(value: object, _: object) -> int:
    if value.__class__ is int:
        return value  # type: ignore[return-value]
    raise BadValue(f"is {type_name(value)}, expected an integer")


def _structure_float(value: object, _: object) -> float:
    cls = value.__class__
    if cls is float:
        return value  # type: ignore[return-value]
    if cls is int:
        return float(value)  # type: ignore[arg-type]
    raise BadValue(f"is {type_name(value)}, expected a number")


def _structure_bool(value: object, _: object) -> bool:
    if value.__class__ is bool:
        return value  # type: ignore[return-value]
    raise BadValue(f"is {type_name(value)}, expected true or false")


def _enum_hook(enum_cls: type[enum.Enum]) -> Any:
    members = {member.value: member for member in enum_cls}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: object, _: object) -> enum.Enum:
        if value.__class__ is str:
            member = members.get(value)
            if member is not None:
                return member
            raise BadValue(f"{short_repr(value)} is not one of {allowed}")
        raise BadValue(f"is {type_name(value)}, expected one of {allowed}")

    return structure


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"(?P<base>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?P<offset>Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)?)"
    r"(?:\[(?P<zone>[A-Za-z0-9_+./-]{1,64})\])?"
)
DATE_PATTERN: Final = "^" + _DATE.pattern + "$"
#: What the writer produces: RFC 3339 with an offset, and the IANA zone in
#: brackets where there is one (RFC 9557).
DATETIME_PATTERN: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?"
    r"[+-][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{6})?)?(\[[A-Za-z0-9_+./-]{1,64}\])?$"
)


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> pendulum.Timezone:
    return pendulum.timezone(name)  # type: ignore[return-value]


@functools.lru_cache(maxsize=1024)
def _fixed(seconds: int) -> pendulum.FixedTimezone:
    return pendulum.FixedTimezone(seconds)


def _structure_date(value: object, _: object = None) -> pendulum.Date:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date string such as '2025-08-06'")
    if _DATE.fullmatch(value) is None:  # type: ignore[arg-type]
        raise BadValue(f"{short_repr(value)} is not a date in the form 'YYYY-MM-DD'")
    try:
        return pendulum.Date(int(value[:4]), int(value[5:7]), int(value[8:]))  # type: ignore[index]
    except ValueError as error:
        raise BadValue(f"{short_repr(value)} is not a real date ({error})") from None


def _structure_datetime(value: object, _: object = None) -> pendulum.DateTime:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date-time string")
    match = _DATETIME.fullmatch(value)  # type: ignore[arg-type]
    if match is None:
        raise BadValue(
            f"{short_repr(value)} is not an RFC 3339 date-time with an offset, optionally"
            " followed by an IANA zone: '2025-08-06T21:38:00+05:30[Asia/Kolkata]'"
        )
    if match["offset"] is None:
        raise BadValue(f"{short_repr(value)} has no UTC offset: naive date-times are not accepted")
    try:
        parsed = dt.datetime.fromisoformat(match["base"])
    except ValueError as error:
        raise BadValue(f"{short_repr(value)} is not a real date-time ({error})") from None
    offset = parsed.utcoffset()
    assert offset is not None  # noqa: S101 - the pattern demands an offset
    name = match["zone"]
    if name is None:
        tz: dt.tzinfo = _fixed(int(offset.total_seconds()))
        local = parsed
    else:
        try:
            tz = _zone(name)
        except Exception:  # noqa: BLE001 - pendulum raises several kinds for bad names
            raise BadValue(f"{short_repr(value)} names an unknown time zone {name!r}") from None
        try:
            local = parsed.astimezone(tz)
        except (OverflowError, ValueError):
            raise BadValue(f"{short_repr(value)} is out of range in {name}") from None
        if local.utcoffset() != offset:
            raise BadValue(
                f"{short_repr(value)} has offset {_offset_text(offset)}, but {name} is at"
                f" {_offset_text(local.utcoffset())} at that time"
            )
    return pendulum.DateTime(
        local.year,
        local.month,
        local.day,
        local.hour,
        local.minute,
        local.second,
        local.microsecond,
        tzinfo=tz,
        fold=local.fold,
    )


def _offset_text(offset: dt.timedelta | None) -> str:
    if offset is None:  # pragma: no cover - aware values only
        return "none"
    return pendulum.FixedTimezone(int(offset.total_seconds())).name


def _structure_instant(value: object, _: object) -> pendulum.DateTime | pendulum.Date:
    if value.__class__ is str and len(value) == 10:  # type: ignore[arg-type]
        return _structure_date(value)
    return _structure_datetime(value)


def format_datetime(value: pendulum.DateTime) -> str:
    """RFC 9557 text of an aware datetime: ``2025-08-06T21:38:00+05:30[Asia/Kolkata]``."""
    name = zone_name(value)
    text = value.isoformat()
    return text if name is None else f"{text}[{name}]"


def _unstructure_instant(value: pendulum.DateTime | pendulum.Date) -> str:
    if value.__class__ is pendulum.DateTime:
        return format_datetime(value)  # type: ignore[arg-type]
    return value.isoformat()


# --- containers -----------------------------------------------------------


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis  # noqa: PLR2004


def _tuple_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        cls = value.__class__
        if cls is not list and cls is not tuple:
            raise BadValue(f"is {type_name(value)}, expected an array")
        return tuple([item_hook(item, item_type) for item in value])  # type: ignore[attr-defined]

    return structure


def _tuple_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    item_hook = converter.get_unstructure_hook(get_args(type_)[0])

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return unstructure


def _union_hooks(converter: cattrs.Converter, members: dict[type, str]) -> tuple[Any, Any]:
    # The members' hooks are looked up on first use: a member may itself hold
    # a union (a Person's affiliation) whose hook is registered later.
    structure_by_tag: dict[str, tuple[Any, type]] = {}
    unstructure_by_cls: dict[type, tuple[Any, str]] = {}
    allowed = ", ".join(repr(tag) for tag in members.values())

    def resolve() -> None:
        for cls, tag in members.items():
            structure_by_tag[tag] = (converter.get_structure_hook(cls), cls)
            unstructure_by_cls[cls] = (converter.get_unstructure_hook(cls), tag)

    def structure(value: object, _: object) -> Any:
        if value.__class__ is not dict:
            raise BadValue(f"is {type_name(value)}, expected an object with a {TAG_KEY!r} tag")
        if not structure_by_tag:
            resolve()
        tag = value.get(TAG_KEY)  # type: ignore[attr-defined]
        entry = structure_by_tag.get(tag) if tag.__class__ is str else None
        if entry is None:
            raise BadValue(f"has {TAG_KEY!r} {short_repr(tag)}, expected one of {allowed}")
        hook, cls = entry
        return hook({key: item for key, item in value.items() if key != TAG_KEY}, cls)  # type: ignore[attr-defined]

    def unstructure(value: Any) -> dict[str, Any]:
        if not unstructure_by_cls:
            resolve()
        hook, tag = unstructure_by_cls[value.__class__]
        return {TAG_KEY: tag, **hook(value)}

    return structure, unstructure


def _optional(hook: Any) -> Any:
    def structure(value: object, type_: object) -> Any:
        return None if value is None else hook(value, type_)

    return structure


def _forum_structure_factory(converter: cattrs.Converter) -> Any:
    generated = make_dict_structure_fn(Forum, converter)

    def structure(value: Any, _: object) -> Forum:
        # Bound the parent chain before recursing into it, so a hostile chain
        # thousands deep is an error, not a RecursionError.
        parent = value.get("parent") if value.__class__ is dict else None
        depth = 1
        while parent is not None:
            depth += 1
            if depth > MAX_FORUM_DEPTH:
                raise FieldError(
                    "parent", "...", f"nests too deep: at most {MAX_FORUM_DEPTH} forums in a chain"
                )
            parent = parent.get("parent") if parent.__class__ is dict else None
        return generated(value, Forum)

    return structure


def make_converter() -> cattrs.Converter:
    """A new converter configured for coopmodel's JSON form.

    coopmodel's functions share one converter made by this factory.  To
    customise, start from a copy (``coopmodel.converter().copy()``) or a fresh
    one from here, and leave the shared one alone.

    .. versionadded:: 0.1.0
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    for type_, hook in (
        (str, _structure_str),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
        (pendulum.DateTime, _structure_datetime),
        (pendulum.Date, _structure_date),
    ):
        converter.register_structure_hook(type_, hook)
    converter.register_unstructure_hook(pendulum.DateTime, format_datetime)
    converter.register_unstructure_hook(pendulum.Date, pendulum.Date.isoformat)
    converter.register_structure_hook_func(lambda t: t == INSTANT, _structure_instant)
    converter.register_structure_hook_func(
        lambda t: t == INSTANT | None, _optional(_structure_instant)
    )
    converter.register_unstructure_hook_func(lambda t: t == INSTANT, _unstructure_instant)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda _: _enum_value,
    )
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_structure_factory)
    converter.register_unstructure_hook_factory(_is_homogeneous_tuple, _tuple_unstructure_factory)
    converter.register_structure_hook(Forum, _forum_structure_factory(converter))
    for union, members in TAGGED_UNIONS.items():
        structure, unstructure = _union_hooks(converter, members)
        converter.register_structure_hook_func(functools.partial(_is, union), structure)
        converter.register_structure_hook_func(
            functools.partial(_is, union | None), _optional(structure)
        )
        converter.register_unstructure_hook_func(functools.partial(_is, union), unstructure)
        converter.register_unstructure_hook_func(
            functools.partial(_is, union | None), _optional_unstructure(unstructure)
        )
    return converter


def _optional_unstructure(hook: Any) -> Any:
    def unstructure(value: object) -> Any:
        return None if value is None else hook(value)

    return unstructure


def _is(expected: object, type_: object) -> bool:
    return type_ == expected


def _enum_value(member: enum.Enum) -> Any:
    return member.value


# --- diagnosis ------------------------------------------------------------


class _Draft:
    """The fields of an object that could not be built, for running its validators."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> None:
        return None


def diagnose(converter: cattrs.Converter, data: object, type_: Any, path: str = "$") -> list[ErrorDetail]:
    """Every problem that stops *data* from structuring as *type_*, with its JSONPath."""
    problems: list[ErrorDetail] = []
    _diagnose(converter, data, type_, path, problems, 0)
    return problems


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{short_repr(key)}]"


def _diagnose(  # noqa: C901, PLR0911, PLR0912 - one branch per kind of type
    converter: cattrs.Converter,
    data: object,
    type_: Any,
    path: str,
    problems: list[ErrorDetail],
    depth: int,
) -> Any:
    """Structure *data* as *type_*, noting every problem; return the value or ``_FAILED``."""
    if depth > MAX_NESTING:
        problems.append(ErrorDetail(path, f"nests deeper than {MAX_NESTING} levels"))
        return _FAILED
    args = get_args(type_)
    origin = get_origin(type_)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        if data is None:
            return None
        rest = tuple(arg for arg in args if arg is not type(None))
        type_ = rest[0] if len(rest) == 1 else functools.reduce(lambda a, b: a | b, rest)
    for union, members in TAGGED_UNIONS.items():
        if type_ == union:
            if not isinstance(data, dict):
                problems.append(ErrorDetail(path, f"is {type_name(data)}, expected an object"))
                return _FAILED
            tag = data.get(TAG_KEY)
            by_tag = {tag_: cls for cls, tag_ in members.items()}
            if not isinstance(tag, str) or tag not in by_tag:
                allowed = ", ".join(repr(tag_) for tag_ in by_tag)
                problems.append(
                    ErrorDetail(
                        _key_path(path, TAG_KEY),
                        f"is {short_repr(tag)}, expected one of {allowed}"
                        if TAG_KEY in data
                        else f"is missing, expected one of {allowed}",
                    )
                )
                return _FAILED
            body = {key: item for key, item in data.items() if key != TAG_KEY}
            return _diagnose(converter, body, by_tag[tag], path, problems, depth)
    if _is_homogeneous_tuple(type_):
        if not isinstance(data, list | tuple):
            problems.append(ErrorDetail(path, f"is {type_name(data)}, expected an array"))
            return _FAILED
        items = [
            _diagnose(converter, item, args[0], f"{path}[{index}]", problems, depth + 1)
            for index, item in enumerate(data)
        ]
        return _FAILED if any(item is _FAILED for item in items) else tuple(items)
    if isinstance(type_, type) and attrs.has(type_):
        return _diagnose_class(converter, data, type_, path, problems, depth)
    try:
        return converter.structure(data, type_)
    except (FieldError, BadValue) as error:
        problems.append(_detail(path, error))
    except Exception as error:  # noqa: BLE001 - any other failure is still reported, with its path
        problems.append(ErrorDetail(path, f"{short_repr(data)} cannot be read: {error}"))
    return _FAILED


_FAILED: Final = object()


def _detail(path: str, error: Exception) -> ErrorDetail:
    if isinstance(error, FieldError):
        return ErrorDetail(_key_path(path, error.field), f"{short_repr(error.value)} {error.reason}")
    return ErrorDetail(path, str(error))


def _diagnose_class(  # noqa: C901 - the steps of building one object
    converter: cattrs.Converter,
    data: object,
    cls: type,
    path: str,
    problems: list[ErrorDetail],
    depth: int,
) -> Any:
    if not isinstance(data, dict):
        problems.append(ErrorDetail(path, f"is {type_name(data)}, expected an object"))
        return _FAILED
    before = len(problems)
    fields = attrs.fields(attrs.resolve_types(cls))
    known = {field.name for field in fields}
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in data:
            value = _diagnose(
                converter, data[field.name], field.type, _key_path(path, field.name), problems, depth + 1
            )
            if value is not _FAILED:
                values[field.name] = value
        elif field.default is attrs.NOTHING:
            problems.append(ErrorDetail(_key_path(path, field.name), "is missing"))
    problems.extend(
        ErrorDetail(_key_path(path, key), "is not a field of " + cls.__name__)
        for key in data
        if key not in known
    )
    draft = _Draft(values)
    for field in fields:
        if field.name in values and field.validator is not None:
            try:
                field.validator(draft, field, values[field.name])
            except FieldError as error:
                problems.append(_detail(path, error))
            except Exception:  # noqa: BLE001, S110 - a validator tripping over a failed neighbour
                pass
    if len(problems) > before:
        return _FAILED
    try:
        return cls(**values)
    except FieldError as error:
        problems.append(_detail(path, error))
    except Exception as error:  # noqa: BLE001
        problems.append(ErrorDetail(path, f"cannot be built: {error}"))
    return _FAILED
