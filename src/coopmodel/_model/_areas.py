"""Areas of cooperation, the vocabulary they come from, and how far a meeting got."""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any, ClassVar, Final, Self

import attrs

from coopmodel._model import _checks
from coopmodel._model._constraints import (
    Boolean,
    Constraint,
    OneOf,
    Pattern,
    Text,
    nfc,
    nfc_optional,
)

__all__ = ["AreaTerm", "CooperationArea", "Stage", "Vocabulary", "vocabulary"]


class Stage(enum.Enum):
    """How far a meeting got on an area of cooperation, in order.

    ``PROPOSED < EXPLORED < DISCUSSED < WELCOMED < AGREED < SIGNED < IMPLEMENTED``:

    >>> Stage.EXPLORED < Stage.AGREED
    True
    >>> max(Stage.WELCOMED, Stage.DISCUSSED)
    <Stage.WELCOMED: 'welcomed'>

    .. versionadded:: 0.1.0
    """

    PROPOSED = "proposed"
    """One side put it forward."""
    EXPLORED = "explored"
    """The sides explored opportunities."""
    DISCUSSED = "discussed"
    """It was on the agenda and discussed."""
    WELCOMED = "welcomed"
    """The sides welcomed it or progress on it."""
    AGREED = "agreed"
    """The sides agreed on it."""
    SIGNED = "signed"
    """An agreement or memorandum on it was signed."""
    IMPLEMENTED = "implemented"
    """It is being carried out."""

    @property
    def rank(self) -> int:
        """The position of the stage, 0 for :attr:`PROPOSED`."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not Stage:
            return NotImplemented
        return _RANK[self] < _RANK[other]

    def __le__(self, other: object) -> bool:
        if other.__class__ is not Stage:
            return NotImplemented
        return _RANK[self] <= _RANK[other]

    def __gt__(self, other: object) -> bool:
        if other.__class__ is not Stage:
            return NotImplemented
        return _RANK[self] > _RANK[other]

    def __ge__(self, other: object) -> bool:
        if other.__class__ is not Stage:
            return NotImplemented
        return _RANK[self] >= _RANK[other]


_RANK: Final = {stage: rank for rank, stage in enumerate(Stage)}

AREA_CODE_MAX_LENGTH: Final = 128


@attrs.frozen
class AreaTerm:
    """One entry of the cooperation-area :class:`Vocabulary`.

    Attributes:
        code: The dotted code, e.g. ``"minerals.rare_earths"``.
        label: The English label, e.g. ``"Rare earths"``.
        synonyms: Lowercase phrases that name the area in text.
        description: What the area covers, where the label is not enough.

    .. versionadded:: 0.1.0
    """

    code: str
    label: str
    synonyms: tuple[str, ...] = ()
    description: str | None = None

    @property
    def parent_code(self) -> str | None:
        """The code of the broader area, or ``None`` at the top level."""
        head, dot, _ = self.code.rpartition(".")
        return head if dot else None


class Vocabulary(Mapping[str, AreaTerm]):
    """The controlled, hierarchical vocabulary of cooperation areas.

    A read-only mapping from code to :class:`AreaTerm`, in the order of the
    shipped data.  Get the shipped one with :func:`vocabulary`.

    >>> vocab = vocabulary()
    >>> vocab["minerals.rare_earths"].label
    'Rare earths'
    >>> [term.code for term in vocab.children("aerospace")]
    ['aerospace.wind_tunnels', 'aerospace.aircraft_engines', 'aerospace.aircraft']
    >>> [term.code for term in vocab.find("Rare Earth")]
    ['minerals.rare_earths']

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_by_synonym", "_terms")

    def __init__(self, terms: tuple[AreaTerm, ...]) -> None:
        self._terms: dict[str, AreaTerm] = {}
        self._by_synonym: dict[str, list[AreaTerm]] = {}
        for term in terms:
            if term.code in self._terms:
                raise ValueError(f"duplicate area code {term.code!r}")
            if term.parent_code is not None and term.parent_code not in self._terms:
                raise ValueError(f"area {term.code!r} comes before its parent {term.parent_code!r}")
            self._terms[term.code] = term
            for phrase in {term.label.casefold(), *term.synonyms}:
                self._by_synonym.setdefault(phrase.casefold(), []).append(term)

    def __getitem__(self, code: str) -> AreaTerm:
        return self._terms[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, code: object) -> bool:
        return code in self._terms

    def children(self, code: str) -> tuple[AreaTerm, ...]:
        """The terms directly below *code*."""
        return tuple(term for term in self._terms.values() if term.parent_code == code)

    def find(self, phrase: str) -> tuple[AreaTerm, ...]:
        """The terms whose label or a synonym is *phrase* (ignoring case and spacing)."""
        return tuple(self._by_synonym.get(" ".join(phrase.split()).casefold(), ()))


