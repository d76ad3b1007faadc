from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings

from jammi_wire import io
from jammi_wire.preconf.yaml import to_yaml
from jammi_wire.testing import fine_tune_configs


@settings(max_examples=20, deadline=None)
@given(fine_tune_configs())
def test_dump_load_by_extension(tmp_path_factory: pytest.TempPathFactory, cfg: object) -> None:
    base = tmp_path_factory.mktemp("io")
    for name in ("c.json", "c.yaml", "c.yml"):
        io.dump(cfg, base / name)
        assert io.load(base / name) == cfg
    assert (base / "c.yaml").read_text() == to_yaml(cfg)
    assert sorted(os.listdir(base)) == ["c.json", "c.yaml", "c.yml"]


def test_keeps_permissions_and_cleans_up_on_failure(tmp_path: Path) -> None:
    cfg = fine_tune_configs().example()
    target = tmp_path / "c.yaml"
    target.write_text("old")
    target.chmod(0o600)
    io.dump(cfg, target)
    assert target.stat().st_mode & 0o777 == 0o600
    with pytest.raises(ValueError):
        io.dump(cfg, target, dialect="nope")
    assert target.read_text() == to_yaml(cfg)
    assert os.listdir(tmp_path) == ["c.yaml"]
    with pytest.raises(ValueError, match="cannot tell"):
        io.dump(cfg, tmp_path / "c.txt")
