"""The converter: the one place where coopmodel objects become JSON data and back.

Everything the package reads or writes goes through :func:`make_converter`'s
hooks.  They are strict: a JSON value of the wrong type is an error, never
coerced (cattrs' defaults would turn ``123`` into ``"123"`` and ``"yes"`` into
``True``).

Reading runs in two passes.  The fast pass is one hook per class, generated
here (cattrs' own generated hooks call a hook per field that dispatches
again): it inlines the leaf checks, enum lookups, tuples and tagged unions,
stops at the first problem, and builds the object, whose attrs validators run
as always.  Only when it fails does :func:`diagnose` walk the same data again,
field by field with the same hooks and the classes' own validators, to list
every problem with its JSONPath: bad input costs a second look, good input
costs nothing extra.

The converter behind :func:`~coopmodel.from_json`, :func:`~coopmodel.read_jsonl`,
:func:`~coopmodel.to_json` and :func:`~coopmodel.write_jsonl` also shares the
objects of the :data:`SHARED` classes (the reference data: parties, forums,
organizations, places, vocabulary areas) between documents: equal JSON
objects become one frozen object, and its JSON text is kept for writing.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import linecache
import operator
import re
import types
import typing
from typing import Any, Final, NoReturn, TypeVar, get_args, get_origin

import attrs
import cattrs
import orjson
import pendulum
from cattrs.fns import identity

from coopmodel._errors import ErrorDetail
from coopmodel._model import (
    MAX_FORUM_DEPTH,
    CooperationArea,
    DateSpan,
    ExternalId,
    FieldError,
    Forum,
    Organization,
    PartialDate,
    Party,
    Person,
    Place,
    TimeSpan,
)
from coopmodel._model._checks import short_repr, type_name, zone_name
from coopmodel._model._registry import WRITTEN_ALWAYS

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
        return value
    raise BadValue(f"is {type_name(value)}, expected a string")


def _structure_int(value: object, _: object) -> int:
    if value.__class__ is int:
        return value
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
        return value
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

    return _mark(structure, "enum", members)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME = re.compile(
    r"(?P<base>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    # An offset is whole seconds, under a day, each field in range: fromisoformat
    # would read '+05:99' as '+06:39' and drop a fraction of a second.
    r"(?P<offset>Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?)?)"
    r"(?:\[(?P<zone>[A-Za-z0-9_+./-]{1,64})\])?"
)
DATE_PATTERN: Final = "^" + _DATE.pattern + "$"
#: What the writer produces: RFC 3339 with an offset, and the IANA zone in
#: brackets where there is one (RFC 9557).
DATETIME_PATTERN: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?"
    r"[+-]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(\[[A-Za-z0-9_+./-]{1,64}\])?$"
)


@functools.cache
def zone_names() -> frozenset[str]:
    """The IANA zone names a document may use.

    Not ``localtime`` and ``Factory``, nor the ``right/`` and ``posix/``
    variants: they mean different things on different machines.
    """
    return frozenset(
        name
        for name in pendulum.timezones()
        if name not in {"localtime", "Factory"} and not name.startswith(("right/", "posix/"))
    )


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> pendulum.Timezone:
    if name not in zone_names():
        raise LookupError(name)
    return pendulum.timezone(name)


@functools.lru_cache(maxsize=1024)
def _fixed(seconds: int) -> pendulum.FixedTimezone:
    return pendulum.FixedTimezone(seconds)


def _structure_date(value: object, _: object = None) -> pendulum.Date:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date string such as '2025-08-06'")
    if _DATE.fullmatch(value) is None:
        raise BadValue(f"{short_repr(value)} is not a date in the form 'YYYY-MM-DD'")
    try:
        return pendulum.Date(int(value[:4]), int(value[5:7]), int(value[8:]))
    except ValueError as error:
        raise BadValue(f"{short_repr(value)} is not a real date ({error})") from None


def _structure_datetime(value: object, _: object = None) -> pendulum.DateTime:
    if value.__class__ is not str:
        raise BadValue(f"is {type_name(value)}, expected a date-time string")
    match = _DATETIME.fullmatch(value)
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
    if value.__class__ is str and len(value) == 10:
        return _structure_date(value)
    return _structure_datetime(value)


def format_datetime(value: pendulum.DateTime) -> str:
    """RFC 9557 text of an aware datetime: ``2025-08-06T21:38:00+05:30[Asia/Kolkata]``."""
    name = zone_name(value)
    text = value.isoformat()
    return text if name is None else f"{text}[{name}]"


def _unstructure_instant(value: pendulum.DateTime | pendulum.Date) -> str:
    if value.__class__ is pendulum.DateTime:
        return format_datetime(value)
    return value.isoformat()


# --- containers and unions --------------------------------------------------
#
# Each factory marks the hook it makes (``hook.coopmodel = (kind, detail)``),
# so that the class hooks generated below can inline it rather than call it.
# A hook registered by hand carries no mark, and is called like any other.


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(type_: Any) -> bool:
    return get_origin(type_) in (types.UnionType, typing.Union) and type(None) in get_args(type_)


def _without_none(type_: Any) -> Any:
    return functools.reduce(operator.or_, [a for a in get_args(type_) if a is not type(None)])


def _is_tagged_union(type_: Any) -> bool:
    return any(type_ == union for union in TAGGED_UNIONS)


def _members(type_: Any) -> dict[type, str]:
    return next(members for union, members in TAGGED_UNIONS.items() if union == type_)


def _mark(hook: Any, kind: str, detail: object) -> Any:
    hook.coopmodel = (kind, detail)
    return hook


def _marked(hook: object, kind: str) -> Any:
    mark = getattr(hook, "coopmodel", None)
    return mark[1] if mark is not None and mark[0] == kind else None


def _tuple_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        cls = value.__class__
        if cls is not list and cls is not tuple:
            raise BadValue(f"is {type_name(value)}, expected an array")
        return tuple([item_hook(item, item_type) for item in value])  # type: ignore[attr-defined]

    return _mark(structure, "tuple", item_type)


def _tuple_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    item_type = get_args(type_)[0]
    item_hook = converter.get_unstructure_hook(item_type)

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return _mark(unstructure, "tuple", item_type)


def _optional_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    inner_type = _without_none(type_)
    hook = converter.get_structure_hook(inner_type)

    def structure(value: object, _: object) -> Any:
        return None if value is None else hook(value, inner_type)

    return _mark(structure, "optional", inner_type)


def _optional_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    inner_type = _without_none(type_)
    hook = converter.get_unstructure_hook(inner_type)

    def unstructure(value: object) -> Any:
        return None if value is None else hook(value)

    return _mark(unstructure, "optional", inner_type)


def _union_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    members = _members(type_)
    allowed = ", ".join(repr(tag) for tag in members.values())
    by_tag: dict[str, Any] = {}  # filled on first use: a member may hold a later union

    def structure(value: object, _: object) -> Any:
        if value.__class__ is not dict:
            raise BadValue(f"is {type_name(value)}, expected an object with a {TAG_KEY!r} tag")
        if not by_tag:
            by_tag.update({tag: _tagged_structure_hook(converter, c) for c, tag in members.items()})
        tag = value.get(TAG_KEY)
        hook = by_tag.get(tag) if tag.__class__ is str else None
        if hook is None:
            raise BadValue(f"has {TAG_KEY!r} {short_repr(tag)}, expected one of {allowed}")
        return hook(value, None)

    return _mark(structure, "union", members)


def _tagged_structure_hook(converter: cattrs.Converter, cls: type) -> Any:
    """A hook for an object of *cls* that also holds its tag."""
    hook = converter.get_structure_hook(cls)
    if _marked(hook, "class") is not None:
        generated: Any = hook  # it takes the tag as a known key:
        return functools.partial(generated, _extra=1)

    def structure(value: dict[str, Any], _: object) -> Any:
        return hook({key: item for key, item in value.items() if key != TAG_KEY}, cls)

    return structure


def _union_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    members = _members(type_)
    by_class: dict[type, Any] = {}  # filled on first use, as above

    def unstructure(value: Any) -> Any:
        if not by_class:
            by_class.update({c: _tagged_unstructure_hook(converter, c) for c in members})
        return by_class[value.__class__](value)

    return _mark(unstructure, "union", members)


def head_writer(converter: cattrs.Converter, cls: type, key: str, value: object) -> Any:
    """*cls*'s unstructure hook, writing ``key: value`` first (a tag, a version)."""
    hook = converter.get_unstructure_hook(cls)
    with_head = _marked(hook, "class")
    if with_head is not None:
        return functools.partial(with_head, key, value)

    def unstructure(obj: Any) -> dict[str, Any]:
        return {key: value, **hook(obj)}

    return unstructure


