"""coopmodel extract: run() directly, and as `python -m coopmodel.text._cli`."""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from coopmodel import Meeting, from_dict

cli = pytest.importorskip("coopmodel.text._cli")

CORPUS = Path(__file__).parent / "corpus"
SEED = CORPUS / "seed-india-russia-wg-2025-08-06.txt"


def run(
    argv: list[str], capsys: pytest.CaptureFixture[str], stdin: bytes = b""
) -> tuple[int, list[dict], str]:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(argv)
    fake = io.TextIOWrapper(io.BytesIO(stdin))
    old = sys.stdin
    sys.stdin = fake
    try:
        status = cli.run(args)
    finally:
        sys.stdin = old
    out, err = capsys.readouterr()
    return status, [orjson.loads(line) for line in out.splitlines()], err


def test_one_pure_meeting_line_per_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run([str(SEED), str(CORPUS / "10-three-meetings.txt")], capsys)
    assert status == 0
    assert err == ""
    assert len(lines) == 4
    meeting = from_dict(lines[0], Meeting)
    assert meeting.forum.name.startswith("India-Russia Working Group")


def test_nothing_for_a_text_without_a_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run([str(CORPUS / "06-phone-call-negative.txt")], capsys)
    assert (status, lines) == (0, [])


def test_evidence_and_file_keys_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run([str(SEED), "--evidence", "--with-file"], capsys)
    assert status == 0
    (line,) = lines
    assert line["file"] == str(SEED)
    text = SEED.read_text("utf-8")
    (span,) = line["evidence"]["forum.name"]
    assert text[span[0] : span[1]] == line["forum"]["name"]


def test_stdin_publisher_and_published(capsys: pytest.CaptureFixture[str]) -> None:
    body = (
        b"India, Japan review rail ties\n\n"
        b"The India-Japan Joint Working Group on Rail was held in Tokyo on Tuesday.\n"
    )
    status, lines, _ = run(
        ["-", "--publisher", "Desk", "--published", "2025-08-08T10:00:00+09:00"], capsys, body
    )
    assert status == 0
    (line,) = lines
    assert line["when"]["start"] == "2025-08-05"
    assert line["sources"][0]["publisher"] == "Desk"
    assert line["sources"][0]["title"] == "India, Japan review rail ties"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [(b"\x00\x01binary", "binary"), (b"caf\xe9 au lait", "not UTF-8 (byte 0xe9 at offset 3)")],
)
def test_bad_input_is_one_line_and_status_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], payload: bytes, reason: str
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(payload)
    status, lines, err = run([str(bad), str(SEED)], capsys)
    assert status == 1
    assert len(lines) == 1  # the good file is still read
    assert err.count("\n") == 1
    assert reason in err
    assert "Traceback" not in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, lines, err = run([str(tmp_path / "nope.txt")], capsys)
    assert (status, lines) == (1, [])
    assert "nope.txt" in err
    assert err.count("\n") == 1


def test_published_must_have_an_offset() -> None:
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    with pytest.raises(SystemExit):
        parser.parse_args(["x", "--published", "2025-08-06T10:00:00"])


def test_module_runs_on_its_own(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\xff\xfe\x00")
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "coopmodel.text._cli", str(SEED), str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.strip().startswith("coopmodel extract:")
    assert "Traceback" not in result.stderr
