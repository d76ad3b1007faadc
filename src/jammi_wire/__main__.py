"""``python -m jammi_wire`` and the ``jammi-wire`` command.

A check of clean files is answered by their clearances (``jammi_wire._cleared``),
which load neither attrs nor the vocabulary; everything else runs the command line
of :mod:`jammi_wire.cli`.
"""

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    from ._cleared import quick_check

    try:
        code = quick_check(args)
    except KeyboardInterrupt:
        return 130
    if code is not None:
        return code
    from .cli import main as run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
