"""Drafts: a model class with every field optional, and the extraction that holds them.

The draft classes are *derived* from the model: :data:`MeetingDraft` has one
field for each field of :class:`~coopmodel.Meeting`, read from
``attrs.fields(Meeting)`` when this module is imported, so a field the model
gains is a draft field too.  Forum and Source drafts likewise.
"""

from __future__ import annotations

import functools
import re
import typing
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from coopmodel._io import converter, to_dict
from coopmodel._model import WRITTEN_ALWAYS, Forum, ForumKind, Meeting, Party, Source

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    import pendulum

__all__ = [
    "Extraction",
    "ForumDraft",
    "MeetingDraft",
    "MissingFieldsError",
    "Note",
    "SourceDraft",
    "Span",
    "forum_id",
    "meeting_id",
]

Span = tuple[int, int]
"""A character span ``(start, end)`` of the input text: ``text[start:end]``."""

SCHEMA_VERSION_KEY: Final = "schema_version"
EVIDENCE_KEY: Final = "evidence"
"""The one extra key under which the JSON form of a draft carries its evidence."""


class MissingFieldsError(ValueError):
    """A draft cannot become a model object: required fields are unknown.

    Attributes:
        cls: The class that was to be built, e.g. ``"Meeting"``.
        missing: Every missing field, as a path (``"forum.kind"``).

    .. versionadded:: 0.2.0
    """

    def __init__(self, cls: str, missing: tuple[str, ...]) -> None:
        self.cls = cls
        self.missing = missing
        super().__init__(
            f"cannot build a {cls}: the text does not give {', '.join(missing)};"
            f" pass {'them' if len(missing) > 1 else 'it'} as keyword arguments"
        )


class _Draft:
    """What every draft class shares; the fields come from the model class."""

    __slots__ = ()
    model: ClassVar[type]

    if TYPE_CHECKING:

        def __init__(self, **values: Any) -> None: ...

        def __getattr__(self, name: str) -> Any: ...

    def known(self) -> dict[str, Any]:
        """The fields the text gave, in the model's field order."""
        return {
            field.alias: value
            for field in attrs.fields(self.model)  # the draft's fields have the model's init names
            if (value := getattr(self, field.alias)) is not None
        }

    def missing(self, prefix: str = "") -> tuple[str, ...]:
        """The required fields still unknown, as paths, nested drafts included."""
        gaps: list[str] = []
        for field in attrs.fields(self.model):
            value = getattr(self, field.alias)
            if value is None and field.default is attrs.NOTHING:
                gaps.append(prefix + field.alias)
            elif isinstance(value, _Draft):
                gaps.extend(value.missing(f"{prefix}{field.alias}."))
        return tuple(gaps)

    def build(self, **fill: Any) -> Any:
        """The model object, with *fill* for what the text did not give.

        Raises:
            MissingFieldsError: required fields are neither known nor in *fill*.
            FieldError: a value breaks the model's rules.
        """
        names = {field.alias for field in attrs.fields(self.model)}
        unknown = sorted(set(fill) - names)
        if unknown:
            raise TypeError(f"{self.model.__name__} has no field {', '.join(map(repr, unknown))}")
        values = {**self.known(), **{k: v for k, v in fill.items() if v is not None}}
        missing = [
            field.alias
            for field in attrs.fields(self.model)
            if field.alias not in values and field.default is attrs.NOTHING
        ]
        for name, value in values.items():
            if isinstance(value, _Draft):
                missing.extend(f"{name}.{gap}" for gap in value.missing())
        if missing:
            raise MissingFieldsError(self.model.__name__, tuple(missing))
        built = {
            name: value.build() if isinstance(value, _Draft) else value
            for name, value in values.items()
        }
        return self.model(**built)

    def to_dict(self, evidence: Mapping[str, tuple[Span, ...]] | None = None) -> dict[str, Any]:
        """The draft in its model's JSON form, unknown fields left out.

        With *evidence* (paths relative to this draft), the spans go under
        the one extra key ``"evidence"``.
        """
        data: dict[str, Any] = {SCHEMA_VERSION_KEY: 1}
        data.update(self._body())
        if evidence is not None:
            data[EVIDENCE_KEY] = {
                path: [list(span) for span in spans] for path, spans in evidence.items()
            }
        return data

    def _body(self) -> dict[str, Any]:
        hints = _hints(self.model)
        always = _written_always(self.model)
        body: dict[str, Any] = {}
        for field in attrs.fields(self.model):
            value = getattr(self, field.alias)
            if value is None:
                continue
            if isinstance(value, _Draft):
                body[field.alias] = value._body()  # noqa: SLF001 - same class family
                continue
            if field.alias not in always and _is_default(self, field, value):
                continue
            body[field.alias] = converter().unstructure(value, unstructure_as=hints[field.name])
        return body

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return iter(self.known().items())


