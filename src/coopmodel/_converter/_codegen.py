"""Class hooks, generated per class and converter.

cattrs' generic class hooks call a hook per field, which dispatches again on
Optional, tuple and enum.  The hooks generated here inline coopmodel's own
leaf checks (``value.__class__ is str``...), enum lookups, tuples and tagged
unions into one function per class, then build the object running only the
checks the hook did not make (:mod:`._build`): the same attributes, checks
and ``__attrs_post_init__`` as the class's ``__init__``.  They stop at the
first problem with a short message: when one fails,
:func:`~coopmodel._converter.diagnose` finds every problem and says where.

Each class gets two functions of each kind: the plain one, and its twin that
handles a leading key (a union tag, the schema version) before the fields
(see :func:`~coopmodel._converter._hooks.head_reader` and ``head_writer``).

A field's JSON key is its ``__init__`` name (``field.alias``), and the value
written for it is the attribute of that name, so a class may keep a field in
a private attribute and expose the public value under the field's name.
Fields that hold their default are left out, except those the model lists in
:data:`~coopmodel._model.WRITTEN_ALWAYS`.

Generated source is registered with :mod:`linecache` under a file name of its
own, ``<coopmodel generated structure_Party>``, with a counter suffix where
another converter's source for the same class differs, so that a traceback
shows the line that ran.
"""

from __future__ import annotations

import enum
import linecache
import threading
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs
import orjson
import pendulum
from cattrs.fns import identity

from coopmodel._converter._build import builder_source
from coopmodel._converter._hooks import (
    MISSING,
    ClassMark,
    EnumMark,
    OptionalMark,
    TupleMark,
    UnionMark,
    check_head,
    enum_value,
    is_enum,
    is_homogeneous_tuple,
    is_optional,
    is_tagged_union,
    mark,
    mark_of,
    tagged_reader,
    tagged_writer,
    without_none,
)
from coopmodel._converter._times import (
    BadValue,
    structure_bool,
    structure_float,
    structure_int,
    structure_str,
)
from coopmodel._model import CHAINS, REFERENCE_DATA, TAG_KEY, WRITTEN_ALWAYS, FieldError
from coopmodel._model._checks import short_repr, type_name

if TYPE_CHECKING:
    import cattrs

    from coopmodel._converter._sharing import Sharing, Slot

__all__ = ["ClassHooks", "Source", "check_chain", "linecache_name"]

#: How many unknown keys a fast-path message names.
_UNKNOWN_SHOWN: Final = 5


def _not_object(value: object) -> NoReturn:
    raise BadValue(f"is {type_name(value)}, expected an object")


def _missing(name: str) -> NoReturn:
    raise BadValue(f"has no {name!r}")


def _unknown(value: dict[str, Any], cls: type, head: str | None = None) -> NoReturn:
    known = {field.alias for field in attrs.fields(cls)}
    unknown = [key for key in value if key not in known and key != head]
    shown = ", ".join(short_repr(key) for key in unknown[:_UNKNOWN_SHOWN])
    more = f" and {len(unknown) - _UNKNOWN_SHOWN} more" if len(unknown) > _UNKNOWN_SHOWN else ""
    raise BadValue(f"has keys that are not fields of {cls.__name__}: {shown}{more}")


def _wrong(value: object, expected: str) -> NoReturn:
    raise BadValue(f"is {type_name(value)}, expected {expected}")


def check_chain(value: dict[str, Any], key: str, limit: int) -> None:
    """Bound a chain of objects linked by *key* before recursing into it.

    A hostile chain thousands deep is then an error, not a RecursionError.

    Raises:
        FieldError: the chain holds more than *limit* objects.
    """
    link = value.get(key)
    length = 1
    while link is not None:
        length += 1
        if length > limit:
            raise FieldError(key, "...", f"nests too deep: at most {limit} in a chain")
        link = link.get(key) if link.__class__ is dict else None


