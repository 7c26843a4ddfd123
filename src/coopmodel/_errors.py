"""The one exception type of the parsers."""

from __future__ import annotations

from typing import Final

import attrs

__all__ = ["MAX_PROBLEMS", "ErrorDetail", "Omitted", "ParseError"]

_SHOWN: Final = 20

MAX_PROBLEMS: Final = 100
"""The most problems a :class:`ParseError` lists; it counts the rest in :attr:`ParseError.more`."""


@attrs.frozen
class ErrorDetail:
    """One problem in a document: where, and what is wrong.

    Attributes:
        path: A JSONPath to the offending value, e.g. ``"$.forum.parties[1].code"``.
        message: What is wrong, e.g. ``"'XX' is not an ISO 3166-1 alpha-3 code"``.

    .. versionadded:: 0.1.0
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@attrs.frozen
class Omitted(ErrorDetail):
    """How many problems a diagnosis found beyond those it lists (private).

    It ends a list of problems handed to :class:`ParseError`, which takes it
    out and keeps its count as :attr:`ParseError.more`.

    Attributes:
        count: How many problems were not listed.
        exact: Whether *count* is all of them (else the search stopped there).
    """

    count: int = 0
    exact: bool = True

    @classmethod
    def of(cls, count: int, *, exact: bool) -> Omitted:
        """The record for *count* problems not listed."""
        more = f"{'at least ' if not exact else ''}{count} more problems"
        return cls("$", more, count, exact)


class ParseError(ValueError):
    """A document that coopmodel cannot read, with every problem found in it.

    Every parser of coopmodel (:func:`~coopmodel.from_dict`,
    :func:`~coopmodel.from_json`, :func:`~coopmodel.read_jsonl`) raises this and
    nothing else for bad input, and never returns a half-built object.

    At most :data:`MAX_PROBLEMS` problems are listed.  Beyond them, the
    parser only counts (and stops counting at ten times as many, so that a
    document of a million bad values costs no more than a good one).

    Attributes:
        errors: Each problem, with its JSONPath, in document order: at most
            :data:`MAX_PROBLEMS`.
        line: For JSON Lines, the 1-based line number of the document.
        more: How many more problems were found and not listed.
        counted_all: Whether :attr:`more` counts every other problem; if not,
            there are at least that many more.

    >>> import coopmodel
    >>> try:
    ...     coopmodel.from_json('{"schema_version": 1, "kind": "state", "code": "XX"}',
    ...                         coopmodel.Party)
    ... except coopmodel.ParseError as error:
    ...     print(error)
    2 problems in the document:
      $.name: is missing
      $.code: 'XX' is not an ISO 3166-1 alpha-3 code

    .. versionadded:: 0.1.0
    """

    errors: tuple[ErrorDetail, ...]
    line: int | None
    more: int
    counted_all: bool

    def __init__(
        self,
        errors: tuple[ErrorDetail, ...],
        *,
        line: int | None = None,
        more: int = 0,
        counted_all: bool = True,
    ) -> None:
        errors = tuple(errors)
        if errors and isinstance(errors[-1], Omitted):
            more += errors[-1].count
            counted_all = counted_all and errors[-1].exact
            errors = errors[:-1]
        if len(errors) > MAX_PROBLEMS:
            more += len(errors) - MAX_PROBLEMS
            errors = errors[:MAX_PROBLEMS]
        self.errors = errors
        self.line = line
        self.more = more
        self.counted_all = counted_all
        super().__init__(self._message())

    def _message(self) -> str:
        where = "the document" if self.line is None else f"line {self.line}"
        count = len(self.errors) + self.more
        if count == 1:
            return f"{where}: {self.errors[0]}"
        least = "" if self.counted_all else "at least "
        shown = "".join(f"\n  {error}" for error in self.errors[:_SHOWN])
        more = f"\n  ... and {least}{count - _SHOWN} more" if count > _SHOWN else ""
        return f"{least}{count} problems in {where}:{shown}{more}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.errors, self.line, self.more, self.counted_all))


def _rebuild(
    errors: tuple[ErrorDetail, ...], line: int | None, more: int = 0, counted_all: bool = True
) -> ParseError:
    return ParseError(errors, line=line, more=more, counted_all=counted_all)
