"""Validate store tables with pandera and report each problem by file, row, column and rule."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from xhdash.periods import is_period_code
from xhdash.schema import REFERENCED, TABLES, ColumnSpec, TableSpec

PANDERA_DTYPES = {"string": str, "float": float, "int": "int64", "bool": "boolean"}
BOOL_WORDS = {"true": True, "false": False}
RULE_TEXT = {
    "not_a_number": ("不是数字", "is not a number"),
    "not_an_integer": ("不是整数", "is not a whole number"),
    "not_a_bool": ("应为 true 或 false", "must be true or false"),
    "empty": ("不能为空", "must not be empty"),
    "allowed": ("不在允许值（{allowed}）之中", "is not one of: {allowed}"),
    "reference": ("在 {table} 表中不存在", "does not exist in the {table} table"),
    "period": (
        "不是可识别的期间（如 2023、2023Q2、2023-06、2023-01/2023-06）",
        "is not a period code (e.g. 2023, 2023Q2, 2023-06, 2023-01/2023-06)",
    ),
    "duplicate": ("与第{other}行的键（{key}）重复", "repeats the key ({key}) of row {other}"),
    "missing_column": ("缺少此列", "column is missing"),
    "unexpected_column": ("不是本表的列", "is not a column of this table"),
    "missing_file": ("文件不存在", "file not found"),
    "unknown_indicator": ("不是已有指标；如需新建，请确认创建（并指定领域）",
                          "is not a known indicator; confirm creating it (with a domain)"),
    "unknown_area": ("不是已有区域；如需新建，请确认创建", "is not a known area; confirm creating it"),
    "unknown_industry": ("不是已有产业；如需新建，请确认创建",
                         "is not a known industry; confirm creating it"),
    "no_period": ("缺少期间：表中没有期间列，请指定期间（如 --period 2023）",
                  "has no period: the table has no period column; give one (e.g. --period 2023)"),
    "bad_period": ("不是可识别的期间（如 2023年、2023年6月、2023Q2、2023年1-6月）",
                   "is not a period (e.g. 2023, 2023-06, 2023Q2, 2023年1-6月)"),
    "unit_convertible": ("单位为“{unit}”，与已有单位“{expected}”不同；确认换算后将乘以 {factor} 换算",
                         "is in {unit}, not {expected}; confirm conversion to multiply by {factor}"),
    "unit_conflict": ("单位“{unit}”与已有单位“{expected}”不一致，且无法换算",
                      "unit {unit} does not match {expected} and cannot be converted"),
    "no_growth_indicator": ("没有对应的增长率指标；如需新建，请确认创建",
                            "has no matching growth-rate indicator; confirm creating it"),
    "duplicate_in_file": ("与第{other}行是同一指标、期间、区域和产业", "repeats the figure of row {other}"),
    "conflicts_with_source": ("与已发布的 {source} 数字 {existing} 不同；如确需替换，请确认",
                              "differs from the published {source} figure {existing}; confirm to "
                              "replace it"),
    "unrecognised_column": ("列名无法识别，请在预览中指定其含义（或忽略）",
                            "column name not recognised: map it in the preview (or ignore it)"),
    "no_indicator_column": ("找不到指标列（如“指标”“indicator”）",
                            "no indicator column found (e.g. 指标, indicator)"),
    "no_value_column": ("找不到数值列（如“数值”“value”或期间列）",
                        "no value column found (e.g. 数值, value, or period columns)"),
    "missing_value": ("为空或缺失标记，已跳过", "is blank or marked missing; skipped"),
    "no_domain": ("新建指标需要指定领域（--domain）", "creating indicators needs a domain (--domain)"),
    "unreadable": ("无法读取：{detail}", "cannot be read: {detail}"),
}
# What viewers are shown instead, where the detailed text holds a path or an exception's text.
PUBLIC_RULE_TEXT = {
    "unreadable": ("数据文件无法读取", "the data file cannot be read"),
}
ISSUES_SHOWN = 50


@dataclass(frozen=True)
class ValidationIssue:
    file: str
    row: int | None
    column: str | None
    value: str
    rule: str
    params: tuple[tuple[str, str], ...] = ()
    severity: str = "error"  # "error" blocks; "notice" is reported only

    def message(self, lang: str = "zh", detail: bool = True) -> str:
        """The problem in one line; `detail=False` is the viewers' rendering, which leaves out
        what may name a server path or hold an exception's text (see PUBLIC_RULE_TEXT)."""
        zh, en = RULE_TEXT[self.rule] if detail else PUBLIC_RULE_TEXT.get(self.rule,
                                                                           RULE_TEXT[self.rule])
        rule = (zh if lang == "zh" else en).format(**dict(self.params))
        if lang == "zh":
            where = self.file + (f" 第{self.row}行" if self.row is not None else "")
            column = f"「{self.column}」列" if self.column else ""
            value = f"“{self.value}”" if self.value else ""
            return f"{where}{column}：{value}{rule}"
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        column = f", column '{self.column}'" if self.column else ""
        value = f"'{self.value}' " if self.value else ""
        return f"{where}{column}: {value}{rule}"

    def public_message(self, lang: str = "zh") -> str:
        """What a viewer is shown: the table's file name, never a folder or the raw error."""
        return self.message(lang, detail=False)


