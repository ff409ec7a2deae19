"""An area's part in the district's change between two periods:

- 贡献率 = 区域增量 ÷ 全区增量 × 100% (the share of the district's change the area made),
  from the area's and the district's stated levels of the same two periods.
"""

from __future__ import annotations

from metrics.core import (
    Derived,
    Input,
    MetricRefused,
    combine_qualifiers,
    number_text,
    require_number,
)


def contribution_to_change(area_now: Input, area_before: Input, district_now: Input,
                           district_before: Input) -> Derived:
    """The area's change as a share of the district's change, in %."""
    if {area_now.period, district_now.period} != {area_now.period} or \
            {area_before.period, district_before.period} != {area_before.period}:
        raise MetricRefused("区域与全区的期间不一致", "the area's and the district's periods differ")
    change = require_number(area_now, "本期值", "current value") - require_number(
        area_before, "上期值", "previous value")
    total = require_number(district_now, "全区本期值", "district current value") - \
        require_number(district_before, "全区上期值", "district previous value")
    if total == 0:
        raise MetricRefused("全区增量为零，贡献率无意义", "the district's change is zero")
    value = change / total * 100.0
    return Derived(
        metric="contribution_to_change", value=value, period=area_now.period,
        formula_zh="贡献率 = 区域增量 ÷ 全区增量 × 100%",
        formula_en="contribution = the area's change ÷ the district's change × 100%",
        worked=f"{number_text(change, 2)} ÷ {number_text(total, 2)} × 100 = "
               f"{number_text(value, 2)}",
        inputs=(area_now, area_before, district_now, district_before),
        qualifier=combine_qualifiers(area_now, area_before, district_now, district_before),
        decimals=1,
    )
