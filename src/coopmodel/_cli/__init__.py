"""The ``coopmodel`` command, one module per concern.

:func:`main` parses the command line and runs the command inside one error
boundary: a broken pipe ends quietly, a write error is reported as an output
error, and neither a bad input nor an odd file name ends in a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
from typing import TYPE_CHECKING, Final, NoReturn

import coopmodel
from coopmodel._cli import _extract
from coopmodel._cli._input import JSON_LINES_SUFFIXES
from coopmodel._cli._run import EXIT_TROUBLE, Run
from coopmodel._cli._schema import run_schema
from coopmodel._cli._summary import run_summary
from coopmodel._cli._terminal import Output, OutputClosedError, OutputError, escape, warn
from coopmodel._cli._validate import run_validate
from coopmodel._model import PUBLIC_CLASSES, public_class

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

#: The status a shell reports for a program ended by SIGPIPE, as ``cat`` is.
EXIT_BROKEN_PIPE: Final = 128 + getattr(signal, "SIGPIPE", 13)
EXIT_INTERRUPTED: Final = 128 + signal.SIGINT

_DESCRIPTION: Final = "Summarise, validate and describe coopmodel documents."

_EPILOG: Final = f"""\
input:
  A file whose name ends in {" or ".join(JSON_LINES_SUFFIXES)} is read as JSON Lines: one
  document a line, blank lines skipped. Any other file is one JSON document.
  "-" reads standard input: as JSON Lines if its first line is a whole JSON
  value, else as one JSON document. --format json or --format jsonl decides
  for every input. A document, or a line, may hold at most {coopmodel.MAX_DOCUMENT_BYTES} bytes.

exit status:
  0    every record is valid
  1    some record is invalid
  2    a usage error; or an input or the output could not be read or written
  {EXIT_INTERRUPTED}  interrupted
  {EXIT_BROKEN_PIPE}  the reader of the output went away (a broken pipe), as for cat
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose error messages are escaped for the terminal."""

    def error(self, message: str) -> NoReturn:
        super().error(escape(message))


def _class(name: str) -> type:
    """The public class called *name* (case does not matter), for ``--type`` and ``schema``."""
    try:
        return public_class(name)
    except LookupError as error:
        for cls in PUBLIC_CLASSES:
            if cls.__name__.lower() == name.lower():
                return cls
        raise argparse.ArgumentTypeError(str(error)) from None


def _class_names() -> str:
    return ", ".join(cls.__name__ for cls in PUBLIC_CLASSES)


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help='a file, or "-" for standard input'
    )
    parser.add_argument(
        "--type",
        type=_class,
        metavar="CLASS",
        help=f"the class of every record (default: Meeting); one of {_class_names()}",
    )
    parser.add_argument(
        "--format",
        choices=("json", "jsonl"),
        help="read every input as one JSON document or as JSON Lines (default: by the file "
        "name's ending; standard input by its first line)",
    )


def _parser(command: str | None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coopmodel",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"coopmodel {coopmodel.__version__}")
    commands = parser.add_subparsers(
        title="commands", dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    summary = commands.add_parser(
        "summary",
        help="print a readable summary of each record",
        description="Print a readable summary of each record. Refused records are reported "
        "on standard error, and the others are still summarised.",
    )
    _add_reading_options(summary)
    validate = commands.add_parser(
        "validate",
        help="check every record and report every problem",
        description="Check every record of every file. Each refused record is reported with "
        "its place (file, or file:line) and each problem with its JSON path; a last line "
        "counts the valid and invalid records.",
    )
    _add_reading_options(validate)
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a class",
        description="Print the JSON Schema (draft 2020-12) of a coopmodel class.",
    )
    schema.add_argument(
        "cls",
        nargs="?",
        default="Meeting",
        type=_class,
        metavar="CLASS",
        help=f"default: Meeting; one of {_class_names()}",
    )
    extract = commands.add_parser(
        "extract",
        help="find cooperation events in news text (needs coopmodel[text])",
        description="Find cooperation events in news text. Needs the text extra: "
        "pip install 'coopmodel[text]'.",
    )
    if command == "extract":
        module = _extract.load()
        module.add_arguments(extract)
        extract.set_defaults(run=module.run)
    convert = commands.add_parser(
        "convert",
        help="convert meetings between JSON Lines, PLOVER, JSON-LD and Parquet",
        description="Convert meetings between formats: JSON Lines, PLOVER records, JSON-LD "
        "(written only) and Parquet (Parquet needs the arrow extra: "
        "pip install 'coopmodel[arrow]').",
    )
    if command == "convert":
        from coopmodel import _convert_cli  # noqa: PLC0415 - only when asked for

        _convert_cli.add_arguments(convert)
        convert.set_defaults(run=_convert_cli.run)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named in *argv*: its first argument that is not an option."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def _run(args: argparse.Namespace) -> int:
    if args.command == "schema":
        out = Output(sys.stdout)
        status = run_schema(out, args.cls)
    elif args.command in {"extract", "convert"}:
        out = Output(sys.stdout)
        status = int(args.run(args))
    else:
        run = Run.from_args(args, sys.stdout)
        out = run.out
        status = run_validate(run) if args.command == "validate" else run_summary(run)
    out.flush()
    return status


def _quiet_stdout() -> None:
    """Point standard output at the null device, so exit has nothing left to fail on."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (io.UnsupportedOperation): nothing to do
        pass


def _robust_streams() -> None:
    """Let text the terminal's encoding cannot show come out as escapes, not errors."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``); return the exit status."""
    _robust_streams()
    arguments = sys.argv[1:] if argv is None else list(argv)
    try:
        args = _parser(_command(arguments)).parse_args(arguments)
        return _run(args)
    except _extract.ExtractMissingError as error:
        warn(f"coopmodel: {error}")
        return EXIT_TROUBLE
    except (OutputClosedError, BrokenPipeError):
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as error:
        _quiet_stdout()
        warn(f"coopmodel: cannot write output: {error.reason}")
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        warn("coopmodel: interrupted")
        return EXIT_INTERRUPTED
    except MemoryError:
        warn("coopmodel: not enough memory")
        return EXIT_TROUBLE
