"""The one exception type of the parsers."""

from __future__ import annotations

from typing import Final

import attrs

__all__ = ["ErrorDetail", "ParseError"]

_SHOWN: Final = 20


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


class ParseError(ValueError):
    """A document that coopmodel cannot read, with every problem found in it.

    Every parser of coopmodel (:func:`~coopmodel.from_dict`,
    :func:`~coopmodel.from_json`, :func:`~coopmodel.read_jsonl`) raises this and
    nothing else for bad input, and never returns a half-built object.

    Attributes:
        errors: Each problem, with its JSONPath, in document order.
        line: For JSON Lines, the 1-based line number of the document.

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

    def __init__(self, errors: tuple[ErrorDetail, ...], *, line: int | None = None) -> None:
        self.errors = errors
        self.line = line
        super().__init__(self._message())

    def _message(self) -> str:
        where = "the document" if self.line is None else f"line {self.line}"
        count = len(self.errors)
        if count == 1:
            return f"{where}: {self.errors[0]}"
        shown = "".join(f"\n  {error}" for error in self.errors[:_SHOWN])
        more = f"\n  ... and {count - _SHOWN} more" if count > _SHOWN else ""
        return f"{count} problems in {where}:{shown}{more}"

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.errors, self.line))


def _rebuild(errors: tuple[ErrorDetail, ...], line: int | None) -> ParseError:
    return ParseError(errors, line=line)
