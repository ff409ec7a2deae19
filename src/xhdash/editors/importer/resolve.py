"""From candidates to observations: names to ids, units checked or converted, each figure's source
as the file states it, new items offered."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace

import pandas as pd

from metrics.units import UNIT_BASES, UNIT_FACTORS
from xhdash.data.schema import DISTRICT
from xhdash.data.validate import ValidationIssue
from xhdash.editors.importer.issues import IssueList
from xhdash.editors.importer.layout import Candidate, Layout
from xhdash.editors.importer.values import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MAGNITUDE,
    is_missing,
    is_plausible,
    normalise_text,
    parse_number,
    parse_period_text,
    years_in_range,
)
from xhdash.periods import is_period_code

DISTRICT_WORDS = {"全区", "徐汇", "徐汇区", "合计", "总计", "全区合计", "xuhui", "district"}
AREA_SUFFIXES = ("街道", "镇", "区", "功能区")
MISSING_MARKS = ("", "—", "–", "-", "…", "...", "--", "——", "/")
# how bulletins mark a part of the row above: 其中：户籍常住人口, #户籍常住人口
PART_OF = re.compile(r"^(?:其中[:：]?|#)\s*")
# what a table may add to an area's name: 大徐家汇功能区, 徐家汇街道办事处
AREA_ADDITIONS = re.compile(r"(?:功能区|片区|街道办事处|办事处)$")


def name_key(text: object) -> str:
    """What two names must share to be one name: normalised text, lower case, no spaces at all,
    so names differing only by full-width characters, spaces or invisible characters match."""
    return "".join(normalise_text(text).lower().split())


def _lookup(frame: pd.DataFrame, id_column: str, suffixes: tuple[str, ...] = ()) -> dict[str, str]:
    """Ids reachable by id, Chinese name and English name (and names without a suffix)."""
    found: dict[str, str] = {}
    for row in frame.itertuples(index=False):
        key = getattr(row, id_column)
        for name in (key, row.name_zh, row.name_en):
            found.setdefault(name_key(name), key)
            for suffix in suffixes:
                if str(name).endswith(suffix) and len(str(name)) > len(suffix):
                    found.setdefault(name_key(str(name)[: -len(suffix)]), key)
    return found


CITY = "shanghai"
CITY_WORDS = {"全市", "上海", "上海市", "合计", "总计", "全市合计"}


def city_area_ids(areas: pd.DataFrame) -> tuple[dict[str, str], str]:
    """A city bulletin's names: the districts (徐汇区, 徐汇, 浦东新区, 浦东) and the city (全市,
    合计); and the districts' names in their order, for a report of a name that is none."""
    levels = areas["level"].astype(str)
    districts = areas[levels == "district"].sort_values("sort_order")
    ids = _lookup(districts, "area_id", ("新区", "区"))
    if (levels == "city").any():
        ids.update({name_key(w): CITY for w in CITY_WORDS})
    return ids, "、".join(districts["name_zh"].astype(str))


def _base(unit: str) -> str:
    return UNIT_BASES.get(unit, unit)


def conversion_factor(from_unit: str, to_unit: str) -> float | None:
    """How to multiply a value in `from_unit` to express it in `to_unit`; None if impossible."""
    if from_unit == to_unit:
        return 1.0
    if from_unit in UNIT_FACTORS and to_unit in UNIT_FACTORS and _base(from_unit) == _base(to_unit):
        return UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]
    return None


def source_id_for(text: str) -> str:
    """One id per stated source, the same in every import: imp_ and a hash of the name key."""
    return "imp_" + hashlib.sha1(name_key(text).encode("utf-8")).hexdigest()[:10]


_ASCII_BRACKETED_CJK = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")


def chinese_brackets(text: str) -> str:
    """Brackets around Chinese text back to full width: reading folds （测试用合成数据） to
    (测试用合成数据) (NFKC, so names compare), but a source is shown as a Chinese reader wrote
    it."""
    return _ASCII_BRACKETED_CJK.sub(r"（\1）", text)


def stated_source_row(text: str) -> dict:
    """A sources row for a source as a file states it: the text is its title and publisher."""
    text = chinese_brackets(text)
    return {"source_id": source_id_for(text), "title_zh": text, "title_en": text,
            "publisher_zh": text, "publisher_en": text, "author": None, "date": None,
            "address": "—", "kind": "imported",
            "note_zh": "导入的统计表所注明的来源（按原文记录）。",
            "note_en": "A source as an imported table states it (recorded as written)."}


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
    # the source of figures whose row and file state none (no 来源 column, no 资料来源 note);
    # the CLI's --source, a field of the data page
    source: str | None = None