def _tagged_unstructure_hook(converter: cattrs.Converter, cls: type) -> Any:
    return head_writer(converter, cls, TAG_KEY, tag_of(cls))


# --- class hooks, generated per class --------------------------------------
#
# cattrs' generic class hooks call a hook per field, which dispatches again on
# Optional, tuple and enum.  The hooks generated here inline coopmodel's own
# leaf checks (``value.__class__ is str``...), enum lookups and tuples into one
# function per class, then call the class, whose attrs validators run as
# always.  They stop at the first problem with a short message: when one
# fails, :func:`diagnose` finds every problem and says where.

_MISSING: Final = object()

#: The classes whose equal JSON objects recur from document to document, the
#: reference data of the domain: a forum, its parties, a ministry, a city, a
#: vocabulary area at a stage.  (Not people: sharing costs more than it saves
#: when most of them occur once.)  A converter
#: made with ``share=True`` builds one object for equal JSON objects and hands
#: out that (frozen) object again.  The keys listed make an object unlikely to
#: recur (an area's free-text detail): with one of them it is built anew.
SHARED: Final[dict[type, tuple[str, ...]]] = {
    Party: (),
    Organization: (),
    Forum: (),
    Place: (),
    ExternalId: (),
    CooperationArea: ("detail",),
}
#: How many objects of a class a sharing converter remembers; it forgets them
#: all when full, so that memory stays bounded whatever the input.
SHARED_LIMIT: Final = 4096


