import re

import pytest

from xhdash.i18n import TEXT, tr

CJK = re.compile(r"[\u4e00-\u9fff]")
BILINGUAL_KEYS = {"language"}  # the switch names both languages on purpose


class TestTr:
    @pytest.mark.parametrize("key", sorted(TEXT))
    def test_english_is_english(self, key):
        if key not in BILINGUAL_KEYS:
            zh, en = TEXT[key]
            assert not CJK.search(en), key
            assert zh and en

    @pytest.mark.parametrize("key", sorted(TEXT))
    def test_same_placeholders(self, key):
        zh, en = TEXT[key]
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key

    def test_fills_placeholders(self):
        assert tr("source_line", "en", sources="S1") == "Source: S1"
        assert tr("source_line", "zh", sources="S1") == "来源：S1"
