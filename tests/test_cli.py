"""The ``coopmodel`` command, run as a subprocess the way a user runs it.

Starting Python and importing coopmodel costs about a second here, so every
subprocess case is declared once (``@case``) and all of them run together on
a small thread pool the first time a test asks for one; each test then checks
its own case's exact output.  Functions of the command that need no process
(escaping, time formats) are tested in-process, with properties.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import io
import json
import os
import resource
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coopmodel
from coopmodel import (
    CooperationArea,
    DateSpan,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    PartialDate,
    Party,
    Person,
    Source,
    Stage,
    TimeSpan,
)
from coopmodel._cli import _parser, main
from coopmodel._cli._render import describe, ordinal
from coopmodel._cli._terminal import escape
from coopmodel._model import PUBLIC_CLASSES
from helpers import SEED_JSON

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

LIMIT = coopmodel.MAX_DOCUMENT_BYTES
EXIT_BROKEN_PIPE = 128 + signal.SIGPIPE

# -- the documents ------------------------------------------------------------

INDIA = Party.state("IND")
RUSSIA = Party.state("RUS")
FORUM = Forum(
    id="ind-rus-wg",
    name="India-Russia Working Group",
    kind=ForumKind.WORKING_GROUP,
    parties=(INDIA, RUSSIA),
    acronym="WG-MIC",
)
SOURCE = Source(publisher="Business Standard", title="India, Russia hold talks")
KOLKATA = "Asia/Kolkata"
# The model refuses control characters other than tabs and line breaks; a line
# break, a line separator and bidi controls are still text, and must not reach
# the terminal raw.
HOSTILE_TITLE = "Talks\n  id:            fake\u2028\u202egnp.exe\u200f"


def meeting(**changes: object) -> Meeting:
    fields: dict[str, object] = {
        "id": "ind-rus-wg-2025",
        "title": "Working Group meeting",
        "forum": FORUM,
        "sources": (SOURCE,),
    }
    return Meeting(**(fields | changes))  # type: ignore[arg-type]


ONE_TIME = meeting(
    id="one-time",
    title=HOSTILE_TITLE,
    session=5,
    when=TimeSpan(pendulum.datetime(2025, 10, 2, 14, 0, tz=KOLKATA)),
    participants=(
        Person(name="S. Jaishankar", role="External Affairs Minister", affiliation=INDIA),
        Organization(name="Ministry of Industry", kind=OrganizationKind.MINISTRY, party=RUSSIA),
    ),
    areas=(
        CooperationArea.of("minerals.rare_earths", Stage.AGREED),
        CooperationArea(
            code="minerals.lithium_brine", label="Lithium brine", stage=Stage.AGREED, custom=True
        ),
        CooperationArea.of("aerospace", Stage.EXPLORED),
    ),
)
ONE_DAY = meeting(
    id="one-day",
    title="Second meeting",
    status=MeetingStatus.SCHEDULED,
    session=12,
    when=DateSpan(pendulum.date(2025, 10, 3)),
)
THREE_DAYS = meeting(
    id="three-days",
    title="Third meeting",
    session=23,
    when=DateSpan(pendulum.date(2025, 10, 3), pendulum.date(2025, 10, 5)),
)

SUMMARY_ONE_TIME = [
    "Talks\\n  id:            fake\\u2028\\u202egnp.exe\\u200f",
    "  id:            one-time",
    "  status:        held",
    "  session:       5th",
    "  forum:         WG-MIC",
    "  parties:       India (IND), Russia (RUS)",
    (
        "  participants:  S. Jaishankar (External Affairs Minister, India), "
        "Ministry of Industry (Russia)"
    ),
    "  when:          2025-10-02 14:00 Asia/Kolkata (UTC+05:30)",
    "  agreed:        Rare earths, Lithium brine (custom)",
    "  explored:      Aerospace",
    "  source:        Business Standard: India, Russia hold talks",
]
SUMMARY_ONE_DAY = [
    "Second meeting",
    "  id:            one-day",
    "  status:        scheduled",
    "  session:       12th",
    "  forum:         WG-MIC",
    "  parties:       India (IND), Russia (RUS)",
    "  when:          2025-10-03",
    "  source:        Business Standard: India, Russia hold talks",
]


def jsonl(*objs: object) -> bytes:
    return b"".join(coopmodel.to_json(obj) + b"\n" for obj in objs)


def seed_dict() -> dict[str, object]:
    data: dict[str, object] = json.loads(SEED_JSON.read_bytes())
    return data


def without_forum_and_title() -> bytes:
    data = seed_dict()
    del data["forum"]
    data["title"] = ""
    return json.dumps(data).encode()


def write_inputs(root: Path) -> None:
    """Every file the cases read."""
    (root / "meetings.jsonl").write_bytes(
        jsonl(ONE_TIME)
        + b"\n   \n"  # blank lines are skipped, and still counted
        + without_forum_and_title()
        + b"\n{not json\n"
        + jsonl(ONE_DAY)
        + b'{"schema_version": 1, "id": "\\u001b[31mred", "title": "x"}\n'
    )
    (root / "meetings.ndjson").write_bytes(jsonl(ONE_DAY, THREE_DAYS))
    (root / "meeting.json").write_bytes(SEED_JSON.read_bytes())
    (root / "party.json").write_bytes(coopmodel.to_json(INDIA))
    bad_code = seed_dict()
    bad_code["forum"]["parties"][0]["code"] = "XX"  # type: ignore[index]
    (root / "bad-code.json").write_bytes(json.dumps(bad_code).encode())
    (root / "zero.json").symlink_to("/dev/zero")
    with (root / "sparse.json").open("wb") as fp:
        fp.truncate(1 << 30)  # 1 GiB that takes no disk
    with (root / "long-line.jsonl").open("wb") as fp:
        fp.write(jsonl(ONE_DAY))
        fp.seek(LIMIT * 2)  # a line of 32 MiB of NUL bytes, then two more records
        fp.write(b"\n" + jsonl(ONE_DAY, THREE_DAYS))
    (root / "big.jsonl").write_bytes(jsonl(*[ONE_DAY] * 2000))
    (root / os.fsdecode(b"caf\xe9\x1b[31m.jsonl")).write_bytes(b"[]\n")


# -- the cases: each runs once, all together ----------------------------------


@attrs.frozen
class Result:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def coopmodel_command(
    root: Path, *args: str | bytes, stdin: bytes = b"", limit: int | None = None
) -> Result:
    def limited() -> None:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    process = subprocess.run(  # noqa: S603 - our own command, arguments from this file
        [sys.executable, "-m", "coopmodel", *args],
        input=stdin,
        capture_output=True,
        cwd=root,
        timeout=60,
        check=False,
        preexec_fn=limited,
    )
    return Result(process.returncode, process.stdout.decode(), process.stderr.decode())


CASES: dict[str, Callable[[Path], Result]] = {}


def case(function: Callable[[Path], Result]) -> Callable[[Path], Result]:
    CASES[function.__name__] = function
    return function


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Result]]:
    root = tmp_path_factory.mktemp("cli")
    write_inputs(root)
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(function, root) for name, function in CASES.items()}
        yield lambda name: futures[name].result()


def starts(lines: list[str], prefixes: list[str]) -> bool:
    """Whether each line starts with its prefix, and there are as many of both."""
    return len(lines) == len(prefixes) and all(map(str.startswith, lines, prefixes))


# -- item 11: every line, every problem, the counts ---------------------------


@case
def validate_lines(root: Path) -> Result:
    return coopmodel_command(
        root, "validate", "meetings.jsonl", "meetings.ndjson", "meeting.json", "bad-code.json"
    )


def test_validate_reports_every_bad_line_and_counts(ran: Callable[[str], Result]) -> None:
    result = ran("validate_lines")
    # coopmodel's own words exactly; the model's messages by their JSON paths.
    assert starts(
        result.lines,
        [
            "meetings.jsonl:4: 2 problems:",
            "  $.forum: is missing",
            "  $.title: ",
            "meetings.jsonl:5: $: is not valid JSON: ",
            "meetings.jsonl:7: 3 problems:",
            "  $.forum: is missing",
            "  $.sources: is missing",
            "  $.id: ",
            "bad-code.json: $.forum.parties[0].code: 'XX' ",
            "5 valid and 4 invalid Meeting records in",
        ],
    )
    assert result.lines[-1] == "5 valid and 4 invalid Meeting records in 4 files"
    assert "\\x1b[31mred" in result.lines[-3] or "\\u001b[31mred" in result.lines[-3]
    assert "\x1b" not in result.out
    assert result.status == 1
    assert result.err == ""


# -- item 12: every public class ----------------------------------------------


@case
def validate_party_as_meeting(root: Path) -> Result:
    return coopmodel_command(root, "validate", "party.json")


def test_validate_hints_at_the_class_a_document_is(ran: Callable[[str], Result]) -> None:
    result = ran("validate_party_as_meeting")
    assert result.lines[0].startswith("party.json: ")  # the problems are the model's
    assert result.lines[-2:] == [
        "  hint: this is a valid Party; use --type Party",
        "0 valid and 1 invalid Meeting record in 1 file",
    ]
    assert result.status == 1


def test_validate_type_names_any_public_class_in_any_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "party.json").write_bytes(coopmodel.to_json(INDIA))
    assert main(["validate", "--type", "party", str(tmp_path / "party.json")]) == 0
    assert capsys.readouterr().out == "1 valid and 0 invalid Party record in 1 file\n"


@case
def summary_party(root: Path) -> Result:
    return coopmodel_command(root, "summary", "--type", "Party", "party.json")


def test_summary_of_another_class_lists_its_fields(ran: Callable[[str], Result]) -> None:
    assert ran("summary_party") == Result(
        0,
        "Party: India (IND)\n"
        "  kind:          state\n"
        "  code:          IND\n"
        "  name:          India\n",
        "",
    )


@case
def schema_source(root: Path) -> Result:
    return coopmodel_command(root, "schema", "Source")


def test_schema_of_a_class(ran: Callable[[str], Result]) -> None:
    result = ran("schema_source")
    assert result.status == 0
    assert json.loads(result.out) == coopmodel.json_schema(Source)
    assert result.out.startswith('{\n  "$schema"')


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda cls: cls.__name__)
def test_schema_of_every_public_class(cls: type, capsys: pytest.CaptureFixture[bytes]) -> None:
    assert main(["schema", cls.__name__]) == 0
    assert json.loads(capsys.readouterr().out) == coopmodel.json_schema(cls)


def test_schema_of_an_unknown_class_lists_the_known(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["schema", "Nope"])
    known = ", ".join(cls.__name__ for cls in PUBLIC_CLASSES)
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "coopmodel schema: error: argument CLASS: 'Nope' is not a coopmodel class; "
        f"expected one of {known}"
    )


# -- item 13: file kinds, standard input, --version, --help -------------------


@case
def stdin_document(root: Path) -> Result:
    return coopmodel_command(root, "validate", "-", stdin=b"\n" + SEED_JSON.read_bytes())


def test_stdin_of_one_document_over_many_lines(ran: Callable[[str], Result]) -> None:
    assert SEED_JSON.read_bytes().count(b"\n") > 10  # pretty-printed
    assert ran("stdin_document") == Result(
        0, "1 valid and 0 invalid Meeting record in 1 file\n", ""
    )


@case
def stdin_lines(root: Path) -> Result:
    text = jsonl(ONE_DAY) + b"\n" + b"[1]\n" + jsonl(THREE_DAYS)
    return coopmodel_command(root, "summary", "-", stdin=text)


def test_stdin_of_json_lines(ran: Callable[[str], Result]) -> None:
    result = ran("stdin_lines")
    assert result.lines[0] == "# <stdin>:1"
    assert result.lines[1] == "Second meeting"
    assert "# <stdin>:4" in result.lines
    assert result.err == "<stdin>:3: $: is an array, expected an object\n"
    assert result.status == 1


def test_stdin_format_option_decides(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pretty = SEED_JSON.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pretty)))
    assert main(["validate", "--format", "jsonl", "-"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("<stdin>:1: $: is not valid JSON")
    assert lines[-1] == f"0 valid and {len(lines) - 1} invalid Meeting records in 1 file"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(pretty)))
    assert main(["validate", "--format", "json", "-"]) == 0


def test_stdin_read_as_one_document_gets_a_hint(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"{\n  [1,\n2]\n")))
    assert main(["validate", "-"]) == 1
    assert capsys.readouterr().out.splitlines()[1:] == [
        (
            "  hint: standard input was read as one JSON document, as its first line is not "
            "a whole JSON value; use --format jsonl to read it as JSON Lines"
        ),
        "0 valid and 1 invalid Meeting record in 1 file",
    ]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"coopmodel {coopmodel.__version__}\n"


@pytest.mark.parametrize("command", [[], ["summary"], ["validate"], ["schema"]])
def test_help_is_plain_text(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0
    assert out.startswith(f"usage: coopmodel {' '.join(command)}".rstrip() + " [-h]")
    for markup in ("``", ":class:", ":func:", "*FILE*", "{summary"):
        assert markup not in out


def test_help_lists_commands_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "usage: coopmodel [-h] [--version] COMMAND ..."
    for command in ("summary", "validate", "schema", "extract"):
        assert any(line.split()[:1] == [command] for line in lines)
    assert "  A file whose name ends in .jsonl or .ndjson is read as JSON Lines: one" in lines
    assert "  141  the reader of the output went away (a broken pipe), as for cat" in lines


# -- item 14: the summary ------------------------------------------------------


@case
def summary_lines(root: Path) -> Result:
    return coopmodel_command(root, "summary", "meetings.jsonl", "meetings.ndjson")


def test_summary_of_json_lines(ran: Callable[[str], Result]) -> None:
    result = ran("summary_lines")
    three_days = [
        "Third meeting",
        "  id:            three-days",
        "  status:        held",
        "  session:       23rd",
        "  forum:         WG-MIC",
        "  parties:       India (IND), Russia (RUS)",
        "  when:          2025-10-03 to 2025-10-05",
        "  source:        Business Standard: India, Russia hold talks",
    ]
    assert result.lines == [
        *["# meetings.jsonl:1", *SUMMARY_ONE_TIME, ""],
        *["# meetings.jsonl:6", *SUMMARY_ONE_DAY, ""],
        *["# meetings.ndjson:1", *SUMMARY_ONE_DAY, ""],
        *["# meetings.ndjson:2", *three_days],
    ]
    # The refused records go to standard error, as validate reports them.
    assert starts(
        result.err.splitlines(),
        [
            "meetings.jsonl:4: 2 problems:",
            "  $.forum: is missing",
            "  $.title: ",
            "meetings.jsonl:5: $: is not valid JSON: ",
            "meetings.jsonl:7: 3 problems:",
            "  $.forum: is missing",
            "  $.sources: is missing",
            "  $.id: ",
        ],
    )
    assert "\x1b" not in result.out + result.err
    assert result.status == 1


@case
def summary_document(root: Path) -> Result:
    return coopmodel_command(root, "summary", "meeting.json")


def test_summary_of_one_document(ran: Callable[[str], Result]) -> None:
    result = ran("summary_document")
    seed = coopmodel.from_json(SEED_JSON.read_bytes(), Meeting)
    # One document: no "#" header.
    assert result.lines[:3] == [seed.title, f"  id:            {seed.id}", "  status:        held"]
    labels = [line.split(":")[0].strip() for line in result.lines]
    stages = [label for label in labels if label in {"welcomed", "discussed", "explored"}]
    assert stages == ["welcomed", "discussed", "explored"]  # the furthest stage first
    explored = result.lines[labels.index("explored")]
    assert explored.startswith("  explored:      Rare earths, Critical minerals, ")
    assert result.lines[labels.index("forum")] == (
        "  forum:         India-Russia Working Group on Modernization and Industrial "
        "Cooperation < IRIGC-TEC"
    )
    assert result.lines[labels.index("context")] == (
        "  context:       backdrop: US President Donald Trump announced high tariffs on India."
    )
    assert (result.status, result.err) == (0, "")


def test_schema_of_a_meeting_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == coopmodel.json_schema(Meeting)


# -- item 15: sizes, escapes, output errors, file names -----------------------


@case
def too_large(root: Path) -> Result:
    # 768 MiB of address space: reading the 1 GiB file whole cannot fit.
    return coopmodel_command(
        root, "validate", "zero.json", "sparse.json", "long-line.jsonl", limit=768 << 20
    )


def test_large_inputs_are_refused_while_reading(ran: Callable[[str], Result]) -> None:
    assert ran("too_large") == Result(
        1,
        f"zero.json: $: is larger than the limit of {LIMIT} bytes\n"
        f"sparse.json: $: is larger than the limit of {LIMIT} bytes\n"
        f"long-line.jsonl:2: $: is larger than the limit of {LIMIT} bytes\n"
        "3 valid and 3 invalid Meeting records in 3 files\n",
        "",
    )


def broken_pipe_run(root: Path, *args: str) -> Result:
    with subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "coopmodel", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        err = process.stderr.read()
        status = process.wait(timeout=60)
    return Result(status, first.decode(), err.decode())


@case
def broken_pipe(root: Path) -> Result:
    return broken_pipe_run(root, "summary", "big.jsonl")


def test_broken_pipe_ends_quietly(ran: Callable[[str], Result]) -> None:
    assert ran("broken_pipe") == Result(EXIT_BROKEN_PIPE, "# big.jsonl:1\n", "")


@case
def disk_full(root: Path) -> Result:
    with Path("/dev/full").open("wb") as full:
        process = subprocess.run(
            [sys.executable, "-m", "coopmodel", "summary", "meeting.json"],
            cwd=root,
            stdout=full,
            stderr=subprocess.PIPE,
            check=False,
            timeout=60,
        )
    return Result(process.returncode, "", process.stderr.decode())


def test_write_error_is_blamed_on_the_output(ran: Callable[[str], Result]) -> None:
    assert ran("disk_full") == Result(
        2, "", "coopmodel: cannot write output: No space left on device\n"
    )


def test_closed_stdout_is_an_output_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # what Python does when descriptor 1 is closed
    assert main(["validate", str(SEED_JSON)]) == 2
    assert capsys.readouterr().err == "coopmodel: cannot write output: standard output is closed\n"


@case
def odd_file_names(root: Path) -> Result:
    return coopmodel_command(root, "validate", b"\xff-missing.json", b"caf\xe9\x1b[31m.jsonl")


def test_undecodable_file_names_are_shown_escaped(ran: Callable[[str], Result]) -> None:
    assert ran("odd_file_names") == Result(
        2,
        "caf\\xe9\\x1b[31m.jsonl:1: $: is an array, expected an object\n"
        "0 valid and 1 invalid Meeting record in 2 files; 1 file could not be read\n",
        "coopmodel: cannot read \\xff-missing.json: No such file or directory\n",
    )


def test_usage_errors_are_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["schema", "Meeting", "\x1b]0;owned\x07\u202e"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "coopmodel: error: unrecognized arguments: \\x1b]0;owned\\x07\\u202e"
    )


# -- extract: from the text extra, loaded only when used ----------------------


@case
def extract_missing(root: Path) -> Result:
    # Block the module as if the extra were not installed (it may be, once merged).
    script = (
        "import sys; sys.modules['coopmodel.text._cli'] = None; "
        "from coopmodel.__main__ import main; sys.exit(main(['extract', 'news.txt']))"
    )
    process = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-c", script], cwd=root, capture_output=True, check=False, timeout=60
    )
    return Result(process.returncode, process.stdout.decode(), process.stderr.decode())


def test_extract_without_the_text_extra(ran: Callable[[str], Result]) -> None:
    assert ran("extract_missing") == Result(
        2,
        "",
        "coopmodel: extract needs the text extra, which is not installed (no module "
        "'coopmodel.text._cli'); install it with: pip install 'coopmodel[text]'\n",
    )


def test_other_commands_do_not_load_extract(capsys: pytest.CaptureFixture[str]) -> None:
    sys.modules.pop("coopmodel.text._cli", None)
    assert main(["schema", "Party"]) == 0
    assert "coopmodel.text._cli" not in sys.modules
    capsys.readouterr()


# -- the reference page follows the parser -----------------------------------

REFERENCE = Path(__file__).parent.parent / "docs" / "reference" / "cli.md"


def test_reference_page_names_every_command_option_and_class() -> None:
    page = REFERENCE.read_text(encoding="utf-8")
    parser = _parser(None)
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        assert f"## `coopmodel {name}" in page
        for action in [*parser._actions, *command._actions]:
            for option in set(action.option_strings) - {"-h"}:
                assert f"`{option}" in page or f"coopmodel {option}" in page
    for cls in PUBLIC_CLASSES:
        assert f"`{cls.__name__}`" in page
    for status in (0, 1, 2, 130, EXIT_BROKEN_PIPE):
        assert f"| {status} |" in page


# -- in-process: escaping and time formats ------------------------------------

BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
UNSAFE = {chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))} | set(BIDI) | {"\u2028", "\u2029"}


@given(st.text())
def test_escape_leaves_no_control_or_bidi_character(text: str) -> None:
    shown = escape(text)
    assert not UNSAFE & set(shown)
    assert not any(0xD800 <= ord(char) < 0xE000 for char in shown)


@given(st.text(st.characters(exclude_categories=["Cc", "Cs", "Cf", "Zl", "Zp"])))
def test_escape_keeps_printable_text(text: str) -> None:
    assert escape(text) == text


@pytest.mark.parametrize(
    ("char", "shown"),
    [("\n", "\\n"), ("\x1b", "\\x1b"), ("\x7f", "\\x7f"), ("\x9b", "\\x9b"), ("\u202e", "\\u202e")]
    + [(char, f"\\u{ord(char):04x}") for char in BIDI],
)
def test_escape_forms(char: str, shown: str) -> None:
    assert escape(f"a{char}b") == f"a{shown}b"
    assert unicodedata.category(char) in {"Cc", "Cf"}


def at(hour: int, minute: int = 0, day: int = 2, tz: str | pendulum.FixedTimezone = KOLKATA):
    return pendulum.datetime(2025, 10, day, hour, minute, tz=tz)


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (TimeSpan(at(14)), "2025-10-02 14:00 Asia/Kolkata (UTC+05:30)"),
        (TimeSpan(at(14), at(14)), "2025-10-02 14:00 Asia/Kolkata (UTC+05:30)"),
        (TimeSpan(at(14), at(16, 30)), "2025-10-02 14:00 to 16:30 Asia/Kolkata (UTC+05:30)"),
        (
            TimeSpan(at(14), at(11, day=3)),
            "2025-10-02 14:00 to 2025-10-03 11:00 Asia/Kolkata (UTC+05:30)",
        ),
        (
            TimeSpan(at(14, tz=pendulum.FixedTimezone(-(3 * 3600 + 1800)))),
            "2025-10-02 14:00 UTC-03:30",
        ),
        (
            TimeSpan(at(14), at(12, tz="Europe/Moscow")),
            (
                "2025-10-02 14:00 Asia/Kolkata (UTC+05:30) to 2025-10-02 12:00 Europe/Moscow "
                "(UTC+03:00)"
            ),
        ),
        (
            TimeSpan(at(14), raw="2 PM IST"),
            '2025-10-02 14:00 Asia/Kolkata (UTC+05:30) ("2 PM IST")',
        ),
        (DateSpan(pendulum.date(2025, 10, 2)), "2025-10-02"),
        (
            DateSpan(pendulum.date(2025, 10, 2), pendulum.date(2025, 10, 4)),
            "2025-10-02 to 2025-10-04",
        ),
        (PartialDate(2025, 10), "October 2025"),
        (PartialDate(2025), "2025"),
    ],
)
def test_describe_times(when: object, shown: str) -> None:
    assert describe(when) == shown


@given(st.integers(min_value=1, max_value=10**6))
def test_ordinal(number: int) -> None:
    text = ordinal(number)
    assert text.removesuffix(text[-2:]) == str(number)
    teen = number % 100 in {11, 12, 13}
    expected = "th" if teen else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    assert text.endswith(expected)
