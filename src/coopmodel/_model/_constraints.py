r"""Constraints as data: every field's validator, readable by every consumer.

Each field of a coopmodel class is declared with a constraint object as its
attrs validator (``attrs.field(validator=Pattern(...))``).  The object checks
values when the class is built, and its settings (pattern, bounds, choices,
length) are plain attributes, so the JSON Schema builder, the Hypothesis
strategies, the converter's code generator and the benchmark's peer models
read the same facts from ``attrs.fields(cls)`` instead of writing them again.
:meth:`Constraint.json_schema` gives the JSON Schema fragment of the value
itself (the schema builder adds references to other classes and ``null`` for
optional fields).

Patterns are written once, as Python regular expressions matched with
``fullmatch``, in a subset that means the same in ECMA-262 (the dialect of
JSON Schema): ASCII character classes only, no ``\\d``, ``\\w`` or ``\\s``.  In
the schema they are anchored with ``^(?:...)(?![\\s\\S])``: ``$`` would let
Python-based validators accept a trailing newline.

Some constraints also convert what Python callers pass (:attr:`Constraint.convert`):
any iterable becomes a tuple, an aware :class:`datetime.datetime` becomes a
:class:`pendulum.DateTime`, text is put in Unicode NFC.  The JSON reader is
not affected: it checks JSON types before any class is built.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs
import pendulum

from coopmodel._model._checks import FieldError, short_repr, type_name

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "INVISIBLE",
    "Boolean",
    "CalendarDate",
    "Constraint",
    "DateOrDateTime",
    "Instance",
    "Integer",
    "Items",
    "Number",
    "OneOf",
    "Pattern",
    "Text",
    "Url",
    "ZonedDateTime",
    "anchored",
    "check_text",
    "constraint_of",
    "zone_names",
]


def anchored(pattern: str) -> str:
    r"""*pattern* anchored at both ends, meaning the same in ECMA-262 and Python.

    >>> print(anchored("[a-z]+"))
    ^(?:[a-z]+)(?![\s\S])
    """
    return f"^(?:{pattern})(?![\\s\\S])"


@attrs.frozen
class Constraint:
    """The base of every constraint: a callable attrs validator with readable settings.

    Attributes:
        optional: Whether ``None`` is allowed (the field is optional).
    """

    optional: bool = attrs.field(default=False, kw_only=True)

    #: What the constraint is called in messages and docs.
    kind: ClassVar[str] = "value"

    def __call__(self, _inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and self.optional:
            return
        problem = self.problem(value)
        if problem is not None:
            raise FieldError(attribute.name, value, problem)

    def problem(self, value: object) -> str | None:
        """What is wrong with *value* (phrased to follow it), or ``None``."""
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema fragment of a (non-null) value."""
        raise NotImplementedError

    @property
    def convert(self) -> Callable[[Any], Any] | None:
        """What Python callers' values go through before the check, if anything."""
        return None


def constraint_of(field: attrs.Attribute[Any]) -> Constraint:
    """The constraint of *field*.

    Raises:
        TypeError: the field's validator is not a :class:`Constraint`.
    """
    validator = field.validator
    if not isinstance(validator, Constraint):
        raise TypeError(f"field {field.name!r} has no Constraint validator: {validator!r}")
    return validator


# --- text -------------------------------------------------------------------

#: The characters that show nothing on their own: white space (every
#: character ``str.isspace()`` knows), format characters (zero-width spaces
#: and joiners, bidi marks and controls, the byte-order mark) and the
#: Hangul and braille fillers.  Text must hold at least one other character.
#: Written as explicit BMP ranges, so that the Python check and the JSON
#: Schema pattern agree whatever the Unicode version of either side.
INVISIBLE: Final[tuple[tuple[int, int], ...]] = (
    (0x0009, 0x000D),
    (0x001C, 0x0020),
    (0x0085, 0x0085),
    (0x00A0, 0x00A0),
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x1680, 0x1680),
    (0x17B4, 0x17B5),
    (0x180B, 0x180E),
    (0x2000, 0x200F),
    (0x2028, 0x202F),
    (0x205F, 0x206F),
    (0x2800, 0x2800),
    (0x3000, 0x3000),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
)
#: Control characters text may not hold anywhere (C0 but tab, line feed and
#: carriage return; DEL; C1).
FORBIDDEN: Final[tuple[tuple[int, int], ...]] = (
    (0x0000, 0x0008),
    (0x000B, 0x000C),
    (0x000E, 0x001F),
    (0x007F, 0x009F),
)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        f"\\u{low:04X}" if low == high else f"\\u{low:04X}-\\u{high:04X}" for low, high in ranges
    )


