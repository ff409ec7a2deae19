"""A page's brief for officials, built on request with its progress shown: Word, PDF and a
plain text to paste into a message or an OA form."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from xhdash.brief import brief_bytes, build_brief, to_markdown
from xhdash.export import export_file_name
from xhdash.i18n import tr
from xhdash.page_specs import PageSpec
from xhdash.ui.context import PageContext

BRIEF_KEY = "brief_built"
FORMATS = (("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ":material/description:"), ("pdf", "application/pdf", ":material/picture_as_pdf:"))


def _brief_id(ctx: PageContext, spec: PageSpec) -> tuple:
    """What the brief depends on: a new version, other filters or language make a new one."""
    return (ctx.store.data_dir, ctx.store.version, ctx.filters, ctx.lang, spec.page_id)


def _build(ctx: PageContext, spec: PageSpec) -> dict:
    with st.status(tr("brief_building", ctx.lang), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=message)

        brief = build_brief(ctx.store, spec.page_id, ctx.filters, ctx.lang, progress)
        files = {fmt: brief_bytes(brief, fmt) for fmt, _mime, _icon in FORMATS}
        status.update(label=tr("brief_ready", ctx.lang), state="complete", expanded=False)
    return {"id": _brief_id(ctx, spec), "files": files, "text": to_markdown(brief)}


def render_brief_panel(ctx: PageContext, spec: PageSpec) -> None:
    """A button that builds the page's brief under the current filters, then its downloads."""
    with st.expander(tr("brief_panel", ctx.lang), icon=":material/summarize:"):
        st.caption(tr("brief_panel_help", ctx.lang))
        built = st.session_state.get(BRIEF_KEY)
        if built and built["id"] != _brief_id(ctx, spec):
            built = None
        if st.button(tr("brief_build", ctx.lang), key=f"brief_{spec.page_id}",
                     icon=":material/summarize:"):
            built = st.session_state[BRIEF_KEY] = _build(ctx, spec)
        if not built:
            return
        now = datetime.now()
        columns = st.columns(len(FORMATS) + 1)
        for column, (fmt, mime, icon) in zip(columns, FORMATS, strict=False):
            column.download_button(
                tr(f"brief_download_{fmt}", ctx.lang), built["files"][fmt],
                file_name=export_file_name(f"{spec.title_zh}简报", f"{spec.title_en} brief",
                                           ctx.lang, fmt, now),
                mime=mime, key=f"brief_{fmt}_{spec.page_id}", on_click="ignore", icon=icon)
        columns[-1].download_button(
            tr("brief_download_text", ctx.lang), built["text"].encode("utf-8"),
            file_name=export_file_name(f"{spec.title_zh}简报", f"{spec.title_en} brief",
                                       ctx.lang, "txt", now),
            mime="text/plain", key=f"brief_txt_{spec.page_id}", on_click="ignore",
            icon=":material/notes:")
        st.text_area(tr("brief_text_label", ctx.lang), built["text"], height=240,
                     key=f"brief_text_{spec.page_id}")
