"""``coopmodel convert --to plover|jsonld`` and ``--from plover``."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest

import coopmodel as cm
from coopmodel import _convert_cli as convert
from coopmodel import _convert_interop, jsonld, plover

FIXTURES = Path(__file__).parent.parent / "fixtures"
RECORDS = Path(__file__).parent / "plover_records.jsonl"
MEETINGS = [cm.from_json(p.read_bytes(), cm.Meeting) for p in sorted(FIXTURES.glob("*.json"))]


def run(*argv: object) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="coopmodel convert")
    convert.add_arguments(parser)
    err = io.StringIO()
    code = convert.run(parser.parse_args([str(a) for a in argv]), stderr=err)
    return code, err.getvalue()


def plover_to_jsonl(source: Path, target: Path) -> tuple[int, str]:
    return run(source, target, "--from", "plover", "--to", "jsonl")


def write_jsonl(path: Path, meetings: list[cm.Meeting]) -> None:
    with path.open("wb") as fp:
        cm.write_jsonl(meetings, fp)


def read_jsonl(path: Path) -> list[cm.Meeting]:
    with path.open("rb") as fp:
        return list(cm.read_jsonl(fp, cm.Meeting))


def test_to_plover_writes_each_meetings_records(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    code, err = run(tmp_path / "in.jsonl", tmp_path / "out.plover.jsonl", "--to", "plover")
    assert code == 0, err
    assert err.endswith(f"2 meetings written to {tmp_path / 'out.plover.jsonl'} (plover)\n")
    lines = (tmp_path / "out.plover.jsonl").read_bytes().splitlines()
    expected = [r for m in MEETINGS for r in plover.to_plover(m)]
    assert [orjson.loads(line) for line in lines] == expected
    # The seed: one CONSULT and eight SUPPORT records; the postponed meeting: one AGREE.
    assert [r["event"] for r in expected] == ["CONSULT"] + ["SUPPORT"] * 8 + ["AGREE"]


def test_plover_round_trip_through_the_command(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    assert run(tmp_path / "in.jsonl", tmp_path / "p.jsonl", "--to", "plover")[0] == 0
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "back.jsonl")
    assert code == 0, err
    back = read_jsonl(tmp_path / "back.jsonl")
    direct = [
        m for original in MEETINGS for m in plover.from_plover(plover.to_plover(original)).meetings
    ]
    assert back == direct
    assert [m.id for m in back] == [m.id for m in MEETINGS]
    assert [m.areas for m in back] == [m.areas for m in MEETINGS]


def test_plover_records_of_the_real_format_with_warnings(tmp_path: Path) -> None:
    code, err = plover_to_jsonl(RECORDS, tmp_path / "out.jsonl")
    assert code == 0, err
    result = plover.from_plover(orjson.loads(line) for line in RECORDS.read_bytes().splitlines())
    assert read_jsonl(tmp_path / "out.jsonl") == list(result.meetings)
    warnings = [line for line in err.splitlines() if "written to" not in line]
    assert len(warnings) == len(result.problems)
    # Each warning names the line, the record and the field.
    assert f"coopmodel convert: {RECORDS}: line 6 record 'CM-GSR-CONSULT-0005' actor:" in err, err
    assert "'CM-GSR-AGREE-0001' event: ['AGREE'] is not a meeting" in err
    assert "names no country or known organization (skipped)" in err
    assert "(only CONSULT is); skipped\n" in err
    assert f"(jsonl; {len(result.problems)} warnings)" in err.splitlines()[-1]


def test_plover_array_file(tmp_path: Path) -> None:
    records = [orjson.loads(line) for line in RECORDS.read_bytes().splitlines()]
    (tmp_path / "records.json").write_bytes(orjson.dumps(records, option=orjson.OPT_INDENT_2))
    code, err = plover_to_jsonl(tmp_path / "records.json", tmp_path / "o.jsonl")
    assert code == 0, err
    assert read_jsonl(tmp_path / "o.jsonl") == list(plover.from_plover(records).meetings)


def test_plover_records_without_id_or_link_are_named_by_line(tmp_path: Path) -> None:
    record = {"event": "CONSULT", "actor": "USA", "date": "2024-01-01"}
    lines = [orjson.dumps(record), b"", orjson.dumps(record)]
    (tmp_path / "p.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "o.jsonl")
    assert code == 0
    assert "line 1 record '#0' actor:" in err
    assert "line 3 record '#0' actor:" in err


def test_plover_errors_name_the_line(tmp_path: Path) -> None:
    good = [orjson.dumps(r) for r in plover.to_plover(MEETINGS[0])]
    (tmp_path / "bad.jsonl").write_bytes(b"\n".join([*good[:2], b"{not json", *good[2:]]) + b"\n")
    code, err = plover_to_jsonl(tmp_path / "bad.jsonl", tmp_path / "o.jsonl")
    assert code == 1
    assert f"{tmp_path / 'bad.jsonl'} line 3: $: is not valid JSON" in err
    assert not (tmp_path / "o.jsonl").exists()
    # One meeting's records split apart: an error naming both lines, not two meetings.
    other = [orjson.dumps(r) for r in plover.to_plover(MEETINGS[1])]
    split = [good[0], *other, *good[1:]]
    (tmp_path / "split.jsonl").write_bytes(b"\n".join(split) + b"\n")
    code, err = plover_to_jsonl(tmp_path / "split.jsonl", tmp_path / "o.jsonl")
    assert code == 1
    assert "line 3: $.link: link 'ind-rus-wg-mic-2025-08' was seen on line 1" in err


def test_plover_link_groups_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_convert_interop, "MAX_GROUP", 3)
    records = plover.to_plover(MEETINGS[0])  # 9 records of one link
    (tmp_path / "p.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records[:3]))
    assert plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "a.jsonl")[0] == 0
    (tmp_path / "p.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records[:4]))
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "b.jsonl")
    assert code == 1
    assert "line 1: $.link: link 'ind-rus-wg-mic-2025-08' has more than 3 records" in err


def test_links_checked_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_convert_interop, "MAX_LINKS_CHECKED", 1)
    records = [plover.to_plover(attrs.evolve(MEETINGS[1], id=f"m{i}"))[0] for i in range(3)]
    lines = [orjson.dumps(r) for r in [records[0], records[1], records[2], records[1]]]
    (tmp_path / "p.jsonl").write_bytes(b"\n".join(lines))
    # Only m0 is remembered: m1 seen again is past the bound, so not caught.
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "o.jsonl")
    assert code == 0, err
    assert [m.id for m in read_jsonl(tmp_path / "o.jsonl")] == ["m0", "m1", "m2", "m1"]
    lines.append(lines[0])
    (tmp_path / "p.jsonl").write_bytes(b"\n".join(lines))
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "o2.jsonl")
    assert code == 1
    assert "link 'm0' was seen on line 1" in err


def test_warnings_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "MAX_WARNINGS", 2)
    record = {"event": "AGREE", "actor": "USA", "date": "2024-01-01"}
    (tmp_path / "p.jsonl").write_bytes(b"".join(orjson.dumps(record) + b"\n" for _ in range(5)))
    code, err = plover_to_jsonl(tmp_path / "p.jsonl", tmp_path / "o.jsonl")
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 4, lines
    assert lines[2].endswith("... and 3 more warnings")
    assert lines[3].endswith("(jsonl; 5 warnings)")


def test_cancelled_meeting_is_said_when_writing_plover(tmp_path: Path) -> None:
    cancelled = attrs.evolve(MEETINGS[1], status=cm.MeetingStatus.CANCELLED)
    write_jsonl(tmp_path / "in.jsonl", [cancelled])
    code, err = run(tmp_path / "in.jsonl", tmp_path / "p.jsonl", "--to", "plover")
    assert code == 0
    assert f"meeting {cancelled.id!r}: cancelled, so PLOVER has no event for it" in err
    assert (tmp_path / "p.jsonl").read_bytes() == b""


def test_to_jsonld_is_one_document_with_a_graph(tmp_path: Path) -> None:
    pyld = pytest.importorskip("pyld.jsonld")
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    code, err = run(tmp_path / "in.jsonl", tmp_path / "out.jsonld", "--to", "jsonld")
    assert code == 0, err
    document = orjson.loads((tmp_path / "out.jsonld").read_bytes())
    assert document["@context"] == jsonld.context()["@context"]
    assert [n["identifier"] for n in document["@graph"]] == [m.id for m in MEETINGS]
    # Expanded, the graph holds exactly what each meeting's own document holds.
    options: dict[str, Any] = {"documentLoader": jsonld.document_loader}
    expanded = pyld.expand(document, options)
    one_by_one = [node for m in MEETINGS for node in pyld.expand(jsonld.to_jsonld(m), options)]
    assert expanded == one_by_one


def test_jsonld_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "x.jsonld").write_text("{}")
    code, err = run(tmp_path / "x.jsonld", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "cannot tell the format from the suffix '.jsonld'" in err


def test_the_command_line_lists_the_formats() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coopmodel", "convert", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "{jsonl,jsonld,parquet,plover}" in done.stdout
    assert "{json,jsonl,parquet,plover}" in done.stdout


def test_the_docs_state_the_bounds_the_code_has() -> None:
    docs = Path(__file__).parent.parent.parent / "docs"
    plover_page = (docs / "how-to" / "plover.md").read_text("utf-8")
    cli_page = (docs / "reference" / "cli.md").read_text("utf-8")
    assert f"first {convert.MAX_WARNINGS} warnings" in plover_page
    assert f"at most {convert.MAX_WARNINGS} are printed" in cli_page
    assert f"first {convert.MAX_LINKS_CHECKED:,} links" in plover_page
    assert f"at most {_convert_interop.MAX_GROUP:,}" in plover_page
    mib = cm.MAX_DOCUMENT_BYTES // 2**20
    assert f"(up to {mib} MiB)" in plover_page
    assert f"(up to {mib} MiB)" in cli_page
