"""Stage 4: what a meeting took up and what framed it: areas and stages, statements, context.

Areas are read only in clauses governed by a stage verb ("explored
opportunities in", "welcomed", "the key focus areas included"); a
background sentence ("Critical minerals such as copper ...") gives none.
The detail of an area is its list item as written, with the manner phrase
that governs the list ("enhanced engagement in ...") distributed over its
items.
"""

from __future__ import annotations

import re
from collections import deque
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs

from coopmodel._model import (
    ContextKind,
    ContextRelation,
    Organization,
    OrganizationKind,
    Party,
    Person,
    Stage,
    StatementKind,
    vocabulary,
)
from coopmodel._model import _names as names
from coopmodel.text import _lexicon

if TYPE_CHECKING:
    from coopmodel._model import Vocabulary
    from coopmodel.text._lexicon import Mention
    from coopmodel.text._spans import SpanSet

__all__ = [
    "AreaFound",
    "ContextFound",
    "StatementFound",
    "find_areas",
    "find_context",
    "find_statements",
]

Span = tuple[int, int]

_CUES: Final = (
    (
        Stage.EXPLORED,
        (
            r"explor(?:ed|ing|es|e)(?:\s(?:new\s)?"
            r"(?:opportunities|possibilities|avenues|ways|prospects|options)(?:\s(?:in|for|of|to))?)?"
        ),
    ),
    (
        Stage.DISCUSSED,
        (
            r"discuss(?:ed|ing|es)?(?:\s(?:ways\sto\s)?(?:boost(?:ing)?|expand(?:ing)?|deepen(?:ing)?))?"
            r"|deliberat(?:ed|ing)\son|review(?:ed|ing|s)?|(?:came|come|comes)\sup\sfor\sdiscussions?"
            r"|(?:key\s)?focus\sareas\sincluded|agenda\sincluded|covering|covered|took\sstock\sof"
            r"|exchanged\sviews\son|focus(?:ed|sed|ing|sing)?\son"
        ),
    ),
    (Stage.WELCOMED, r"welcom(?:ed|ing|es)|appreciated|noted\swith\ssatisfaction|lauded|hailed"),
    (
        Stage.AGREED,
        (
            r"agreed\s(?:to\s(?:\w+\s)?(?:cooperation\sin|cooperate\son|cooperate\sin"
            r"|work\stogether\son)|to\s\w+|on|upon)|agree\s(?:to|on)|decided\sto\s(?:\w+\s)?"
            r"|committed\sto|resolved\sto|reached\s(?:an\s)?agreement\son"
        ),
    ),
    (Stage.SIGNED, r"signed|inked|exchanged\s(?:an?\s)?(?:mou|memorand\w*|agreements?)"),
    (Stage.IMPLEMENTED, r"implement(?:ed|ing)|operationali[sz]ed"),
    (Stage.PROPOSED, r"propos(?:ed|ing)|suggested|offered|called\sfor|pushed\sfor|sought"),
)
# One word boundary and a first-letter check before the alternatives: the engine
# tries the seven groups only where a cue can start.
_CUE: Final = re.compile(
    r"\b(?=[acdefhilnoprsw])(?:"
    + "|".join(f"(?P<{stage.name}>{pattern})" for stage, pattern in _CUES)
    + r")\b",
    re.IGNORECASE,
)
_MANNER: Final = re.compile(
    r"\b(?:the\s)?(?P<manner>(?:(?:enhanced|greater|deeper|closer|bilateral|further)\s)?"
    r"(?:cooperation|collaboration|engagement|partnership|ties)\s(?:in|on)"
    r"|joint\s(?:development|production|research|ventures?)\s(?:in|of|on)"
    r"|(?:establishment|creation|production|development|setting\sup|promotion|expansion|supply"
    r"|manufacturing|exports?|imports?|modernisation|modernization)\sof)\s",
    re.IGNORECASE,
)
_BREAK: Final = re.compile(
    r",?\s(?:including|alongside|as\swell\sas|besides|apart\sfrom|along\swith)\s|;\s|\.\s|\sand\s(?=(?:also\s)?(?:agreed|discussed|welcomed|explored|signed|reviewed)\b)",
    re.IGNORECASE,
)
_SEPARATOR: Final = re.compile(r",\s(?:and\s|or\s)?|\sand\s|\sor\s|\s&\s")


