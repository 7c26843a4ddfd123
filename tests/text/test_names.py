"""Party.lookup reads demonyms, names with articles and native names (data/names.json)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from coopmodel import Party
from coopmodel._model import _names

SRC = Path(__file__).resolve().parents[2] / "src" / "coopmodel" / "_model" / "_names.py"


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Turkish", "TUR"),
        ("the United States", "USA"),
        ("  the   united STATES ", "USA"),
        ("Россия", "RUS"),
        ("भारत", "IND"),
        ("Emirati", "ARE"),
        ("Indian", "IND"),
        ("Filipino", "PHL"),
        ("the Philippines", "PHL"),
        ("中国", "CHN"),
    ],
)
def test_lookup_takes_demonyms_and_native_names(name: str, code: str) -> None:
    assert Party.lookup(name).code == code


def test_unknown_names_still_fail() -> None:
    with pytest.raises(LookupError, match="Atlantean"):
        Party.lookup("Atlantean")
    assert _names.country_for("Atlantean") is None


def test_every_code_in_the_table_is_a_state() -> None:
    for table in (_names.demonyms(), _names.aliases(), _names.combining_forms()):
        for key, code in table.items():
            assert key == key.casefold() == " ".join(key.split()), key
            assert Party.state(code).code == code


def test_names_module_imports_only_the_standard_library_and_model() -> None:
    tree = ast.parse(SRC.read_text("utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    allowed = {"__future__", "functools", "json", "importlib", "typing"}
    assert {name for name in imported if not name.startswith("coopmodel._model")} <= allowed


def test_role_names_carry_their_article() -> None:
    assert _names.role_name("USA", "United States") == "the United States"
    assert _names.role_name("FRA", "France") == "France"
