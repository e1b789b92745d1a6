import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs the property tests derandomised so a red build is reproducible;
# locally they explore new inputs each run.
settings.register_profile("ci", derandomize=True, deadline=None, max_examples=300,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples_dir():
    return EXAMPLES