_VISIBLE: Final = re.compile(f"[^{_class(INVISIBLE)}]")
_CONTROL: Final = re.compile(f"[{_class(FORBIDDEN)}]")
TEXT_PATTERN: Final = f"^(?=[\\s\\S]*[^{_class(INVISIBLE)}])[^{_class(FORBIDDEN)}]*(?![\\s\\S])"
"""The JSON Schema pattern of text: one visible character, no control character."""


def check_text(value: object) -> str | None:
    """What is wrong with *value* as text, or ``None``.

    Text is a string of valid Unicode with at least one visible character and
    no control characters other than tab, line feed and carriage return.
    """
    if value.__class__ is not str:
        return f"is {type_name(value)}, expected a string"
    assert isinstance(value, str)  # noqa: S101 - narrows for mypy
    if value.isascii() and value.isprintable():
        return None if value and not value.isspace() else "is blank, expected text"
    control = _CONTROL.search(value)
    if control is not None:
        return (
            f"contains the control character U+{ord(control[0]):04X} at [{control.start()}]:"
            " text may hold tabs and line breaks, but no other controls"
        )
    if _VISIBLE.search(value) is None:
        return "is blank or invisible, expected visible text"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains a lone surrogate, which is not valid Unicode text"
    return None


def nfc(value: str) -> str:
    """*value* in Unicode NFC if it is a string, so that one spelling compares equal to another.

    Anything else is left for the check to refuse.
    """
    if value.__class__ is str and not value.isascii():
        return unicodedata.normalize("NFC", value)
    return value


def nfc_optional(value: str | None) -> str | None:
    """:func:`nfc`, for an optional field."""
    return nfc(value) if value is not None else None


@attrs.frozen
class Text(Constraint):
    """Visible Unicode text: see :func:`check_text`; stored in NFC.

    Attributes:
        max_length: The most characters allowed, if bounded.
    """

    max_length: int | None = None
    kind: ClassVar[str] = "text"

    def problem(self, value: object) -> str | None:
        problem = check_text(value)
        if problem is None and self.max_length is not None and len(value) > self.max_length:  # type: ignore[arg-type]
            return f"is longer than {self.max_length} characters"
        return problem

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return schema

    @property
    def convert(self) -> Callable[[Any], Any]:
        return nfc_optional if self.optional else nfc


@attrs.frozen
class Pattern(Constraint):
    """A string that matches :attr:`pattern` whole.

    Attributes:
        pattern: A regular expression matched with ``fullmatch`` (no anchors),
            in the subset that means the same in Python and ECMA-262.
        description: What a matching value is, to follow "is not", e.g.
            ``"a slug (lowercase words joined by '-', '_' or '.')"``.
        max_length: The most characters allowed, if bounded.
        example: A valid value, for messages and docs.
    """

    pattern: str
    description: str
    max_length: int | None = None
    example: str | None = None
    kind: ClassVar[str] = "pattern"
    _compiled: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(self.pattern))

    @property
    def json_pattern(self) -> str:
        """:attr:`pattern` anchored for JSON Schema."""
        return anchored(self.pattern)

    def problem(self, value: object) -> str | None:
        if value.__class__ is not str:
            return f"is {type_name(value)}, expected a string"
        assert isinstance(value, str)  # noqa: S101
        if self.max_length is not None and len(value) > self.max_length:
            return f"is not {self.description}: longer than {self.max_length} characters"
        if self._compiled.fullmatch(value) is None:
            example = "" if self.example is None else f", e.g. {self.example!r}"
            return f"is not {self.description}{example}"
        return None

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "pattern": self.json_pattern}
        if self.max_length is not None:
            schema["maxLength"] = self.max_length
        return schema


