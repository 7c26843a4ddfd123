"""Hook factories for enums, tuples, optionals and tagged unions, and their marks.

Each factory marks the hook it makes with a small frozen record (an
:class:`EnumMark`, :class:`TupleMark`...), so that the class hooks generated
in :mod:`._codegen` can inline it rather than call it.  A hook registered by
hand carries no mark, and is called like any other.

The tagged unions are the model's (:data:`coopmodel._model.UNION_TAGS`): any
union of classes that all have a tag is read and written with the tag under
:data:`~coopmodel._model.TAG_KEY`.
"""

from __future__ import annotations

import enum
import functools
import operator
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Final, Literal, TypeVar, get_args, get_origin

import attrs

from coopmodel._converter._times import BadValue
from coopmodel._model import PUBLIC_CLASSES, TAG_KEY, UNION_TAGS
from coopmodel._model._checks import short_repr, type_name

if typing.TYPE_CHECKING:
    import cattrs

__all__ = [
    "MISSING",
    "TAGGED_UNIONS",
    "ClassMark",
    "EnumMark",
    "HookKind",
    "OptionalMark",
    "TupleMark",
    "UnionMark",
    "enum_hook",
    "enum_value",
    "head_reader",
    "head_writer",
    "is_enum",
    "is_homogeneous_tuple",
    "is_optional",
    "is_tagged_union",
    "mark",
    "mark_of",
    "tag_of",
    "union_members",
    "without_none",
]

M = TypeVar("M", "EnumMark", "TupleMark", "OptionalMark", "UnionMark", "ClassMark")

#: The value of a key that is not in a JSON object (``None`` is ``null``).
MISSING: Final = object()


class HookKind(enum.Enum):
    """What a marked hook does, so generated code can inline it."""

    ENUM = "enum"
    TUPLE = "tuple"
    OPTIONAL = "optional"
    UNION = "union"
    CLASS = "class"


@attrs.frozen
class EnumMark:
    """A hook that reads an enum member from its value.

    Attributes:
        members: Each member by its JSON value.
    """

    kind: ClassVar[Literal[HookKind.ENUM]] = HookKind.ENUM
    members: dict[object, enum.Enum]


@attrs.frozen
class TupleMark:
    """A hook that reads or writes a homogeneous tuple as a JSON array.

    Attributes:
        item_type: The type of each item.
    """

    kind: ClassVar[Literal[HookKind.TUPLE]] = HookKind.TUPLE
    item_type: Any


@attrs.frozen
class OptionalMark:
    """A hook for ``X | None``, which is ``null`` or an ``X``.

    Attributes:
        inner_type: ``X``.
    """

    kind: ClassVar[Literal[HookKind.OPTIONAL]] = HookKind.OPTIONAL
    inner_type: Any


@attrs.frozen
class UnionMark:
    """A hook for a tagged union of classes.

    Attributes:
        members: The tag of each member class.
    """

    kind: ClassVar[Literal[HookKind.UNION]] = HookKind.UNION
    members: dict[type, str]


@attrs.frozen
class ClassMark:
    """A generated class hook, and its twin that handles a leading key.

    Attributes:
        cls: The class.
        with_head: The twin: for structuring, ``with_head(key, value, data)``
            checks that *data* holds ``key: value`` and reads the rest;
            for unstructuring, ``with_head(key, value, obj)`` writes
            ``key: value`` before the fields.
    """

    kind: ClassVar[Literal[HookKind.CLASS]] = HookKind.CLASS
    cls: type
    with_head: Callable[..., Any]


def mark(hook: Any, record: EnumMark | TupleMark | OptionalMark | UnionMark | ClassMark) -> Any:
    """Attach *record* to *hook* and return the hook."""
    hook.coopmodel = record
    return hook


def mark_of(hook: object, kind: type[M]) -> M | None:
    """The mark of *hook* if it is a *kind*, else ``None``."""
    record = getattr(hook, "coopmodel", None)
    return record if record.__class__ is kind else None


# --- predicates -------------------------------------------------------------


