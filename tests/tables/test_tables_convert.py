"""``coopmodel convert``, through its run function."""

from __future__ import annotations

import argparse
import io
from typing import TYPE_CHECKING

import attrs
import orjson
import pytest

import coopmodel as cm
from coopmodel import _convert_cli as convert
from helpers import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pyarrow")

MEETINGS = [cm.from_json(p.read_bytes(), cm.Meeting) for p in sorted(FIXTURES.glob("*.json"))]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="coopmodel convert")
    convert.add_arguments(parser)
    return parser.parse_args([str(a) for a in argv])


def run(*argv: object) -> tuple[int, str]:
    err = io.StringIO()
    code = convert.run(parse(*map(str, argv)), stderr=err)
    return code, err.getvalue()


def write_jsonl(path: Path, meetings: list[cm.Meeting]) -> None:
    with path.open("wb") as fp:
        cm.write_jsonl(meetings, fp)


def test_jsonl_to_parquet_and_back(tmp_path: Path) -> None:
    many = [attrs.evolve(m, id=f"{m.id}-{i}") for i in range(3) for m in MEETINGS]
    write_jsonl(tmp_path / "in.ndjson", many)
    code, err = run(tmp_path / "in.ndjson", tmp_path / "out.parquet", "--to", "parquet")
    assert (code, err) == (
        0,
        f"coopmodel convert: 6 meetings written to {tmp_path / 'out.parquet'} (parquet)\n",
    )
    assert (tmp_path / "out.parquet" / "meetings" / "year=2026").is_dir()
    # A dataset directory is read as Parquet without --from.
    code, err = run(tmp_path / "out.parquet", tmp_path / "back.jsonl", "--to", "jsonl")
    assert code == 0, err
    with (tmp_path / "back.jsonl").open("rb") as fp:
        back = list(cm.read_jsonl(fp, cm.Meeting))
    assert {m.id: m for m in back} == {m.id: m for m in many}


def test_json_inputs(tmp_path: Path) -> None:
    # One pretty-printed document, as the fixtures are.
    code, err = run(
        FIXTURES / "sco-wg-postponed-2026.json", tmp_path / "one.jsonl", "--to", "jsonl"
    )
    assert code == 0, err
    assert (tmp_path / "one.jsonl").read_bytes() == cm.to_json(MEETINGS[1]) + b"\n"
    # An array of documents.
    array = tmp_path / "all.json"
    array.write_bytes(orjson.dumps([cm.to_dict(m) for m in MEETINGS]))
    code, err = run(array, tmp_path / "all.jsonl", "--to", "jsonl")
    assert code == 0, err
    assert (tmp_path / "all.jsonl").read_bytes().count(b"\n") == 2


def test_errors_name_the_record_and_field(tmp_path: Path) -> None:
    lines = [cm.to_json(m) for m in MEETINGS]
    lines[1] = lines[1].replace(b'"status":"postponed"', b'"status":"adjourned"')
    (tmp_path / "bad.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    code, err = run(tmp_path / "bad.jsonl", tmp_path / "out", "--to", "parquet")
    assert code == 1
    assert f"{tmp_path / 'bad.jsonl'} line 2: $.status:" in err
    assert "'adjourned'" in err
    assert not (tmp_path / "out").exists()  # nothing half-written is left

    array = tmp_path / "bad.json"
    array.write_bytes(orjson.dumps([cm.to_dict(MEETINGS[0]), {"schema_version": 1, "id": "x"}]))
    code, err = run(array, tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "$[1].title: is missing" in err


def test_parquet_errors_name_table_meeting_and_column(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    assert run(tmp_path / "in.jsonl", tmp_path / "ds", "--to", "parquet")[0] == 0
    file = next((tmp_path / "ds" / "areas").rglob("*.parquet"))
    table = pq.read_table(file)
    stages = table.column("stage").cast(pa.string()).to_pylist()
    stages[0] = "ratified"
    pq.write_table(
        table.set_column(table.column_names.index("stage"), "stage", pa.array(stages)), file
    )
    code, err = run(tmp_path / "ds", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "areas.stage (meeting 'ind-rus-wg-mic-2025-08'): 'ratified' is not one of" in err


def test_usage_errors(tmp_path: Path) -> None:
    code, err = run(tmp_path / "in.csv", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "cannot tell the format from the suffix '.csv'" in err
    code, err = run(tmp_path / "missing.jsonl", tmp_path / "o.jsonl", "--to", "jsonl")
    assert (code, err) == (
        1,
        f"coopmodel convert: {str(tmp_path / 'missing.jsonl')!r} does not exist\n",
    )
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    (tmp_path / "o.jsonl").write_text("keep me")
    code, err = run(tmp_path / "in.jsonl", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "exists; remove it or pass --force" in err
    assert (tmp_path / "o.jsonl").read_text() == "keep me"
    code, _ = run(tmp_path / "in.jsonl", tmp_path / "o.jsonl", "--to", "jsonl", "--force")
    assert code == 0
    (tmp_path / "somedir").mkdir()
    code, err = run(tmp_path / "in.jsonl", tmp_path / "somedir", "--to", "parquet", "--force")
    assert code == 1
    assert "not a coopmodel dataset; not replacing it" in err
    # jsonl written under a .json name is read as JSON Lines with --from.
    code, _ = run(tmp_path / "in.jsonl", tmp_path / "ds", "--to", "parquet", "--from", "jsonl")
    assert code == 0
    with pytest.raises(SystemExit):
        parse(tmp_path / "in.jsonl", tmp_path / "x", "--to", "json")  # json is read only


def test_progress_bar(tmp_path: Path) -> None:
    pytest.importorskip("tqdm")
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    code, err = run(tmp_path / "in.jsonl", tmp_path / "o.jsonl", "--to", "jsonl", "--progress")
    assert code == 0
    assert "2 meetings" in err.replace("2.00", "2")


def test_a_new_format_is_one_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "FORMATS", dict(convert.FORMATS))
    written: list[str] = []

    def write_ids(meetings, path, warn):
        written.extend(m.id for m in meetings)
        path.write_text("\n".join(written))
        return len(written)

    convert.register_format(convert.Format("ids", (".ids",), write=write_ids))
    write_jsonl(tmp_path / "in.jsonl", MEETINGS)
    code, _ = run(tmp_path / "in.jsonl", tmp_path / "o.ids", "--to", "ids")
    assert code == 0
    assert written == [m.id for m in MEETINGS]


def test_json_files_are_read_whole_only_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(convert, "MAX_DOCUMENT_BYTES", 4096)
    docs = [cm.to_dict(m) for m in MEETINGS]
    small = orjson.dumps(docs[1])
    assert len(small) <= 4096 < len(orjson.dumps(docs))
    (tmp_path / "a.json").write_bytes(orjson.dumps(docs))
    code, err = run(tmp_path / "a.json", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 1
    assert "$: is a JSON array larger than 4096 bytes; write it as JSON Lines" in err
    # JSON Lines under a .json name, longer than the limit: streamed.
    lines = [cm.to_json(MEETINGS[1]) for _ in range(10)]
    (tmp_path / "b.json").write_bytes(b"\n".join(lines))
    code, err = run(tmp_path / "b.json", tmp_path / "o.jsonl", "--to", "jsonl")
    assert code == 0, err
    assert "10 meetings written" in err