def _not_object(value: object) -> NoReturn:
    raise BadValue(f"is {type_name(value)}, expected an object")


def _missing(name: str) -> NoReturn:
    raise BadValue(f"has no {name!r}")


def _unknown(value: dict[str, Any], cls: type) -> NoReturn:
    known = {field.alias for field in attrs.fields(cls)}
    unknown = ", ".join(short_repr(key) for key in value if key not in known)
    raise BadValue(f"has keys that are not fields of {cls.__name__}: {unknown}")


def _wrong(value: object, expected: str) -> NoReturn:
    raise BadValue(f"is {type_name(value)}, expected {expected}")


def _check_forum_depth(value: dict[str, Any]) -> None:
    # Bound the parent chain before recursing into it, so a hostile chain
    # thousands deep is an error, not a RecursionError.
    parent = value.get("parent")
    depth = 1
    while parent is not None:
        depth += 1
        if depth > MAX_FORUM_DEPTH:
            raise FieldError(
                "parent", "...", f"nests too deep: at most {MAX_FORUM_DEPTH} forums in a chain"
            )
        parent = parent.get("parent") if parent.__class__ is dict else None


_PRECHECKS: Final[dict[type, Any]] = {Forum: _check_forum_depth}

#: The leaf hooks the generated code inlines, with the exact class they demand.
_LEAVES: Final[dict[Any, tuple[str, str]]] = {
    _structure_str: ("str", "a string"),
    _structure_int: ("int", "an integer"),
    _structure_bool: ("bool", "true or false"),
}


