"""Fuzz target: ``coopmodel.from_json`` must read any bytes or raise ``ParseError``.

The first byte of each input picks the class (and whether the rest is passed
as bytes or as a ``str``); the rest is the document.  An input either parses
to an object that round-trips through ``to_json`` to the same canonical
bytes, or raises :class:`coopmodel.ParseError` with at least one problem,
each with a JSONPath.  Any other exception, a ``RecursionError`` included,
is a crash.

With atheris installed (``pip install atheris``) this is a libFuzzer target
and takes libFuzzer's flags::

    python fuzz/fuzz_from_json.py -atheris_runs=2000          # a short run, as in CI
    python fuzz/fuzz_from_json.py -max_total_time=3600 -dict=fuzz/json.dict corpus/

Without atheris (or with ``--no-atheris``) the same target runs on inputs
made by a seeded pure-Python mutator from the same seeds; ``-atheris_runs``
(or ``-runs``) and ``-seed`` mean the same.  Either way, files given on the
command line that are not directories are run once each (to replay a crash).
See ``fuzz/README.md``.
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

import orjson

try:
    import atheris
except ImportError:  # pragma: no cover - depends on the environment
    atheris = None

#: Run by libFuzzer (not imported by the tests, not asked to do without atheris).
FUZZING = __name__ == "__main__" and atheris is not None and "--no-atheris" not in sys.argv

if FUZZING:
    with atheris.instrument_imports(include=["coopmodel"]):
        import coopmodel
        from coopmodel._model import PUBLIC_CLASSES
else:
    import coopmodel
    from coopmodel._model import PUBLIC_CLASSES

HERE = Path(__file__).resolve().parent
DICTIONARY = HERE / "json.dict"

#: The classes an input may ask for, by its first byte: the registry's list.
CLASSES: tuple[type, ...] = PUBLIC_CLASSES
TEXT_FLAG = 0x80  # first byte: pass the document as a str, not bytes


def split(data: bytes) -> tuple[type, bytes | str]:
    """The class an input asks for, and its document (bytes, or a str with lone surrogates)."""
    head, document = data[0], data[1:]
    cls = CLASSES[(head & ~TEXT_FLAG) % len(CLASSES)]
    if head & TEXT_FLAG:
        return cls, document.decode("utf-8", "surrogateescape")
    return cls, document


def test_one_input(data: bytes) -> str:
    """The target: parse whole or raise ParseError; anything else escapes and is a crash."""
    if not data:
        return "empty"
    cls, document = split(data)
    try:
        obj = coopmodel.from_json(document, cls)
    except coopmodel.ParseError as error:
        check_error(error)
        return "error"
    check_object(obj, cls)
    return "parsed"


def check_error(error: coopmodel.ParseError) -> None:
    if type(error) is not coopmodel.ParseError or error.line is not None or not error.errors:
        raise AssertionError(f"a malformed ParseError: {error!r}")
    for detail in error.errors:
        if not (detail.path.startswith("$") and isinstance(detail.message, str) and detail.message):
            raise AssertionError(f"a malformed problem: {detail!r}")
    str(error)


def check_object(obj: Any, cls: type) -> None:
    if type(obj) is not cls:
        raise AssertionError(f"asked for {cls.__name__}, got {type(obj).__name__}")
    text = coopmodel.to_json(obj)
    back = coopmodel.from_json(text, cls)
    if back != obj or coopmodel.to_json(back) != text:
        raise AssertionError(f"{text!r} does not round-trip")


def seed_objects() -> list[Any]:
    """Valid objects of every class, to start the fuzzer from."""
    import pendulum  # noqa: PLC0415 - only needed to make the seeds

    india, russia = coopmodel.Party.lookup("India"), coopmodel.Party.lookup("Russia")
    commission = coopmodel.Forum(
        id="ind-rus-irigc-tec",
        name="India-Russia Intergovernmental Commission",
        kind=coopmodel.ForumKind.INTERGOVERNMENTAL_COMMISSION,
        parties=(india, russia),
        acronym="IRIGC-TEC",
        identifiers=(coopmodel.ExternalId("wikidata", "Q668"),),
    )
    group = coopmodel.Forum(
        id="ind-rus-wg",
        name="Working Group on Modernization",
        kind=coopmodel.ForumKind.WORKING_GROUP,
        parties=(india, russia),
        parent=commission,
    )
    ministry = coopmodel.Organization(
        name="वाणिज्य एवं उद्योग मंत्रालय", kind=coopmodel.OrganizationKind.MINISTRY, party=india
    )
    person = coopmodel.Person(
        name="Donald Trump", role="President", affiliation=coopmodel.Party.lookup("US")
    )
    published = pendulum.datetime(2025, 8, 6, 21, 38, tz="Asia/Kolkata")
    source = coopmodel.Source(
        publisher="Business Standard",
        title="India, Russia to collaborate on rare earths",
        url="https://www.business-standard.com/a",
        agency="Press Trust of India",
        syndicated=True,
        published=published,
        updated=pendulum.date(2025, 8, 6),
        retrieved=pendulum.datetime(2025, 8, 6, 16, 15, tz=pendulum.FixedTimezone(-5 * 3600)),
        language="en",
    )
    place = coopmodel.Place(
        locality="New Delhi", country="IND", coordinates=coopmodel.Coordinates(28.6139, 77.209)
    )
    time_span = coopmodel.TimeSpan(published, published.add(hours=2), raw="9:38 PM IST")
    date_span = coopmodel.DateSpan(pendulum.date(2025, 8, 6), pendulum.date(2025, 8, 7))
    statement = coopmodel.Statement(
        issuer=ministry,
        kind=coopmodel.StatementKind.OFFICIAL_STATEMENT,
        text='"Both sides also explored opportunities"',
        verbatim=True,
        issued=date_span,
        source=source,
    )
    context = coopmodel.ContextEvent(
        kind=coopmodel.ContextKind.TARIFFS,
        description="The US announced high tariffs on India",
        relation=coopmodel.ContextRelation.BACKDROP,
        actors=(person,),
        targets=(india,),
        when=coopmodel.PartialDate(2025, 8),
    )
    areas = (
        coopmodel.CooperationArea.of("minerals.rare_earths", coopmodel.Stage.EXPLORED),
        coopmodel.CooperationArea(
            code="custom.wind", label="Wind", stage=coopmodel.Stage.WELCOMED, custom=True
        ),
    )
    meeting = coopmodel.Meeting(
        id="ind-rus-wg-2025-08-06",
        title="India-Russia Working Group",
        forum=group,
        sources=(source,),
        session=5,
        when=time_span,
        location=place,
        participants=(ministry, person, india),
        areas=areas,
        statements=(statement,),
        context=(context,),
    )
    change = coopmodel.ScheduleChange(
        planned=date_span, reason="scheduling conflicts", announced=coopmodel.PartialDate(2025, 7)
    )
    sco = coopmodel.Forum(
        id="sco-wg",
        name="SCO Working Group",
        kind=coopmodel.ForumKind.WORKING_GROUP,
        convener=coopmodel.Party.lookup("SCO"),
    )
    return [
        meeting,
        coopmodel.Meeting(id="m", title="t", forum=commission, sources=(source,)),
        coopmodel.Meeting(
            id="p",
            title="Postponed",
            forum=sco,
            sources=(source,),
            status=coopmodel.MeetingStatus.POSTPONED,
            schedule_change=change,
        ),
        change,
        group,
        india,
        coopmodel.Party.lookup("BRICS"),
        ministry,
        person,
        place,
        source,
        statement,
        context,
        *areas,
        date_span,
        time_span,
        coopmodel.PartialDate(2025),
        coopmodel.ExternalId("wikidata", "Q668"),
        coopmodel.Coordinates(-90, 180),
    ]


def seed_inputs() -> list[bytes]:
    """The seeds as fuzzer inputs: a class byte, then the canonical JSON (bytes and str)."""
    inputs = []
    for obj in seed_objects():
        head = CLASSES.index(type(obj))
        text = coopmodel.to_json(obj)
        inputs += [bytes([head]) + text, bytes([head | TEXT_FLAG]) + text]
    return inputs


def write_seeds(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for data in seed_inputs():
        (directory / f"seed-{hashlib.sha1(data).hexdigest()[:12]}.bin").write_bytes(data)  # noqa: S324


# --- without atheris: a small seeded mutator ------------------------------------


def _dictionary_entry(line: str) -> bytes:
    """The bytes of one libFuzzer dictionary line: ``name="value"`` with ``\\xNN`` escapes."""
    value = line[line.index('"') + 1 : line.rindex('"')]
    return value.encode("latin-1").decode("unicode_escape").encode("latin-1")


TOKENS = [
    _dictionary_entry(line)
    for line in (DICTIONARY.read_text("ascii").splitlines() if DICTIONARY.exists() else [])
    if line and not line.startswith("#")
]


def mutate(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:
    """*data* mutated: half the time as JSON (values, keys), else as bytes."""
    if data and rng.random() < 0.5:
        try:
            document = orjson.loads(data[1:])
        except orjson.JSONDecodeError:
            pass
        else:
            return data[:1] + orjson.dumps(_mutate_json(document, rng))
    return _mutate_bytes(data, rng, seeds)


#: Values a JSON mutation puts in place of another.
ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**63,
    1.5,
    -0.0,
    "",
    " ",
    "x" * 300,
    "IND",
    "XX",
    "state",
    "party",
    "time_span",
    "2025-08-06",
    "2025-08-06T21:38:00+05:30[Asia/Kolkata]",
    "2025-08-06T21:38:00+05:99",
    "2025-08-06T21:38:00+05:30[Mars/Olympus]",
    "https://example.com/",
    [],
    {},
    [{}],
    {"type": "party"},
)


def _mutate_json(document: Any, rng: random.Random) -> Any:
    """*document* with one value replaced, a key removed, added or renamed, or a list changed."""
    containers = list(_containers(document))
    parent = rng.choice(containers)
    keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
    action = rng.randrange(5)
    if action == 0 and keys:  # replace a value
        parent[rng.choice(keys)] = rng.choice(ODD_VALUES)
    elif action == 1 and keys:  # remove a key or an item
        del parent[rng.choice(keys)]
    elif action == 2 and isinstance(parent, dict):  # add a key
        parent[rng.choice(("type", "zz", "parent", "id", ""))] = rng.choice(ODD_VALUES)
    elif action == 3 and keys:  # duplicate an item, or move a value to another key
        key = rng.choice(keys)
        if isinstance(parent, list):
            parent.append(parent[key])
        else:
            parent[rng.choice(keys)] = parent[key]
    elif keys:  # wrap a value in an array or an object
        key = rng.choice(keys)
        parent[key] = rng.choice(([parent[key]], {"a": parent[key]}))
    return document


def _containers(value: Any) -> Any:
    if isinstance(value, dict | list):
        yield value
        for item in value.values() if isinstance(value, dict) else value:
            yield from _containers(item)


def _mutate_bytes(data: bytes, rng: random.Random, seeds: list[bytes]) -> bytes:  # noqa: C901
    """*data* with one to four random edits: bytes, tokens, splices, repeats."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        where = rng.randint(0, len(buffer))
        match rng.randrange(7):
            case 0:  # flip a byte
                if buffer:
                    buffer[min(where, len(buffer) - 1)] ^= 1 << rng.randrange(8)
            case 1:  # insert random bytes
                buffer[where:where] = rng.randbytes(rng.randint(1, 8))
            case 2:  # cut a run
                del buffer[where : where + rng.randint(1, 16)]
            case 3:  # insert a JSON token
                if TOKENS:
                    buffer[where:where] = rng.choice(TOKENS)
            case 4:  # splice in part of another seed
                other = rng.choice(seeds) if seeds else b""
                start = rng.randint(0, len(other))
                buffer[where:where] = other[start : start + rng.randint(1, 64)]
            case 5:  # repeat a run (deep nesting, long strings)
                run = bytes(buffer[where : where + rng.randint(1, 4)])
                buffer[where:where] = run * rng.randint(2, 2000)
            case _:  # pick another class, or switch bytes/str
                if buffer:
                    buffer[0] = rng.randrange(256)
    return bytes(buffer)


