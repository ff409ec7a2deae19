"""Golden outputs of the shipped data, read and signed off line by line: the plain-text brief
(`xhdash brief --page PAGE --out X.md`) of every page in Chinese and English, and the
explorer's CSV of all figures (数据浏览 → 下载全部数据 CSV) in both languages. A change in how
any figure is said shows up here as a line-by-line difference.

The brief's date is fixed (EXPORTED) by passing it in. After a deliberate change in wording,
regenerate the files and READ every changed line before committing them:

    .venv/bin/python tests/test_golden_outputs.py

(it rewrites tests/golden/brief_<page>_<lang>.md and tests/golden/explorer_<lang>.csv)."""

from __future__ import annotations

import difflib
import sys
from datetime import date
from pathlib import Path

import pytest

from xhdash.data.store import load_store
from xhdash.meaning.filters import Filters
from xhdash.meaning.page_specs import PAGES
from xhdash.meaning.views import present_observations
from xhdash.output.brief import build_brief, to_markdown
from xhdash.output.export import BOM, to_csv_bytes
from xhdash.paths import DATA_DIR

GOLDEN = Path(__file__).parent / "golden"
EXPORTED = date(2026, 12, 1)  # the brief's 导出日期 in the golden files
LANGS = ("zh", "en")
REGENERATE = "python tests/test_golden_outputs.py"


def brief_text(store, page_id: str, lang: str) -> str:
    """The plain-text brief of a page with no filters, as `xhdash brief --out X.md` writes it."""
    brief = build_brief(store, page_id, Filters(), lang, exported=EXPORTED, images=False)
    return to_markdown(brief)


def explorer_csv(store, lang: str) -> str:
    """The explorer's CSV of every figure, as the download gives it, decoded (BOM off, CRLF
    line ends as \\n)."""
    data = to_csv_bytes(present_observations(store.observations, store.tables, lang))
    text = data.decode("utf-8")
    assert text.startswith(BOM)
    return text[len(BOM):].replace("\r\n", "\n")


def golden_outputs(store) -> dict[str, str]:
    """File name under tests/golden/ → its text, for every golden output."""
    outputs = {f"brief_{page}_{lang}.md": brief_text(store, page, lang)
               for page in PAGES for lang in LANGS}
    outputs.update({f"explorer_{lang}.csv": explorer_csv(store, lang) for lang in LANGS})
    return outputs


def line_diff(expected: str, actual: str, name: str) -> str:
    """The differing lines as a unified diff, with the line numbers of the golden file."""
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                f"tests/golden/{name} (signed off)", f"{name} (as generated now)",
                                lineterm="", n=1)
    return "\n".join(diff)


@pytest.fixture(scope="module")
def outputs():
    return golden_outputs(load_store(DATA_DIR))


@pytest.mark.parametrize("name", [f"brief_{page}_{lang}.md" for page in PAGES for lang in LANGS]
                         + [f"explorer_{lang}.csv" for lang in LANGS])
def test_output_reads_as_signed_off(outputs, name):
    golden = GOLDEN / name
    assert golden.exists(), f"tests/golden/{name} is missing; generate it with `{REGENERATE}`"
    expected = golden.read_text(encoding="utf-8")
    actual = outputs[name]
    assert actual == expected, (
        f"{name} differs from its golden file, line by line:\n"
        f"{line_diff(expected, actual, name)}\n"
        f"If the change is intended, regenerate with `{REGENERATE}` and read every changed line.")


def test_every_page_and_language_has_a_golden_brief():
    names = {p.name for p in GOLDEN.glob("brief_*.md")}
    assert names == {f"brief_{page}_{lang}.md" for page in PAGES for lang in LANGS}


def test_the_brief_date_is_the_one_passed_in(outputs):
    assert "2026年12月1日" in outputs["brief_overview_zh.md"]
    assert "2026" in outputs["brief_overview_en.md"].split("\n")[2]


def test_the_diff_names_the_changed_line():
    message = line_diff("a\nb\nc\n", "a\nB\nc\n", "x.md")
    assert "-b" in message and "+B" in message and "@@ -1,3 +1,3 @@" in message


def regenerate() -> None:
    for name, text in golden_outputs(load_store(DATA_DIR)).items():
        (GOLDEN / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
