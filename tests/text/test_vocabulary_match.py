"""Vocabulary.match and Vocabulary.scan: tolerant of plurals, hyphens and spelling."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopmodel import Vocabulary, vocabulary


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("rare-earth", "minerals.rare_earths"),
        ("rare earth minerals", "minerals.rare_earths"),
        ("Rare Earths", "minerals.rare_earths"),
        ("critical mineral", "minerals.critical_minerals"),
        ("fertiliser", "agriculture.fertilizers"),
        ("Fertilisers", "agriculture.fertilizers"),
        ("carbon fiber", "materials.carbon_fibre"),
        ("aluminum", "metals.aluminium"),
        ("3-D printing", "industry.additive_manufacturing"),
        ("defense procurement", "defence.procurement"),
        ("mineral processing", "industry.mineral_processing"),
        ("supply chain resilience", "trade.supply_chains"),
        ("batteries", "energy.batteries"),
    ],
)
def test_match_tolerates_variants(phrase: str, code: str) -> None:
    assert [term.code for term in vocabulary().match(phrase)] == [code]


def test_match_is_empty_for_unknown_phrases() -> None:
    assert vocabulary().match("interpretive dance") == ()
    assert vocabulary().match("") == ()


def test_find_stays_exact() -> None:
    assert vocabulary().find("rare-earth") == ()


def test_scan_prefers_the_longest_name() -> None:
    text = "production of small aircraft piston engines and underground coal gasification"
    found = [(text[s:e], terms[0].code) for s, e, terms in vocabulary().scan(text)]
    assert found == [
        ("aircraft piston engines", "aerospace.aircraft_engines"),
        ("underground coal gasification", "energy.coal_gasification"),
    ]


@given(st.text(max_size=300))
def test_scan_spans_are_inside_and_name_their_terms(text: str) -> None:
    vocab = vocabulary()
    previous_end = 0
    for start, end, terms in vocab.scan(text):
        assert previous_end <= start < end <= len(text)
        assert terms
        assert all(term in vocab.match(text[start:end]) for term in terms)
        previous_end = end


def test_normal_word_folds_spelling_and_plurals() -> None:
    assert Vocabulary.normal_word("Modernisation") == "modernization"
    assert Vocabulary.normal_word("industries") == "industry"
    assert Vocabulary.normal_word("logistics") == "logistics"


def _cpu(function: object, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        function()  # type: ignore[operator]
        best = min(best, time.process_time() - started)
    return best


def test_scan_grows_linearly() -> None:
    unit = "rare-earth minerals, aluminium and railway transport; " * 50
    vocab = vocabulary()
    small = _cpu(lambda: vocab.scan(unit))
    large = _cpu(lambda: vocab.scan(unit * 20))
    # Linear: 20 times the text costs about 20 times as much (quadratic would be 400).
    assert large < 20 * small * 4 + 0.05