def _is_default(draft: _Draft, field: attrs.Attribute[Any], value: object) -> bool:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        if field.alias == "parties":  # Meeting.parties defaults to the forum's
            forum = getattr(draft, "forum", None)
            return forum is not None and value == getattr(forum, "parties", None)
        return False
    return default is not attrs.NOTHING and value == default


@functools.cache
def _written_always(model: type) -> frozenset[str]:
    """The fields the converter writes even at their default, as it does them.

    The registry declares them (``WRITTEN_ALWAYS``); the converter is asked
    with a small meeting, so that a draft and ``to_dict`` agree either way.
    """
    declared = frozenset(WRITTEN_ALWAYS.get(model, ()))
    if model is not Meeting or not declared:
        return declared
    party = Party.state("IND")
    probe = Meeting(
        id="probe",
        title="probe",
        forum=Forum(id="probe", name="probe", kind=ForumKind.OTHER, parties=(party,)),
        sources=(Source(publisher="probe", title="probe"),),
    )
    written = to_dict(probe)
    return frozenset(name for name in declared if name in written)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(model: type) -> dict[str, Any]:
    hints = _HINTS.get(model)
    if hints is None:
        hints = _HINTS[model] = typing.get_type_hints(model)
    return hints


def _draft_class(model: type, name: str, doc: str, base: type[_Draft] = _Draft) -> type[Any]:
    """A frozen attrs class with one optional field per field of *model*."""
    fields = {field.alias: attrs.field(default=None, kw_only=True) for field in attrs.fields(model)}
    cls = typing.cast(
        "type[_Draft]", attrs.make_class(name, fields, bases=(base,), frozen=True, slots=True)
    )
    cls.model = model
    cls.__doc__ = doc
    cls.__module__ = "coopmodel.text"
    return cls


ForumDraft: Final[type[_Draft]] = _draft_class(
    Forum,
    "ForumDraft",
    """A :class:`~coopmodel.Forum` as far as the text gives it: every field optional.

    ``parent`` is a :class:`ForumDraft` too.  :meth:`build` makes the Forum.

    .. versionadded:: 0.2.0
    """,
)

SourceDraft: Final[type[_Draft]] = _draft_class(
    Source,
    "SourceDraft",
    """A :class:`~coopmodel.Source` as far as the text gives it: every field optional.

    .. versionadded:: 0.2.0
    """,
)


class _MeetingMethods(_Draft):
    __slots__ = ()

    def to_meeting(self, **fill: Any) -> Meeting:
        """The :class:`~coopmodel.Meeting`, with *fill* for what the text did not give.

        Keyword arguments are Meeting fields; a :class:`ForumDraft` or a
        Forum may be passed as ``forum``.

        Raises:
            MissingFieldsError: naming every required field still unknown.
            FieldError: a value breaks the model's rules.
        """
        meeting: Meeting = self.build(**fill)
        return meeting


MeetingDraft: Final[type[_MeetingMethods]] = _draft_class(
    Meeting,
    "MeetingDraft",
    """A :class:`~coopmodel.Meeting` as far as the text gives it.

    Every field of Meeting is a field here, all optional (``None`` = the text
    does not say).  ``forum`` is a :class:`ForumDraft`; the other fields hold
    complete model values (:class:`~coopmodel.Party`,
    :class:`~coopmodel.CooperationArea`...).  :meth:`to_meeting` builds the
    Meeting.

    .. versionadded:: 0.2.0
    """,
    _MeetingMethods,
)


@attrs.frozen(kw_only=True)
class Note:
    """An ambiguity, or something the extractor left unset, and where it is in the text.

    Attributes:
        field: The field it concerns, as a path (``"source.published"``), or ``None``.
        message: What happened, e.g. "IST may be India, Ireland or Israel: left unset".
        spans: Where in the text.

    .. versionadded:: 0.2.0
    """

    field: str | None
    message: str
    spans: tuple[Span, ...] = ()


