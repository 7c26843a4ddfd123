"""Cheap attrs validators shared by the value classes.

Every validator raises :class:`FieldError`, a :class:`ValueError` that names the
field, the offending value and what was expected.  They are plain functions
rather than composed ``attrs.validators`` objects because they run once per
field per object during bulk loads: each one is a single call with an
``isinstance``-free fast path (``value.__class__ is str``).
"""

from __future__ import annotations

import re
import reprlib
from typing import TYPE_CHECKING, Any, Final, NoReturn

import pendulum

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

    import attrs

__all__ = ["FieldError"]

_REPR_LIMIT: Final = 80

_CONTAINERS: Final = (list, tuple, dict, set, frozenset)
_BOUNDED: Final = reprlib.Repr()
_BOUNDED.maxlevel = 4
_BOUNDED.maxstring = _REPR_LIMIT
_BOUNDED.maxother = _REPR_LIMIT


def short_repr(value: object) -> str:
    """``repr(value)``, cut to a readable length for error messages.

    It never raises: hostile input can nest arrays thousands of levels deep
    (a plain ``repr`` raises :class:`RecursionError`), so containers are shown
    only a few levels deep; a value whose ``repr`` fails anyway (an integer
    with more digits than Python will print, a broken ``__repr__``) is named
    by its type.  Of a long string only the start is shown, and only the
    start is turned into its ``repr``: a megabyte-long bad value costs no more
    than a short one.
    """
    if value.__class__ is str and len(value) > _REPR_LIMIT:
        text = repr(value[:_REPR_LIMIT])
        return f"{text[: _REPR_LIMIT - 4]}...{text[-1]} ({len(value)} characters in all)"
    try:
        text = _BOUNDED.repr(value) if isinstance(value, _CONTAINERS) else repr(value)
    except Exception:  # noqa: BLE001 - describing a bad value must not fail in turn
        return f"<{type_name(value)} that cannot be shown>"
    if len(text) <= _REPR_LIMIT:
        return text
    return f"{text[: _REPR_LIMIT - 4]}...{text[-1]} ({len(text)} characters in all)"


