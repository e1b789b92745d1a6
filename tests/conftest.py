import os
import threading
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


@pytest.fixture
def served():
    """`jxlint serve` on a free localhost port, for the HTTP and browser tests."""
    from linter.cli.serve import make_server
    srv = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()
