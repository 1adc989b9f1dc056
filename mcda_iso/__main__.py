"""``python -m mcda_iso`` runs the command-line interface (same as ``mcda-iso``)."""

import sys

from mcda_iso.cli import main

sys.exit(main())
