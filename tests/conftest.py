"""Hypothesis profiles, chosen by HYPOTHESIS_PROFILE (default: 'ci' under CI, else 'dev').

- ``dev``: quick and random, for working on the code (50 examples).
- ``ci``: the same number of examples, derandomized, so a CI run is repeatable.
- ``deep``: derandomized and four times as many examples; ``.ci/run`` uses it
  for ``pytest -m "deep or hypothesis"``, which reruns every property test and
  the tests marked ``deep`` (the long hostile corpus).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("dev", max_examples=50, **_COMMON)  # type: ignore[arg-type]
settings.register_profile(
    "ci",
    max_examples=50,
    derandomize=True,
    print_blob=True,
    **_COMMON,  # type: ignore[arg-type]
)
settings.register_profile(
    "deep",
    max_examples=200,
    derandomize=True,
    print_blob=True,
    **_COMMON,  # type: ignore[arg-type]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
