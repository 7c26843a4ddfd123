"""The model, the JSON Schema, the strategies and the parser agree, both ways.

* Every public class (the registry's list) and every field has a schema
  fragment and a strategy; every constraint kind has a builder and a fragment.
* The schema of this version is committed (``schema/v1``) and must not change
  without a version bump; documents of older versions go through the
  migration hook.
* Everything the strategies generate is schema-valid and parses back equal.
* Documents generated from the schema are parsed, or refused by both the
  parser and the schema, except where a rule the schema cannot state
  (:data:`RULES_THE_SCHEMA_CANNOT_STATE`, listed the same way in
  ``docs/explanation/json-form.md``) is the reason.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import coopmodel
from coopmodel import _hypothesis_plugin, _io, _migrations
from coopmodel import strategies as cst
from coopmodel._model import PUBLIC_CLASSES, WRITTEN_ALWAYS, Meeting
from coopmodel._model._constraints import (
    DATE_PATTERN,
    DATETIME_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    Constraint,
    anchored,
    constraint_of,
)
from coopmodel._schema import json_default
from helpers import STRATEGIES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema" / f"v{coopmodel.SCHEMA_VERSION}"
NAMES = [cls.__name__ for cls in PUBLIC_CLASSES]

#: The rules the JSON Schema cannot state, each with the parser message that
#: shows it was the reason for a refusal.  docs/explanation/json-form.md lists
#: the same rules, in this order (a test checks it).  NFC is no reason for a
#: refusal: text in another normal form is read and stored in NFC.
RULES_THE_SCHEMA_CANNOT_STATE: tuple[tuple[str, re.Pattern[str] | None], ...] = (
    (
        "an end not before its start, an update not before the publication",
        re.compile(r"is before (start|published)"),
    ),
    ("forum chain depth and ids", re.compile(r"nests too deep|with this forum's own id")),
    ("real calendar dates and times", re.compile(r"is not a real date")),
    (
        "IANA zone names and their offsets, and instants within the years 1 to 9999",
        re.compile(r"unknown time zone|has offset \S+, but|is out of range: its UTC instant"),
    ),
    ("lone surrogates", re.compile(r"lone surrogate")),
    ("NFC", None),
)


def _validator(cls: type) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(coopmodel.json_schema(cls))


# --- one registry, and nothing without a strategy or a schema ----------------------


def _constraint_classes() -> set[type[Constraint]]:
    found: set[type[Constraint]] = set()
    pending = list(Constraint.__subclasses__())
    while pending:
        cls = pending.pop()
        found.add(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_constraint_kind_has_a_builder_and_a_schema_fragment() -> None:
    kinds = _constraint_classes()
    used = {type(constraint_of(f)) for cls in PUBLIC_CLASSES for f in attrs.fields(cls)}
    assert used <= kinds
    for kind in kinds:
        assert kind in cst.BUILDERS, f"no strategy builder for {kind.__name__}"
        assert kind.json_schema is not Constraint.json_schema, f"no schema for {kind.__name__}"


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=NAMES)
def test_every_field_has_a_schema_fragment_and_a_strategy(cls: type) -> None:
    schema = coopmodel.json_schema(cls)
    for field in attrs.fields(cls):
        constraint = constraint_of(field)
        assert isinstance(constraint.json_schema(), dict)
        assert field.alias in schema["properties"], (cls, field.alias)
        assert cst.field_strategy(cls, field) is not None
        if field.default is not attrs.NOTHING:
            assert schema["properties"][field.alias]["default"] == json_default(field.default)
        else:
            assert field.alias in schema["required"]


def test_a_constraint_without_a_builder_is_an_error() -> None:
    @attrs.frozen
    class Unknown(Constraint):
        def problem(self, value: object) -> str | None:
            return None

    with pytest.raises(TypeError, match="no strategy builder"):
        cst.from_constraint(Unknown())


def test_every_list_of_classes_is_the_registry() -> None:
    assert [name for name, _ in _hypothesis_plugin.STRATEGY_NAMES] == NAMES
    assert [cls for cls, _ in STRATEGIES] == list(PUBLIC_CLASSES)
    for _, function in _hypothesis_plugin.STRATEGY_NAMES:
        assert callable(getattr(cst, function)), function
    fuzz = _load(ROOT / "fuzz" / "fuzz_from_json.py", "fuzz_from_json")
    assert fuzz.CLASSES == PUBLIC_CLASSES
    if importlib.util.find_spec("sphinx") is not None:
        sys.path.insert(0, str(ROOT / "docs" / "_ext"))
        try:
            docs = _load(ROOT / "docs" / "_ext" / "coopmodel_docs.py", "coopmodel_docs")
        finally:
            sys.path.remove(str(ROOT / "docs" / "_ext"))
        assert list(docs.SCHEMA_CLASSES) == NAMES


def _load(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=NAMES)
@given(data=st.data())
def test_the_strategy_of_every_class_draws_it(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    assert type(data.draw(strategy)) is cls
    assert type(data.draw(st.from_type(cls))) is cls


@pytest.mark.parametrize("pattern", sorted(cst._FAST_PATTERNS))
@given(data=st.data())
def test_fast_pattern_generators_draw_only_matches(pattern: str, data: st.DataObject) -> None:
    value = data.draw(cst._patterned(pattern, None))
    assert re.fullmatch(pattern, value), value
    assert len(value) <= cst._FAST_MAX_LENGTHS.get(pattern, len(value))


@given(cst.texts(200))
def test_texts_are_valid_text(text: str) -> None:
    assert coopmodel._model._constraints.check_text(text) is None


@given(cst.urls())
def test_urls_are_valid_urls(url: str) -> None:
    assert re.fullmatch(URL_PATTERN, url), url


# --- the committed schema and the migration hook -------------------------------------


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=NAMES)
def test_committed_schema_is_the_schema(cls: type) -> None:
    """The JSON form of this version is frozen: change it only with a version bump."""
    committed = json.loads((SCHEMA_DIR / f"{cls.__name__}.json").read_text(encoding="utf-8"))
    assert committed == coopmodel.json_schema(cls), (
        "the JSON form changed: bump SCHEMA_VERSION, add a migration in"
        " coopmodel._migrations and run python schema/generate.py"
    )


def test_committed_schemas_are_one_per_public_class() -> None:
    assert sorted(path.stem for path in SCHEMA_DIR.glob("*.json")) == sorted(NAMES)


def test_schema_declares_the_defaults_of_the_json_form() -> None:
    meeting = coopmodel.json_schema(Meeting)["properties"]
    assert meeting["status"]["default"] == "held"
    assert meeting["areas"]["default"] == []
    assert meeting["session"]["default"] is None
    assert "the parties of the forum" in meeting["parties"]["description"]
    source = coopmodel.json_schema(coopmodel.Source)["properties"]
    assert source["syndicated"]["default"] is False
    for cls, names in WRITTEN_ALWAYS.items():
        properties = coopmodel.json_schema(cls)["properties"]
        for name in names:
            assert "Always written" in properties[name]["description"]


def test_version_key_is_the_readers() -> None:
    assert _migrations.VERSION_KEY == _io.VERSION_KEY


def test_current_version_is_not_migrated() -> None:
    document = {"schema_version": coopmodel.SCHEMA_VERSION, "code": "IND"}
    assert _migrations.migrate(document) is document


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (0, "is 0, but this release reads version 1"),
        (2, "is 2, but this release reads version 1"),
        (1.0, "is 1.0, but this release reads version 1"),
        ("1", "is '1', but this release reads version 1"),
        (True, "is True, but this release reads version 1"),
    ],
)
def test_unreadable_versions_are_refused(version: object, message: str) -> None:
    with pytest.raises(coopmodel.ParseError) as caught:
        _migrations.migrate({"schema_version": version}, line=7)
    (detail,) = caught.value.errors
    assert (detail.path, detail.message, caught.value.line) == ("$.schema_version", message, 7)


def test_missing_version_is_refused() -> None:
    with pytest.raises(coopmodel.ParseError, match="is missing"):
        _migrations.migrate({"code": "IND"})


def test_a_fake_version_0_is_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Version 0 called the country code 'iso3': its migration renames the key."""

    def rename(data: dict[str, Any]) -> dict[str, Any]:
        data["code"] = data.pop("iso3")
        return data

    monkeypatch.setitem(_migrations.MIGRATIONS, 0, rename)
    old = {"schema_version": 0, "kind": "state", "iso3": "IND", "name": "India"}
    new = _migrations.migrate(old)
    assert new == {"schema_version": 1, "kind": "state", "code": "IND", "name": "India"}
    assert old["iso3"] == "IND"  # the caller's document is left alone
    assert coopmodel.from_dict(new, coopmodel.Party) == coopmodel.Party.state("IND")
    assert _migrations.oldest_readable() == 0
    with pytest.raises(coopmodel.ParseError, match="is -1, but this release reads versions 0 to 1"):
        _migrations.migrate({"schema_version": -1})


