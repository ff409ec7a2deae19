"""The import's problem list: its own rules' wording, and a cap on how many are listed."""

from __future__ import annotations

from xhdash.validate import RULE_TEXT, ValidationIssue

MAX_ISSUES = 200  # listed in full; beyond this only counted, so a hostile file cannot flood memory
IMPORT_RULE_TEXT = {
    "implausible": ("超出合理范围（绝对值大于 {limit}）",
                    "is outside the plausible range (magnitude above {limit})"),
    "period_out_of_range": ("年份不在 {first}–{last} 年之间", "has a year outside {first}–{last}"),
    "empty_name": ("名称为空（只含空白或不可见字符）",
                   "is an empty name (only spaces or invisible characters)"),
    "no_source": ("未注明来源：请添加“来源”列或“资料来源：”注，或在导入时指定来源",
                  "no source stated: add a 来源 column, a 资料来源 note, or give the source"),
    "period_without_year": ("只写了月份或季度，没有年份：请在表题中写明年份（如“2024年1-9月…”），"
                            "或导入时指定期间（--period 2024）",
                            "names a month or quarter without its year: put the year in the title "
                            "(e.g. 2024年1-9月…) or give the period (--period 2024)"),
    "more_issues": ("另有 {count} 处问题未列出（只列出前 {shown} 处）",
                    "{count} more problem(s) not listed (only the first {shown} are)"),
}
for _rule, _text in IMPORT_RULE_TEXT.items():  # validate.py words every rule a report shows
    RULE_TEXT.setdefault(_rule, _text)


class IssueList:
    """Problems in the order found: the first `limit` kept, the rest only counted."""

    def __init__(self, file_name: str, limit: int = MAX_ISSUES):
        self.file_name, self.limit = file_name, limit
        self.listed: list[ValidationIssue] = []
        self.more = 0
        self.more_errors = 0

    def add(self, issue: ValidationIssue) -> None:
        if len(self.listed) < self.limit:
            self.listed.append(issue)
            return
        self.more += 1
        self.more_errors += issue.severity == "error"

    def extend(self, issues: list[ValidationIssue]) -> None:
        for issue in issues:
            self.add(issue)

    def has_errors(self) -> bool:
        return self.more_errors > 0 or any(i.severity == "error" for i in self.listed)

    def finished(self) -> list[ValidationIssue]:
        """The listed problems, then one line counting the rest (an error if any of them is)."""
        if not self.more:
            return list(self.listed)
        summary = ValidationIssue(self.file_name, None, None, "", "more_issues",
                                  (("count", f"{self.more:,}"), ("shown", str(len(self.listed)))),
                                  "error" if self.more_errors else "notice")
        return [*self.listed, summary]
