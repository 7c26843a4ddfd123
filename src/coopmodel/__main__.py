"""The ``coopmodel`` command: summarise, validate and describe coopmodel documents.

``coopmodel summary FILE``
    Read a meeting (JSON, or JSON Lines when the name ends in ``.jsonl``) and
    print a readable summary of each.
``coopmodel validate FILE...``
    Check documents; print every problem with its path; exit 1 if any.
``coopmodel schema [CLASS]``
    Print the JSON Schema of a class (default ``Meeting``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import orjson

from coopmodel._errors import ParseError
from coopmodel._io import from_json, read_jsonl
from coopmodel._model import Meeting
from coopmodel._schema import json_schema

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = ["main"]

_CLASSES = {cls.__name__: cls for cls in (Meeting,)}


def _meetings(path: Path) -> Iterator[Meeting]:
    if path.suffix == ".jsonl":
        with path.open("rb") as fp:
            yield from read_jsonl(fp, Meeting)
    else:
        yield from_json(path.read_bytes(), Meeting)


def summarise(meeting: Meeting, out: TextIO) -> None:
    """Write a readable summary of *meeting* to *out*."""
    forum = meeting.forum
    chain = " < ".join(f.acronym or f.name for f in (forum, *forum.ancestors))
    parties = ", ".join(f"{p.name} ({p.code})" for p in meeting.parties) or "unknown"
    print(meeting.title, file=out)
    print(f"  id:       {meeting.id}  [{meeting.status.value}]", file=out)
    print(f"  forum:    {chain}", file=out)
    print(f"  parties:  {parties}", file=out)
    if meeting.when is not None:
        print(f"  when:     {meeting.when.earliest} to {meeting.when.latest}", file=out)
    if meeting.location is not None:
        place = meeting.location
        where = ", ".join(x for x in (place.venue, place.locality, place.country) if x)
        print(f"  where:    {where}", file=out)
    for stage in sorted({area.stage for area in meeting.areas}, reverse=True):
        labels = ", ".join(a.label for a in meeting.areas if a.stage is stage)
        print(f"  {stage.value + ':':12} {labels}", file=out)
    for statement in meeting.statements:
        quote = '"' if statement.verbatim else ""
        issuer = statement.issuer.name
        print(f"  said ({issuer}): {quote}{_clip(statement.text)}{quote}", file=out)
    for event in meeting.context:
        print(f"  {event.relation.value}: {_clip(event.description)}", file=out)
    for source in meeting.sources:
        via = f" via {source.agency}" if source.agency else ""
        when = f", {source.published}" if source.published is not None else ""
        print(f"  source:   {source.publisher}{via}{when}: {source.title}", file=out)


def _clip(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = argparse.ArgumentParser(prog="coopmodel", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    summary = commands.add_parser("summary", help="print a readable summary of meetings")
    summary.add_argument("file", type=Path)
    validate = commands.add_parser("validate", help="check meeting documents")
    validate.add_argument("files", type=Path, nargs="+")
    schema = commands.add_parser("schema", help="print the JSON Schema of a class")
    schema.add_argument("cls", nargs="?", default="Meeting", choices=sorted(_CLASSES))
    args = parser.parse_args(argv)

    if args.command == "schema":
        sys.stdout.buffer.write(
            orjson.dumps(json_schema(_CLASSES[args.cls]), option=orjson.OPT_INDENT_2)
        )
        sys.stdout.write("\n")
        return 0
    files = [args.file] if args.command == "summary" else args.files
    status = 0
    for path in files:
        try:
            count = 0
            for meeting in _meetings(path):
                count += 1
                if args.command == "summary":
                    summarise(meeting, sys.stdout)
            if args.command == "validate":
                print(f"{path}: {count} valid meeting{'s' if count != 1 else ''}")
        except ParseError as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 1
        except OSError as error:
            print(f"{path}: {error.strerror or error}", file=sys.stderr)
            status = 2
    return status


if __name__ == "__main__":
    sys.exit(main())
