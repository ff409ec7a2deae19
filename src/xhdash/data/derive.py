"""Apply the metrics to the store: derived observations, consistency checks and refusals.

Which figures are derived is declared here as data; growth-based derivations follow the
indicators table (growth_of, growth_basis).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np
import pandas as pd

from metrics.checks import CheckResult, check_count_matches, check_cross_source, check_sum_of_parts
from metrics.core import EXACT, Derived, Input, MetricRefused, number_text
from metrics.growth import (
    absolute_change_from_growth,
    cagr,
    change_of_levels,
    prior_value_from_growth,
    year_on_year,
)
from metrics.numbers import round_half_up
from metrics.ratios import completion_rate, per_10k_residents, per_capita, per_km2, share_of_total
from metrics.units import ratio_scale
from xhdash.data.schema import DISTRICT
from xhdash.periods import parse_period, shift_years

DERIVED_SOURCE = "derived"
_DECIMALS = re.compile(r"\d+(?:\.(\d+))?")


@dataclass(frozen=True)
class RatioRule:
    result: str
    numerator: str
    denominator: str
    compute: Callable[[Input, Input, float], Derived]
    same_period_only: bool = False
    basis: tuple[str, str] | None = None  # how the denominator is counted, said in the formula


YEAR_END_POPULATION = ("按{period}年末常住人口计算", "using the {period} year-end resident "
                       "population")


RATIO_RULES = (
    RatioRule("gdp_per_capita", "gdp", "population", per_capita, basis=YEAR_END_POPULATION),
    RatioRule("fiscal_revenue_per_capita", "fiscal_revenue", "population", per_capita,
              basis=YEAR_END_POPULATION),
    RatioRule("gdp_per_km2", "gdp", "land_area", per_km2),
    RatioRule("population_density", "population", "land_area", per_km2),
    RatioRule("hotline_orders_per_10k", "hotline_orders", "population", per_10k_residents,
              basis=YEAR_END_POPULATION),
    RatioRule("registered_share", "population_registered", "population",
              lambda part, total, _scale: share_of_total(part, total), same_period_only=True),
)
CHANGE_RULES = (("fiscal_revenue_change", "fiscal_revenue"),)
CAGR_RULES = (("fiscal_revenue_cagr", "fiscal_revenue"), ("gdp_nominal_cagr", "gdp"))
COMPLETION_RULES = (
    ("rectification_rate", ("issues_district_fixed", "issues_units_fixed"),
     ("issues_district", "issues_units")),
)
SUM_RULES = (  # (total, parts, relation)
    ("population", ("population_registered", "population_migrant"), "eq"),
    ("research_results", ("research_results_projects", "research_results_mechanisms"), "le"),
    ("topics_all", ("topics_district", "topics_dept"), "le"),
    ("issues_district", ("issues_district_fixed",), "le"),
    ("issues_units", ("issues_units_fixed",), "le"),
)
COUNT_RULES = (  # (indicator, table, column, member value)
    ("functional_zones", "areas", "level", "zone"),
    ("westbund_clusters", "areas", "level", "cluster"),
    ("scitech_blocks", "areas", "level", "block"),
    ("cluster_count_100bn", "industries", "tier", "cluster"),
    ("new_track_count", "industries", "tier", "track"),
)
STREET_COUNT_PARTS = ("streets", "towns")


def _when(period: str, lang: str) -> str:
    try:
        return parse_period(period).label(lang)
    except ValueError:
        return period


def stated_decimals(stated_as: object) -> int | None:
    """Decimals of the number as the source wrote it ('198.10 亿元' -> 2, '2.6%' -> 1)."""
    if not isinstance(stated_as, str):
        return None
    match = _DECIMALS.search(stated_as.replace(",", ""))
    return len(match[1]) if match and match[1] else (0 if match else None)


class _Index:
    """Observations looked up by (indicator, period, area, industry)."""

    def __init__(self, observations: pd.DataFrame, indicators: pd.DataFrame):
        self.decimals = indicators.set_index("indicator_id")["decimals"].to_dict()
        self.by_key: dict[tuple, Input] = {}
        for row in observations.itertuples(index=False):
            industry = None if pd.isna(row.industry_id) else row.industry_id
            decimals = stated_decimals(row.stated_as)
            self.by_key[(row.indicator_id, row.period, row.area_id, industry)] = Input(
                row.indicator_id, row.period, float(row.value), row.qualifier, row.source_id,
                row.area_id, industry,
                decimals if decimals is not None else int(self.decimals[row.indicator_id]),
            )

    def get(self, indicator: str, period: str, area: str = DISTRICT, industry=None):
        return self.by_key.get((indicator, period, area, industry))

    def series(self, indicator: str, area: str = DISTRICT, industry=None) -> list[Input]:
        items = [i for (ind, _, a, ind_y), i in self.by_key.items()
                 if ind == indicator and a == area and ind_y == industry]
        return sorted(items, key=lambda i: i.period)


@dataclass
class Derivation:
    """What the rules produced. Every rule goes through `attempt` or `check`, which turn any
    failure into a refusal with its reason, so deriving never raises."""

    rows: list[dict]
    checks: list[CheckResult]
    refusals: list[dict]
    reported: set[tuple] = field(default_factory=set)  # keys a derived figure must not take
    max_decimals: dict[str, int] = field(default_factory=dict)  # each indicator's display places

    def add(self, indicator: str, derived: Derived, area: str = DISTRICT, industry=None):
        if (indicator, derived.period, area, industry) in self.reported:
            self.refuse(indicator, derived.period, derived.metric, MetricRefused(
                "已有报告值，不以派生值替代", "a reported figure exists; it is not replaced"))
            return
        warn_zh, warn_en = derived.warning_text("zh"), derived.warning_text("en")
        value, places, qualifier, worked = honest_precision(
            derived, self.max_decimals.get(indicator))
        rounded = worked != derived.worked  # said in each language's note, not in the working
        self.rows.append({
            "indicator_id": indicator, "period": derived.period, "area_id": area,
            "industry_id": industry, "value": value, "qualifier": qualifier,
            "qualifier_word": None, "stated_as": f"{round_half_up(value, max(places, 0))}",
            "status": "derived", "source_id": DERIVED_SOURCE, "locator": worked,
            "note": derived.formula_zh + (ROUNDED_ZH if rounded else "")
            + (f"（注意：{warn_zh}）" if warn_zh else ""),
            "method": derived.metric,
            "formula_en": derived.formula_en + (ROUNDED_EN if rounded else "")
            + (f" (note: {warn_en})" if warn_en else ""),
        })

    def refuse(self, indicator: str, period: str, metric: str, refused: MetricRefused):
        self.refusals.append({"indicator_id": indicator, "period": period, "metric": metric,
                              "reason_zh": refused.reason_zh, "reason_en": refused.reason_en})

    def attempt(self, indicator: str, period: str, metric: str, compute: Callable[[], Derived],
                area: str = DISTRICT, industry=None, keep: bool = True) -> Derived | None:
        """Run one derivation and keep its figure (unless `keep` is False); a failure of any
        kind, or a result that is not a finite number, becomes a refusal naming the indicator,
        period and reason."""
        try:
            derived = compute()
            if not math.isfinite(derived.value):
                raise MetricRefused("结果不是有限数", f"the result is not a finite number "
                                    f"({derived.value})")
            parse_period(derived.period)  # a period outside the calendar is refused here
        except MetricRefused as refused:
            self.refuse(indicator, period, metric, refused)
            return None
        except (ArithmeticError, ValueError, TypeError, KeyError, IndexError) as error:
            self.refuse(indicator, period, metric, unexpected_refusal(error))
            return None
        if keep:
            self.add(indicator, derived, area, industry)
        return derived

    def check(self, check_id: str, compute: Callable[[], CheckResult | None]) -> None:
        """Run one consistency check; one that cannot be computed is a refusal, not an error."""
        try:
            result = compute()
        except MetricRefused as refused:
            self.refuse(check_id, "", "check", refused)
            return
        except (ArithmeticError, ValueError, TypeError, KeyError, IndexError) as error:
            self.refuse(check_id, "", "check", unexpected_refusal(error))
            return
        if result is not None:
            self.checks.append(result)


ROUNDED_ZH = "（按输入的精度取舍）"  # a derived figure rounded to its inputs' digits
ROUNDED_EN = " (rounded to the inputs' precision)"


def honest_precision(derived: Derived, max_decimals: int | None
                     ) -> tuple[float, int, str, str]:
    """(value, decimal places, qualifier, worked) of a derived figure carrying no more digits
    than its inputs support: 7.4万件 ÷ 109.85万人 is about 670 件/万人, not 673.6. A figure
    rounded that way is approximate, and its working says so."""
    places = derived.decimals if derived.decimals is not None else max_decimals
    if places is None:
        return derived.value, 2, derived.qualifier, derived.worked
    if max_decimals is not None:
        places = min(places, max_decimals)
    value = float(round_half_up(derived.value, places))
    coarser = max_decimals is not None and places < max_decimals
    if not coarser or abs(value - derived.value) < 1e-12:
        return value, places, derived.qualifier, derived.worked
    qualifier = "approx" if derived.qualifier == EXACT else derived.qualifier
    shown = f"{round_half_up(value, max(places, 0))}"
    worked = f"{derived.worked} ≈ {shown}"  # the words are in the note, in each language
    return value, places, qualifier, worked


def unexpected_refusal(error: Exception) -> MetricRefused:
    detail = f"{type(error).__name__}: {str(error)[:120]}"
    return MetricRefused(f"无法计算（{detail}）", f"cannot be computed ({detail})")


def _names(indicators: pd.DataFrame) -> dict[str, tuple[str, str]]:
    return dict(zip(indicators["indicator_id"], zip(indicators["name_zh"], indicators["name_en"],
                                                    strict=True), strict=True))


def _derive_growth(index: _Index, indicators: pd.DataFrame, out: Derivation, names) -> None:
    growth_rows = indicators[indicators["kind"].eq("growth") & indicators["growth_of"].notna()]
    for meta in growth_rows.itertuples(index=False):
        for key, growth in list(index.by_key.items()):
            if key[0] != meta.indicator_id:
                continue
            level = index.get(meta.growth_of, growth.period, growth.area_id, growth.industry_id)
            if level is not None:
                _derive_prior(index, meta, level, growth, out, names)
            if meta.growth_basis == "nominal":
                _check_yoy(index, meta, growth, out, names)
        if meta.growth_basis == "nominal":
            _derive_yoy(index, meta, out)


def _derive_yoy(index: _Index, meta, out: Derivation) -> None:
    """同比 from two levels of the same span a year apart (1-9月 with 1-9月), where no rate is
    stated; only for nominal rates, which levels at current prices give."""
    for (indicator, period, area, industry), current in list(index.by_key.items()):
        if indicator != meta.growth_of or index.get(meta.indicator_id, period, area, industry):
            continue
        previous = index.get(meta.growth_of, _prior_period(period), area, industry)
        if previous is not None and previous.period != period:
            out.attempt(meta.indicator_id, period, "year_on_year",
                        partial(year_on_year, current, previous), area, industry)


def _prior_period(code: str) -> str:
    try:
        return shift_years(code, -1)
    except ValueError:
        return code


def _derive_prior(index, meta, level: Input, growth: Input, out: Derivation, names) -> None:
    prior = out.attempt(meta.growth_of, _prior_period(growth.period), "prior_value_from_growth",
                        partial(prior_value_from_growth, level, growth, meta.growth_basis),
                        keep=False)
    if prior is None:
        return
    reported = index.get(meta.growth_of, prior.period, level.area_id, level.industry_id)
    if reported is None:
        out.add(meta.growth_of, prior, level.area_id, level.industry_id)
        return
    zh, en = names[meta.growth_of]
    check_id = f"cross_source:{meta.growth_of}:{prior.period}"
    out.check(check_id, partial(
        check_cross_source, check_id,
        f"{_when(prior.period, 'zh')}{zh}：由增长率推算的上年值与报告值一致",
        f"{_when(prior.period, 'en')} {en}: the value derived from the growth rate agrees with "
        "the reported one",
        prior, reported))


def _check_yoy(index, meta, growth: Input, out: Derivation, names) -> None:
    current = index.get(meta.growth_of, growth.period, growth.area_id, growth.industry_id)
    previous = index.get(meta.growth_of, _prior_period(growth.period), growth.area_id,
                         growth.industry_id)
    if current is None or previous is None or previous.period == current.period:
        return
    check_id = f"growth_from_levels:{meta.indicator_id}:{growth.period}"
    computed = out.attempt(meta.indicator_id, growth.period, "year_on_year",
                           partial(year_on_year, current, previous), keep=False)
    if computed is None:
        return
    zh, en = names[meta.indicator_id]
    out.check(check_id, partial(
        check_cross_source, check_id, f"{_when(growth.period, 'zh')}{zh}：报告值与由两年数值计算的增长率一致",
        f"{_when(growth.period, 'en')} {en}: reported rate agrees with the rate computed from "
        "the levels", computed, growth))


def _with_scale(compute: Callable[[Input, Input, float], Derived], numerator: Input,
                denominator: Input, scale: Callable[[], float]) -> Derived:
    return compute(numerator, denominator, scale())


def _derive_ratios(index: _Index, units: dict[str, str], out: Derivation) -> None:
    """Ratios of annual figures over the same year's denominator; where the denominator is
    stated only for the year before, that one, with the basis said and the figure marked
    approximate; never a denominator further away."""
    for rule in RATIO_RULES:
        denominators = {d.period: d for d in index.series(rule.denominator)
                        if _is_annual(d.period)}
        for numerator in (n for n in index.series(rule.numerator) if _is_annual(n.period)):
            chosen = denominators.get(numerator.period)
            if chosen is None and not rule.same_period_only:
                chosen = denominators.get(_prior_period(numerator.period))
            if chosen is None:
                continue
            scale = partial(ratio_scale, units[rule.numerator], units[rule.denominator],
                            units[rule.result])
            out.attempt(rule.result, numerator.period, rule.result, partial(
                _with_basis, rule, partial(_with_scale, rule.compute, numerator, chosen, scale),
                numerator, chosen))


def _with_basis(rule: RatioRule, compute: Callable[[], Derived], numerator: Input,
                denominator: Input) -> Derived:
    """The ratio with its denominator's basis in the formula; a denominator of another period
    makes the figure approximate."""
    derived = compute()
    cross_year = numerator.period != denominator.period
    if rule.basis is None and not cross_year:
        return derived
    zh, en = rule.basis or ("按{period}年分母计算", "using the {period} denominator")
    label_zh, label_en = _when(denominator.period, "zh"), _when(denominator.period, "en")
    basis_zh = zh.format(period=label_zh.removesuffix("年") if cross_year else "")
    basis_en = " ".join(en.format(period=label_en if cross_year else "").split())
    return replace(derived, formula_zh=f"{derived.formula_zh}（{basis_zh}）",
                   formula_en=f"{derived.formula_en} ({basis_en})",
                   qualifier="approx" if cross_year and derived.qualifier == EXACT
                   else derived.qualifier)


def _is_annual(code: str) -> bool:
    """Per-capita and per-km² figures divide a year's total; a quarter's or 1-9月's is not."""
    try:
        return parse_period(code).frequency == "year"
    except ValueError:
        return False


