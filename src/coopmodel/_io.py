"""The plain functions: dicts, JSON and JSON Lines, all through the one converter."""

from __future__ import annotations

import bisect
import codecs
import contextlib
import gc
import io
import itertools
import os
import select
import stat
import threading
from typing import IO, TYPE_CHECKING, Any, Final, TypeVar

import orjson

from coopmodel._converter import (
    SCHEMA_VERSION,
    _make_converter,
    diagnose,
    document_reader,
    head_writer,
    make_converter,
    sharing_of,
)
from coopmodel._errors import ErrorDetail, ParseError
from coopmodel._migrations import migrate
from coopmodel._model._checks import type_name
from coopmodel._model._registry import PUBLIC_CLASSES

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
_SHARED: Final = sharing_of(_JSON)


def _writing() -> cattrs.Converter:
    """The converter that writes JSON text: the sharing one only while it keeps something.

    With nothing kept, it would write what the plain one writes, after a
    lookup for every reference object that cannot find anything: where
    nothing recurs, writing costs what it costs without sharing.
    """
    return _JSON if _SHARED is not None and _SHARED.entries else _CONVERTER


def converter() -> cattrs.Converter:
    """The converter shared by every coopmodel function.

    For advanced use: structure or unstructure a class or a field type the
    plain functions don't cover.  Don't register hooks on it; customise a
    copy instead (``converter().copy()``), which leaves coopmodel's own
    behaviour untouched.

    .. versionadded:: 0.1.0
    """
    return _CONVERTER


#: The classes the plain functions read and write: coopmodel's public classes
#: only (not their subclasses, nor other attrs classes), so the converters never
#: build and keep hooks for a throwaway class.
_ACCEPTED: Final = frozenset(PUBLIC_CLASSES)


def _check_class(cls: object) -> None:
    try:
        accepted = cls in _ACCEPTED
    except TypeError:  # unhashable: not a class at all
        accepted = False
    if not accepted:
        known = ", ".join(public.__name__ for public in PUBLIC_CLASSES)
        raise TypeError(f"{cls!r} is not a coopmodel class; expected one of {known}")


def to_dict(obj: object) -> dict[str, Any]:
    """The JSON form of *obj* as plain dicts, lists, strings and numbers.

    The top-level object carries ``"schema_version"``.  Fields that hold
    their default are left out; equal objects give equal dicts, key order
    included.

    >>> import coopmodel
    >>> coopmodel.to_dict(coopmodel.Party.lookup("India"))
    {'schema_version': 1, 'kind': 'state', 'code': 'IND', 'name': 'India'}

    Raises:
        TypeError: *obj* is not an instance of one of coopmodel's public classes.

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
        TypeError: *cls* is not one of coopmodel's public classes.

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
        # An older version goes through the migrations; anything else is refused there.
        data = migrate(data, line=line)
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

    Raises:
        TypeError: *obj* is not an instance of one of coopmodel's public classes.

    .. versionadded:: 0.1.0
    """
    _check_class(type(obj))
    return orjson.dumps(_unstructure(_writing(), obj))


def _loads(text: str | bytes | bytearray | memoryview, line: int | None) -> object:
    if not isinstance(text, str | bytes | bytearray | memoryview):
        raise TypeError(f"expected str or bytes, got {type(text).__name__}")
    # Bytes, not items: a memoryview of 8-byte items holds 8 bytes an item, and
    # orjson reads its bytes.
    size = text.nbytes if isinstance(text, memoryview) else len(text)
    if isinstance(text, str) and size * 4 > MAX_DOCUMENT_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_DOCUMENT_BYTES:
        raise _too_large(line)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as error:
        message = _not_utf8(text) or f"is not valid JSON: {error}"
        raise ParseError((ErrorDetail("$", message),), line=line) from None


def _not_utf8(text: str | bytes | bytearray | memoryview) -> str | None:
    """What is wrong with the encoding of *text*, if its bytes are not UTF-8."""
    if isinstance(text, str):
        return None
    try:
        codecs.decode(text, "utf-8")
    except UnicodeDecodeError as error:
        return (
            f"is not valid JSON: it is not valid UTF-8 text ({error.reason} at byte {error.start})"
        )
    except (TypeError, ValueError, BufferError):  # a view orjson cannot read either
        return None
    return None