class AreaFound(NamedTuple):
    """An area of cooperation, with its stage, its detail and where it came from."""

    code: str
    stage: Stage
    detail: str
    spans: tuple[Span, ...]


def _clauses(text: str, start: int, end: int) -> list[tuple[Stage, int, int]]:
    """Stage cues of a sentence and the stretch each governs."""
    cues = list(_CUE.finditer(text, start, end))
    clauses: list[tuple[Stage, int, int]] = []
    for number, cue in enumerate(cues):
        stage = Stage[cue.lastgroup or "DISCUSSED"]
        stop = cues[number + 1].start() if number + 1 < len(cues) else end
        clauses.append((stage, cue.end(), stop))
    if cues and cues[0].start() > start:
        # "Cooperation in space was discussed": the words before a passive cue.
        before = text[max(start, cues[0].start() - 5) : cues[0].start()]
        if before.endswith(("was ", "were ", "been ", "are ", "is ")):
            clauses.insert(0, (Stage[cues[0].lastgroup or "DISCUSSED"], start, cues[0].start()))
    return clauses


def _strip_article(text: str, start: int, end: int) -> int:
    while start < end and text[start] == " ":
        start += 1
    for article in ("in ", "on ", "of ", "the ", "a ", "an ", "The ", "also ", "both "):
        if text.startswith(article, start) and start + len(article) <= end:
            return start + len(article)
    return start


def find_areas(text: str, start: int, end: int, masked: SpanSet) -> list[AreaFound]:
    """The areas a sentence ``text[start:end]`` gives, with their stages and details."""
    found: list[AreaFound] = []
    vocab = vocabulary()
    for stage, clause_start, cue_end in _clauses(text, start, end):
        clause_end = cue_end
        while clause_end > clause_start and text[clause_end - 1] in " .,;:\"'\u201d":
            clause_end -= 1
        segments: list[tuple[int, int]] = []
        cut = clause_start
        for brk in _BREAK.finditer(text, clause_start, clause_end):
            segments.append((cut, brk.start()))
            cut = brk.end()
        segments.append((cut, clause_end))
        for seg_start, seg_end in segments:
            found.extend(_segment_areas(text, seg_start, seg_end, stage, masked, vocab))
    return found


@attrs.define
class _Item:
    """One area in a list: where its words are, and what else its detail takes."""

    start: int
    end: int
    code: str
    raw_start: int
    """Where the item began before an article was dropped ("a modernized ...")."""
    head: Span | None = None
    """A head noun it shares: "rare earth and critical minerals *extraction*"."""
    complement: Span | None = None
    """The list it governs: "capacity building *in mining sector equipment, ...*"."""


def _items(text: str, start: int, hits: list[tuple[int, int, str]]) -> list[_Item]:
    """The list items of a stretch: each hit, extended left to the separator before it."""
    items: list[_Item] = []
    previous_end = start
    for h_start, h_end, code in hits:
        if items and previous_end != start and not text[previous_end:h_start].strip():
            # "critical minerals extraction": a head noun, shared with items joined by "and".
            head = (h_start, h_end)
            items[-1].head = head
            for earlier, later in zip(reversed(items[:-1]), reversed(items[1:]), strict=True):
                if text[earlier.end : later.raw_start].strip(" ,") != "and":
                    break
                earlier.head = head
            previous_end = h_end
            continue
        separators = deque(_SEPARATOR.finditer(text, previous_end, h_start), maxlen=1)
        raw_start = separators[0].end() if separators else previous_end
        while raw_start < h_start and text[raw_start] == " ":
            raw_start += 1
        item_start = _strip_article(text, raw_start, h_start)
        items.append(_Item(item_start, h_end, code, raw_start))
        previous_end = h_end
    return items


