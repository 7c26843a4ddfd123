"""Diagnosis: every problem that stops data from structuring, with its JSONPath.

Reading runs in two passes.  The fast pass (the generated class hooks) stops
at the first problem.  Only when it fails does :func:`diagnose` walk the same
data again, field by field with the same hooks and the classes' own
validators, to list the problems: bad input costs a second look, good input
costs nothing extra.

The walk lists at most :data:`MAX_PROBLEMS` problems and stops counting after
ten times as many, so that a document of millions of bad values costs about
what a good document of the same size costs; the
:class:`~coopmodel.ParseError` says how many more there were ("at least N
more" when the walk stopped).
"""

from __future__ import annotations

import functools
import types
import typing
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

import attrs

from coopmodel._converter._codegen import check_chain
from coopmodel._converter._hooks import is_homogeneous_tuple, is_tagged_union, union_members
from coopmodel._converter._times import BadValue
from coopmodel._errors import MAX_PROBLEMS, ErrorDetail, Omitted
from coopmodel._model import CHAINS, TAG_KEY, FieldError
from coopmodel._model._checks import short_repr, type_name

if TYPE_CHECKING:
    import cattrs

__all__ = ["MAX_KEY_SHOWN", "MAX_NESTING", "diagnose"]

MAX_NESTING: Final = 64
"""How deep :func:`diagnose` follows nested objects before giving up on a branch."""

MAX_KEY_SHOWN: Final = 64
"""The longest key shown whole in a path; longer ones are cut, as values are."""

#: After this many problems the walk stops, and the count is a lower bound.
_COUNT_LIMIT: Final = 10 * MAX_PROBLEMS


class _Enough(Exception):  # noqa: N818 - a signal, not an error
    """Raised to stop the walk once enough problems are counted."""


class _Problems:
    """The problems found so far: the first MAX_PROBLEMS, and a count of all."""

    __slots__ = ("count", "listed")

    def __init__(self) -> None:
        self.listed: list[ErrorDetail] = []
        self.count = 0

    def add(self, detail: ErrorDetail) -> None:
        self.count += 1
        if self.count <= MAX_PROBLEMS:
            self.listed.append(detail)
        elif self.count >= _COUNT_LIMIT:
            raise _Enough


