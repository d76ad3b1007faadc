"""Load an example fine-tune config, validate it as Rust would, and print it back.

Run with ``make demo``. The output is byte for byte what ``serde_json::to_string_pretty``
prints for the same config in the Rust service.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jammi_wire


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else Path(__file__).with_name("fine_tune.json")
    try:
        config = jammi_wire.from_json(path.read_bytes())
    except jammi_wire.WireError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    print(f"# {path.name}: valid; {config.epochs} epochs of LoRA rank {config.lora_rank}")
    print(jammi_wire.to_json(config, pretty=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
