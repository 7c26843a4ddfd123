"""A postponed meeting of a forum convened by an organization: an illustrative fixture.

A working group of the Shanghai Cooperation Organisation (SCO), convened by
the SCO's secretariat, planned to meet in Bishkek on 12 March 2026; the
meeting was postponed to 20-21 April 2026 "owing to scheduling conflicts".
The names and dates are made up for the example; the shape is that of real
reports of postponed meetings.

Run it to print the JSON form: ``python examples/postponed_sco_meeting.py``.
"""

from __future__ import annotations

import sys

import orjson
import pendulum

from coopmodel import (
    DateSpan,
    Forum,
    ForumKind,
    Meeting,
    MeetingStatus,
    Organization,
    OrganizationKind,
    Party,
    Place,
    ScheduleChange,
    Source,
    to_dict,
)

SCO = Party.lookup("SCO")
SECRETARIAT = Organization(
    name="SCO Secretariat", kind=OrganizationKind.INTERNATIONAL_ORGANIZATION, party=SCO
)
MEMBERS = tuple(
    Party.state(code) for code in ("CHN", "IND", "KAZ", "KGZ", "PAK", "RUS", "TJK", "UZB", "IRN")
)
COUNCIL = Forum(
    id="sco-council-heads-of-state",
    name="SCO Council of Heads of State",
    kind=ForumKind.SUMMIT,
    parties=MEMBERS,
    convener=SCO,
)
WORKING_GROUP = Forum(
    id="sco-wg-digital-economy",
    name="SCO Working Group on Digital Economy",
    kind=ForumKind.WORKING_GROUP,
    parties=MEMBERS,
    parent=COUNCIL,
    convener=SECRETARIAT,
)
MEETING = Meeting(
    id="sco-wg-digital-economy-2026-04",
    title="Meeting of the SCO Working Group on Digital Economy",
    forum=WORKING_GROUP,
    status=MeetingStatus.POSTPONED,
    when=DateSpan(pendulum.date(2026, 4, 20), pendulum.date(2026, 4, 21), raw="April 20-21"),
    schedule_change=ScheduleChange(
        planned=DateSpan(pendulum.date(2026, 3, 12), raw="March 12"),
        reason="scheduling conflicts",
        announced=DateSpan(pendulum.date(2026, 3, 2)),
    ),
    location=Place(locality="Bishkek", country="KGZ"),
    sources=(
        Source(
            publisher="Example Wire",
            title="SCO digital economy meeting moved to April",
            published=pendulum.datetime(2026, 3, 2, 14, 5, tz="Asia/Bishkek"),
            dateline="Bishkek",
            language="en",
        ),
    ),
)

if __name__ == "__main__":
    sys.stdout.buffer.write(
        orjson.dumps(to_dict(MEETING), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    )