class StoreError(Exception):
    """Raised when tables fail validation or cannot be read; carries every issue found."""

    def __init__(self, issues: list[ValidationIssue]):
        self.issues = issues
        super().__init__("\n".join(issue.message("en") for issue in issues[:20]))

    def message(self, lang: str = "zh", detail: bool = True, limit: int = ISSUES_SHOWN) -> str:
        """The first `limit` problems, one a line; `detail=False` is the viewers' rendering."""
        lines = [issue.message(lang, detail) for issue in self.issues[:limit]]
        if len(self.issues) > limit:
            more = len(self.issues) - limit
            lines.append(f"… 其余 {more} 处未列出" if lang == "zh" else f"… {more} more")
        return "\n".join(lines)

    def public_message(self, lang: str = "zh") -> str:
        return self.message(lang, detail=False)


def _rule_for_check(check: str, spec: ColumnSpec) -> tuple[str, tuple[tuple[str, str], ...]]:
    if check.startswith("rule:"):
        rule = check.removeprefix("rule:")
        if rule == "allowed":
            return rule, (("allowed", ", ".join(spec.allowed)),)
        if rule == "reference":
            return rule, (("table", spec.references.split(".")[0]),)
        return rule, ()
    if check == "not_nullable":
        return "empty", ()
    if spec.dtype == "int":
        return "not_an_integer", ()
    return "not_a_number", ()


def _column_checks(spec: ColumnSpec, known: dict[str, set[str]]) -> list[pa.Check]:
    checks = []
    if spec.allowed:
        checks.append(pa.Check(lambda s, a=spec.allowed: s.isin(a), error="rule:allowed"))
    if spec.references:
        keys = known.get(spec.references, set())
        checks.append(pa.Check(lambda s, k=keys: s.isin(k), error="rule:reference"))
    if spec.is_period:
        checks.append(pa.Check(_valid_periods, error="rule:period"))
    return checks


def _valid_periods(periods: pd.Series) -> pd.Series:
    """Checked once per distinct code: a million monthly rows hold a few hundred periods."""
    valid = {code: is_period_code(code) for code in periods.dropna().unique()}
    return periods.map(valid).fillna(False).astype(bool)


def build_schema(spec: TableSpec, known: dict[str, set[str]]) -> pa.DataFrameSchema:
    """A pandera schema for one table; `known` maps "table.column" to the keys that exist."""
    columns = {
        c.name: pa.Column(
            PANDERA_DTYPES[c.dtype], checks=_column_checks(c, known), nullable=c.nullable,
            coerce=True,
        )
        for c in spec.columns
    }
    return pa.DataFrameSchema(columns, strict=False)


def _structure_issues(frame: pd.DataFrame, spec: TableSpec, file: str) -> list[ValidationIssue]:
    issues = [
        ValidationIssue(file, None, c.name, "", "missing_column")
        for c in spec.columns if c.name not in frame.columns and not c.may_be_absent
    ]
    issues += [
        ValidationIssue(file, None, str(name), "", "unexpected_column")
        for name in frame.columns if name not in spec.column_names
    ]
    return issues


