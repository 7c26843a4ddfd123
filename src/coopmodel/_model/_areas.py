"""Areas of cooperation, the vocabulary they come from, and how far a meeting got."""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Iterator, Mapping
from importlib import resources
from types import MappingProxyType
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

# The fuzzy matcher of Vocabulary: words are runs of letters and digits.
_WORD: Final = re.compile(r"[^\W_]+")
_NOT_PLURAL: Final = ("ss", "us", "is", "ics", "ous", "sis")
_GENERIC_HEADS: Final = frozenset(
    {"mineral", "element", "sector", "technology", "cooperation", "industry", "resource"}
)

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

    __slots__ = ("_by_key", "_by_synonym", "_first", "_terms")

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
        # The fuzzy index: each label and synonym as a tuple of normalised words.
        self._by_key: dict[tuple[str, ...], list[AreaTerm]] = {}
        for term in self._terms.values():
            for phrase in (term.label, *term.synonyms):
                key = tuple(word for _, _, word in self.words(phrase))
                if key and term not in self._by_key.setdefault(key, []):
                    self._by_key[key].append(term)
        # The first word of each name, and the most words a name starting with it has.
        self._first: dict[str, int] = {}
        for key in self._by_key:
            self._first[key[0]] = max(self._first.get(key[0], 0), len(key))

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

    #: British and variant spellings, and their one normal form.
    SPELLINGS: Final = MappingProxyType(
        {
            "fibre": "fiber",
            "fibres": "fiber",
            "aluminium": "aluminum",
            "defence": "defense",
            "labour": "labor",
            "programme": "program",
            "programmes": "program",
            "centre": "center",
            "centres": "center",
            "sulphur": "sulfur",
            "ageing": "aging",
            "modernisation": "modernization",
            "organisation": "organization",
            "railroad": "railway",
            "railroads": "railway",
            "rouble": "ruble",
            "tyre": "tire",
        }
    )

    @classmethod
    @functools.lru_cache(maxsize=65536)
    def normal_word(cls, word: str) -> str:
        """*word* in the normal form the fuzzy matcher compares.

        Lowercase, one spelling for British and American forms ("fertiliser",
        "fibre"), and singular for regular plurals ("minerals", "batteries").

        >>> [Vocabulary.normal_word(w) for w in ("Fertilisers", "fibre", "Batteries", "gas")]
        ['fertilizer', 'fiber', 'battery', 'gas']
        """
        word = word.casefold()
        spelled = cls.SPELLINGS.get(word)
        if spelled is not None:
            return spelled
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL):
            word = word[:-1]
        for british, american in (("isation", "ization"), ("iser", "izer"), ("ise", "ize")):
            if word.endswith(british) and len(word) > len(british) + 2:
                return word[: -len(british)] + american
        return cls.SPELLINGS.get(word, word)

    @classmethod
    def words(cls, text: str) -> list[tuple[int, int, str]]:
        """The words of *text* as ``(start, end, normal form)``, hyphens and signs split off.

        >>> [w for _, _, w in Vocabulary.words("rare-earth Minerals")]
        ['rare', 'earth', 'mineral']
        """
        return [
            (match.start(), match.end(), cls.normal_word(match.group()))
            for match in _WORD.finditer(text)
        ]

    def match(self, phrase: str) -> tuple[AreaTerm, ...]:
        """The terms *phrase* names, tolerant of case, plurals, hyphens and spelling.

        Unlike :meth:`find`, "rare-earth", "critical mineral" and "fertiliser"
        all match; a trailing generic word ("minerals", "sector", "technology"...)
        is dropped when the phrase without it names a term.

        >>> vocab = vocabulary()
        >>> [t.code for t in vocab.match("Rare-Earth minerals")]
        ['minerals.rare_earths']
        >>> [t.code for t in vocab.match("fertiliser")]
        ['agriculture.fertilizers']
        >>> vocab.match("poetry")
        ()

        .. versionadded:: 0.2.0
        """
        key = tuple(word for _, _, word in self.words(phrase))
        while key:
            terms = self._by_key.get(key)
            if terms is not None:
                return tuple(terms)
            if key[-1] not in _GENERIC_HEADS:
                break
            key = key[:-1]
        return ()

    def scan(self, text: str) -> list[tuple[int, int, tuple[AreaTerm, ...]]]:
        """Every place in *text* that names a term: ``(start, end, terms)``, left to right.

        The longest name wins where names overlap ("underground coal
        gasification" over "coal", "aircraft piston engines" over "small
        aircraft"); matching is word by word, with the same
        tolerance as :meth:`match`, and costs about the length of *text* times the longest name.

        >>> text = "Rare-earth and coal"
        >>> [(text[s:e], t[0].code) for s, e, t in vocabulary().scan(text)]
        [('Rare-earth', 'minerals.rare_earths'), ('coal', 'energy.coal')]

        .. versionadded:: 0.2.0
        """
        words = self.words(text)
        keys = [w for _, _, w in words]
        # The longest name starting at each word; then the longest names first.
        candidates: list[tuple[int, int, list[AreaTerm]]] = []
        for i, key in enumerate(keys):
            longest = self._first.get(key)
            if longest is None:
                continue
            for size in range(min(longest, len(keys) - i), 0, -1):
                terms = self._by_key.get(tuple(keys[i : i + size]))
                if terms is not None:
                    candidates.append((size, i, terms))
                    break
        taken = [False] * len(keys)
        found: list[tuple[int, int, tuple[AreaTerm, ...]]] = []
        for size, i, terms in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if not any(taken[i : i + size]):
                taken[i : i + size] = [True] * size
                found.append((words[i][0], words[i + size - 1][1], tuple(terms)))
        found.sort(key=lambda f: f[0])
        return found


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
