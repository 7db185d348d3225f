"""The status rules of an indicator: direction, trajectory, target, missing data."""

from datetime import date
from decimal import Decimal

import pytest

from home.indicators import (
    Direction,
    Point,
    Status,
    assess,
    expected_value,
    progress_percent,
)

BASELINE = Point(date(2024, 1, 1), Decimal("40"))
TARGET = Point(date(2028, 1, 1), Decimal("80"))
HALFWAY = date(2026, 1, 1)  # 731 of 1461 days: expected ≈ 60.0


def status(
    value,
    on=HALFWAY,
    direction=Direction.HIGHER_IS_BETTER,
    baseline=BASELINE,
    target=TARGET,
):
    return assess(
        baseline=baseline,
        target=target,
        direction=direction,
        measurements=[Point(on, Decimal(value))],
    ).status


def test_no_measurements_means_no_data():
    assessment = assess(
        baseline=BASELINE,
        target=TARGET,
        direction=Direction.HIGHER_IS_BETTER,
        measurements=[],
    )
    assert assessment.status == Status.NO_DATA
    assert assessment.latest is None
    assert assessment.progress_percent is None


def test_expected_value_follows_a_straight_line_from_baseline_to_target():
    assert expected_value(baseline=BASELINE, target=TARGET, on=BASELINE.on) == Decimal(
        "40"
    )
    assert expected_value(baseline=BASELINE, target=TARGET, on=TARGET.on) == Decimal(
        "80"
    )
    assert round(
        expected_value(baseline=BASELINE, target=TARGET, on=HALFWAY), 1
    ) == Decimal("60.0")
    # Before the baseline and after the target the line is flat.
    assert expected_value(
        baseline=BASELINE, target=TARGET, on=date(2020, 1, 1)
    ) == Decimal("40")
    assert expected_value(
        baseline=BASELINE, target=TARGET, on=date(2030, 1, 1)
    ) == Decimal("80")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("61", Status.ON_TRACK),
        ("60.1", Status.ON_TRACK),
        ("59", Status.OFF_TRACK),
        ("80", Status.ACHIEVED),
        ("95", Status.ACHIEVED),
        ("30", Status.OFF_TRACK),
    ],
)
def test_higher_is_better(value, expected):
    assert status(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("59", Status.ON_TRACK),
        ("61", Status.OFF_TRACK),
        ("40", Status.ACHIEVED),
        ("35", Status.ACHIEVED),
        ("85", Status.OFF_TRACK),
    ],
)
def test_lower_is_better(value, expected):
    baseline = Point(date(2024, 1, 1), Decimal("80"))
    target = Point(date(2028, 1, 1), Decimal("40"))
    assert (
        status(
            value, direction=Direction.LOWER_IS_BETTER, baseline=baseline, target=target
        )
        == expected
    )


def test_the_latest_measurement_decides_whatever_the_input_order():
    assessment = assess(
        baseline=BASELINE,
        target=TARGET,
        direction=Direction.HIGHER_IS_BETTER,
        measurements=[
            Point(date(2027, 1, 1), Decimal("50")),
            Point(date(2025, 1, 1), Decimal("70")),
        ],
    )
    assert assessment.latest == Point(date(2027, 1, 1), Decimal("50"))
    assert assessment.status == Status.OFF_TRACK


def test_after_the_target_date_anything_short_of_the_target_is_off_track():
    assert status("79", on=date(2029, 1, 1)) == Status.OFF_TRACK


@pytest.mark.parametrize(
    ("value", "percent"),
    [("40", 0), ("60", 50), ("80", 100), ("120", 100), ("20", 0), ("70", 75)],
)
def test_progress_is_the_share_of_the_way_clamped_to_0_100(value, percent):
    assert (
        progress_percent(
            baseline=Decimal("40"), target=Decimal("80"), value=Decimal(value)
        )
        == percent
    )


def test_progress_works_for_falling_targets():
    assert (
        progress_percent(
            baseline=Decimal("42"), target=Decimal("25"), value=Decimal("33.5")
        )
        == 50
    )
