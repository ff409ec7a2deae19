"""The one entry point for data: load, validate and complete the store with derived figures."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from xhdash.data.derive import add_checks, derive_all, rule_indicators, street_checks
from xhdash.data.dtypes import as_observations_frame
from xhdash.data.schema import STORED_STATUSES
from xhdash.data.tables import (
    FOLDER_KEY,
    Where,
    as_snapshot,
    is_in,
    load_arrow_tables,
    to_arrow,
    to_pandas,
)


@dataclass(frozen=True)
class Store:
    """Validated tables; observations hold reported and derived figures alike."""

    data_dir: str  # the store's location; with version, its identity and every cache's key
    version: str  # the publish version ("12"), or "folder:…" for a plain folder of Parquet
    tables: dict[str, pd.DataFrame]
    base_checks: pd.DataFrame  # the checks found while deriving; `checks` adds the street sums
    refusals: pd.DataFrame
    derived: pd.DataFrame  # the derived rows of observations, also kept apart (a few dozen)

    @property
    def version_number(self) -> int | None:
        """The published version these tables are (None for a plain folder, e.g. data/)."""
        return None if self.version.startswith(FOLDER_KEY) else int(self.version)

    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables["indicators"]

    @cached_property
    def checks(self) -> pd.DataFrame:
        """Every consistency check. The streets-to-district sums (4,398 in a synthetic
        million-row store) are worked out when first asked for (the about page, `xhdash
        check`), not on every load, and then kept."""
        return add_checks(self.base_checks, street_checks(self.observations, self.tables))


def load_store(data_dir: Where) -> Store:
    """Read the tables of a snapshot (or a plain folder), validate them (StoreError on failure)
    and add derived figures.

    Observations stay in Arrow until the end: only the few rows the derivation rules read are
    converted for them, and the derived rows are appended without copying the others."""
    snapshot = as_snapshot(data_dir)
    version = snapshot.version_key
    arrow = load_arrow_tables(snapshot)
    observations = arrow.pop("observations")
    tables = {name: to_pandas(table) for name, table in arrow.items()}
    used = pc.and_(is_in(observations["status"], list(STORED_STATUSES)),
                   is_in(observations["indicator_id"], sorted(rule_indicators(tables["indicators"]))))
    derived, checks, refusals = derive_all(
        {**tables, "observations": to_pandas(observations.filter(used))},
        with_street_checks=False)
    derived_rows = to_arrow(derived, "observations")
    if len(derived):  # the derived rows take the stored types (dictionaries), no decoding
        observations = pa.concat_tables([observations, derived_rows.cast(observations.schema)])
    arrow["observations"] = observations
    del observations, used  # the conversion below frees each Arrow column as it goes
    tables["observations"] = as_observations_frame(arrow.pop("observations"))
    store = Store(snapshot.root.text, version, tables, checks, refusals, to_pandas(derived_rows))
    # Arrow's allocator keeps the read's and the conversion's freed buffers for reuse (about
    # 740 MB at 5M rows); handing them back to the system halves the app's memory after a load.
    pa.default_memory_pool().release_unused()
    return store