def fallback(runs: int, seed: int, files: list[Path]) -> int:
    """Run the target on *files*, or on the seeds and *runs* mutants; 0, or 1 on a crash.

    Mutants that parse join the pool, so later ones reach deeper than the seeds.
    """
    rng = random.Random(seed)  # noqa: S311 - fuzz inputs, not secrets
    seeds = seed_inputs()
    pool = [path.read_bytes() for path in files] or list(seeds)
    todo = list(pool) + ([] if files else [b""] * runs)
    outcomes: dict[str, int] = {"parsed": 0, "error": 0, "empty": 0}
    for count, planned in enumerate(todo):
        if planned or count < len(pool):
            data = planned
        elif rng.random() < 0.05:
            data = rng.randbytes(rng.randint(0, 64))
        else:
            data = mutate(rng.choice(pool), rng, seeds)
        try:
            outcome = test_one_input(data)
        except Exception:  # noqa: BLE001 - every other exception is the crash we look for
            name = f"crash-{hashlib.sha1(data).hexdigest()}"  # noqa: S324 - a file name
            Path(name).write_bytes(data)
            traceback.print_exc()
            print(f"==CRASH== on input {count}; written to {name}", file=sys.stderr)
            return 1
        outcomes[outcome] += 1
        if outcome == "parsed" and len(pool) < 2000 and rng.random() < 0.5:
            pool.append(data)
    summary = ", ".join(f"{count} {name}" for name, count in outcomes.items())
    print(f"Done {len(todo)} inputs, pure Python, seed {seed}: {summary}")
    return 0


