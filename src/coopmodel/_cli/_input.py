"""Reading the command's inputs: files and standard input, JSON or JSON Lines.

Nothing here reads more than it must.  A JSON document is read up to
``MAX_DOCUMENT_BYTES + 1`` bytes (a regular file larger than the limit is
refused from its size alone), and JSON Lines are read one line at a time, a
line longer than the limit being skipped in bounded chunks.  So ``/dev/zero``
or a sparse file of a terabyte costs at most one limit's worth of memory.

Standard input has no name to go by.  Unless ``--format`` says, its first
line that is not blank decides: a whole JSON value makes it JSON Lines (one
document on one line is the same thing), anything else (``{`` opening a
document written over many lines) makes it one JSON document.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import IO, TYPE_CHECKING, Final, Literal

import attrs
import orjson

from coopmodel import MAX_DOCUMENT_BYTES, ErrorDetail, ParseError, from_json
from coopmodel._cli._terminal import show_path

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "JSON_LINES_SUFFIXES",
    "Format",
    "Input",
    "Record",
    "UnreadableError",
    "input_of",
    "records",
]

Format = Literal["json", "jsonl"]

#: The names read as JSON Lines; any other name is one JSON document.
JSON_LINES_SUFFIXES: Final = (".jsonl", ".ndjson")

_CHUNK: Final = 1 << 20
# A document of exactly the limit, a CR LF line ending, and one byte to tell.
_LINE: Final = MAX_DOCUMENT_BYTES + 3
_TOO_LARGE: Final = f"is larger than the limit of {MAX_DOCUMENT_BYTES} bytes"


class UnreadableError(Exception):
    """An input that cannot be opened or read.

    Attributes:
        name: The input as it can be shown.
        reason: What the system said.
    """

    def __init__(self, name: str, error: OSError) -> None:
        self.name = name
        self.reason = error.strerror or str(error)
        super().__init__(f"cannot read {name}: {self.reason}")


@attrs.frozen
class Input:
    """One input named on the command line.

    Attributes:
        name: The file name as given, or ``"-"`` for standard input.
        format: How it is read; ``None``: standard input, decided by its first line.
    """

    name: str
    format: Format | None

    @property
    def shown(self) -> str:
        """The name as it can be printed."""
        return show_path(self.name)


def input_of(name: str, given: Format | None) -> Input:
    """The :class:`Input` for *name*, read as *given* or as its name says."""
    if given is not None or name == "-":
        return Input(name, given)
    is_lines = name.lower().endswith(JSON_LINES_SUFFIXES)
    return Input(name, "jsonl" if is_lines else "json")


@attrs.frozen
class Record:
    """One document read, or the reason it could not be.

    Attributes:
        where: ``"file"`` for a JSON document, ``"file:line"`` for a line of JSON Lines.
        line: The line number in JSON Lines, else ``None``.
        value: The object built, or ``None``.
        error: Why no object could be built, or ``None``.
        text: The document's text when it was refused (for hints), else empty.
        guessed: Read as one document because standard input's first line was
            not a whole JSON value.
    """

    where: str
    line: int | None = None
    value: object = None
    error: ParseError | None = None
    text: bytes = b""
    guessed: bool = False


def records(source: Input, cls: type) -> Iterator[Record]:
    """Every record of *source* read as *cls*, in order.

    Raises:
        UnreadableError: *source* cannot be opened or read (records already
            yielded stand).
    """
    try:
        if source.name == "-":
            yield from _records(sys.stdin.buffer, source, cls)
        else:
            # A large buffer: skipping a long line goes seven times faster than with 8 KiB.
            with open(source.name, "rb", buffering=_CHUNK) as fp:  # noqa: PTH123 - a str name
                yield from _records(fp, source, cls)
    except OSError as error:
        raise UnreadableError(source.shown, error) from None


def _records(fp: IO[bytes], source: Input, cls: type) -> Iterator[Record]:
    if source.format == "json":
        yield _document(fp, source.shown, cls)
    elif source.format == "jsonl":
        yield from _lines(fp, source.shown, cls, 0)
    else:
        yield from _undecided(fp, source.shown, cls)


def _document(fp: IO[bytes], where: str, cls: type, head: bytes = b"") -> Record:
    """The one document of *fp*, after *head* (what was read of it already)."""
    if _regular_size(fp) > MAX_DOCUMENT_BYTES:
        return Record(where, error=_too_large(None))
    rest = MAX_DOCUMENT_BYTES + 1 - len(head)
    text = head + fp.read(rest) if rest > 0 else head
    if len(text) > MAX_DOCUMENT_BYTES:
        return Record(where, error=_too_large(None))
    return _parse(text, where, cls, None)


def _regular_size(fp: IO[bytes]) -> int:
    """The size of a regular file; 0 for a pipe, a device, a terminal or an in-memory file."""
    try:
        info = os.fstat(fp.fileno())
    except (OSError, ValueError):  # io.UnsupportedOperation: no file descriptor
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def _undecided(fp: IO[bytes], name: str, cls: type) -> Iterator[Record]:
    """JSON Lines if the first line that is not blank is a whole JSON value, else one document."""
    head = bytearray()
    number = 0
    while raw := fp.readline(_LINE):
        number += 1
        if len(head) <= MAX_DOCUMENT_BYTES:  # enough to tell it is too large
            head += raw
        if not _blank(raw):
            break
    if not raw:
        return  # nothing but blank lines
    if len(raw) > MAX_DOCUMENT_BYTES or _whole_json(raw):
        yield from _lines(fp, name, cls, number - 1, first=raw)
    else:
        record = _document(fp, name, cls, bytes(head))
        yield attrs.evolve(record, guessed=True)


def _whole_json(text: bytes) -> bool:
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    return True


def _lines(
    fp: IO[bytes], name: str, cls: type, number: int, first: bytes | None = None
) -> Iterator[Record]:
    """The records of JSON Lines, after *number* lines; *first* is the next line if read."""
    while raw := (first if first is not None else fp.readline(_LINE)):
        first = None
        number += 1
        where = f"{name}:{number}"
        text = raw.removesuffix(b"\n").removesuffix(b"\r")
        if len(text) > MAX_DOCUMENT_BYTES:
            if not raw.endswith(b"\n"):
                _skip_line(fp)
            yield Record(where, number, error=_too_large(number))
        elif not _blank(text):
            yield _parse(text, where, cls, number)


def _blank(text: bytes) -> bool:
    """Whether a line is empty or white space only (such lines are skipped)."""
    return not text or text.isspace()


def _skip_line(fp: IO[bytes]) -> None:
    while chunk := fp.readline(_CHUNK):
        if chunk.endswith(b"\n"):
            return


def _parse(text: bytes, where: str, cls: type, line: int | None) -> Record:
    try:
        return Record(where, line, value=from_json(text, cls))
    except ParseError as error:
        return Record(where, line, error=ParseError(error.errors, line=line), text=text)


def _too_large(line: int | None) -> ParseError:
    return ParseError((ErrorDetail("$", _TOO_LARGE),), line=line)
