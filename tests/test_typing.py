"""What type checkers and introspection see of the public classes (issue 14, item 7)."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import jammi_wire as jw
from jammi_wire.serde.model import Usize

USER_CODE = textwrap.dedent(
    """\
    import attrs

    import jammi_wire as jw

    config = jw.FineTuneConfig(lora_rank=16)
    tuned = attrs.evolve(config, epochs=5)
    reveal_type(tuned)
    reveal_type(jw.load("config.yaml"))
    reveal_type(jw.load("hn.json", jw.HardNegativeConfig))
    reveal_type(jw.from_json("{}", jw.HardNegativeConfig))
    names = [a.name for a in attrs.fields(jw.FineTuneConfig)]
    """
)


def test_mypy_strict_sees_attrs_classes_and_typed_load(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api")
    (tmp_path / "user.py").write_text(USER_CODE + 'attrs.evolve(config, epochs="five")\n')
    # the user's configuration: one line naming our plugin (mypy's attrs support goes
    # by decorator name, so it needs telling that @serde_struct is attrs.define)
    (tmp_path / "mypy.ini").write_text("[mypy]\nplugins = jammi_wire.mypy\n")
    out, err, status = api.run(
        [
            "--strict",
            "--config-file",
            str(tmp_path / "mypy.ini"),
            "--cache-dir",
            str(tmp_path / ".cache"),
            str(tmp_path / "user.py"),
        ]
    )
    notes = [line.split(": ", 2)[2] for line in out.splitlines() if ": note: " in line]
    assert notes == [
        'Revealed type is "jammi_wire.fine_tune.FineTuneConfig"',
        'Revealed type is "jammi_wire.fine_tune.FineTuneConfig"',
        'Revealed type is "jammi_wire.fine_tune.HardNegativeConfig"',
        'Revealed type is "jammi_wire.fine_tune.HardNegativeConfig"',
    ], out + err
    errors = [line for line in out.splitlines() if ": error: " in line]
    # the one deliberate mistake, and nothing else
    assert len(errors) == 1 and "user.py:12:" in errors[0] and '"epochs"' in errors[0], out
    assert status == 1


def test_pyright_accepts_the_same_code(tmp_path: Path) -> None:
    pyright = shutil.which("pyright") or str(Path(sys.executable).parent / "pyright")
    if not Path(pyright).exists():
        pytest.skip("pyright is not installed")
    (tmp_path / "user.py").write_text(USER_CODE.replace("reveal_type(", "print("))
    result = subprocess.run(
        [pyright, "--pythonpath", sys.executable, str(tmp_path / "user.py")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if "0 errors" not in result.stdout and "npm" in (result.stdout + result.stderr):
        pytest.skip("pyright could not fetch its node runtime")
    assert "0 errors" in result.stdout, result.stdout + result.stderr


def test_signature_shows_annotations_and_real_defaults() -> None:
    signature = inspect.signature(jw.FineTuneConfig)
    lora_rank = signature.parameters["lora_rank"]
    assert (lora_rank.annotation, lora_rank.default) == (Usize, 8)
    assert signature.parameters["target_modules"].default == []
    assert signature.parameters["hard_negatives"].default == jw.HardNegativeConfig()
    assert signature.parameters["embedding_loss"].annotation == (jw.EmbeddingLoss | None)
    assert "NOTHING" not in str(signature) and "Any" not in str(signature)
    assert "lora_rank: Annotated[int, usize] = 8" in str(signature).replace("typing.", "")
    margin = inspect.signature(jw.EmbeddingLoss.Triplet).parameters["margin"]
    assert (margin.annotation, margin.default) == (float, inspect.Parameter.empty)
