"""Checks on the 一级/二级 categories of indicators."""
from __future__ import annotations

from . import Hit, check


@check("known_category", node="indicator",
       vars=("label", "allowed"),
       variants=("level1", "level2", "pair"))
def known_category(node, params, ctx):
    """Both labels must map to the indicator framework of the active packs
    (canonical name or alias, with printed points such as 产出指标(50分)
    ignored), and the 二级 must belong to the 一级.

    Variants: `level1` (unknown 一级), `level2` (unknown 二级), `pair` (a 二级
    that the framework does not allow under that 一级, e.g. 社会效益指标 under
    产出指标). Params: none; the framework is pack data (`[framework]`).
    Example: level1 = "产出目标" fires (variant `level1`).
    """
    fw = ctx.framework
    raw1, raw2 = node.get("level1", ""), node.get("level2", "")
    level1 = fw.level1(raw1).canonical
    if level1 is None:
        yield Hit(f"{node.path}.level1", {"label": raw1, "allowed": "、".join(fw.level1_names)},
                  variant="level1")
        return
    level2 = fw.level2(raw2).canonical
    if level2 is None:
        yield Hit(f"{node.path}.level2", {"label": raw2,
                                          "allowed": "、".join(fw.children(level1))},
                  variant="level2")
        return
    if not fw.allows(level1, level2):
        yield Hit(f"{node.path}.level2", {"label": raw2,
                                          "allowed": "、".join(fw.children(level1))},
                  variant="pair")
