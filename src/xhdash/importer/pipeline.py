"""One import, start to finish, without writing anything: the report, the diff and the tables
that publishing would write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from xhdash.importer.grid import read_grid, too_many_rows
from xhdash.importer.layout import Layout, candidates, recognise
from xhdash.importer.limits import ImportLimits
from xhdash.importer.resolve import ImportOptions, Resolution, Resolver
from xhdash.importer.sniff import detect_kind
from xhdash.schema import TABLES
from xhdash.validate import StoreError, ValidationIssue, validate_tables
from xhdash.versions import sha256_of

DIFF_STATES = ("new", "changed", "unchanged", "conflicting")
KEY = ["indicator_id", "period", "area_id", "industry_id"]
Progress = Callable[[float, str], None]


@dataclass
class ImportResult:
    file_name: str
    file_sha256: str
    kind: str
    encoding: str
    sheet: str | None
    layout: Layout
    resolution: Resolution
    issues: list[ValidationIssue] = field(default_factory=list)
    diff: pd.DataFrame | None = None
    tables: dict[str, pd.DataFrame] | None = None

    @property
    def errors(self) -> list[ValidationIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors and self.tables is not None

    @property
    def changes_anything(self) -> bool:
        counts = self.counts()
        return bool(counts["new"] or counts["changed"] or (counts["conflicting"] and self.ok))

    def counts(self) -> dict[str, int]:
        if self.diff is None:
            return dict.fromkeys(DIFF_STATES, 0)
        return {state: int((self.diff["state"] == state).sum()) for state in DIFF_STATES}


def _source_row(result_name: str, sha: str, layout: Layout, editor: str) -> dict:
    title = layout.source_note or (layout.title[0] if layout.title else result_name)
    return {"source_id": f"import_{sha[:8]}", "title_zh": title, "title_en": title,
            "publisher_zh": layout.source_note or editor, "publisher_en": layout.source_note or editor,
            "author": editor, "date": date.today().isoformat(), "address": result_name,
            "kind": "imported", "note_zh": f"由编辑 {editor} 导入的统计表。",
            "note_en": f"Statistics table imported by editor {editor}."}


def compare(new: pd.DataFrame, current: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each imported figure against the store: new, changed, unchanged or conflicting.

    Changed replaces an earlier imported figure; conflicting would replace a figure that a cited
    source (the article, a profile page) states, and needs the editor's confirmation.
    """
    reported = current[current["status"] == "reported"]
    keys = reported[KEY].astype("string").fillna("").apply(tuple, axis=1)
    existing = dict(zip(keys, reported[["value", "qualifier", "source_id"]].itertuples(index=False),
                        strict=True))
    kinds = sources.set_index("source_id")["kind"].to_dict()
    states, before, before_source = [], [], []
    for row in new.itertuples(index=False):
        old = existing.get(tuple("" if pd.isna(v) else str(v) for v in
                                 (row.indicator_id, row.period, row.area_id, row.industry_id)))
        if old is None:
            states.append("new"), before.append(None), before_source.append(None)
            continue
        same = abs(old.value - row.value) < 1e-9 and old.qualifier == row.qualifier
        states.append("unchanged" if same else
                      "changed" if kinds.get(old.source_id) == "imported" else "conflicting")
        before.append(old.value)
        before_source.append(old.source_id)
    return new.assign(state=states, previous_value=before, previous_source=before_source)


