"""``coopmodel convert IN OUT --to FORMAT``: meetings from one format to another.

The formats are rows of :data:`FORMATS`, each with the suffixes it is
recognised by and a reader and/or a writer; a new format is one more row
(:func:`register_format`).  Input is streamed: a file of millions of
meetings converts in bounded memory (a ``.json`` array, read whole, is the
one exception).  Readers and writers say what they assumed or skipped
through a ``warn`` callback; the command prints the first
:data:`MAX_WARNINGS` of those lines and counts the rest.

The command line module (``coopmodel.__main__``) wires this in as the
``convert`` subcommand with :func:`add_arguments` and :func:`run`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import pathlib
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final

import attrs
import orjson

from coopmodel import _convert_interop
from coopmodel._cli._terminal import escape
from coopmodel._errors import ErrorDetail, ParseError
from coopmodel._io import MAX_DOCUMENT_BYTES, from_dict, json_array, read_jsonl, write_jsonl
from coopmodel._model import Meeting

__all__ = [
    "FORMATS",
    "MAX_LINKS_CHECKED",
    "MAX_WARNINGS",
    "ConvertError",
    "Format",
    "Warn",
    "add_arguments",
    "register_format",
    "run",
]

#: Tells the user what a reader or writer assumed or left out (one line, no newline).
Warn = Callable[[str], None]

#: The warning lines ``coopmodel convert`` prints; past this it only counts them.
MAX_WARNINGS: Final = 100

#: The PLOVER ``link`` values remembered (see :mod:`._convert_interop`, where it lives).
MAX_LINKS_CHECKED: Final = _convert_interop.MAX_LINKS_CHECKED


class ConvertError(Exception):
    """A conversion that cannot go on; the message names the file, record and field."""


@attrs.frozen
class Format:
    """One format ``coopmodel convert`` reads or writes.

    Attributes:
        name: What ``--from`` and ``--to`` call it, e.g. ``"parquet"``.
        suffixes: The file suffixes that name it when ``--from`` is not
            given, e.g. ``(".jsonl", ".ndjson")``.  A format without
            suffixes is only ever chosen by name.
        read: ``read(path, warn)``: the meetings of a path, lazily; ``None``
            if it cannot be read.
        write: ``write(meetings, path, warn)``: writes meetings to a path and
            returns how many; ``None`` if it cannot be written.
        directory: Whether the format is a directory (a Parquet dataset).
        needs: The optional module the format needs, e.g. ``"pyarrow"``,
            and the extra that installs it.
    """

    name: str
    suffixes: tuple[str, ...] = ()
    read: Callable[[pathlib.Path, Warn], Iterator[Meeting]] | None = None
    write: Callable[[Iterable[Meeting], pathlib.Path, Warn], int] | None = None
    directory: bool = False
    needs: tuple[str, str] | None = None


def _read_jsonl(path: pathlib.Path, warn: Warn) -> Iterator[Meeting]:  # noqa: ARG001
    with path.open("rb") as fp:
        yield from read_jsonl(fp, Meeting)


def _read_json(path: pathlib.Path, warn: Warn) -> Iterator[Meeting]:
    """A ``.json`` file: one meeting document, an array of them, or JSON Lines.

    A document or an array is read whole, so it may be at most
    :data:`~coopmodel.MAX_DOCUMENT_BYTES` long; a longer file is read as
    JSON Lines (streamed), unless it is an array.
    """
    with path.open("rb") as fp:
        data = fp.read(MAX_DOCUMENT_BYTES + 1)
    if data.lstrip().startswith(b"["):
        documents = json_array(data, limit=MAX_DOCUMENT_BYTES)
        del data
        for number, document in enumerate(documents):
            try:
                yield from_dict(document, Meeting)
            except ParseError as error:
                raise ParseError(
                    tuple(
                        ErrorDetail(f"$[{number}]{e.path.removeprefix('$')}", e.message)
                        for e in error.errors
                    )
                ) from None
        return
    if len(data) <= MAX_DOCUMENT_BYTES:
        try:
            document = orjson.loads(data)
        except orjson.JSONDecodeError:
            pass  # JSON Lines under a .json name
        else:
            yield from_dict(document, Meeting)
            return
    del data
    yield from _read_jsonl(path, warn)


def _write_jsonl(meetings: Iterable[Meeting], path: pathlib.Path, warn: Warn) -> int:  # noqa: ARG001
    with path.open("wb") as fp:
        return write_jsonl(meetings, fp)


def _read_parquet(path: pathlib.Path, warn: Warn) -> Iterator[Meeting]:  # noqa: ARG001
    from coopmodel import tables  # noqa: PLC0415 - needs the arrow extra

    return tables.iter_parquet(path)


def _write_parquet(meetings: Iterable[Meeting], path: pathlib.Path, warn: Warn) -> int:  # noqa: ARG001
    from coopmodel import tables  # noqa: PLC0415 - needs the arrow extra

    return tables.write_dataset(meetings, path)


#: The formats, by name.  Add one with :func:`register_format`.
FORMATS: Final[dict[str, Format]] = {}


def register_format(fmt: Format) -> None:
    """Add *fmt* to :data:`FORMATS` (replacing one of the same name)."""
    FORMATS[fmt.name] = fmt


register_format(
    Format("jsonl", (".jsonl", ".ndjson", ".jsonlines"), read=_read_jsonl, write=_write_jsonl)
)
register_format(Format("json", (".json",), read=_read_json))
register_format(
    Format(
        "plover",
        (),  # PLOVER records are JSON Lines too: only --from plover says so
        read=_convert_interop.read_plover,
        write=_convert_interop.write_plover,
    )
)
register_format(Format("jsonld", (".jsonld",), write=_convert_interop.write_jsonld))
register_format(
    Format(
        "parquet",
        (".parquet",),
        read=_read_parquet,
        write=_write_parquet,
        directory=True,
        needs=("pyarrow", "arrow"),
    )
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coopmodel convert`` to *parser*."""
    readable = sorted(name for name, f in FORMATS.items() if f.read is not None)
    writable = sorted(name for name, f in FORMATS.items() if f.write is not None)
    parser.add_argument("input", metavar="IN", type=pathlib.Path, help="the file to read")
    parser.add_argument("output", metavar="OUT", type=pathlib.Path, help="the file to write")
    parser.add_argument(
        "--to", dest="to_format", required=True, choices=writable, help="the format to write"
    )
    parser.add_argument(
        "--from",
        dest="from_format",
        choices=readable,
        help="the format to read (default: from the suffix of IN; a directory is Parquet)",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="show a progress bar (default: on a terminal, when tqdm is installed)",
    )
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _input_format(args: argparse.Namespace) -> Format:
    if args.from_format is not None:
        return FORMATS[args.from_format]
    path: pathlib.Path = args.input
    if path.is_dir():
        return FORMATS["parquet"]
    suffix = path.suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes and fmt.read is not None:
            return fmt
    known = ", ".join(s for f in FORMATS.values() if f.read is not None for s in f.suffixes)
    raise ConvertError(
        f"{str(path)!r}: cannot tell the format from the suffix {suffix or '(none)'!r};"
        f" expected one of {known}, a Parquet dataset directory, or --from"
    )


