"""Seeded generator of realistic indicator-set forms for the benchmark.

Forms are TOML in the indicator-set format (docs/form-format.md): targets
(绩效目标申报表), self-evaluations (绩效自评表, with weights and scores that add
up) and department evaluations (with contracts, payments, per-site results).
Printed values are drawn from the shapes of the domain primer §3: ≥ ≤ = and
their look-alikes, 不低于/以上/以内, %, counts with units, per-what (次/年,
元/人), ranges (25~30人), 万 multipliers, Chinese numerals (一支), deadlines
(11月底前, 2022年12月31日前, 上半年), labels (合格), graded tiers, vague text
(有效提高), and compound cells. Budgets have sources and adjustments that
reconcile; multi-site forms have contracts and payment schedules.

A controlled share of defects (`defect_rate`, per indicator and per form)
is injected from a fixed list (vague targets, completion claims, look-alike
glyphs, missing units, 100% satisfaction, duplicate names, late payments,
sums that do not add up…). With `defect_rate=0` a form draws no finding.

Everything is a function of the seed: the same arguments give byte-identical
files. Usage:

    python bench/generate.py OUT_DIR --forms 100 --indicators 30 [--seed 7]
        [--defect-rate 0.1] [--csv]

`--csv` also writes each form's indicator table as CSV with a Table Schema
(`indicators.schema.json`), the input of the frictionless comparison.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

DEFAULT_SEED = 20240607
DEFAULT_DEFECT_RATE = 0.1

SITES = ["笋岗", "田贝", "湖景", "北站", "田心", "笋西", "园岭", "南湖", "东门", "翠竹",
         "黄贝", "桂园", "莲塘", "清水河", "东晓", "东湖", "布心", "水库", "金湖", "怡景"]
SUBJECTS = ["社区服务中心", "长者饭堂", "党群服务中心", "儿童之家", "残疾人康复站", "社工服务站",
            "文化活动室", "就业服务站", "便民服务点", "老年大学", "四点半学校", "家庭综合服务中心",
            "退役军人服务站", "网格工作站", "妇女之家", "青少年活动中心"]
DEPARTMENTS = ["深圳市罗湖区民政局", "深圳市龙岗区民政局", "笋岗街道办事处", "花山街道办事处",
               "某区文化广电旅游体育局", "某区人力资源局", "某区卫生健康局", "某区城市管理局"]
PROJECTS = ["社区服务运营经费", "居家养老服务", "困难群众帮扶", "社区文体活动", "就业援助",
            "残疾人康复服务", "社会组织培育", "社区党建经费", "儿童关爱服务", "基层治理专项",
            "垃圾分类推广", "公共文化服务", "退役军人关爱", "社工购买服务", "社区民生微实事"]
GROUPS = ["居民", "困难群众", "低保家庭", "长者", "残疾人", "青少年", "退役军人", "社区群众", "优抚对象"]

# 数量指标: (what is done, the name's measure word, count unit, low, high)
QUANTITY = [
    ("开展培训", "场次", "场", 4, 40), ("举办文体活动", "场次", "场", 2, 30),
    ("走访慰问困难群众", "户数", "户", 50, 800), ("建立居民档案", "份数", "份", 60, 900),
    ("开展个案服务", "个数", "个", 10, 60), ("组织志愿服务", "人次", "人次", 200, 5000),
    ("发放宣传资料", "份数", "份", 500, 8000), ("开展小组活动", "次数", "节", 6, 40),
    ("配置办公设备", "数量", "台", 2, 30), ("组建义工队伍", "数量", "支", 1, 3),
    ("开展入户调查", "户数", "户", 100, 2000), ("举办专题讲座", "次数", "次", 2, 24),
    ("提供助餐服务", "人次", "人次", 1000, 30000), ("开展健康体检", "人数", "人", 50, 900),
    ("更新服务设施", "件数", "件", 5, 60), ("编印工作简报", "数量", "期", 4, 12),
]
QUALITY = ["验收合格率", "服务达标率", "档案完整率", "设施完好率", "资料准确率", "培训考核通过率",
           "服务覆盖率", "质量合格率"]
TIMELINESS_RATES = ["服务完成及时率", "资金发放及时率", "问题办结及时率"]
TIMELINESS_DATES = ["完成时间", "办结时限"]
COST = [("人均服务成本", "元/人", 100, 900), ("单场活动成本", "元/场", 2000, 20000),
        ("设备购置单价", "元/台", 2000, 9000), ("项目总成本", "万元", 20, 400)]
SOCIAL = [("受益{g}人次", "人次", 300, 20000), ("{g}政策知晓率", "%", 80, 95),
          ("{g}参与人数", "人", 50, 3000), ("帮扶{g}户数", "户", 20, 600)]
ECOLOGY = [("生活垃圾分类覆盖率", "%", 85, 98), ("绿化养护面积", "平方米", 500, 20000),
           ("环境卫生整治次数", "次", 4, 24)]
ECONOMIC = [("节约财政资金", "万元", 2, 50), ("带动企业资金投入", "万元", 5, 200)]
SUSTAIN = [("服务机制持续运行年限", "年", 2, 5), ("长效机制覆盖社区个数", "个", 3, 12)]
SATISFACTION = ["服务对象满意度", "{g}满意度", "{g}满意率"]

# Comparator spellings of an at-least target ("{n}{u}" filled in).
AT_LEAST = ["≥{n}{u}", "≥{n}{u}", "≥{n}{u}", "{n}{u}及以上", "不少于{n}{u}", "{n}{u}以上",
            "不低于{n}{u}", "至少{n}{u}", "{n}{u}"]
AT_MOST = ["≤{n}{u}", "≤{n}{u}", "不超过{n}{u}", "不高于{n}{u}", "控制在{n}{u}以内", "{n}{u}以内"]
RATE_AT_LEAST = ["≥{n}%", "≥{n}%", "不低于{n}%", "{n}%以上", "≥{n}％", "达到{n}%"]
CN_SMALL = "一二三四五六七八九"

LEVEL2_SHARE = [  # (level1, level2, share of the indicators)
    ("产出指标", "数量指标", 0.26), ("产出指标", "质量指标", 0.14), ("产出指标", "时效指标", 0.10),
    ("产出指标", "成本指标", 0.10), ("效益指标", "社会效益指标", 0.14),
    ("效益指标", "经济效益指标", 0.04), ("效益指标", "生态效益指标", 0.04),
    ("效益指标", "可持续影响指标", 0.03), ("满意度指标", "服务对象满意度指标", 0.15),
]
NATIONAL_POINTS = {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0}
EXECUTION_POINTS = 10.0


def _q(text: str) -> str:
    """A TOML basic string."""
    return json.dumps(text, ensure_ascii=False)


def _num(x: float) -> str:
    if float(x).is_integer():
        return str(int(x))
    return repr(round(float(x), 4))


def _fmt(x: float) -> str:
    """A figure as printed: 12, 12.5."""
    return _num(x)


class Indicator:
    __slots__ = ("level1", "level2", "name", "target", "actual", "weight", "score",
                 "deviation", "met", "defect")

    def __init__(self, level1, level2, name, target, actual):
        self.level1, self.level2, self.name = level1, level2, name
        self.target, self.actual = target, actual
        self.weight = self.score = None
        self.deviation = None
        self.met = True
        self.defect = None


class FormGenerator:
    """One form's worth of random choices (one `random.Random` per form)."""

    def __init__(self, rng: random.Random, n_indicators: int, kind: str, defect_rate: float,
                 year: int, sites: int):
        self.rng = rng
        self.n = n_indicators
        self.kind = kind
        self.p = defect_rate
        self.year = year
        self.sites = SITES[:sites] if sites > 1 else []
        self.used_names: set = set()
        self.defects: List[str] = []

    # -- helpers ---------------------------------------------------------
    def defect(self) -> bool:
        return self.p > 0 and self.rng.random() < self.p

    def unique(self, base: str) -> str:
        """Names are unique in a form (a repeat is a defect of its own)."""
        rng = self.rng
        name = base
        tries = 0
        while name in self.used_names:
            tries += 1
            prefix = rng.choice(SITES) if tries < 20 else rng.choice(SITES) + rng.choice(SITES)
            name = prefix + base if tries < 40 else f"{prefix}{base}{CN_SMALL[tries % 9]}期"
        self.used_names.add(name)
        return name

    def subject(self) -> str:
        return self.rng.choice(SUBJECTS)

    # -- indicators by category -----------------------------------------
    def quantity(self) -> Indicator:
        rng = self.rng
        what, measure, unit, lo, hi = rng.choice(QUANTITY)
        name = self.unique(self.subject() + what + measure)
        n = rng.randint(lo, hi)
        if self.sites:  # a whole-project target covers every site (U001)
            n = max(n, 80) * len(self.sites)
        shape = rng.random()
        if unit == "支" or (n <= 9 and shape < 0.3 and unit in ("场", "次", "支", "台", "期")):
            target = f"{CN_SMALL[n - 1]}{unit}" if n <= 9 else f"{n}{unit}"
            actual = f"{n}{unit}"
        elif shape < 0.12 and unit in ("次", "场", "期"):
            per = rng.choice(["年", "月"]) if unit != "期" else "年"
            n = max(1, n // (12 if per == "月" else 1)) if per == "月" else n
            target = f"≥{n}{unit}/{per}"
            actual = f"{n + rng.randint(0, max(0, n // 6))}{unit}/{per}"
        elif shape < 0.2 and unit in ("人", "户"):
            low = max(5, n // 2)
            high = low + rng.randint(2, 10)
            target = f"{low}~{high}{unit}"
            actual = f"{rng.randint(low, high)}{unit}"
        elif shape < 0.25 and unit == "人次" and n >= 10000:
            wan = round(n / 10000, 1)
            target = f"≥{_fmt(wan)}万{unit}"
            actual = f"{int(wan * 10000 * (1 + rng.random() * 0.15))}{unit}"
        else:
            target = rng.choice(AT_LEAST).format(n=n, u=unit)
            actual = f"{n + rng.randint(0, max(0, n // 6))}{unit}"
        return Indicator("产出指标", "数量指标", name, target, actual)

    def quality(self) -> Indicator:
        rng = self.rng
        if rng.random() < 0.2:
            name = self.unique(self.subject() + rng.choice(["验收情况", "服务质量达标情况"]))
            return Indicator("产出指标", "质量指标", name, rng.choice(["合格", "达标"]),
                             rng.choice(["合格", "达标", "验收合格"]))
        name = self.unique(self.subject() + rng.choice(QUALITY))
        if rng.random() < 0.4:
            return Indicator("产出指标", "质量指标", name, "100%", "100%")
        n = rng.choice([85, 90, 95, 98])
        return Indicator("产出指标", "质量指标", name, rng.choice(RATE_AT_LEAST).format(n=n),
                         f"{_fmt(n + round(rng.random() * (100 - n), 1))}%")

    def timeliness(self) -> Indicator:
        rng = self.rng
        if rng.random() < 0.5:
            name = self.unique(self.subject() + rng.choice(TIMELINESS_RATES))
            n = rng.choice([90, 95, 100])
            target = "100%" if n == 100 else f"≥{n}%"
            return Indicator("产出指标", "时效指标", name, target, f"{rng.randint(n, 100)}%")
        name = self.unique(self.subject() + "建设" + rng.choice(TIMELINESS_DATES))
        month = rng.randint(6, 12)
        shape = rng.random()
        if shape < 0.5:
            target = f"{month}月底前"
        elif shape < 0.8:
            target = f"{self.year}年{month}月{28 if month == 2 else 30}日前"
        else:
            target, month = rng.choice([("上半年", 6), ("年底前", 12), ("第三季度", 9)])
        actual = f"{max(1, month - rng.randint(0, 2))}月{rng.randint(1, 25)}日前完成"
        return Indicator("产出指标", "时效指标", name, target, actual)

    def cost(self) -> Indicator:
        rng = self.rng
        what, unit, lo, hi = rng.choice(COST)
        name = self.unique(self.subject() + what)
        n = rng.randint(lo, hi)
        target = rng.choice(AT_MOST).format(n=n, u=unit)
        return Indicator("产出指标", "成本指标", name, target,
                         f"{_fmt(round(n * (0.85 + rng.random() * 0.15), 2))}{unit}")

    def benefit(self, level2: str) -> Indicator:
        rng = self.rng
        pool = {"社会效益指标": SOCIAL, "生态效益指标": ECOLOGY, "经济效益指标": ECONOMIC,
                "可持续影响指标": SUSTAIN}[level2]
        template, unit, lo, hi = rng.choice(pool)
        base = template.format(g=rng.choice(GROUPS))
        name = self.unique(base if level2 != "社会效益指标" else self.subject() + base)
        n = rng.randint(lo, hi)
        if unit == "%":
            target = rng.choice(RATE_AT_LEAST).format(n=n)
            actual = f"{_fmt(min(100, n + rng.randint(0, 100 - n)))}%"
        else:
            target = rng.choice(AT_LEAST[:6]).format(n=n, u=unit)
            actual = f"{n + rng.randint(0, max(0, n // 6))}{unit}"
        return Indicator("效益指标", level2, name, target, actual)

    def satisfaction(self) -> Indicator:
        rng = self.rng
        name = self.unique(rng.choice(SATISFACTION).format(g=rng.choice(GROUPS)))
        n = rng.choice([80, 85, 90, 90, 95])
        return Indicator("满意度指标", "服务对象满意度指标", name,
                         rng.choice(RATE_AT_LEAST).format(n=n),
                         f"{_fmt(n + round(rng.random() * (99 - n), 1))}%")

    def make(self, level2: str) -> Indicator:
        if level2 == "数量指标":
            return self.quantity()
        if level2 == "质量指标":
            return self.quality()
        if level2 == "时效指标":
            return self.timeliness()
        if level2 == "成本指标":
            return self.cost()
        if level2 == "服务对象满意度指标":
            return self.satisfaction()
        return self.benefit(level2)

    # -- defects -----------------------------------------------------------
    def spoil(self, ind: Indicator, previous: Sequence[Indicator]) -> None:
        """Inject one indicator defect (each maps to a catalogue rule)."""
        rng = self.rng
        options = ["vague", "glyph", "no-unit", "compound", "placeholder", "late-deadline"]
        if self.kind != "target":
            options += ["claim", "copied", "shortfall"]
        if ind.level2 == "服务对象满意度指标":
            options += ["is-100", "complaints", "no-percent"]
        if previous:
            options.append("duplicate")
        if ind.level2 == "成本指标":
            options.append("wrong-category")
        choice = rng.choice(options)
        ind.defect = choice
        if choice == "vague":
            ind.target = rng.choice(["有效提高", "进一步提升", "明显改善", "符合相关要求", "按计划推进"])
        elif choice == "glyph":
            ind.target = rng.choice(["≧95%", ">=95%", "＞＝90%"]) if "%" in ind.target else "≧10次"
            ind.actual = "98%" if "%" in ind.target else "12次"
        elif choice == "no-unit":
            ind.target, ind.actual = "≤1", "99.5%"
        elif choice == "compound":
            ind.target = "≥4次/年、其中体育活动≥2次"
            ind.actual = "文化活动9次，体育活动3次"
        elif choice == "placeholder":
            ind.name = ind.name[:4] + "XX" + ind.name[4:]
        elif choice == "late-deadline":
            ind.target, ind.actual = f"{self.year + 1}年3月底前", f"{self.year + 1}年2月20日前完成"
        elif choice == "claim":
            ind.actual = rng.choice(["已达标", "全部达成预期指标", "已完成", "及时完成"])
        elif choice == "copied":
            ind.actual = ind.target if ind.target.startswith("≥") else "≥" + ind.actual
        elif choice == "shortfall":
            ind.target, ind.actual = "≥30人/次", "25~30人"
            ind.met = False  # scored in full all the same: S rules fire
        elif choice == "is-100":
            ind.target = "100%"
        elif choice == "complaints":
            ind.target, ind.actual = "零投诉", "零投诉"
        elif choice == "no-percent":
            ind.target, ind.actual = "≥100", "100"
        elif choice == "duplicate":
            ind.name = rng.choice(previous).name
        elif choice == "wrong-category":
            ind.name = self.subject() + rng.choice(TIMELINESS_RATES)
            ind.target, ind.actual = "100%", "100%"
        self.defects.append(f"indicator:{choice}")

    # -- the form ------------------------------------------------------------
    def indicators(self) -> List[Indicator]:
        counts: List[Tuple[str, str, int]] = []
        assigned = 0
        for level1, level2, share in LEVEL2_SHARE:
            c = int(self.n * share)
            counts.append((level1, level2, c))
            assigned += c
        # the rest, and at least one of each required category
        order = [0, 4, 8, 1, 2, 3, 5, 6, 7]
        k = 0
        while assigned < self.n:
            l1, l2, c = counts[order[k % len(order)]]
            counts[order[k % len(order)]] = (l1, l2, c + 1)
            assigned += 1
            k += 1
        out: List[Indicator] = []
        for level1, level2, c in counts:
            for _ in range(c):
                ind = self.make(level2)
                if self.defect():
                    self.spoil(ind, out)
                out.append(ind)
        if self.kind != "target":
            self.score(out)
        return out

    def score(self, indicators: List[Indicator]) -> None:
        """Weights per 一级 as the national profile sets them, split evenly
        (floored to 4 decimals, the rest on the last item), scores = weights
        when met."""
        by_level1: Dict[str, List[Indicator]] = {}
        for ind in indicators:
            by_level1.setdefault(ind.level1, []).append(ind)
        for level1, members in by_level1.items():
            points = NATIONAL_POINTS[level1]
            each = int(points / len(members) * 10000) / 10000
            for ind in members[:-1]:
                ind.weight = each
            members[-1].weight = round(points - each * (len(members) - 1), 4)
        for ind in indicators:
            ind.score = ind.weight
            if not ind.met:
                ind.deviation = None  # full points and no explanation: two findings

    def budget(self) -> Tuple[List[str], float]:
        rng = self.rng
        # at most 50万元 per site on multi-site forms (the Shenzhen cap, U004)
        initial = float(rng.randint(30, 48) * len(self.sites) if self.sites else rng.randint(20, 900))
        moved = 0.0
        adjustments = []
        if rng.random() < 0.4:
            moved = -round(initial * rng.uniform(0.02, 0.2), 2)
            adjustments.append((moved, rng.choice(["按实际中标金额调减", "统筹调剂至其他项目",
                                                   "上级追加资金"]), rng.choice(PROJECTS)))
        adjusted = round(initial + moved, 2)
        actual = round(adjusted * rng.uniform(0.92, 1.0), 2)
        rate = actual / adjusted
        stated = f"{_fmt(round(rate * 100, 1))}%"
        if self.defect():
            stated = "100%" if rate < 0.99 else "90%"
            self.defects.append("form:stated-rate")
        lines = ["[budget]", 'unit = "万元"', f"initial = {_num(initial)}",
                 f"adjusted = {_num(adjusted)}", f"actual = {_num(actual)}",
                 f"stated_rate = {_q(stated)}"]
        if self.kind == "self-evaluation":
            score = round(EXECUTION_POINTS * min(1.0, rate), 2)
            lines += [f"weight = {_num(EXECUTION_POINTS)}", f"score = {_num(score)}"]
        else:
            score = 0.0
        # sources: 一般公共预算 + 福彩金 / 上年结转, in every column
        shares = [0.64, 0.36] if self.sites else [round(rng.uniform(0.5, 0.9), 2)]
        names = ["一般公共预算", "福彩金"] if self.sites else ["一般公共预算", "上年结转"]
        if len(shares) == 1:
            shares.append(round(1 - shares[0], 2))
        broken = self.defect()
        if broken:
            self.defects.append("form:sources-sum")
        for i, (name, share) in enumerate(zip(names, shares)):
            lines += ["", "[[budget.sources]]", f"name = {_q(name)}"]
            for key, total in (("initial", initial), ("adjusted", adjusted), ("actual", actual)):
                part = round(total * share, 2) if i < len(names) - 1 else None
                if part is None:
                    part = round(total - sum(round(total * s, 2) for s in shares[:-1]), 2)
                    if broken and key == "adjusted":
                        part += 3
                lines.append(f"{key} = {_num(part)}")
        for amount, reason, counterpart in adjustments:
            lines += ["", "[[budget.adjustments]]", f"amount = {_num(amount)}",
                      f"reason = {_q(reason)}", f"counterpart = {_q(counterpart)}"]
        return lines, score

    def contracts(self) -> List[str]:
        rng = self.rng
        lines: List[str] = []
        for k in range(0, len(self.sites), 2):
            units = self.sites[k:k + 2]
            amount = rng.randint(80, 200)
            lines += ["", "[[contracts]]", f"supplier = {_q(rng.choice(SITES) + '社会工作服务中心')}",
                      "units = [" + ", ".join(_q(u) for u in units) + "]",
                      f"start = {self.year}-01-01", f"end = {self.year}-12-31",
                      f"amount = {amount}", 'review = "良好"']
            instalments = [round(amount * 0.4, 2), round(amount * 0.3, 2)]
            instalments.append(round(amount - sum(instalments), 2))
            for j, part in enumerate(instalments):
                due_month = 1 + 4 * j
                paid, paid_month = part, due_month
                if self.defect():
                    self.defects.append("form:payment")
                    if rng.random() < 0.5:
                        paid = round(part * 0.99, 2)  # deducted under a 良好 review
                    else:
                        paid_month = due_month + 1  # paid a month late
                lines += ["", "[[contracts.payments]]", f"installment = {j + 1}",
                          f"due = {self.year}-{due_month:02d}-25", f"amount = {_num(part)}",
                          f"paid_on = {self.year}-{paid_month:02d}-20", f"paid = {_num(paid)}"]
        return lines

    def form(self, index: int) -> str:
        rng = self.rng
        indicators = self.indicators()
        project = rng.choice(PROJECTS)
        lines = [f"# 基准测试表单 #{index}（生成，{self.n} 个指标）", "format = 1",
                 f"kind = {_q(self.kind)}"]
        if self.sites:
            lines.append('packs = ["shenzhen-dangqun"]')
        lines += ["", "[project]", f"name = {_q(project)}",
                  f"code = {_q(f'{self.year}-{index:06d}')}",
                  f"department = {_q(rng.choice(DEPARTMENTS))}", f"year = {self.year}"]
        if self.sites:
            lines += ["units = [" + ", ".join(_q(s) for s in self.sites) + "]",
                      'unit_kind = "社区党群服务中心"']
        # the goal names the services, not a figure no indicator measures (X004);
        # the draw is kept so the same seed gives the same forms as before
        group, _ = rng.choice(GROUPS), rng.randint(10, 90)
        goal = f"为辖区{group}提供{project}，完成各项服务指标，服务对象满意度不低于90%。"
        if self.defect():
            goal = "已完成全年工作任务"
            self.defects.append("form:goal")
        lines.append(f"goal = {_q(goal)}")
        if self.kind != "target":
            lines.append(f"goal_result = {_q('按计划完成各项服务，受益' + str(rng.randint(100, 9000)) + '人次。')}")
        budget_lines, execution_score = self.budget()
        lines += [""] + budget_lines
        for ind in indicators:
            lines += ["", "[[indicators]]", f"level1 = {_q(ind.level1)}", f"level2 = {_q(ind.level2)}",
                      f"name = {_q(ind.name)}", f"target = {_q(ind.target)}"]
            if self.kind != "target":
                lines.append(f"actual = {_q(ind.actual)}")
            if ind.weight is not None:
                lines += [f"weight = {_num(ind.weight)}", f"score = {_num(ind.score)}"]
            if ind.deviation:
                lines.append(f"deviation = {_q(ind.deviation)}")
        if self.sites:
            lines += self.contracts()
        if self.kind == "self-evaluation":
            total = execution_score + sum(i.score or 0 for i in indicators)
            grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
            lines += ["", "[evaluation]", f"total_score = {_num(round(total, 2))}", f"grade = {_q(grade)}",
                      f"problems = {_q('部分服务记录不够规范，个别活动宣传不足。')}",
                      f"actions = {_q('完善服务台账，加强活动前期宣传。')}"]
        self.indicator_rows = indicators
        return "\n".join(lines) + "\n"


def form_text(index: int, n_indicators: int, seed: int = DEFAULT_SEED,
              defect_rate: float = DEFAULT_DEFECT_RATE, kind: Optional[str] = None) -> str:
    """The text of form `index` of a run (deterministic in its arguments)."""
    return _generator(index, n_indicators, seed, defect_rate, kind).form(index)


def _generator(index: int, n_indicators: int, seed: int, defect_rate: float,
               kind: Optional[str]) -> FormGenerator:
    rng = random.Random(f"{seed}:{index}:{n_indicators}")
    if kind is None:
        kind = rng.choices(["self-evaluation", "target", "evaluation"], [0.6, 0.3, 0.1])[0]
    sites = rng.choice([6, 4, 2]) if rng.random() < 0.15 else 1
    return FormGenerator(rng, n_indicators, kind, defect_rate, rng.choice([2020, 2021, 2022, 2023]),
                         sites)


CSV_COLUMNS = ["level1", "level2", "name", "target", "actual", "weight", "score"]


def table_schema() -> dict:
    """A Table Schema for the indicator table: the structural checks only
    (types, required cells, allowed 一级), the peer of jxlint's schema step."""
    return {
        "fields": [
            {"name": "level1", "type": "string", "constraints": {
                "required": True, "enum": ["产出指标", "成本指标", "效益指标", "满意度指标"]}},
            {"name": "level2", "type": "string", "constraints": {"required": True}},
            {"name": "name", "type": "string", "constraints": {"required": True}},
            {"name": "target", "type": "string"},
            {"name": "actual", "type": "string"},
            {"name": "weight", "type": "number", "constraints": {"minimum": 0}},
            {"name": "score", "type": "number", "constraints": {"minimum": 0}},
        ],
        "missingValues": [""],
    }


def form_csv(index: int, n_indicators: int, seed: int = DEFAULT_SEED,
             defect_rate: float = DEFAULT_DEFECT_RATE, kind: Optional[str] = None) -> str:
    """The indicator table of the same form as CSV (UTF-8, header row)."""
    gen = _generator(index, n_indicators, seed, defect_rate, kind)
    gen.form(index)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for ind in gen.indicator_rows:
        writer.writerow([ind.level1, ind.level2, ind.name, ind.target,
                         ind.actual if gen.kind != "target" else "",
                         "" if ind.weight is None else _num(ind.weight),
                         "" if ind.score is None else _num(ind.score)])
    return buf.getvalue()


def generate(out_dir: Path, forms: int, indicators: int, seed: int = DEFAULT_SEED,
             defect_rate: float = DEFAULT_DEFECT_RATE, kind: Optional[str] = None,
             csv_too: bool = False, per_dir: int = 1000) -> List[Path]:
    """Write `forms` forms of `indicators` indicators under `out_dir` (in
    sub-folders of `per_dir` files) and return their paths in order."""
    out_dir = Path(out_dir)
    paths = []
    for i in range(forms):
        sub = out_dir / f"{i // per_dir:03d}" if forms > per_dir else out_dir
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"form-{i:05d}.toml"
        path.write_text(form_text(i, indicators, seed, defect_rate, kind), encoding="utf-8")
        if csv_too:
            path.with_suffix(".csv").write_text(form_csv(i, indicators, seed, defect_rate, kind),
                                                encoding="utf-8")
        paths.append(path)
    if csv_too:
        (out_dir / "indicators.schema.json").write_text(
            json.dumps(table_schema(), ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


# --- a Longgang-style table: one self-evaluation per row (seed 002) ----------

LONGGANG_PAIRS = ["数量指标", "质量指标", "时效指标", "经济效益指标", "社会效益指标", "生态效益指标",
                  "服务对象满意度指标"]


def longgang_rows(n_rows: int, seed: int = DEFAULT_SEED,
                  defect_rate: float = DEFAULT_DEFECT_RATE) -> List[List[str]]:
    """The `longgang-wide` layout with its cells under their headers: a title,
    the department, three header rows, then one project per row with a
    年度指标内容 | 完成情况 pair per 二级 category (values drawn like the forms')."""
    head1 = (["序号", "单位名称", "项目名称", "项目年度预算金额", "实际支出金额", "", "", "预算支出执行率",
              "年初绩效目标", "绩效目标整体完成情况", "产出目标"] + [""] * 5 + ["效益目标"] + [""] * 5
             + ["满意度指标", "", "项目执行中存在的问题", "整改情况"])
    head2 = [""] * 4 + ["合计", "其中: 财政拨款", ""] + [""] * 3
    for level2 in LONGGANG_PAIRS:
        head2 += [level2, ""]
    head3 = [""] * 5 + ["一般公共预算", "政府性基金"] + [""] * 3 + ["年度指标内容", "完成情况"] * 7
    rows = [["2020年龙岗区民政局部门预算项目绩效自评表"], ["部门名称(盖章): 深圳市龙岗区民政局"],
            ["单位: 万元"], head1, head2, head3]
    for i in range(n_rows):
        rng = random.Random(f"{seed}:longgang:{i}")
        g = FormGenerator(rng, len(LONGGANG_PAIRS), "self-evaluation", defect_rate, 2020, 1)
        initial = rng.randint(5, 900)
        actual = round(initial * rng.uniform(0.9, 1.0), 2)
        rate = f"{_fmt(round(actual / initial * 100, 1))}%"
        if g.defect():
            rate = "100.0%"
        project = rng.choice(PROJECTS) + f"（{i + 1}）"
        row = [str(i + 1), "", project, _num(initial), _num(actual), _num(actual), "", rate,
               f"为辖区{rng.choice(GROUPS)}提供{rng.choice(PROJECTS)}服务",
               rng.choice(["按计划完成各项服务", "全部达成预期指标", f"全年服务{rng.randint(100, 9000)}人次"])]
        for level2 in LONGGANG_PAIRS:
            ind = g.make(level2)
            if g.defect():
                g.spoil(ind, [])
            # 年度指标内容 holds the indicator and its target in one cell
            row += [f"{ind.name}{ind.target}", ind.actual]
        row += [rng.choice(["无", "部分活动受疫情影响延期", f"财政统筹回{rng.randint(1, 9)}万元"]),
                rng.choice(["无", "加强项目进度管理"])]
        rows.append(row)
    return rows


def write_longgang_xlsx(path: Path, n_rows: int, seed: int = DEFAULT_SEED,
                        defect_rate: float = DEFAULT_DEFECT_RATE) -> Path:
    """`longgang_rows` as an .xlsx workbook (needs openpyxl)."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("longgang")
    for row in longgang_rows(n_rows, seed, defect_rate):
        ws.append([cell if cell != "" else None for cell in row])
    wb.save(path)
    return path


def main(argv: Optional[Sequence[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--forms", type=int, default=100)
    ap.add_argument("--indicators", type=int, default=30)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--defect-rate", type=float, default=DEFAULT_DEFECT_RATE)
    ap.add_argument("--kind", choices=["target", "self-evaluation", "evaluation"], default=None)
    ap.add_argument("--csv", action="store_true", help="also write the indicator tables as CSV")
    args = ap.parse_args(argv)
    paths = generate(args.out, args.forms, args.indicators, args.seed, args.defect_rate,
                     args.kind, args.csv)
    print(f"{len(paths)} forms written under {args.out}")


if __name__ == "__main__":
    main()
