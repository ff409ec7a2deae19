"""A page's brief for officials, built on request in the one format asked for, with its
progress shown: Word, PDF or a plain text to paste into a message or an OA form. One brief is
built at a time in a server process; a second session asking meanwhile waits its turn."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from xhdash.i18n import tr
from xhdash.meaning.page_specs import PageSpec
from xhdash.output.brief import brief_bytes, build_brief, to_markdown
from xhdash.output.brief.build import brief_slot, figures_workbook
from xhdash.output.export import export_file_name
from xhdash.serving.ui.context import PageContext
from xhdash.serving.ui.style import button_row
from xhdash.serving.ui.time_travel import pinned_note, pinned_version

BRIEF_KEY = "brief_built"
FORMATS = {"docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ":material/description:"),
           "pdf": ("application/pdf", ":material/picture_as_pdf:"),
           "md": ("text/plain", ":material/notes:")}
DOWNLOAD_LABELS = {"docx": "brief_download_docx", "pdf": "brief_download_pdf",
                   "md": "brief_download_text"}
EXTENSIONS = {"docx": "docx", "pdf": "pdf", "md": "txt"}


def _brief_id(ctx: PageContext, spec: PageSpec, fmt: str) -> tuple:
    """What the brief depends on: a new version, other filters, language or format make a
    new one."""
    return (ctx.store.data_dir, ctx.store.version, ctx.filters, ctx.lang, spec.page_id, fmt)


def _build(ctx: PageContext, spec: PageSpec, fmt: str) -> dict:
    with st.status(tr("brief_building", ctx.lang), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(max(fraction, 0.0), 1.0), text=message)

        def waiting() -> None:
            status.update(label=tr("brief_waiting", ctx.lang))

        with brief_slot(waiting):
            status.update(label=tr("brief_building", ctx.lang))
            brief = build_brief(ctx.store, spec.page_id, ctx.filters, ctx.lang, progress,
                                images=fmt != "md", version_note=pinned_note(ctx.store, ctx.lang))
            data = to_markdown(brief).encode("utf-8") if fmt == "md" else brief_bytes(brief, fmt)
        status.update(label=tr("brief_ready", ctx.lang), state="complete", expanded=False)
    return {"id": _brief_id(ctx, spec, fmt), "fmt": fmt, "data": data,
            "cut": brief.figures_total > len(brief.figures.rows)}


def render_brief_panel(ctx: PageContext, spec: PageSpec) -> None:
    """The format, a button that builds the page's brief in it under the current filters,
    then its download (and, when its figures table lists only the first rows, the full table
    as Excel, built when clicked)."""
    with st.expander(tr("brief_panel", ctx.lang), icon=":material/summarize:"):
        st.caption(tr("brief_panel_help", ctx.lang))
        fmt = st.segmented_control(
            tr("brief_format", ctx.lang), list(FORMATS), default="docx", required=True,
            format_func=lambda f: tr(f"brief_format_{f}", ctx.lang),
            key=f"brief_format_{spec.page_id}") or "docx"
        built = st.session_state.get(BRIEF_KEY)
        if built and built["id"] != _brief_id(ctx, spec, fmt):
            built = None
        if st.button(tr("brief_build", ctx.lang), key=f"brief_{spec.page_id}",
                     icon=":material/summarize:"):
            built = st.session_state[BRIEF_KEY] = _build(ctx, spec, fmt)
        if not built:
            return
        now = datetime.now()
        names = (f"{spec.title_zh}简报", f"{spec.title_en} brief")
        mime, icon = FORMATS[fmt]
        row = button_row()
        row.download_button(
            tr(DOWNLOAD_LABELS[fmt], ctx.lang), built["data"],
            file_name=export_file_name(*names, ctx.lang, EXTENSIONS[fmt], now, pinned_version()),
            mime=mime, key=f"brief_{fmt}_{spec.page_id}", on_click="ignore", icon=icon, wrap=True)
        if built["cut"]:
            row.download_button(
                tr("brief_download_figures", ctx.lang), lambda: figures_workbook(
                    ctx.store, spec.page_id, ctx.filters, ctx.lang),
                file_name=export_file_name(f"{spec.title_zh}简报数字表",
                                           f"{spec.title_en} brief figures", ctx.lang, "xlsx", now),
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key=f"brief_xlsx_{spec.page_id}", on_click="ignore", icon=":material/table_view:",
                wrap=True)
        if fmt == "md":
            st.text_area(tr("brief_text_label", ctx.lang), built["data"].decode("utf-8"),
                         height=240, key=f"brief_text_{spec.page_id}")
