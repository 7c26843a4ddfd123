"""What the command writes: text made safe for a terminal, and output errors told apart.

Everything the command prints comes from documents it did not write (titles,
names, error messages that quote values) or from file names.  A newline in a
title would fake a line of output; an ANSI or OSC escape sequence would change
the terminal (colours, title, hyperlinks, even the clipboard); a bidi control
such as U+202E would reorder what is shown.  :func:`escape` turns each such
character into a visible backslash sequence, and :class:`Output` applies it to
every line, so no caller can forget.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["Output", "OutputClosedError", "OutputError", "escape", "show_path", "warn"]

_NAMED: Final = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

#: The bidi controls (embeddings, overrides, isolates, marks) and the Unicode
#: line and paragraph separators, which some terminals treat as new lines.
_FORMAT_CONTROLS: Final = (
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x200E,
    0x200F,
    0x061C,
    0x2028,
    0x2029,
)


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0x20), *range(0x7F, 0xA0)):  # C0, DEL and C1
        char = chr(code)
        table[code] = _NAMED.get(char, f"\\x{code:02x}")
    for code in (*_FORMAT_CONTROLS, *range(0xD800, 0xE000)):  # and lone surrogates
        table[code] = f"\\u{code:04x}"
    return table


_TABLE: Final = _table()


def escape(text: str) -> str:
    r"""*text* with every control, bidi and separator character shown as an escape.

    Backslashes are left as they are, so ordinary text stays readable.

    >>> escape("Talks\n\x1b[2Jend \u202egnp.exe")
    'Talks\\n\\x1b[2Jend \\u202egnp.exe'
    """
    return text.translate(_TABLE)


def show_path(name: str) -> str:
    r"""A file name as it can be shown: undecodable bytes as ``\xff``, controls escaped.

    >>> show_path("caf\udce9.json")
    'caf\\xe9.json'
    """
    if name == "-":
        return "<stdin>"
    try:
        raw = os.fsencode(name)
    except UnicodeError:  # pragma: no cover - only where the file system encoding is strict
        return escape(name)
    return escape(raw.decode("utf-8", "backslashreplace"))


class OutputClosedError(Exception):
    """The reader of the output has gone away (a broken pipe)."""


class OutputError(Exception):
    """The output cannot be written (disk full, I/O error...).

    Attributes:
        reason: What the system said, e.g. ``"No space left on device"``.
    """

    def __init__(self, error: OSError) -> None:
        self.reason = error.strerror or str(error)
        super().__init__(self.reason)


class Output:
    """Standard output, one escaped line at a time.

    A failing write raises :class:`OutputClosedError` or :class:`OutputError`,
    never a bare :class:`OSError` that a caller reading files could take for
    its own.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    def line(self, text: str = "") -> None:
        """Write *text*, escaped, and a newline."""
        self._write(escape(text) + "\n")

    def raw(self, data: bytes) -> None:
        """Write *data* as it is: for output coopmodel made itself, such as JSON."""
        self.flush()
        try:
            self._open().buffer.write(data)
        except OSError as error:
            raise _output_error(error) from None

    def flush(self) -> None:
        """Write out what is buffered."""
        try:
            self._open().flush()
        except OSError as error:
            raise _output_error(error) from None

    def _write(self, text: str) -> None:
        try:
            self._open().write(text)
        except OSError as error:
            raise _output_error(error) from None

    def _open(self) -> TextIO:
        """The stream; Python sets ``sys.stdout`` to ``None`` when descriptor 1 was closed."""
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return self._stream


def _output_error(error: OSError) -> Exception:
    if isinstance(error, BrokenPipeError):
        return OutputClosedError()
    return OutputError(error)


def warn(text: str) -> None:
    """Write *text*, escaped, to standard error; a failure there is ignored."""
    try:
        sys.stderr.write(escape(text) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # nowhere left to tell
        pass
