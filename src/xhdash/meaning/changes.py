"""What the latest publish changed, in officials' words: each figure it added or revised (old →
new) and each it removed, from the stored figures before and after (data.history)."""

from __future__ import annotations

import pandas as pd

from xhdash.data.history import figures_before_and_after, publish_pair
from xhdash.data.schema import DISTRICT, OBSERVATION_KEY
from xhdash.data.store import Store
from xhdash.data.versions import Manifest, shown_time
from xhdash.i18n import in_lang, names, tr
from xhdash.meaning.figures import indicator_words
from xhdash.meaning.saying import say_figure
from xhdash.periods import recency_key

COMPARED = ("value", "qualifier", "stated_as", "source_id")
STATES = ("revised", "added", "removed")  # in the order they are listed
CHANGES_SHOWN = 8  # on the overview; the data page's history has every publish


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    keys = frame[list(OBSERVATION_KEY)].astype("string").fillna("")
    return frame.set_index(pd.MultiIndex.from_frame(keys)).sort_index()


def _same(a: pd.Series, b: pd.Series) -> bool:
    for column in COMPARED:
        left, right = a.get(column), b.get(column)
        if pd.isna(left) and pd.isna(right):
            continue
        if column == "value":
            if pd.isna(left) or pd.isna(right) or abs(float(left) - float(right)) > 1e-9:
                return False
        elif str(left) != str(right):
            return False
    return True


def figure_changes(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, dict, dict]]:
    """(state, row before, row after) for every figure added, revised or removed, revisions
    first, each state's figures latest period first; a row is {} where there is none."""
    old, new = _keyed(before), _keyed(after)
    found: list[tuple[str, dict, dict]] = []
    for key in new.index.difference(old.index):
        found.append(("added", {}, new.loc[key].to_dict() | _key_values(key)))
    for key in old.index.difference(new.index):
        found.append(("removed", old.loc[key].to_dict() | _key_values(key), {}))
    for key in new.index.intersection(old.index):
        was, now = old.loc[key], new.loc[key]
        if not _same(was, now):
            found.append(("revised", was.to_dict() | _key_values(key),
                          now.to_dict() | _key_values(key)))
    return sorted(found, key=lambda item: (STATES.index(item[0]),
                                           recency_key((item[2] or item[1])["period"])))


def _key_values(key: tuple) -> dict:
    values = dict(zip(OBSERVATION_KEY, key, strict=True))
    return values | {"industry_id": values["industry_id"] or None}


def change_line(state: str, was: dict, now: dict, tables: dict[str, pd.DataFrame],
                lang: str) -> str:
    """2024年1-11月，区级财政收入：240.46亿元 → 240.76亿元 (an area other than the district
    named before the indicator: 田林街道常住人口)."""
    row = now or was
    said = getattr(say_figure(row, tables), lang)
    values = {"period": said.period, "figure": _name(row, tables, lang)}
    if state == "revised":
        before = getattr(say_figure(was, tables), lang).short
        return tr("change_revised", lang, before=before, after=said.short, **values)
    return tr(f"change_{state}", lang, value=said.short, **values)


def _name(row: dict, tables: dict[str, pd.DataFrame], lang: str) -> str:
    name = indicator_words(tables["indicators"], str(row["indicator_id"])).name(lang)
    area = str(row["area_id"])
    if area == DISTRICT:
        return name
    return tr("change_area_name", lang, area=names(tables["areas"], "area_id", lang).get(area, area),
              name=name)


def change_counts(changes: list[tuple[str, dict, dict]]) -> dict[str, int]:
    return {state: sum(1 for item in changes if item[0] == state) for state in STATES}


def recorded_publish_lines(current: Manifest, lang: str) -> str:
    """A large store's publish said from what it recorded (新增 3，修改 2 …), the figures
    themselves left to the version history."""
    zh, _, en = current.summary.partition(" / ")
    return tr("change_recorded", lang, when=shown_time(current), file=current.file_name,
              summary=in_lang((zh, en or zh), lang))


def latest_publish_lines(current: Manifest, changes: list[tuple[str, dict, dict]] | None,
                         tables: dict[str, pd.DataFrame], lang: str,
                         limit: int = CHANGES_SHOWN) -> tuple[str, list[str]]:
    """The summary of a publish (when, which file, how many figures revised, added, removed)
    and a line for each of its first `limit` changes, with how many more there are."""
    values = {"when": shown_time(current), "file": current.file_name}
    if not changes:
        return tr("change_none", lang, **values), []
    summary = tr("change_summary", lang, **values, **change_counts(changes))
    lines = [change_line(*item, tables, lang) for item in changes[:limit]]
    if len(changes) > limit:
        lines.append(tr("change_more", lang, count=len(changes) - limit))
    return summary, lines


CHANGES_MAX_ROWS = 500_000  # above it, the counts the publish recorded, not a comparison


def latest_publish(store: Store, lang: str) -> tuple[str, list[str]] | None:
    """What the version in force changed: its summary and a line per figure (the counts it
    recorded on a store over CHANGES_MAX_ROWS figures); None for the shipped data, a restore
    or a plain folder of tables."""
    if store.version_number is None:
        return None
    pair = publish_pair(store.data_dir, store.version_number)
    if pair.current.is_shipped or pair.current.action != "publish":
        return None
    if len(store.observations) > CHANGES_MAX_ROWS:  # two versions compared would not fit
        return recorded_publish_lines(pair.current, lang), []
    figures = figures_before_and_after(store.data_dir, pair)
    changes = figure_changes(*figures) if figures is not None else []
    return latest_publish_lines(pair.current, changes, store.tables, lang)
