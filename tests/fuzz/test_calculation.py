"""The contribution calculation under any scheme and any set of properties."""

from hypothesis import given
from hypothesis import strategies as st

from members.contributions.calculation import PropertyInput, Rates, calculate

CATEGORIES = ["office", "retail", "residential", "hotel", "other"]

amounts = st.integers(min_value=0, max_value=10**9)
areas = st.integers(min_value=1, max_value=10**6)


@st.composite
def schemes(draw):
    floor = draw(amounts)
    cap = draw(st.none() | st.integers(min_value=floor, max_value=floor + 10**10))
    per_m2 = draw(
        st.dictionaries(
            st.sampled_from(CATEGORIES), st.integers(min_value=0, max_value=10**5)
        )
    )
    return Rates(
        base_fee_minor=draw(amounts),
        floor_minor=floor,
        cap_minor=cap,
        per_m2_minor=per_m2,
    )


properties = st.lists(
    st.builds(
        PropertyInput,
        designation=st.text(max_size=30),
        floor_area_m2=areas,
        use_category=st.sampled_from(CATEGORIES),
    ),
    max_size=8,
)


def unclamped(rates, props) -> int:
    return rates.base_fee_minor + sum(
        p.floor_area_m2 * rates.per_m2_minor.get(p.use_category, 0) for p in props
    )


@given(schemes(), properties)
def test_total_is_whole_minor_units_and_the_sum_of_its_lines(rates, props):
    result = calculate(rates=rates, properties=props)
    assert all(type(line.amount_minor) is int for line in result.lines)
    assert type(result.total_minor) is int
    assert result.total_minor == sum(line.amount_minor for line in result.lines)
    assert result.total_minor >= 0
    assert all(line.amount_minor >= 0 for line in result.lines if line.kind != "cap")


@given(schemes(), properties)
def test_total_is_the_unclamped_sum_clamped_by_floor_and_cap(rates, props):
    total = calculate(rates=rates, properties=props).total_minor
    expected = max(unclamped(rates, props), rates.floor_minor)
    if rates.cap_minor is not None:
        expected = min(expected, rates.cap_minor)
    assert total == expected
    assert total >= rates.floor_minor
    if rates.cap_minor is not None:
        assert total <= rates.cap_minor


@given(
    schemes(),
    properties.filter(bool),
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=1, max_value=10**5),
)
def test_total_never_falls_when_a_property_grows(rates, props, index, extra):
    index %= len(props)
    grown = list(props)
    bigger = grown[index]
    grown[index] = PropertyInput(
        bigger.designation, bigger.floor_area_m2 + extra, bigger.use_category
    )
    before = calculate(rates=rates, properties=props).total_minor
    after = calculate(rates=rates, properties=grown).total_minor
    assert after >= before


@given(schemes(), properties)
def test_one_line_per_property_and_one_adjustment_at_most(rates, props):
    lines = calculate(rates=rates, properties=props).lines
    assert [line.kind for line in lines].count("property") == len(props)
    assert [line.kind for line in lines].count("base_fee") == 1
    assert sum(line.kind in ("floor", "cap") for line in lines) <= 1
