# ruff: noqa: T201 - a script that prints its table
"""Field-level precision, recall and F1 of coopmodel.text on the annotated corpus.

Run::

    python tests/text/evaluate.py            # the table
    python tests/text/evaluate.py --verbose  # and every miss, text by text

Exit status 1 when the seed report is not read exactly (every field at 1.0)
or a text with no meeting yields one.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopmodel import DateSpan, Organization, PartialDate, Party, Person, TimeSpan
from coopmodel.text import extract

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = "seed-india-russia-wg-2025-08-06.txt"
SCALARS = ("forum", "parent", "date", "location", "status", "session")
SETS = ("parties", "areas", "stages", "issuers", "context")
FIELDS = (
    "meetings",
    "forum",
    "parent",
    "parties",
    "date",
    "location",
    "areas",
    "stages",
    "issuers",
    "context",
    "status",
    "session",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _issuer(issuer: object) -> str:
    if isinstance(issuer, Party):
        return issuer.code
    if isinstance(issuer, Organization | Person):
        return issuer.name
    return "?"


def _date(when: object) -> str | None:
    if isinstance(when, DateSpan):
        return when.start.isoformat()
    if isinstance(when, TimeSpan):
        return when.earliest.isoformat()
    if isinstance(when, PartialDate):
        return f"{when.year:04d}-{when.month:02d}" if when.month else f"{when.year:04d}"
    return None


def record(draft: Any) -> dict[str, Any]:
    """A draft as the annotation writes a meeting."""
    forum = draft.forum
    parties = draft.parties or (forum.parties if forum is not None else None) or ()
    location = draft.location
    return {
        "forum": forum.name if forum is not None else None,
        "parent": forum.parent.name if forum is not None and forum.parent is not None else None,
        "parties": [p.code for p in parties],
        "status": draft.status.value if draft.status is not None else None,
        "date": _date(draft.when),
        "location": (location.locality or location.country) if location is not None else None,
        "areas": {a.code: a.stage.value for a in draft.areas or ()},
        "issuers": [_issuer(s.issuer) for s in draft.statements or ()],
        "context": [c.kind.value for c in draft.context or ()],
        "session": draft.session,
    }


def _values(meeting: dict[str, Any], name: str) -> set[Any]:
    if name == "areas":
        return set(meeting["areas"])
    if name == "stages":
        return set(meeting["areas"].items())
    return set(meeting[name])


def _align(expected: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[tuple[Any, Any]]:
    pairs: list[tuple[Any, Any]] = []
    left = list(found)
    for meeting in expected:
        words = set(meeting["forum"].casefold().replace("-", " ").split())
        best, best_score = None, 0.5
        for candidate in left:
            other = set((candidate["forum"] or "").casefold().replace("-", " ").split())
            score = len(words & other) / len(words | other) if words | other else 0.0
            if score > best_score:
                best, best_score = candidate, score
        if best is not None:
            left.remove(best)
        pairs.append((meeting, best))
    pairs.extend((None, candidate) for candidate in left)
    return pairs


def evaluate(
    corpus: Path = CORPUS, names: list[str] | None = None
) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Scores over the corpus, and per text."""
    annotations = json.loads((corpus / "expected.json").read_text("utf-8"))["texts"]
    total = {name: Score() for name in FIELDS}
    per_text: dict[str, dict[str, Score]] = {}
    for text_name, expected in annotations.items():
        if names and text_name not in names:
            continue
        text = (corpus / text_name).read_text("utf-8")
        found = [record(draft) for draft in extract(text).meetings]
        scores = {name: Score() for name in FIELDS}
        for want, got in _align(expected, found):
            _score_pair(want, got, scores, text_name)
        per_text[text_name] = scores
        for name, score in scores.items():
            total[name].tp += score.tp
            total[name].fp += score.fp
            total[name].fn += score.fn
            total[name].misses.extend(score.misses)
    return total, per_text


def _score_pair(want: Any, got: Any, scores: dict[str, Score], text_name: str) -> None:
    if want is not None and got is not None:
        scores["meetings"].tp += 1
    elif want is not None:
        scores["meetings"].fn += 1
        scores["meetings"].misses.append(f"{text_name}: missed {want['forum']!r}")
    else:
        scores["meetings"].fp += 1
        scores["meetings"].misses.append(f"{text_name}: invented {got['forum']!r}")
    for name in SCALARS:
        a = want[name] if want is not None else None
        b = got[name] if got is not None else None
        if a is not None and a == b:
            scores[name].tp += 1
            continue
        if b is not None:
            scores[name].fp += 1
        if a is not None:
            scores[name].fn += 1
        if a is not None or b is not None:
            scores[name].misses.append(f"{text_name}: {name} expected {a!r}, got {b!r}")
    for name in SETS:
        a = _values(want, name) if want is not None else set()
        b = _values(got, name) if got is not None else set()
        scores[name].tp += len(a & b)
        scores[name].fp += len(b - a)
        scores[name].fn += len(a - b)
        if a != b:
            scores[name].misses.append(
                f"{text_name}: {name} missing {sorted(a - b, key=str)},"
                f" extra {sorted(b - a, key=str)}"
            )


def table(total: dict[str, Score]) -> str:
    """The scores as a Markdown table."""
    lines = ["| field | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    labels = {
        "meetings": "meeting detection",
        "parent": "parent forum",
        "issuers": "statement issuers",
        "context": "context events",
    }
    for name in FIELDS:
        score = total[name]
        lines.append(
            f"| {labels.get(name, name)} | {score.precision:.2f} | {score.recall:.2f}"
            f" | {score.f1:.2f}"
            f" | {score.tp} | {score.fp} | {score.fn} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, help="a folder of texts and expected.json"
    )
    args = parser.parse_args(argv)
    total, per_text = evaluate(args.corpus)
    annotations = json.loads((args.corpus / "expected.json").read_text("utf-8"))["texts"]
    negatives = [n for n, meetings in annotations.items() if not meetings]
    invented = sum(per_text[n]["meetings"].fp for n in negatives)
    print(f"{len(annotations)} texts, {len(negatives)} with no meeting")
    print(table(total))
    print(f"meetings invented in texts with no meeting: {invented}")
    seed_exact = True
    if SEED in per_text:
        seed_exact = all(s.fp == 0 and s.fn == 0 for s in per_text[SEED].values())
        print(f"seed read exactly: {'yes' if seed_exact else 'NO'}")
    if args.verbose:
        for name in FIELDS:
            for miss in total[name].misses:
                print(f"  {name}: {miss}")
    return 0 if seed_exact and invented == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
