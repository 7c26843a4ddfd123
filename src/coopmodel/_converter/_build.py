"""Building an object from values the generated hook has already checked.

A class's ``__init__`` runs every field's converter and validator.  After
the generated structure hook, part of that work is done already: an enum
field holds a member (the hook looked it up), a boolean field ``True`` or
``False``, a field of coopmodel classes an object the hook built, a tuple
field a tuple of them.  :func:`builder_source` writes a function that builds
the object as ``__init__`` does (same attributes, same order, then
``__attrs_post_init__``) but runs only the checks the hook did not make:
text, patterns, codes, vocabulary, URLs, numbers in range, time order, the
fewest items.  Which validators it leaves out is decided here, field by
field, from the constraint and the field's type together; where in doubt
(a validator that is not a :class:`~coopmodel._model._constraints.Constraint`,
a converter it does not know), a class is built through ``__init__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

from coopmodel._converter._hooks import (
    MISSING,
    is_enum,
    is_homogeneous_tuple,
    is_optional,
    is_tagged_union,
    without_none,
)
from coopmodel._model._constraints import (
    Boolean,
    Constraint,
    Instance,
    Items,
    OneOf,
    Text,
    constraint_of,
    nfc,
    nfc_optional,
    to_tuple,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from coopmodel._converter._codegen import Source

__all__ = ["builder_source", "implied"]

_SET: Final = object.__setattr__
_NEW: Final = object.__new__


def _classes(type_: Any) -> frozenset[type] | None:
    """The classes a value of *type_* (a class or a tagged union of them) may be."""
    if is_tagged_union(type_):
        return frozenset(type_.__args__)
    if attrs.has(type_):
        return frozenset({type_})
    return None


def implied(constraint: Constraint, type_: Any) -> bool:
    """Whether the structure hook of a field of *type_* already ensures *constraint*.

    ``Items`` is implied but for its fewest items, which the builder checks.
    """
    inner = without_none(type_) if is_optional(type_) else type_
    if is_optional(type_) and not constraint.optional:
        return False  # the hook lets None through; the validator refuses it
    if isinstance(constraint, OneOf):
        return is_enum(inner) and inner is constraint.enum
    if isinstance(constraint, Boolean):
        return inner is bool
    if isinstance(constraint, Instance):
        return _classes(inner) == frozenset(constraint.types)
    if isinstance(constraint, Items):
        return is_homogeneous_tuple(inner) and _classes(inner.__args__[0]) == frozenset(
            constraint.types
        )
    return False


def _text_field(field: attrs.Attribute[Any], ours: Callable[[Any], bool]) -> bool:
    """Whether *field* holds text that coopmodel's own ``str`` hook read (so a ``str``)."""
    return field.type in (str, str | None) and ours(field.type)


def _convert(
    src: Source, field: attrs.Attribute[Any], var: str, obj: str, ours: Callable[[Any], bool]
) -> str | None:
    """An expression for *var* through the field's converter; ``None`` if it cannot be written."""
    converter: Any = field.converter  # a function or an attrs.Converter
    if converter is None:
        return var
    if converter is to_tuple and is_homogeneous_tuple(field.type):
        return var  # the hook made a tuple already
    if converter in (nfc, nfc_optional) and _text_field(field, ours):
        # NFC leaves ASCII as it is: only other text pays for the call.
        none = f"{var} is None or " if field.type is not str else ""
        return f"({var} if {none}{var}.isascii() else {src.ref(converter, 'conv')}({var}))"
    if isinstance(converter, attrs.Converter):
        wrapped: Any = converter  # attrs' stubs do not declare its attributes
        takes_self, takes_field = wrapped.takes_self, wrapped.takes_field
        function = src.ref(wrapped.converter, "conv")
        arguments = [var]
        if takes_self:
            arguments.append(obj)
        if takes_field:
            arguments.append(src.ref(field, "field"))
        return f"{function}({', '.join(arguments)})"
    if callable(converter):
        return f"{src.ref(converter, 'conv')}({var})"
    return None


def _check(
    src: Source, field: attrs.Attribute[Any], constraint: Constraint, ours: Callable[[Any], bool]
) -> list[str]:
    """The lines that check *field* after the hook (none where the hook checked it all)."""
    check, attribute = src.ref(constraint, "check"), src.ref(field, "field")
    value = f"obj.{field.name}"
    if isinstance(constraint, Text) and _text_field(field, ours):
        # Printable ASCII with a letter that is not a space is text: the usual
        # case, tested inline; anything else takes the whole check.
        fine = "v.isascii() and v.isprintable() and not v.isspace() and v"
        if constraint.max_length is not None:
            fine += f" and len(v) <= {constraint.max_length}"
        if field.type is not str:
            fine = f"v is None or {fine}"
        return [f"v = {value}", f"if not ({fine}): {check}(obj, {attribute}, v)"]
    if not (implied(constraint, field.type) and ours(field.type)):
        return [f"{check}(obj, {attribute}, {value})"]
    if isinstance(constraint, Items) and constraint.min_items:
        test = f"len({value}) < {constraint.min_items}"
        if constraint.optional:
            test = f"{value} is not None and {test}"
        return [f"if {test}: {check}(obj, {attribute}, {value})"]
    return []


def builder_source(src: Source, cls: type, function: str, ours: Callable[[Any], bool]) -> bool:
    """Add ``def function(v_<field>, ...)`` to *src*: *cls* built from checked values.

    The arguments are the fields' values in field order, defaults filled in
    (a ``Factory`` default may come as :data:`~._hooks.MISSING`, and is then
    made here).  *ours* tells whether the converter structures a type with
    coopmodel's own hooks all the way down: a check is left out only then,
    never after a hook a user registered.  Returns ``False``, adding nothing,
    where *cls* must be built through ``__init__``.
    """
    fields = attrs.fields(cls)
    if hasattr(cls, "__attrs_pre_init__") or not all(field.init for field in fields):
        return False  # __init__ does more than set the fields and check them
    lines: list[str] = []
    checks: list[str] = []
    setter = src.ref(_SET, "set")
    for field in fields:
        var = f"v_{field.name}"
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            factory = src.ref(default.factory, "factory")
            made = f"{factory}(obj)" if default.takes_self else f"{factory}()"
            lines.append(f"if {var} is m: {var} = {made}")
        converted = _convert(src, field, var, "obj", ours)
        if converted is None:
            return False
        lines.append(f"{setter}(obj, {field.name!r}, {converted})")
        try:
            checks += _check(src, field, constraint_of(field), ours)
        except TypeError:  # not a Constraint: leave it to __init__
            return False
    parameters = ", ".join(f"v_{field.name}" for field in fields)
    src.add(0, f"def {function}({parameters}, m={src.ref(MISSING, 'missing')}):")
    src.add(1, f"obj = {src.ref(_NEW, 'new')}({src.ref(cls, 'cls')})")
    for line in lines + checks:  # as __init__: every attribute, then every check
        src.add(1, line)
    if hasattr(cls, "__attrs_post_init__"):
        src.add(1, "obj.__attrs_post_init__()")
    src.add(1, "return obj")
    return True
