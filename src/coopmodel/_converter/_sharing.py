"""Sharing recurring reference data between documents, in bounded memory.

The converter behind :func:`~coopmodel.from_json`, :func:`~coopmodel.read_jsonl`,
:func:`~coopmodel.to_json` and :func:`~coopmodel.write_jsonl` builds one
object for equal values of the reference-data classes
(:data:`coopmodel._model.REFERENCE_DATA`: parties, forums, organizations,
places, identifiers, vocabulary areas) and hands out that frozen object
again; when such an object is written, its JSON text is kept and spliced into
later documents as it is.

What is kept, and for how long:

- A value is looked up by a key made of its fields once they are read and
  checked (a tuple of field values, not JSON text): text, integers,
  booleans and dates as they are; enum members and the shared objects it
  holds by their ``id`` (a kept object keeps its children alive, so equal ids
  mean the same object), so a forum's key holds its parent forum's id, not
  the parent's text again.  Anything else (a float, since ``-0.0 == 0.0``; an
  object that is not shared) is keyed by its JSON text.
- The seen hashes take at most :data:`SEEN_MAX` entries per class, each
  with the number of the document it was seen in (about 420 KiB a class,
  measured with :mod:`tracemalloc`); the rest of the memory is in the
  budget below.
- All classes together keep at most :data:`SHARING_MAX_BYTES` bytes (an
  estimate that counts the objects, their text, the keys and the kept JSON
  text, from :func:`sys.getsizeof`) and :data:`SHARING_MAX_ENTRIES` objects;
  when either is reached, everything is forgotten and sharing starts afresh.
- A value whose estimate is over :data:`SHARING_MAX_VALUE_BYTES` (say, a
  forum with a 100 KB name) is never kept, nor is its JSON text.
- What a document added is taken out again when the document turns out to
  be invalid (unless the budget was reached meanwhile, when all was forgotten).
- Looking a value up costs a tuple and a dict lookup.  A value is kept from
  its second sighting in another document only (the first notes its hash,
  of at most :data:`SEEN_MAX` per class, and the document), so a value that
  never recurs between documents costs neither memory nor the estimate of
  its size, and repeats inside one document (a party in the forum, the
  parties and a statement) do not make a class look recurring; a class whose values mostly recur
  (at least :data:`EAGER_HIT_RATE` of a window's lookups) keeps them from
  their first sighting.  A class whose values rarely recur
  (fewer than :data:`MIN_HIT_RATE` of :data:`WINDOW` lookups found, second
  sightings counted as found) is read without sharing for its next
  :data:`OFF_CALLS` values (one test each), and then tries again for a
  window; each window that fails again doubles the pause, up to
  :data:`MAX_OFF_CALLS` values, and a window that succeeds resets it.  So
  where nothing recurs a value costs what it costs without sharing, but for
  one test and a window of lookups in every :data:`MAX_OFF_CALLS` values.
- :func:`clear_caches` forgets everything now; :func:`set_sharing` turns
  sharing off (and on again) for the whole process.
"""

from __future__ import annotations

import enum
import math
import sys
import threading
import weakref
from typing import Any, Final

import attrs
import orjson

from coopmodel._converter._times import time_caches

__all__ = [
    "EAGER_HIT_RATE",
    "MAX_OFF_CALLS",
    "MIN_HIT_RATE",
    "OFF_CALLS",
    "SEEN_MAX",
    "SHARING_MAX_BYTES",
    "SHARING_MAX_ENTRIES",
    "SHARING_MAX_VALUE_BYTES",
    "WINDOW",
    "Sharing",
    "Slot",
    "clear_caches",
    "set_sharing",
    "sharing_enabled",
]

SHARING_MAX_BYTES: Final = 32 * 1024 * 1024
"""The most memory, in bytes, that the sharing caches of all classes keep together: 32 MiB."""

SHARING_MAX_ENTRIES: Final = 16_384
"""The most objects the sharing caches of all classes keep together."""

SHARING_MAX_VALUE_BYTES: Final = 64 * 1024
"""The largest value (or JSON text) the sharing caches keep, in bytes: 64 KiB."""

