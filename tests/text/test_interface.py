"""The interface of coopmodel.text: drafts derived from the model, to_meeting, JSON form."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import attrs
import pendulum
import pytest

import coopmodel
from coopmodel import Forum, ForumKind, Meeting, Source

text = pytest.importorskip("coopmodel.text")

CORPUS = Path(__file__).parent / "corpus"


def read(name: str) -> str:
    return (CORPUS / name).read_text("utf-8")


@pytest.mark.parametrize(
    ("draft", "model"),
    [("MeetingDraft", Meeting), ("ForumDraft", Forum), ("SourceDraft", Source)],
)
def test_every_model_field_has_a_draft_field(draft: str, model: type) -> None:
    draft_cls = getattr(text, draft)
    model_fields = [f.alias for f in attrs.fields(model)]  # init names, as in JSON
    draft_fields = [f.name for f in attrs.fields(draft_cls)]
    missing = [name for name in model_fields if name not in draft_fields]
    assert not missing, f"{model.__name__} fields without a draft counterpart: {missing}"
    assert draft_fields == model_fields
    assert all(f.default is None for f in attrs.fields(draft_cls))


def test_extract_signature_is_the_published_one() -> None:
    signature = inspect.signature(text.extract)
    assert list(signature.parameters) == ["text", "published", "publisher", "url"]
    for name in ("published", "publisher", "url"):
        assert signature.parameters[name].kind is inspect.Parameter.KEYWORD_ONLY
        assert signature.parameters[name].default is None


def test_extraction_is_frozen() -> None:
    found = text.extract(read("seed-india-russia-wg-2025-08-06.txt"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.meetings = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        found.meetings[0].title = "x"
    assert hash(found) == hash(text.extract(read("seed-india-russia-wg-2025-08-06.txt")))


def test_to_meeting_names_every_missing_field() -> None:
    draft = text.MeetingDraft(forum=text.ForumDraft(name="India-Japan Energy Dialogue"))
    with pytest.raises(text.MissingFieldsError) as caught:
        draft.to_meeting()
    assert caught.value.missing == ("id", "title", "sources", "forum.id", "forum.kind")
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    for name in ("id", "title", "sources", "forum.id", "forum.kind"):
        assert name in message


def test_to_meeting_takes_what_is_missing_as_keywords() -> None:
    draft = text.MeetingDraft(
        forum=text.ForumDraft(id="ind-jpn-energy", name="India-Japan Energy Dialogue"),
        title="Energy Dialogue",
    )
    meeting = draft.to_meeting(
        id="ind-jpn-energy-2025",
        sources=(Source(publisher="Desk", title="Report"),),
        forum=text.ForumDraft(
            id="ind-jpn-energy",
            name="India-Japan Energy Dialogue",
            kind=ForumKind.STRATEGIC_DIALOGUE,
        ),
    )
    assert isinstance(meeting, Meeting)
    assert meeting.forum.kind is ForumKind.STRATEGIC_DIALOGUE
    with pytest.raises(TypeError, match="no field 'colour'"):
        draft.to_meeting(colour="red")


def test_json_form_leaves_unknowns_out_and_adds_evidence_on_request() -> None:
    found = text.extract(read("02-brics-summit-kazan.txt"))
    (draft,) = found.meetings
    data = draft.to_dict()
    assert data["schema_version"] == 1
    assert "when" not in data  # the text gives no year
    assert "sources" not in data  # no publisher: the source is incomplete
    assert "evidence" not in data
    with_evidence = found.to_dicts(evidence=True)[0]
    assert set(with_evidence) - set(data) == {"evidence"}
    spans = with_evidence["evidence"]["forum.name"]
    source = read("02-brics-summit-kazan.txt")
    assert [source[s:e] for s, e in spans] == ["BRICS Summit"]


def test_complete_draft_json_reads_back_as_a_meeting() -> None:
    found = text.extract(read("seed-india-russia-wg-2025-08-06.txt"))
    data = found.to_dicts()[0]
    meeting = coopmodel.from_dict(data, Meeting)
    assert meeting == found.meetings[0].to_meeting()


def test_ids_follow_the_documented_rule() -> None:
    assert text.forum_id("BRICS Summit", "summit", ("BRICS",)) == "brics-summit"
    day = pendulum.date(2024, 11, 11)
    assert (
        text.meeting_id(
            "India-Australia Joint Working Group on Education",
            "working_group",
            ("IND", "AUS"),
            day,
            None,
        )
        == "ind-aus-wg-e-2024-11-11"
    )
    assert text.meeting_id("X Summit", "summit", (), None, None) is None


def test_import_coopmodel_does_not_import_text() -> None:
    code = (
        "import sys, coopmodel; print(sorted(m for m in sys.modules"
        " if m.startswith(('coopmodel.text', 'ahocorasick'))))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_published_argument_resolves_relative_days() -> None:
    body = "The India-Japan Joint Working Group on Rail was held in Tokyo on Tuesday."
    found = text.extract(body, published=pendulum.datetime(2025, 8, 8, 10, tz="Asia/Tokyo"))
    assert found.meetings[0].when.start == pendulum.date(2025, 8, 5)
    assert text.extract(body).meetings[0].when is None  # no date to resolve against


def test_ambiguous_zone_is_reported_not_guessed() -> None:
    found = text.extract(read("30-irish-ist-ambiguous.txt"))
    published = found.source.published
    assert published == pendulum.date(2025, 3, 14)
    assert not isinstance(published, pendulum.DateTime)
    notes = [n for n in found.warnings if n.field == "source.published"]
    assert notes
    assert "IST" in notes[0].message


def test_ist_is_read_from_indian_evidence() -> None:
    found = text.extract(read("seed-india-russia-wg-2025-08-06.txt"))
    assert found.source.published.timezone_name == "Asia/Kolkata"


def test_au_in_an_african_union_text_is_the_african_union() -> None:
    found = text.extract(read("14-au-summit.txt"))
    assert [p.code for p in found.meetings[0].forum.parties] == ["AU"]
    alone = text.extract("The AU Summit was held in Sydney on 3 May 2025.")
    assert alone.meetings == () or alone.meetings[0].forum.parties is None
    assert any("AU" in n.message for n in alone.warnings)


@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in CORPUS.glob("*-negative.txt")),
)
def test_texts_without_a_meeting_give_none(name: str) -> None:
    assert text.extract(read(name)).meetings == ()


def test_furniture_does_not_leak_into_facts() -> None:
    found = text.extract(read("seed-india-russia-wg-2025-08-06.txt"))
    dumped = json.dumps(found.to_dicts(), ensure_ascii=False)
    for furniture in ("Listen to This Article", "हिंदी", "Shutterstock", "flag"):
        assert furniture not in dumped
    assert found.source.note is not None
    assert found.source.note.startswith("Only the headline")