def test_migrations_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_migrations, "SCHEMA_VERSION", 3)
    steps: list[int] = []
    for version in (2, 0, 1):
        monkeypatch.setitem(
            _migrations.MIGRATIONS,
            version,
            lambda data, version=version: {**data, "steps": [*data["steps"], version]},
        )
        steps.append(version)
    assert _migrations.migrate({"schema_version": 0, "steps": []}) == {
        "schema_version": 3,
        "steps": [0, 1, 2],
    }
    assert _migrations.migrate({"schema_version": 2, "steps": []})["steps"] == [2]


# --- strategies -> schema -> parser ------------------------------------------------------


@pytest.mark.parametrize(("cls", "strategy"), STRATEGIES, ids=NAMES)
@given(data=st.data())
def test_generated_objects_are_schema_valid_and_parse_back_equal(
    cls: type, strategy: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    obj = data.draw(strategy)
    document = coopmodel.to_dict(obj)
    errors = [error.message for error in _validator(cls).iter_errors(document)]
    assert not errors, errors
    assert coopmodel.from_dict(document, cls) == obj
    assert coopmodel.from_json(coopmodel.to_json(obj), cls) == obj


# --- schema -> documents -> parser ---------------------------------------------------------

#: Realistic values for the schema's patterns, beside what ``st.from_regex``
#: makes of them (mostly unreal dates and unknown zones, which the parser
#: refuses for a listed reason).
_HINTS: dict[str, st.SearchStrategy[str]] = {
    TEXT_PATTERN: cst.texts(),
    anchored(URL_PATTERN): cst.urls(),
    anchored(DATE_PATTERN): cst.calendar_dates().map(lambda day: day.isoformat()),
    anchored(DATETIME_PATTERN): cst.aware_datetimes().map(
        lambda value: coopmodel.to_dict(coopmodel.TimeSpan(value))["start"]
    ),
    anchored(f"{DATE_PATTERN}|{DATETIME_PATTERN}"): cst.calendar_dates().map(
        lambda day: day.isoformat()
    ),
    **{anchored(pattern): cst._patterned(pattern, None) for pattern in cst._FAST_PATTERNS},
}
_MAX_DEPTH = 4


def from_schema(schema: dict[str, Any], root: dict[str, Any], depth: int = 0) -> Any:  # noqa: C901
    """JSON values shaped by *schema*: mostly valid, sometimes not (the schema decides)."""
    if "$ref" in schema:
        target = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
        return st.deferred(lambda: from_schema(target, root, depth + 1))
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema and "type" not in schema:
            return st.one_of([from_schema(branch, root, depth) for branch in schema[key]])
    kind = schema.get("type")
    if kind == "object":
        return _object(schema, root, depth)
    if kind == "array":
        items = from_schema(schema.get("items", {}), root, depth)
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=2)
    if kind == "string":
        pattern = schema.get("pattern")
        if pattern is None:
            return st.text(max_size=8)
        generated = st.from_regex(pattern)
        hint = _HINTS.get(pattern)
        return generated if hint is None else st.one_of(hint, hint, generated)
    if kind == "integer":  # integral floats: see test_integral_floats_for_integers
        return st.integers(schema.get("minimum"), schema.get("maximum"))
    if kind == "number":
        low, high = schema["minimum"], schema["maximum"]
        return st.floats(low, high) | st.integers(math.ceil(low), math.floor(high))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.just(None)  # an unconstrained schema: any value would do