WINDOW: Final = 256
"""How many lookups of a class's values sharing judges its hit rate on."""

MIN_HIT_RATE: Final = 0.25
"""Below this share of hits in a window, a class is read without sharing for a while."""

EAGER_HIT_RATE: Final = 0.75
"""From this share of hits in a window, a class keeps new values from their first sighting."""

OFF_CALLS: Final = 32 * WINDOW
"""For how many values a class is read without sharing before sharing tries again."""

MAX_OFF_CALLS: Final = 16 * OFF_CALLS
"""The longest pause, in values, after windows that failed one after another."""

#: What an entry costs beyond its key and object: its slots in two dicts and its
#: record of kept JSON text.
_ENTRY_OVERHEAD: Final = 200

#: How many key hashes a class remembers to tell a value's second sighting.
SEEN_MAX: Final = 4096

_UNSEEN: Final = object()

#: Classes whose values cost a shared object nothing: singletons and small ints.
_FREE: Final[set[type]] = {type(None), bool, int}

#: Whether sharing is on in this process (see set_sharing).
_SWITCH: Final = {"on": True}
#: Every sharing state, so that clear_caches and set_sharing reach them all.
_ALL: Final[weakref.WeakSet[Sharing]] = weakref.WeakSet()
_ALL_LOCK: Final = threading.Lock()


