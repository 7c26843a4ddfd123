"""Hostile JSON Lines: reading and writing never lose, merge or invent a record.

The line rule, stated once and held by every kind of file: **a line ends at
"\\n" (or at the end of the input); one "\\r" just before that end is dropped;
nothing else ends a line.**  A UTF-8 byte order mark at the very start of the
input is skipped; a line that holds only JSON whitespace (space, tab, "\\r") is
blank and skipped.  Every other line is one document, read exactly as
:func:`~coopmodel.from_json` reads it, so the reference model for a whole file
is "split by the rule, then ``from_json`` each line".

* Lines at and around ``MAX_DOCUMENT_BYTES`` (with LF and CRLF endings) never
  swallow the next line and never shift later line numbers (one test at the
  real 16 MiB limit, the rest with a small limit patched in).
* A bad UTF-8 byte spoils its own line only, in binary and in text mode.
* Binary files, UTF-8 text files (``newline=None`` translation included) and
  ``io.StringIO`` agree on every input: CR-only endings, U+2028, U+0085 and
  U+3000 inside and outside strings, "\\x0b" and "\\x0c" lines, byte order
  marks, CRLF; a Hypothesis property checks arbitrary mixtures.
* The garbage collector is paused only while objects are built from lines
  already read: never during a read, never across a blocking read; the first
  document of a slow pipe arrives before the writer finishes; batches are
  bounded in bytes and in lines; a process forked mid-iteration gets its
  collector back; ``freeze=True`` moves each batch to the permanent generation.
* Sizes are counted in bytes, whatever the buffer's item size.
* Only coopmodel's public classes are read or written.
"""

from __future__ import annotations

import gc
import io
import os
import threading
import tracemalloc
from typing import TYPE_CHECKING, Any
from unittest import mock

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopmodel
from coopmodel import (
    MAX_DOCUMENT_BYTES,
    ParseError,
    Party,
    Place,
    Statement,
    StatementKind,
    _io,
)
from coopmodel._model import PUBLIC_CLASSES

if TYPE_CHECKING:
    import pathlib
    from collections.abc import Callable, Iterator

MIB = 1024 * 1024
BOM = b"\xef\xbb\xbf"
SMALL_LIMIT = 256
"""The document limit patched in where a 16 MiB line is not needed."""

Outcome = tuple[list[str], list[tuple[int, tuple[tuple[str, str], ...]]]]
"""What a read gave: the canonical JSON of each object, and each error's line and details."""


def place(locality: str, country: str = "IND") -> bytes:
    return coopmodel.to_json(Place(locality=locality, country=country))


def padded(text: bytes, size: int) -> bytes:
    """*text* with trailing spaces (JSON whitespace), *size* bytes in all."""
    assert len(text) <= size
    return text + b" " * (size - len(text))


def details(error: ParseError) -> tuple[tuple[str, str], ...]:
    return tuple((detail.path, detail.message) for detail in error.errors)


def read(fp: Any, cls: type = Place) -> Outcome:
    errors: list[ParseError] = []
    objects = [
        coopmodel.to_json(obj).decode()
        for obj in coopmodel.read_jsonl(fp, cls, on_error=errors.append)
    ]
    return objects, [(error.line or 0, details(error)) for error in errors]


def reference(data: bytes, cls: type = Place) -> Outcome:
    """The line rule, applied by hand, then ``from_json`` line by line."""
    objects: list[str] = []
    errors: list[tuple[int, tuple[tuple[str, str], ...]]] = []
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()  # the "\n" of the last line ends it; it does not start another
    for number, raw in enumerate(lines, start=1):
        line = raw.removesuffix(b"\r")
        if number == 1:
            line = line.removeprefix(BOM)
        if len(line) > _io.MAX_DOCUMENT_BYTES:  # refused unread, whatever it holds
            errors.append(too_large(number, _io.MAX_DOCUMENT_BYTES))
            continue
        if not line.strip(b" \t\r"):
            continue
        try:
            objects.append(coopmodel.to_json(coopmodel.from_json(line, cls)).decode())
        except ParseError as error:
            errors.append((number, details(error)))
    return objects, errors