@functools.cache
def vocabulary() -> Vocabulary:
    """The cooperation-area vocabulary shipped with coopmodel.

    .. versionadded:: 0.1.0
    """
    text = resources.files("coopmodel").joinpath("data/areas.json").read_text("utf-8")
    data = json.loads(text)
    return Vocabulary(
        tuple(
            AreaTerm(
                code=entry["code"],
                label=entry["label"],
                synonyms=tuple(entry["synonyms"]),
                description=entry.get("description"),
            )
            for entry in data["areas"]
        )
    )


@functools.cache
def _known_codes() -> frozenset[str]:
    return frozenset(vocabulary())


AREA_CODE: Final = Pattern(
    "[a-z][a-z0-9_]*(?:[.][a-z][a-z0-9_]*)*",
    "an area code (dotted lowercase words, at most 128 characters)",
    max_length=AREA_CODE_MAX_LENGTH,
    example="minerals.rare_earths",
)


@attrs.frozen
class AreaCode(Constraint):
    """An area code: in the :func:`vocabulary`, or any well-formed code when ``custom`` is set.

    ``custom=True`` says "not checked against the vocabulary": a custom code
    that a later vocabulary adds stays valid, so old documents stay readable.
    """

    kind: ClassVar[str] = "area_code"

    @property
    def pattern(self) -> str:
        """The form of every code, custom or not."""
        return AREA_CODE.pattern

    @property
    def max_length(self) -> int | None:
        """The longest code."""
        return AREA_CODE.max_length

    def problem(self, value: object) -> str | None:
        return AREA_CODE.problem(value)

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        # Vocabulary membership first: the usual case, and cheaper than the pattern.
        if value.__class__ is str and value in _known_codes():
            return
        super().__call__(inst, attribute, value)
        if getattr(inst, "custom", False) is False:
            raise _checks.FieldError(
                attribute.name,
                value,
                "is not in the cooperation-area vocabulary (set custom=True for a code of your"
                f" own){_suggest(value)}",
            )

    def json_schema(self) -> dict[str, Any]:
        return AREA_CODE.json_schema()

    @staticmethod
    def class_rule() -> dict[str, Any]:
        """The rule across ``custom`` and ``code``, for the schema of a cooperation area."""
        return {
            "if": {"properties": {"custom": {"const": True}}, "required": ["custom"]},
            "else": {"properties": {"code": {"enum": list(vocabulary())}}},
        }


def _suggest(value: object) -> str:
    """``"; did you mean 'a.b' or 'c'?"`` for a code or phrase near vocabulary entries."""
    if value.__class__ is not str:
        return ""
    assert isinstance(value, str)  # noqa: S101
    vocab = vocabulary()
    words = " ".join(value.replace("_", " ").replace(".", " ").replace("-", " ").split()).casefold()
    found = [term.code for term in vocab.find(words)]
    if not found and words:
        found = [
            term.code
            for term in vocab.values()
            if words in term.label.casefold() or any(words in s for s in term.synonyms)
        ][:5]
    if not found:
        return ""
    return "; did you mean " + " or ".join(repr(code) for code in found) + "?"


@attrs.frozen(kw_only=True)
class CooperationArea:
    """An area of cooperation a meeting took up, and how far it got.

    Codes come from the shipped :func:`vocabulary`.  A code of your own is
    possible, but must say so with ``custom=True``: custom codes are not
    checked against the vocabulary (so a code that a later vocabulary adds
    keeps working).  :meth:`of` fills the label from the vocabulary.

    Attributes:
        code: A vocabulary code, e.g. ``"aerospace.wind_tunnels"``.
        label: The label to show.
        stage: How far the meeting got on it.
        detail: What exactly, in the report's words, e.g.
            ``"establishment of a modernized wind tunnel facility"``.
        custom: ``True`` for a code outside the vocabulary.

    >>> area = CooperationArea.of("aerospace.wind_tunnels", Stage.DISCUSSED)
    >>> area.label, area.stage.value
    ('Wind tunnels', 'discussed')

    .. versionadded:: 0.1.0
    """

    code: str = attrs.field(validator=AreaCode())
    label: str = attrs.field(validator=Text(), converter=nfc)
    stage: Stage = attrs.field(validator=OneOf(Stage))
    detail: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    custom: bool = attrs.field(default=False, validator=Boolean())

    @classmethod
    def of(cls, code: str, stage: Stage, *, detail: str | None = None) -> Self:
        """The area *code* of the vocabulary, labelled from it.

        Raises:
            LookupError: *code* is not in the vocabulary.
        """
        try:
            term = vocabulary()[code]
        except KeyError:
            raise LookupError(
                f"{code!r} is not a code of the cooperation-area vocabulary{_suggest(code)}"
            ) from None
        return cls(code=code, label=term.label, stage=stage, detail=detail)