def from_json(text: str | bytes | bytearray | memoryview, cls: type[T]) -> T:
    """Build a *cls* from JSON text or UTF-8 bytes.

    Reference data that recurs from document to document (a forum, a party,
    a ministry, a vocabulary area at a stage) is built once and the same
    immutable object is handed out again, which saves time and memory.

    Raises:
        ParseError: the text is larger than :data:`MAX_DOCUMENT_BYTES` (counted
            in bytes, whatever the item size of a ``memoryview``), is not UTF-8,
            is not JSON, or is not a valid *cls*; it lists every problem.
        TypeError: *cls* is not one of coopmodel's public classes.

    .. versionadded:: 0.1.0
    """
    _check_class(cls)
    return _from_data(_JSON, _loads(text, None), cls, None)


class _Pause:
    """The state of the collector's pause in this process (see :func:`gc_paused`)."""

    __slots__ = ("epoch", "holders", "lock", "was_enabled")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.holders = 0  # the pauses open now
        self.was_enabled = False  # whether the collector was on when the first began
        self.epoch = 0  # one more in each forked child: pauses of the parent end there as no-ops


_PAUSE: Final = _Pause()


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects.

    Bulk loads allocate millions of small, acyclic objects, and the collector
    would walk them all again and again.  The pause is process-wide, so keep
    it short and never block inside it (``read_jsonl`` pauses only while it
    builds objects from lines it has already read).  Pausing is safe across
    threads: the collector is switched back on when the last pauser leaves, if
    it was on when the first came.  A process forked while a pause is open
    gets its collector back at once (the threads that paused it did not
    follow), and leaving a pause entered before the fork does nothing there.
    """
    pause = _PAUSE
    with pause.lock:
        if pause.holders == 0:
            pause.was_enabled = gc.isenabled()
            gc.disable()
        pause.holders += 1
        epoch = pause.epoch
    try:
        yield
    finally:
        with pause.lock:
            if pause.epoch == epoch:
                pause.holders -= 1
                if pause.holders == 0 and pause.was_enabled:
                    gc.enable()


def _after_fork_in_child() -> None:
    pause = _PAUSE
    pause.lock = threading.Lock()  # another thread may have held it at the fork
    if pause.holders and pause.was_enabled:
        gc.enable()
    pause.holders = 0
    pause.epoch += 1


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)


_BATCH_LINES: Final = 512
"""A batch (the objects built under one pause of the collector) holds at most this many lines..."""
_BATCH_BYTES: Final = 1024 * 1024
"""... and at most this many bytes of input, or one line if it is longer."""
_READ_SIZE: Final = 1024 * 1024
"""The most read from the file at once."""
_BLANK: Final = b" \t\r"
"""The JSON whitespace a line can hold: a line of only these is blank."""
_SLACK: Final = len(codecs.BOM_UTF8) + 1
"""What a line may hold besides its document: a byte order mark (line 1) and a "\\r"."""


def read_jsonl(
    fp: IO[bytes] | IO[str],
    cls: type[T],
    *,
    on_error: Callable[[ParseError], None] | None = None,
    freeze: bool = False,
) -> Iterator[T]:
    r"""Read *cls* objects from JSON Lines, one document a line, lazily.

    The line rule, the same for binary and text files: a line ends at "\n"
    (or at the end of the input), and one "\r" just before that end is
    dropped; nothing else ends a line ("\r" alone, U+2028, U+0085, "\x0c"
    do not).  A UTF-8 byte order mark at the start is skipped.  A line of
    only spaces, tabs and "\r" is blank and skipped; any other line is one
    document, read as by :func:`~coopmodel.from_json`, and a bad line (not
    UTF-8, not JSON, longer than :data:`~coopmodel.MAX_DOCUMENT_BYTES`
    whatever it holds, not a valid *cls*) is an error for that line only:
    the next line is read as if the bad one were fine.

    Lines are read and built a batch at a time: at most 512 lines and 1 MiB
    of input (or one longer line) a batch.  The garbage collector is paused
    only while a batch is built from lines already read, never during a read
    and never while your code runs between items.  A batch is handed out
    before any read that may wait for a writer (a pipe, a socket, a
    terminal), so a slow source never holds back a document already read.
    Recurring reference data is shared between documents, as by
    :func:`~coopmodel.from_json`.

    Args:
        fp: A file opened in binary mode (preferred), a UTF-8 text file
            (its bytes are read, so its newline translation does not apply),
            or another text file (read through its text layer: with
            ``newline=None``, the default of ``open()``, a lone "\r" ends a
            line there, and a byte its decoder refuses ends the read).  A
            UTF-8 text file already read from counts as another text file.
            It may be read ahead of the last item taken, by up to 1 MiB.
        cls: The class of every document: one of coopmodel's public classes.
        on_error: Called with the :class:`ParseError` of a bad line, which is
            then skipped.  Without it the first bad line raises.
        freeze: Move everything the process holds into the collector's
            permanent generation (``gc.freeze()``) after each batch.  For
            loads that keep every object: later collections no longer walk
            what was read, so the cost per document stays flat as the load
            grows.  Frozen objects are never collected, even when dropped,
            until ``gc.unfreeze()``.

    Raises:
        ParseError: a line is not a valid *cls*; :attr:`ParseError.line` says which.
        TypeError: *cls* is not one of coopmodel's public classes.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.1.0
        *freeze*; the line rule; batches bounded in bytes.
    """
    _check_class(cls)
    return _read_jsonl(fp, cls, on_error, freeze=freeze)


def _read_jsonl(
    fp: IO[bytes] | IO[str],
    cls: type[T],
    on_error: Callable[[ParseError], None] | None,
    *,
    freeze: bool,
) -> Iterator[T]:
    for first, batch in _line_batches(fp):
        with gc_paused():
            built, failed = _build(batch, first, cls)
        batch.clear()  # the lines are built: let them go
        if freeze:
            gc.freeze()
        if not failed:
            yield from built  # type: ignore[misc]
            continue
        for item in built:
            if isinstance(item, ParseError):
                if on_error is None:
                    raise item
                on_error(item)
            else:
                yield item


def json_lines(fp: IO[bytes] | IO[str]) -> Iterator[tuple[int, object]]:
    """The JSON value of each line of *fp* with its line number, by :func:`read_jsonl`'s line rule.

    For readers of other JSON Lines formats (PLOVER records): the same line
    rule, limits and errors as :func:`read_jsonl`, without building any
    class.  Blank lines are skipped.

    Raises:
        ParseError: a line is not UTF-8, not JSON or too long; its ``line`` says which.
    """
    for first, batch in _line_batches(fp):
        for number, line in enumerate(batch, first):
            if not isinstance(line, bytes):
                raise line
            if line.strip(_BLANK):
                yield number, _loads(line, number)
        batch.clear()


def json_array(data: bytes, *, limit: int = MAX_DOCUMENT_BYTES) -> list[Any]:
    """*data*, a file's bytes that hold one JSON array, read whole: at most *limit* bytes.

    Raises:
        ParseError: *data* is longer than *limit*, not UTF-8 or not JSON.
    """
    if len(data) > limit:
        message = f"is a JSON array larger than {limit} bytes; write it as JSON Lines"
        raise ParseError((ErrorDetail("$", message),))
    value = _loads(data, None)
    assert isinstance(value, list)  # noqa: S101 - callers pass text that opens an array
    return value


def _build(batch: list[_Line], first: int, cls: type[T]) -> tuple[list[T | ParseError], bool]:
    """The object (or error) of each line of *batch*, numbered from *first*; whether any failed."""
    build, loads, json = _from_data, _loads, _JSON
    built: list[T | ParseError] = []
    failed = False
    for number, line in enumerate(batch, first):
        if isinstance(line, bytes):
            try:
                built.append(build(json, loads(line, number), cls, number))
            except ParseError as error:
                if line.strip(_BLANK):
                    built.append(error)
                    failed = True
                # else: a blank line, refused by orjson and left out
        else:  # its error, found while reading
            built.append(line)
            failed = True
    return built, failed


_Line = bytes | ParseError
"""A line as a batch holds it: its document's bytes, or its error found while reading."""


