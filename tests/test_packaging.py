"""The package as published: metadata, license, and an sdist whose tests run."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_metadata_license_and_urls() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert project["urls"]
    assert any(
        c.startswith("Programming Language :: Python :: 3.1") for c in project["classifiers"]
    )


def test_readme_first_screen_shows_install_and_the_two_commands() -> None:
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:12])
    for command in ("pip install jammi-wire", "make demo", "make test"):
        assert command in first_screen


def test_sdist_tests_run(tmp_path: Path) -> None:
    pytest.importorskip("build")
    if not (ROOT / "MANIFEST.in").exists():
        pytest.skip("not a source checkout")
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--sdist",
            "--no-isolation",
            "-o",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0 and "setuptools" in built.stdout + built.stderr:
        pytest.skip("this environment's setuptools cannot build the sdist without isolation")
    assert built.returncode == 0, built.stdout + built.stderr
    (archive,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = sdist.getnames()
        sdist.extractall(tmp_path, filter="data")
    assert not any("/target/" in name for name in names)
    root = tmp_path / archive.name.removesuffix(".tar.gz")
    for needed in ("LICENSE", "tests/vectors/generate.py", "tests/conftest.py", "Makefile"):
        assert (root / needed).exists(), needed
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    env.pop("CI", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "not cargo",
            "tests/test_vectors.py",
            "tests/test_types.py",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout
