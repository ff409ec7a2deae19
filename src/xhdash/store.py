"""The one entry point for data: load, validate and complete the store with derived figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from xhdash.derive import derive_all
from xhdash.schema import OBSERVATIONS
from xhdash.tables import load_parquet_tables, store_version


@dataclass(frozen=True)
class Store:
    """Validated tables; observations hold reported and derived figures alike."""

    data_dir: str  # the folder the tables were read from; with version, the key of every cache
    version: str
    tables: dict[str, pd.DataFrame]
    checks: pd.DataFrame
    refusals: pd.DataFrame

    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables["indicators"]


def load_store(data_dir: Path) -> Store:
    """Read the Parquet tables, validate them (StoreError on failure) and add derived figures."""
    version = store_version(data_dir)
    tables = load_parquet_tables(data_dir)
    derived, checks, refusals = derive_all(tables)
    reported = tables["observations"]
    observations = pd.concat([reported, derived.astype(reported.dtypes.to_dict())],
                             ignore_index=True) if len(derived) else reported
    tables = {**tables, "observations": observations[OBSERVATIONS.column_names]}
    return Store(str(data_dir), version, tables, checks, refusals)