SLUG: Final = Pattern(
    "[a-z0-9]+(?:[-_.][a-z0-9]+)*",
    "a slug (lowercase letters and digits in words joined by '-', '_' or '.',"
    " at most 128 characters)",
    max_length=128,
    example="ind-rus-wg-2025-08",
)
"""The constraint of every ``id``: a stable identifier."""

LANGUAGE: Final = Pattern(
    "[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*",
    "a BCP 47 language tag",
    example="pt-BR",
    optional=True,
)
"""The constraint of every ``language``: a BCP 47 tag such as ``en``, ``hi`` or ``pt-BR``."""


# --- numbers and choices ------------------------------------------------------


@attrs.frozen
class Integer(Constraint):
    """An ``int`` (not a ``bool``) from :attr:`minimum` to :attr:`maximum`.

    Attributes:
        minimum: The smallest allowed value.
        maximum: The largest allowed value.
    """

    minimum: int
    maximum: int
    kind: ClassVar[str] = "integer"

    def problem(self, value: object) -> str | None:
        if value.__class__ is not int:
            return f"is {type_name(value)}, expected an integer"
        if not self.minimum <= value <= self.maximum:  # type: ignore[operator,unused-ignore]
            return f"is out of range: expected {self.minimum} to {self.maximum}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


@attrs.frozen
class Number(Constraint):
    """A finite ``float`` from :attr:`minimum` to :attr:`maximum`.

    Attributes:
        minimum: The smallest allowed value.
        maximum: The largest allowed value.
        unit: What the number counts, for messages, e.g. ``"degrees"``.
    """

    minimum: float
    maximum: float
    unit: str = ""
    kind: ClassVar[str] = "number"

    def problem(self, value: object) -> str | None:
        if value.__class__ is not float:
            return f"is {type_name(value)}, expected a number"
        if not self.minimum <= value <= self.maximum:  # NaN fails too
            unit = f" {self.unit}" if self.unit else ""
            return f"is out of range: expected {self.minimum:g} to {self.maximum:g}{unit}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}

    @property
    def convert(self) -> Callable[[Any], Any]:
        return to_float


def to_float(value: float) -> float:
    """An ``int`` as a ``float``, and ``-0.0`` as ``0.0``, so equal numbers are identical."""
    cls: type = value.__class__
    if cls is int:
        return float(value)
    if cls is float:
        return value + 0.0
    return value


@attrs.frozen
class Boolean(Constraint):
    """Exactly ``True`` or ``False``."""

    kind: ClassVar[str] = "boolean"

    def problem(self, value: object) -> str | None:
        if value.__class__ is not bool:
            return f"is {type_name(value)}, expected a boolean"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@attrs.frozen
class OneOf(Constraint):
    """A member of :attr:`enum` (not its value).

    Attributes:
        enum: The enumeration.
    """

    enum: type[enum.Enum]
    kind: ClassVar[str] = "choice"

    @property
    def choices(self) -> tuple[object, ...]:
        """The JSON values of the members, in order."""
        return tuple(member.value for member in self.enum)

    def problem(self, value: object) -> str | None:
        if value.__class__ is self.enum:
            return None
        allowed = ", ".join(repr(choice) for choice in self.choices)
        if value.__class__ is str and value in self.choices:
            name = self.enum.__name__
            return f"is not a {name} but the value of one: pass {name}({value!r})"
        return f"is not a {self.enum.__name__} (one of {allowed})"

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


# --- objects and tuples -------------------------------------------------------


@attrs.frozen
class Instance(Constraint):
    """An instance of one of :attr:`types` (coopmodel classes).

    Attributes:
        types: The classes allowed.
    """

    types: tuple[type, ...]
    kind: ClassVar[str] = "instance"

    @property
    def description(self) -> str:
        """The allowed classes in words: ``"a Party or Organization"``."""
        names = [cls.__name__ for cls in self.types]
        text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
        return ("an " if text[0] in "AEIOU" else "a ") + text

    def problem(self, value: object) -> str | None:
        if value.__class__ in self.types:
            return None
        return f"is {type_name(value)}, expected {self.description}"

    def json_schema(self) -> dict[str, Any]:
        return {}