def _derive_series(index: _Index, out: Derivation, indicators: pd.DataFrame) -> None:
    basis = indicators.set_index("indicator_id")["growth_basis"].to_dict()
    growth_of = indicators.dropna(subset=["growth_of"]).set_index("growth_of")["indicator_id"]
    for result, level_id in CHANGE_RULES:
        if level_id not in growth_of:
            continue
        for level in index.series(level_id):
            previous = index.get(level_id, _prior_period(level.period))
            if previous is not None and previous.period != level.period:  # two stated levels
                out.attempt(result, level.period, "change_of_levels",
                            partial(change_of_levels, level, previous))
                continue
            growth = index.get(growth_of[level_id], level.period)
            if growth is not None:
                out.attempt(result, level.period, "absolute_change_from_growth",
                            partial(absolute_change_from_growth, level, growth,
                                    basis[growth_of[level_id]]))
    for result, level_id in CAGR_RULES:
        series = [i for i in index.series(level_id) if len(i.period) == 4]
        if len(series) >= 2:
            out.attempt(result, series[-1].period, "cagr", partial(cagr, series[0], series[-1]))
    for result, done_ids, total_ids in COMPLETION_RULES:
        periods = {i.period for i in index.series(total_ids[0])}
        for period in sorted(periods):
            done = [index.get(i, period) for i in done_ids]
            total = [index.get(i, period) for i in total_ids]
            if all(done) and all(total):
                out.attempt(result, period, "completion_rate",
                            partial(completion_rate, done, total))


