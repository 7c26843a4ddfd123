"""``coopmodel validate``: every problem of every record, then the counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopmodel._cli._report import report_problems

if TYPE_CHECKING:
    from coopmodel._cli._run import Run

__all__ = ["run_validate"]


def run_validate(run: Run) -> int:
    """Check every record of every input; return the exit status."""
    for record in run.records():
        if record.error is not None:
            report_problems(run.out.line, record, run.hint(record))
    run.out.line(_counts(run))
    return run.status()


def _counts(run: Run) -> str:
    """``3 valid and 2 invalid Meeting records in 2 files``, and what could not be read."""
    total = run.valid + run.invalid
    files = len(run.inputs)
    text = (
        f"{run.valid} valid and {run.invalid} invalid {run.cls.__name__} "
        f"{_plural(total, 'record')} in {files} {_plural(files, 'file')}"
    )
    if run.unreadable:
        text += f"; {run.unreadable} {_plural(run.unreadable, 'file')} could not be read"
    return text


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
