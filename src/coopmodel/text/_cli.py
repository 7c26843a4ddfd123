"""``coopmodel extract FILE... [--evidence] [--published ISO] [--publisher NAME] [--with-file]``.

Writes one JSON line per meeting found, in Meeting's JSON form with what the
text does not give left out (nothing for a text with no meeting).  ``-``
reads standard input.  A file that cannot be read, or is binary or not
UTF-8, gets a one-line error on standard error and the exit status is 1;
the other files are still read.

The ``coopmodel`` command wires its ``extract`` subcommand to
:func:`add_arguments` and :func:`run`; ``python -m coopmodel.text._cli``
runs the same thing on its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

import orjson
import pendulum

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["FILE_KEY", "add_arguments", "main", "run"]

FILE_KEY: Final = "file"
"""The extra key ``--with-file`` adds to each line: the file's name as given."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``extract`` arguments to *parser*."""
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="news texts to read ('-' for stdin)"
    )
    parser.add_argument(
        "--evidence",
        action="store_true",
        help="add the character spans of every value under the key 'evidence'",
    )
    parser.add_argument(
        "--published",
        metavar="ISO",
        type=_instant,
        help="when the texts were published, e.g. 2025-08-06T21:38:00+05:30"
        " (resolves 'on Wednesday')",
    )
    parser.add_argument("--publisher", metavar="NAME", help="who published the texts")
    parser.add_argument(
        "--with-file", action="store_true", help=f"add the file name under the key {FILE_KEY!r}"
    )


def _instant(value: str) -> pendulum.DateTime:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not an ISO 8601 date and time, e.g. 2025-08-06T21:38:00+05:30"
        ) from None
    if parsed.tzinfo is None:
        raise argparse.ArgumentTypeError(f"{value!r} has no UTC offset: add one, e.g. +05:30 or Z")
    return pendulum.instance(parsed)


def _read(name: str, stdin: BinaryIO) -> str:
    """The text of *name*; raises ValueError with a one-line reason."""
    try:
        data = stdin.read() if name == "-" else Path(name).read_bytes()
    except OSError as error:
        raise ValueError(error.strerror or type(error).__name__) from None
    if b"\x00" in data:
        raise ValueError("binary data, not a text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def run(args: argparse.Namespace) -> int:
    """Read each file and write its meetings as JSON lines; return the exit status."""
    from coopmodel.text import extract  # noqa: PLC0415 - keep `coopmodel --help` light

    out = sys.stdout.buffer
    status = 0
    for name in args.files:
        try:
            text = _read(name, sys.stdin.buffer)
        except ValueError as error:
            print(f"coopmodel extract: {name}: {error}", file=sys.stderr)  # noqa: T201
            status = 1
            continue
        found = extract(text, published=args.published, publisher=args.publisher)
        for line in found.to_dicts(evidence=args.evidence):
            if args.with_file:
                line[FILE_KEY] = name
            out.write(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
    out.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``extract`` as a program of its own."""
    parser = argparse.ArgumentParser(
        prog="coopmodel extract", description="Read cooperation meetings out of news texts."
    )
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
