"""The overview's brief carries the leader's table (主要指标) in DOCX, PDF and text: on a store
with a stated target (测试用合成数据, built at run time) with its completion and time
progress; on the shipped data without the columns that have nothing."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import date

import pytest
from docx import Document

from tests.test_targets_pages import target_store  # noqa: F401 (a fixture)
from xhdash.data.store import load_store
from xhdash.data.versions import snapshot_at
from xhdash.meaning.filters import Filters
from xhdash.output.brief import build_brief, to_docx, to_markdown, to_pdf
from xhdash.paths import DATA_DIR

DAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def target_brief(target_store):  # noqa: F811
    return build_brief(load_store(snapshot_at(target_store)), "overview", Filters(), "zh",
                       exported=DAY, images=False)


class TestLeaderInTheBrief:
    def test_the_table_with_target_completion_and_time_progress(self, target_brief):
        leader = target_brief.leader
        assert leader.columns == ("指标", "期间", "本期", "同比", "年度目标", "完成度", "序时进度")
        fiscal = next(row for row in leader.rows if row[0] == "区级财政收入")
        assert fiscal[1:2] + fiscal[4:] == ("2024年1-9月", "270亿元", "73.3%",
                                          "75.0%（低1.7个百分点）")

    def test_text(self, target_brief):
        text = to_markdown(target_brief)
        assert "## 主要指标" in text
        assert "| 区级财政收入 | 2024年1-9月 |" in text
        assert "| 270亿元 | 73.3% | 75.0%（低1.7个百分点） |" in text

    def test_word(self, target_brief):
        document = Document(io.BytesIO(to_docx(target_brief)))
        headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
        # 需关注 (the 2022 population fell) and 本次更新 (the targets' publish) come first
        assert headings[:5] == ["一、要点", "二、需关注", "三、本次更新", "四、主要指标", "五、图表"]
        table = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
        assert [c.text for c in table.rows[0].cells][4:] == ["年度目标", "完成度", "序时进度"]

    def test_pdf(self, target_brief, tmp_path):
        path = tmp_path / "brief.pdf"
        path.write_bytes(to_pdf(target_brief))
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"],
                                                 capture_output=True, text=True,
                                                 check=True).stdout)
        assert "主要指标" in text and "73.3%" in text and "75.0%（低1.7个百分点）" in text

    def test_shipped_data_without_the_empty_columns(self):
        brief = build_brief(load_store(DATA_DIR), "overview", Filters(), "en", exported=DAY,
                            images=False)
        assert brief.leader.columns == ("Indicator", "Period", "Latest", "YoY")
        assert brief.leader.rows[0] == ("District fiscal revenue", "2023", "CNY 25.085bn",
                                        "10.87%")

    def test_other_pages_have_none(self):
        brief = build_brief(load_store(DATA_DIR), "livelihood", Filters(), "zh", exported=DAY,
                            images=False)
        assert not brief.leader.rows and "主要指标" not in to_markdown(brief)
