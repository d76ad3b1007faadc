"""The two selectors of ``eval/mod.rs``: which inference task, which calibration shape."""

from .._errors import WireError
from ..serde import UnitEnum
from ..serde.naming import snake_case

__all__ = ["EvalCalibrationShape", "EvalTask"]


class EvalCalibrationShape(UnitEnum):
    """The predictive form a calibration source holds. ``rename_all = "snake_case"``.

    ``str()`` is Rust's ``Display`` (``calibration_gaussian``), which differs from the
    wire name (``gaussian``); ``parse`` is Rust's ``FromStr`` and takes the wire name.
    """

    #: A parametric Normal(mean, sd) per record.
    GAUSSIAN = snake_case("Gaussian")
    #: An ensemble of predictive draws per record.
    SAMPLE = snake_case("Sample")

    def __str__(self) -> str:
        return f"calibration_{self.value}"

    @classmethod
    def parse(cls, text: str) -> "EvalCalibrationShape":
        """``FromStr``: the shape named ``text``, or Rust's message for any other name."""
        for shape in cls:
            if shape.value == text:
                return shape
        raise WireError(f"Unknown calibration shape '{text}'. Expected: gaussian, sample")


class EvalTask(UnitEnum):
    """The inference task an eval scores. ``rename_all = "snake_case"``."""

    #: One label per record.
    CLASSIFICATION = snake_case("Classification")
    #: Labelled spans per record.
    NER = snake_case("Ner")

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, text: str) -> "EvalTask":
        """``FromStr``: the task named ``text``, or Rust's message for any other name."""
        for task in cls:
            if task.value == text:
                return task
        raise WireError(f"Unknown eval task '{text}'. Expected: classification, ner")