def _run_checks(index: _Index, tables: dict[str, pd.DataFrame], out: Derivation, names) -> None:
    for total_id, part_ids, relation in SUM_RULES:
        for total in index.series(total_id):
            parts = [index.get(p, total.period) for p in part_ids]
            if not all(parts):
                continue
            symbol = "＝" if relation == "eq" else "≤"
            check_id = f"sum:{total_id}:{total.period}"
            name_zh = (f"{_when(total.period, 'zh')} {'＋'.join(names[p][0] for p in part_ids)} "
                       f"{symbol} {names[total_id][0]}")
            name_en = (f"{_when(total.period, 'en')}: {' + '.join(names[p][1] for p in part_ids)} "
                       f"{'=' if relation == 'eq' else '≤'} {names[total_id][1]}")
            out.check(check_id, partial(check_sum_of_parts, check_id, name_zh, name_en, parts,
                                        total, relation))
    for indicator, table, column, member in COUNT_RULES:
        frame = tables[table]
        members = frame.loc[frame[column].eq(member), "name_zh"].tolist()
        for stated in index.series(indicator, area=_count_area(index, indicator)):
            check_id = f"count:{indicator}:{stated.period}"
            out.check(check_id, partial(
                check_count_matches, check_id, f"{names[indicator][0]}与维表成员数一致",
                f"{names[indicator][1]} matches the members listed", stated, members))
    streets = tables["areas"].loc[tables["areas"]["level"].eq("street")]
    for first in index.series(STREET_COUNT_PARTS[0]):
        parts = [index.get(p, first.period) for p in STREET_COUNT_PARTS]
        if all(parts):
            listed = Input("areas.street", first.period, float(len(streets)), area_id=DISTRICT,
                           decimals=0)
            check_id = f"sum:street_units:{first.period}"
            out.check(check_id, partial(
                check_sum_of_parts, check_id, "街道数＋镇数＝区域表所列街镇数",
                "Subdistricts + towns = street-level units listed", parts, listed, "eq"))


