"""The converter: the one place where coopmodel objects become JSON data and back.

Everything the package reads or writes goes through :func:`make_converter`'s
hooks.  The work is split by job:

- :mod:`._times`: the leaf hooks (strict strings, numbers, booleans) and
  RFC 9557 dates and times;
- :mod:`._hooks`: hook factories for enums, tuples, optionals and tagged
  unions, the typed marks that let generated code inline them, and the
  readers and writers of a leading key (:func:`head_reader`,
  :func:`head_writer`);
- :mod:`._codegen`: the class hooks generated per class and converter;
- :mod:`._sharing`: sharing recurring reference data between documents, in
  bounded memory;
- :mod:`._diagnose`: listing every problem of a bad document with its path.

The facts about the domain (which classes are tagged and how, which are
reference data, which fields chain, which are written at their default) come
from :mod:`coopmodel._model`, not from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs
import cattrs
import pendulum

from coopmodel._converter._codegen import ClassHooks
from coopmodel._converter._diagnose import MAX_NESTING, diagnose
from coopmodel._converter._hooks import (
    TAGGED_UNIONS,
    ClassMark,
    enum_hook,
    enum_value,
    head_reader,
    head_writer,
    is_enum,
    is_homogeneous_tuple,
    is_optional,
    is_tagged_union,
    mark_of,
    optional_structure_factory,
    optional_unstructure_factory,
    tag_of,
    tuple_structure_factory,
    tuple_unstructure_factory,
    union_structure_factory,
    union_unstructure_factory,
)
from coopmodel._converter._sharing import Sharing, clear_caches, set_sharing, sharing_enabled
from coopmodel._converter._times import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    INSTANT,
    BadValue,
    format_date,
    format_datetime,
    structure_bool,
    structure_date,
    structure_datetime,
    structure_float,
    structure_instant,
    structure_int,
    structure_str,
    unstructure_instant,
    zone_names,
)
from coopmodel._errors import MAX_PROBLEMS
from coopmodel._model import TAG_KEY

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "INSTANT",
    "MAX_NESTING",
    "MAX_PROBLEMS",
    "SCHEMA_VERSION",
    "TAGGED_UNIONS",
    "TAG_KEY",
    "BadValue",
    "ClassMark",
    "clear_caches",
    "diagnose",
    "document_reader",
    "format_datetime",
    "head_reader",
    "head_writer",
    "make_converter",
    "mark_of",
    "set_sharing",
    "sharing_enabled",
    "sharing_of",
    "tag_of",
    "zone_names",
]

SCHEMA_VERSION: Final = 1
"""The version of the JSON form written by this release (see :doc:`/explanation/json-form`)."""

#: The sharing caches of each sharing converter (only coopmodel makes them, once).
_SHARING: Final[dict[cattrs.Converter, Sharing]] = {}


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
    JSON text: equal values of the reference-data classes structure to one
    shared object, and shared objects unstructure to kept
    :class:`orjson.Fragment` s, which only :func:`orjson.dumps` reads (see
    :mod:`._sharing`).
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=False
    )
    for type_, hook in (
        (str, structure_str),
        (int, structure_int),
        (float, structure_float),
        (bool, structure_bool),
        (pendulum.DateTime, structure_datetime),
        (pendulum.Date, structure_date),
    ):
        converter.register_structure_hook(type_, hook)
    converter.register_unstructure_hook(pendulum.DateTime, format_datetime)
    converter.register_unstructure_hook(pendulum.Date, format_date)
    converter.register_structure_hook_func(lambda t: t == INSTANT, structure_instant)
    converter.register_unstructure_hook_func(lambda t: t == INSTANT, unstructure_instant)
    converter.register_structure_hook_factory(is_enum, enum_hook)
    converter.register_unstructure_hook_factory(is_enum, lambda _: enum_value)
    for predicate, structure, unstructure in (
        (is_homogeneous_tuple, tuple_structure_factory, tuple_unstructure_factory),
        (is_tagged_union, union_structure_factory, union_unstructure_factory),
        (is_optional, optional_structure_factory, optional_unstructure_factory),
    ):
        converter.register_structure_hook_factory(predicate, structure)
        converter.register_unstructure_hook_factory(predicate, unstructure)
    sharing = Sharing() if share else None
    classes = ClassHooks(sharing)
    converter.register_structure_hook_factory(_is_model_class, classes.structure)
    converter.register_unstructure_hook_factory(_is_model_class, classes.unstructure)
    if sharing is not None:
        _SHARING[converter] = sharing
    return converter


def _is_model_class(type_: Any) -> bool:
    return isinstance(type_, type) and attrs.has(type_)


def sharing_of(converter: cattrs.Converter) -> Sharing | None:
    """The sharing caches of a converter made with ``share=True``, else ``None``."""
    return _SHARING.get(converter)


def document_reader(
    converter: cattrs.Converter, cls: type, key: str, value: object
) -> Callable[[dict[str, Any]], Any]:
    """A reader of whole documents of *cls*, led by ``key: value`` (the schema version).

    It is :func:`head_reader`, and for a sharing converter it also takes
    out of the sharing caches whatever a document that fails added to them.
    """
    read = head_reader(converter, cls, key, value)
    sharing = sharing_of(converter)
    if sharing is None:
        return read

    def read_document(data: dict[str, Any]) -> Any:
        journal = sharing.begin()
        try:
            obj = read(data)
        except BaseException:
            sharing.rollback(journal)
            raise
        sharing.end()
        return obj

    return read_document
