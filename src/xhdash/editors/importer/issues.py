"""The import's problem list: its own rules' wording, and a cap on how many are listed."""

from __future__ import annotations

from xhdash.data.validate import ValidationIssue

MAX_ISSUES = 200  # listed in full; beyond this only counted, so a hostile file cannot flood memory


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
