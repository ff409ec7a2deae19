"""The page's sentences, through one adapter: where they come from changes in one place."""

from __future__ import annotations

import pandas as pd

from xhdash.page_specs import PageSpec
from xhdash.views import summary_sentences


def page_sentences(observations: pd.DataFrame, tables: dict[str, pd.DataFrame], spec: PageSpec,
                   lang: str) -> list[str]:
    """The report-ready sentences of a page under the filters (its headline indicators)."""
    return summary_sentences(observations, tables["indicators"], spec.cards, lang)
