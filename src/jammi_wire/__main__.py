"""``python -m jammi_wire``: the jammi-wire command."""

import sys

from .cli import main

sys.exit(main())
