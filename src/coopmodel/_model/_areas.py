"""Areas of cooperation, the vocabulary they come from, and how far a meeting got."""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from typing import Any, Final, Self

import attrs

from coopmodel._model import _checks

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

AREA_CODE_PATTERN: Final = r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$"
_AREA_CODE = re.compile(AREA_CODE_PATTERN)
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


def _area_code(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if (
        value.__class__ is not str
        or len(value) > AREA_CODE_MAX_LENGTH
        or _AREA_CODE.fullmatch(value) is None
    ):
        _checks.fail(
            attribute,
            value,
            "is not an area code (dotted lowercase words, e.g. 'minerals.rare_earths')",
        )
    # custom=True says "not checked against the vocabulary".  A custom code
    # that a later vocabulary adds stays valid, so old documents stay readable.
    if getattr(inst, "custom", False) is False and value not in _known_codes():
        _checks.fail(
            attribute,
            value,
            "is not in the cooperation-area vocabulary (set custom=True for a code of your own)",
        )


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

    code: str = attrs.field(validator=_area_code)
    label: str = attrs.field(validator=_checks.text)
    stage: Stage = attrs.field(validator=_checks.member_of(Stage))
    detail: str | None = attrs.field(default=None, validator=_checks.optional_text)
    custom: bool = attrs.field(default=False, validator=_checks.boolean)

    @classmethod
    def of(cls, code: str, stage: Stage, *, detail: str | None = None) -> Self:
        """The area *code* of the vocabulary, labelled from it.

        Raises:
            LookupError: *code* is not in the vocabulary.
        """
        try:
            term = vocabulary()[code]
        except KeyError:
            raise LookupError(f"{code!r} is not in the cooperation-area vocabulary") from None
        return cls(code=code, label=term.label, stage=stage, detail=detail)