@dataclass(frozen=True)
class Origin:
    """Where a figure stands in the file: line, the file's own column header, the cell's text."""

    row: int
    column: str
    value: str


@dataclass
class Resolution:
    observations: list[dict] = field(default_factory=list)
    issues: list[ValidationIssue] = field(default_factory=list)
    new_indicators: dict[str, dict] = field(default_factory=dict)
    new_areas: dict[str, dict] = field(default_factory=dict)
    new_industries: dict[str, dict] = field(default_factory=dict)
    skipped: int = 0
    converted: int = 0
    sources: dict[str, dict] = field(default_factory=dict)  # every source cited, as stated
    origins: list[Origin] = field(default_factory=list)  # one per observation, in order


def _period_code(text: str) -> tuple[str | None, str | None]:
    """(code, None) for a period the import accepts; (None, rule) for one it does not."""
    period = text if is_period_code(text) else parse_period_text(text)
    if not period:
        return None, "bad_period"
    if not years_in_range(period):
        return None, "period_out_of_range"
    return period, None


def _new_id(prefix: str, name: str) -> str:
    return f"{prefix}_{hashlib.sha1(name_key(name).encode('utf-8')).hexdigest()[:8]}"


ONCE_PER_NAME = ("unknown_indicator", "no_domain", "unknown_area", "unknown_industry")