def is_homogeneous_tuple(type_: Any) -> bool:
    """Whether *type_* is ``tuple[X, ...]``."""
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def is_optional(type_: Any) -> bool:
    """Whether *type_* is a union with ``None``."""
    return get_origin(type_) in (types.UnionType, typing.Union) and type(None) in get_args(type_)


def without_none(type_: Any) -> Any:
    """``X`` for ``X | None``."""
    return functools.reduce(operator.or_, [a for a in get_args(type_) if a is not type(None)])


def is_tagged_union(type_: Any) -> bool:
    """Whether *type_* is a union of two or more classes that each have a tag."""
    if get_origin(type_) not in (types.UnionType, typing.Union):
        return False
    args = get_args(type_)
    return len(args) > 1 and all(arg in UNION_TAGS for arg in args)


def union_members(type_: Any) -> dict[type, str]:
    """The tag of each member of a tagged union, in the union's order."""
    return {arg: UNION_TAGS[arg] for arg in get_args(type_)}


def tag_of(cls: type) -> str:
    """The tag a class is written with inside a tagged union, e.g. ``"party"``."""
    return UNION_TAGS[cls]


def is_enum(type_: Any) -> bool:
    """Whether *type_* is an enum class."""
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _field_types(type_: Any) -> list[Any]:
    """*type_* and the types inside it (an optional's, a tuple's items)."""
    if is_optional(type_):
        return [type_, *_field_types(without_none(type_))]
    if is_homogeneous_tuple(type_):
        return [type_, *_field_types(get_args(type_)[0])]
    return [type_]


def _tagged_unions() -> dict[Any, dict[type, str]]:
    unions: dict[Any, dict[type, str]] = {}
    for cls in PUBLIC_CLASSES:
        for field in attrs.fields(attrs.resolve_types(cls)):
            for type_ in _field_types(field.type):
                if is_tagged_union(type_):
                    unions.setdefault(type_, union_members(type_))
    return unions


#: The tagged unions the model's fields hold, with the tag of each member
#: (derived from :data:`~coopmodel._model.UNION_TAGS`, for the JSON Schema).
TAGGED_UNIONS: Final[dict[Any, dict[type, str]]] = _tagged_unions()


# --- enums -----------------------------------------------------------------


def enum_hook(enum_cls: type[enum.Enum]) -> Any:
    """The structure hook of an enum: its member for a JSON value."""
    members: dict[object, enum.Enum] = {member.value: member for member in enum_cls}
    allowed = ", ".join(repr(value) for value in members)

    def structure(value: object, _: object) -> enum.Enum:
        if value.__class__ is str:
            member = members.get(value)
            if member is not None:
                return member
            raise BadValue(f"{short_repr(value)} is not one of {allowed}")
        raise BadValue(f"is {type_name(value)}, expected one of {allowed}")

    return mark(structure, EnumMark(members))


def enum_value(member: enum.Enum) -> Any:
    """The unstructure hook of an enum: its member's value."""
    return member.value


# --- tuples and optionals ------------------------------------------------------


def tuple_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The structure hook of ``tuple[X, ...]``: a JSON array of ``X``."""
    item_type = get_args(type_)[0]
    item_hook = converter.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        cls = value.__class__
        if cls is not list and cls is not tuple:
            raise BadValue(f"is {type_name(value)}, expected an array")
        return tuple([item_hook(item, item_type) for item in value])  # type: ignore[attr-defined]

    return mark(structure, TupleMark(item_type))


def tuple_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The unstructure hook of ``tuple[X, ...]``: a list."""
    item_type = get_args(type_)[0]
    item_hook = converter.get_unstructure_hook(item_type)

    def unstructure(value: tuple[Any, ...]) -> list[Any]:
        return [item_hook(item) for item in value]

    return mark(unstructure, TupleMark(item_type))


def optional_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The structure hook of ``X | None``."""
    inner_type = without_none(type_)
    hook = converter.get_structure_hook(inner_type)

    def structure(value: object, _: object) -> Any:
        return None if value is None else hook(value, inner_type)

    return mark(structure, OptionalMark(inner_type))


def optional_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The unstructure hook of ``X | None``."""
    inner_type = without_none(type_)
    hook = converter.get_unstructure_hook(inner_type)

    def unstructure(value: object) -> Any:
        return None if value is None else hook(value)

    return mark(unstructure, OptionalMark(inner_type))


