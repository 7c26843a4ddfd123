"""What ``validate`` and ``summary`` share: the inputs, their records, the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from coopmodel import Meeting, ParseError, from_json
from coopmodel._cli._input import Input, Record, UnreadableError, input_of, records
from coopmodel._cli._terminal import Output, warn
from coopmodel._model import PUBLIC_CLASSES

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from typing import TextIO

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_TROUBLE", "Run"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_TROUBLE = 2


@attrs.define
class Run:
    """One run of ``validate`` or ``summary`` over its inputs.

    Attributes:
        out: Where the output goes.
        inputs: The inputs, in the order given.
        cls: The class every record is read as.
        type_given: Whether ``--type`` named *cls*; if not, a refused record
            is tried as the other classes, for a hint.
        valid: Records read so far.
        invalid: Records refused so far.
        unreadable: Inputs that could not be opened or read to the end.
    """

    out: Output
    inputs: tuple[Input, ...]
    cls: type
    type_given: bool
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0
    _current: Input | None = None
    _hinted: set[Input] = attrs.Factory(set)

    @classmethod
    def from_args(cls, args: argparse.Namespace, stdout: TextIO | None) -> Run:
        """The run the parsed command line asks for."""
        inputs = tuple(input_of(name, args.format) for name in args.files)
        return cls(Output(stdout), inputs, args.type or Meeting, args.type is not None)

    def records(self) -> Iterator[Record]:
        """Every record of every input, counted; an unreadable input is reported."""
        for source in self.inputs:
            self._current = source
            try:
                for record in records(source, self.cls):
                    if record.error is None:
                        self.valid += 1
                    else:
                        self.invalid += 1
                    yield record
            except UnreadableError as error:
                self.unreadable += 1
                self.warn_lines(f"coopmodel: {error}")

    def warn_lines(self, text: str) -> None:
        """Report *text* on standard error (after the output so far)."""
        self.out.flush()
        warn(text)

    def hint(self, record: Record) -> str | None:
        """Advice for the first refused record of each input, if there is any."""
        source = self._current
        if source is None or source in self._hinted or record.error is None:
            return None
        self._hinted.add(source)
        if record.guessed and _not_json(record.error):
            return (
                "standard input was read as one JSON document, as its first line is not "
                "a whole JSON value; use --format jsonl to read it as JSON Lines"
            )
        if not self.type_given and record.text:
            return _class_hint(record.text, self.cls)
        return None

    def status(self) -> int:
        """The exit status: trouble reading beats invalid records."""
        if self.unreadable:
            return EXIT_TROUBLE
        return EXIT_INVALID if self.invalid else EXIT_OK


def _not_json(error: ParseError) -> bool:
    return any(problem.message.startswith("is not valid JSON") for problem in error.errors)


def _class_hint(text: bytes, cls: type) -> str | None:
    fits = [other.__name__ for other in PUBLIC_CLASSES if other is not cls and _reads(text, other)]
    if not fits:
        return None
    return f"this is a valid {' or '.join(fits)}; use --type {fits[0]}"


def _reads(text: bytes, cls: type) -> bool:
    try:
        from_json(text, cls)
    except ParseError:
        return False
    return True
