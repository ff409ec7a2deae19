"""Deterministic synthetic stores for benchmarks and tests: labelled synthetic everywhere.

The dimension tables are the shipped ones plus synthetic indicators (名称带“【合成】”); the
observations are the shipped figures (so every page has its charts) plus `rows` monthly
figures by area, industry and indicator, all from the source `synthetic` (基准测试合成数据).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from xhdash.data.schema import TABLES
from xhdash.data.tables import read_parquet_tables, to_arrow, write_parquet, write_parquet_tables
from xhdash.paths import DATA_DIR

SEED = 20261128
INDICATORS = 300
SYNTHETIC_SOURCE = {
    "source_id": "synthetic", "title_zh": "基准测试合成数据（非真实统计）",
    "title_en": "Synthetic benchmark data (not real statistics)",
    "publisher_zh": "合成数据", "publisher_en": "Synthetic", "author": None, "date": None,
    "address": "xhdash bench", "kind": "imported", "note_zh": "仅用于性能测试。",
    "note_en": "For performance tests only.",
}
UNITS = (("亿元", "CNY 100m"), ("个", "items"), ("%", "%"), ("万人", "10k persons"))


def _indicators(domains: list[str]) -> pd.DataFrame:
    rows = []
    for n in range(INDICATORS):
        unit_zh, unit_en = UNITS[n % len(UNITS)]
        rows.append({
            "indicator_id": f"syn_{n:03d}", "name_zh": f"【合成】指标{n:03d}",
            "name_en": f"[synthetic] indicator {n:03d}", "domain_id": domains[n % len(domains)],
            "unit_zh": unit_zh, "unit_en": unit_en, "kind": "level", "growth_of": None,
            "growth_basis": None, "higher_is_better": None, "decimals": 2,
            "definition_zh": "合成数据。", "definition_en": "Synthetic.",
        })
    return pd.DataFrame(rows)


def _month_codes(count: int) -> np.ndarray:
    years, months = divmod(np.arange(count), 12)
    return np.array([f"{2000 + y:04d}-{m + 1:02d}" for y, m in zip(years, months, strict=True)])


def write_synthetic_store(folder: Path, rows: int) -> Path:
    """A complete store of `rows` synthetic observations in `folder` (created)."""
    tables = read_parquet_tables(DATA_DIR)
    tables["indicators"] = pd.concat([tables["indicators"],
                                      _indicators(list(tables["domains"]["domain_id"]))],
                                     ignore_index=True)
    tables["sources"] = pd.concat([tables["sources"], pd.DataFrame([SYNTHETIC_SOURCE])],
                                  ignore_index=True)
    areas = tables["areas"].query("level in ['district', 'zone', 'street']")["area_id"].to_numpy()
    industries = np.array([None, *tables["industries"]["industry_id"]], dtype=object)
    per_period = len(areas) * len(industries) * INDICATORS
    index = np.arange(rows)
    area = areas[index % len(areas)]
    industry = industries[(index // len(areas)) % len(industries)]
    indicator = (index // (len(areas) * len(industries))) % INDICATORS
    period = _month_codes(rows // per_period + 1)[index // per_period]
    values = np.random.default_rng(SEED).gamma(2.0, 50.0, rows).round(2)
    observations = pa.table({
        "indicator_id": pa.array(np.char.add("syn_", np.char.zfill(indicator.astype(str), 3))),
        "period": pa.array(period), "area_id": pa.array(area),
        "industry_id": pa.array(industry, type=pa.string()), "value": pa.array(values),
        "qualifier": pa.array(np.full(rows, "exact")),
        "qualifier_word": pa.nulls(rows, pa.string()), "stated_as": pa.nulls(rows, pa.string()),
        "release_stage": pa.nulls(rows, pa.string()), "period_scope": pa.nulls(rows, pa.string()),
        "status": pa.array(np.full(rows, "reported")),
        "source_id": pa.array(np.full(rows, "synthetic")),
        "locator": pa.array(np.full(rows, "基准测试合成数据 synthetic")),
        "note": pa.nulls(rows, pa.string()), "method": pa.nulls(rows, pa.string()),
        "formula_en": pa.nulls(rows, pa.string()),
    }, schema=TABLES["observations"].arrow_schema())
    shipped = to_arrow(tables.pop("observations"), "observations")  # so the pages have charts
    folder.mkdir(parents=True, exist_ok=True)
    write_parquet_tables(tables, folder)
    write_parquet(pa.concat_tables([shipped, observations]),
                  folder / TABLES["observations"].parquet_name)
    return folder