class _Source:
    """Python source being generated, and the objects it refers to by name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self._ids: dict[int, str] = {}

    def ref(self, obj: object, hint: str) -> str:
        name = self._ids.get(id(obj))
        if name is None:
            name = self._ids[id(obj)] = f"_{hint}{len(self.names)}"
            self.names[name] = obj
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self, filename: str) -> dict[str, Any]:
        text = "\n".join(self.lines) + "\n"
        namespace = dict(self.names)
        exec(compile(text, filename, "exec"), namespace)  # noqa: S102 - code we generated
        linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)
        return namespace


class _ClassHooks:
    """Makes the structure and unstructure hook of each attrs class, for any converter."""

    def __init__(self, *, share: bool) -> None:
        self.share = share
        self._building: set[tuple[int, Any, bool]] = set()

    def _hook(self, converter: cattrs.Converter, type_: Any, *, structure: bool) -> Any:
        if (id(converter), type_, structure) in self._building:  # Forum.parent: a Forum
            return _Lazy(converter, type_, structure=structure)
        if structure:
            return converter.get_structure_hook(type_)
        return converter.get_unstructure_hook(type_)

    def _optional_inner(self, converter: cattrs.Converter, type_: Any, *, structure: bool) -> Any:
        """The type inside ``X | None``, if its hook is coopmodel's; else ``None``."""
        if not _is_optional(type_):
            return None
        inner = _without_none(type_)
        if (id(converter), inner, structure) in self._building:
            return inner  # asking cattrs for the Optional's hook would recurse
        hook = self._hook(converter, type_, structure=structure)
        return _marked(hook, "optional")

    def _settled(self, converter: cattrs.Converter, members: Any, *, structure: bool) -> bool:
        """Whether no member of a union is being generated (so its hook can be had now)."""
        return not any((id(converter), cls, structure) in self._building for cls in members)

    # -- structure --

    def structure(self, cls: type, converter: cattrs.Converter) -> Any:
        key = (id(converter), cls, True)
        self._building.add(key)
        try:
            return _mark(self._structure(cls, converter), "class", cls)
        finally:
            self._building.discard(key)

    def _structure(self, cls: type, converter: cattrs.Converter) -> Any:
        src = _Source()
        fields = attrs.fields(attrs.resolve_types(cls))
        missing = src.ref(_MISSING, "missing")
        new = src.ref(cls, "cls")
        name = f"structure_{cls.__name__}"
        src.add(0, f"def {name}(o, _=None, _extra=0):")
        src.add(1, f"if o.__class__ is not dict: {src.ref(_not_object, 'fail')}(o)")
        if cls in _PRECHECKS:
            src.add(1, f"{src.ref(_PRECHECKS[cls], 'check')}(o)")
        shared = self.share and cls in SHARED
        if shared:
            # The key is the exact JSON text, so 1, 1.0 and true never meet;
            # the tag or schema version a caller checked (_extra) is in it too.
            src.add(1, "key = None")
            src.add(1, f"if {' and '.join([f'{k!r} not in o' for k in SHARED[cls]] or ['True'])}:")
            src.add(2, f"cache = {src.ref(({}, {}), 'caches')}[_extra]")
            # .decode(): orjson's bytes keep a 4 KiB buffer, a str is compact.
            src.add(2, f"try: key = {src.ref(orjson.dumps, 'dumps')}(o).decode()")
            src.add(2, "except Exception: pass")
            src.add(2, "else:")
            src.add(3, "hit = cache.get(key)")
            src.add(3, "if hit is not None: return hit")
        required = sum(1 for field in fields if field.default is attrs.NOTHING)
        src.add(1, f"n = _extra + {required}")
        arguments, late = [], []
        for field in fields:
            var = f"v_{field.alias}"
            src.add(1, f"{var} = o.get({field.alias!r}, {missing})")
            if field.default is attrs.NOTHING:
                src.add(1, f"if {var} is {missing}: {src.ref(_missing, 'fail')}({field.alias!r})")
                self._structure_value(src, converter, field.type, var, 1)
                arguments.append(f"{field.alias}={var}")
                continue
            src.add(1, f"if {var} is not {missing}:")
            src.add(2, "n += 1")
            self._structure_value(src, converter, field.type, var, 2)
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                late.append(f"**({{}} if {var} is {missing} else {{{field.alias!r}: {var}}})")
                continue
            src.add(1, "else:")
            src.add(2, f"{var} = {src.ref(field.default, 'default')}")
            arguments.append(f"{field.alias}={var}")
        src.add(1, f"if n != len(o): {src.ref(_unknown, 'fail')}(o, {new})")
        call = f"{new}({', '.join(arguments + late)})"
        if shared:
            src.add(1, f"obj = {call}")
            src.add(1, "if key is not None:")
            src.add(2, f"if len(cache) >= {SHARED_LIMIT}: cache.clear()")
            src.add(2, "cache[key] = obj")
            src.add(1, "return obj")
        else:
            src.add(1, f"return {call}")
        return src.compile(f"<coopmodel generated {name}>")[name]

    def _structure_value(
        self, src: _Source, converter: cattrs.Converter, type_: Any, var: str, indent: int
    ) -> None:
        """Add lines that check *var* and replace it by the value of *type_* it stands for."""
        inner = self._optional_inner(converter, type_, structure=True)
        if inner is not None:
            src.add(indent, f"if {var} is not None:")
            self._structure_value(src, converter, inner, var, indent + 1)
            return
        hook = self._hook(converter, type_, structure=True)
        if hook in _LEAVES:
            exact, expected = _LEAVES[hook]
            fail = src.ref(_wrong, "fail")
            src.add(indent, f"if {var}.__class__ is not {exact}: {fail}({var}, {expected!r})")
            return
        if hook is _structure_float:
            src.add(
                indent,
                f"if {var}.__class__ is not float: {var} = {src.ref(hook, 'h')}({var}, None)",
            )
            return
        members = _marked(hook, "enum")
        if members is not None:
            table, missing = src.ref(members, "members"), src.ref(_MISSING, "missing")
            src.add(
                indent,
                f"m = {table}.get({var}, {missing}) if {var}.__class__ is str else {missing}",
            )
            src.add(indent, f"if m is {missing}: {src.ref(hook, 'h')}({var}, None)")
            src.add(indent, f"{var} = m")
            return
        members = _marked(hook, "union")
        if members is not None and self._settled(converter, members, structure=True):
            by_tag = {tag: _tagged_structure_hook(converter, c) for c, tag in members.items()}
            tagged, tag = src.ref(by_tag, "tagged"), src.ref(TAG_KEY, "tag")
            h = src.ref(hook, "h")  # for the message when the value is no member
            src.add(indent, f"if {var}.__class__ is not dict: {h}({var}, None)")
            src.add(indent, f"t = {var}.get({tag})")
            src.add(indent, f"f = {tagged}.get(t) if t.__class__ is str else None")
            src.add(indent, f"if f is None: {h}({var}, None)")
            src.add(indent, f"{var} = f({var}, None)")
            return
        item_type = _marked(hook, "tuple")
        if item_type is not None:
            item = src.ref(self._hook(converter, item_type, structure=True), "h")
            item_name = src.ref(item_type, "t")
            src.add(indent, f"if {var}.__class__ is not list and {var}.__class__ is not tuple:")
            src.add(indent + 1, f"{src.ref(_wrong, 'fail')}({var}, 'an array')")
            src.add(
                indent, f"{var} = tuple([{item}(x, {item_name}) for x in {var}]) if {var} else ()"
            )
            return
        src.add(indent, f"{var} = {src.ref(hook, 'h')}({var}, {src.ref(type_, 't')})")

    # -- unstructure --

    def unstructure(self, cls: type, converter: cattrs.Converter) -> Any:
        key = (id(converter), cls, False)
        self._building.add(key)
        try:
            plain, with_head = self._unstructure(cls, converter)
        finally:
            self._building.discard(key)
        return _mark(plain, "class", with_head)

    def _unstructure(self, cls: type, converter: cattrs.Converter) -> tuple[Any, Any]:
        src = _Source()
        fields = attrs.fields(attrs.resolve_types(cls))
        shared = self.share and cls in SHARED
        name = f"unstructure_{cls.__name__}"
        # Two functions: the plain one, and one that writes a first key (the
        # union tag, or the schema version) before the fields.
        for function, head in ((name, False), (f"{name}_with_head", True)):
            src.add(0, f"def {function}({'_key, _value, obj' if head else 'obj'}):")
            key = "(id(obj), _key, _value)" if head else "id(obj)"
            if shared:
                # Equal JSON for the same object, again and again: keep its
                # text, which orjson splices into the document as it is.
                cache = src.ref({}, "cache")
                defaults = {f.name: f.default for f in fields}
                usual = [f"obj.{k} is {src.ref(defaults[k], 'default')}" for k in SHARED[cls]]
                src.add(1, f"keep = {' and '.join(usual) or 'True'}")
                src.add(1, f"entry = {cache}.get({key}) if keep else None")
                src.add(1, "if entry is not None and entry[0] is obj: return entry[1]")
            opening = ["_key: _value"] if head else []
            rest: list[attrs.Attribute[Any]] = []
            always = WRITTEN_ALWAYS.get(cls, ())
            for field in fields:
                if not rest and (field.default is attrs.NOTHING or field.alias in always):
                    value = self._unstructure_value(
                        src, converter, field.type, f"obj.{field.alias}"
                    )
                    opening.append(f"{field.alias!r}: {value}")
                else:
                    rest.append(field)
            src.add(1, f"res = {{{', '.join(opening)}}}")
            for field in rest:
                if field.default is attrs.NOTHING or field.alias in always:
                    value = self._unstructure_value(
                        src, converter, field.type, f"obj.{field.alias}"
                    )
                    src.add(1, f"res[{field.alias!r}] = {value}")
                    continue
                type_ = field.type
                if field.default is None and _is_optional(type_):
                    type_ = _without_none(type_)  # the test below leaves None out
                value = self._unstructure_value(src, converter, type_, "v")
                src.add(1, f"v = obj.{field.alias}")
                src.add(
                    1,
                    f"if {self._differs(src, field.default, 'v')}: res[{field.alias!r}] = {value}",
                )
            if shared:
                src.add(1, "if not keep: return res")
                fragment = src.ref(orjson.Fragment, "fragment")
                src.add(1, f"frag = {fragment}({src.ref(orjson.dumps, 'dumps')}(res).decode())")
                src.add(1, f"if len({cache}) >= {SHARED_LIMIT}: {cache}.clear()")
                src.add(1, f"{cache}[{key}] = (obj, frag)")
                src.add(1, "return frag")
            else:
                src.add(1, "return res")
        namespace = src.compile(f"<coopmodel generated {name}>")
        return namespace[name], namespace[f"{name}_with_head"]

    @staticmethod
    def _differs(src: _Source, default: object, var: str) -> str:
        """A test that *var* is not the field's *default* (``omit_if_default``)."""
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            factory = src.ref(default.factory, "factory")  # type: ignore[attr-defined]
            made = f"{factory}(obj)" if default.takes_self else f"{factory}()"  # type: ignore[attr-defined]
            return f"{var} != {made}"
        if default is None or default is True or default is False or isinstance(default, enum.Enum):
            return f"{var} is not {src.ref(default, 'default')}"
        if default == ():
            return f"{var} != ()"
        return f"{var} != {src.ref(default, 'default')}"

    def _unstructure_value(
        self, src: _Source, converter: cattrs.Converter, type_: Any, expr: str
    ) -> str:
        """An expression for the JSON value of *expr*, a value of *type_*."""
        inner = self._optional_inner(converter, type_, structure=False)
        if inner is not None:
            value = self._unstructure_value(src, converter, inner, expr)
            return expr if value == expr else f"(None if {expr} is None else {value})"
        hook = self._hook(converter, type_, structure=False)
        if hook is identity:
            return expr
        if hook is _enum_value:
            return f"{expr}._value_"  # .value is a Python-level descriptor: slow
        members = _marked(hook, "union")
        if members is not None and self._settled(converter, members, structure=False):
            table = {cls: _tagged_unstructure_hook(converter, cls) for cls in members}
            return f"{src.ref(table, 'tagged')}[{expr}.__class__]({expr})"
        item_type = _marked(hook, "tuple")
        if item_type is not None:
            item = self._unstructure_value(src, converter, item_type, "x")
            return f"[{item} for x in {expr}]"
        return f"{src.ref(hook, 'h')}({expr})"


