"""The plain functions: dicts, JSON and JSON Lines, all through the one converter."""

from __future__ import annotations

import contextlib
import gc
import io
import threading
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

import attrs
import orjson

from coopmodel._converter import (
    SCHEMA_VERSION,
    _make_converter,
    diagnose,
    document_reader,
    head_writer,
    make_converter,
)
from coopmodel._errors import ErrorDetail, ParseError
from coopmodel._model._checks import short_repr, type_name

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    import cattrs

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "converter",
    "from_dict",
    "from_json",
    "read_jsonl",
    "to_dict",
    "to_json",
    "write_jsonl",
]

T = TypeVar("T")

MAX_DOCUMENT_BYTES: Final = 16 * 1024 * 1024
"""The largest JSON document (or JSON Lines line) the parsers read: 16 MiB."""

VERSION_KEY: Final = "schema_version"

_CONVERTER: Final = make_converter()
# Its twin for JSON text: it only ever sees what orjson.loads made and only
# feeds orjson.dumps, so it may share equal sub-objects (see _make_converter).
_JSON: Final = _make_converter(share=True)


def converter() -> cattrs.Converter:
    """The converter shared by every coopmodel function.

    For advanced use: structure or unstructure a class or a field type the
    plain functions don't cover.  Don't register hooks on it; customise a
    copy instead (``converter().copy()``), which leaves coopmodel's own
    behaviour untouched.

    .. versionadded:: 0.1.0
    """
    return _CONVERTER


def _check_class(cls: object) -> None:
    if not (isinstance(cls, type) and attrs.has(cls)):
        raise TypeError(f"{cls!r} is not a coopmodel class")


def to_dict(obj: object) -> dict[str, Any]:
    """The JSON form of *obj* as plain dicts, lists, strings and numbers.

    The top-level object carries ``"schema_version"``.  Fields that hold
    their default are left out; equal objects give equal dicts, key order
    included.

    >>> import coopmodel
    >>> coopmodel.to_dict(coopmodel.Party.lookup("India"))
    {'schema_version': 1, 'kind': 'state', 'code': 'IND', 'name': 'India'}

    .. versionadded:: 0.1.0
    """
    _check_class(type(obj))
    return _unstructure(_CONVERTER, obj)


def _unstructure(converter: cattrs.Converter, obj: object) -> dict[str, Any]:
    """*obj*'s JSON form, led by the schema version."""
    writer = _WRITERS.get((converter, obj.__class__))
    if writer is None:
        writer = _WRITERS[converter, obj.__class__] = _writer(converter, obj.__class__)
    return writer(obj)  # type: ignore[no-any-return]


def _writer(converter: cattrs.Converter, cls: type) -> Callable[[object], Any]:
    writer: Callable[[object], Any] = head_writer(converter, cls, VERSION_KEY, SCHEMA_VERSION)
    return writer


#: Per converter and class: the function that writes a document.
_WRITERS: dict[tuple[cattrs.Converter, type], Callable[[object], Any]] = {}
#: Per converter and class: the function that reads a document's body, given the
#: document with its schema version.
_READERS: dict[tuple[cattrs.Converter, type], Callable[[dict[str, Any]], Any]] = {}


def _reader(converter: cattrs.Converter, cls: type) -> Callable[[dict[str, Any]], Any]:
    return document_reader(converter, cls, VERSION_KEY, SCHEMA_VERSION)


def from_dict(data: object, cls: type[T]) -> T:
    """Build a *cls* from its JSON form (as :func:`to_dict` writes it).

    Raises:
        ParseError: *data* is not a valid *cls*; it lists every problem.

    .. versionadded:: 0.1.0
    """
    _check_class(cls)
    return _from_data(_CONVERTER, data, cls, None)


def _from_data(converter: cattrs.Converter, data: object, cls: type[T], line: int | None) -> T:
    if data.__class__ is not dict:
        raise ParseError(
            (ErrorDetail("$", f"is {type_name(data)}, expected an object"),), line=line
        )
    version = data.get(VERSION_KEY, None)
    if version.__class__ not in (int, float) or version != SCHEMA_VERSION:
        message = (
            "is missing"
            if version is None and VERSION_KEY not in data
            else f"is {short_repr(version)}, but this release reads version {SCHEMA_VERSION}"
        )
        raise ParseError((ErrorDetail(f"$.{VERSION_KEY}", message),), line=line)
    reader = _READERS.get((converter, cls))
    if reader is None:
        reader = _READERS[converter, cls] = _reader(converter, cls)
    try:
        return reader(data)  # type: ignore[no-any-return]
    except Exception as error:  # noqa: BLE001 - every failure becomes a ParseError below
        problems = diagnose(_CONVERTER, _body(data), cls)
        if not problems:  # pragma: no cover - a fast-path failure the diagnosis did not see
            problems = [ErrorDetail("$", f"cannot be read: {error}")]
        raise ParseError(tuple(problems), line=line) from None


def _body(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != VERSION_KEY}


def to_json(obj: object) -> bytes:
    """The canonical JSON of *obj*, as UTF-8 bytes.

    Equal objects give byte-identical JSON, so it can be hashed and diffed.

    .. versionadded:: 0.1.0
    """
    _check_class(type(obj))
    return orjson.dumps(_unstructure(_JSON, obj))


