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


@pytest.fixture(autouse=True, scope="session")
def _own_cache_home(tmp_path_factory):
    """The cache's per-user key lives under $XDG_CACHE_HOME: the suite keeps its
    own, so running the tests never writes into the user's ~/.cache."""
    home = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(autouse=True)
def _no_browser_opens(monkeypatch):
    """`jxlint serve` opens the user's browser; a test never may (CI has none,
    a developer's desktop does). Tests pass --no-browser or patch it."""
    import webbrowser

    def refuse(url, *args, **kwargs):
        pytest.fail(f"a test opened a browser on {url}; pass --no-browser or monkeypatch webbrowser.open")
    monkeypatch.setattr(webbrowser, "open", refuse)


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


@pytest.fixture
def here(tmp_path, monkeypatch):
    """A fresh temporary folder as the current directory (restored after)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