class FieldError(ValueError):
    """A value that a field of a coopmodel class cannot hold.

    Raised by the constructors of every value class.  The parsers turn it into
    one entry of a :class:`~coopmodel.ParseError` at the field's JSON path.

    Attributes:
        field: The name of the field, e.g. ``"code"``.
        value: The rejected value.
        reason: What is wrong, phrased to follow the value, e.g.
            ``"is not an ISO 3166-1 alpha-3 code"``.

    .. versionadded:: 0.1.0
    """

    field: str
    value: object
    reason: str

    def __init__(self, field: str, value: object, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{field}: {short_repr(value)} {reason}")

    def __reduce__(self) -> tuple[type[FieldError], tuple[str, object, str]]:
        return (type(self), (self.field, self.value, self.reason))


def fail(attribute: attrs.Attribute[Any], value: object, reason: str) -> NoReturn:
    """Raise a :class:`FieldError` for *attribute*."""
    raise FieldError(attribute.name, value, reason)


def type_name(value: object) -> str:
    """The JSON-ish name of *value*'s type, for messages."""
    return _JSON_NAMES.get(type(value), type(value).__name__)


_JSON_NAMES: Final[dict[type, str]] = {
    str: "a string",
    int: "an integer",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
    list: "an array",
    tuple: "an array",
    dict: "an object",
}


def _text_problem(value: object) -> str | None:
    if value.__class__ is not str:
        return f"is {type_name(value)}, expected a string"
    assert isinstance(value, str)  # noqa: S101 - narrows for mypy; always true here
    if not value or value.isspace():
        return "is blank, expected text"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains a lone surrogate, which is not valid Unicode text"
    return None


def text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-blank string of valid Unicode."""
    # The usual case in one test (ASCII has no surrogates); the rest below.
    if value.__class__ is str and value.isascii() and value and not value.isspace():
        return
    problem = _text_problem(value)
    if problem is not None:
        fail(attribute, value, problem)


def optional_text(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a non-blank string of valid Unicode."""
    if value is None or (
        value.__class__ is str and value.isascii() and value and not value.isspace()
    ):
        return
    problem = _text_problem(value)
    if problem is not None:
        fail(attribute, value, problem)


SLUG_PATTERN: Final = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
SLUG_MAX_LENGTH: Final = 128
_SLUG = re.compile(SLUG_PATTERN)


def slug(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A stable identifier: lowercase ASCII words joined by ``-``, ``_`` or ``.``."""
    if value.__class__ is not str:
        fail(attribute, value, f"is {type_name(value)}, expected a string")
    assert isinstance(value, str)  # noqa: S101
    if len(value) > SLUG_MAX_LENGTH or _SLUG.fullmatch(value) is None:
        fail(
            attribute,
            value,
            "is not a slug (lowercase letters and digits in words joined by '-', '_' or '.',"
            f" at most {SLUG_MAX_LENGTH} characters)",
        )


LANGUAGE_PATTERN: Final = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$"
_LANGUAGE = re.compile(LANGUAGE_PATTERN)


def optional_language(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a BCP 47 language tag such as ``en``, ``hi`` or ``pt-BR``."""
    if value is None:
        return
    if value.__class__ is not str or _LANGUAGE.fullmatch(value) is None:
        fail(attribute, value, "is not a BCP 47 language tag (e.g. 'en', 'hi', 'pt-BR')")


def boolean(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Exactly ``True`` or ``False``."""
    if value.__class__ is not bool:
        fail(attribute, value, f"is {type_name(value)}, expected a boolean")


def instance_of(cls: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """A validator accepting instances of *cls* (described as *what*)."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            fail(attribute, value, f"is {type_name(value)}, expected {what}")

    return check


def optional_instance_of(
    cls: type | tuple[type, ...], what: str
) -> Callable[[Any, Any, Any], None]:
    """Like :func:`instance_of`, also accepting ``None``."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, cls):
            fail(attribute, value, f"is {type_name(value)}, expected {what} or None")

    return check


def tuple_of(cls: type | tuple[type, ...], what: str) -> Callable[[Any, Any, Any], None]:
    """A validator for a tuple whose every item is an instance of *cls*."""

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not tuple:
            fail(attribute, value, f"is {type_name(value)}, expected a tuple of {what}")
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                fail(attribute, value, f"has {type_name(item)} at [{index}], expected {what}")

    return check


def member_of(enum: type[Enum]) -> Callable[[Any, Any, Any], None]:
    """A validator accepting members of *enum* only (not their values)."""
    allowed = ", ".join(repr(m.value) for m in enum)

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not enum:
            fail(attribute, value, f"is not a {enum.__name__} (one of {allowed})")

    return check


def aware_datetime(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A timezone-aware :class:`pendulum.DateTime`."""
    if value.__class__ is not pendulum.DateTime:
        fail(
            attribute,
            value,
            f"is {type_name(value)}, expected a pendulum.DateTime"
            " (convert a stdlib datetime with pendulum.instance())",
        )
    assert isinstance(value, pendulum.DateTime)  # noqa: S101
    if value.utcoffset() is None:
        fail(attribute, value, "is a naive datetime; give it a time zone")


def optional_aware_datetime(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a timezone-aware :class:`pendulum.DateTime`."""
    if value is not None:
        aware_datetime(inst, attribute, value)


def calendar_date(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A :class:`pendulum.Date` that is not a datetime."""
    if value.__class__ is not pendulum.Date:
        fail(
            attribute,
            value,
            f"is {type_name(value)}, expected a pendulum.Date (use pendulum.date(y, m, d))",
        )


def optional_calendar_date(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None`` or a :class:`pendulum.Date`."""
    if value is not None:
        calendar_date(inst, attribute, value)


def optional_instant(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``None``, a :class:`pendulum.Date` or a timezone-aware :class:`pendulum.DateTime`."""
    if value is None:
        return
    if value.__class__ is pendulum.Date:
        return
    aware_datetime(inst, attribute, value)


def int_between(low: int, high: int | None) -> Callable[[Any, Any, Any], None]:
    """An ``int`` (not a ``bool``) with ``low <= value (<= high)``."""
    upper = "" if high is None else f" and at most {high}"

    def check(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not int:
            fail(attribute, value, f"is {type_name(value)}, expected an integer")
        if value < low or (high is not None and value > high):
            fail(attribute, value, f"is out of range: expected at least {low}{upper}")

    return check


def optional(
    check: Callable[[Any, Any, Any], None],
) -> Callable[[Any, Any, Any], None]:
    """Wrap *check* so that ``None`` passes."""

    def check_optional(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(inst, attribute, value)

    return check_optional


def zone_name(value: pendulum.DateTime) -> str | None:
    """The IANA name of *value*'s time zone, or ``None`` for a fixed offset.

    >>> import pendulum
    >>> zone_name(pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata"))
    'Asia/Kolkata'
    >>> zone_name(pendulum.datetime(2025, 8, 6, 21, 38, tz=pendulum.FixedTimezone(19800)))
    """
    tz = value.tzinfo
    if isinstance(tz, pendulum.Timezone):
        return tz.name
    key = getattr(tz, "key", None)  # a stdlib zoneinfo.ZoneInfo
    return key if isinstance(key, str) else None


def instant_key(value: object) -> object:
    """The equality key of a time field.

    pendulum compares instants only: 21:38 in Kolkata equals 16:08 UTC.  Two
    values in different zones say different things and serialize to different
    bytes, so coopmodel's classes compare (and hash) a datetime by its wall
    time, offset *and* zone name.  Dates and ``None`` compare as themselves.
    """
    if isinstance(value, pendulum.DateTime):
        return (value.isoformat(), zone_name(value))
    return value
