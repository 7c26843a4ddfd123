"""Sets of character spans, asked "is this position inside one?" in logarithmic time."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["SpanSet"]


class SpanSet:
    """Spans ``(start, end)``; overlapping ones are merged.

    >>> spans = SpanSet([(5, 10), (0, 2), (8, 12)])
    >>> [spans.covers(p) for p in (1, 2, 7, 11, 12)]
    [True, False, True, True, False]
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for start, end in sorted(spans):
            if end <= start:
                continue
            if ends and start <= ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def covers(self, position: int) -> bool:
        """Whether *position* lies inside one of the spans."""
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]