def _loads(text: str | bytes | bytearray | memoryview, line: int | None) -> object:
    if not isinstance(text, str | bytes | bytearray | memoryview):
        raise TypeError(f"expected str or bytes, got {type(text).__name__}")
    size = len(text)
    if isinstance(text, str) and size * 4 > MAX_DOCUMENT_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_DOCUMENT_BYTES:
        raise ParseError(
            (ErrorDetail("$", f"is larger than the limit of {MAX_DOCUMENT_BYTES} bytes"),),
            line=line,
        )
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise ParseError((ErrorDetail("$", f"is not valid JSON: {error}"),), line=line) from None


def from_json(text: str | bytes | bytearray | memoryview, cls: type[T]) -> T:
    """Build a *cls* from JSON text or UTF-8 bytes.

    Reference data that recurs from document to document (a forum, a party,
    a ministry, a vocabulary area at a stage) is built once and the same
    immutable object is handed out again, which saves time and memory.

    Raises:
        ParseError: the text is not JSON, or not a valid *cls*; it lists every problem.

    .. versionadded:: 0.1.0
    """
    _check_class(cls)
    return _from_data(_JSON, _loads(text, None), cls, None)


_pause_lock: Final = threading.Lock()
_pause_state: dict[str, Any] = {"holders": 0, "was_enabled": False}


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Bulk loads allocate millions of small, acyclic objects, and the collector
    would walk them all again and again.  Pausing is safe across threads: the
    collector is switched back on when the last pauser leaves, if it was on
    when the first came.
    """
    with _pause_lock:
        if _pause_state["holders"] == 0:
            _pause_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _pause_state["holders"] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause_state["holders"] -= 1
            if _pause_state["holders"] == 0 and _pause_state["was_enabled"]:
                gc.enable()


_BATCH: Final = 512


def read_jsonl(
    fp: IO[bytes] | IO[str],
    cls: type[T],
    *,
    on_error: Callable[[ParseError], None] | None = None,
) -> Iterator[T]:
    """Read *cls* objects from JSON Lines, one document a line, lazily.

    Lines are read a batch at a time, so memory stays flat however large the
    file; blank lines are skipped.  The garbage collector is paused while a
    batch is built (never while your code runs between items).  Recurring
    reference data is shared between documents, as by :func:`~coopmodel.from_json`.

    Args:
        fp: A file opened in binary (preferred) or text mode.
        cls: The class of every document.
        on_error: Called with the :class:`ParseError` of a bad line, which is
            then skipped.  Without it the first bad line raises.

    Raises:
        ParseError: a line is not a valid *cls*; :attr:`ParseError.line` says which.

    .. versionadded:: 0.1.0
    """
    _check_class(cls)
    return _read_jsonl(fp, cls, on_error)


def _read_jsonl(
    fp: IO[bytes] | IO[str], cls: type[T], on_error: Callable[[ParseError], None] | None
) -> Iterator[T]:
    number = 0
    done = False
    while not done:
        batch: list[T] = []
        failure: ParseError | None = None
        with gc_paused():
            while len(batch) < _BATCH:
                try:
                    # The limit and the newline after it: a line may hold a document
                    # of exactly MAX_DOCUMENT_BYTES, as from_json may.
                    raw = fp.readline(MAX_DOCUMENT_BYTES + 2)
                except UnicodeDecodeError as error:
                    # A text-mode file that is not UTF-8: its decoder cannot resync,
                    # so this is the last line read.
                    detail = ErrorDetail("$", f"is not valid UTF-8 text: {error.reason}")
                    failure = ParseError((detail,), line=number + 1)
                    done = True
                    break
                if not raw:
                    done = True
                    break
                number += 1
                if raw.isspace() and len(raw) <= MAX_DOCUMENT_BYTES + 1:  # blank (not: strip())
                    continue
                try:
                    batch.append(_read_line(fp, raw, cls, number))
                except ParseError as error:
                    failure = error
                    break
        yield from batch
        if failure is not None:
            if on_error is None:
                raise failure
            on_error(failure)


def _read_line(fp: IO[bytes] | IO[str], raw: str | bytes, cls: type[T], number: int) -> T:
    newline = b"\n" if isinstance(raw, bytes) else "\n"
    if len(raw) > MAX_DOCUMENT_BYTES and raw.endswith(newline):  # type: ignore[arg-type]
        raw = raw[:-1]  # a document of exactly the limit, and its newline
    if len(raw) > MAX_DOCUMENT_BYTES:
        rest = raw
        while rest and not rest.endswith(newline):  # type: ignore[arg-type]
            rest = fp.readline(MAX_DOCUMENT_BYTES)
        raise ParseError(
            (ErrorDetail("$", f"is larger than the limit of {MAX_DOCUMENT_BYTES} bytes"),),
            line=number,
        )
    return _from_data(_JSON, _loads(raw, number), cls, number)


def write_jsonl(objs: Iterable[object], fp: IO[bytes] | IO[str]) -> int:
    """Write each object as one line of canonical JSON; return how many were written.

    Args:
        objs: Any iterable; it is consumed lazily.
        fp: A file opened in binary (preferred) or text mode.

    .. versionadded:: 0.1.0
    """
    text_mode = isinstance(fp, io.TextIOBase)
    count = 0
    for obj in objs:
        _check_class(type(obj))
        line = orjson.dumps(_unstructure(_JSON, obj), option=orjson.OPT_APPEND_NEWLINE)
        fp.write(line.decode("utf-8") if text_mode else line)  # type: ignore[arg-type]
        count += 1
    return count