class _Lazy:
    """A class's hook, looked up on first call: for a class that holds itself."""

    __slots__ = ("_converter", "_hook", "_structure", "_type", "coopmodel")

    def __init__(self, converter: cattrs.Converter, type_: Any, *, structure: bool) -> None:
        self._converter = converter
        self._type = type_
        self._structure = structure
        self._hook: Any = None
        self.coopmodel = None

    def __call__(self, *args: Any) -> Any:
        hook = self._hook
        if hook is None:
            converter = self._converter
            get = (
                converter.get_structure_hook if self._structure else converter.get_unstructure_hook
            )
            hook = self._hook = get(self._type)
        return hook(*args)


def _is_model_class(type_: Any) -> bool:
    return isinstance(type_, type) and attrs.has(type_)


def make_converter() -> cattrs.Converter:
    """A new converter configured for coopmodel's JSON form.

    coopmodel's functions share one converter made by this factory.  To
    customise, make a new one here, register your hooks on it before its
    first use, and leave the shared one alone.

    .. versionadded:: 0.1.0
    """
    return _make_converter(share=False)


def _make_converter(*, share: bool) -> cattrs.Converter:
    """A converter; with *share*, only for data straight from ``orjson.loads`` and for orjson.

    *share* turns on what is safe only for such data, and useful only for
    JSON text: equal JSON objects of the :data:`SHARED` classes structure to
    one shared object, and shared objects unstructure to cached
    :class:`orjson.Fragment` s, which only :func:`orjson.dumps` reads.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=False
    )
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
    converter.register_unstructure_hook(pendulum.Date, _format_date)
    converter.register_structure_hook_func(lambda t: t == INSTANT, _structure_instant)
    converter.register_unstructure_hook_func(lambda t: t == INSTANT, _unstructure_instant)
    is_enum = _is_enum
    converter.register_structure_hook_factory(is_enum, _enum_hook)
    converter.register_unstructure_hook_factory(is_enum, lambda _: _enum_value)
    for predicate, structure, unstructure in (
        (_is_homogeneous_tuple, _tuple_structure_factory, _tuple_unstructure_factory),
        (_is_tagged_union, _union_structure_factory, _union_unstructure_factory),
        (_is_optional, _optional_structure_factory, _optional_unstructure_factory),
    ):
        converter.register_structure_hook_factory(predicate, structure)
        converter.register_unstructure_hook_factory(predicate, unstructure)
    classes = _ClassHooks(share=share)
    converter.register_structure_hook_factory(_is_model_class, classes.structure)
    converter.register_unstructure_hook_factory(_is_model_class, classes.unstructure)
    return converter


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _enum_value(member: enum.Enum) -> Any:
    return member.value


def _format_date(value: pendulum.Date) -> str:
    return value.isoformat()


# --- diagnosis ------------------------------------------------------------


class _Draft:
    """The fields of an object that could not be built, for running its validators."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> None:
        return None


