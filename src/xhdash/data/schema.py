"""The store's tables, declared once: columns, types, allowed values, keys and references.

CSV parsing, Parquet types and validation all read these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

QUALIFIERS = ("exact", "ge", "approx", "le")
# An observation's status: a figure the source states (reported), the dashboard's reading of a
# stated word that gives no number of its own (interpreted: "全部完成整改" read as the count
# identified; never an input of a derivation or a check), or computed on load (derived).
STATUSES = ("reported", "derived", "interpreted")  # their words: xhdash.i18n.LABELS["status"]
# Statuses an authored or published row may state; derived rows are computed on load.
STORED_STATUSES = ("reported", "interpreted")
# The release stage a source states for a figure (预计 …); blank: the source states none.
RELEASE_STAGES = ("expected", "preliminary", "verified", "final")  # 预计, 初步核算, 初步核实, 最终核实
# The span a source counts a figure over when it is not the period's calendar span; the period
# code stays the year the span lies in (no dates are invented). Blank: the period itself.
PERIOD_SCOPES = ("campaign", "since_campaign", "since_research_drive",  # LABELS["scope"]
                 "to_year_end")  # a total as at the end of the period's year (截至去年底)
SOURCE_KINDS = ("primary", "secondary", "derived", "imported")
INDICATOR_KINDS = ("level", "growth", "rate", "rank", "target")  # target: a year's 年度目标
GROWTH_BASES = ("nominal", "real", "unstated")
AREA_LEVELS = ("city", "district", "zone", "cluster", "block", "street", "other")  # an area's level
COMPARABLE_LEVELS = ("zone", "street")  # the levels whose areas are compared, in display order
DISTRICT = "xuhui"  # the area_id of the district itself (its rows are the district's figures)
# What one observation is: a figure of one indicator, period, area and industry (blank: all).
OBSERVATION_KEY = ("indicator_id", "period", "area_id", "industry_id")
INDUSTRY_TIERS = ("cluster", "track", "future", "other")
PLACE_KINDS = (
    "landmark", "heritage", "institution", "platform", "fund", "service",
    "renewal_project", "pilot_unit",
)
ARROW_TYPES = {"string": pa.string(), "float": pa.float64(), "int": pa.int64(), "bool": pa.bool_()}


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    dtype: str = "string"
    nullable: bool = False
    allowed: tuple[str, ...] = ()
    references: str | None = None
    is_period: bool = False
    # A column added after stores were first written: a table without it (an older store, an
    # authored CSV that states none) reads as all blank. Only for nullable columns.
    may_be_absent: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[ColumnSpec, ...]
    key: tuple[str, ...]
    authored_only: tuple[str, ...] = ()

    @property
    def parquet_name(self) -> str:
        return f"{self.name}.parquet"

    @property
    def csv_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, ARROW_TYPES[c.dtype], nullable=c.nullable) for c in self.columns]
        )


def _text(name: str, **kwargs) -> ColumnSpec:
    return ColumnSpec(name, "string", **kwargs)


def _optional(name: str, **kwargs) -> ColumnSpec:
    return ColumnSpec(name, "string", nullable=True, **kwargs)


DOMAINS = TableSpec(
    "domains",
    (_text("domain_id"), _text("name_zh"), _text("name_en"), ColumnSpec("sort_order", "int")),
    key=("domain_id",),
)
SOURCES = TableSpec(
    "sources",
    (
        _text("source_id"), _text("title_zh"), _text("title_en"), _text("publisher_zh"),
        _text("publisher_en"), _optional("author"), _optional("date"), _text("address"),
        _text("kind", allowed=SOURCE_KINDS), _optional("note_zh"), _optional("note_en"),
    ),
    key=("source_id",),
)
AREAS = TableSpec(
    "areas",
    (
        _text("area_id"), _text("name_zh"), _text("name_en"), _text("level", allowed=AREA_LEVELS),
        _optional("parent_id", references="areas.area_id"), ColumnSpec("sort_order", "int"),
        _optional("description_zh"), _optional("description_en"),
        _optional("source_id", references="sources.source_id"), _optional("locator"),
    ),
    key=("area_id",),
)
INDUSTRIES = TableSpec(
    "industries",
    (
        _text("industry_id"), _text("name_zh"), _text("name_en"),
        _text("tier", allowed=INDUSTRY_TIERS), _text("tier_zh"), _text("tier_en"),
        ColumnSpec("sort_order", "int"),
    ),
    key=("industry_id",),
)
INDICATORS = TableSpec(
    "indicators",
    (
        _text("indicator_id"), _text("name_zh"), _text("name_en"),
        _text("domain_id", references="domains.domain_id"), _text("unit_zh"), _text("unit_en"),
        _text("kind", allowed=INDICATOR_KINDS),
        _optional("growth_of", references="indicators.indicator_id"),
        _optional("growth_basis", allowed=GROWTH_BASES),
        # a target indicator names the indicator it is the year's target of (a level such as
        # 270亿元, or a growth rate such as 增长5.5%左右); its figures are the targets as stated
        _optional("target_of", references="indicators.indicator_id", may_be_absent=True),
        ColumnSpec("higher_is_better", "bool", nullable=True), ColumnSpec("decimals", "int"),
        _optional("definition_zh"), _optional("definition_en"),
    ),
    key=("indicator_id",),
)
PLACES = TableSpec(
    "places",
    (
        _text("place_id"), _text("name_zh"), _text("name_en"), _text("kind", allowed=PLACE_KINDS),
        _text("area_id", references="areas.area_id"),
        _text("source_id", references="sources.source_id"), _text("locator"),
    ),
    key=("place_id",),
)
OBSERVATIONS = TableSpec(
    "observations",
    (
        _text("indicator_id", references="indicators.indicator_id"),
        _text("period", is_period=True),
        _text("area_id", references="areas.area_id"),
        _optional("industry_id", references="industries.industry_id"),
        ColumnSpec("value", "float"),
        _text("qualifier", allowed=QUALIFIERS),
        _optional("qualifier_word"), _optional("stated_as"),
        _optional("release_stage", allowed=RELEASE_STAGES, may_be_absent=True),
        _optional("period_scope", allowed=PERIOD_SCOPES, may_be_absent=True),
        _text("status", allowed=STATUSES),
        _text("source_id", references="sources.source_id"),
        _text("locator"), _optional("note"),
        _optional("method"), _optional("formula_en"),
    ),
    key=OBSERVATION_KEY,
)
# Build order: a table's references point only to tables before it (or to itself).
TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (DOMAINS, SOURCES, AREAS, INDUSTRIES, INDICATORS, PLACES, OBSERVATIONS)
}
# The "table.column" keys that other columns reference.
REFERENCED = tuple(sorted({c.references for spec in TABLES.values() for c in spec.columns
                           if c.references}))
# Columns the build adds to authored observations that leave them out: an authored row is
# reported unless its `status` says interpreted.
AUTHORED_DEFAULTS = {"observations": {"status": "reported", "method": None, "formula_en": None}}