def _check_available(fmt: Format) -> None:
    if fmt.needs is None:
        return
    module, extra = fmt.needs
    if importlib.util.find_spec(module) is None:
        raise ConvertError(
            f"the {fmt.name} format needs {module}: pip install 'coopmodel[{extra}]'"
        )


def _prepare_output(fmt: Format, path: pathlib.Path, *, force: bool) -> None:
    if not path.exists():
        return
    if not force:
        raise ConvertError(f"{str(path)!r} exists; remove it or pass --force")
    if path.is_dir():
        if not fmt.directory or not (path / "meetings").is_dir():
            raise ConvertError(
                f"{str(path)!r} is a directory that is not a coopmodel dataset; not replacing it"
            )
        shutil.rmtree(path)
    else:
        path.unlink()


def _remove_partial(path: pathlib.Path) -> None:
    """Remove what a failed conversion left at *path* (which did not exist before)."""
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def _progress(show: bool | None, stream: IO[str]) -> Any:
    """A tqdm bar counting meetings, or ``None``."""
    if show is None:
        show = stream.isatty()
    if not show:
        return None
    try:
        from tqdm import tqdm  # noqa: PLC0415 - optional
    except ImportError:
        if show:
            stream.write("coopmodel convert: no progress bar: pip install 'coopmodel[progress]'\n")
        return None
    return tqdm(unit=" meetings", unit_scale=True, file=stream, desc="convert")


