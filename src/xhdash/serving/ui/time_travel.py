"""Time travel in the browser: `?as_of=<version or date>` in the address, read once a session,
pins every page to the store as published then; a banner says which version and when, and the
about page has a control to pick a version or a date (and the link to share)."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from xhdash.data.storage import StoreLocationError
from xhdash.data.store import Store
from xhdash.data.versions import UnknownVersion, as_of_identity, current_version, read_manifest, shown_time
from xhdash.i18n import tr
from xhdash.meaning.filters import DroppedValue
from xhdash.meaning.plain import escape_markdown

AS_OF_PARAM = "as_of"
AS_OF_KEY = "as_of_version"  # session: the version (text) the address or the control pinned
AS_OF_DROPPED_KEY = "as_of_dropped"
PICKER_KEY = "as_of_picker"
MAX_SHOWN = 40  # characters of a bad value repeated in the notice


def resolve_as_of(text: str) -> str:
    """The version (as text, "12") that `text` (a version or a date) names in the store in
    force; UnknownVersion when it names none, StoreLocationError when the store cannot say."""
    _location, version = as_of_identity(text)
    return version


def read_as_of() -> str | None:
    """The version this session is pinned to: `?as_of=` read on the session's first run (a value
    naming no version is dropped with a notice, as a filter is), then what the about page's
    control chose; None for the latest data."""
    if AS_OF_KEY not in st.session_state:
        text = (st.query_params.get(AS_OF_PARAM) or "").strip()
        version = None
        if text:
            try:
                version = resolve_as_of(text)
            except (UnknownVersion, StoreLocationError):
                st.session_state[AS_OF_DROPPED_KEY] = DroppedValue(AS_OF_PARAM, text[:MAX_SHOWN])
        st.session_state[AS_OF_KEY] = version
    return st.session_state[AS_OF_KEY]


def as_of_params() -> dict[str, str]:
    """The address parameter that keeps the pin (none for the latest data)."""
    version = st.session_state.get(AS_OF_KEY)
    return {AS_OF_PARAM: version} if version is not None else {}


def pin(version: str | None) -> None:
    """Pin the session to `version` (None: back to the latest data) from the next run on."""
    st.session_state[AS_OF_KEY] = version
    if version is None:
        st.query_params.pop(AS_OF_PARAM, None)
    else:
        st.query_params[AS_OF_PARAM] = version


def version_time(store: Store) -> str:
    """When the version shown was published (Shanghai time), "" when the store cannot say."""
    try:
        return shown_time(read_manifest(store.data_dir, store.version_number))
    except (UnknownVersion, StoreLocationError, OSError, ValueError):
        return ""


def version_label(store: Store, lang: str) -> str:
    """The version shown and when it was published: 12（2026-11-10 15:04 发布）; "" for a plain
    folder of tables (the shipped data/ before any publish)."""
    if store.version_number is None:
        return ""
    when = version_time(store)
    return tr("as_of_version_label", lang, version=store.version_number, time=when) if when \
        else str(store.version_number)


def pinned_version() -> int | None:
    """The version this session is pinned to (None: the latest data is shown)."""
    version = st.session_state.get(AS_OF_KEY)
    return None if version is None else int(version)


def pinned_note(store: Store, lang: str) -> str:
    """What an export, a brief or a chart image made while pinned says of its figures:
    数据版本 12（2026-11-10 15:04 发布）; "" when the latest data is shown."""
    label = version_label(store, lang) if pinned_version() is not None else ""
    return tr("store_version_note", lang, version=label) if label else ""


def render_as_of_banner(store: Store, lang: str, wall: bool = False) -> None:
    """The notice over every page: a bad `?as_of=` dropped, or the earlier version shown (on
    the wall, whose one screen has no room for it, its header names the version instead)."""
    dropped = st.session_state.pop(AS_OF_DROPPED_KEY, None)
    if dropped is not None:
        st.warning(tr("as_of_unknown", lang, value=escape_markdown(dropped.value)),
                   icon=":material/warning:")
    if wall or st.session_state.get(AS_OF_KEY) is None or store.version_number is None:
        return
    latest = _latest(store)
    key = "as_of_banner" if latest != store.version_number else "as_of_banner_latest"
    st.info(tr(key, lang, version=store.version_number, time=version_time(store) or "—"),
            icon=":material/history:")
    st.button(tr("as_of_latest", lang), key="as_of_back", on_click=pin, args=(None,),
              icon=":material/update:")


def _latest(store: Store) -> int | None:
    try:
        return current_version(store.data_dir)
    except StoreLocationError:
        return None


def render_as_of_picker(store: Store, lang: str) -> None:
    """The about page's control: a version or a date in, the pages pinned to it and its link."""
    st.subheader(tr("as_of_title", lang))
    with st.form(PICKER_KEY, border=False):
        text = st.text_input(tr("as_of_input", lang), help=tr("as_of_help", lang),
                             placeholder="12 / 2026-11-10", max_chars=MAX_SHOWN)
        chosen = st.form_submit_button(tr("as_of_go", lang), icon=":material/history:")
    if chosen and text.strip():
        try:
            version = resolve_as_of(text)
        except (UnknownVersion, StoreLocationError):
            st.error(tr("as_of_unknown_input", lang, value=escape_markdown(text.strip())),
                     icon=":material/error:")
        else:
            pin(version)
            st.rerun()
    version = st.session_state.get(AS_OF_KEY)
    if version is not None:
        st.caption(tr("as_of_link", lang))
        st.code(_link(version), language=None)


def _link(version: str) -> str:
    """The address of this page with its filters and language, pinned to `version`."""
    base = str(getattr(st.context, "url", "") or "").split("?", 1)[0]
    params = {**st.query_params.to_dict(), AS_OF_PARAM: version}
    return f"{base}?{urlencode(params, safe=',')}"
