"""Read cooperation meetings out of news text: :func:`extract`.

Install with the ``text`` extra (``pip install coopmodel[text]``).  This
subpackage is not imported by ``import coopmodel``.

>>> from coopmodel.text import extract
>>> found = extract("NEW DELHI, Aug 6 (PTI) - The India-Japan Joint Working Group"
...                 " on Rail was held here on Tuesday.")
>>> found.meetings[0].forum.name
'India-Japan Joint Working Group on Rail'

.. versionadded:: 0.2.0
"""

from coopmodel.text._drafts import (
    Extraction,
    ForumDraft,
    MeetingDraft,
    MissingFieldsError,
    Note,
    SourceDraft,
    Span,
    forum_id,
    meeting_id,
)
from coopmodel.text._pipeline import extract

__all__ = [
    "Extraction",
    "ForumDraft",
    "MeetingDraft",
    "MissingFieldsError",
    "Note",
    "SourceDraft",
    "Span",
    "extract",
    "forum_id",
    "meeting_id",
]


def __dir__() -> list[str]:
    return __all__