def diagnose(
    converter: cattrs.Converter, data: object, type_: Any, path: str = "$"
) -> list[ErrorDetail]:
    """Every problem that stops *data* from structuring as *type_*, with its JSONPath."""
    problems: list[ErrorDetail] = []
    _diagnose(converter, data, type_, path, problems, 0)
    return problems


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{short_repr(key)}]"


def _diagnose(  # noqa: C901, PLR0911, PLR0917 - one branch per kind of type
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
        args = get_args(type_)
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
        return ErrorDetail(
            _key_path(path, error.field), f"{short_repr(error.value)} {error.reason}"
        )
    return ErrorDetail(path, str(error))


def _diagnose_class(  # noqa: C901, PLR0912, PLR0917 - the steps of building one object
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
    if cls is Forum:
        try:
            _check_forum_depth(data)
        except FieldError:
            # Name the forum that is one too many, not merely the top of the chain.
            problems.append(
                ErrorDetail(
                    path + ".parent" * MAX_FORUM_DEPTH,
                    f"is forum {MAX_FORUM_DEPTH + 1} of a chain: at most {MAX_FORUM_DEPTH}"
                    " forums may nest",
                )
            )
            return _FAILED
    before = len(problems)
    fields = attrs.fields(attrs.resolve_types(cls))
    known = {field.alias for field in fields}
    values: dict[str, Any] = {}
    for field in fields:
        if field.alias in data:
            value = _diagnose(
                converter,
                data[field.alias],
                field.type,
                _key_path(path, field.alias),
                problems,
                depth + 1,
            )
            if value is not _FAILED:
                values[field.alias] = value
        elif field.default is attrs.NOTHING:
            problems.append(ErrorDetail(_key_path(path, field.alias), "is missing"))
    problems.extend(
        ErrorDetail(_key_path(path, key), "is not a field of " + cls.__name__)
        for key in data
        if key not in known
    )
    draft = _Draft(values)
    for field in fields:
        if field.alias in values and field.validator is not None:
            try:
                field.validator(draft, field, values[field.alias])
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
