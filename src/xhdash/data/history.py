"""What a publish changed: the stored figures of a version beside those of the version before
it, read from the Delta tables at both versions (the stored statuses only, filtered in the
scan); meaning.changes compares them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow.compute as pc

from xhdash.data.schema import STORED_STATUSES, TABLES
from xhdash.data.storage import Location, as_location
from xhdash.data.tables import table_dataset, to_pandas
from xhdash.data.versions import Manifest, read_manifest


@dataclass(frozen=True)
class PublishPair:
    """A version and the one before it (None for the first)."""

    current: Manifest
    previous: Manifest | None


def publish_pair(store: str | Location, version: int) -> PublishPair:
    root = as_location(store)
    current = read_manifest(root, version)
    previous = read_manifest(root, version - 1) if version > 0 else None
    return PublishPair(current, previous)


def stored_figures(store: str | Location, manifest: Manifest) -> pd.DataFrame:
    """The version's reported and interpreted figures (every column, to say each of them)."""
    dataset = table_dataset(manifest.snapshot(as_location(store)), TABLES["observations"])
    table = dataset.to_table(filter=pc.field("status").isin(list(STORED_STATUSES)))
    return to_pandas(table)


def figures_before_and_after(store: str | Location, pair: PublishPair
                             ) -> tuple[pd.DataFrame, pd.DataFrame] | None:
    """The stored figures before and after the publish; None when its observations table is the
    one of the version before (a publish that changed no figure) or there is no version before."""
    if pair.previous is None:
        return None
    name = "observations"
    if pair.current.tables.get(name) == pair.previous.tables.get(name):
        return None
    return stored_figures(store, pair.previous), stored_figures(store, pair.current)
