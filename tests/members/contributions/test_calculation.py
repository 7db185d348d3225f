"""The calculation: base fee, rates per use, floor and cap, exact integers."""

import pytest

from members.contributions.calculation import PropertyInput, Rates, calculate

RATES = Rates(
    base_fee_minor=5_000_00,
    floor_minor=10_000_00,
    cap_minor=200_000_00,
    per_m2_minor={"office": 10_00, "retail": 12_50, "residential": 5_00, "public": 0},
)


def props(*items):
    return [PropertyInput(f"Kv {i}", area, use) for i, (area, use) in enumerate(items)]


@pytest.mark.parametrize(
    ("properties", "total", "kinds"),
    [
        # 5 000 base + 2 000 m² × 10 kr = 25 000 kr
        (props((2000, "office")), 25_000_00, ["base_fee", "property"]),
        # retail at 12,50 kr/m²: 333 m² → 4 162,50 kr, exact to the öre;
        # with the base fee 9 162,50, raised to the floor of 10 000
        (props((333, "retail")), 10_000_00, ["base_fee", "property", "floor"]),
        # mixed categories add up: 5 000 + 1 000×10 + 400×12,50 + 3 000×5 = 35 000
        (
            props((1000, "office"), (400, "retail"), (3000, "residential")),
            35_000_00,
            ["base_fee", "property", "property", "property"],
        ),
        # a large owner is capped: 5 000 + 30 000 m² × 10 = 305 000 → 200 000
        (props((30000, "office")), 200_000_00, ["base_fee", "property", "cap"]),
        # no properties (an agency): the floor applies
        ([], 10_000_00, ["base_fee", "floor"]),
        # a rate of zero (public use) and an unknown use count nothing
        (
            props((5000, "public"), (100, "unknown")),
            10_000_00,
            ["base_fee", "property", "property", "floor"],
        ),
    ],
)
def test_calculation_table(properties, total, kinds):
    result = calculate(rates=RATES, properties=properties)
    assert result.total_minor == total
    assert [line.kind for line in result.lines] == kinds
    assert sum(line.amount_minor for line in result.lines) == result.total_minor
    assert all(isinstance(line.amount_minor, int) for line in result.lines)


def test_property_lines_show_area_rate_and_exact_amount():
    line = calculate(rates=RATES, properties=props((333, "retail"))).lines[1]
    assert (line.floor_area_m2, line.rate_minor_per_m2, line.amount_minor) == (
        333,
        12_50,
        4_162_50,
    )


def test_without_a_cap_nothing_is_lowered():
    rates = Rates(
        base_fee_minor=0, floor_minor=0, cap_minor=None, per_m2_minor={"office": 10_00}
    )
    assert (
        calculate(rates=rates, properties=props((100_000, "office"))).total_minor
        == 1_000_000_00
    )


def test_a_total_exactly_at_floor_or_cap_gets_no_adjustment():
    at_floor = Rates(
        base_fee_minor=10_000_00, floor_minor=10_000_00, cap_minor=10_000_00
    )
    assert [line.kind for line in calculate(rates=at_floor, properties=[]).lines] == [
        "base_fee"
    ]


def test_lines_are_in_designation_order_whatever_the_input_order():
    properties = [
        PropertyInput("Kv B", 10, "office"),
        PropertyInput("Kv A", 10, "office"),
    ]
    result = calculate(rates=RATES, properties=properties)
    assert [line.description for line in result.lines[1:3]] == ["Kv A", "Kv B"]