def _given(row, decimals: pd.Series) -> Input:
    """A stored figure as a metric input, with the decimals it was stated with."""
    stated = stated_decimals(row.stated_as)
    return Input(row.indicator_id, row.period, float(row.value), row.qualifier, row.source_id,
                 row.area_id, None, int(decimals[row.indicator_id]) if stated is None else stated)


CHECK_COLUMNS = ["check_id", "name_zh", "name_en", "passed", "worked", "sources"]


def add_checks(checks: pd.DataFrame, more: pd.DataFrame) -> pd.DataFrame:
    """Check results followed by more of them."""
    return pd.concat([checks, more], ignore_index=True) if len(more) else checks


def street_checks(observations: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The streets-to-district sum checks of the observations' reported level figures."""
    parts, whole = street_sum_parts(observations, tables)
    return street_sum_checks(parts, whole, tables, _names(tables["indicators"]))


def street_sum_scope(tables: dict[str, pd.DataFrame]) -> tuple[list[str], list[str]]:
    """(level indicators, district and street-level areas): the rows the streets sum reads."""
    indicators, areas = tables["indicators"], tables["areas"]
    levels = list(indicators.loc[indicators["kind"].eq("level"), "indicator_id"])
    return levels, [DISTRICT, *areas.loc[areas["level"].eq("street"), "area_id"]]


def street_sum_parts(rows: pd.DataFrame, tables: dict[str, pd.DataFrame]
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the streets' sum and count per indicator and period, the district's figures) of the
    reported level figures: what the streets-to-district check compares."""
    levels, scope = street_sum_scope(tables)
    rows = rows[rows["status"].eq("reported") & rows["industry_id"].isna()
                & rows["indicator_id"].isin(levels) & rows["area_id"].isin(scope)]
    parts = rows[rows["area_id"].isin(scope[1:])].groupby(
        ["indicator_id", "period"], sort=False, observed=True).agg(
        total=("value", "sum"), count=("area_id", "nunique")).reset_index()
    whole = rows.loc[rows["area_id"].eq(DISTRICT), ["indicator_id", "period", "value",
                                                   "source_id"]]
    return parts, whole


def street_sum_checks(parts: pd.DataFrame, whole: pd.DataFrame,
                      tables: dict[str, pd.DataFrame], names) -> pd.DataFrame:
    """The 13 street-level units partition the district: where every one of them and the
    district state a level figure of the same period, the parts add up to the whole, within
    the rounding of the figures (half a unit of the indicator's last place per figure). (The
    five functional zones are not known to partition the district, so they are not summed.)
    Built column-wise: a store may hold thousands of these checks."""
    streets = street_sum_scope(tables)[1][1:]
    parts = parts[parts["count"] == len(streets)]
    both = parts.merge(whole, on=["indicator_id", "period"], how="inner")
    if not streets or both.empty:
        return pd.DataFrame(columns=CHECK_COLUMNS)
    decimals = tables["indicators"].set_index("indicator_id")["decimals"].astype(int)
    tolerance = (len(streets) + 1) * 0.5 * 10.0 ** (
        -both["indicator_id"].map(decimals).astype(float))
    both = both.astype({"period": str, "indicator_id": str})  # text to join (not categorical)
    when = {lang: both["period"].map({p: _when(p, lang) for p in both["period"].unique()})
            for lang in ("zh", "en")}
    name = {lang: both["indicator_id"].map({i: names[i][n] for i in both["indicator_id"].unique()})
            for n, lang in enumerate(("zh", "en"))}
    text = np.vectorize(number_text, otypes=[str])
    return pd.DataFrame({
        "check_id": "sum:streets:" + both["indicator_id"] + ":" + both["period"],
        "name_zh": when["zh"] + " 各街道（镇）" + name["zh"] + "之和 ＝ 全区",
        "name_en": when["en"] + ": " + name["en"] + " of the subdistricts and town add up to "
                   "the district",
        "passed": (both["total"] - both["value"]).abs() <= tolerance + 1e-9,
        "worked": f"{len(streets)}个街镇之和 " + text(both["total"].to_numpy()) + " ＝ 全区 "
                  + text(both["value"].to_numpy()) + "（±" + text(tolerance.to_numpy(), 3) + "）",
        "sources": both["source_id"],
    })


def _count_area(index: _Index, indicator: str) -> str:
    areas = {key[2] for key in index.by_key if key[0] == indicator}
    return next(iter(areas), DISTRICT)


def rule_indicators(indicators: pd.DataFrame) -> set[str]:
    """Every indicator some derivation or check reads: only these rows are indexed."""
    growth = indicators[indicators["kind"].eq("growth") & indicators["growth_of"].notna()]
    used = set(growth["indicator_id"]) | set(growth["growth_of"])
    for rule in RATIO_RULES:
        used |= {rule.numerator, rule.denominator}
    used |= {level for _, level in CHANGE_RULES + CAGR_RULES}
    for _, done, total in COMPLETION_RULES:
        used |= set(done) | set(total)
    for total, parts, _ in SUM_RULES:
        used |= {total, *parts}
    used |= {rule[0] for rule in COUNT_RULES} | set(STREET_COUNT_PARTS)
    return used | derived_indicators()


def derived_indicators() -> set[str]:
    """Every indicator a rule writes: a reported figure of one is kept, not derived over."""
    return ({rule.result for rule in RATIO_RULES} | {r for r, _ in CHANGE_RULES + CAGR_RULES}
            | {r for r, _, _ in COMPLETION_RULES})


def derive_all(tables: dict[str, pd.DataFrame], with_street_checks: bool = True
               ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Derived observations, check results and refusals for the validated tables. Without
    `with_street_checks`, the streets-to-district sums are left to `street_checks` (a large
    store holds thousands; the loader works them out only when they are asked for)."""
    indicators = tables["indicators"]
    observations = tables["observations"]
    reported = observations[observations["status"].eq("reported")]
    index = _Index(reported[reported["indicator_id"].isin(rule_indicators(indicators))],
                   indicators)
    names = _names(indicators)
    units = indicators.set_index("indicator_id")["unit_zh"].to_dict()
    # the keys no derivation may take: stored figures of the indicators the rules write
    stored = observations[observations["status"].ne("derived")
                          & observations["indicator_id"].isin(rule_indicators(indicators))]
    taken = set(zip(stored["indicator_id"], stored["period"], stored["area_id"],
                    stored["industry_id"].astype(object).where(stored["industry_id"].notna(), None),
                    strict=True))
    out = Derivation([], [], [], taken,
                     indicators.set_index("indicator_id")["decimals"].astype(int).to_dict())
    _derive_growth(index, indicators, out, names)
    _derive_ratios(index, units, out)
    _derive_series(index, out, indicators)
    _run_checks(index, tables, out, names)
    derived = pd.DataFrame(out.rows, columns=tables["observations"].columns)
    checks = pd.DataFrame([{
        "check_id": c.check_id, "name_zh": c.name_zh, "name_en": c.name_en,
        "passed": c.passed, "worked": c.worked,
        "sources": ",".join(sorted({i.source_id for i in c.inputs if i.source_id})),
    } for c in out.checks], columns=CHECK_COLUMNS)
    if with_street_checks:
        checks = add_checks(checks, street_checks(observations, tables))
    refusals = pd.DataFrame(out.refusals, columns=["indicator_id", "period", "metric",
                                                   "reason_zh", "reason_en"])
    return derived, checks, refusals
