"""The page's sentences, through one adapter: where they come from changes in one place."""

from __future__ import annotations

import pandas as pd

from xhdash.meaning.cards import domain_indicators, latest_sentences
from xhdash.meaning.page_specs import PageSpec


def page_sentences(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], spec: PageSpec,
                   lang: str) -> list[str]:
    """The page's sentences under the filters: one for the latest figure of every indicator of
    its domains, as the page shows them."""
    return latest_sentences(observations, tables, domain_indicators(tables["indicators"],
                                                                    spec.domains), lang)