def rows_text(rows: list[int]) -> str:
    """Line numbers as runs: [5, 6, 7, 9] → 5-7, 9."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def resolve_domain(text: str | None, domains: pd.DataFrame) -> str | None:
    """A domain as the pages show it (功能区建设, Functional zones) or by its code (zones); None
    when it is none of them."""
    wanted = name_key(text or "")
    for row in domains.itertuples(index=False):
        if wanted in {name_key(str(row.domain_id)), name_key(str(row.name_zh)),
                      name_key(str(row.name_en))}:
            return str(row.domain_id)
    return None


def domain_choices(domains: pd.DataFrame) -> str:
    """功能区建设（zones）、产业发展（industry）…: what --domain accepts."""
    return "、".join(f"{row.name_zh}（{row.domain_id}）" for row in domains.itertuples(index=False))


class Resolver:
    """Resolves candidates against the store's dimension tables."""

    def __init__(self, tables: dict[str, pd.DataFrame], options: ImportOptions, file_name: str,
                 layout: Layout, issues: IssueList):
        self.tables, self.options, self.file_name = tables, options, file_name
        self.stated_source = layout.source_note or normalise_text(options.source) or None
        self.issues = issues
        if not self.stated_source and "source" not in layout.roles.values():
            issues.add(ValidationIssue(file_name, None, None, "", "no_source"))  # once, first
        self.indicators = tables["indicators"].set_index("indicator_id").to_dict("index")
        self.indicator_ids = _lookup(tables["indicators"], "indicator_id")
        self.area_ids = _lookup(tables["areas"], "area_id", AREA_SUFFIXES)
        self.area_ids.update({name_key(w): DISTRICT for w in DISTRICT_WORDS})
        self.bulletin = bool(layout.title_indicator)
        if self.bulletin:  # a city bulletin's rows are Shanghai's districts and its total
            self.area_ids, self.district_names = city_area_ids(tables["areas"])
        self.industry_ids = _lookup(tables["industries"], "industry_id", ("产业",))
        growth = tables["indicators"].dropna(subset=["growth_of"])
        self.growth_of = dict(zip(growth["growth_of"], growth["indicator_id"], strict=True))
        self.result = Resolution()
        self.first_row: dict[tuple, int] = {}
        self.seen: set[ValidationIssue] = set()  # this row's issues: value and growth cells
        self.seen_row: int | None = None  # share one unknown name
        # remembered for the import, as a file repeats its names, periods, sources and notes
        self.keys: dict[str, str] = {}  # name -> name_key
        self.periods: dict[str, tuple[str | None, str | None]] = {}  # text -> (code, rule)
        self.source_ids: dict[str, str] = {}  # stated text -> source id
        self.notes: dict[tuple, str] = {}  # (备注, unit, factor) -> note
        # a question about a name asked once, naming every row it stands on
        self.named_rows: dict[tuple[str, str], tuple[int, list[int]]] = {}
        self.domain = resolve_domain(options.domain, tables["domains"]) if options.domain \
            else None
        if options.domain and self.domain is None:
            issues.add(ValidationIssue(file_name, None, None, options.domain, "unknown_domain",
                                       (("names", domain_choices(tables["domains"])),)))

    def _key(self, name: str) -> str:
        if name not in self.keys:
            self.keys[name] = name_key(name)
        return self.keys[name]

    def issue(self, c: Candidate, value: str, rule: str, severity: str = "error",
              role: str | None = None, **params) -> None:
        found = ValidationIssue(self.file_name, c.row, c.column_of(role) if role else c.column,
                                value, rule, tuple((k, str(v)) for k, v in params.items()),
                                severity)
        if c.row != self.seen_row:
            self.seen, self.seen_row = set(), c.row
        if rule in ONCE_PER_NAME:
            key = (rule, value)
            if key in self.named_rows:
                self.named_rows[key][1].append(c.row)
                return
            self.named_rows[key] = (len(self.issues.listed), [c.row])
        if found not in self.seen:
            self.seen.add(found)
            self.issues.add(found)

    def finish(self) -> Resolution:
        """The resolution, once every candidate is resolved: a question asked of a name on many
        rows becomes one line naming them (第5、6、9行)."""
        for (rule, _value), (position, rows) in self.named_rows.items():
            rows = sorted(set(rows))
            if len(rows) > 1 and position < len(self.issues.listed):
                first = self.issues.listed[position]
                self.issues.listed[position] = replace(
                    first, rule=f"{rule}_rows",
                    params=(*first.params, ("rows", rows_text(rows)), ("count", str(len(rows)))))
        return self.result

    def _indicator(self, c: Candidate) -> str | None:
        if not c.indicator:
            self.issue(c, c.shown("indicator", c.indicator), "empty_name", role="indicator")
            return None
        key = self._key(c.indicator)
        if key in self.indicator_ids:
            return self.indicator_ids[key]
        if (bare := self._key(PART_OF.sub("", c.indicator))) in self.indicator_ids:
            return self.indicator_ids[bare]
        if not self.options.allow_new:
            self.issue(c, c.indicator, "unknown_indicator", role="indicator")
            return None
        if not self.domain:
            if not self.options.domain:  # an unknown --domain is said once, with the choices
                self.issue(c, c.indicator, "no_domain", role="indicator",
                           names=domain_choices(self.tables["domains"]))
            return None
        new_id = _new_id("u", c.indicator)
        self.indicator_ids[key] = new_id
        self.result.new_indicators[new_id] = {
            "indicator_id": new_id, "name_zh": c.indicator, "name_en": c.indicator,
            "domain_id": self.domain, "unit_zh": c.unit or "", "unit_en": c.unit or "",
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

    def _target_indicator(self, base_id: str) -> str:
        """The indicator holding `base_id`'s annual targets: the store's, else one made from the
        base (same domain and unit; listed among the new indicators of the preview)."""
        for indicator_id, meta in {**self.indicators, **self.result.new_indicators}.items():
            if meta.get("target_of") == base_id and meta.get("kind") == "target":
                return indicator_id
        base = self._meta(base_id)
        new_id = f"{base_id}_target"
        self.result.new_indicators[new_id] = {
            "indicator_id": new_id, "name_zh": f"{base['name_zh']}年度目标",
            "name_en": f"{base['name_en']}: annual target", "domain_id": base["domain_id"],
            "unit_zh": base["unit_zh"], "unit_en": base["unit_en"], "kind": "target",
            "growth_of": None, "growth_basis": None, "higher_is_better": None,
            "decimals": base.get("decimals", 2), "target_of": base_id,
            "definition_zh": f"{base['name_zh']}的年度目标，按来源原文记录（导入自 {self.file_name}）。",
            "definition_en": f"The annual target of {base['name_en']}, as the source states it.",
        }
        return new_id

    def _meta(self, indicator_id: str) -> dict:
        if indicator_id in self.result.new_indicators:
            return self.result.new_indicators[indicator_id]
        return {"indicator_id": indicator_id, **self.indicators[indicator_id]}

    def _dimension(self, c: Candidate, text: str | None, ids: dict[str, str], rule: str,
                   new_items: dict, id_column: str, extra: dict) -> str | None:
        role = id_column.removesuffix("_id")
        if text is None:
            return None
        if not text:
            self.issue(c, c.shown(role, text), "empty_name", role=role)
            return None
        key = self._key(text)
        if key in ids:
            return ids[key]
        if role == "area" and (bare := self._key(AREA_ADDITIONS.sub("", text))) in ids:
            return ids[bare]
        if role == "area" and self.bulletin:  # a city's districts are known, never created
            self.issue(c, text, "unknown_district", role=role, names=self.district_names)
            return None
        if not self.options.allow_new:
            self.issue(c, text, rule, role=role)
            return None
        new_id = _new_id("u_" + role, text)
        ids[key] = new_id
        new_items[new_id] = {id_column: new_id, "name_zh": text, "name_en": text, **extra}
        return new_id

    def _source(self, c: Candidate) -> str | None:
        """The row's 来源 cell, else the file's 资料来源 note, else the source the editor gave."""
        if c.source == "":
            self.issue(c, c.shown("source", c.source), "empty_name", role="source")
            return None
        text = (c.source if c.source and not is_missing(c.source) else None) or self.stated_source
        if text:
            if text not in self.source_ids:
                row = stated_source_row(text)
                self.result.sources.setdefault(row["source_id"], row)
                self.source_ids[text] = row["source_id"]
            return self.source_ids[text]
        if "source" in dict(c.role_columns):  # else the file as a whole was reported
            self.issue(c, "", "no_source", role="source")
        return None

    def _unit_factor(self, c: Candidate, indicator_id: str, value_text: str) -> float | None:
        known = self.indicators.get(indicator_id)
        expected = known["unit_zh"] if known else self.result.new_indicators[indicator_id]["unit_zh"]
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
        return factor

    def _period(self, c: Candidate) -> str | None:
        if not c.period:
            self.issue(c, c.value_text, "no_period")
            return None
        if c.period not in self.periods:
            self.periods[c.period] = _period_code(c.period)
        period, rule = self.periods[c.period]
        if rule:
            self.issue(c, c.period, rule, role="period", **(
                {"first": FIRST_YEAR, "last": LAST_YEAR} if rule == "period_out_of_range" else {}))
        return period

    def _note(self, c: Candidate, factor: float) -> str:
        """The file's 备注, then a unit conversion. Who imported the figure and when is the
        version history's (the publishes table: editor, time, file), not a figure's note."""
        key = (c.note, c.unit, factor)
        if key not in self.notes:  # one string per distinct note, not one per figure
            converted = f"由{c.unit}换算（×{factor:g}）" if factor != 1.0 else None
            self.notes[key] = "；".join(part for part in (c.note, converted) if part)
        return self.notes[key]

    def resolve(self, c: Candidate) -> None:
        number = parse_number(c.value_text)
        if number is None:
            if normalise_text(c.value_text) in MISSING_MARKS:
                self.result.skipped += 1
            else:
                self.issue(c, c.value_text, "not_a_number")
            return
        if not is_plausible(number.value):
            self.issue(c, c.value_text, "implausible", limit=f"{MAX_MAGNITUDE:g}")
            return
        period = self._period(c)
        level_id = self._indicator(c)
        source_id = self._source(c)
        locator = f"{self.file_name} 第{c.row}行"
        area = self._dimension(c, c.area, self.area_ids, "unknown_area", self.result.new_areas,
                               "area_id", {"level": "other", "parent_id": DISTRICT,
                                           "sort_order": 1000, "description_zh": None,
                                           "description_en": None, "source_id": source_id,
                                           "locator": locator})
        industry = self._dimension(c, c.industry, self.industry_ids, "unknown_industry",
                                   self.result.new_industries, "industry_id",
                                   {"tier": "other", "tier_zh": "其他", "tier_en": "Other",
                                    "sort_order": 1000})
        if level_id is None or not period or (c.area is not None and area is None) or (
                c.industry is not None and industry is None):
            return
        indicator_id = self._growth_indicator(c, level_id) if c.is_growth else level_id
        if indicator_id is not None and c.is_target:
            indicator_id = self._target_indicator(indicator_id)
        if indicator_id is None:
            return
        factor = 1.0 if c.is_growth else self._unit_factor(c, indicator_id, c.value_text)
        if factor is None:
            return
        if not is_plausible(number.value * factor):
            self.issue(c, c.value_text, "implausible", limit=f"{MAX_MAGNITUDE:g}")
            return
        key = (indicator_id, period, area or DISTRICT, industry)
        if key in self.first_row:
            self.issue(c, c.value_text, "duplicate_in_file", other=self.first_row[key])
            return
        self.first_row[key] = c.row
        if source_id is None:  # reported; the figure's other checks are done all the same
            return
        self.result.converted += factor != 1.0
        self.result.origins.append(Origin(c.row, c.column, c.value_text))
        self.result.observations.append({
            "indicator_id": indicator_id, "period": period, "area_id": area or DISTRICT,
            "industry_id": industry, "value": number.value * factor,
            "qualifier": number.qualifier, "qualifier_word": number.word,
            "stated_as": c.value_text + (f" {c.unit}" if c.unit and not c.is_growth else ""),
            "status": "reported", "source_id": source_id,
            "locator": f"{locator}「{c.column}」", "note": self._note(c, factor),
            "method": None, "formula_en": None,
        })
