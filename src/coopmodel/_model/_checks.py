"""The error every constructor raises, and the helpers its messages use.

Every check raises :class:`FieldError`, a :class:`ValueError` that names the
field, the offending value and what was expected.  The checks themselves are
the constraint objects of :mod:`coopmodel._model._constraints`.
"""

from __future__ import annotations

import datetime as dt
import reprlib
from typing import TYPE_CHECKING, Any, Final, NoReturn

import pendulum

if TYPE_CHECKING:
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
    if isinstance(value, dt.date):
        # Shown as its JSON text, in messages about Python values and JSON alike.
        return repr(_date_text(value))
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


def _date_text(value: dt.date) -> str:
    if isinstance(value, dt.datetime):
        try:
            text = value.isoformat()
            name = zone_name(value) if isinstance(value, pendulum.DateTime) else None
        except Exception:  # noqa: BLE001 - a broken tzinfo still gets a message
            return str(value)
        return text if name is None else f"{text}[{name}]"
    return value.isoformat()


def zone_name(value: dt.datetime) -> str | None:
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