def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """Any iterable of items (a list, a generator...) as a tuple; other values as they are.

    Strings, bytes and mappings are iterable but never meant as a sequence of
    items, and sets have no order: they are left for the check to refuse.
    """
    if value.__class__ is tuple or value is None:
        return value
    if isinstance(value, str | bytes | bytearray | Mapping | set | frozenset):
        return value  # type: ignore[return-value] # refused by the check
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value] # not iterable: refused by the check


@attrs.frozen
class Items(Constraint):
    """A tuple of instances of :attr:`types`; lists and other iterables are made tuples.

    Attributes:
        types: The classes an item may be.
        min_items: The fewest items allowed.
    """

    types: tuple[type, ...]
    min_items: int = 0
    kind: ClassVar[str] = "items"

    @property
    def description(self) -> str:
        """The allowed item classes in words: ``"Party"``."""
        names = [cls.__name__ for cls in self.types]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def problem(self, value: object) -> str | None:
        if value.__class__ is not tuple:
            if isinstance(value, set | frozenset):
                return (
                    "is a set, whose order is arbitrary: pass a list or tuple of"
                    f" {self.description}"
                )
            return f"is {type_name(value)}, expected a list or tuple of {self.description}"
        types = self.types
        for index, item in enumerate(value):
            if item.__class__ not in types:
                return f"has {type_name(item)} at [{index}], expected {self.description}"
        if len(value) < self.min_items:
            return f"has {len(value)} items, expected at least {self.min_items} {self.description}"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"minItems": self.min_items} if self.min_items else {}

    @property
    def convert(self) -> Callable[[Any], Any]:
        return to_tuple


# --- time ---------------------------------------------------------------------

_DATE: Final = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME: Final = "[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.][0-9]{1,6})?)?"
# An offset is whole seconds, under a day, each field in range.
_OFFSET: Final = "Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?"
_ZONE: Final = "[A-Za-z0-9_+./-]{1,64}"
DATE_PATTERN: Final = _DATE
"""A calendar date as JSON text: ``2025-08-06`` (checked as a real date too)."""
DATETIME_PATTERN: Final = f"{_DATE}T{_TIME}(?:{_OFFSET})(?:\\[{_ZONE}\\])?"
"""An aware date-time as JSON text, RFC 9557 style: an RFC 3339 date-time with an
offset (``Z``, no seconds and 1-6 fraction digits are read; the writer always
writes seconds, six fraction digits or none, and a numeric offset), then
optionally an IANA zone in brackets: ``2025-08-06T21:38:00+05:30[Asia/Kolkata]``."""
#: The same, with groups for the reader (and the offset optional, to say
#: "naive" rather than "malformed").
DATETIME_GROUPS: Final = re.compile(
    f"(?P<base>{_DATE}T{_TIME}(?P<offset>{_OFFSET})?)(?:\\[(?P<zone>{_ZONE})\\])?"
)


@functools.cache
def zone_names() -> frozenset[str]:
    """The IANA zone names a value may use.

    Not ``localtime`` and ``Factory``, nor the ``right/`` and ``posix/``
    variants: they mean different things on different machines.
    """
    return frozenset(
        name
        for name in pendulum.timezones()
        if name not in {"localtime", "Factory"} and not name.startswith(("right/", "posix/"))
    )


