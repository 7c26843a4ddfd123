"""The converter package: generated source in tracebacks, typed marks, leading keys, field keys.

Each test pins a promise of ``coopmodel._converter``: a traceback through
generated code shows the line that ran, whichever converter ran it; hooks
are marked with typed records; a leading key (a union tag, the schema
version) is read and checked as it is written; fields in
:data:`~coopmodel._model.WRITTEN_ALWAYS` are written at their default; a
field's JSON key is its init name and its value the attribute of that name.
"""

from __future__ import annotations

import linecache
import re
import traceback
import types
from typing import Any

import attrs
import orjson
import pytest

import coopmodel
from coopmodel import Meeting, MeetingStatus, Party
from coopmodel._converter import (
    BadValue,
    ClassMark,
    _make_converter,
    diagnose,
    head_reader,
    head_writer,
    make_converter,
    mark_of,
)
from coopmodel._converter._build import builder_source, implied
from coopmodel._converter._codegen import Source
from coopmodel._converter._hooks import EnumMark, OptionalMark, TupleMark, UnionMark
from coopmodel._model import WRITTEN_ALWAYS
from coopmodel._model._constraints import Boolean, Instance, Items, OneOf, Pattern, Text
from helpers import SEED_JSON


def _code_in(source: str, filename: str, name: str) -> types.CodeType:
    """The code object of function *name* defined in *source*."""
    module = compile(source, filename, "exec")
    for const in module.co_consts:
        if isinstance(const, types.CodeType) and const.co_name == name:
            return const
    raise LookupError(name)


def _failing_frame(hook: Any, data: object) -> traceback.FrameSummary:
    with pytest.raises(BadValue) as caught:
        hook(data, Party)
    frames = [
        frame
        for frame in traceback.extract_tb(caught.value.__traceback__)
        if frame.filename.startswith("<coopmodel generated")
    ]
    assert len(frames) == 1
    return frames[0]


@pytest.mark.parametrize("sharing_first", [True, False])
def test_each_converter_s_traceback_shows_its_own_source(sharing_first: bool) -> None:
    # A sharing converter and a plain one generate different source for Party.
    makers = [lambda: _make_converter(share=True), make_converter]
    if not sharing_first:
        makers.reverse()
    hooks = [maker().get_structure_hook(Party) for maker in makers]
    names = {hook.__code__.co_filename for hook in hooks}
    assert len(names) == 2, names
    bad = {"kind": "state", "code": 5, "name": "India"}
    for hook in hooks:
        filename = hook.__code__.co_filename
        source = "".join(linecache.getlines(filename))
        # The source registered under the name is the source that was run.
        assert _code_in(source, filename, hook.__name__).co_code == hook.__code__.co_code
        frame = _failing_frame(hook, bad)
        assert frame.filename == filename
        assert frame.line is not None
        assert "v_code.__class__ is not str" in frame.line


def test_equal_source_shares_one_name() -> None:
    first = make_converter().get_unstructure_hook(coopmodel.ExternalId)
    second = make_converter().get_unstructure_hook(coopmodel.ExternalId)
    assert first.__code__.co_filename == second.__code__.co_filename
    assert first is not second