def _segment_areas(  # noqa: C901, PLR0917 - the stretch and what governs it
    text: str, seg_start: int, seg_end: int, stage: Stage, masked: SpanSet, vocab: Vocabulary
) -> list[AreaFound]:
    """The areas of one list: "enhanced engagement in aluminium, fertilizers, and rail"."""
    # Manner phrases split the segment further: "production of X, and joint development in Y".
    manners = list(_MANNER.finditer(text, seg_start, seg_end))
    parts: list[tuple[re.Match[str] | None, int, int]] = []
    if not manners or manners[0].start() > seg_start:
        parts.append((None, seg_start, manners[0].start() if manners else seg_end))
    for number, manner in enumerate(manners):
        stop = manners[number + 1].start() if number + 1 < len(manners) else seg_end
        parts.append((manner, manner.end(), stop))
    results: list[AreaFound] = []
    for governing, p_start, p_end in parts:
        end = p_end
        while end > p_start and text[end - 1] in " ,;":
            end -= 1
        hits = [
            (p_start + s, p_start + e, terms[0].code)
            for s, e, terms in vocab.scan(text[p_start:end])
            if not masked.covers(p_start + s)
        ]
        items = _items(text, p_start, hits)
        # An area followed by "in <list>" governs the list: "capacity building ... in X, Y".
        for number, item in enumerate(items[:-1]):
            if text[item.end : item.end + 4] in {" in ", " on ", " of "}:
                for governed in items[: number + 1]:
                    governed.complement = (item.end + 1, end)
                break
        # Neighbouring items of one code are one area: "additive manufacturing, and 3D printing".
        merged: dict[str, _Item] = {}
        for item in items:
            kept = merged.get(item.code)
            if kept is None:
                merged[item.code] = item
            elif kept.head is None and kept.complement is None and item.head is None:
                kept.end = item.end
        results.extend(_area(text, item, governing, p_start, stage) for item in merged.values())
    return results


def _area(
    text: str, item: _Item, manner: re.Match[str] | None, start: int, stage: Stage
) -> AreaFound:
    """The area of one item; its detail is its words, with what governs or completes it."""
    spans: list[Span] = []
    if manner is None:
        spans.append((item.start, item.end))
    elif item.raw_start == start:  # right after its manner phrase: one stretch of text
        spans.append((manner.start("manner"), item.end))
    else:
        spans.extend([(manner.start("manner"), manner.end("manner")), (item.start, item.end)])
    extra = item.complement or item.head
    if extra is not None:
        spans.append(extra)
    detail = " ".join(" ".join(text[s:e].split()) for s, e in spans)
    return AreaFound(item.code, stage, detail, tuple(spans))


# --- statements ------------------------------------------------------------------------------

