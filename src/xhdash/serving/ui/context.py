"""The shared sidebar: language and filters, kept in the URL so a copied link reproduces a view."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from xhdash.data.store import Store
from xhdash.i18n import DEFAULT_LANG, LANGS, tr
from xhdash.meaning.dimensions import BY_ATTRIBUTE, DIMENSIONS
from xhdash.meaning.filters import (
    DroppedValue,
    FilterOptions,
    Filters,
    filters_to_params,
    parse_query_params,
)
from xhdash.meaning.plain import escape_markdown
from xhdash.output.charts import CHART_KEY_PREFIX, selection_filter
from xhdash.periods import frequency_of, is_period_code, parse_period
from xhdash.serving.ui.data_access import get_dimension_names, get_filtered_observations
from xhdash.serving.ui.time_travel import as_of_params, render_as_of_banner

WIDGETS = {d.attribute: f"f_{d.attribute}" for d in DIMENSIONS}  # sidebar widget keys
PERIOD_VALUE = "period_value"  # (from, to) period filter; None at an end left open
PERIOD_OPTIONS = "period_options"  # the periods the slider was drawn with
PERIOD_GENERATION = "period_generation"  # bumped to redraw the slider with a range set in code
LANG_WIDGET = "lang"
PENDING_KEY = "pending_filter"
HANDLED_KEY = "handled_selections"
URL_LOADED_KEY = "url_loaded"
DROPPED_KEY = "dropped_params"
CONTEXT_KEY = "page_context"  # the context app.py prepared for this run (xhdash.serving.ui.navigation)


DISPLAY_PARAMS = ("view", "size", "theme")  # how to show a page, kept in the address as is


@dataclass(frozen=True)
class Display:
    """How the reader asked to see the page: the ordinary page, or the big-screen view."""

    view: str | None = None  # "screen": the wall view
    size: str | None = None  # the wall's size, e.g. 3840x2160
    theme: str | None = None  # "dark"

    @property
    def screen(self) -> bool:
        return self.view == "screen"

    @property
    def dark(self) -> bool:
        return self.theme == "dark"

    def params(self) -> dict[str, str]:
        return {k: v for k, v in (("view", self.view), ("size", self.size),
                                  ("theme", self.theme)) if v}


def read_display() -> Display:
    """The display parameters of the address; unknown values are ignored."""
    view = st.query_params.get("view")
    theme = st.query_params.get("theme")
    size = st.query_params.get("size")
    return Display("screen" if view == "screen" else None,
                   size if size and len(size) <= 12 else None,
                   "dark" if theme == "dark" else None)


@dataclass(frozen=True)
class PageContext:
    store: Store | None  # None: the store cannot be read (see `problem`); only the data page runs
    options: FilterOptions | None
    filters: Filters
    lang: str
    observations: pd.DataFrame
    problem: BaseException | None = None
    display: Display = Display()

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return self.store.tables

    @classmethod
    def without_store(cls, lang: str, problem: BaseException) -> PageContext:
        return cls(None, None, Filters(), lang, pd.DataFrame(), problem)


def _load_url_state(options: FilterOptions) -> None:
    """On a session's first run, set the widgets from the URL and note what was dropped."""
    if st.session_state.get(URL_LOADED_KEY):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    filters, dropped = parse_query_params(params, options)
    lang = (params.get("lang") or [DEFAULT_LANG])[0]
    if lang not in LANGS:
        dropped.append(DroppedValue("lang", lang))
        lang = DEFAULT_LANG
    st.session_state[LANG_WIDGET] = lang
    for dimension in DIMENSIONS:
        chosen = getattr(filters, dimension.attribute)
        st.session_state[WIDGETS[dimension.attribute]] = (
            (chosen[0] if chosen else None) if dimension.single else list(chosen))
    _set_period(filters.period_from, filters.period_to)
    st.session_state[DROPPED_KEY] = dropped
    st.session_state[URL_LOADED_KEY] = True


def _set_period(first: str | None, last: str | None) -> None:
    # A range slider keeps the value it was created with, so a range set in code gets a new
    # widget (new key) created with that value. An end left open (None) follows new periods.
    st.session_state[PERIOD_VALUE] = (first, last)
    st.session_state[PERIOD_GENERATION] = st.session_state.get(PERIOD_GENERATION, 0) + 1


def request_filter(attribute: str, value: str) -> None:
    """Ask for a filter (from a chart click); applied before the sidebar widgets draw."""
    st.session_state[PENDING_KEY] = (attribute, value)


def _take_chart_clicks() -> None:
    """A new click on a bar (a chart's selection state) becomes a pending filter."""
    handled = st.session_state.setdefault(HANDLED_KEY, {})
    for key in [k for k in st.session_state if str(k).startswith(CHART_KEY_PREFIX)]:
        wanted = selection_filter(key, st.session_state[key])
        if wanted != handled.get(key):
            handled[key] = wanted
            if wanted:
                request_filter(*wanted)