def _object(schema: dict[str, Any], root: dict[str, Any], depth: int) -> Any:
    properties = dict(schema["properties"])
    # A rule across fields (if/then/else) may narrow a property: offer its values too.
    for branch in ("then", "else"):
        for name, narrower in schema.get(branch, {}).get("properties", {}).items():
            properties[name] = {"anyOf": [properties[name], {**properties[name], **narrower}]}
    required = {
        name: from_schema(properties[name], root, depth)
        for name in schema.get("required", [])
        if name != "schema_version"
    }
    optional = {
        name: from_schema(sub, root, depth)
        for name, sub in properties.items()
        if name not in schema.get("required", []) and depth < _MAX_DEPTH
    }
    return st.fixed_dictionaries(required, optional=optional)


def _documents(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    schema = coopmodel.json_schema(cls)
    return _object(schema, schema, 0).map(
        lambda body: {"schema_version": coopmodel.SCHEMA_VERSION, **body}
    )


def _unstated_rule(message: str) -> str | None:
    for rule, shown_by in RULES_THE_SCHEMA_CANNOT_STATE:
        if shown_by is not None and shown_by.search(message):
            return rule
    return None


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=NAMES)
@settings(max_examples=40)
@given(data=st.data())
def test_schema_documents_are_parsed_or_refused_by_both(cls: type, data: st.DataObject) -> None:
    document = data.draw(_documents(cls))
    schema_errors = list(_validator(cls).iter_errors(document))
    try:
        obj = coopmodel.from_dict(document, cls)
    except coopmodel.ParseError as error:
        if schema_errors:
            return  # refused by both
        unstated = [_unstated_rule(detail.message) for detail in error.errors]
        assert all(unstated), ("the schema accepts what the parser refuses", error.errors)
        return
    assert not schema_errors, ("the parser accepts what the schema refuses", schema_errors)
    # Read as itself, but for what reading normalizes: text in NFC.
    written = coopmodel.to_dict(obj)
    assert not list(_validator(cls).iter_errors(written))
    assert coopmodel.from_dict(written, cls) == obj
    assert _nfc(document.get("name")) == written.get("name")


