"""The strategies reach every kind of value they promise (fewer draws must not narrow them)."""

from __future__ import annotations

import collections
import contextlib
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import strategies as cst
from coopmodel._model import PUBLIC_CLASSES

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


@settings(SETTINGS, max_examples=200)
@given(cst.urls(max_length=40))
def test_urls_keep_to_a_tight_bound(url: str) -> None:
    assert len(url) <= 40


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


def _has_default(field: attrs.Attribute[Any]) -> bool:
    return field.default is not attrs.NOTHING and field.init


class _AllSeen(Exception):  # noqa: N818 - not an error: the search is done
    pass


def _defaults(cls: type) -> dict[str, Any]:
    """The default of each field of *cls* that has one."""
    defaults = {}
    for field in attrs.fields(cls):
        if _has_default(field):
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = None if default.takes_self else default.factory()
            defaults[field.name] = default
    return defaults


@pytest.mark.parametrize(
    "cls",
    sorted((cls for cls in PUBLIC_CLASSES if attrs.has(cls) and _defaults(cls)), key=str),
    ids=lambda cls: cls.__name__,
)
def test_every_field_with_a_default_is_given_and_left_out(cls: type) -> None:
    """Fewer draws must not leave a field out always, or always in."""
    defaults = _defaults(cls)
    unseen = {(name, given) for name in defaults for given in (True, False)}

    @settings(SETTINGS, phases=[Phase.generate], max_examples=2000)
    @given(cst.from_class(cls))
    def look(value: Any) -> None:
        for name, default in defaults.items():
            unseen.discard((name, getattr(value, name) != default))
        if not unseen:
            raise _AllSeen

    with contextlib.suppress(_AllSeen):
        look()
    assert not unseen


@pytest.mark.parametrize("radix", [1, 2, 3, 7, 16, 17, 18, 100, 249, 597, 4096])
def test_shape_digits_take_every_value_evenly_and_shrink_to_zero(radix: int) -> None:
    shape = cst._Shape(radix)
    width = cst._digit_width(radix)
    counts = collections.Counter(
        shape.digits(number.to_bytes(width))[0] for number in range(256**width)
    )
    assert sorted(counts) == list(range(radix))
    assert max(counts.values()) / min(counts.values()) <= 1 + 1 / cst._SHAPE_EVENNESS
    assert shape.digits(bytes(width)) == [0]


def test_each_digit_of_a_shape_reads_bytes_of_its_own() -> None:
    shape = cst._Shape(3, 1, 5)  # a single value takes no byte
    assert shape.digits(bytes([255, 0])) == [2, 0, 0]
    assert shape.digits(bytes([0, 255])) == [0, 0, 4]


def test_optional_fields_of_a_meeting_are_given_about_half_the_time() -> None:
    fields = [field for field in attrs.fields(coopmodel.Meeting) if _has_default(field)]
    given_counts = dict.fromkeys((field.alias for field in fields), 0)
    runs = [0]

    @settings(
        max_examples=600,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.generate],
    )
    @given(cst._keyword_arguments(coopmodel.Meeting))
    def count(kwargs: dict[str, Any]) -> None:
        runs[0] += 1
        for alias in kwargs:
            if alias in given_counts:
                given_counts[alias] += 1

    count()
    shares = {alias: n / runs[0] for alias, n in given_counts.items()}
    # A bit mask over all twelve fields (Hypothesis draws numbers beyond 255
    # mostly small) gave the last ones 16%.
    assert all(0.25 <= share <= 0.75 for share in shares.values()), shares
