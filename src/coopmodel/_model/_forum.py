"""Forums: the standing bodies and formats in which parties meet."""

from __future__ import annotations

import enum
from typing import Any, ClassVar, Final

import attrs

from coopmodel._model import _checks
from coopmodel._model._actors import Organization
from coopmodel._model._constraints import (
    SLUG,
    Constraint,
    Instance,
    Items,
    OneOf,
    Text,
    nfc,
    nfc_optional,
    to_tuple,
)
from coopmodel._model._identity import IDENTIFIERS, ExternalId
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


@attrs.frozen
class ParentForum(Constraint):
    """A forum's parent: a :class:`Forum` whose chain is short enough and holds no cycle.

    Attributes:
        max_depth: How many forums a chain may hold, the forum itself included.
    """

    max_depth: int = MAX_FORUM_DEPTH
    kind: ClassVar[str] = "instance"

    @property
    def types(self) -> tuple[type, ...]:
        """The class allowed: :class:`Forum`."""
        return (Forum,)

    def problem(self, value: object) -> str | None:
        if value.__class__ is Forum:
            return None
        return f"is {_checks.type_name(value)}, expected a Forum"

    def json_schema(self) -> dict[str, Any]:
        return {}

    def __call__(self, inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        super().__call__(inst, attribute, value)
        depth = 1
        ancestor: Forum | None = value  # type: ignore[assignment]
        while ancestor is not None:
            depth += 1
            if depth > self.max_depth:
                _checks.fail(
                    attribute, value, f"nests too deep: at most {self.max_depth} forums in a chain"
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
            :data:`MAX_FORUM_DEPTH` forums, and no forum in a chain has the id
            of a forum below it (so no forum is its own ancestor).
        convener: The organization that convenes, hosts or services it: the
            SCO for an SCO working group, a secretariat, a host ministry.
        identifiers: Identifiers in other systems.

    .. versionadded:: 0.1.0
    """

    id: str = attrs.field(validator=SLUG)
    name: str = attrs.field(validator=Text(), converter=nfc)
    kind: ForumKind = attrs.field(validator=OneOf(ForumKind))
    parties: tuple[Party, ...] = attrs.field(
        default=(), validator=Items((Party,)), converter=to_tuple
    )
    acronym: str | None = attrs.field(
        default=None, validator=Text(optional=True), converter=nfc_optional
    )
    parent: Forum | None = attrs.field(default=None, validator=ParentForum(optional=True))
    convener: Party | Organization | None = attrs.field(
        default=None, validator=Instance((Party, Organization), optional=True)
    )
    identifiers: tuple[ExternalId, ...] = attrs.field(
        default=(), validator=IDENTIFIERS, converter=to_tuple
    )

    @property
    def ancestors(self) -> tuple[Forum, ...]:
        """The chain of parents, nearest first."""
        chain: list[Forum] = []
        forum = self.parent
        while forum is not None:
            chain.append(forum)
            forum = forum.parent
        return tuple(chain)
