"""Property-based and fuzz tests: a profile that keeps them quick and leaves
no example database in the checkout."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("fuzz")
