"""Single rules of the extractor, each on a short text written for it."""

from __future__ import annotations

import pytest

from coopmodel import ForumKind, OrganizationKind

text = pytest.importorskip("coopmodel.text")


def only_meeting(report: str) -> text.MeetingDraft:
    [meeting] = text.extract(report).meetings
    return meeting


@pytest.mark.parametrize(
    ("issuer", "name", "country"),
    [
        ("the Department for Business and Trade", "Department for Business and Trade", "GBR"),
        ("the Department of Foreign Affairs", "Department of Foreign Affairs", "GBR"),
        ("Britain's Foreign Office", "Foreign Office", "GBR"),
    ],
)
def test_departments_and_offices_are_ministries(issuer: str, name: str, country: str) -> None:
    report = (
        "LONDON, June 2 (Reuters) - The UK-India Joint Economic and Trade Committee met in"
        f" London on Monday and discussed critical minerals, {issuer} said."
    )
    meeting = only_meeting(report)
    assert meeting.statements is not None
    [statement] = meeting.statements
    assert statement.issuer is not None
    assert statement.issuer.name == name
    assert statement.issuer.kind is OrganizationKind.MINISTRY
    assert statement.issuer.party is not None
    assert statement.issuer.party.code == country


@pytest.mark.parametrize(
    ("cue", "event"),
    [
        ("on the sidelines of the", "Russian Energy Week"),
        ("on the margins of the", "UN General Assembly"),
        ("on the sidelines of the", "Munich Security Conference"),
    ],
)
def test_an_event_after_a_parent_cue_is_the_parent(cue: str, event: str) -> None:
    report = (
        "MOSCOW, Oct 14 (TASS) - The 12th meeting of the Russian-Chinese Intergovernmental"
        f" Commission on Energy Cooperation took place on Tuesday {cue} {event}."
    )
    meeting = only_meeting(report)
    assert meeting.forum is not None
    assert (
        meeting.forum.name == "Russian-Chinese Intergovernmental Commission on Energy Cooperation"
    )
    assert meeting.forum.parent is not None
    assert meeting.forum.parent.name == event
    assert meeting.forum.parent.kind is ForumKind.OTHER


def test_an_event_without_a_cue_is_no_forum() -> None:
    report = (
        "MUNICH, Feb 15 (Reuters) - The Munich Security Conference opened on Friday, and"
        " the Russian Energy Week will follow in October."
    )
    assert text.extract(report).meetings == ()