def _merge(tables: dict[str, pd.DataFrame], resolution: Resolution, diff: pd.DataFrame,
           source: dict, replace_conflicts: bool) -> dict[str, pd.DataFrame]:
    wanted = diff[diff["state"].isin(["new", "changed"] + (["conflicting"] if replace_conflicts
                                                            else []))]
    merged = {name: frame.copy() for name, frame in tables.items()}
    observations = merged["observations"]
    observations = observations[observations["status"] == "reported"]
    replace = set(wanted[KEY].astype("string").fillna("").apply(tuple, axis=1))
    keys = observations[KEY].astype("string").fillna("").apply(tuple, axis=1)
    kept = observations[~keys.isin(replace)]
    merged["observations"] = pd.concat(
        [kept, wanted.drop(columns=["state", "previous_value", "previous_source"])],
        ignore_index=True)
    known_sources = set(merged["sources"]["source_id"])
    additions = {"sources": [source] if source["source_id"] not in known_sources else [],
                 "indicators": list(resolution.new_indicators.values()),
                 "areas": list(resolution.new_areas.values()),
                 "industries": list(resolution.new_industries.values())}
    for name, rows in additions.items():
        if rows:
            merged[name] = pd.concat([merged[name], pd.DataFrame(rows)], ignore_index=True)
    return {name: merged[name][TABLES[name].column_names] for name in TABLES}


def run_import(data: bytes, file_name: str, tables: dict[str, pd.DataFrame],
               options: ImportOptions, limits: ImportLimits | None = None,
               progress: Progress | None = None) -> ImportResult:
    """Check, read, recognise and resolve a file against the store; nothing is written.

    Refusals (size, type, bombs, row count) raise ImportRefused; every other problem is an
    issue in the result, with file, row, column, value and rule.
    """
    limits = limits or ImportLimits.from_environment()
    step = progress or (lambda fraction, message: None)
    step(0.05, "检查文件 checking the file")
    kind = detect_kind(data, file_name, limits)
    sha = sha256_of(data)
    step(0.2, "读取表格 reading the table")
    grid = read_grid(data, kind, options.sheet, limits)
    layout, rows = recognise(grid, options.column_roles)
    if len(rows) > limits.max_rows:
        raise too_many_rows(limits)
    result = ImportResult(file_name, sha, kind, grid.encoding, grid.sheet, layout, Resolution())
    issues = [ValidationIssue(file_name, None, header, "", "unrecognised_column")
              for header in layout.unrecognised if options.column_roles.get(header) != "ignore"]
    if "indicator" not in layout.roles.values():
        issues.append(ValidationIssue(file_name, None, None, "", "no_indicator_column"))
    if not layout.period_columns and not {"value", "growth"} & set(layout.roles.values()):
        issues.append(ValidationIssue(file_name, None, None, "", "no_value_column"))
    if issues:
        result.issues = issues
        return result
    step(0.4, "识别指标与区域 resolving names")
    source = _source_row(file_name, sha, layout, options.editor)
    resolver = Resolver(tables, options, file_name, source["source_id"])
    found = candidates(layout, rows, options.period)
    for number, candidate in enumerate(found):
        resolver.resolve(candidate)
        if number % 2000 == 0:
            step(0.4 + 0.4 * number / max(len(found), 1), f"{number:,}/{len(found):,}")
    result.resolution = resolver.result
    result.issues = resolver.result.issues
    step(0.85, "与现有数据比较 comparing with the store")
    new = pd.DataFrame(resolver.result.observations, columns=TABLES["observations"].column_names)
    sources = pd.concat([tables["sources"], pd.DataFrame([source])], ignore_index=True
                        ).drop_duplicates("source_id")
    result.diff = compare(new, tables["observations"], sources)
    for row in result.diff[result.diff["state"] == "conflicting"].itertuples():
        if not options.replace_conflicts:
            line = int(str(row.locator).split("第")[1].split("行")[0])
            result.issues.append(ValidationIssue(
                file_name, line, row.indicator_id, f"{row.value:g}", "conflicts_with_source",
                (("source", row.previous_source), ("existing", f"{row.previous_value:g}"))))
    if result.errors:
        return result
    merged = _merge(tables, resolver.result, result.diff, source, options.replace_conflicts)
    try:
        names = {name: f"{spec.name}（合并后 merged）" for name, spec in TABLES.items()}
        validate_tables(merged, names, 1)
    except StoreError as error:
        result.issues += error.issues
        return result
    result.tables = merged
    step(1.0, "完成 done")
    return result