_REPORTING: Final = re.compile(
    r"\b(?P<verb>said|says|stated|noted|added|announced|informed|told\sreporters|observed|remarked|asserted)\b"
)
_STATEMENT_NOUN: Final = re.compile(
    r"^(?:an?\s|the\s)?(?:official\s|joint\s|separate\s|brief\s)?(?P<noun>statement|release|press\srelease|readout|communiqu[eé]|declaration)$",
    re.IGNORECASE,
)
_PRONOUNS: Final = frozenset(
    {"it", "he", "she", "they", "the ministry", "the official", "officials"}
)
_ACCORDING: Final = re.compile(
    r",?\s?according\sto\s(?:an?\s|the\s)?(?P<kind>official\s|joint\s)?(?P<noun>statement|release|readout|communiqu[eé]|declaration)(?:\sissued\s[^,.]{0,60})?",
    re.IGNORECASE,
)
_MINISTRY: Final = re.compile(
    r"\b(?:the\s)?(?:(?P<owner>[A-Z][a-z]+(?:'s|\u2019s)?)\s)?(?:(?P<subject>(?:[a-z]+\s(?:and\s)?){0,3}[a-z]+)\s)?ministry\b"
    r"|\b(?:the\s)?(?:(?P<owner2>[A-Z][a-z]+(?:'s|\u2019s)?)\s)?Ministry\sof\s(?P<of>[A-Z][a-z]+(?:\s(?:and\s|of\s|&\s)?[A-Z][a-z]+){0,4})",
)
#: Departments and offices that are ministries: "the Department for Business and
#: Trade", "the Department of Foreign Affairs", "the Foreign Office".
_DEPARTMENT: Final = re.compile(
    r"\b(?:the\s)?(?:(?P<owner>[A-Z][a-z]+(?:'s|\u2019s)?)\s)?(?P<name>Department\s(?:of|for)\s"
    r"[A-Z][a-z]+(?:,?\s(?:and\s|of\s|&\s)?[A-Z][a-z]+){0,5}"
    r"|(?:Foreign|Home|Cabinet|Foreign,\sCommonwealth\s(?:and|&)\sDevelopment)\sOffice)$"
)
_SPECIAL_ORGS: Final = {
    "mea": ("Ministry of External Affairs", OrganizationKind.MINISTRY, "IND"),
    "the kremlin": ("Kremlin", OrganizationKind.HEAD_OF_STATE_OFFICE, "RUS"),
    "the white house": ("White House", OrganizationKind.HEAD_OF_STATE_OFFICE, "USA"),
    "the state department": ("Department of State", OrganizationKind.MINISTRY, "USA"),
    "the pentagon": ("Department of Defense", OrganizationKind.MINISTRY, "USA"),
    "the pmo": ("Prime Minister's Office", OrganizationKind.HEAD_OF_STATE_OFFICE, "IND"),
    "the prime minister's office": (
        "Prime Minister's Office",
        OrganizationKind.HEAD_OF_STATE_OFFICE,
        None,
    ),
    "the european commission": (
        "European Commission",
        OrganizationKind.INTERNATIONAL_ORGANIZATION,
        None,
    ),
    "the elysee": ("\u00c9lys\u00e9e Palace", OrganizationKind.HEAD_OF_STATE_OFFICE, "FRA"),
    "the \u00e9lys\u00e9e": (
        "\u00c9lys\u00e9e Palace",
        OrganizationKind.HEAD_OF_STATE_OFFICE,
        "FRA",
    ),
}
_ORG_BODY: Final = re.compile(
    r"(?:[Tt]he\s)?(?P<org>[A-Z][A-Za-z0-9+-]{1,10})\s(?P<body>Commission|Secretariat|Council)"
)
_MINISTRY_NAMES: Final = {
    "foreign": "Foreign Affairs",
    "foreign affairs": "Foreign Affairs",
    "external affairs": "External Affairs",
    "defence": "Defence",
    "defense": "Defense",
}
_TITLES: Final = (
    r"(?:(?:External\sAffairs|Foreign|Defence|Defense|Commerce|Trade|Finance|Deputy\sPrime|Prime"
    r"|Energy|Industry|Home|Mines|Economy|Economic\sDevelopment|Industry\sand\sTrade)\s)?"
    r"(?:Minister|President|Secretary|Ambassador|Spokesperson|Spokesman|Spokeswoman|Chancellor"
    r"|Premier|Commissioner|Secretary-General|Envoy)"
)
_PERSON: Final = re.compile(
    rf"(?P<title>{_TITLES})\s(?P<name>[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){{0,2}})"
)
_SIDES: Final = re.compile(
    r"^(?:both\ssides|the\stwo\ssides|the\ssides|the\stwo\scountries|both\scountries|the\stwo\snations|they)\b",
    re.IGNORECASE,
)
_QUOTE: Final = re.compile(r"[\"\u201c](?P<q>[^\"\u201c\u201d]{1,3000})[\"\u201d]")


