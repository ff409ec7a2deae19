"""The settings table: every XHDASH_* setting declared once, read with its type."""

import re
from pathlib import Path

import pytest

from xhdash.paths import PROJECT_ROOT
from xhdash.settings import BY_NAME, SETTINGS, SettingError, describe_settings, setting


class TestSetting:
    def test_default_when_unset_or_empty(self):
        assert setting("XHDASH_MAX_IMPORT_ROWS", {}) == 200_000
        assert setting("XHDASH_MAX_IMPORT_ROWS", {"XHDASH_MAX_IMPORT_ROWS": ""}) == 200_000

    def test_value_read_as_its_type(self):
        assert setting("XHDASH_SCREEN_REFRESH", {"XHDASH_SCREEN_REFRESH": "5"}) == 5.0
        assert setting("CI", {"CI": "true"}) is True
        assert setting("CI", {"CI": "0"}) is False

    def test_bad_value_names_the_setting_and_the_value(self):
        with pytest.raises(SettingError, match="XHDASH_MAX_IMPORT_ROWS='many'"):
            setting("XHDASH_MAX_IMPORT_ROWS", {"XHDASH_MAX_IMPORT_ROWS": "many"})


class TestDeclaredOnce:
    def test_names_are_unique_and_described_in_both_languages(self):
        assert len(BY_NAME) == len(SETTINGS)
        assert all(entry.description_zh and entry.description_en for entry in SETTINGS)
        assert {name for name, _default, _text in describe_settings("en")} == set(BY_NAME)

    def test_every_setting_named_in_the_code_is_declared(self):
        named = set()
        for path in Path(PROJECT_ROOT, "src").rglob("*.py"):
            named |= set(re.findall(r"XHDASH_[A-Z_]+", path.read_text(encoding="utf-8")))
        assert named - set(BY_NAME) == set()


class TestSettingsCommand:
    def test_lists_every_setting(self, capsys):
        from xhdash.serving.cli import main

        assert main(["settings", "--lang", "en"]) == 0
        printed = capsys.readouterr().out
        assert all(f"{entry.name}=" in printed for entry in SETTINGS)

    def test_the_operations_guide_holds_the_table(self):
        from xhdash.settings import settings_table

        guide = (PROJECT_ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
        inside = guide.split("<!-- settings:start -->\n", 1)[1].split("\n<!-- settings:end -->", 1)[0]
        assert inside == settings_table("en")