def _nfc(value: object) -> object:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def _integer_fields() -> list[tuple[type, str, dict[str, Any]]]:
    """Each class with an integer field, and a valid document of it."""
    day = {"type": "date_span", "start": "2025-08-06"}
    return [
        (coopmodel.PartialDate, "year", {"year": 2025}),
        (coopmodel.PartialDate, "month", {"year": 2025, "month": 8}),
        (
            Meeting,
            "session",
            {
                "id": "m",
                "title": "Talks",
                "forum": {"id": "f", "name": "Forum", "kind": "other"},
                "sources": [{"publisher": "P", "title": "T"}],
                "session": 5,
                "when": day,
            },
        ),
    ]


@pytest.mark.parametrize(
    ("cls", "name", "body"),
    _integer_fields(),
    ids=[f"{cls.__name__}.{name}" for cls, name, _ in _integer_fields()],
)
def test_integral_floats_for_integers(cls: type, name: str, body: dict[str, Any]) -> None:
    document = {"schema_version": coopmodel.SCHEMA_VERSION, **body}
    assert coopmodel.from_dict(document, cls) is not None
    document[name] = float(document[name])
    assert not list(_validator(cls).iter_errors(document))  # the schema accepts 5.0
    assert coopmodel.from_dict(document, cls) == coopmodel.from_dict(  # and so does the parser
        {**document, name: int(document[name])}, cls
    )


def test_the_docs_list_the_same_unstated_rules() -> None:
    text = (ROOT / "docs" / "explanation" / "json-form.md").read_text(encoding="utf-8")
    section = text.split("(rules-the-schema-cannot-state)=", 1)[1]
    listed = re.findall(r"^\d+\. \*\*([^*]+)\*\*", section, flags=re.MULTILINE)
    assert listed == [rule for rule, _ in RULES_THE_SCHEMA_CANNOT_STATE]
