"""How an indicator stands: its latest value against the path from baseline to target.

Pure functions over plain values so the rules are easy to test and to reuse in
the API, the pages and the charts.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


class Status(StrEnum):
    NO_DATA = "no_data"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    ACHIEVED = "achieved"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.NO_DATA: _("No data yet"),
    Status.ON_TRACK: _("On track"),
    Status.OFF_TRACK: _("Off track"),
    Status.ACHIEVED: _("Target reached"),
}


@dataclass(frozen=True)
class Point:
    on: date
    value: Decimal


@dataclass(frozen=True)
class Assessment:
    status: Status
    latest: Point | None
    expected: Decimal | None
    progress_percent: int | None


def _better_or_equal(value: Decimal, reference: Decimal, direction: Direction) -> bool:
    if direction == Direction.HIGHER_IS_BETTER:
        return value >= reference
    return value <= reference


def expected_value(*, baseline: Point, target: Point, on: date) -> Decimal:
    """Where a straight path from baseline to target would be on a date."""
    if on <= baseline.on:
        return baseline.value
    if on >= target.on or target.on <= baseline.on:
        return target.value
    elapsed = Decimal((on - baseline.on).days)
    span = Decimal((target.on - baseline.on).days)
    return baseline.value + (target.value - baseline.value) * elapsed / span


def progress_percent(*, baseline: Decimal, target: Decimal, value: Decimal) -> int:
    """How much of the way from baseline to target the value has come, 0–100."""
    if target == baseline:
        return 100 if value == target else 0
    share = (value - baseline) / (target - baseline) * 100
    return int(max(Decimal(0), min(Decimal(100), share)).to_integral_value())


def assess(
    *,
    baseline: Point,
    target: Point,
    direction: Direction,
    measurements: list[Point],
) -> Assessment:
    """On track when the latest value is at least as good as the straight path
    from baseline to target on that date; achieved once the target is met."""
    if not measurements:
        return Assessment(Status.NO_DATA, None, None, None)
    latest = max(measurements, key=lambda point: point.on)
    expected = expected_value(baseline=baseline, target=target, on=latest.on)
    progress = progress_percent(
        baseline=baseline.value, target=target.value, value=latest.value
    )
    if _better_or_equal(latest.value, target.value, direction):
        status = Status.ACHIEVED
    elif _better_or_equal(latest.value, expected, direction):
        status = Status.ON_TRACK
    else:
        status = Status.OFF_TRACK
    return Assessment(status, latest, expected, progress)
