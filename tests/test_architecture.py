"""The architecture's rules that a grep can check: metrics stands alone; settings are read in one
place; shared identifiers are declared once, in the schema."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_metrics_imports_nothing_of_the_app():
    offenders = {str(path.relative_to(SRC)): sorted(name for name in imported_modules(path)
                                                    if name.split(".")[0] in ("xhdash", "streamlit"))
                 for path in (SRC / "metrics").glob("*.py")}
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_district_and_the_observation_key_are_declared_in_the_schema_only():
    district = re.compile(r'^DISTRICT\s*=', re.M)
    key = re.compile(r'\[\s*"indicator_id",\s*"period",\s*"area_id",\s*"industry_id"\s*\]'
                     r'|\(\s*"indicator_id",\s*"period",\s*"area_id",\s*"industry_id"\s*\)')
    declared = {str(path.relative_to(SRC)) for path in (SRC / "xhdash").rglob("*.py")
                if district.search(text := path.read_text(encoding="utf-8")) or key.search(text)}
    assert declared == {"xhdash/data/schema.py"}


def test_no_xhdash_setting_is_read_outside_the_settings_module():
    read = re.compile(r'os\.(environ\.get|getenv)\(|os\.environ\[[^\]]+\](?!\s*=)')
    readers = {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
               if read.search(path.read_text(encoding="utf-8"))}
    assert readers - {"xhdash/settings.py"} == set()


DISTRIBUTION_OF = {"docx": "python-docx"}  # an imported name whose package is named otherwise


def third_party_imports(folder: Path) -> set[str]:
    own = {"xhdash", "metrics", "xhdash_tools"}
    return {name.split(".")[0] for path in folder.rglob("*.py") for name in imported_modules(path)
            } - set(sys.stdlib_module_names) - own


def declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[=<>\[;]", item)[0].strip().lower() for item in requirements}


def test_dependencies_are_declared_as_they_are_imported():
    project = tomllib.loads((SRC.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = declared(project["dependencies"])
    tools = declared(project["optional-dependencies"]["tools"])
    used = {folder: {DISTRIBUTION_OF.get(name, name).lower() for name in third_party_imports(SRC / folder)}
            for folder in ("xhdash", "metrics", "xhdash_tools")}
    assert used["xhdash"] | used["metrics"] <= runtime, "the app imports an undeclared package"
    assert used["xhdash_tools"] <= runtime | tools, "a tool imports a package of no extra"
    assert not tools & runtime, "the tools' dependencies belong in their extra only"
    assert not tools & used["xhdash"], "the app imports a tool's dependency"


def test_the_district_id_is_written_once():
    """Its area id as a literal: in the schema, and among the words an import reads as the
    district (the importer's own vocabulary)."""
    writers = {str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
               if '"xuhui"' in path.read_text(encoding="utf-8")}
    assert writers == {"xhdash/data/schema.py", "xhdash/editors/importer/resolve.py"}
