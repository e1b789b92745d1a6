"""jxlint: a rules-as-data linter for Chinese budget performance forms.

The flow runs one way: readers -> model -> packs/rules -> checks -> findings
-> reporters. Nothing here imports the CLI, and the CLI imports the rest lazily
so that a pre-commit hook starts fast.
"""

__version__ = "0.1.0"
