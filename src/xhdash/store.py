"""The one entry point for data: load, validate and complete the store with derived figures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from xhdash.derive import derive_all, rule_indicators, street_sum_scope
from xhdash.schema import STORED_STATUSES
from xhdash.storage import Location
from xhdash.tables import decode, is_in, load_arrow_tables, store_version, to_arrow, to_pandas


@dataclass(frozen=True)
class Store:
    """Validated tables; observations hold reported and derived figures alike."""

    data_dir: str  # the folder the tables were read from; with version, the key of every cache
    version: str
    tables: dict[str, pd.DataFrame]
    checks: pd.DataFrame
    refusals: pd.DataFrame
    derived: pd.DataFrame  # the derived rows of observations, also kept apart (a few dozen)

    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def indicators(self) -> pd.DataFrame:
        return self.tables["indicators"]


def _street_sums(scoped: pa.Table, scope: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The streets' sum and count per indicator and period, and the district's figures, of the
    reported level figures in scope, aggregated in Arrow (a million rows need no pandas)."""
    scoped = scoped.unify_dictionaries()  # one dictionary per column across the file's chunks
    parts = scoped.filter(is_in(scoped["area_id"], scope[1:])).group_by(
        ["indicator_id", "period"]).aggregate([("value", "sum"), ("area_id", "count_distinct")])
    parts = to_pandas(parts).rename(columns={"value_sum": "total",
                                             "area_id_count_distinct": "count"})
    whole = to_pandas(scoped.filter(is_in(scoped["area_id"], scope[:1])).select(
        ["indicator_id", "period", "value", "source_id"]))
    return parts, whole


def load_store(data_dir: Path | Location) -> Store:
    """Read the Parquet tables, validate them (StoreError on failure) and add derived figures.

    Observations stay in Arrow until the end: only the few rows the derivation rules read are
    converted for them, and the derived rows are appended without copying the others."""
    version = store_version(data_dir)
    arrow = load_arrow_tables(data_dir)
    observations = arrow.pop("observations")
    tables = {name: to_pandas(table) for name, table in arrow.items()}
    levels, scope = street_sum_scope(tables)
    by_street = pc.and_(pc.and_(pc.is_null(observations["industry_id"]),
                                is_in(observations["area_id"], scope)),
                        is_in(observations["indicator_id"], levels))
    used = pc.and_(is_in(observations["status"], list(STORED_STATUSES)),
                   is_in(observations["indicator_id"], sorted(rule_indicators(tables["indicators"]))))
    derived, checks, refusals = derive_all(
        {**tables, "observations": to_pandas(observations.filter(used))},
        street_sums=_street_sums(observations.filter(pc.and_(
            is_in(observations["status"], ["reported"]), by_street)), scope))
    derived_rows = to_arrow(derived, "observations")
    if len(derived):
        observations = pa.concat_tables([decode(observations), decode(derived_rows)])
    tables["observations"] = to_pandas(observations)
    return Store(str(data_dir), version, tables, checks, refusals, to_pandas(derived_rows))