def _apply_pending(options: FilterOptions) -> None:
    _take_chart_clicks()
    pending = st.session_state.pop(PENDING_KEY, None)
    if not pending:
        return
    attribute, value = pending
    if attribute == "period" and is_period_code(value):
        frequency = frequency_of(value)  # the bar's own frequency, so its period is a choice
        if value in options.periods(frequency):
            st.session_state[WIDGETS["frequencies"]] = frequency
            _set_period(value, value)
    elif attribute in WIDGETS and value in options.allowed(attribute):
        st.session_state[WIDGETS[attribute]] = value if BY_ATTRIBUTE[attribute].single else [value]


def _render_dimension(dimension, options: FilterOptions, names: dict[str, str], lang: str
                      ) -> tuple[str, ...]:
    label = tr(dimension.label_key, lang)
    values = list(options.allowed(dimension.attribute))
    key = WIDGETS[dimension.attribute]
    if dimension.single:
        if st.session_state.get(key) not in (None, *values):
            st.session_state[key] = None
        chosen = st.sidebar.pills(label, values, selection_mode="single", key=key,
                                  format_func=lambda v: names.get(v, v),
                                  help=tr(f"{dimension.label_key}_help", lang))
        return (chosen,) if chosen else ()
    # no "Select all" row: Streamlit writes it in English only, and no pick already means 全部
    return tuple(st.sidebar.multiselect(label, values, key=key,
                                        format_func=lambda v: names.get(v, v),
                                        placeholder=tr("filter_all", lang), select_all=False))


def _render_period(options: FilterOptions, frequency: str | None, lang: str
                   ) -> tuple[str | None, str | None]:
    periods = options.periods(frequency)
    if len(periods) <= 1:
        return None, None
    if st.session_state.get(PERIOD_OPTIONS) != periods:  # new data or frequency: new choices
        st.session_state[PERIOD_OPTIONS] = periods
        ends = st.session_state.get(PERIOD_VALUE, (None, None))
        _set_period(*(p if p in periods else None for p in ends))
    wanted_from, wanted_to = st.session_state.get(PERIOD_VALUE, (None, None))
    first, last = st.sidebar.select_slider(
        tr("filter_period", lang), options=list(periods),
        value=(wanted_from or periods[0], wanted_to or periods[-1]),
        key=f"f_period_{st.session_state.get(PERIOD_GENERATION, 0)}",
        format_func=lambda code: parse_period(code).label(lang))
    period_from = first if first != periods[0] else None
    period_to = last if last != periods[-1] else None
    st.session_state[PERIOD_VALUE] = (period_from, period_to)
    return period_from, period_to


def _render_filters(store: Store, options: FilterOptions, lang: str) -> Filters:
    st.sidebar.header(tr("filters", lang))
    names = get_dimension_names(store, lang)
    chosen = {d.attribute: _render_dimension(d, options, names[d.attribute], lang)
              for d in DIMENSIONS}
    frequency = chosen["frequencies"][0] if chosen["frequencies"] else None
    period_from, period_to = _render_period(options, frequency, lang)
    st.sidebar.button(tr("filter_reset", lang), on_click=_reset_filters, key="filter_reset")
    st.sidebar.caption(tr("filter_help", lang))
    return Filters(period_from=period_from, period_to=period_to, **chosen)


def _reset_filters() -> None:
    for dimension in DIMENSIONS:
        st.session_state[WIDGETS[dimension.attribute]] = None if dimension.single else []
    _set_period(None, None)


def build_context(store: Store, options: FilterOptions) -> PageContext:
    """Draw the shared sidebar and return what every page reads."""
    _load_url_state(options)
    _apply_pending(options)
    lang = st.sidebar.radio(tr("language", DEFAULT_LANG), LANGS, key=LANG_WIDGET,
                            format_func=lambda code: {"zh": "中文", "en": "English"}[code],
                            horizontal=True)
    filters = _render_filters(store, options, lang)
    display = read_display()
    params = filters_to_params(filters)
    if lang != DEFAULT_LANG:
        params["lang"] = lang
    params.update(display.params())
    params.update(as_of_params())
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)
    for dropped in st.session_state.pop(DROPPED_KEY, []):
        st.warning(tr("dropped_param", lang, value=escape_markdown(dropped.value),
                      param=escape_markdown(dropped.param)),
                   icon=":material/warning:")
    render_as_of_banner(store, lang, wall=display.screen)
    observations = get_filtered_observations(store, filters)
    return PageContext(store, options, filters, lang, observations, display=display)