def _line_batches(fp: IO[bytes] | IO[str]) -> Iterator[tuple[int, list[_Line]]]:
    """The lines of *fp* by the line rule (see :func:`read_jsonl`), a batch at a time.

    Each batch comes with the number of its first line; blank lines are in
    it (the builder leaves them out).  A batch is handed over when it is
    full, at the end, and before a read that may wait for a writer.
    """
    read, may_wait = _reading(fp)
    lines = _Lines()
    batches = _Batches()
    while True:
        if batches.lines and may_wait is not None and may_wait():
            yield batches.take()
        try:
            chunk = read(_READ_SIZE)
        except UnicodeDecodeError as error:  # a text layer's decoder: it cannot resume
            number = lines.number + 1
            yield from batches.add(number, [_undecodable(error, number)], plain=False)
            break
        if chunk.__class__ is not bytes:
            chunk = _as_bytes(chunk)
        number, ended = lines.number + 1, not chunk
        cut = lines.end() if ended else lines.cut(chunk)
        del chunk  # its lines are copies
        yield from batches.add(number, cut, plain=lines.plain)
        if ended:
            break
    if batches.lines:
        yield batches.take()


class _Batches:
    """Gathers lines into batches of at most _BATCH_LINES lines and _BATCH_BYTES bytes.

    A batch holds one line at least, however long.
    """

    __slots__ = ("first", "held", "lines")

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.first = 1  # the number of the first line
        self.held = 0  # the bytes of the lines

    def take(self) -> tuple[int, list[_Line]]:
        batch = self.first, self.lines
        self.lines, self.held = [], 0
        return batch

    def add(
        self, number: int, cut: list[_Line], *, plain: bool
    ) -> Iterator[tuple[int, list[_Line]]]:
        """Add *cut*, lines numbered from *number*; hand out each batch they fill."""
        max_lines, max_bytes = _BATCH_LINES, _BATCH_BYTES
        # Where each line ends, counted in bytes from the first: in C when all are bytes.
        sizes = map(len, cut) if plain else map(_cost, cut)  # type: ignore[arg-type]
        ends = list(itertools.accumulate(sizes))
        start, count = 0, len(cut)
        while start < count:
            if not self.lines:
                self.first = number + start
            # As many lines as there is room for, in lines and in bytes; one at least.
            before = ends[start - 1] if start else 0
            stop = min(count, start + max_lines - len(self.lines))
            stop = bisect.bisect_right(ends, before + max_bytes - self.held, start, stop)
            if stop == start and not self.lines:
                stop = start + 1
            self.lines += cut[start:stop]
            cut[start:stop] = itertools.repeat(b"", stop - start)  # the batch holds them now
            self.held += ends[stop - 1] - before if stop > start else 0
            start = stop
            if start < count or len(self.lines) >= max_lines or self.held >= max_bytes:
                yield self.take()


