"""How long reading a large one-project-per-row workbook takes, and how much
memory it needs (not a test: timings depend on the machine).

Builds a Longgang-style workbook (the seed 002 layout: a three-row header
with merged group headers, a column pair per 二级 category, 问题/整改) with
`--rows` projects, then reads it the way `jxlint check` does (the xlsx
reader in read-only mode, layout detection, one form per row, validation)
and prints one line:

    python bench/xlsx_read.py [--rows 2000] [--check] [--compare]

`--check` also runs every rule on the forms; `--compare` adds the time
openpyxl takes to load the same file in normal (not read-only) mode, the
alternative docs/measurements.md measured. Peak memory is tracemalloc's
peak during a second, separate read (tracing slows the read down, so the
time is taken without it).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAIRS = ["数量指标", "质量指标", "时效指标", "经济效益指标", "社会效益指标", "生态效益指标", "服务对象满意度指标"]
TARGETS = ["购买办公设备{n}件", "服务质量验收合格率100%", "11月底前完成", "不适用", "社区居民满意度≥{p}%",
           "提高社区居民幸福指数", "开展活动{n}场次"]
ACTUALS = ["已验收100%合格", "及时完成", "{n}件", "已达标", "不适用", "{p}%", "已发挥预期作用。"]


def build(path: Path, rows: int, seed: int = 2020) -> Path:
    import openpyxl
    rnd = random.Random(seed)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    ws.append(["2020年某区民政局部门预算项目绩效自评表"])
    ws.append(["部门名称(盖章): 某区民政局"])
    ws.append(["单位: 万元"])
    head1 = ["序号", "单位名称", "项目名称", "项目年度预算金额", "实际支出金额", None, None, "预算支出执行率",
             "年初绩效目标", "绩效目标整体完成情况", "产出目标"] + [None] * 5 + ["效益目标"] + [None] * 5 + \
            ["满意度指标", None, "项目执行中存在的问题", "整改情况"]
    head2 = [None] * 4 + ["合计", "其中: 财政拨款", None] + [None] * 3
    for p in PAIRS:
        head2 += [p, None]
    head3 = [None] * 5 + ["一般公共预算", "政府性基金"] + [None] * 3 + ["年度指标内容", "完成情况"] * 7
    for row in (head1, head2, head3):
        ws.append(row)
    for c in (11, 17):
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 5)
    for i in range(len(PAIRS)):
        ws.merge_cells(start_row=5, start_column=11 + 2 * i, end_row=5, end_column=12 + 2 * i)
    for n in range(1, rows + 1):
        budget = round(rnd.uniform(1, 5000), 2)
        spent = round(budget * rnd.uniform(0.8, 1.02), 2)
        row = [n, None, f"项目{n:05d}", budget, spent, spent, None, f"{spent / budget * 100:.1f}%",
               "保障民政工作正常有序开展, 提高服务水平", "全部达成预期指标"]
        for j in range(len(PAIRS)):
            fill = dict(n=rnd.randint(1, 500), p=rnd.choice([90, 95, 98, 100]))
            row += [TARGETS[j].format(**fill), ACTUALS[j].format(**fill)]
        row += [f"调剂{rnd.randint(1, 9)}万元到项目{rnd.randint(1, rows):05d}" if n % 5 == 0 else None, None]
        ws.append(row)
    wb.save(path)
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--check", action="store_true", help="also run every rule on the forms")
    parser.add_argument("--compare", action="store_true", help="also time openpyxl's normal mode")
    args = parser.parse_args(argv)

    from linter.readers import read_file

    with tempfile.TemporaryDirectory() as tmp:
        path = build(Path(tmp) / "wide.xlsx", args.rows)
        size_mb = path.stat().st_size / 1048576
        start = time.perf_counter()
        result = read_file(path, path.name)
        read_s = time.perf_counter() - start
        assert len(result.forms) == args.rows, (len(result.forms), result.problems[:3])

        tracemalloc.start()
        read_file(path, path.name)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

        extra = ""
        if args.check:
            from linter.engine.core import Engine
            engine = Engine()
            start = time.perf_counter()
            report = engine.check_read(result)
            extra += f", check {time.perf_counter() - start:.2f} s ({len(report.findings)} findings)"
        if args.compare:
            import openpyxl
            start = time.perf_counter()
            openpyxl.load_workbook(path).close()
            extra += f", openpyxl normal-mode load alone {time.perf_counter() - start:.2f} s"
    print(f"xlsx_read: {args.rows} rows ({size_mb:.1f} MB) -> {len(result.forms)} forms in {read_s:.2f} s, "
          f"peak {peak / 1048576:.0f} MB traced{extra}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
