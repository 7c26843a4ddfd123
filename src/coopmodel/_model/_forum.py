"""Forums: the standing bodies and formats in which parties meet."""

from __future__ import annotations

import enum
from typing import Any, Final

import attrs

from coopmodel._model import _checks
from coopmodel._model._identity import ExternalId, identifiers_validator
from coopmodel._model._party import Party

__all__ = ["MAX_FORUM_DEPTH", "Forum", "ForumKind"]

MAX_FORUM_DEPTH: Final = 16
"""How many forums a chain of :attr:`Forum.parent` links may hold, the forum itself included."""


class ForumKind(enum.Enum):
    """What kind of forum a :class:`Forum` is.

    .. versionadded:: 0.1.0
    """

    INTERGOVERNMENTAL_COMMISSION = "intergovernmental_commission"
    JOINT_COMMISSION = "joint_commission"
    WORKING_GROUP = "working_group"
    SUB_GROUP = "sub_group"
    SUMMIT = "summit"
    STRATEGIC_DIALOGUE = "strategic_dialogue"
    MINISTERIAL_MEETING = "ministerial_meeting"
    CONSULTATIONS = "consultations"
    MULTILATERAL_FORUM = "multilateral_forum"
    OTHER = "other"


def _parent(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if value.__class__ is not Forum:
        _checks.fail(attribute, value, f"is {_checks.type_name(value)}, expected a Forum or None")
    depth = 1
    ancestor: Forum | None = value
    while ancestor is not None:
        depth += 1
        if depth > MAX_FORUM_DEPTH:
            _checks.fail(
                attribute, value, f"nests too deep: at most {MAX_FORUM_DEPTH} forums in a chain"
            )
        if ancestor.id == getattr(inst, "id", None):
            _checks.fail(attribute, value, "contains a forum with this forum's own id")
        ancestor = ancestor.parent


@attrs.frozen(kw_only=True)
class Forum:
    """A standing body or format in which parties meet.

    Forums nest: the India-Russia Working Group on Modernization and
    Industrial Cooperation sits under the India-Russia Intergovernmental
    Commission (IRIGC-TEC).  A forum is identified by a stable :attr:`id`.

    Attributes:
        id: A stable slug, e.g. ``"ind-rus-wg-modernization-industrial-cooperation"``.
        name: Its full name.
        kind: Commission, working group, summit, dialogue...
        parties: The parties that make up the forum (empty if unknown).
        acronym: A short form, e.g. ``"IRIGC-TEC"``.
        parent: The forum this one sits under.  Chains hold at most
            :data:`MAX_FORUM_DEPTH` forums, and no forum may be its own ancestor.
        identifiers: Identifiers in other systems.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=_checks.slug)
    name: str = attrs.field(validator=_checks.text)
    kind: ForumKind = attrs.field(validator=_checks.member_of(ForumKind))
    parties: tuple[Party, ...] = attrs.field(default=(), validator=_checks.tuple_of(Party, "Party"))
    acronym: str | None = attrs.field(default=None, validator=_checks.optional_text)
    parent: Forum | None = attrs.field(default=None, validator=_parent)
    identifiers: tuple[ExternalId, ...] = attrs.field(default=(), validator=identifiers_validator())

    @property
    def ancestors(self) -> tuple[Forum, ...]:
        """The chain of parents, nearest first."""
        chain: list[Forum] = []
        forum = self.parent
        while forum is not None:
            chain.append(forum)
            forum = forum.parent
        return tuple(chain)
