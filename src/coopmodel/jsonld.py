"""Meetings as JSON-LD: a schema.org ``Event`` graph with Popolo terms.

:func:`to_jsonld` writes a :class:`~coopmodel.Meeting` as a schema.org
``Event``: the forum chain as ``superEvent`` (each forum an ``EventSeries``),
the convener as ``organizer``, parties and participants as ``attendee``, the
place as ``location`` with ``geo``, the areas as ``about`` (``DefinedTerm``
with their stage), statements as ``Quotation`` (also a Popolo ``Speech``) in
``subjectOf``, sources as ``citation``, and times in ISO 8601 with their UTC
offsets.  The JSON-LD context ships with coopmodel
(``coopmodel/data/jsonld-context.json``): by default it is written inline,
so no processor needs the network; :func:`document_loader` serves it to
pyld for documents that refer to it by :data:`CONTEXT_URL`.

This module imports nothing outside the standard library and coopmodel;
pyld (the ``jsonld`` extra) is needed only to expand or compact.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources
from typing import Any, Final

from coopmodel._model import (
    ContextEvent,
    CooperationArea,
    DateSpan,
    ExternalId,
    Forum,
    Meeting,
    Organization,
    PartialDate,
    Party,
    PartyKind,
    Person,
    Place,
    Source,
    Statement,
    TimeSpan,
)

__all__ = ["CONTEXT_URL", "context", "document_loader", "to_jsonld"]

CONTEXT_URL: Final = "https://coopmodel.readthedocs.io/jsonld/context-v1.jsonld"
"""The URL documents use to refer to the shipped context; :func:`document_loader` serves it."""

_STATUS: Final = {
    "held": "EventScheduled",
    "scheduled": "EventScheduled",
    "postponed": "EventPostponed",
    "cancelled": "EventCancelled",
}


@functools.cache
def _context_document() -> dict[str, Any]:
    text = resources.files("coopmodel").joinpath("data/jsonld-context.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return {"@context": document["@context"]}


def context() -> dict[str, Any]:
    """The shipped JSON-LD context document, ``{"@context": {...}}`` (a fresh copy)."""
    return copy.deepcopy(_context_document())


def document_loader(url: str, options: Any = None) -> dict[str, Any]:  # noqa: ARG001
    """A pyld document loader that serves the shipped context and refuses every other URL.

    Pass it as ``options={"documentLoader": document_loader}`` to
    ``pyld.jsonld.expand`` or ``compact``: expansion never touches the network.

    Raises:
        LookupError: *url* is not :data:`CONTEXT_URL`.
    """
    if url != CONTEXT_URL:
        raise LookupError(f"coopmodel's document loader serves only {CONTEXT_URL!r}, not {url!r}")
    return {"contextUrl": None, "documentUrl": url, "document": context()}


def _when(value: DateSpan | TimeSpan | PartialDate | None) -> dict[str, Any]:
    if value is None:
        return {}
    if isinstance(value, PartialDate):
        text = f"{value.year:04d}" if value.month is None else f"{value.year:04d}-{value.month:02d}"
        return {"startDate": text, "precision": "year" if value.month is None else "month"}
    fields = {"startDate": value.start.isoformat()}
    if value.end is not None:
        fields["endDate"] = value.end.isoformat()
    return fields


def _same_as(identifiers: tuple[ExternalId, ...]) -> dict[str, Any]:
    same = [
        f"http://www.wikidata.org/entity/{i.value}" for i in identifiers if i.scheme == "wikidata"
    ]
    same += [f"https://sws.geonames.org/{i.value}/" for i in identifiers if i.scheme == "geonames"]
    others = [
        {"type": "PropertyValue", "propertyID": i.scheme, "value": i.value}
        for i in identifiers
        if i.scheme not in {"wikidata", "geonames"}
    ]
    fields: dict[str, Any] = {}
    if same:
        fields["sameAs"] = same
    if others:
        fields["identifier"] = others
    return fields


def _with_ids(node: dict[str, Any], identifiers: tuple[ExternalId, ...]) -> dict[str, Any]:
    """*node* with *identifiers* added: as ``sameAs`` links, or beside its own ``identifier``."""
    extra = _same_as(identifiers)
    if "sameAs" in extra:
        node["sameAs"] = extra["sameAs"]
    if "identifier" in extra:
        own = node.get("identifier")
        node["identifier"] = ([own] if own is not None else []) + extra["identifier"]
    return node


def _party(party: Party) -> dict[str, Any]:
    state = party.kind is PartyKind.STATE
    return {
        "id": f"urn:coopmodel:party:{party.code}",
        "type": "Country" if state else ["Organization", "GovernmentOrganization"],
        "name": party.name,
        "alternateName": party.code,
        "partyKind": party.kind.value,
        **_same_as(party.identifiers),
    }


def _actor(actor: Party | Organization | Person) -> dict[str, Any]:
    if isinstance(actor, Party):
        return _party(actor)
    if isinstance(actor, Organization):
        node: dict[str, Any] = {
            "type": "Organization",
            "name": actor.name,
            "organizationKind": actor.kind.value,
        }
        if actor.acronym is not None:
            node["alternateName"] = actor.acronym
        if actor.party is not None:
            node["affiliation"] = _party(actor.party)
        return _with_ids(node, actor.identifiers)
    node = {"type": "Person", "name": actor.name}
    if actor.role is not None:
        node["jobTitle"] = actor.role
    if actor.affiliation is not None:
        node["affiliation"] = _actor(actor.affiliation)
    return _with_ids(node, actor.identifiers)


def _forum(forum: Forum) -> dict[str, Any]:
    node: dict[str, Any] = {
        "id": f"urn:coopmodel:forum:{forum.id}",
        "type": "EventSeries",
        "identifier": forum.id,
        "name": forum.name,
        "forumKind": forum.kind.value,
    }
    if forum.acronym is not None:
        node["alternateName"] = forum.acronym
    if forum.parties:
        node["attendee"] = [_party(p) for p in forum.parties]
    if forum.convener is not None:
        node["organizer"] = _actor(forum.convener)
    if forum.parent is not None:
        node["superEvent"] = _forum(forum.parent)
    return _with_ids(node, forum.identifiers)


def _place(place: Place) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "Place"}
    name = place.venue or place.locality or place.region
    if name is not None:
        node["name"] = name
    address = {
        key: value
        for key, value in (
            ("addressLocality", place.locality),
            ("addressRegion", place.region),
            ("addressCountry", place.country),
        )
        if value is not None
    }
    if address:
        node["address"] = {"type": "PostalAddress", **address}
    if place.coordinates is not None:
        node["geo"] = {
            "type": "GeoCoordinates",
            "latitude": place.coordinates.latitude,
            "longitude": place.coordinates.longitude,
        }
    return _with_ids(node, place.identifiers)


def _area(area: CooperationArea) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "DefinedTerm",
        "termCode": area.code,
        "name": area.label,
        "inDefinedTermSet": "urn:coopmodel:areas",
        "stage": area.stage.value,
    }
    if area.detail is not None:
        node["description"] = area.detail
    if area.custom:
        node["custom"] = True
    return node


def _source(source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "CreativeWork",
        "headline": source.title,
        "publisher": {"type": "Organization", "name": source.publisher},
    }
    optional = (
        ("url", source.url),
        ("agency", source.agency),
        ("author", source.byline),
        ("dateline", source.dateline),
        ("inLanguage", source.language),
        ("note", source.note),
    )
    node.update({key: value for key, value in optional if value is not None})
    for key, time in (
        ("datePublished", source.published),
        ("dateModified", source.updated),
        ("retrieved", source.retrieved),
    ):
        if time is not None:
            node[key] = time.isoformat()
    if source.syndicated:
        node["syndicated"] = True
    return node


def _statement(statement: Statement) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": ["Quotation", "Speech"],
        "text": statement.text,
        "creator": _actor(statement.issuer),
        "statementKind": statement.kind.value,
        "verbatim": statement.verbatim,
    }
    if statement.issued is not None:
        node["dateCreated"] = _when(statement.issued)["startDate"]
    if statement.language is not None:
        node["inLanguage"] = statement.language
    if statement.source is not None:
        node["citation"] = _source(statement.source)
    return node


def _context_event(event: ContextEvent) -> dict[str, Any]:
    node: dict[str, Any] = {
        "type": "Event",
        "description": event.description,
        "classification": event.kind.value,
        "relation": event.relation.value,
        **_when(event.when),
    }
    if event.actors:
        node["organizer"] = [_actor(a) for a in event.actors]
    if event.targets:
        node["attendee"] = [_party(p) for p in event.targets]
    return node


def _schedule(meeting: Meeting) -> dict[str, Any]:
    """What was planned before a postponement or a move, and why."""
    fields: dict[str, Any] = {}
    if meeting.schedule_change is not None:
        change = meeting.schedule_change
        if change.planned is not None:
            fields["previousStartDate"] = _when(change.planned)["startDate"]
        if change.reason is not None:
            fields["reason"] = change.reason
    return fields


def _optional_fields(meeting: Meeting) -> dict[str, Any]:
    """The fields of *meeting* written only when it has them."""
    fields: dict[str, Any] = {}
    convener = next(
        (f.convener for f in (meeting.forum, *meeting.forum.ancestors) if f.convener), None
    )
    if convener is not None:
        fields["organizer"] = _actor(convener)
    if meeting.session is not None:
        fields["session"] = meeting.session
    if meeting.location is not None:
        fields["location"] = _place(meeting.location)
    if meeting.areas:
        fields["about"] = [_area(a) for a in meeting.areas]
    if meeting.statements:
        fields["subjectOf"] = [_statement(s) for s in meeting.statements]
    if meeting.context:
        fields["contextEvent"] = [_context_event(e) for e in meeting.context]
    fields.update(_schedule(meeting))
    if meeting.summary is not None:
        fields["description"] = meeting.summary
    return fields


def to_jsonld(meeting: Meeting, *, inline_context: bool = True) -> dict[str, Any]:
    """*meeting* as a JSON-LD document: a schema.org ``Event`` with Popolo terms.

    With *inline_context* (the default) the shipped context is written into
    the document, so any JSON-LD processor reads it without the network;
    without it the document refers to :data:`CONTEXT_URL`, which
    :func:`document_loader` serves to pyld.

    >>> import coopmodel as cm
    >>> forum = cm.Forum(id="can-usa", name="Canada-US dialogue", kind=cm.ForumKind.OTHER,
    ...                  parties=[cm.Party.state("CAN"), cm.Party.state("USA")])
    >>> meeting = cm.Meeting(id="m", title="Talks", forum=forum,
    ...                      sources=[cm.Source(publisher="P", title="T")])
    >>> doc = to_jsonld(meeting, inline_context=False)
    >>> doc["@context"] == CONTEXT_URL, doc["type"], doc["superEvent"]["id"]
    (True, 'Event', 'urn:coopmodel:forum:can-usa')
    """
    node: dict[str, Any] = {
        "@context": context()["@context"] if inline_context else CONTEXT_URL,
        "id": f"urn:coopmodel:meeting:{meeting.id}",
        "type": "Event",
        "identifier": meeting.id,
        "name": meeting.title,
        "status": meeting.status.value,
        "eventStatus": _STATUS[meeting.status.value],
        **_when(meeting.when),
        "superEvent": _forum(meeting.forum),
        "attendee": [_party(p) for p in meeting.parties]
        + [_actor(a) for a in meeting.participants],
        "citation": [_source(s) for s in meeting.sources],
    }
    node.update(_optional_fields(meeting))
    return _with_ids(node, meeting.identifiers)