class _Draft:
    """The fields of an object that could not be built, for running its validators."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> None:
        return None


def diagnose(
    converter: cattrs.Converter, data: object, type_: Any, path: str = "$"
) -> list[ErrorDetail]:
    """Every problem that stops *data* from structuring as *type_*, with its JSONPath.

    At most :data:`~coopmodel.MAX_PROBLEMS` are listed; when there were
    more, the list ends with an :class:`~coopmodel._errors.Omitted` record
    that says how many (which :class:`~coopmodel.ParseError` takes in).
    """
    problems = _Problems()
    exact = True
    try:
        _diagnose(converter, data, type_, path, problems, 0)
    except _Enough:
        exact = False
    listed: list[ErrorDetail] = problems.listed
    if problems.count > MAX_PROBLEMS:
        listed.append(Omitted.of(problems.count - MAX_PROBLEMS, exact=exact))
    return listed


def key_path(path: str, key: object) -> str:
    """The path of *key* inside the object at *path*; a long key is cut."""
    if key.__class__ is str and len(key) <= MAX_KEY_SHOWN and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{short_repr(key)}]"


def _diagnose(  # noqa: PLR0911, PLR0917 - one branch per kind of type
    converter: cattrs.Converter,
    data: object,
    type_: Any,
    path: str,
    problems: _Problems,
    depth: int,
) -> Any:
    """Structure *data* as *type_*, noting every problem; return the value or ``_FAILED``."""
    if depth > MAX_NESTING:
        problems.add(ErrorDetail(path, f"nests deeper than {MAX_NESTING} levels"))
        return _FAILED
    args = get_args(type_)
    origin = get_origin(type_)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        if data is None:
            return None
        rest = tuple(arg for arg in args if arg is not type(None))
        type_ = rest[0] if len(rest) == 1 else functools.reduce(lambda a, b: a | b, rest)
        args = get_args(type_)  # of the type inside: tuple[Party, ...] | None
    if is_tagged_union(type_):
        return _diagnose_union(converter, data, type_, path, problems, depth)
    if is_homogeneous_tuple(type_):
        # Exactly a list or tuple, as the fast path demands: a subclass is named here.
        if data.__class__ is not list and data.__class__ is not tuple:
            problems.add(ErrorDetail(path, f"is {type_name(data)}, expected an array"))
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
        problems.add(_detail(path, error, {}))
    except Exception as error:  # noqa: BLE001 - any other failure is still reported, with its path
        problems.add(ErrorDetail(path, f"{short_repr(data)} cannot be read: {error}"))
    return _FAILED


_FAILED: Final = object()


def _diagnose_union(  # noqa: PLR0917
    converter: cattrs.Converter,
    data: object,
    type_: Any,
    path: str,
    problems: _Problems,
    depth: int,
) -> Any:
    if data.__class__ is not dict:
        problems.add(ErrorDetail(path, f"is {type_name(data)}, expected an object"))
        return _FAILED
    assert isinstance(data, dict)  # noqa: S101 - narrows for mypy; always true here
    by_tag = {tag: cls for cls, tag in union_members(type_).items()}
    tag = data.get(TAG_KEY)
    if tag.__class__ is not str or tag not in by_tag:
        allowed = ", ".join(repr(tag_) for tag_ in by_tag)
        problems.add(
            ErrorDetail(
                key_path(path, TAG_KEY),
                f"is {short_repr(tag)}, expected one of {allowed}"
                if TAG_KEY in data
                else f"is missing, expected one of {allowed}",
            )
        )
        return _FAILED
    body = {key: item for key, item in data.items() if key != TAG_KEY}
    return _diagnose(converter, body, by_tag[tag], path, problems, depth)


def _detail(path: str, error: Exception, aliases: dict[str, str]) -> ErrorDetail:
    if isinstance(error, FieldError):
        field = aliases.get(error.field, error.field)
        value = error.value
        if value.__class__ is tuple:  # it was a JSON array: show it as one
            value = list(value)
        return ErrorDetail(key_path(path, field), f"{short_repr(value)} {error.reason}")
    return ErrorDetail(path, str(error))


def _diagnose_class(  # noqa: C901, PLR0912, PLR0917 - the steps of building one object
    converter: cattrs.Converter,
    data: object,
    cls: type,
    path: str,
    problems: _Problems,
    depth: int,
) -> Any:
    if data.__class__ is not dict:  # a dict subclass is refused here, as by the fast path
        problems.add(ErrorDetail(path, f"is {type_name(data)}, expected an object"))
        return _FAILED
    assert isinstance(data, dict)  # noqa: S101 - narrows for mypy; always true here
    if cls in CHAINS:
        link, limit = CHAINS[cls]
        try:
            check_chain(data, link, limit)
        except FieldError:
            # Name the object that is one too many, not merely the top of the chain.
            problems.add(
                ErrorDetail(
                    path + f".{link}" * limit,
                    f"is {cls.__name__} number {limit + 1} of a {link!r} chain:"
                    f" at most {limit} may nest",
                )
            )
            return _FAILED
    before = problems.count
    fields = attrs.fields(attrs.resolve_types(cls))
    aliases = {field.name: field.alias for field in fields}
    known = set(aliases.values())
    values: dict[str, Any] = {}  # by key (the init name)
    drafted: dict[str, Any] = {}  # by attribute name, for the validators
    for field in fields:
        if field.alias in data:
            value = _diagnose(
                converter,
                data[field.alias],
                field.type,
                key_path(path, field.alias),
                problems,
                depth + 1,
            )
            if value is not _FAILED:
                values[field.alias] = drafted[field.name] = value
        elif field.default is attrs.NOTHING:
            problems.add(ErrorDetail(key_path(path, field.alias), "is missing"))
    for key in data:
        if key not in known:
            problems.add(ErrorDetail(key_path(path, key), "is not a field of " + cls.__name__))
    draft = _Draft(drafted)
    for field in fields:
        if field.name in drafted and field.validator is not None:
            try:
                field.validator(draft, field, drafted[field.name])
            except FieldError as error:
                problems.add(_detail(path, error, aliases))
            except Exception:  # noqa: BLE001, S110 - a validator tripping over a failed neighbour
                pass
    if problems.count > before:
        return _FAILED
    try:
        return cls(**values)
    except FieldError as error:
        problems.add(_detail(path, error, aliases))
    except Exception as error:  # noqa: BLE001
        problems.add(ErrorDetail(path, f"cannot be built: {error}"))
    return _FAILED