class StatementFound(NamedTuple):
    """A statement: who, what kind, the words, and the spans."""

    issuer: Party | Organization | Person | None
    kind: StatementKind
    text: str
    verbatim: bool
    spans: tuple[Span, ...]
    issuer_span: Span | None
    date_span: Span | None


def _capital(sentence: str) -> str:
    sentence = " ".join(sentence.split()).strip(" ,;:")
    if not sentence:
        return sentence
    sentence = sentence[0].upper() + sentence[1:]
    return sentence if sentence[-1] in ".!?" else sentence + "."


def resolve_issuer(  # noqa: C901, PLR0911 - one branch per kind of issuer
    phrase: str, home: str | None, mentions: list[Mention], offset: int
) -> Party | Organization | Person | None:
    """The organization, person or party a phrase names ("the commerce and industry ministry")."""
    key = " ".join(phrase.split()).casefold()
    special = _SPECIAL_ORGS.get(key) or _SPECIAL_ORGS.get(key.removeprefix("the "))
    if special is not None:
        name, kind, country = special
        owner = country or home
        return Organization(name=name, kind=kind, party=_lexicon.party(owner) if owner else None)
    ministry = _MINISTRY.search(phrase)
    if ministry is not None and ministry.end() >= len(phrase.rstrip()) - 1:
        owner = _owner(ministry["owner"] or ministry["owner2"]) or home
        if ministry["of"]:
            name = "Ministry of " + ministry["of"]
        elif ministry["subject"]:
            subject = ministry["subject"]
            name = "Ministry of " + _MINISTRY_NAMES.get(
                subject, " ".join(w if w == "and" else w.capitalize() for w in subject.split())
            )
        else:
            return None
        return _ministry(name, owner)
    department = _DEPARTMENT.search(phrase.strip())
    if department is not None:
        return _ministry(department["name"], _owner(department["owner"]) or home)
    body = _ORG_BODY.fullmatch(phrase.strip())
    if body is not None:
        owners = [
            m
            for m in mentions
            if offset <= m.start < offset + len(phrase) and m.kind == "party"
            if not _is_state(m.value)
        ]
        if owners:
            return Organization(
                name=f"{body['org']} {body['body']}",
                kind=OrganizationKind.INTERNATIONAL_ORGANIZATION,
                party=_lexicon.party(owners[0].value),
            )
    person = _PERSON.search(phrase)
    if person is not None:
        affiliation = None
        for mention in mentions:
            if offset <= mention.start < offset + person.start() and mention.kind in {
                "party",
                "demonym",
            }:
                affiliation = _lexicon.party(mention.value)
        return Person(name=person["name"], role=person["title"], affiliation=affiliation)
    party_mentions = [
        m
        for m in mentions
        if offset <= m.start and m.end <= offset + len(phrase) and m.kind == "party"
    ]
    if len(party_mentions) == 1 and len(phrase.split()) <= 3:
        return _lexicon.party(party_mentions[0].value)
    return None


def _ministry(name: str, owner: str | None) -> Organization:
    """The ministry called *name*, of the state *owner* (a party code) if it is one."""
    party = _lexicon.party(owner) if owner and _is_state(owner) else None
    return Organization(name=name, kind=OrganizationKind.MINISTRY, party=party)


def _owner(word: str | None) -> str | None:
    """The party code a word before a ministry names ("Indian", "Russia's"), if any."""
    if not word:
        return None
    word = word.removesuffix("'s").removesuffix("\u2019s")
    code = names.country_for(word)
    if code is None:
        try:
            code = Party.lookup(word).code
        except LookupError:
            return None
    return code


def _is_state(code: str) -> bool:
    return _lexicon.is_state(code)


