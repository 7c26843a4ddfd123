"""Run the coopmodel command: ``python -m coopmodel`` or ``coopmodel``."""

import sys

from coopmodel._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