class Trickle(io.RawIOBase):
    """A source that hands over *size* bytes at a time, as a pipe may."""

    def __init__(self, data: bytes, size: int) -> None:
        self.rest = data
        self.size = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        piece, self.rest = self.rest[: self.size], self.rest[self.size :]
        buffer[: len(piece)] = piece
        return len(piece)


def trickle(data: bytes, size: int) -> io.BufferedReader:
    return io.BufferedReader(Trickle(data, size), buffer_size=max(size, 8))


def modes(data: bytes, tmp_path: pathlib.Path) -> Iterator[tuple[str, Callable[[], Any]]]:
    """Every way of handing *data* to ``read_jsonl``, by name (the files are opened lazily)."""
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    yield "BytesIO", lambda: io.BytesIO(data)
    yield "binary file", lambda: path.open("rb")
    yield "unbuffered binary file", lambda: path.open("rb", buffering=0)
    yield "a pipe, 3 bytes at a time", lambda: trickle(data, 3)
    yield "TextIOWrapper", lambda: io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    yield "text file", lambda: path.open(encoding="utf-8")  # newline=None: translates "\r"
    yield "text file, utf-8-sig", lambda: path.open(encoding="utf-8-sig")
    try:
        text = data.decode()
    except UnicodeDecodeError:
        return  # a str cannot hold bytes that are not UTF-8
    yield "StringIO", lambda: io.StringIO(text)


def assert_all_modes_agree(data: bytes, tmp_path: pathlib.Path, cls: type = Place) -> Outcome:
    expected = reference(data, cls)
    for name, opener in modes(data, tmp_path):
        with opener() as fp:
            assert read(fp, cls) == expected, name
    return expected


@pytest.fixture
def small_limit() -> Iterator[int]:
    with mock.patch.object(_io, "MAX_DOCUMENT_BYTES", SMALL_LIMIT):
        yield SMALL_LIMIT


def too_large(number: int, limit: int) -> tuple[int, tuple[tuple[str, str], ...]]:
    return number, (("$", f"is larger than the limit of {limit} bytes"),)


# --- lines at the size limit ---------------------------------------------------