def find_statements(  # noqa: C901, PLR0912, PLR0915
    text: str,
    sentences: list[tuple[int, int]],
    home: str | None,
    mentions: list[Mention],
) -> list[StatementFound]:
    """Statements in the body: attributions, quotes, "according to", and their continuations."""
    found: list[StatementFound] = []
    previous: StatementFound | None = None
    previous_index = -2
    for index, (start, end) in enumerate(sentences):
        sentence = text[start:end]
        if len(sentence) > 5000:
            continue
        result: StatementFound | None = None
        quote = _QUOTE.search(sentence)
        verbs = deque(_REPORTING.finditer(sentence), maxlen=1)  # the last reporting verb
        verb = verbs[0] if verbs else None
        if quote is not None and verb is not None:
            # "Both sides ...," it said.  /  X said: "..."
            if verb.start() > quote.end():
                phrase = sentence[quote.end() : verb.start()].strip(" ,")
            else:
                phrase = sentence[: verb.start()].strip(" ,")
            issuer = _issuer(phrase, home, mentions, start + sentence.find(phrase), previous)
            kind = (
                previous.kind
                if previous is not None and phrase.casefold() in _PRONOUNS
                else _kind_for(issuer)
            )
            q_start, q_end = start + quote.start("q"), start + quote.end("q")
            result = StatementFound(
                issuer=issuer,
                kind=kind,
                text=text[q_start:q_end],
                verbatim=True,
                spans=((q_start, q_end),),
                issuer_span=_span_of(phrase, sentence, start),
                date_span=None,
            )
        elif verb is not None:
            comma = sentence.rfind(",", 0, verb.start())
            phrase_start = comma + 1 if comma != -1 else 0
            phrase = sentence[phrase_start : verb.start()].strip()
            if comma != -1 and 0 < len(phrase.split()) <= 8:
                content = sentence[:comma]
                date_span = _date_after(sentence, verb.end(), start)
                noun = _STATEMENT_NOUN.match(phrase)
                if noun is not None:
                    issuer = None
                    kind = _noun_kind(noun["noun"], phrase)
                else:
                    issuer = _issuer(phrase, home, mentions, start + phrase_start, previous)
                    kind = _kind_for(issuer)
                result = StatementFound(
                    issuer=issuer,
                    kind=kind,
                    text=_capital(content),
                    verbatim=False,
                    spans=((start, start + comma),),
                    issuer_span=_span_of(phrase, sentence, start),
                    date_span=date_span,
                )
            else:
                head = sentence[: verb.start()].strip()
                rest_start = verb.end()
                rest = sentence[rest_start:]
                if rest.startswith(" that "):
                    rest_start += 6
                elif rest.startswith(" "):
                    rest_start += 1
                content = sentence[rest_start:]
                if head and len(head.split()) <= 8 and content[:1].isalpha():
                    issuer = _issuer(head, home, mentions, start, previous)
                    if issuer is not None:
                        kind = (
                            previous.kind
                            if previous is not None and head.casefold() in _PRONOUNS
                            else _kind_for(issuer)
                        )
                        date_span = None
                        result = StatementFound(
                            issuer=issuer,
                            kind=kind,
                            text=_capital(content),
                            verbatim=False,
                            spans=((start + rest_start, end),),
                            issuer_span=(start, start + len(head)),
                            date_span=date_span,
                        )
        else:
            according = _ACCORDING.search(sentence)
            if according is not None:
                content = sentence[: according.start()] + sentence[according.end() :]
                kind = (
                    StatementKind.JOINT_STATEMENT
                    if (according["kind"] or "").strip().casefold() == "joint"
                    else StatementKind.OFFICIAL_STATEMENT
                )
                result = StatementFound(
                    issuer=None,
                    kind=kind,
                    text=_capital(content),
                    verbatim=False,
                    spans=((start, start + according.start()),),
                    issuer_span=(start + according.start(), start + according.end()),
                    date_span=None,
                )
            elif (
                previous is not None
                and previous_index == index - 1
                and _SIDES.match(sentence)
                and _CUE.search(sentence)
            ):
                result = StatementFound(
                    issuer=previous.issuer,
                    kind=previous.kind,
                    text=_capital(sentence),
                    verbatim=False,
                    spans=((start, end),),
                    issuer_span=None,
                    date_span=None,
                )
        if result is not None:
            found.append(result)
            previous = result
            previous_index = index
    # Unnamed statements ("an official statement said") belong to the one issuer the text names.
    named = {s.issuer for s in found if isinstance(s.issuer, Organization)}
    if len(named) == 1:
        only = next(iter(named))
        found = [s._replace(issuer=only) if s.issuer is None else s for s in found]
    return found


