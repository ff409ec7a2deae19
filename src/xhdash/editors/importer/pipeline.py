"""One import, start to finish, without writing anything: the report, the diff and the tables
that publishing would write."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from xhdash.data.schema import OBSERVATION_KEY, STORED_STATUSES, TABLES
from xhdash.data.validate import StoreError, ValidationIssue, validate_tables
from xhdash.editors.importer.grid import read_grid, too_many_figures, too_many_rows
from xhdash.editors.importer.issues import IssueList
from xhdash.editors.importer.layout import Layout, count_value_cells, iter_candidates, recognise
from xhdash.editors.importer.limits import ImportLimits
from xhdash.editors.importer.resolve import ImportOptions, Resolution, Resolver
from xhdash.editors.importer.sniff import detect_kind

DIFF_STATES = ("new", "changed", "unchanged", "conflicting")
KEY = list(OBSERVATION_KEY)
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
    # problems found beyond the first MAX_ISSUES: counted, not listed; `issues` then ends with
    # one "more_issues" line saying so
    more_issues: int = 0

    @property
    def problem_count(self) -> int:
        """Every problem found, listed or only counted (the summary line itself not counted):
        what a report's "N problems" should say."""
        return sum(i.rule != "more_issues" for i in self.issues) + self.more_issues

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


def _keys(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    """Each row's observation key as text, a missing industry as ""."""
    text = frame[KEY].astype("string").fillna("")
    return list(zip(*(text[column].tolist() for column in KEY), strict=True))


def compare(new: pd.DataFrame, current: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Each imported figure against the store: new, changed, unchanged or conflicting.

    Changed replaces an earlier imported figure; conflicting would replace a figure that a cited
    source (the article, a profile page) states, and needs the editor's confirmation.
    """
    stored = current[current["status"].isin(STORED_STATUSES)]  # reported and interpreted
    existing = dict(zip(_keys(stored), stored[["value", "qualifier", "source_id"]].itertuples(
        index=False), strict=True))
    kinds = sources.set_index("source_id")["kind"].to_dict()
    states, before, before_source = [], [], []
    for key, value, qualifier in zip(_keys(new), new["value"], new["qualifier"], strict=True):
        old = existing.get(key)
        if old is None:
            states.append("new"), before.append(None), before_source.append(None)
            continue
        same = abs(old.value - value) < 1e-9 and old.qualifier == qualifier
        states.append("unchanged" if same else
                      "changed" if kinds.get(old.source_id) == "imported" else "conflicting")
        before.append(old.value)
        before_source.append(old.source_id)
    return new.assign(state=states, previous_value=before, previous_source=before_source)


def _merge(tables: dict[str, pd.DataFrame], resolution: Resolution, diff: pd.DataFrame,
           replace_conflicts: bool) -> dict[str, pd.DataFrame]:
    wanted = diff[diff["state"].isin(["new", "changed"] + (["conflicting"] if replace_conflicts
                                                            else []))]
    merged = {name: frame.copy() for name, frame in tables.items()}
    observations = merged["observations"]
    observations = observations[observations["status"].isin(STORED_STATUSES)]
    replace = set(_keys(wanted))
    kept = observations[[key not in replace for key in _keys(observations)]]
    merged["observations"] = pd.concat(
        [kept, wanted.drop(columns=["state", "previous_value", "previous_source"])],
        ignore_index=True)
    known_sources = set(merged["sources"]["source_id"])
    additions = {"sources": [row for source_id, row in resolution.sources.items()
                             if source_id not in known_sources],
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
    sha = hashlib.sha256(data).hexdigest()
    step(0.2, "读取表格 reading the table")
    grid = read_grid(data, kind, options.sheet, limits)
    layout, rows = recognise(grid, options.column_roles, options.period)
    if len(rows) > limits.max_rows:
        raise too_many_rows(limits)
    if (figures := count_value_cells(layout, rows)) > limits.max_figures:
        raise too_many_figures(figures, limits)
    result = ImportResult(file_name, sha, kind, grid.encoding, grid.sheet, layout, Resolution())
    issues = IssueList(file_name)
    issues.extend([ValidationIssue(file_name, layout.header_line, header, "", "unrecognised_column")
                   for header in layout.unrecognised
                   if options.column_roles.get(header) != "ignore"])
    issues.extend([ValidationIssue(file_name, layout.header_line, header, header.split("|")[0],
                                   "period_without_year") for header in layout.yearless])
    if "indicator" not in layout.roles.values() and not layout.title_indicator:
        issues.add(ValidationIssue(file_name, None, None, "", "no_indicator_column"))
    if not layout.period_columns and not layout.yearless and not {"value", "growth", "target"} & set(
            layout.roles.values()):
        issues.add(ValidationIssue(file_name, None, None, "", "no_value_column"))
    if issues.listed:
        result.issues, result.more_issues = issues.finished(), issues.more
        return result
    step(0.4, "识别指标与区域 resolving names")
    resolver = Resolver(tables, options, file_name, layout, issues)
    total = max(figures, 1)
    for number, candidate in enumerate(iter_candidates(layout, rows, options.period)):
        resolver.resolve(candidate)
        if number % 2000 == 0:
            step(0.4 + 0.4 * number / total, f"{number:,}/{total:,}")
    resolution = result.resolution = resolver.finish()
    step(0.85, "与现有数据比较 comparing with the store")
    new = pd.DataFrame(resolution.observations, columns=TABLES["observations"].column_names)
    sources = pd.concat([tables["sources"], pd.DataFrame(list(resolution.sources.values()))],
                        ignore_index=True).drop_duplicates("source_id")
    result.diff = compare(new, tables["observations"], sources)
    if not options.replace_conflicts:
        _report_conflicts(result.diff, resolution, file_name, issues)
    result.issues, result.more_issues = issues.finished(), issues.more
    resolution.issues = issues.listed
    if issues.has_errors():
        return result
    merged = _merge(tables, resolution, result.diff, options.replace_conflicts)
    try:
        names = {name: f"{spec.name}（合并后 merged）" for name, spec in TABLES.items()}
        validate_tables(merged, names, 1)
    except StoreError as error:
        issues.extend(error.issues)
        result.issues, result.more_issues = issues.finished(), issues.more
        return result
    result.tables = merged
    step(1.0, "完成 done")
    return result


def _report_conflicts(diff: pd.DataFrame, resolution: Resolution, file_name: str,
                      issues: IssueList) -> None:
    """A conflict names the figure's cell in the file: line, the file's column header, text."""
    states = diff["state"].to_numpy()
    for position in (states == "conflicting").nonzero()[0]:
        origin, row = resolution.origins[position], diff.iloc[position]
        issues.add(ValidationIssue(
            file_name, origin.row, origin.column, origin.value, "conflicts_with_source",
            (("source", str(row["previous_source"])), ("existing", f"{row['previous_value']:g}"))))