@attrs.frozen(kw_only=True)
class Extraction:
    """What :func:`~coopmodel.text.extract` read from one text.

    Attributes:
        meetings: A draft for each meeting the text reports (none, one or several).
        source: What the text says about itself: publisher, agency, title, times.
        warnings: Ambiguities and what was left unset, with their spans.
        evidence: ``(path, spans)`` pairs: for each value read, where it came
            from.  Paths start with ``source.`` or ``meetings[i].``, e.g.
            ``"meetings[0].forum.name"`` or ``"meetings[0].areas[2]"``.

    .. versionadded:: 0.2.0
    """

    meetings: tuple[_MeetingMethods, ...]
    source: _Draft
    warnings: tuple[Note, ...] = ()
    evidence: tuple[tuple[str, tuple[Span, ...]], ...] = ()

    def spans(self, path: str) -> tuple[Span, ...]:
        """The spans of the value at *path*, or ``()`` if it has none."""
        for key, spans in self.evidence:
            if key == path:
                return spans
        return ()

    def evidence_of(self, index: int) -> dict[str, tuple[Span, ...]]:
        """The evidence of ``meetings[index]``, with paths relative to the meeting.

        The source's facts appear under ``sources[0].``.
        """
        prefix = f"meetings[{index}]."
        found: dict[str, tuple[Span, ...]] = {}
        for key, spans in self.evidence:
            if key.startswith(prefix):
                found[key[len(prefix) :]] = spans
            elif key.startswith("source."):
                found["sources[0]." + key[len("source.") :]] = spans
        return found

    def to_dicts(self, *, evidence: bool = False) -> list[dict[str, Any]]:
        """Each meeting in Meeting's JSON form (unknowns left out), evidence on request."""
        return [
            meeting.to_dict(self.evidence_of(i) if evidence else None)
            for i, meeting in enumerate(self.meetings)
        ]


# --- identifiers ---------------------------------------------------------------------------

_KIND_ABBREVIATIONS: Final = {
    "intergovernmental_commission": "igc",
    "joint_commission": "jc",
    "working_group": "wg",
    "sub_group": "sg",
    "summit": "summit",
    "strategic_dialogue": "dialogue",
    "ministerial_meeting": "ministerial",
    "consultations": "consultations",
    "multilateral_forum": "forum",
    "other": "forum",
}
_MINOR_WORDS: Final = frozenset({"on", "of", "for", "and", "the", "in", "to", "a", "an", "at"})
_SLUG_WORD: Final = re.compile(r"[a-z0-9]+")


def _topic_words(name: str) -> list[str]:
    """The words of *name* after its head ("... Working Group on X and Y" -> x, y)."""
    lowered = name.casefold()
    for joint in (" on ", " for "):
        head, found, topic = lowered.partition(joint)
        if found and head:
            return [w for w in _SLUG_WORD.findall(topic) if w not in _MINOR_WORDS]
    return []


def forum_id(name: str, kind: str, parties: tuple[str, ...]) -> str:
    """The id coopmodel.text gives a forum: party codes, kind, topic words.

    ``{party codes}-{kind abbreviation}-{topic words}``, lowercase, joined by
    hyphens: "India-Russia Working Group on Modernization and Industrial
    Cooperation" is ``ind-rus-wg-modernization-industrial-cooperation``.
    Without topic words, the name's own words stand in for them.

    >>> forum_id("India-Russia Working Group on Modernization and Industrial Cooperation",
    ...          "working_group", ("IND", "RUS"))
    'ind-rus-wg-modernization-industrial-cooperation'
    >>> forum_id("BRICS Summit", "summit", ("BRICS",))
    'brics-summit'
    """
    words = _topic_words(name)
    head = [code.casefold() for code in parties]
    if not words:
        words = [w for w in _SLUG_WORD.findall(name.casefold()) if w not in _MINOR_WORDS]
        words = [w for w in words if w not in head and w not in _KIND_WORDS]
        return "-".join([*head, *words, _KIND_ABBREVIATIONS[kind]])[:120].strip("-")
    return "-".join([*head, _KIND_ABBREVIATIONS[kind], *words])[:120].strip("-")


_KIND_WORDS: Final = frozenset(
    {"summit", "working", "group", "commission", "dialogue", "meeting", "consultations"}
)


def meeting_id(
    forum_name: str,
    kind: str,
    parties: tuple[str, ...],
    when: pendulum.Date | None,
    published: pendulum.Date | None,
) -> str | None:
    """The id coopmodel.text gives a meeting: forum initials and date.

    ``{party codes}-{kind abbreviation}-{initials of the topic words}-{date}``,
    where the date is the meeting's first day (``2025-08-06``) or, when the
    text does not date the meeting, the month it was reported in
    (``2025-08``); ``None`` when neither is known.  Without topic words the
    forum's id stands in for the first three parts.

    >>> import pendulum
    >>> meeting_id("India-Russia Working Group on Modernization and Industrial Cooperation",
    ...            "working_group", ("IND", "RUS"), None, pendulum.date(2025, 8, 6))
    'ind-rus-wg-mic-2025-08'
    """
    if when is not None:
        date = when.isoformat()
    elif published is not None:
        date = f"{published.year:04d}-{published.month:02d}"
    else:
        return None
    words = _topic_words(forum_name)
    if words:
        initials = "".join(word[0] for word in words)
        head = "-".join([*(c.casefold() for c in parties), _KIND_ABBREVIATIONS[kind], initials])
    else:
        head = forum_id(forum_name, kind, parties)
    return f"{head}-{date}"
