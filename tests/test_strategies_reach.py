"""The strategies reach every kind of value they promise (fewer draws must not narrow them)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import strategies as cst

SETTINGS = settings(
    max_examples=5000, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)


def reaches(strategy: st.SearchStrategy[Any], condition: Any) -> Any:
    return find(strategy, condition, settings=SETTINGS)


@pytest.mark.parametrize(
    "condition",
    [
        lambda url: "@" in url,
        lambda url: "://[" in url,
        lambda url: (
            url.split("//", 1)[1].split("/")[0].rsplit(":", 1)[-1].isdigit() and "[" not in url
        ),
        lambda url: url.startswith("hTTpS://"),
        lambda url: "#" in url,
        lambda url: url.split("//", 1)[1].split("/")[0].endswith("."),
        lambda url: url.split("//", 1)[1][:1].isdigit() and url.count(".") >= 3,
    ],
    ids=["user", "ip-literal", "port", "scheme-case", "fragment", "trailing-dot", "ipv4-like"],
)
def test_urls_reach(condition: Any) -> None:
    reaches(cst.urls(), condition)


def test_urls_shrink_to_the_simplest() -> None:
    assert reaches(cst.urls(), lambda url: True) == "https://www.business-standard.com"


@pytest.mark.parametrize(
    "condition",
    [
        lambda i: i.scheme == "wikidata" and i.value.startswith("Q"),
        lambda i: i.scheme == "wikidata" and i.value.startswith("P"),
        lambda i: i.scheme not in {"wikidata", "geonames", "viaf", "iso3166", "gdelt"},
        lambda i: i.scheme == "geonames",
    ],
)
def test_external_ids_reach(condition: Any) -> None:
    reaches(cst.external_ids(), condition)


@pytest.mark.parametrize(
    "condition",
    [
        lambda p: p == coopmodel.Party.state(p.code) and p.code != "AFG",
        lambda p: p.kind is coopmodel.PartyKind.STATE and p.identifiers != (),
        lambda p: (
            p.kind is coopmodel.PartyKind.STATE and p.name != coopmodel.Party.state(p.code).name
        ),
        lambda p: p.code == "AU" and p.kind is not coopmodel.PartyKind.STATE,
        lambda p: p.kind is coopmodel.PartyKind.REGIONAL_BLOC,
        lambda p: p.kind is coopmodel.PartyKind.GROUPING,
        lambda p: p.kind is coopmodel.PartyKind.OTHER,
        lambda p: p.kind is not coopmodel.PartyKind.STATE and p.code not in {"EU", "UN", "AU"},
    ],
)
def test_parties_reach(condition: Any) -> None:
    reaches(cst.parties(), condition)


def test_forum_chains_reach_the_greatest_depth_with_ids_of_their_own() -> None:
    forum = reaches(cst.forums(3), lambda f: f.parent is not None and f.parent.parent is not None)
    chain = [forum, forum.parent, forum.parent.parent]
    assert len({f.id for f in chain}) == 3


def test_a_repeated_id_in_a_chain_is_made_unique() -> None:
    forum = reaches(
        cst.forums(2), lambda f: f.parent is not None and f.id.startswith(f.parent.id + "-")
    )
    assert forum.id != forum.parent.id


@pytest.mark.parametrize(
    "condition",
    [
        lambda a: not a.custom and a.label == coopmodel.vocabulary()[a.code].label,
        lambda a: not a.custom and a.label != coopmodel.vocabulary()[a.code].label,
        lambda a: a.custom and a.code.startswith("custom."),
        lambda a: a.custom and a.code in coopmodel.vocabulary(),
        lambda a: a.custom and a.code not in coopmodel.vocabulary() and "." not in a.code,
        lambda a: a.detail is not None,
        lambda a: a.stage is coopmodel.Stage.IMPLEMENTED,
    ],
)
def test_cooperation_areas_reach(condition: Any) -> None:
    reaches(cst.cooperation_areas(), condition)


@pytest.mark.parametrize(
    "condition",
    [
        lambda d: d.end is None,
        lambda d: d.end is not None and 0 < (d.end - d.start).days <= 10,
        lambda d: d.end is not None and (d.end - d.start).days > 366,
        lambda d: d.raw is not None,
    ],
)
def test_date_spans_reach(condition: Any) -> None:
    reaches(cst.date_spans(), condition)


@pytest.mark.parametrize(
    "condition",
    [
        lambda t: t.end is None,
        lambda t: t.end is not None and t.end.tzinfo == t.start.tzinfo and t.end > t.start,
        lambda t: t.end is not None and t.end.utcoffset() != t.start.utcoffset(),
        lambda t: t.end is not None and t.end == t.start,
        lambda t: t.raw is not None,
    ],
)
def test_time_spans_reach(condition: Any) -> None:
    reaches(cst.time_spans(), condition)