def _cost(line: _Line) -> int:
    return len(line) if isinstance(line, bytes) else 0


class _Lines:
    """Cuts a stream of bytes into lines by the line rule.

    Lines longer than the limit come as their :class:`ParseError`; of such a
    line, only the length is kept while it is read.
    """

    __slots__ = ("head", "head_size", "number", "plain")

    def __init__(self) -> None:
        self.number = 0  # the lines cut so far
        self.head: list[bytes] = []  # the start of a line that goes on in the next chunk...
        self.head_size = 0  # ... and its length, counted on when it is too long to keep
        self.plain = True  # the last cut holds bytes only

    def cut(self, chunk: bytes) -> list[_Line]:
        """The lines that *chunk* ends, and keep the start of the next."""
        limit = MAX_DOCUMENT_BYTES
        straddle = chunk[:1] == b"\n"  # a "\r" at the end of the head is before a "\n"
        if b"\r" in chunk:
            chunk = chunk.replace(b"\r\n", b"\n")
        cut: list[_Line] = chunk.split(b"\n")  # type: ignore[assignment]
        rest: bytes = cut.pop()  # type: ignore[assignment]
        self.plain = True
        if cut:
            number = self.number + 1
            self.number += len(cut)
            if self.head_size or number == 1:
                cut[0] = self._first(cut[0], number, straddle=straddle)  # type: ignore[arg-type]
            if len(chunk) > limit:  # a line of this chunk may be too long
                cut = [
                    line if not isinstance(line, bytes) or len(line) <= limit else _too_large(n)
                    for n, line in enumerate(cut, number)
                ]
                self.plain = False
            elif not isinstance(cut[0], bytes):
                self.plain = False
        if rest:
            self.head_size += len(rest)
            if self.head_size <= limit + _SLACK:
                self.head.append(rest)
            else:
                self.head = []  # too long: count it, keep none of it
        return cut

    def end(self) -> list[_Line]:
        """The last line, if the input does not end with a newline."""
        if not self.head_size:
            return []
        self.number += 1
        line = self._first(b"", self.number, straddle=False, last=True)
        self.plain = isinstance(line, bytes)
        return [line]

    def _first(self, piece: bytes, number: int, *, straddle: bool, last: bool = False) -> _Line:
        """Line *number*: the head (if any) and *piece*, the rule applied at its ends."""
        size, head = self.head_size + len(piece), self.head
        self.head, self.head_size = [], 0
        if size > MAX_DOCUMENT_BYTES + _SLACK:
            return _too_large(number)
        line = b"".join(head) + piece if head else piece
        if (straddle or last) and line[-1:] == b"\r":  # "\r" then "\n" in the next chunk
            line = line[:-1]
        if number == 1 and line[:3] == codecs.BOM_UTF8:
            line = line[3:]
        return line if len(line) <= MAX_DOCUMENT_BYTES else _too_large(number)