def _names(cls: type) -> tuple[str, ...]:
    """The attribute names of an attrs class; none for anything else."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = (
            tuple(field.name for field in attrs.fields(cls)) if attrs.has(cls) else ()
        )
    return names


_NAMES: Final[dict[type, tuple[str, ...]]] = {}


class Slot:
    """The caches and statistics of one class.

    Attributes:
        cache: Each shared object by its key.
        ids: An entry ``[obj, text, head_key, head_value, head_text, written,
            text_bytes]`` per shared object, by ``id(obj)``: the kept JSON
            text of the object, and of the object with a leading key, whether
            it was written before (its text is kept from its second writing),
            and what its kept text costs.
        state: ``[off, lookups, hits, eager, pause]``: *off* counts down the
            values read without sharing (infinite while sharing is switched
            off), *lookups* and *hits* count this window's (second sightings
            count as hits), *eager* says values are kept from their first
            sighting (the class's values mostly recur), *pause* is how long
            the next pause is, should this window fail.
        seen: The hashes of values seen once (at most :data:`SEEN_MAX`), with
            the document they were seen in: a value is kept from its second
            sighting in another document.
        text_positions: Where the key holds JSON text of its own (counted in
            its size), not a value the object holds.
    """

    __slots__ = ("cache", "ids", "seen", "state", "text_positions")

    def __init__(self, text_positions: tuple[int, ...], *, on: bool) -> None:
        self.cache: dict[object, object] = {}
        self.ids: dict[int, list[Any]] = {}
        self.seen: dict[int, int | None] = {}
        self.state: list[Any] = [0 if on else math.inf, 0, 0, False, OFF_CALLS]
        self.text_positions = text_positions


class Sharing:
    """The sharing caches of one converter, with one budget for all its classes.

    Args:
        max_bytes: The budget in bytes for all classes.
        max_entries: The budget in objects for all classes.
        max_value_bytes: The largest value or JSON text kept.
    """

    def __init__(
        self,
        *,
        max_bytes: int = SHARING_MAX_BYTES,
        max_entries: int = SHARING_MAX_ENTRIES,
        max_value_bytes: int = SHARING_MAX_VALUE_BYTES,
    ) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.max_value_bytes = max_value_bytes
        self.bytes = 0
        self.entries = 0
        self.on = _SWITCH["on"]
        self._slots: dict[type, Slot] = {}
        self._documents = 0  # documents begun, to tell sightings in one from sightings in two
        self._lock = threading.Lock()
        self._local = threading.local()
        with _ALL_LOCK:
            _ALL.add(self)

    def slot(self, cls: type, text_positions: tuple[int, ...]) -> Slot:
        """The caches of *cls*, made on first use."""
        with self._lock:
            slot = self._slots.get(cls)
            if slot is None:
                slot = self._slots[cls] = Slot(text_positions, on=self.on)
            return slot

    # -- reading --

    def insert(self, slot: Slot, key: tuple[Any, ...], obj: object) -> None:
        """Keep *obj* under *key* if its key was seen before and it fits; after a miss.

        A value is kept from its second sighting: the first only notes its
        hash, so values that never recur never cost their size estimate nor
        memory.
        """
        state = slot.state
        if state[1] >= WINDOW:
            self._judge(state)
        if not state[3]:
            seen = slot.seen
            # By value, not by key: the key holds the ids of shared children,
            # which differ between the first sighting and the second.
            sighting = hash(obj)
            document = getattr(self._local, "document", None)
            first = seen.get(sighting, _UNSEEN)
            if first is _UNSEEN:
                if len(seen) >= SEEN_MAX:
                    seen.clear()
                seen[sighting] = document
                return
            if document is not None and first == document:
                # Seen again inside one document (a party in the forum and in
                # a statement): no sign that the class recurs between documents.
                return
            state[2] += 1  # a value that recurs: as good as a hit, for judging the class
        cost = _ENTRY_OVERHEAD + sys.getsizeof(key)
        for position in slot.text_positions:
            cost += sys.getsizeof(key[position])
        cost += self._size(obj, self.max_value_bytes)
        if cost > self.max_value_bytes:
            return
        with self._lock:
            if self.bytes + cost > self.max_bytes or self.entries >= self.max_entries:
                self._forget()
            slot.cache[key] = obj
            slot.ids[id(obj)] = [obj, None, None, None, None, False, 0]
            self.bytes += cost
            self.entries += 1
        journal: list[Any] | None = getattr(self._local, "journal", None)
        if journal is not None:
            journal.append((slot, key, obj, cost))

    def _judge(self, state: list[Any]) -> None:
        """End a window: keep no new values for a while if too few lookups hit.

        The pause doubles with each window that fails after a pause, up to
        :data:`MAX_OFF_CALLS`.  A class whose values mostly recur keeps new
        ones from their first sighting on; one that has not shown it, from
        the second.
        """
        if state[2] < state[1] * MIN_HIT_RATE:
            if self.on:
                state[0] = state[4]
                state[4] = min(2 * state[4], MAX_OFF_CALLS)
        else:
            state[4] = OFF_CALLS
        state[3] = state[2] >= state[1] * EAGER_HIT_RATE
        state[1] = state[2] = 0

    def _size(self, value: object, limit: int) -> int:  # noqa: C901 - one walk, a branch per kind
        """An estimate of the memory *value* keeps alive that no other entry counts.

        Stops early once over *limit*.
        """
        total = sys.getsizeof(value)
        stack: list[Any] = [getattr(value, name) for name in _names(type(value))]
        slots = self._slots
        while stack:
            item = stack.pop()
            cls = item.__class__
            if cls is str:
                total += sys.getsizeof(item)
            elif cls is tuple:
                if item:  # () is one object, shared by all
                    total += sys.getsizeof(item)
                    stack.extend(item)
            elif cls in _FREE:
                continue
            else:
                slot = slots.get(cls)
                if slot is not None:
                    entry = slot.ids.get(id(item))
                    if entry is not None and entry[0] is item:
                        continue  # counted in its own entry
                total += sys.getsizeof(item)
                names = _names(cls)
                if names:
                    stack.extend([getattr(item, name) for name in names])
                elif isinstance(item, enum.Enum):
                    total -= sys.getsizeof(item)  # a member lives as long as its class
                    _FREE.add(cls)
            if total > limit:
                break
        return total

    # -- writing --

    def text(self, entry: list[Any], res: dict[str, Any], head: tuple[str, object] | None) -> Any:
        """Keep the JSON text of a shared object's form *res*, and return it as a fragment.

        Only from the second time an object is written: one written once
        costs a flag, not its text.
        """
        if not entry[5]:
            entry[5] = True
            return res
        text = orjson.dumps(res).decode()  # a str is compact; orjson's bytes keep a buffer
        cost = sys.getsizeof(text) + 64
        if cost > self.max_value_bytes:
            return res
        fragment = orjson.Fragment(text)
        with self._lock:
            if self.bytes + cost > self.max_bytes:
                self._forget()
                return fragment
            self.bytes += cost
            entry[6] += cost
            if head is None:
                entry[1] = fragment
            else:
                entry[2], entry[3], entry[4] = head[0], head[1], fragment
        return fragment

    # -- documents --

    def begin(self) -> list[Any]:
        """Start a document in this thread: note what it adds, to take it out on failure."""
        journal: list[Any] = []
        self._local.journal = journal
        self._documents += 1  # under the GIL; a number shared by two threads only delays a keep
        self._local.document = self._documents
        return journal

    def end(self) -> None:
        """End this thread's document: keep what it added."""
        self._local.journal = None
        self._local.document = None

    def rollback(self, journal: list[Any]) -> None:
        """Take out what a failed document added (and end it)."""
        self._local.journal = None
        self._local.document = None
        with self._lock:
            for slot, key, obj, cost in reversed(journal):
                if slot.cache.get(key) is obj:
                    del slot.cache[key]
                    entry = slot.ids.pop(id(obj), None)
                    self.bytes -= cost
                    self.entries -= 1
                    if entry is not None:
                        self.bytes -= entry[6]  # its kept JSON text

    # -- control --

    def clear(self) -> None:
        """Forget every shared object and its text, and every class's statistics."""
        with self._lock:
            self._forget()
            for slot in self._slots.values():
                slot.state[1] = slot.state[2] = 0
                slot.state[0] = 0 if self.on else math.inf
                slot.state[3] = False
                slot.state[4] = OFF_CALLS

    def _forget(self) -> None:
        for slot in self._slots.values():
            slot.cache.clear()
            slot.ids.clear()
            slot.seen.clear()
        self.bytes = 0
        self.entries = 0

    def switch(self, *, on: bool) -> None:
        """Turn sharing on or off for every class; off also forgets everything."""
        self.on = on
        self.clear()

    def stats(self) -> dict[str, int]:
        """How much is kept now: ``bytes`` and ``entries``."""
        return {"bytes": self.bytes, "entries": self.entries}


def clear_caches() -> None:
    """Forget every shared object and the JSON text kept for it.

    :func:`~coopmodel.from_json` and :func:`~coopmodel.read_jsonl` share
    reference data that recurs between documents (parties, forums,
    organizations, places, identifiers, vocabulary areas), and
    :func:`~coopmodel.to_json` and :func:`~coopmodel.write_jsonl` reuse its
    JSON text.  The caches keep at most 32 MiB and 16,384 objects in all,
    never a value over 64 KiB, and nothing from an invalid document; recurring
    date and date-time strings are parsed and formatted once, in three caches
    of 4,096 entries (under 1 MiB each).  This empties them all now, for
    instance after a large load whose objects you no longer need.  Results
    already handed out stay valid.

    .. versionadded:: 0.1.0
    """
    with _ALL_LOCK:
        sharings = list(_ALL)
    for sharing in sharings:
        sharing.clear()
    time_caches(clear=True)


def set_sharing(enabled: bool) -> None:
    """Turn sharing of recurring reference data on or off for the whole process.

    With sharing off, every document is built afresh (no two documents hold
    the same object) and nothing is cached between calls; turning it off
    also forgets what was kept.  It is on by default.  Results are equal
    either way; only speed, memory and object identity differ.

    .. versionadded:: 0.1.0
    """
    _SWITCH["on"] = bool(enabled)
    time_caches(enabled=bool(enabled))
    with _ALL_LOCK:
        sharings = list(_ALL)
    for sharing in sharings:
        sharing.switch(on=bool(enabled))


def sharing_enabled() -> bool:
    """Whether sharing is on (see :func:`set_sharing`)."""
    return _SWITCH["on"]
