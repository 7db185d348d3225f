"""The contribution a member owes under a scheme, as a pure function.

All amounts are integers in minor units (öre/øre). A property's line is its
gross floor area in whole m² times the rate in whole minor units per m², so
every product is exact and nothing is rounded: the board states rates to the
öre (12.50 kr/m² = 1 250 öre/m²). The base fee is added, then the total is
raised to the floor or lowered to the cap with an adjustment line, so the
lines always add up to the total.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PropertyInput:
    designation: str
    floor_area_m2: int
    use_category: str
    property_id: int | None = None


@dataclass(frozen=True)
class Rates:
    base_fee_minor: int
    floor_minor: int
    cap_minor: int | None
    per_m2_minor: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Line:
    kind: str  # base_fee, property, floor, cap
    description: str
    amount_minor: int
    floor_area_m2: int | None = None
    rate_minor_per_m2: int | None = None
    property_id: int | None = None
    use_category: str = ""


@dataclass(frozen=True)
class Calculation:
    lines: tuple[Line, ...]

    @property
    def total_minor(self) -> int:
        return sum(line.amount_minor for line in self.lines)


def calculate(*, rates: Rates, properties: list[PropertyInput]) -> Calculation:
    lines = [Line("base_fee", "base_fee", rates.base_fee_minor)]
    for prop in sorted(properties, key=lambda p: p.designation):
        rate = rates.per_m2_minor.get(prop.use_category, 0)
        lines.append(
            Line(
                "property",
                prop.designation,
                prop.floor_area_m2 * rate,
                floor_area_m2=prop.floor_area_m2,
                rate_minor_per_m2=rate,
                property_id=prop.property_id,
                use_category=prop.use_category,
            )
        )
    subtotal = sum(line.amount_minor for line in lines)
    if subtotal < rates.floor_minor:
        lines.append(Line("floor", "floor", rates.floor_minor - subtotal))
    elif rates.cap_minor is not None and subtotal > rates.cap_minor:
        lines.append(Line("cap", "cap", rates.cap_minor - subtotal))
    return Calculation(tuple(lines))