def test_hooks_carry_typed_marks() -> None:
    converter = make_converter()
    hook = converter.get_structure_hook(Party)
    record = mark_of(hook, ClassMark)
    assert record is not None
    assert record.cls is Party
    assert mark_of(hook, TupleMark) is None
    assert not isinstance(hook.coopmodel, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.cls = Meeting  # type: ignore[misc]
    enum_mark = mark_of(converter.get_structure_hook(MeetingStatus), EnumMark)
    assert enum_mark is not None
    assert enum_mark.members["held"] is MeetingStatus.HELD
    tuple_mark = mark_of(converter.get_structure_hook(tuple[Party, ...]), TupleMark)
    assert tuple_mark is not None
    assert tuple_mark.item_type is Party
    optional = mark_of(converter.get_unstructure_hook(Party | None), OptionalMark)
    assert optional is not None
    assert optional.inner_type is Party
    union = mark_of(converter.get_structure_hook(coopmodel.Actor), UnionMark)
    assert union is not None
    assert union.members == {Party: "party", coopmodel.Organization: "organization",
                             coopmodel.Person: "person"}  # fmt: skip


INDIA = {"kind": "state", "code": "IND", "name": "India"}


@pytest.mark.parametrize("share", [False, True])
def test_head_reader_checks_the_leading_key(share: bool) -> None:
    converter = _make_converter(share=share)
    read = head_reader(converter, Party, "schema_version", 1)
    assert read({"schema_version": 1, **INDIA}) == Party.lookup("India")
    assert read({**INDIA, "schema_version": 1}) == Party.lookup("India")  # anywhere in the object
    # An integral float is an integer, as in JSON Schema; true never is.
    assert read({"schema_version": 1.0, **INDIA}) == Party.lookup("India")
    for head, message in [
        (1.5, "has 'schema_version' 1.5, expected 1"),
        (True, "has 'schema_version' True, expected 1"),
        (2, "has 'schema_version' 2, expected 1"),
        ("1", "has 'schema_version' '1', expected 1"),
    ]:
        with pytest.raises(BadValue, match=message):
            read({"schema_version": head, **INDIA})
    with pytest.raises(BadValue, match="has no 'schema_version'"):
        read(INDIA)
    with pytest.raises(BadValue, match="not fields of Party: 'colour'"):
        read({"schema_version": 1, **INDIA, "colour": "red"})


def test_head_reader_and_writer_are_twins_for_a_hand_written_hook() -> None:
    converter = make_converter()
    converter.register_structure_hook(Party, lambda value, _: Party.lookup(value["name"]))
    converter.register_unstructure_hook(Party, lambda party: {"name": party.name})
    write = head_writer(converter, Party, "type", "party")
    read = head_reader(converter, Party, "type", "party")
    india = Party.lookup("India")
    assert write(india) == {"type": "party", "name": "India"}
    assert read(write(india)) == india
    with pytest.raises(BadValue, match="has 'type' 'person', expected 'party'"):
        read({"type": "person", "name": "India"})
    with pytest.raises(BadValue, match="is an array, expected an object"):
        read([])


def _seed() -> dict[str, Any]:
    return orjson.loads(SEED_JSON.read_bytes())  # type: ignore[no-any-return]


def test_written_always_fields_are_written_at_their_default() -> None:
    assert WRITTEN_ALWAYS[Meeting] == ("status", "parties")
    seed = coopmodel.from_json(SEED_JSON.read_bytes(), Meeting)
    assert seed.status is MeetingStatus.HELD
    assert seed.parties == seed.forum.parties
    for meeting in (seed, attrs.evolve(seed, session=None, summary=None)):
        written = coopmodel.to_dict(meeting)
        assert written["status"] == "held"
        assert [party["code"] for party in written["parties"]] == ["IND", "RUS"]
        # In field order, and the bytes are canonical: to_json is to_dict's JSON.
        keys = [key for key in written if key != "schema_version"]
        order = [field.alias for field in attrs.fields(Meeting)]
        assert keys == sorted(keys, key=order.index)
        assert coopmodel.to_json(meeting) == orjson.dumps(written)
        assert coopmodel.from_json(coopmodel.to_json(meeting), Meeting) == meeting
    # A document without them still reads, with the defaults.
    document = {k: v for k, v in _seed().items() if k not in {"status", "parties"}}
    read = coopmodel.from_dict(document, Meeting)
    assert read.status is MeetingStatus.HELD
    assert read.parties == read.forum.parties
    assert coopmodel.to_dict(read)["parties"] == coopmodel.to_dict(seed)["parties"]


def test_fields_not_written_always_are_still_left_out_at_their_default() -> None:
    written = coopmodel.to_dict(coopmodel.from_json(SEED_JSON.read_bytes(), Meeting))
    for key in ("session", "when", "participants", "identifiers"):
        assert key not in written
    assert "acronym" not in written["forum"]
    assert "identifiers" not in written["forum"]
    assert "region" not in written["location"]


@attrs.frozen(kw_only=True)
class Box:
    """A class that keeps a field in a private attribute, as Meeting will keep its parties."""

    _size: int = attrs.field(alias="size")
    _label: str | None = attrs.field(default=None, alias="label")

    @property
    def size(self) -> int:
        """The public value of the field."""
        return self._size

    @property
    def label(self) -> str | None:
        """The label, upper-cased: what the JSON form holds."""
        return None if self._label is None else self._label.upper()


@pytest.mark.parametrize("share", [False, True])
def test_a_field_s_key_is_its_alias_and_its_value_the_attribute_of_that_name(share: bool) -> None:
    converter = _make_converter(share=share)
    assert converter.unstructure(Box(size=3)) == {"size": 3}
    assert converter.unstructure(Box(size=3, label="kg")) == {"size": 3, "label": "KG"}
    assert converter.structure({"size": 3, "label": "kg"}, Box) == Box(size=3, label="kg")
    with pytest.raises(BadValue, match="not fields of Box: '_size'"):
        converter.structure({"size": 3, "_size": 3}, Box)


def test_diagnosis_names_a_field_by_its_alias() -> None:
    # The public functions take only coopmodel's classes: diagnose a throwaway one directly.
    problems = diagnose(make_converter(), {"size": "3", "_label": "kg"}, Box)
    assert {(e.path, e.message) for e in problems} == {
        ("$.size", "is a string, expected an integer"),
        ("$._label", "is not a field of Box"),
    }


# --- building objects without repeating the hook's checks -------------------------


def _count_calls(monkeypatch: pytest.MonkeyPatch, kinds: tuple[type, ...]) -> dict[str, int]:
    counts = dict.fromkeys((kind.__name__ for kind in kinds), 0)
    for kind in kinds:
        original = kind.__call__

        def counting(self: Any, inst: Any, attribute: Any, value: Any, _o: Any = original) -> None:
            counts[type(self).__name__] += 1
            _o(self, inst, attribute, value)

        monkeypatch.setattr(kind, "__call__", counting)
    return counts


def test_reading_json_does_not_repeat_the_hook_s_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    implied = (OneOf, Boolean, Instance, Items)
    counts = _count_calls(monkeypatch, (*implied, Text, Pattern))
    coopmodel.set_sharing(False)  # build every object
    try:
        meeting = coopmodel.from_json(SEED_JSON.read_bytes(), Meeting)
    finally:
        coopmodel.set_sharing(True)
    # Enums, booleans, nested objects and tuples of them: checked by the hook only.
    assert {kind.__name__: counts[kind.__name__] for kind in implied} == dict.fromkeys(
        (kind.__name__ for kind in implied), 0
    )
    # What the hook does not check still runs: patterns, and text past its
    # inline test (printable ASCII passes there).
    assert counts["Pattern"] > 0
    assert counts["Text"] == 0
    data = {**orjson.loads(SEED_JSON.read_bytes()), "title": "Réunion du groupe"}
    coopmodel.from_dict(data, Meeting)
    assert counts["Text"] == 1
    # The same object the constructor builds, through the constructor's own checks.
    rebuilt = attrs.evolve(meeting)
    assert rebuilt == meeting
    assert counts["OneOf"] > 0


@pytest.mark.parametrize(
    ("document", "message"),
    [
        # The checks the builder keeps: the fewest items, text, patterns, ranges,
        # the class's own __attrs_post_init__ (time order).
        ({"sources": []}, "$.sources: [] has 0 items, expected at least 1 Source"),
        ({"title": "\u200b"}, "$.title:"),
        ({"title": " \t "}, "$.title: ' \\t ' is blank"),
        ({"title": "a\x01b"}, "$.title: 'a\\x01b' contains the control character U+0001"),
        ({"title": ""}, "$.title: '' is blank"),
        ({"summary": "   "}, "$.summary: '   ' is blank"),
        ({"id": "Not A Slug"}, "$.id:"),
        ({"session": 0}, "$.session:"),
        (
            {"when": {"type": "date_span", "start": "2025-08-07", "end": "2025-08-06"}},
            "$.when.end:",
        ),
    ],
)
def test_the_checks_the_hook_does_not_make_still_run(
    document: dict[str, Any], message: str
) -> None:
    data = {**orjson.loads(SEED_JSON.read_bytes()), **document}
    coopmodel.set_sharing(False)
    try:
        with pytest.raises(coopmodel.ParseError, match=re.escape(message)):
            coopmodel.from_dict(data, Meeting)
    finally:
        coopmodel.set_sharing(True)


def test_a_check_is_left_out_only_where_the_field_s_type_implies_it() -> None:
    party = Instance((Party,))
    assert implied(party, Party)
    assert not implied(party, Party | None)  # the hook lets None through; the check does not
    assert implied(Instance((Party,), optional=True), Party | None)
    assert not implied(Instance((Party,)), coopmodel.Organization)
    assert implied(OneOf(MeetingStatus), MeetingStatus)
    assert not implied(OneOf(MeetingStatus), str)
    assert implied(Items((Party,)), tuple[Party, ...])
    assert not implied(Items((Party,)), tuple[coopmodel.Organization, ...])
    assert implied(Boolean(), bool)
    assert not implied(Text(), str)


def test_after_a_hook_a_user_registered_every_check_runs() -> None:
    custom = coopmodel.make_converter()
    custom.register_structure_hook(Party, lambda value, _: value["name"])  # not a Party
    data = orjson.loads(SEED_JSON.read_bytes())
    del data["schema_version"]
    with pytest.raises(
        coopmodel.FieldError, match=r"parties: .* has a string at \[0\], expected Party"
    ):
        custom.structure(data["forum"], coopmodel.Forum)
    custom = coopmodel.make_converter()
    custom.register_structure_hook(MeetingStatus, lambda value, _: value)  # a str, not a member
    with pytest.raises(coopmodel.FieldError, match="status: 'held' is not a MeetingStatus"):
        custom.structure(data, Meeting)


def test_a_class_whose_init_does_more_is_built_through_it() -> None:
    @attrs.frozen
    class Derived:
        name: str = attrs.field(validator=Text())
        length: int = attrs.field(init=False)

        @length.default
        def _length(self) -> int:
            return len(self.name)

    @attrs.frozen
    class Prepared:
        name: str = attrs.field(validator=Text())

        def __attrs_pre_init__(self) -> None:
            pass

    src = Source()
    assert not builder_source(src, Derived, "build", lambda _: True)
    assert not builder_source(src, Prepared, "build", lambda _: True)
    assert src.lines == []
