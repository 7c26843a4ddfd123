"""How a refused record is reported: where, and each problem with its JSON path."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from coopmodel._cli._input import Record

__all__ = ["report_problems"]


def report_problems(write: Callable[[str], None], record: Record, hint: str | None) -> None:
    """Write where *record* is and every problem of it, then *hint* if any.

    One problem takes one line, ``file:3: $.title: is missing``; several take
    a line each under ``file:3: 2 problems:``.
    """
    problems = record.error.errors if record.error is not None else ()
    if len(problems) == 1:
        write(f"{record.where}: {problems[0].path}: {problems[0].message}")
    else:
        write(f"{record.where}: {len(problems)} problems:")
        for problem in problems:
            write(f"  {problem.path}: {problem.message}")
    if hint is not None:
        write(f"  hint: {hint}")