def _span_of(phrase: str, sentence: str, start: int) -> Span | None:
    at = sentence.find(phrase) if phrase else -1
    return (start + at, start + at + len(phrase)) if at != -1 else None


def _issuer(
    phrase: str,
    home: str | None,
    mentions: list[Mention],
    offset: int,
    previous: StatementFound | None,
) -> Party | Organization | Person | None:
    if phrase.casefold() in _PRONOUNS and previous is not None:
        return previous.issuer
    return resolve_issuer(phrase, home, mentions, offset)


def _kind_for(issuer: object) -> StatementKind:
    return StatementKind.REMARKS if isinstance(issuer, Person) else StatementKind.OFFICIAL_STATEMENT


def _noun_kind(noun: str, phrase: str) -> StatementKind:
    lowered = noun.casefold()
    if "joint" in phrase.casefold():
        return StatementKind.JOINT_STATEMENT
    return {
        "press release": StatementKind.PRESS_RELEASE,
        "release": StatementKind.PRESS_RELEASE,
        "readout": StatementKind.READOUT,
        "declaration": StatementKind.DECLARATION,
    }.get(
        lowered,
        StatementKind.COMMUNIQUE
        if lowered.startswith("communiqu")
        else StatementKind.OFFICIAL_STATEMENT,
    )


_DATE_WORDS: Final = re.compile(
    r"\s(?P<raw>(?:on\s)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|today|yesterday"
    r"|on\s(?:[A-Z][a-z]{2,8}\s\d{1,2}|\d{1,2}\s[A-Z][a-z]{2,8}))"
)


def _date_after(sentence: str, position: int, offset: int) -> Span | None:
    match = _DATE_WORDS.match(sentence, position)
    if match is None:
        return None
    return (offset + match.start("raw"), offset + match.end("raw"))


# --- context -------------------------------------------------------------------------------

_CONTEXT: Final = re.compile(
    r"\b(?=[acfio])(?P<cue>(?:in|against)\sthe\sbackdrop\sof|amid(?:st)?|(?:comes?|coming|came)\s(?:just\s)?(?:days|weeks|a\sday|a\sweek|hours|months)\s(?:after|before)"
    r"|in\sthe\swake\sof|following|follows|in\sresponse\sto|(?:close\s)?on\sthe\sheels\sof)\s",
    re.IGNORECASE,
)
_KIND_WORDS: Final = (
    (ContextKind.TARIFFS, ("tariff", "duties", "levies", "levy")),
    (ContextKind.SANCTIONS, ("sanction",)),
    (
        ContextKind.CONFLICT,
        (
            "war",
            "conflict",
            "clash",
            "attack",
            "strikes",
            "hostilities",
            "fighting",
            "tension",
            "standoff",
        ),
    ),
    (ContextKind.CRISIS, ("crisis", "collapse", "protests", "unrest", "turmoil")),
    (ContextKind.ELECTION, ("election", "polls")),
    (ContextKind.VISIT, ("visit",)),
    (ContextKind.AGREEMENT, ("agreement", "deal", "pact", "treaty")),
    (ContextKind.MEETING, ("summit", "meeting", "talks")),
    (ContextKind.POLICY_ANNOUNCEMENT, ("announc", "policy", "ban", "curbs")),
    (ContextKind.ECONOMIC, ("slowdown", "inflation", "recession", "prices")),
)
_GERUNDS: Final = {
    "announcing": "announced",
    "imposing": "imposed",
    "slapping": "slapped",
    "threatening": "threatened",
    "levying": "levied",
    "raising": "raised",
    "hiking": "hiked",
    "doubling": "doubled",
    "launching": "launched",
    "signing": "signed",
    "visiting": "visited",
    "calling": "called",
    "cutting": "cut",
    "putting": "put",
    "sanctioning": "sanctioned",
    "suspending": "suspended",
    "halting": "halted",
    "banning": "banned",
    "expelling": "expelled",
    "warning": "warned",
}
_RELATIONS: Final = {
    "backdrop": ContextRelation.BACKDROP,
    "amid": ContextRelation.BACKDROP,
    "response": ContextRelation.RESPONSE,
}
_CLAUSE_END: Final = re.compile(r",\s(?:which|as|while|and|but|where|when)\b|[;.]\s|[.;]$")


