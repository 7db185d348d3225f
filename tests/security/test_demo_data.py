"""The demo district's accounts share a published password: never in production."""

from tests.bid.test_settings import run_manage


def test_load_demo_data_refuses_the_production_settings():
    result = run_manage("load_demo_data")
    assert result.returncode != 0
    assert "does not run with the production settings" in result.stderr
    assert "password for all" not in result.stdout
