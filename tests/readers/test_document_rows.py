"""A table of many projects builds each row's document from a copy of what
the rows share (readers/document.py `DocBuilder.copy`, rows_layout): no row
may see another row's cells, and no row may change what the next one starts
from. `put` works out a path's type and path strings once per path
(`_PLANS`); the documents it builds must not depend on that."""
import datetime

from linter.readers import read_file
from linter.readers.document import DocBuilder

from .workbooks import LONGGANG_TSV


def shared_part() -> DocBuilder:
    shared = DocBuilder("表", "self-evaluation")
    shared.put(("project", "department"), "某局", "B2")
    shared.put(("budget", "unit"), "万元", "A3", anchor=False)
    shared.put(("project", "year"), 2020, "A1")
    shared.put(("project", "completed"), datetime.date(2020, 12, 31), "C1", raw=True)
    shared.labels["project.department"] = "部门名称"
    return shared


def test_a_copy_shares_nothing_it_can_change():
    shared = shared_part()
    before = (repr(shared.data), dict(shared.positions), dict(shared.labels))
    one, two = shared.copy(), shared.copy()
    one.put(("project", "name"), "甲项目", "C12")
    one.put(("indicators", 0, "name"), "指标一", "K12")
    one.put(("budget", "sources", 0, "actual"), 5, "F12")
    one.data["project"]["department"] = "改了"
    one.labels["indicators.name"] = "年度指标内容"
    two.put(("project", "name"), "乙项目", "C13")
    assert (repr(shared.data), dict(shared.positions), dict(shared.labels)) == before
    assert two.data["project"] == {"department": "某局", "year": 2020, "name": "乙项目",
                                   "completed": datetime.date(2020, 12, 31)}
    assert "indicators" not in two.data and "sources" not in two.data["budget"]
    assert two.positions["project.name"] == ("表", "C13")
    assert two.positions["project"] == ("表", "B2")      # the table's first cell, from the shared part
    assert "indicators[0].name" not in two.positions and "indicators.name" not in two.labels


def test_put_records_the_same_positions_whatever_the_segments_are():
    a, b = DocBuilder("表", "target"), DocBuilder("表", "target")
    for builder, seg in ((a, ("indicators", 2, "target")), (b, ["indicators", 2, "target"])):
        builder.put(seg, "≥95%", "L14")
        builder.put(("weights", "产出指标/数量指标"), "20", "M3")
    assert a.data == b.data and a.positions == b.positions
    assert list(a.positions) == ["indicators", "indicators[2]", "indicators[2].target",
                                 "weights", 'weights."产出指标/数量指标"', "weights.产出指标/数量指标"]
    assert a.data["indicators"] == [{}, {}, {"target": "≥95%"}] and a.data["weights"] == {"产出指标/数量指标": 20}
    assert a.put(("project", "name"), "  ", "C1") is False and "project" not in a.positions


def test_every_row_of_a_table_is_its_own_form():
    result = read_file(LONGGANG_TSV, LONGGANG_TSV.name)
    forms = result.forms
    assert len(forms) == 14
    names = [f.data["project"]["name"] for f in forms]
    assert len(set(names)) == 14
    rows = [int(f.source_map.positions["project.name"][1][1:]) for f in forms]
    assert len(set(rows)) == 14
    for form, row in zip(forms, rows):
        # every cell a form points at is on its own row or above the table
        for path, (_, cell) in form.source_map.positions.items():
            number = int("".join(ch for ch in cell if ch.isdigit()))
            assert number == row or number < min(rows), (path, cell, row)
    # the rows share the department printed above the table, not one object
    first, second = forms[0].data, forms[1].data
    assert first["project"]["department"] == second["project"]["department"]
    assert first["project"] is not second["project"] and first["budget"] is not second["budget"]
    first["project"]["department"] = "changed"
    assert second["project"]["department"] != "changed"


def test_findings_of_a_table_name_their_own_row():
    """engine/core._which_form marks each finding of a many-form file with
    its form's index and project; no finding may carry another row's."""
    from linter.engine.core import Engine, _which_form

    result = read_file(LONGGANG_TSV, LONGGANG_TSV.name)
    engine = Engine()
    for index in (0, 5, 13):
        form = result.forms[index]
        found = engine.check_form(form, engine.policy.rules(engine.loader.ruleset(engine.packs_for(form))))
        assert found
        got = _which_form(found, result, index)
        assert [(g.form, g.project) for g in got] == [(index, form.title)] * len(found)
        assert [g._replace(form=None, project=None, project_code=None) for g in got] == found
        assert all(f.form is None for f in found)  # the originals are left as they were