class ContextFound(NamedTuple):
    """A context event with its spans."""

    kind: ContextKind
    description: str
    relation: ContextRelation
    actors: tuple[Party | Organization | Person, ...]
    targets: tuple[Party, ...]
    span: Span


def find_context(  # noqa: C901, PLR0912 - cue, kind, actors, targets
    text: str, start: int, end: int, mentions: list[Mention]
) -> list[ContextFound]:
    """Context events in a sentence: "in the backdrop of", "amid", "comes days after"..."""
    found: list[ContextFound] = []
    for cue in _CONTEXT.finditer(text, start, end):
        stop_match = _CLAUSE_END.search(text, cue.end(), end)
        stop = stop_match.start() if stop_match is not None else end
        while stop > cue.end() and text[stop - 1] in " .,;":
            stop -= 1
        phrase = text[cue.end() : stop]
        if len(phrase.split()) < 2:
            continue
        lowered = phrase.casefold()
        kind = next(
            (k for k, words in _KIND_WORDS if any(w in lowered for w in words)), ContextKind.OTHER
        )
        cue_word = cue["cue"].casefold()
        relation = next(
            (r for w, r in _RELATIONS.items() if w in cue_word), ContextRelation.PRECEDENT
        )
        inside = [
            m
            for m in mentions
            if cue.end() <= m.start and m.end <= stop and m.kind in {"party", "demonym"}
        ]
        words = phrase.split(" ")
        verb_at = next((i for i, w in enumerate(words) if w in _GERUNDS), None)
        actors: list[Party | Organization | Person] = []
        targets: list[Party] = []
        if verb_at is not None and verb_at > 0:
            actor_text = " ".join(words[:verb_at])
            rest = " ".join(words[verb_at + 1 :])
            description = f"{actor_text} {_GERUNDS[words[verb_at]]} {rest}".strip()
            actor_end = cue.end() + len(actor_text)
            person = _PERSON.search(actor_text)
            actor_parties = [m for m in inside if m.end <= actor_end]
            if person is not None:
                owner = next(
                    (m for m in actor_parties if m.start < cue.end() + person.start()), None
                )
                affiliation = _lexicon.party(owner.value) if owner is not None else None
                role = person["title"]
                if affiliation is not None and person["title"] in {
                    "President",
                    "Prime Minister",
                    "Chancellor",
                    "Premier",
                }:
                    country = names.role_name(affiliation.code, affiliation.name)
                    role = f"{person['title']} of {country}"
                actors.append(Person(name=person["name"], role=role, affiliation=affiliation))
            for mention in actor_parties:
                party = _lexicon.party(mention.value)
                if party not in actors:
                    actors.append(party)
            for mention in inside:
                if mention.start >= actor_end:
                    before = text[max(cue.end(), mention.start - 9) : mention.start]
                    if before.endswith(("on ", "against ", "targeting ")):
                        party = _lexicon.party(mention.value)
                        if party not in targets:
                            targets.append(party)
        else:
            description = phrase
        found.append(
            ContextFound(
                kind,
                _capital(description),
                relation,
                tuple(actors),
                tuple(targets),
                (cue.end(), stop),
            )
        )
    return found
