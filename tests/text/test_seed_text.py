"""The seed report extracts to the hand-made seed meeting, field for field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coopmodel import Meeting, from_json, to_dict

text = pytest.importorskip("coopmodel.text")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent.parent / "shared" / "seed" / "india-russia-wg-2025-08-06.txt"
SEED_COPY = ROOT / "tests" / "text" / "corpus" / "seed-india-russia-wg-2025-08-06.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "india-russia-wg-2025-08-06.json"

#: Fields the text cannot give, and why.
NOT_IN_TEXT = {
    # A hand-written summary: the extractor writes no prose of its own.
    ("summary",),
    # The commission's acronym (IRIGC-TEC) is not in the report, and the
    # fixture's id for it is built from that acronym.
    ("forum", "parent", "acronym"),
    ("forum", "parent", "id"),
}


def _drop(data: dict[str, Any]) -> dict[str, Any]:
    for path in NOT_IN_TEXT:
        node = data
        for key in path[:-1]:
            node = node[key]
        node.pop(path[-1], None)
    return data


def seed_text() -> str:
    return SEED_COPY.read_text("utf-8")


def test_the_corpus_copy_is_the_seed() -> None:
    if SEED.exists():
        assert SEED.read_text("utf-8") == seed_text()


def test_seed_extracts_to_the_fixture() -> None:
    found = text.extract(seed_text())
    assert len(found.meetings) == 1
    meeting = found.meetings[0].to_meeting(summary="x", forum=found.meetings[0].forum)
    expected = from_json(FIXTURE.read_bytes(), Meeting)
    got = _drop(to_dict(meeting))
    want = _drop(to_dict(expected))
    for key in sorted(set(got) | set(want)):
        assert got.get(key) == want.get(key), key
    assert got == want


def test_seed_draft_json_is_meeting_json_without_the_unknowns() -> None:
    found = text.extract(seed_text())
    data = found.meetings[0].to_dict()
    assert "summary" not in data
    assert "acronym" not in data["forum"]["parent"]
    assert _drop(dict(data)) == _drop(to_dict(found.meetings[0].to_meeting(summary="x")))