#: The leaf hooks the generated code inlines, with the exact class they demand.
_LEAVES: Final[dict[Any, tuple[str, str]]] = {
    structure_str: ("str", "a string"),
    structure_bool: ("bool", "true or false"),
}

_linecache_lock: Final = threading.Lock()


def linecache_name(base: str, text: str) -> str:
    """A file name for generated *text*, registered with :mod:`linecache`.

    ``<base>``, or ``<base-2>``, ``<base-3>``... where that name holds
    other source (as attrs names its generated methods): two converters that
    generate different source for one class get two names.
    """
    lines = text.splitlines(keepends=True)
    count = 1
    with _linecache_lock:
        while True:
            filename = f"<{base}>" if count == 1 else f"<{base}-{count}>"
            entry = (len(text), None, lines, filename)
            if linecache.cache.setdefault(filename, entry) == entry:
                return filename
            count += 1


class Source:
    """Python source being generated, and the objects it refers to by name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.names: dict[str, Any] = {}
        self._ids: dict[int, str] = {}

    def ref(self, obj: object, hint: str) -> str:
        """A name for *obj* in the generated code."""
        name = self._ids.get(id(obj))
        if name is None:
            name = self._ids[id(obj)] = f"_{hint}{len(self.names)}"
            self.names[name] = obj
        return name

    def add(self, indent: int, line: str) -> None:
        """Add a line at *indent* levels."""
        self.lines.append("    " * indent + line)

    def compile(self, base: str) -> dict[str, Any]:
        """Run the source, registered under a file name from *base*; return its namespace."""
        text = "\n".join(self.lines) + "\n"
        filename = linecache_name(f"coopmodel generated {base}", text)
        namespace = dict(self.names)
        exec(compile(text, filename, "exec"), namespace)  # noqa: S102 - code we generated
        return namespace


def _key_kind(type_: Any) -> str:
    """How a field of *type_* enters a sharing key.

    ``"value"``: text, integers, booleans and dates, whose equal values are
    written alike.  ``"id"``: enum members and shared objects (an object from
    the cache stays alive as long as the entry that holds it, so equal ids are
    the same object; ids also hash faster than attrs classes and enums).
    ``"ids"``: a tuple of those.  ``"text"``: anything else (a float, for
    ``-0.0 == 0.0``; a date-time, equal in two zones; an object that is not
    shared), by its JSON text.
    """
    if is_optional(type_):
        type_ = without_none(type_)
    if type_ in (str, int, bool, pendulum.Date):
        return "value"
    if is_enum(type_) or type_ in REFERENCE_DATA:
        return "id"
    if is_tagged_union(type_) and all(member in REFERENCE_DATA for member in type_.__args__):
        return "id"
    if is_homogeneous_tuple(type_):
        kind = _key_kind(type_.__args__[0])
        if kind == "value":
            return "value"
        if kind == "id":
            return "ids"
    return "text"


def _always(field: attrs.Attribute[Any], names: set[str]) -> bool:
    """Whether *field* is written even at its default (named by attribute or key)."""
    return field.name in names or field.alias in names


class ClassHooks:
    """Makes the structure and unstructure hook of each attrs class, for a converter.

    Args:
        sharing: The sharing caches, for the converter behind the JSON
            functions (see :mod:`._sharing`), or ``None``.
    """

    def __init__(self, sharing: Sharing | None) -> None:
        self.sharing = sharing
        self._building: set[tuple[int, Any, bool]] = set()

    def _hook(self, converter: cattrs.Converter, type_: Any, *, structure: bool) -> Any:
        if (id(converter), type_, structure) in self._building:  # Forum.parent: a Forum
            return _Lazy(converter, type_, structure=structure)
        if structure:
            return converter.get_structure_hook(type_)
        return converter.get_unstructure_hook(type_)

    def _optional_inner(self, converter: cattrs.Converter, type_: Any, *, structure: bool) -> Any:
        """The type inside ``X | None``, if its hook is coopmodel's; else ``None``."""
        if not is_optional(type_):
            return None
        inner = without_none(type_)
        if (id(converter), inner, structure) in self._building:
            return inner  # asking cattrs for the Optional's hook would recurse
        record = mark_of(self._hook(converter, type_, structure=structure), OptionalMark)
        return None if record is None else record.inner_type

    def _settled(self, converter: cattrs.Converter, members: Any, *, structure: bool) -> bool:
        """Whether no member of a union is being generated (so its hook can be had now)."""
        return not any((id(converter), cls, structure) in self._building for cls in members)

    def _ours(self, converter: cattrs.Converter, type_: Any) -> bool:
        """Whether *converter* structures *type_* with coopmodel's own hooks all the way down."""
        if is_optional(type_):
            type_ = without_none(type_)
        if (id(converter), type_, True) in self._building:
            return True  # its hook is the one being generated
        hook = converter.get_structure_hook(type_)
        if (
            hook in (structure_bool, structure_str)
            or mark_of(hook, EnumMark)
            or mark_of(hook, ClassMark)
        ):
            return True
        union = mark_of(hook, UnionMark)
        if union is not None:
            return all(self._ours(converter, member) for member in union.members)
        sequence = mark_of(hook, TupleMark)
        return sequence is not None and self._ours(converter, sequence.item_type)

    def _slot(self, cls: type, fields: tuple[attrs.Attribute[Any], ...]) -> Slot | None:
        if self.sharing is None or cls not in REFERENCE_DATA:
            return None
        text_positions = tuple(i for i, f in enumerate(fields) if _key_kind(f.type) == "text")
        return self.sharing.slot(cls, text_positions)

    # -- structure --

    def structure(self, cls: type, converter: cattrs.Converter) -> Any:
        """The structure hook of *cls* (a cattrs hook factory)."""
        key = (id(converter), cls, True)
        self._building.add(key)
        try:
            plain, with_head = self._structure(cls, converter)
        finally:
            self._building.discard(key)
        return mark(plain, ClassMark(cls, with_head))

    def _structure(  # noqa: PLR0915 - one generated function, line by line
        self, cls: type, converter: cattrs.Converter
    ) -> tuple[Any, Any]:
        src = Source()
        fields = attrs.fields(attrs.resolve_types(cls))
        missing = src.ref(MISSING, "missing")
        new = src.ref(cls, "cls")
        name = f"structure_{cls.__name__}"
        slot = self._slot(cls, fields)
        required = sum(1 for field in fields if field.default is attrs.NOTHING)
        build = f"build_{cls.__name__}"
        built = builder_source(src, cls, build, lambda t: self._ours(converter, t))
        values = ", ".join(f"v_{field.name}" for field in fields)
        for function, head in ((name, False), (f"{name}_with_head", True)):
            src.add(0, f"def {function}({'_key, _value, o, _=None' if head else 'o, _=None'}):")
            src.add(1, f"if o.__class__ is not dict: {src.ref(_not_object, 'fail')}(o)")
            if cls in CHAINS:
                link, limit = CHAINS[cls]
                src.add(1, f"{src.ref(check_chain, 'chain')}(o, {link!r}, {limit})")
            if head:
                src.add(1, f"{src.ref(check_head, 'head')}(o, _key, _value)")
            src.add(1, f"n = {required + head}")
            arguments, late, key = [], [], []
            for field in fields:
                var = f"v_{field.name}"
                src.add(1, f"{var} = o.get({field.alias!r}, {missing})")
                kind = _key_kind(field.type)
                if kind == "text":
                    key.append(f"{src.ref(orjson.dumps, 'dumps')}(o.get({field.alias!r}))")
                elif kind == "ids":
                    key.append(f"tuple([id(x) for x in {var}])")
                else:
                    key.append(f"id({var})" if kind == "id" else var)
                if field.default is attrs.NOTHING:
                    fail = src.ref(_missing, "fail")
                    src.add(1, f"if {var} is {missing}: {fail}({field.alias!r})")
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
            unknown = src.ref(_unknown, "fail")
            src.add(1, f"if n != len(o): {unknown}(o, {new}{', _key' if head else ''})")
            # The object, from the builder (the checks the hook did not make) or __init__.
            call = f"{build}({values})" if built else f"{new}({', '.join(arguments + late)})"
            if slot is None:
                src.add(1, f"return {call}")
                continue
            self._share(src, cls, fields, slot, key, call)
        namespace = src.compile(name)
        return namespace[name], namespace[f"{name}_with_head"]

    def _share(  # noqa: PLR0917 - the parts of one generated function
        self,
        src: Source,
        cls: type,
        fields: tuple[attrs.Attribute[Any], ...],
        slot: Slot,
        key: list[str],
        call: str,
    ) -> None:
        """Add lines that look the value up in the sharing cache, build it if new, and keep it."""
        # Sharing: off for this class for a while (state[0]: one test, then
        # the plain path), never for a value unlikely to recur; else look the
        # value up (a tuple and a dict lookup) and keep a new one.
        state = src.ref(slot.state, "state")
        src.add(1, f"s = {state}")
        src.add(1, "if s[0]:")
        src.add(2, "s[0] -= 1")
        src.add(2, "if not s[0]: s[1] = s[2] = 0")  # back on: a new window
        src.add(2, f"return {call}")
        by_name = {field.name: field for field in fields}
        rare = [
            f"v_{n} is not {src.ref(by_name[n].default, 'default')}" for n in REFERENCE_DATA[cls]
        ]
        if rare:
            src.add(1, f"if {' or '.join(rare)}: return {call}")
        src.add(1, f"k = ({', '.join(key)},)")
        src.add(1, f"hit = {src.ref(slot.cache, 'cache')}.get(k)")
        src.add(1, "s[1] += 1")
        src.add(1, "if hit is not None:")
        src.add(2, "s[2] += 1")
        src.add(2, "return hit")
        src.add(1, f"obj = {call}")
        insert = src.ref(self.sharing.insert, "insert")  # type: ignore[union-attr]
        src.add(1, f"{insert}({src.ref(slot, 'slot')}, k, obj)")
        src.add(1, "return obj")

    def _structure_value(
        self, src: Source, converter: cattrs.Converter, type_: Any, var: str, indent: int
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
        if hook is structure_float or hook is structure_int:
            exact = "float" if hook is structure_float else "int"
            src.add(
                indent,
                f"if {var}.__class__ is not {exact}: {var} = {src.ref(hook, 'h')}({var}, None)",
            )
            return
        enum_mark = mark_of(hook, EnumMark)
        if enum_mark is not None:
            table, missing = src.ref(enum_mark.members, "members"), src.ref(MISSING, "missing")
            src.add(
                indent,
                f"m = {table}.get({var}, {missing}) if {var}.__class__ is str else {missing}",
            )
            src.add(indent, f"if m is {missing}: {src.ref(hook, 'h')}({var}, None)")
            src.add(indent, f"{var} = m")
            return
        union = mark_of(hook, UnionMark)
        if union is not None and self._settled(converter, union.members, structure=True):
            by_tag = {tag: tagged_reader(converter, c) for c, tag in union.members.items()}
            tagged, tag = src.ref(by_tag, "tagged"), src.ref(TAG_KEY, "tag")
            h = src.ref(hook, "h")  # for the message when the value is no member
            src.add(indent, f"if {var}.__class__ is not dict: {h}({var}, None)")
            src.add(indent, f"t = {var}.get({tag})")
            src.add(indent, f"f = {tagged}.get(t) if t.__class__ is str else None")
            src.add(indent, f"if f is None: {h}({var}, None)")
            src.add(indent, f"{var} = f({var}, None)")
            return
        sequence = mark_of(hook, TupleMark)
        if sequence is not None:
            item_type = sequence.item_type
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
        """The unstructure hook of *cls* (a cattrs hook factory)."""
        key = (id(converter), cls, False)
        self._building.add(key)
        try:
            plain, with_head = self._unstructure(cls, converter)
        finally:
            self._building.discard(key)
        return mark(plain, ClassMark(cls, with_head))

    def _unstructure(self, cls: type, converter: cattrs.Converter) -> tuple[Any, Any]:
        src = Source()
        fields = attrs.fields(attrs.resolve_types(cls))
        slot = self._slot(cls, fields)
        written_always = set(WRITTEN_ALWAYS.get(cls, ()))
        name = f"unstructure_{cls.__name__}"
        # Two functions: the plain one, and one that writes a first key (the
        # union tag, or the schema version) before the fields.
        for function, head in ((name, False), (f"{name}_with_head", True)):
            src.add(0, f"def {function}({'_key, _value, obj' if head else 'obj'}):")
            if slot is not None:
                # An object from the sharing cache: its JSON text, kept after its
                # first writing, which orjson splices into the document as it is.
                # (No lookup while nothing is kept: where nothing recurs,
                # writing costs what it costs without sharing.)
                ids = src.ref(slot.ids, "ids")
                src.add(1, f"e = {ids}.get(id(obj)) if {ids} else None")
                if head:
                    src.add(1, "if e is not None and e[2] is _key and e[3] is _value: return e[4]")
                else:
                    src.add(1, "if e is not None and e[1] is not None: return e[1]")
            opening = ["_key: _value"] if head else []
            rest: list[attrs.Attribute[Any]] = []
            for field in fields:
                written = field.default is attrs.NOTHING or _always(field, written_always)
                if not rest and written:
                    value = self._unstructure_value(
                        src, converter, field.type, f"obj.{field.alias}"
                    )
                    opening.append(f"{field.alias!r}: {value}")
                else:
                    rest.append(field)
            src.add(1, f"res = {{{', '.join(opening)}}}")
            for field in rest:
                if field.default is attrs.NOTHING or _always(field, written_always):
                    value = self._unstructure_value(
                        src, converter, field.type, f"obj.{field.alias}"
                    )
                    src.add(1, f"res[{field.alias!r}] = {value}")
                    continue
                type_ = field.type
                if field.default is None and is_optional(type_):
                    type_ = without_none(type_)  # the test below leaves None out
                value = self._unstructure_value(src, converter, type_, "v")
                src.add(1, f"v = obj.{field.alias}")
                src.add(
                    1,
                    f"if {self._differs(src, field.default, 'v')}: res[{field.alias!r}] = {value}",
                )
            if slot is not None:
                text = src.ref(self.sharing.text, "text")  # type: ignore[union-attr]
                src.add(1, "if e is not None and e[0] is obj:")
                src.add(2, f"return {text}(e, res, {'(_key, _value)' if head else 'None'})")
            src.add(1, "return res")
        namespace = src.compile(name)
        return namespace[name], namespace[f"{name}_with_head"]

    @staticmethod
    def _differs(src: Source, default: object, var: str) -> str:
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
        self, src: Source, converter: cattrs.Converter, type_: Any, expr: str
    ) -> str:
        """An expression for the JSON value of *expr*, a value of *type_*."""
        inner = self._optional_inner(converter, type_, structure=False)
        if inner is not None:
            value = self._unstructure_value(src, converter, inner, expr)
            return expr if value == expr else f"(None if {expr} is None else {value})"
        hook = self._hook(converter, type_, structure=False)
        if hook is identity:
            return expr
        if hook is enum_value:
            return f"{expr}._value_"  # .value is a Python-level descriptor: slow
        union = mark_of(hook, UnionMark)
        if union is not None and self._settled(converter, union.members, structure=False):
            table = {cls: tagged_writer(converter, cls) for cls in union.members}
            return f"{src.ref(table, 'tagged')}[{expr}.__class__]({expr})"
        sequence = mark_of(hook, TupleMark)
        if sequence is not None:
            item = self._unstructure_value(src, converter, sequence.item_type, "x")
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
