"""The week's suggestion from any set of reports."""

from collections import Counter
from fractions import Fraction
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from members.areas.models import SEVERITY, Colour
from members.areas.services import suggestion

reports = st.lists(
    st.builds(
        SimpleNamespace,
        colour=st.sampled_from(list(Colour)),
        score=st.integers(min_value=1, max_value=5),
    ),
    max_size=30,
)


@given(reports)
def test_score_is_the_mean_rounded_half_up_and_within_one_to_five(given_reports):
    colour, score = suggestion(given_reports)
    if not given_reports:
        assert (colour, score) == (Colour.GREEN, None)
        return
    mean = Fraction(sum(r.score for r in given_reports), len(given_reports))
    assert score == int(mean + Fraction(1, 2))
    assert 1 <= score <= 5
    assert colour in Colour.values


@given(reports.filter(bool))
def test_colour_is_the_majority_ties_lean_serious_and_red_is_never_lost(
    given_reports,
):
    colour, _score = suggestion(given_reports)
    counts = Counter(r.colour for r in given_reports)
    most = max(counts.values())
    leaders = [c for c, n in counts.items() if n == most]
    majority = max(leaders, key=SEVERITY.get)
    if counts[Colour.RED] and majority == Colour.GREEN:
        assert colour == Colour.YELLOW
    else:
        assert colour == majority
    if counts[Colour.RED]:
        assert SEVERITY[colour] >= SEVERITY[Colour.YELLOW]


@given(reports.filter(bool), st.randoms())
def test_the_order_of_the_reports_does_not_matter(given_reports, random):
    shuffled = list(given_reports)
    random.shuffle(shuffled)
    assert suggestion(shuffled) == suggestion(given_reports)
