"""Context.outcome: the row's compare(), once per row and zero-phrase list."""
import linter.checks.context as context_module
from linter.checks.context import Context
from linter.model.outcome import compare

from .helpers import LOADER, form_from, ind


def _ctx(**fields):
    form = form_from(ind(**fields))
    ctx = Context(form, LOADER.ruleset(["shenzhen-dangqun"]))
    [node] = form.nodes("indicator")
    return ctx, node


def test_outcome_is_compare_of_the_rows_values():
    ctx, node = _ctx(target="≥10次", actual="8次")
    expected = compare(ctx.value(node, "target"), ctx.value(node, "actual"))
    assert ctx.outcome(node) == expected and expected is not None and not expected.met


def test_outcome_is_worked_out_once_per_list(monkeypatch):
    ctx, node = _ctx(target="≥10次", actual="没有开展")
    calls = []

    def counting(target, actual, zero_phrases=()):
        calls.append(zero_phrases)
        return compare(target, actual, zero_phrases)

    monkeypatch.setattr(context_module, "compare", counting)
    zero = ["没有"]
    assert ctx.outcome(node) is None           # prose: not comparable
    assert ctx.outcome(node, zero).actual == 0  # ... unless it says nothing happened
    assert ctx.outcome(node) is None and ctx.outcome(node, zero).actual == 0
    assert calls == [(), zero]
    # another list of the same words is another question, not the cached answer
    assert ctx.outcome(node, ["未"]) is None and len(calls) == 3
