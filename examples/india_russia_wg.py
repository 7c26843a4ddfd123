"""The seed report, modelled by hand: the India-Russia working group meeting of August 2025.

Source: "India, Russia to collaborate on rare earths, critical minerals mining",
Press Trust of India via Business Standard, 6 August 2025, 9:38 PM IST.

Run it to print the meeting's canonical JSON::

    python examples/india_russia_wg.py > examples/india-russia-wg-2025-08-06.json
"""

from __future__ import annotations

import sys

import orjson
import pendulum

from coopmodel import (
    ContextEvent,
    ContextKind,
    ContextRelation,
    CooperationArea,
    DateSpan,
    Forum,
    ForumKind,
    Meeting,
    Organization,
    OrganizationKind,
    Party,
    Person,
    Place,
    Source,
    Stage,
    Statement,
    StatementKind,
    to_dict,
)

INDIA = Party.lookup("India")
RUSSIA = Party.lookup("Russia")
USA = Party.lookup("United States")

COMMISSION = Forum(
    id="ind-rus-irigc-tec",
    name=(
        "India-Russia Intergovernmental Commission on Trade, Economic, Scientific,"
        " Technological and Cultural Cooperation"
    ),
    acronym="IRIGC-TEC",
    kind=ForumKind.INTERGOVERNMENTAL_COMMISSION,
    parties=(INDIA, RUSSIA),
)

WORKING_GROUP = Forum(
    id="ind-rus-wg-modernization-industrial-cooperation",
    name="India-Russia Working Group on Modernization and Industrial Cooperation",
    kind=ForumKind.WORKING_GROUP,
    parties=(INDIA, RUSSIA),
    parent=COMMISSION,
)

MINISTRY = Organization(
    name="Ministry of Commerce and Industry",
    kind=OrganizationKind.MINISTRY,
    party=INDIA,
)

IST = "Asia/Kolkata"

REPORT = Source(
    publisher="Business Standard",
    agency="Press Trust of India",
    syndicated=True,
    byline="Press Trust of India",
    dateline="New Delhi",
    title="India, Russia to collaborate on rare earths, critical minerals mining",
    published=pendulum.datetime(2025, 8, 6, 21, 38, tz=IST),
    updated=pendulum.datetime(2025, 8, 6, 21, 38, tz=IST),
    retrieved=pendulum.datetime(2025, 8, 6, 21, 45, tz=IST),
    language="en",
    note=(
        "Only the headline and picture of this report may have been reworked by the"
        " Business Standard staff; the rest of the content is auto-generated from a"
        " syndicated feed."
    ),
)

ON_WEDNESDAY = DateSpan(pendulum.date(2025, 8, 6), raw="on Wednesday")


def _area(code: str, stage: Stage, detail: str) -> CooperationArea:
    return CooperationArea.of(code, stage, detail=detail)


AREAS = (
    # "the key focus areas included ..."
    _area("aerospace", Stage.DISCUSSED, "cooperation in aerospace science and technology"),
    _area(
        "aerospace.wind_tunnels",
        Stage.DISCUSSED,
        "establishment of a modernized wind tunnel facility",
    ),
    _area(
        "aerospace.aircraft_engines", Stage.DISCUSSED, "production of small aircraft piston engines"
    ),
    _area(
        "materials.carbon_fibre", Stage.DISCUSSED, "joint development in carbon fibre technology"
    ),
    _area(
        "industry.additive_manufacturing",
        Stage.DISCUSSED,
        "joint development in additive manufacturing, and 3D printing",
    ),
    # "Both sides also explored opportunities in ..."
    _area("minerals.rare_earths", Stage.EXPLORED, "rare earth extraction"),
    _area("minerals.critical_minerals", Stage.EXPLORED, "critical minerals extraction"),
    _area("energy.coal_gasification", Stage.EXPLORED, "underground coal gasification"),
    _area(
        "industry.infrastructure", Stage.EXPLORED, "creation of modern industrial infrastructure"
    ),
    # "The two sides also welcomed enhanced engagement in ..."
    _area("metals.aluminium", Stage.WELCOMED, "enhanced engagement in aluminium"),
    _area("agriculture.fertilizers", Stage.WELCOMED, "enhanced engagement in fertilizers"),
    _area("transport.rail", Stage.WELCOMED, "enhanced engagement in railway transport"),
    _area(
        "industry.capacity_building",
        Stage.WELCOMED,
        "capacity building in mining sector equipment, exploration, and industrial and"
        " domestic waste management",
    ),
    _area(
        "industry.technology_transfer",
        Stage.WELCOMED,
        "technology transfer in mining sector equipment, exploration, and industrial and"
        " domestic waste management",
    ),
    _area("industry.mining_equipment", Stage.WELCOMED, "mining sector equipment"),
    _area("minerals.exploration", Stage.WELCOMED, "exploration"),
    _area(
        "environment.waste_management",
        Stage.WELCOMED,
        "industrial and domestic waste management",
    ),
)


def _statement(text: str, *, verbatim: bool) -> Statement:
    return Statement(
        issuer=MINISTRY,
        kind=StatementKind.OFFICIAL_STATEMENT,
        text=text,
        verbatim=verbatim,
        issued=ON_WEDNESDAY,
        language="en",
    )


STATEMENTS = (
    _statement(
        "India and Russia are exploring opportunities in rare earth and critical minerals"
        " extraction, underground coal gasification, and creation of modern industrial"
        " infrastructure.",
        verbatim=False,
    ),
    _statement(
        "The key focus areas included cooperation in aerospace science and technology,"
        " including the establishment of a modernized wind tunnel facility, production of"
        " small aircraft piston engines, and joint development in carbon fibre technology,"
        " additive manufacturing, and 3D printing.",
        verbatim=False,
    ),
    _statement(
        "Both sides also explored opportunities in rare earth and critical minerals"
        " extraction, underground coal gasification, and creation of modern industrial"
        " infrastructure,",
        verbatim=True,
    ),
    _statement(
        "The two sides also welcomed enhanced engagement in aluminium, fertilizers, and"
        " railway transport, alongside capacity building and technology transfer in mining"
        " sector equipment, exploration, and industrial and domestic waste management.",
        verbatim=False,
    ),
)

TARIFFS = ContextEvent(
    kind=ContextKind.TARIFFS,
    description="US President Donald Trump announced high tariffs on India.",
    relation=ContextRelation.BACKDROP,
    actors=(
        Person(name="Donald Trump", role="President of the United States", affiliation=USA),
        USA,
    ),
    targets=(INDIA,),
)

MEETING = Meeting(
    id="ind-rus-wg-mic-2025-08",
    title="Meeting of the India-Russia Working Group on Modernization and Industrial Cooperation",
    forum=WORKING_GROUP,
    # The report dates the ministry's statement ("on Wednesday"), not the
    # meeting itself, so `when` stays empty rather than guessed.
    location=Place(locality="New Delhi", country="IND"),
    areas=AREAS,
    statements=STATEMENTS,
    context=(TARIFFS,),
    sources=(REPORT,),
    summary=(
        "India and Russia discussed cooperation in aerospace, carbon fibre and additive"
        " manufacturing, explored rare earth and critical minerals extraction, underground"
        " coal gasification and modern industrial infrastructure, and welcomed engagement in"
        " aluminium, fertilizers and railway transport. Critical minerals such as copper,"
        " lithium, nickel, cobalt and rare earth are essential raw materials for clean"
        " energy technologies."
    ),
)

if __name__ == "__main__":
    sys.stdout.buffer.write(
        orjson.dumps(to_dict(MEETING), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    )
