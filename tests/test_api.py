"""The public face: exactly the documented names, typed as promised."""

from __future__ import annotations

import importlib.metadata
from typing import assert_type

import pytest

import coopmodel


def test_version_matches_metadata() -> None:
    assert coopmodel.__version__ == importlib.metadata.version("coopmodel")


def test_public_names_are_exported() -> None:
    for name in coopmodel.__all__:
        assert hasattr(coopmodel, name), name
    assert sorted(dir(coopmodel)) == sorted(coopmodel.__all__)
    for name in ("to_dict", "from_dict", "to_json", "from_json", "write_jsonl", "read_jsonl"):
        assert name in coopmodel.__all__
    assert "json_schema" in coopmodel.__all__
    assert "ParseError" in coopmodel.__all__


def test_from_json_is_typed() -> None:
    party = coopmodel.from_json(coopmodel.to_json(coopmodel.Party.lookup("India")), coopmodel.Party)
    assert_type(party, coopmodel.Party)
    assert party.code == "IND"


def test_strategies_registered_for_from_type() -> None:
    from hypothesis import given, settings  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    seen: list[coopmodel.Meeting] = []

    @settings(max_examples=10)
    @given(st.from_type(coopmodel.Meeting))
    def collect(meeting: coopmodel.Meeting) -> None:
        seen.append(meeting)

    collect()
    assert seen
    assert all(isinstance(m, coopmodel.Meeting) for m in seen)


def test_converter_copy_leaves_the_shared_one_alone() -> None:
    custom = coopmodel.converter().copy()
    custom.register_unstructure_hook(coopmodel.Party, lambda party: party.code)
    india = coopmodel.Party.lookup("India")
    assert custom.unstructure(india) == "IND"
    assert coopmodel.to_dict(india)["code"] == "IND"


def test_readme_example_runs() -> None:
    import re  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    readme = Path(__file__).parent.parent / "README.md"
    if not readme.exists():
        pytest.skip("no README.md beside the tests")
    (code,) = re.findall(r"```python\n(.*?)```", readme.read_text("utf-8"), re.DOTALL)
    namespace: dict[str, object] = {}
    exec(compile(code, str(readme), "exec"), namespace)  # noqa: S102 - our own README
    meeting = namespace["meeting"]
    assert isinstance(meeting, coopmodel.Meeting)
    assert namespace["fifth"] == attrs_evolve(meeting, session=5)


def attrs_evolve(obj: coopmodel.Meeting, **changes: object) -> coopmodel.Meeting:
    import attrs  # noqa: PLC0415

    return attrs.evolve(obj, **changes)  # type: ignore[misc]
