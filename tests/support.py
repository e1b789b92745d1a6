"""Small forms shared by the tests."""

VALID = '''kind = "target"
[project]
name = "测试项目"
[[indicators]]
level1 = "产出指标"
level2 = "数量指标"
name = "建立服务档案数量"
target = "≥420份"
'''


def run_cli(*args):
    """Invoke the CLI in-process; no traceback may ever reach the user."""
    from click.testing import CliRunner

    from linter.cli import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result
