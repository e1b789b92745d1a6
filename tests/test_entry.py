"""The console command: `jxlint` is `linter.cli.entry:run`, which holds the
garbage collector off while the CLI imports and must hand the command a
working collector (a long run over a department's forms needs it)."""
import subprocess
import sys
from pathlib import Path

from linter import __version__

from support import run_python

ROOT = Path(__file__).resolve().parent.parent

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib




def test_the_console_script_is_the_entry_module():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"jxlint": "linter.cli.entry:run"}


def test_the_command_runs_with_the_collector_on_and_startup_frozen():
    code = ("import gc, linter.cli.main as m\n"
            "m.run = lambda: print(gc.isenabled(), gc.get_freeze_count() > 1000, gc.get_threshold()[0])\n"
            "from linter.cli.entry import run\nrun()\n")
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "100000"]


def test_the_entry_runs_the_cli():
    code = "import sys\nsys.argv = ['jxlint', '--version']\nfrom linter.cli.entry import run\nrun()\n"
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert __version__ in done.stdout


def test_importing_the_cli_leaves_the_collector_alone():
    done = run_python("import gc\nbefore = gc.get_threshold()\nimport linter.cli.main, linter.cli.entry\n"
                      "print(gc.isenabled(), gc.get_freeze_count(), gc.get_threshold() == before)")
    assert done.stdout.split() == ["True", "0", "True"], done.stderr


def test_a_one_form_check_never_loads_openssl(tmp_path):
    """hashlib loads OpenSSL (3-5 ms); the caches use built-in BLAKE2
    (linter/base/digest.py). Both with the result cache and without it."""
    form = ROOT / "examples" / "wuhan-huashan-2020.toml"
    code = ("import sys, os\nos.environ['XDG_CACHE_HOME'] = sys.argv[2]\n"
            "sys.argv = ['jxlint', 'check', sys.argv[1]] + sys.argv[3:]\n"
            # the command ends in os._exit: look at what it loaded just before
            "end = os._exit\n"
            "def look(code):\n"
            "    loaded = sorted(m for m in ('hashlib', 'hmac', '_hashlib') if m in sys.modules)\n"
            "    print('loaded', loaded, 'exit', code, file=sys.stderr)\n"
            "    end(3 if loaded else 0)\n"
            "os._exit = look\n"
            "from linter.cli.entry import run\nrun()\n")
    for extra in ([], ["--no-cache"]):
        done = subprocess.run([sys.executable, "-c", code, str(form), str(tmp_path / "xdg"), *extra],
                              cwd=tmp_path, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