def to_pendulum_datetime(value: dt.datetime) -> pendulum.DateTime:
    """An aware stdlib datetime as a :class:`pendulum.DateTime`, keeping the zone name.

    A :class:`zoneinfo.ZoneInfo` (or any tzinfo with a ``key``) becomes the
    pendulum zone of that name; any other tzinfo a fixed offset.  Naive values
    and values of other types are left for the check to refuse.
    """
    if not isinstance(value, dt.datetime):
        return value  # type: ignore[unreachable] # refused by the check
    tz = value.tzinfo
    if tz is None or (
        value.__class__ is pendulum.DateTime
        and isinstance(tz, pendulum.Timezone | pendulum.FixedTimezone)
    ):
        return value  # type: ignore[return-value] # pendulum already, or naive: refused
    key = getattr(tz, "key", None)
    new_tz: pendulum.Timezone | pendulum.FixedTimezone
    if isinstance(tz, pendulum.Timezone | pendulum.FixedTimezone):
        new_tz = tz
    elif isinstance(key, str):
        try:
            new_tz = pendulum.timezone(key)
        except Exception:  # noqa: BLE001 - an unknown key: the check names the value
            return value  # type: ignore[return-value]
    else:
        offset = value.utcoffset()
        if offset is None or offset.microseconds:
            return value  # type: ignore[return-value] # refused by the check
        new_tz = pendulum.FixedTimezone(int(offset.total_seconds()))
    return wall_time_in(value, new_tz)


def wall_time_in(
    local: dt.datetime, tz: pendulum.Timezone | pendulum.FixedTimezone
) -> pendulum.DateTime:
    """A :class:`pendulum.DateTime` with *local*'s wall time and fold, in *tz*."""
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


def to_pendulum_datetime_optional(value: dt.datetime | None) -> pendulum.DateTime | None:
    """:func:`to_pendulum_datetime`, for an optional field."""
    return None if value is None else to_pendulum_datetime(value)


def _not_pendulum_problem(value: object) -> str:
    if not isinstance(value, dt.datetime):
        return f"is {type_name(value)}, expected an aware datetime"
    offset = value.utcoffset()
    if offset is None:
        return "is a naive datetime; give it a time zone"
    if offset.microseconds:
        return "has a UTC offset with a fraction of a second, which RFC 3339 cannot write"
    return "has a time zone that is neither an IANA zone nor a fixed offset"


def datetime_problem(value: object) -> str | None:  # noqa: PLR0911 - one return per rule
    """What stops *value* being written and read back as itself, or ``None``."""
    if value.__class__ is not pendulum.DateTime:
        return _not_pendulum_problem(value)
    assert isinstance(value, pendulum.DateTime)  # noqa: S101
    tz = value.tzinfo
    offset = value.utcoffset()
    if offset is None:
        return "is a naive datetime; give it a time zone"
    if isinstance(tz, pendulum.Timezone):
        if tz.name not in zone_names():
            return (
                f"is in the time zone {tz.name!r}, which means different things on"
                " different machines: use a plain IANA name such as 'Asia/Kolkata'"
            )
    elif not isinstance(tz, pendulum.FixedTimezone):  # pragma: no cover - converted before
        return "has a time zone that is neither an IANA zone nor a fixed offset"
    if offset.microseconds:
        return "has a UTC offset with a fraction of a second, which RFC 3339 cannot write"
    try:
        utc = value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        return "is out of range: its UTC instant falls outside the years 1 to 9999"
    if isinstance(tz, pendulum.Timezone):
        back = utc.astimezone(tz)
        if (back.hour, back.minute, back.day) != (value.hour, value.minute, value.day):
            return (
                f"is a wall time that does not exist in {tz.name} (skipped by a change to"
                " daylight saving time)"
            )
    return None


