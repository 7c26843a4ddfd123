"""The PLOVER and JSON-LD formats of ``coopmodel convert``.

``plover`` reads and writes PLOVER event records, one JSON object a line
(:func:`coopmodel.plover.to_plover` and :func:`~coopmodel.plover.from_plover`);
a file that is one JSON array of records is read too.  ``jsonld`` writes
one JSON-LD document: the shipped context once, and every meeting's
schema.org ``Event`` in its ``@graph`` (:func:`coopmodel.jsonld.to_jsonld`).
Both stream; only a PLOVER file written as one JSON array is read whole.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any, Final

import orjson

from coopmodel import jsonld, plover
from coopmodel._errors import ErrorDetail, ParseError
from coopmodel._io import MAX_DOCUMENT_BYTES, json_array, json_lines

if TYPE_CHECKING:
    import pathlib
    from collections.abc import Callable, Iterable, Iterator

    from coopmodel._model import Meeting

__all__ = ["MAX_GROUP", "MAX_LINKS_CHECKED", "read_plover", "write_jsonld", "write_plover"]

_OPTIONS: Final = orjson.OPT_NON_STR_KEYS

#: The most records one meeting (one ``link``) may have in a PLOVER file.
MAX_GROUP: Final = 10_000

#: The PLOVER ``link`` values remembered to catch one meeting's records split
#: apart in a file (a bound on memory: about 100 bytes each).
MAX_LINKS_CHECKED: Final = 100_000


def write_plover(
    meetings: Iterable[Meeting], path: pathlib.Path, warn: Callable[[str], None]
) -> int:
    """Write *meetings* as PLOVER records, one a line; a cancelled meeting has none (said)."""
    count = 0
    with path.open("wb") as fp:
        for meeting in meetings:
            records = plover.to_plover(meeting)
            if not records:
                warn(
                    f"meeting {meeting.id!r}: {meeting.status.value}, so PLOVER has no event for it"
                )
            fp.writelines(orjson.dumps(r, option=_OPTIONS) + b"\n" for r in records)
            count += 1
    return count


def write_jsonld(
    meetings: Iterable[Meeting],
    path: pathlib.Path,
    warn: Callable[[str], None],  # noqa: ARG001 - nothing to warn of
) -> int:
    """Write *meetings* as one JSON-LD document: the context, then each meeting in ``@graph``."""
    count = 0
    with path.open("wb") as fp:
        fp.write(b'{"@context":' + orjson.dumps(jsonld.context()["@context"]) + b',"@graph":[')
        for meeting in meetings:
            node = jsonld.to_jsonld(meeting, inline_context=False)
            del node["@context"]  # the document's context applies
            fp.write((b",\n" if count else b"\n") + orjson.dumps(node))
            count += 1
        fp.write(b"\n]}\n")
    return count


def read_plover(path: pathlib.Path, warn: Callable[[str], None]) -> Iterator[Meeting]:
    """The meetings of a file of PLOVER records, saying what each record lacked.

    Records that share a ``link`` make one meeting.  In JSON Lines they must
    be on neighbouring lines (as :func:`~coopmodel.plover.to_plover` writes
    them); a link seen again further on is an error naming both lines, for
    the first :data:`MAX_LINKS_CHECKED` links.  A meeting has at most
    :data:`MAX_GROUP` records.
    """
    with path.open("rb") as fp:
        start = fp.read(64).lstrip()
        fp.seek(0)
        if start.startswith(b"["):  # one array: read whole, grouped by link anywhere
            result = plover.from_plover(json_array(fp.read(MAX_DOCUMENT_BYTES + 1)))
            for problem in result.problems:
                warn(_problem(problem, ""))
            yield from result.meetings
            return
        groups = itertools.groupby(_records(fp), key=lambda row: row[1])
        seen: dict[str, int] = {}
        for link, rows in groups:
            group = list(itertools.islice(rows, MAX_GROUP + 1))
            first = group[0][0]
            if len(group) > MAX_GROUP:
                raise _error(first, f"link {link!r} has more than {MAX_GROUP} records")
            if isinstance(link, str):
                if link in seen:
                    raise _error(
                        first,
                        f"link {link!r} was seen on line {seen[link]}: the records of one"
                        " meeting must be on neighbouring lines",
                    )
                if len(seen) < MAX_LINKS_CHECKED:
                    seen[link] = first
            yield from _meetings([(n, r) for n, _, r in group], warn)


def _records(fp: Any) -> Iterator[tuple[int, str | int, object]]:
    """Each record with its line number and its group key: its link, or its line number."""
    for number, record in json_lines(fp):
        link = record.get("link") if isinstance(record, dict) else None
        yield number, (str(link) if isinstance(link, str | int) and link != "" else number), record


def _meetings(rows: list[tuple[int, object]], warn: Callable[[str], None]) -> Iterator[Meeting]:
    result = plover.from_plover(record for _, record in rows)
    lines = {n: number for n, (number, _) in enumerate(rows)}
    ids = {
        str(record.get("id")): number
        for number, record in rows
        if isinstance(record, dict) and record.get("id")
    }
    for problem in result.problems:
        where = ids.get(problem.record)
        if where is None and problem.record.startswith("#"):
            where = lines.get(int(problem.record[1:]))
        warn(_problem(problem, f"line {where} "))
    yield from result.meetings


def _problem(problem: plover.ImportProblem, where: str) -> str:
    """A warning line for *problem*, after *where* (``"line 3 "`` or nothing)."""
    field = f" {problem.field}" if problem.field else ""
    skipped = " (skipped)" if problem.skipped and "skipped" not in problem.message else ""
    return f"{where}record {problem.record!r}{field}: {problem.message}{skipped}"


def _error(line: int, message: str) -> ParseError:
    return ParseError((ErrorDetail("$.link", message),), line=line)