def _bool_issues(frame: pd.DataFrame, spec: TableSpec, file: str, offset: int):
    issues = []
    for column in (c for c in spec.columns if c.dtype == "bool"):
        values = frame[column.name]
        if values.dtype == bool or str(values.dtype) == "boolean":
            continue
        text = values.astype("string").str.strip().str.lower()
        bad = text.notna() & ~text.isin(list(BOOL_WORDS))
        issues += [
            ValidationIssue(file, int(i) + offset, column.name, str(values[i]), "not_a_bool")
            for i in frame.index[bad]
        ]
        frame[column.name] = text.map(BOOL_WORDS).astype("boolean")
    return issues


def _duplicate_issues(frame: pd.DataFrame, spec: TableSpec, file: str, offset: int):
    key = list(spec.key)
    keyed = frame[key].astype("string").fillna("")
    duplicated = keyed.duplicated(keep="first")
    first_rows = keyed.reset_index().groupby(key, dropna=False)["index"].first()
    issues = []
    for i in frame.index[duplicated]:
        values = tuple(keyed.loc[i])
        other = int(first_rows.loc[values if len(key) > 1 else values[0]]) + offset
        issues.append(ValidationIssue(
            file, int(i) + offset, key[0], "/".join(v for v in values if v), "duplicate",
            (("other", str(other)), ("key", ", ".join(key))),
        ))
    return issues


def validate_table(
    frame: pd.DataFrame, spec: TableSpec, known: dict[str, set[str]], file: str, row_offset: int
) -> tuple[pd.DataFrame, list[ValidationIssue]]:
    """Coerce and check one table. Rows are reported as index + row_offset."""
    issues = _structure_issues(frame, spec, file)
    if issues:
        return frame, issues
    frame = frame.copy()
    for column in (c for c in spec.columns if c.name not in frame.columns):  # may_be_absent
        frame[column.name] = pd.Series(pd.NA, index=frame.index, dtype=object)
    frame = frame[spec.column_names]
    issues += _bool_issues(frame, spec, file, row_offset)
    columns = {c.name: c for c in spec.columns}
    try:
        frame = build_schema(spec, known).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as error:
        cases = error.failure_cases
        for case in cases.itertuples(index=False):
            if case.column not in columns:
                continue
            rule, params = _rule_for_check(str(case.check), columns[case.column])
            row = None if pd.isna(case.index) else int(case.index) + row_offset
            value = "" if pd.isna(case.failure_case) else str(case.failure_case)
            issues.append(ValidationIssue(file, row, case.column, value, rule, params))
        issues = sorted(set(issues), key=lambda i: (i.row or 0, i.column or "", i.rule))
    issues += _duplicate_issues(frame, spec, file, row_offset)
    return frame, issues


def known_keys(tables: dict[str, pd.DataFrame]) -> dict[str, set[str]]:
    """The keys each table offers to references ("areas.area_id" -> {...})."""
    known = {}
    for reference in REFERENCED:  # only what is referenced: observation keys would cost seconds
        name, column = reference.split(".")
        if name in tables and column in tables[name].columns:
            known[reference] = set(tables[name][column].dropna().astype(str))
    return known


def validate_tables(
    tables: dict[str, pd.DataFrame], file_names: dict[str, str], row_offset: int
) -> dict[str, pd.DataFrame]:
    """Validate all tables in reference order; raise StoreError listing every issue."""
    issues: list[ValidationIssue] = []
    valid: dict[str, pd.DataFrame] = {}
    for name, spec in TABLES.items():
        if name not in tables:
            issues.append(ValidationIssue(file_names[name], None, None, "", "missing_file"))
            continue
        known = known_keys({**valid, name: tables[name]})
        valid[name], found = validate_table(
            tables[name], spec, known, file_names[name], row_offset
        )
        issues += found
    if issues:
        raise StoreError(issues)
    return valid