def _counted(meetings: Iterable[Meeting], bar: Any) -> Iterator[Meeting]:
    for meeting in meetings:
        yield meeting
        bar.update(1)


def _describe(error: Exception, path: pathlib.Path) -> str:
    if isinstance(error, ParseError):
        where = "" if error.line is None else f" line {error.line}"
        problems = "; ".join(str(detail) for detail in error.errors)
        return f"{path}{where}: {problems}"
    return f"{path}: {error}"


class _Warnings:
    """Prints the first :data:`MAX_WARNINGS` warnings, counts the rest."""

    def __init__(self, stream: IO[str], source: pathlib.Path) -> None:
        self.stream = stream
        self.prefix = f"coopmodel convert: {escape(str(source))}: "
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        if self.count <= MAX_WARNINGS:
            self.stream.write(self.prefix + escape(message) + "\n")

    def close(self) -> None:
        if self.count > MAX_WARNINGS:
            self.stream.write(f"{self.prefix}... and {self.count - MAX_WARNINGS} more warnings\n")


def run(args: argparse.Namespace, *, stderr: IO[str] | None = None) -> int:
    """Convert ``args.input`` to ``args.output``; 0 on success, 1 on an error (said on stderr).

    Warnings (what a format assumed or skipped, e.g. PLOVER records that are
    not meetings) are printed, at most :data:`MAX_WARNINGS` of them, and do
    not change the exit status.

    *args* is what a parser set up by :func:`add_arguments` returns.
    """
    err = sys.stderr if stderr is None else stderr
    warnings = _Warnings(err, args.input)
    try:
        target, count = _convert(args, err, warnings)
    except (ConvertError, OSError) as error:
        warnings.close()
        err.write(f"coopmodel convert: {escape(str(error))}\n")
        return 1
    warnings.close()
    output = escape(str(args.output))
    noted = f"; {warnings.count} warnings" if warnings.count else ""
    err.write(f"coopmodel convert: {count} meetings written to {output} ({target.name}{noted})\n")
    return 0


def _formats(args: argparse.Namespace) -> tuple[Format, Format]:
    source = _input_format(args)
    target = FORMATS[args.to_format]
    if target.write is None:
        raise ConvertError(f"the {target.name} format cannot be written")
    if source.read is None:
        raise ConvertError(f"the {source.name} format cannot be read")
    _check_available(source)
    _check_available(target)
    if not args.input.exists():
        raise ConvertError(f"{str(args.input)!r} does not exist")
    return source, target


def _convert(args: argparse.Namespace, err: IO[str], warn: Warn) -> tuple[Format, int]:
    source, target = _formats(args)
    assert source.read is not None  # noqa: S101 - checked by _formats
    assert target.write is not None  # noqa: S101
    _prepare_output(target, args.output, force=args.force)
    bar = _progress(args.progress, err)
    meetings = source.read(args.input, warn)
    with contextlib.closing(bar) if bar is not None else contextlib.nullcontext():
        stream = meetings if bar is None else _counted(meetings, bar)
        try:
            count = target.write(stream, args.output, warn)
        except (ParseError, ValueError) as error:
            _remove_partial(args.output)
            raise ConvertError(
                _describe(error, args.input) + f" ({args.output} not written)"
            ) from None
    return target, count