# --- tagged unions ------------------------------------------------------------


def union_structure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The structure hook of a tagged union: the member its tag names."""
    members = union_members(type_)
    allowed = ", ".join(repr(tag) for tag in members.values())
    by_tag: dict[str, Any] = {}  # filled on first use: a member may hold a later union

    def structure(value: object, _: object) -> Any:
        if value.__class__ is not dict:
            raise BadValue(f"is {type_name(value)}, expected an object with a {TAG_KEY!r} tag")
        if not by_tag:
            by_tag.update({tag: tagged_reader(converter, c) for c, tag in members.items()})
        tag = value.get(TAG_KEY)
        hook = by_tag.get(tag) if tag.__class__ is str else None
        if hook is None:
            raise BadValue(f"has {TAG_KEY!r} {short_repr(tag)}, expected one of {allowed}")
        return hook(value, None)

    return mark(structure, UnionMark(members))


def union_unstructure_factory(type_: Any, converter: cattrs.Converter) -> Any:
    """The unstructure hook of a tagged union: the member's fields after its tag."""
    members = union_members(type_)
    by_class: dict[type, Any] = {}  # filled on first use, as above

    def unstructure(value: Any) -> Any:
        if not by_class:
            by_class.update({c: tagged_writer(converter, c) for c in members})
        return by_class[value.__class__](value)

    return mark(unstructure, UnionMark(members))


def head_writer(
    converter: cattrs.Converter, cls: type, key: str, value: object
) -> Callable[[Any], Any]:
    """*cls*'s unstructure hook, writing ``key: value`` first (a tag, a version)."""
    hook = converter.get_unstructure_hook(cls)
    generated = mark_of(hook, ClassMark)
    if generated is not None:
        return functools.partial(generated.with_head, key, value)

    def unstructure(obj: Any) -> dict[str, Any]:
        return {key: value, **hook(obj)}

    return unstructure


def head_reader(
    converter: cattrs.Converter, cls: type, key: str, value: object
) -> Callable[..., Any]:
    """*cls*'s structure hook, for data that holds ``key: value`` besides the fields.

    The reading twin of :func:`head_writer`: the data must hold *key* with a
    value of *value*'s exact type that equals it (a union tag, the schema
    version), and the rest must be a *cls*.  The reader takes the data and,
    optionally, a type that it ignores, as a structure hook does.

    Raises:
        BadValue: the data is not an object, or its *key* is missing or wrong.
    """
    hook = converter.get_structure_hook(cls)
    generated = mark_of(hook, ClassMark)
    if generated is not None:
        return functools.partial(generated.with_head, key, value)

    def read(data: object, _: object = None) -> Any:
        if data.__class__ is not dict:
            raise BadValue(f"is {type_name(data)}, expected an object")
        check_head(data, key, value)
        return hook({k: item for k, item in data.items() if k != key}, cls)

    return read


def check_head(data: dict[str, Any], key: str, value: object) -> None:
    """Check that *data* holds ``key: value``, with *value*'s exact type.

    An integral float stands for an integer (``1.0`` for ``1``), as in JSON
    Schema; ``true`` never does.

    Raises:
        BadValue: it does not.
    """
    head = data.get(key, MISSING)
    kind = head.__class__
    if (kind is value.__class__ or (kind is float and value.__class__ is int)) and head == value:
        return
    if head is MISSING:
        raise BadValue(f"has no {key!r}, expected {key!r}: {value!r}")
    raise BadValue(f"has {key!r} {short_repr(head)}, expected {value!r}")


def tagged_reader(converter: cattrs.Converter, cls: type) -> Callable[..., Any]:
    """A hook for an object of *cls* that also holds its tag."""
    return head_reader(converter, cls, TAG_KEY, tag_of(cls))


def tagged_writer(converter: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    """A hook that writes an object of *cls* with its tag first."""
    return head_writer(converter, cls, TAG_KEY, tag_of(cls))
