"""Validate store tables with pandera and report each problem by file, row, column and rule."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from xhdash.data.schema import REFERENCED, TABLES, ColumnSpec, TableSpec
from xhdash.i18n import LABELS, label, tr
from xhdash.periods import is_period_code

PANDERA_DTYPES = {"string": str, "float": float, "int": "int64", "bool": "boolean"}
BOOL_WORDS = {"true": True, "false": False}
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
        what may name a server path or hold an exception's text (LABELS['rule_public'])."""
        kind = "rule_public" if not detail and self.rule in LABELS["rule_public"] else "rule"
        rule = label(kind, self.rule, lang).format(**dict(self.params))
        return tr("issue_line", lang, file=self.file, rule=rule,
                  row=tr("issue_at_row", lang, row=self.row) if self.row is not None else "",
                  column=tr("issue_column_named", lang, column=self.column) if self.column else "",
                  value=tr("issue_value_quoted", lang, value=self.value) if self.value else "")

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
            lines.append(tr("issues_more", lang, more=more))
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
