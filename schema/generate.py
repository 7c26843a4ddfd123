"""Write the JSON Schema of every public class to ``schema/v<version>/<Class>.json``.

The committed files are the JSON form of this schema version: a test
(``tests/test_schema_agreement.py``) fails when ``coopmodel.json_schema``
differs from them, so the JSON form cannot change without a version bump
(see ``docs/how-to/json-schema.md``).  After a deliberate change that comes
with a new ``SCHEMA_VERSION`` (and a migration in ``coopmodel._migrations``)::

    python schema/generate.py           # write schema/v<new version>/
    python schema/generate.py --check   # exit 1 if a committed file differs
"""

# ruff: noqa: INP001 - a script beside the files it writes, not a package
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import coopmodel
from coopmodel._model import PUBLIC_CLASSES

HERE = Path(__file__).resolve().parent


def schema_text(cls: type) -> str:
    """The committed text of *cls*'s schema: pretty-printed, UTF-8, one final newline."""
    return json.dumps(coopmodel.json_schema(cls), indent=2, ensure_ascii=False) + "\n"


def directory(version: int = coopmodel.SCHEMA_VERSION) -> Path:
    """Where the schemas of *version* are kept."""
    return HERE / f"v{version}"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) every public class's schema file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    target = directory()
    stale = []
    for cls in PUBLIC_CLASSES:
        path = target / f"{cls.__name__}.json"
        text = schema_text(cls)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
        else:
            target.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        sys.stderr.write(f"{path} differs from coopmodel.json_schema()\n")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
