"""What `xhdash check` prints: figures per domain, per source, reported against derived."""

from __future__ import annotations

import pandas as pd

from xhdash.data.store import Store


def summarize_store(store: Store) -> dict[str, pd.DataFrame]:
    """Counts of figures by domain, by source and by status, plus the checks' outcome."""
    observations = store.observations.merge(
        store.indicators[["indicator_id", "domain_id"]], on="indicator_id", how="left"
    )
    domains = store.tables["domains"].sort_values("sort_order")
    by_domain = (
        observations.groupby(["domain_id", "status"]).size().unstack(fill_value=0)
        .reindex(domains["domain_id"], fill_value=0)
    )
    by_domain.insert(0, "domain", domains.set_index("domain_id")["name_zh"])
    by_source = observations.groupby(["source_id", "status"]).size().unstack(fill_value=0)
    by_status = observations.groupby("status").size().rename("figures").to_frame()
    return {"by_domain": by_domain, "by_source": by_source, "by_status": by_status}


def uncovered_domains(store: Store) -> list[str]:
    """Domains with no reported figure at all."""
    observed = set(store.observations.merge(store.indicators, on="indicator_id")["domain_id"])
    return [d for d in store.tables["domains"]["domain_id"] if d not in observed]
