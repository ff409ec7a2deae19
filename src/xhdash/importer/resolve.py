"""From candidates to observations: names to ids, units checked or converted, new items offered."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import pandas as pd

from metrics.units import UNIT_BASES, UNIT_FACTORS
from xhdash.importer.layout import Candidate
from xhdash.importer.values import normalise_text, parse_number, parse_period_text
from xhdash.periods import is_period_code
from xhdash.validate import ValidationIssue

DISTRICT = "xuhui"
DISTRICT_WORDS = {"全区", "徐汇", "徐汇区", "合计", "总计", "全区合计", "xuhui", "district"}
AREA_SUFFIXES = ("街道", "镇", "区", "功能区")


def _key(text: object) -> str:
    return re.sub(r"\s+", "", normalise_text(text).lower())


def _lookup(frame: pd.DataFrame, id_column: str, suffixes: tuple[str, ...] = ()) -> dict[str, str]:
    """Ids reachable by id, Chinese name and English name (and names without a suffix)."""
    found: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        key = getattr(row, id_column)
        for name in (key, row.name_zh, row.name_en):
            found.setdefault(_key(name), key)
            for suffix in suffixes:
                if str(name).endswith(suffix) and len(str(name)) > len(suffix):
                    found.setdefault(_key(str(name)[: -len(suffix)]), key)
    return found


def _base(unit: str) -> str:
    return UNIT_BASES.get(unit, unit)


def conversion_factor(from_unit: str, to_unit: str) -> float | None:
    """How to multiply a value in `from_unit` to express it in `to_unit`; None if impossible."""
    if from_unit == to_unit:
        return 1.0
    if from_unit in UNIT_FACTORS and to_unit in UNIT_FACTORS and _base(from_unit) == _base(to_unit):
        return UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]
    return None


@dataclass(frozen=True)
class ImportOptions:
    period: str | None = None
    allow_new: bool = False
    domain: str | None = None
    convert_units: bool = False
    replace_conflicts: bool = False
    column_roles: dict[str, str] = field(default_factory=dict)
    sheet: str | None = None
    editor: str = "editor"


@dataclass
class Resolution:
    observations: list[dict] = field(default_factory=list)
    issues: list[ValidationIssue] = field(default_factory=list)
    new_indicators: dict[str, dict] = field(default_factory=dict)
    new_areas: dict[str, dict] = field(default_factory=dict)
    new_industries: dict[str, dict] = field(default_factory=dict)
    skipped: int = 0
    converted: int = 0


def _new_id(prefix: str, name: str) -> str:
    return f"{prefix}_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:8]}"


class Resolver:
    """Resolves candidates against the store's dimension tables."""

    def __init__(self, tables: dict[str, pd.DataFrame], options: ImportOptions, file_name: str,
                 source_id: str):
        self.tables, self.options, self.file_name = tables, options, file_name
        self.source_id = source_id
        self.indicators = tables["indicators"].set_index("indicator_id")
        self.indicator_ids = _lookup(tables["indicators"], "indicator_id")
        self.area_ids = _lookup(tables["areas"], "area_id", AREA_SUFFIXES)
        self.area_ids.update({_key(w): DISTRICT for w in DISTRICT_WORDS})
        self.industry_ids = _lookup(tables["industries"], "industry_id", ("产业",))
        growth = tables["indicators"].dropna(subset=["growth_of"])
        self.growth_of = dict(zip(growth["growth_of"], growth["indicator_id"], strict=True))
        self.result = Resolution()
        self.first_row: dict[tuple, int] = {}
        self.seen: set[ValidationIssue] = set()

    def issue(self, c: Candidate, value: str, rule: str, severity: str = "error",
              role: str | None = None, **params):
        found = ValidationIssue(self.file_name, c.row, c.column_of(role) if role else c.column,
                                value, rule, tuple((k, str(v)) for k, v in params.items()),
                                severity)
        if found not in self.seen:  # a row's value and growth cells share one unknown name
            self.seen.add(found)
            self.result.issues.append(found)

    def _indicator(self, c: Candidate) -> str | None:
        key = _key(c.indicator)
        if key in self.indicator_ids:
            return self.indicator_ids[key]
        if not self.options.allow_new:
            self.issue(c, c.indicator, "unknown_indicator", role="indicator")
            return None
        if not self.options.domain:
            self.issue(c, c.indicator, "no_domain", role="indicator")
            return None
        new_id = _new_id("u", c.indicator)
        self.indicator_ids[key] = new_id
        self.result.new_indicators[new_id] = {
            "indicator_id": new_id, "name_zh": c.indicator, "name_en": c.indicator,
            "domain_id": self.options.domain, "unit_zh": c.unit or "", "unit_en": c.unit or "",
            "kind": "level", "growth_of": None, "growth_basis": None, "higher_is_better": None,
            "decimals": 2, "definition_zh": f"由 {self.file_name} 导入。",
            "definition_en": f"Imported from {self.file_name}; no English name was given.",
        }
        return new_id

    def _growth_indicator(self, c: Candidate, level_id: str) -> str | None:
        if level_id in self.growth_of:
            return self.growth_of[level_id]
        if not self.options.allow_new:
            self.issue(c, c.indicator, "no_growth_indicator", role="indicator")
            return None
        level = self._meta(level_id)
        new_id = f"{level_id}_growth" if not level_id.startswith("u_") else _new_id("u", level_id)
        self.growth_of[level_id] = new_id
        self.result.new_indicators[new_id] = {
            "indicator_id": new_id, "name_zh": f"{level['name_zh']}增长率",
            "name_en": f"{level['name_en']} growth", "domain_id": level["domain_id"],
            "unit_zh": "%", "unit_en": "%", "kind": "growth", "growth_of": level_id,
            "growth_basis": "unstated", "higher_is_better": level.get("higher_is_better"),
            "decimals": 2, "definition_zh": "导入的增长率；来源未说明按现价或可比价计算。",
            "definition_en": "Imported growth rate; the file does not say nominal or real.",
        }
        return new_id

    def _meta(self, indicator_id: str) -> dict:
        if indicator_id in self.result.new_indicators:
            return self.result.new_indicators[indicator_id]
        return {"indicator_id": indicator_id, **self.indicators.loc[indicator_id].to_dict()}

    def _dimension(self, c: Candidate, text: str | None, ids: dict[str, str], rule: str,
                   new_items: dict, id_column: str, extra: dict) -> str | None:
        if not text:
            return None
        key = _key(text)
        if key in ids:
            return ids[key]
        if not self.options.allow_new:
            self.issue(c, text, rule, role=id_column.removesuffix("_id"))
            return None
        new_id = _new_id("u_" + id_column.removesuffix("_id"), text)
        ids[key] = new_id
        new_items[new_id] = {id_column: new_id, "name_zh": text, "name_en": text, **extra}
        return new_id

    def _unit_factor(self, c: Candidate, indicator_id: str, value_text: str) -> float | None:
        expected = self._meta(indicator_id)["unit_zh"]
        unit = c.unit or expected
        if not expected:  # a new indicator takes the first unit it is given
            self.result.new_indicators[indicator_id].update(unit_zh=unit, unit_en=unit)
            return 1.0
        factor = conversion_factor(unit, expected)
        if factor is None:
            self.issue(c, value_text, "unit_conflict", unit=unit, expected=expected)
            return None
        if factor != 1.0 and not self.options.convert_units:
            self.issue(c, value_text, "unit_convertible", unit=unit, expected=expected,
                       factor=f"{factor:g}")
            return None
        self.result.converted += factor != 1.0
        return factor

    def resolve(self, c: Candidate) -> None:
        number = parse_number(c.value_text)
        if number is None:
            if normalise_text(c.value_text) in ("", "—", "–", "-", "…", "...", "--", "——", "/"):
                self.result.skipped += 1
            else:
                self.issue(c, c.value_text, "not_a_number")
            return
        period = c.period and (c.period if is_period_code(c.period) else parse_period_text(c.period))
        if not c.period:
            self.issue(c, c.value_text, "no_period")
        elif not period:
            self.issue(c, c.period, "bad_period", role="period")
        level_id = self._indicator(c)
        area = self._dimension(c, c.area, self.area_ids, "unknown_area", self.result.new_areas,
                               "area_id", {"level": "other", "parent_id": DISTRICT,
                                           "sort_order": 1000, "description_zh": None,
                                           "description_en": None, "source_id": self.source_id,
                                           "locator": f"{self.file_name} 第{c.row}行"})
        industry = self._dimension(c, c.industry, self.industry_ids, "unknown_industry",
                                   self.result.new_industries, "industry_id",
                                   {"tier": "other", "tier_zh": "其他", "tier_en": "Other",
                                    "sort_order": 1000})
        if level_id is None or not period or (c.area and area is None) or (
                c.industry and industry is None):
            return
        indicator_id = self._growth_indicator(c, level_id) if c.is_growth else level_id
        if indicator_id is None:
            return
        factor = 1.0 if c.is_growth else self._unit_factor(c, indicator_id, c.value_text)
        if factor is None:
            return
        key = (indicator_id, period, area or DISTRICT, industry)
        if key in self.first_row:
            self.issue(c, c.value_text, "duplicate_in_file", other=self.first_row[key])
            return
        self.first_row[key] = c.row
        self.result.observations.append({
            "indicator_id": indicator_id, "period": period, "area_id": area or DISTRICT,
            "industry_id": industry, "value": number.value * factor,
            "qualifier": number.qualifier, "qualifier_word": None,
            "stated_as": c.value_text + (f" {c.unit}" if c.unit and not c.is_growth else ""),
            "status": "reported", "source_id": self.source_id,
            "locator": f"{self.file_name} 第{c.row}行「{c.column}」",
            "note": None if factor == 1.0 else f"由{c.unit}换算（×{factor:g}）",
            "method": None, "formula_en": None,
        })
