"""Every example in docs/mirroring.md runs and prints what the page says."""

from __future__ import annotations

import doctest
from pathlib import Path

PAGE = Path(__file__).resolve().parents[2] / "docs" / "mirroring.md"


def test_mirroring_page_examples() -> None:
    text = PAGE.read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {"__name__": "mirroring_md"}, PAGE.name, str(PAGE), 0)
    assert len(test.examples) >= 20
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)