def _flag(argv: list[str], names: tuple[str, ...], default: int) -> int:
    for arg in argv:
        for name in names:
            if arg.startswith(f"{name}="):
                return int(arg.split("=", 1)[1])
    return default


def main(argv: list[str]) -> int:
    if "--write-seeds" in argv:
        index = argv.index("--write-seeds")
        write_seeds(Path(argv[index + 1]))
        return 0
    files = [Path(arg) for arg in argv[1:] if not arg.startswith("-") and Path(arg).is_file()]
    if not FUZZING:
        runs = _flag(argv, ("-atheris_runs", "-runs"), 2000)
        return fallback(runs, _flag(argv, ("-seed",), 20250806), files)
    argv = [arg for arg in argv if arg != "--no-atheris"]
    if not any(not arg.startswith("-") for arg in argv[1:]):
        # No corpus given: the seeds, in a corpus directory kept between runs (libFuzzer
        # adds what it finds), outside the source tree.
        corpus = Path(tempfile.gettempdir()) / "coopmodel-fuzz-corpus"
        write_seeds(corpus)
        argv.append(str(corpus))
    if DICTIONARY.exists() and not any(arg.startswith("-dict=") for arg in argv):
        argv.append(f"-dict={DICTIONARY}")
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()
    return 0  # pragma: no cover - atheris.Fuzz() exits


if __name__ == "__main__":
    sys.exit(main(sys.argv))
