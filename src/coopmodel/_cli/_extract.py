"""``coopmodel extract``: found in the ``text`` extra, loaded only when asked for.

The subcommand lives in :mod:`coopmodel.text._cli`, which provides
``add_arguments(parser)`` and ``run(args) -> int``.  It is imported only when
``extract`` is the command (its help included), so the other commands neither
pay for nor depend on the text extra.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Final, Protocol, cast

if TYPE_CHECKING:
    import argparse

__all__ = ["MODULE", "ExtractMissingError", "ExtractModule", "load"]

MODULE: Final = "coopmodel.text._cli"


class ExtractModule(Protocol):
    """What the module behind ``extract`` provides."""

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Add the command's arguments to *parser*."""

    def run(self, args: argparse.Namespace) -> int:
        """Run the command; return the exit status."""


class ExtractMissingError(Exception):
    """The text extra (or a package it needs) is not installed.

    Attributes:
        missing: The module that could not be found.
    """

    def __init__(self, missing: str | None) -> None:
        self.missing = missing or MODULE
        super().__init__(
            f"extract needs the text extra, which is not installed (no module "
            f"{self.missing!r}); install it with: pip install 'coopmodel[text]'"
        )


def load() -> ExtractModule:
    """The module behind ``extract``.

    Raises:
        ExtractMissingError: it, or a module it imports, is not installed.
    """
    try:
        return cast("ExtractModule", importlib.import_module(MODULE))
    except ModuleNotFoundError as error:
        raise ExtractMissingError(error.name) from None