def test_lines_at_the_real_limit_keep_their_neighbours() -> None:
    """16 MiB lines, one byte either side of the limit, with LF and CRLF endings."""
    good = place("Kazan")
    lines = [
        good,
        padded(good, MAX_DOCUMENT_BYTES + 1) + b"\n",  # one byte over: refused alone
        good,
        padded(good, MAX_DOCUMENT_BYTES) + b"\r\n",  # the limit and CRLF: read
        good,
        padded(good, MAX_DOCUMENT_BYTES + 1) + b"\r\n",  # over, with CRLF: refused alone
        good,
        b"not json",
    ]
    data = b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines)
    for fp in (io.BytesIO(data), io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")):
        objects, errors = read(fp)
        assert len(objects) == 5
        assert [number for number, _ in errors] == [2, 6, 8]
        assert errors[:2] == [too_large(2, MAX_DOCUMENT_BYTES), too_large(6, MAX_DOCUMENT_BYTES)]


@pytest.mark.parametrize(
    ("size", "ending", "readable"),
    [
        (SMALL_LIMIT - 1, b"\n", True),
        (SMALL_LIMIT, b"\n", True),
        (SMALL_LIMIT, b"\r\n", True),
        (SMALL_LIMIT - 1, b"\r\r\n", True),  # the second "\r" is JSON whitespace
        (SMALL_LIMIT, b"\r\r\n", False),
        (SMALL_LIMIT + 1, b"\n", False),
        (SMALL_LIMIT + 1, b"\r\n", False),
        (SMALL_LIMIT + 2, b"\n", False),
        (SMALL_LIMIT * 50, b"\n", False),
        (SMALL_LIMIT, b"", True),  # the last line, without a newline
        (SMALL_LIMIT, b"\r", True),
        (SMALL_LIMIT + 1, b"", False),
    ],
)
def test_a_line_near_the_limit_is_judged_alone(
    small_limit: int, size: int, ending: bytes, readable: bool, tmp_path: pathlib.Path
) -> None:
    good = place("Kazan")
    last = ending.endswith(b"\n")  # lines follow the long one
    data = good + b"\n" + padded(good, size) + ending + (good + b"\nnot json\n" if last else b"")
    objects, errors = assert_all_modes_agree(data, tmp_path)
    assert len(objects) == 1 + readable + last
    expected = [] if readable else [too_large(2, small_limit)]
    if last:
        expected.append((4, errors[-1][1]))
    assert errors == expected


def test_a_long_line_at_the_start_of_a_read(small_limit: int) -> None:
    data = b"x" * (small_limit * 3) + b"\n" + place("Kazan") + b"\n"
    assert read(io.BytesIO(data)) == ([place("Kazan").decode()], [too_large(1, small_limit)])


def test_a_long_line_read_in_small_pieces(small_limit: int) -> None:
    """A pipe hands over a few bytes at a time: the pieces make one line, one error."""
    good = place("Kazan")
    data = good + b"\n" + b"[" * (small_limit * 4) + b"\n" + good + b"\n"
    assert read(trickle(data, 7)) == (
        [good.decode()] * 2,
        [too_large(2, small_limit)],
    )


# --- encodings and the line rule ----------------------------------------------


def test_a_bad_utf8_byte_spoils_one_line_only(tmp_path: pathlib.Path) -> None:
    lines = [place(f"Town {n}") for n in range(1, 202)]
    lines[100] = lines[100].replace(b"Town", b"T\xffwn")
    objects, errors = assert_all_modes_agree(b"\n".join(lines) + b"\n", tmp_path)
    assert len(objects) == 200
    assert [number for number, _ in errors] == [101]
    assert "is not valid UTF-8 text" in errors[0][1][0][1]


SAMPLES: dict[str, bytes] = {
    "CRLF": place("Kazan") + b"\r\n" + place("Moscow") + b"\r\n",
    "CR only": place("Kazan") + b"\r" + place("Moscow") + b"\r",
    "CR only, then LF": place("Kazan") + b"\r" + place("Moscow") + b"\r\n" + place("Pune") + b"\n",
    "LF CR": place("Kazan") + b"\n\r" + place("Moscow") + b"\n",
    "separators inside strings": place("New\u2028Delhi\u2029Agra\u3000Pune") + b"\n",
    # Text may not hold these controls (the model's text rule): the line is
    # refused as a whole, whatever the mode, and is still one line.
    "controls inside strings": b'{"schema_version":1,"locality":"A\xc2\x85B\\u000b\\u001cx",'
    b'"country":"IND"}\n' + place("Pune") + b"\n",
    "U+2028 line": place("Kazan") + b"\n\xe2\x80\xa8\n" + place("Pune") + b"\n",
    "U+0085 line": place("Kazan") + b"\n\xc2\x85\n" + place("Pune") + b"\n",
    "U+3000 line": place("Kazan") + b"\n\xe3\x80\x80\n" + place("Pune") + b"\n",
    "VT line": place("Kazan") + b"\n\x0b\n" + place("Pune") + b"\n",
    "FF line": place("Kazan") + b"\n\x0c\n" + place("Pune") + b"\n",
    "FS GS RS US line": place("Kazan") + b"\n\x1c\x1d\x1e\x1f\n" + place("Pune") + b"\n",
    "U+2028 between documents": place("Kazan") + b"\xe2\x80\xa8" + place("Pune") + b"\n",
    "VT between documents": place("Kazan") + b"\x0b" + place("Pune") + b"\n",
    "U+3000 around a document": b"\xe3\x80\x80" + place("Kazan") + b"\xe3\x80\x80\n",
    "blank lines": b"\n \t\n\r\n\r\r\n" + place("Kazan") + b"\n\n",
    "BOM at the start": BOM + place("Kazan") + b"\n" + place("Pune") + b"\n",
    "BOM at the start, CRLF": BOM + place("Kazan") + b"\r\n" + place("Pune") + b"\r\n",
    "BOM alone": BOM + b"\n" + place("Pune") + b"\n",
    "BOM on line 2": place("Kazan") + b"\n" + BOM + place("Pune") + b"\n",
    "two BOMs": BOM + BOM + place("Kazan") + b"\n",
    "no final newline": place("Kazan") + b"\n" + place("Pune"),
    "no final newline, CR": place("Kazan") + b"\n" + place("Pune") + b"\r",
    "NUL line": place("Kazan") + b"\n\x00\n" + place("Pune") + b"\n",
    "lone surrogate, escaped": b'{"schema_version":1,"locality":"\\ud800","country":"IND"}\n',
    "truncated UTF-8 at the end": place("Kazan") + b"\n" + b'{"locality":"\xe2\x80',
    "empty": b"",
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_binary_and_text_agree(name: str, tmp_path: pathlib.Path) -> None:
    assert_all_modes_agree(SAMPLES[name], tmp_path)


def test_the_agreed_answers() -> None:
    """The reference itself, pinned on the cases the rule decides."""
    counts = {
        name: (len(reference(data)[0]), [n for n, _ in reference(data)[1]])
        for name, data in SAMPLES.items()
    }
    assert counts["CRLF"] == (2, [])
    assert counts["CR only"] == (0, [1])  # one line: "\r" does not end it
    assert counts["CR only, then LF"] == (1, [1])
    assert counts["LF CR"] == (2, [])  # a "\r" that starts a line is JSON whitespace
    assert counts["separators inside strings"] == (1, [])
    assert counts["controls inside strings"] == (1, [1])
    for line_of_its_own in ("U+2028", "U+0085", "U+3000", "VT", "FF", "FS GS RS US", "NUL"):
        assert counts[f"{line_of_its_own} line"] == (2, [2])  # not JSON whitespace: not blank
    assert counts["blank lines"] == (1, [])
    assert counts["BOM at the start"] == (2, [])
    assert counts["BOM at the start, CRLF"] == (2, [])
    assert counts["BOM alone"] == (1, [])
    assert counts["BOM on line 2"] == (1, [2])
    assert counts["two BOMs"] == (0, [1])
    assert counts["no final newline"] == (2, [])
    assert counts["no final newline, CR"] == (2, [])
    assert counts["empty"] == (0, [])


FRAGMENTS = [
    place("Kazan"),
    place("New\u2028Delhi\u3000"),
    b"",
    b" \t",
    b"\r",
    b"\x0b",
    b"\x0c",
    b"\xe2\x80\xa8",
    b"\xc2\x85",
    b"\xe3\x80\x80",
    BOM,
    b"\xff",
    b"{",
    b"[1]",
    b'{"schema_version":1}',
    padded(place("Pune"), SMALL_LIMIT),
    padded(place("Pune"), SMALL_LIMIT + 1),
    padded(place("Pune"), SMALL_LIMIT - 1),
    b" " * (SMALL_LIMIT - 3),
    b" " * (SMALL_LIMIT + 1),
]


@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(FRAGMENTS), max_size=3).map(b"".join),
            st.sampled_from([b"\n", b"\r\n", b"\r", b"\r\r\n", b"\n\r", b""]),
        ),
        max_size=12,
    ),
    st.integers(1, 9),
)
def test_every_mixture_reads_by_the_rule(pieces: list[tuple[bytes, bytes]], size: int) -> None:
    """Also in pieces of *size* bytes, so that lines, "\r\n" and the BOM are cut anywhere."""
    data = b"".join(body + end for body, end in pieces)
    with mock.patch.object(_io, "MAX_DOCUMENT_BYTES", SMALL_LIMIT):
        expected = reference(data)
        assert read(io.BytesIO(data)) == expected
        assert read(trickle(data, size)) == expected
        assert read(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")) == expected
        if b"\xff" not in data:
            assert read(io.StringIO(data.decode())) == expected


def test_text_read_through_its_text_layer_translates_lone_cr() -> None:
    """A text file already read from is read through its text layer, as documented.

    Its decoder has read ahead, so the bytes under it are not where the text
    is: ``read_jsonl`` reads on through the text layer, and with
    ``newline=None`` (what ``open()`` does by default) a lone "\\r" ends a
    line there.
    """
    data = b"# header\n" + place("Kazan") + b"\r" + place("Pune") + b"\n"
    fp = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    assert fp.readline() == "# header\n"
    assert read(fp) == ([place("Kazan").decode(), place("Pune").decode()], [])
    # Fresh, the same text file follows the rule: the "\r" joins two documents.
    assert read(io.TextIOWrapper(io.BytesIO(data[9:]), encoding="utf-8"))[0] == []


def test_a_text_file_in_another_encoding() -> None:
    data = (place("Kazan") + b"\n" + place("Zürich", "CHE") + b"\n").decode()
    fp = io.TextIOWrapper(io.BytesIO(data.encode("utf-16")), encoding="utf-16")
    assert read(fp) == ([place("Kazan").decode(), place("Zürich", "CHE").decode()], [])


def test_a_text_layer_that_cannot_decode_stops_at_its_error() -> None:
    """A decoder that refuses a byte cannot resume: the error names the first unread line."""
    good = place("Kazan") + b"\n"
    fp = io.TextIOWrapper(io.BytesIO(good * 300 + b"\xff\n" + good), encoding="ascii")
    objects, errors = read(fp)
    # The text layer decodes 8 KiB at a time: the lines before the refused chunk come out.
    assert 0 < len(objects) < 300
    assert [number for number, _ in errors] == [len(objects) + 1]
    assert errors[0][1][0][1].startswith("is not valid ascii text: ordinal not in range(128)")


# --- the garbage collector ----------------------------------------------------


class Recording(io.BytesIO):
    """A binary file that notes whether the collector was on at each read."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.collector_on: list[bool] = []

    def read1(self, size: int = -1, /) -> bytes:
        self.collector_on.append(gc.isenabled())
        return super().read1(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        self.collector_on.append(gc.isenabled())
        return super().readline(size)

    def read(self, size: int | None = -1, /) -> bytes:
        self.collector_on.append(gc.isenabled())
        return super().read(size)


def test_the_collector_is_on_during_every_read() -> None:
    lines = b"".join(place(f"Town {n}") + b"\n" for n in range(2000))
    fp = Recording(lines)
    assert len(read(fp)[0]) == 2000
    assert gc.isenabled()
    assert fp.collector_on
    assert all(fp.collector_on)


class RecordingText(io.StringIO):
    """A text file that notes whether the collector was on at each read."""

    def __init__(self, data: str) -> None:
        super().__init__(data)
        self.collector_on: list[bool] = []

    def readline(self, size: int | None = -1, /) -> str:
        self.collector_on.append(gc.isenabled())
        return super().readline(size)


def test_the_collector_is_on_during_every_read_of_a_text_layer() -> None:
    fp = RecordingText("".join(place(f"Town {n}").decode() + "\n" for n in range(2000)))
    assert len(read(fp)[0]) == 2000
    assert len(fp.collector_on) > 2000
    assert all(fp.collector_on)


FORK = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
# Python 3.12+ warns about forking a process with threads: these tests do so on purpose.
FORK_WITH_THREADS = pytest.mark.filterwarnings(
    r"ignore:.*use of fork\(\) may lead to deadlocks:DeprecationWarning"
)


def test_the_first_document_of_a_slow_pipe_comes_at_once() -> None:
    """One line, then the writer waits: the reader must not wait for a batch."""
    read_end, write_end = os.pipe()
    got = [threading.Event() for _ in range(3)]
    finished = threading.Event()

    def writer() -> None:
        with os.fdopen(write_end, "wb", buffering=0) as out:
            for n, event in enumerate(got):
                out.write(place(f"Town {n}") + b"\n")
                event.wait(timeout=2)  # the reader acknowledges each document
            finished.set()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        with os.fdopen(read_end, "rb") as fp:
            for n, obj in enumerate(coopmodel.read_jsonl(fp, Place)):
                assert obj.locality == f"Town {n}"
                assert not finished.is_set(), f"document {n} came only after the writer finished"
                assert gc.isenabled()
                got[n].set()
    finally:
        for event in got:
            event.set()
        thread.join()
    assert finished.is_set()


def built_and_received(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """(objects built, objects received) each time the reader hands one out."""
    built = 0
    original = _io._from_data

    def counting(*args: Any) -> Any:
        nonlocal built
        built += 1
        return original(*args)

    monkeypatch.setattr(_io, "_from_data", counting)
    return [
        (built, received)
        for received, _ in enumerate(coopmodel.read_jsonl(io.BytesIO(data), Place), 1)
    ]


def test_batches_are_bounded_by_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_io, "_BATCH_BYTES", 4000)
    line = padded(place("Kazan"), 999) + b"\n"
    steps = built_and_received(line * 40, monkeypatch)
    assert len(steps) == 40
    # Four lines of 1,000 bytes fill a batch: never more than four built ahead.
    assert max(built - received for built, received in steps) == 3
    assert steps[0] == (4, 1)


def test_a_line_longer_than_a_batch_is_a_batch_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_io, "_BATCH_BYTES", 4000)
    short = place("Kazan") + b"\n"
    long = padded(place("Pune"), 9000) + b"\n"
    steps = built_and_received(short + long + short + short, monkeypatch)
    assert steps == [(1, 1), (2, 2), (4, 3), (4, 4)]


def test_batches_are_bounded_by_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_io, "_BATCH_LINES", 8)
    steps = built_and_received((place("Kazan") + b"\n") * 20, monkeypatch)
    assert [built for built, _ in steps] == [8] * 8 + [16] * 8 + [20] * 4


def test_large_documents_are_not_held_a_batch_at_a_time() -> None:
    """Lines of 2 MiB: at most about one document is alive when the caller gets it."""
    issuer = Party.lookup("India")
    lines = [
        coopmodel.to_json(
            Statement(issuer=issuer, kind=StatementKind.REMARKS, text=f"{n}" * 2 * MIB)
        )
        for n in range(8)
    ]
    data = io.BytesIO(b"\n".join(lines))
    del lines
    peaks = []
    tracemalloc.start()
    try:
        for statement in coopmodel.read_jsonl(data, Statement):
            peaks.append(tracemalloc.get_traced_memory()[0])
            del statement
    finally:
        tracemalloc.stop()
    assert len(peaks) == 8
    # One document's text (2 MiB) and the start of the next line (at most a chunk,
    # 1 MiB): not a batch of 8 x 2 MiB.
    assert max(peaks) < 4 * MIB, [f"{peak / MIB:.1f} MiB" for peak in peaks]


@FORK
@FORK_WITH_THREADS
def test_a_child_forked_mid_read_gets_its_collector_back() -> None:
    """Another thread is building a batch when the process forks: the child's collector is on."""
    lines = b"".join(place(f"Town {n}") + b"\n" for n in range(50))
    holding = threading.Event()
    release = threading.Event()

    def pauser() -> None:
        with _io.gc_paused():
            holding.set()
            release.wait(timeout=10)

    was = gc.isenabled()
    gc.enable()
    thread = threading.Thread(target=pauser)
    thread.start()
    try:
        holding.wait(timeout=10)
        reader = coopmodel.read_jsonl(io.BytesIO(lines), Place)
        assert next(reader).locality == "Town 0"
        assert not gc.isenabled()  # the other thread's pause
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through its exit status
            status = 1
            try:
                ok = gc.isenabled()
                rest = [obj.locality for obj in reader]
                ok = ok and rest == [f"Town {n}" for n in range(1, 50)] and gc.isenabled()
                with _io.gc_paused():
                    ok = ok and not gc.isenabled()
                ok = ok and gc.isenabled()
                status = 0 if ok else 3
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert len(list(reader)) == 49
    finally:
        release.set()
        thread.join()
        assert gc.isenabled()
        if not was:
            gc.disable()


@FORK
def test_a_pause_entered_before_a_fork_ends_harmlessly_in_the_child() -> None:
    """The child inherits a pause it did not enter: leaving it must not unbalance the count."""
    parent = os.getpid()
    was = gc.isenabled()
    gc.enable()
    try:
        try:
            with _io.gc_paused():
                pid = os.fork()
                on_in_child = gc.isenabled()
        except BaseException:  # pragma: no cover - never let a child run on into pytest
            if os.getpid() != parent:
                os._exit(4)
            raise
        if pid == 0:  # pragma: no cover - the child reports through its exit status
            status = 1
            try:
                with _io.gc_paused():
                    paused = not gc.isenabled()
                status = 0 if on_in_child and paused and gc.isenabled() else 2
            finally:
                os._exit(status)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()


def test_freeze_moves_each_batch_to_the_permanent_generation() -> None:
    data = b"".join(place(f"Town {n}") + b"\n" for n in range(1000))
    before = gc.get_freeze_count()
    try:
        kept = list(coopmodel.read_jsonl(io.BytesIO(data), Place, freeze=True))
        assert len(kept) == 1000
        assert gc.get_freeze_count() >= before + 1000
    finally:
        gc.unfreeze()
    plain = list(coopmodel.read_jsonl(io.BytesIO(data), Place))
    assert len(plain) == 1000
    assert gc.get_freeze_count() == 0


# --- sizes in bytes and the accepted classes ------------------------------------


def test_the_size_of_a_buffer_is_counted_in_bytes() -> None:
    document = padded(coopmodel.to_json(Party.lookup("India")), MAX_DOCUMENT_BYTES + 8)
    wide = memoryview(document).cast("Q")
    assert len(wide) < MAX_DOCUMENT_BYTES < wide.nbytes
    with pytest.raises(ParseError) as raised:
        coopmodel.from_json(wide, Party)
    assert details(raised.value) == (
        ("$", f"is larger than the limit of {MAX_DOCUMENT_BYTES} bytes"),
    )
    # At the limit, the same buffer of 8-byte items is read.
    exact = memoryview(padded(coopmodel.to_json(Party.lookup("India")), MAX_DOCUMENT_BYTES)).cast(
        "Q"
    )
    assert coopmodel.from_json(exact, Party).code == "IND"


def test_bytes_that_are_not_utf8_are_named_so() -> None:
    with pytest.raises(ParseError) as raised:
        coopmodel.from_json(b'{"schema_version":1,"locality":"\xff"}', Place)
    assert raised.value.errors[0].path == "$"
    assert raised.value.errors[0].message == (
        "is not valid JSON: it is not valid UTF-8 text (invalid start byte at byte 32)"
    )


@attrs.frozen
class Scratch:
    """A throwaway attrs class: not coopmodel's."""

    name: str


@attrs.frozen
class LocalPlace(Place):
    """A subclass of a public class: not one of coopmodel's either."""


def assert_refused(call: Callable[[], object], name: str) -> None:
    with pytest.raises(TypeError) as raised:
        call()
    message = str(raised.value)
    assert name in message
    assert "expected one of ExternalId, Party," in message
    assert "Meeting" in message


@pytest.mark.parametrize("cls", [Scratch, LocalPlace, dict, int, Place.__init__])
def test_only_public_classes_are_read(cls: Any) -> None:
    document = {"schema_version": 1, "name": "x", "locality": "Kazan", "country": "IND"}
    text = orjson.dumps(document)
    assert_refused(lambda: coopmodel.from_dict(document, cls), repr(cls))
    assert_refused(lambda: coopmodel.from_json(text, cls), repr(cls))
    assert_refused(lambda: coopmodel.read_jsonl(io.BytesIO(text), cls), repr(cls))
    assert (_io._JSON, cls) not in _io._READERS
    assert (_io._CONVERTER, cls) not in _io._READERS


@pytest.mark.parametrize(
    "obj", [Scratch("x"), LocalPlace(locality="Kazan", country="IND"), {"a": 1}]
)
def test_only_public_objects_are_written(obj: Any) -> None:
    name = type(obj).__name__
    assert_refused(lambda: coopmodel.to_json(obj), name)
    assert_refused(lambda: coopmodel.to_dict(obj), name)
    buffer = io.BytesIO()
    assert_refused(
        lambda: coopmodel.write_jsonl([Place(locality="Kazan", country="IND"), obj], buffer), name
    )
    assert buffer.getvalue() == place("Kazan") + b"\n"  # what came before is written
    assert (_io._JSON, type(obj)) not in _io._WRITERS


def test_every_public_class_is_accepted() -> None:
    for cls in PUBLIC_CLASSES:
        with pytest.raises(ParseError):
            coopmodel.from_json(b"{}", cls)  # refused for what it holds, not for its class


def test_binary_and_text_writers_agree_and_read_back(tmp_path: pathlib.Path) -> None:
    places = [
        Place(locality=name, country="IND") for name in ("New\u2028Delhi", "A\u2029B", "C\u3000D")
    ]
    binary = io.BytesIO()
    text = io.StringIO()
    path = tmp_path / "text.jsonl"
    assert coopmodel.write_jsonl(places, binary) == 3
    assert coopmodel.write_jsonl(places, text) == 3
    with path.open("w", encoding="utf-8") as fp:
        assert coopmodel.write_jsonl(places, fp) == 3
    assert text.getvalue().encode() == binary.getvalue()
    assert path.read_bytes().replace(os.linesep.encode(), b"\n") == binary.getvalue()
    for name, opener in modes(path.read_bytes(), tmp_path):
        with opener() as fp:
            assert list(coopmodel.read_jsonl(fp, Place)) == places, name