def _too_large(line: int | None) -> ParseError:
    detail = ErrorDetail("$", f"is larger than the limit of {MAX_DOCUMENT_BYTES} bytes")
    return ParseError((detail,), line=line)


def _undecodable(error: UnicodeDecodeError, line: int) -> ParseError:
    name = "UTF-8" if codecs.lookup(error.encoding).name == "utf-8" else error.encoding
    message = f"is not valid {name} text: {error.reason} (its text layer cannot read on)"
    return ParseError((ErrorDetail("$", message),), line=line)


def _as_bytes(piece: object) -> bytes:
    """What a file's read returned, as bytes: text is encoded as UTF-8."""
    if isinstance(piece, str):
        # Lone surrogates (errors="surrogateescape") stay lone: that line is refused.
        return piece.encode("utf-8", "surrogatepass")
    if isinstance(piece, bytes | bytearray | memoryview):
        return bytes(piece)
    raise TypeError(f"reading the file gave {type_name(piece)}, expected bytes or str")


def _reading(fp: IO[bytes] | IO[str]) -> tuple[Callable[[int], object], Callable[[], bool] | None]:
    """How to read *fp*, and how to tell whether its next read may wait for a writer.

    The read function returns what is there, up to the size asked, with at
    most one read from the system when something is there: ``read1`` of a
    buffered file, ``read`` of a raw one, or else ``readline``.
    """
    source: object = fp
    if isinstance(fp, io.TextIOWrapper):
        source = _utf8_bytes_under(fp) or fp
    read = getattr(source, "read1", None)
    if read is None:
        read = source.read if isinstance(source, io.RawIOBase) else source.readline  # type: ignore[attr-defined]
    waits_on = source
    if isinstance(source, io.TextIOWrapper):  # its text layer waits when its bytes do
        with contextlib.suppress(ValueError):
            waits_on = source.buffer
    return read, _wait_check(waits_on)


def _utf8_bytes_under(fp: io.TextIOWrapper) -> IO[bytes] | None:
    """The binary file under a UTF-8 text file whose text layer has read nothing yet."""
    try:
        if codecs.lookup(fp.encoding).name not in {"utf-8", "utf-8-sig"}:
            return None
        # Refused once the text layer has decoded something: its bytes are then
        # read ahead of its text, and only the text layer can go on.
        fp.reconfigure(encoding=fp.encoding, errors=fp.errors)
        buffer: IO[bytes] = fp.buffer  # type: ignore[assignment]
    except (AttributeError, LookupError, OSError, ValueError):
        return None
    return buffer


def _wait_check(source: object) -> Callable[[], bool] | None:
    """Whether the next read of *source* may wait for a writer.

    None if it never does (memory, a regular file); else a function that
    says whether it may now.
    """
    if isinstance(source, io.BytesIO | io.StringIO):
        return None
    try:
        fd = source.fileno()  # type: ignore[attr-defined]
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return None
    except (AttributeError, OSError, ValueError):
        return _may_always_wait

    def may_wait() -> bool:
        try:
            ready, _, _ = select.select([fd], [], [], 0)
        except (OSError, ValueError):  # a descriptor select cannot watch
            return True
        return not ready

    return may_wait


def _may_always_wait() -> bool:
    return True


def write_jsonl(objs: Iterable[object], fp: IO[bytes] | IO[str]) -> int:
    r"""Write each object as one line of canonical JSON; return how many were written.

    Each line ends with "\n" (a text file may write it as "\r\n", which
    :func:`read_jsonl` reads alike).  Strings are written as UTF-8, U+2028
    and U+0085 included: they do not end a line.

    Args:
        objs: Any iterable; it is consumed lazily.
        fp: A file opened in binary mode (preferred) or a UTF-8 text file.

    Raises:
        TypeError: an object is not an instance of one of coopmodel's public
            classes; the lines before it are written.

    .. versionadded:: 0.1.0
    """
    text_mode = isinstance(fp, io.TextIOBase)
    count = 0
    for obj in objs:
        _check_class(type(obj))
        line = orjson.dumps(_unstructure(_writing(), obj), option=orjson.OPT_APPEND_NEWLINE)
        fp.write(line.decode("utf-8") if text_mode else line)  # type: ignore[arg-type]
        count += 1
    return count
