"""Properties of extract(): it never raises, its spans are sound, and it is deterministic."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopmodel import CooperationArea, Organization, Party, Person, Statement

text_module = pytest.importorskip("coopmodel.text")
extract = text_module.extract

CORPUS = Path(__file__).parent / "corpus"
TEXTS = sorted(p.read_text("utf-8") for p in CORPUS.glob("*.txt"))

# Words the extractor reacts to, so that generated text reaches its later stages.
WORDS = st.sampled_from(
    [
        "India",
        "Russia",
        "Indo-Russian",
        "the United States",
        "AU",
        "African Union",
        "Working",
        "Group",
        "Joint",
        "Commission",
        "on",
        "Trade",
        "and",
        "was",
        "held",
        "will",
        "meet",
        "postponed",
        "in",
        "New Delhi",
        "here",
        "on Wednesday",
        "said",
        "discussed",
        "welcomed",
        "rare earths",
        "fertiliser",
        '"',
        ",",
        ".",
        "\n",
        "Aug 6 2025 | 9:38 PM IST",
        "amid",
        "tariffs",
        "the ministry",
        "(PTI)",
        "-",
        "Summit",
        "2+2",
        "Dialogue",
        "under the aegis of",
    ]
)
NEWSY = st.lists(WORDS, max_size=60).map(" ".join)


def _check_spans(text: str, found: Any) -> None:
    for path, spans in found.evidence:
        assert spans, path
        for start, end in spans:
            assert 0 <= start < end <= len(text), (path, start, end)


def _words(value: str) -> str:
    return " ".join(value.split()).casefold()


def _check_values(text: str, found: Any) -> None:
    """Each string value's spans are its own words in the input."""
    for index, draft in enumerate(found.meetings):
        evidence = found.evidence_of(index)
        if draft.forum is not None and draft.forum.name is not None:
            (span,) = evidence["forum.name"]
            assert _words(text[span[0] : span[1]]) == _words(draft.forum.name)
        for i, area in enumerate(draft.areas or ()):
            assert isinstance(area, CooperationArea)
            for start, end in evidence[f"areas[{i}]"]:
                assert _words(text[start:end]) in _words(area.detail or "")
        for i, statement in enumerate(draft.statements or ()):
            assert isinstance(statement, Statement)
            if statement.verbatim:
                (span,) = evidence[f"statements[{i}]"]
                assert text[span[0] : span[1]] == statement.text
        for i, party in enumerate(draft.forum.parties or () if draft.forum else ()):
            spans = evidence.get(f"forum.parties[{i}]", ())
            for start, end in spans:
                named = text[start:end]
                assert isinstance(party, Party)
                assert Party.lookup(
                    named.removesuffix("-")
                ).code == party.code or named.casefold() in {"indo", "sino", "russo", "au"}


@given(st.text(max_size=2000))
def test_never_raises_on_any_text(text: str) -> None:
    found = extract(text)
    _check_spans(text, found)


@given(NEWSY)
def test_newsy_text_spans_are_sound_and_deterministic(text: str) -> None:
    found = extract(text)
    _check_spans(text, found)
    _check_values(text, found)
    assert extract(text) == found


@given(st.binary(max_size=2000))
def test_binary_ish_input_decoded_leniently_never_raises(data: bytes) -> None:
    text = data.decode("utf-8", "replace") + data.decode("latin-1")
    _check_spans(text, extract(text))


@pytest.mark.parametrize("text", TEXTS, ids=[p.name for p in sorted(CORPUS.glob("*.txt"))])
def test_corpus_spans_name_their_values(text: str) -> None:
    found = extract(text)
    _check_spans(text, found)
    _check_values(text, found)
    assert extract(text) == found
    for draft in found.meetings:
        for statement in draft.statements or ():
            assert isinstance(statement.issuer, Party | Organization | Person)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("1 MB of India-Russia", "India-Russia " * 80_000),
        ("100,000 newlines", "\n" * 100_000),
        ("deeply repeated quotes", '"' * 200_000 + "said" + "\u201c" * 100_000),
        ("open quotes and commas", ('"a, ' * 30_000) + " it said."),
        ("a forum name without end", "The Working Group on " + "Trade, " * 30_000 + "was held."),
        ("dates everywhere", "Aug 6 2025 | 9:38 PM IST " * 20_000),
    ],
)
def test_hostile_input_is_read_in_reasonable_time(name: str, text: str) -> None:
    started = time.process_time()
    found = extract(text)
    assert time.process_time() - started < 60, name
    _check_spans(text, found)


def test_extraction_is_a_value() -> None:
    text = TEXTS[0]
    assert attrs.has(type(extract(text)))
    assert extract(text) == extract(text)