@attrs.frozen
class ZonedDateTime(Constraint):
    """A timezone-aware :class:`pendulum.DateTime` that writes and reads back as itself.

    Aware stdlib datetimes are converted (a :class:`zoneinfo.ZoneInfo` keeps
    its name); naive ones are refused, as are wall times in a daylight-saving
    gap, machine-dependent zones, sub-second offsets and instants outside the
    years 1 to 9999.
    """

    kind: ClassVar[str] = "datetime"

    def problem(self, value: object) -> str | None:
        return datetime_problem(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": anchored(DATETIME_PATTERN)}

    @property
    def convert(self) -> Callable[[Any], Any]:
        return to_pendulum_datetime_optional if self.optional else to_pendulum_datetime


def to_pendulum_date(value: dt.date) -> pendulum.Date:
    """A stdlib :class:`datetime.date` (not a datetime) as a :class:`pendulum.Date`."""
    cls: type = value.__class__
    if cls is dt.date:
        return pendulum.Date(value.year, value.month, value.day)
    return value  # type: ignore[return-value] # pendulum already, or refused by the check


def to_pendulum_date_optional(value: dt.date | None) -> pendulum.Date | None:
    """:func:`to_pendulum_date`, for an optional field."""
    return None if value is None else to_pendulum_date(value)


def date_problem(value: object) -> str | None:
    """What is wrong with *value* as a calendar date, or ``None``."""
    if value.__class__ is pendulum.Date:
        return None
    if isinstance(value, dt.datetime):
        return f"is a datetime ({short_repr(value)}), expected a date without a time"
    return f"is {type_name(value)}, expected a date"


@attrs.frozen
class CalendarDate(Constraint):
    """A calendar day: a :class:`pendulum.Date` (a stdlib date is converted)."""

    kind: ClassVar[str] = "date"

    def problem(self, value: object) -> str | None:
        return date_problem(value)

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": anchored(DATE_PATTERN)}

    @property
    def convert(self) -> Callable[[Any], Any]:
        return to_pendulum_date_optional if self.optional else to_pendulum_date


def to_instant(value: dt.date | None) -> pendulum.Date | None:
    """A stdlib date or aware datetime as its pendulum twin (``None`` stays)."""
    if isinstance(value, dt.datetime):
        return to_pendulum_datetime(value)
    return None if value is None else to_pendulum_date(value)


@attrs.frozen
class DateOrDateTime(Constraint):
    """A calendar date, or an aware datetime (see :class:`ZonedDateTime`)."""

    kind: ClassVar[str] = "date_or_datetime"

    def problem(self, value: object) -> str | None:
        if value.__class__ is pendulum.Date:
            return None
        if isinstance(value, dt.datetime):
            return datetime_problem(value)
        return f"is {type_name(value)}, expected a date or an aware datetime"

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": anchored(f"{DATE_PATTERN}|{DATETIME_PATTERN}"),
        }

    @property
    def convert(self) -> Callable[[Any], Any]:
        return to_instant


# --- URLs -----------------------------------------------------------------------

_PORT: Final = "[0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]"
# Labels of letters, digits, '-' and '_' (seen in real host names) split by
# single dots: no two ways to match one text, so the match is linear-time.
_LABEL: Final = "[A-Za-z0-9_-]+"
URL_PATTERN: Final = (
    "[Hh][Tt][Tt][Pp][Ss]?://"
    "(?:[A-Za-z0-9._~%!$&'()*+,;=:-]*@)?"  # user information
    f"(?:(?:{_LABEL}[.])*{_LABEL}[.]?|\\[[0-9A-Fa-f:.]+\\])"  # host name or IP literal
    f"(?::(?:{_PORT}))?"
    "(?:[/?#][!-~]*)?"  # path, query, fragment: printable ASCII, no space
)


@attrs.frozen
class Url(Constraint):
    """An absolute http(s) URL in ASCII (percent-encode the rest).

    Attributes:
        max_length: The most characters allowed.
    """

    max_length: int = 2048
    kind: ClassVar[str] = "url"
    pattern: ClassVar[str] = URL_PATTERN
    _compiled: ClassVar[re.Pattern[str]] = re.compile(URL_PATTERN)

    def problem(self, value: object) -> str | None:
        if value.__class__ is not str:
            return f"is {type_name(value)}, expected a URL string"
        assert isinstance(value, str)  # noqa: S101
        if len(value) > self.max_length:
            return f"is longer than {self.max_length} characters"
        if self._compiled.fullmatch(value) is None:
            if not value.isascii() or " " in value:
                return (
                    "is not an absolute http(s) URL (it has spaces or non-ASCII characters;"
                    " percent-encode them)"
                )
            return "is not an absolute http(s) URL with a host, e.g. 'https://example.com/news'"
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": anchored(URL_PATTERN), "maxLength": self.max_length}
