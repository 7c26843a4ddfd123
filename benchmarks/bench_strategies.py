"""How fast the Hypothesis strategies generate, per public class, against the old ones.

Run from the repository root (small sizes; the machine is shared)::

    python benchmarks/bench_strategies.py --examples 100

Each class's strategy runs as a Hypothesis test of ``--examples`` examples
(generate phase only, no database, no deadline), and the rate is examples
per second of CPU time (``time.process_time``, so that neighbours on a
shared machine do not count), Hypothesis's own work included: what a
downstream property test pays.  With ``--rounds N`` the new and the old
strategies run in turn N times and the medians are printed, the speed-up
being the median of the rounds' ratios.  The strategies module as it was before they were
derived from the constraints (commit ``fb25b2a``) is copied from git into a
temporary directory at run time and measured the same way, in the same run.
The old module can build invalid objects under today's rules (a source
updated before it was published): such draws count as failures, not as
examples, and are shown.  Rates of the cheap classes are noisy on a busy
machine: compare them over a few runs.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from coopmodel import _hypothesis_plugin, strategies
from coopmodel._model import PUBLIC_CLASSES, public_class

if TYPE_CHECKING:
    from types import ModuleType

OLD_COMMIT = "fb25b2a"
ROOT = Path(__file__).resolve().parent.parent


def old_module(directory: Path) -> ModuleType | None:
    """The strategies module of :data:`OLD_COMMIT`, imported from a copy in *directory*."""
    try:
        source = subprocess.run(  # noqa: S603 - a fixed git command
            ["git", "show", f"{OLD_COMMIT}:src/coopmodel/strategies.py"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        print(f"(no old strategies to compare with: {error})", file=sys.stderr)
        return None
    path = directory / "old_strategies.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_strategies", path)
    assert spec is not None  # noqa: S101
    assert spec.loader is not None  # noqa: S101
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rate(strategy: st.SearchStrategy[Any], examples: int) -> tuple[float, int, int]:
    """(examples per second, valid draws, failed draws) for *strategy*."""
    counts = [0, 0]

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        try:
            data.draw(strategy)
        except (ValueError, TypeError):  # an invalid object (old strategies only)
            counts[1] += 1
        else:
            counts[0] += 1

    start = time.process_time()
    run()
    elapsed = time.process_time() - start
    return counts[0] / elapsed, counts[0], counts[1]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100, help="examples per class")
    parser.add_argument("--classes", nargs="*", help="class names (default: all public ones)")
    parser.add_argument(
        "--old-examples", type=int, help="examples per class for the old strategies (default: same)"
    )
    parser.add_argument("--no-old", action="store_true", help="skip the old strategies")
    parser.add_argument(
        "--rounds", type=int, default=1, help="rounds, new and old in turn; medians are printed"
    )
    args = parser.parse_args(argv)
    classes = [public_class(name) for name in args.classes] if args.classes else None
    names = dict(_hypothesis_plugin.STRATEGY_NAMES)
    with tempfile.TemporaryDirectory() as directory:
        old = None if args.no_old else old_module(Path(directory))
        print(f"{'class':<16} {'new /s':>9} {'old /s':>9} {'speed-up':>9} {'old failed':>11}")
        for cls in classes or PUBLIC_CLASSES:
            old_factory = None if old is None else getattr(old, names[cls.__name__], None)
            new_rates, old_rates, ratios, failed, drawn = [], [], [], 0, 0
            for _ in range(args.rounds):
                new_rate, _, _ = rate(strategies.from_class(cls), args.examples)
                new_rates.append(new_rate)
                if old_factory is None:
                    continue
                old_rate, valid, bad = rate(old_factory(), args.old_examples or args.examples)
                old_rates.append(old_rate)
                ratios.append(new_rate / old_rate if old_rate else float("inf"))
                failed, drawn = failed + bad, drawn + valid + bad
            new_rate = statistics.median(new_rates)
            if not old_rates:
                print(f"{cls.__name__:<16} {new_rate:>9.1f} {'-':>9} {'-':>9} {'-':>11}")
                continue
            print(
                f"{cls.__name__:<16} {new_rate:>9.1f} {statistics.median(old_rates):>9.1f}"
                f" {statistics.median(ratios):>8.1f}x {failed:>5}/{drawn:<5}"
            )


if __name__ == "__main__":
    main()
