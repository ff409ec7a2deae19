"""The editors' data page: sign-in, import with preview, publish, versions and rollback."""

from __future__ import annotations

import math
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import streamlit as st

from xhdash.editors import approval, audit
from xhdash.editors.auth import (
    Identity,
    SignInResult,
    editors_file,
    max_age_hours,
    password_identity,
    provider_approvers,
    provider_identity,
    read_editors_file,
    read_provider_roles,
    roles_claim,
    sign_in,
)
from xhdash.editors.publishing import (
    COLUMN_ROLES,
    ImportOptions,
    Preview,
    StoreBusy,
    StoreChanged,
    UnknownVersion,
    preview_import,
    publish_preview,
    roll_back,
    sheet_names,
    shown_time,
    store_versions,
    writable_store_problem,
)
from xhdash.editors.shared_throttle import shared_login_throttle
from xhdash.i18n import col, in_lang, tr
from xhdash.meaning.plain import escape_markdown
from xhdash.meaning.views import header, present_derived_changes, present_diff
from xhdash.output.export import to_csv_bytes
from xhdash.serving.ui.context import PageContext

EDITOR_KEY = "editor"  # the name an editor signed in with through the password form
PROVIDER = "xhdash"  # st.login's provider: [auth.xhdash] in Streamlit's secrets
PROVIDER_SIGNED_IN_KEY = "provider_signed_in"  # the name whose sign-in this session recorded
LOGIN_SESSION_KEY = "login_session"  # this session's random key for the login throttle
RESULT_KEY = "import_result"
DIFF_ROWS_SHOWN = 500
REVIEW_KEY = "approval_review"  # the approver's preview of the request they picked
AUDIT_ROWS_SHOWN = 1000  # on the page; the CSV holds every event


def load_editors() -> dict[str, str]:
    """The editors of the one editors' file (`xhdash add-editor` writes the same file)."""
    return read_editors_file(editors_file())


def provider_configured() -> bool:
    """Whether Streamlit's secrets configure the identity provider (`[auth]` with
    `[auth.xhdash]`): then editors sign in through it and the password form is not offered."""
    if not st.secrets.load_if_toml_exists():
        return False
    auth_section = st.secrets.get("auth") or {}
    return PROVIDER in auth_section


def signed_in_person() -> Identity | None:
    """Whoever is signed in, by the provider or by password, whatever their role."""
    if provider_configured():
        claims = st.user.to_dict()
        if not claims.get("is_logged_in"):
            return None
        return provider_identity(claims, roles_claim(), read_provider_roles(editors_file()),
                                 max_age_seconds=max_age_hours() * 3600)
    name = st.session_state.get(EDITOR_KEY)
    return password_identity(name, approval.approvers(editors_file())) if name else None


def current_identity() -> Identity | None:
    """The signed-in editor or approver; None for a viewer, signed in or not."""
    person = signed_in_person()
    return person if person is not None and person.can_edit else None


def current_editor() -> str | None:
    identity = current_identity()
    return identity.name if identity is not None else None


def render_login(lang: str) -> None:
    """The refusal a viewer sees, with the way to sign in: the provider's button where one is
    configured, else the password form."""
    if provider_configured():
        render_provider_login(lang)
        return
    st.error(tr("data_denied", lang), icon=":material/lock:")
    editors = load_editors()
    if not editors:
        st.info(tr("login_none", lang), icon=":material/info:")
        return
    with st.form("editor_login"):
        name = st.text_input(tr("login_name", lang))
        password = st.text_input(tr("login_password", lang), type="password")
        if st.form_submit_button(tr("login_submit", lang)):
            session = st.session_state.setdefault(LOGIN_SESSION_KEY, secrets.token_hex(16))
            result = sign_in(shared_login_throttle(), name, password, session, editors)
            audit.record(sign_in_action(result), name, replica=this_replica())
            if result.signed_in:
                st.session_state[EDITOR_KEY] = name
                st.rerun()
            st.error(" ".join(login_messages(result, lang)))


def render_provider_login(lang: str) -> None:
    """Not signed in: the provider's sign-in button. Signed in without an editor's role: told
    they may only read, and why."""
    person = signed_in_person()
    if person is None or (person.stale and person.name):
        if person is None:
            st.error(tr("data_denied", lang), icon=":material/lock:")
        else:
            st.warning(tr("login_provider_stale", lang, hours=f"{max_age_hours():g}"),
                       icon=":material/schedule:")
        if st.button(tr("login_provider", lang), type="primary", key="provider_login",
                     icon=":material/login:"):
            st.login(PROVIDER)
    elif not person.name:
        st.warning(tr("login_provider_unnamed", lang), icon=":material/badge:")
    else:
        st.warning(tr("login_provider_viewer", lang, name=escape_markdown(person.name)),
                   icon=":material/visibility:")


_recorded_sign_ins: OrderedDict[tuple[str, str], None] = OrderedDict()
_recorded_sign_ins_lock = threading.Lock()
RECORDED_SIGN_INS_KEPT = 10_000


def first_sight_of_sign_in(name: str, issued_at: str) -> bool:
    """Whether this server has not yet seen this sign-in (one ID token: a name and its `iat`);
    a reload or a second tab with the same cookie is the same sign-in."""
    key = (name, issued_at)
    with _recorded_sign_ins_lock:
        if key in _recorded_sign_ins:
            return False
        _recorded_sign_ins[key] = None
        while len(_recorded_sign_ins) > RECORDED_SIGN_INS_KEPT:
            _recorded_sign_ins.popitem(last=False)
        return True


def record_provider_sign_in() -> None:
    """The audit trail's sign-in for an editor who came back from the provider: once for each
    sign-in, however many sessions its cookie opens on this server."""
    identity = current_identity()
    if identity is None or not identity.by_provider:
        return
    if st.session_state.get(PROVIDER_SIGNED_IN_KEY) == identity.name:
        return
    st.session_state[PROVIDER_SIGNED_IN_KEY] = identity.name
    if first_sight_of_sign_in(identity.name, str(st.user.to_dict().get("iat", ""))):
        audit.record("sign_in", identity.name, replica=this_replica())


def sign_in_action(result: SignInResult) -> str:
    """The audit trail's word for a sign-in attempt's outcome."""
    if result.signed_in:
        return "sign_in"
    if result.unavailable:
        return "sign_in_unavailable"
    if result.locked:
        return "sign_in_locked"
    return "sign_in_throttled" if result.refused else "sign_in_failed"


def this_replica() -> str:
    """This server's name in the audit trail (XHDASH_REPLICA, else hostname:port)."""
    return audit.replica_name(st.get_option("server.port"))


def login_messages(result: SignInResult, lang: str) -> list[str]:
    """What a failed or refused sign-in is told: wrong password, how long to wait, lockout."""
    if result.unavailable:
        return [tr("login_unavailable", lang)]
    messages = [] if result.refused else [tr("login_failed", lang)]
    if result.locked:
        messages.append(tr("login_locked", lang, minutes=math.ceil(result.wait_seconds / 60)))
    elif result.wait_seconds > 0:
        messages.append(tr("login_wait", lang, seconds=math.ceil(result.wait_seconds)))
    return messages


def render_editor_badge(lang: str) -> None:
    """Who is signed in, and the sign-out button: for an editor, and for a viewer signed in
    through the provider (who may want to sign in as someone else)."""
    person = signed_in_person()
    if person is None:
        return
    record_provider_sign_in()
    if person.can_edit:
        st.sidebar.caption(tr("logged_in_as", lang, name=escape_markdown(person.name)))
    else:
        st.sidebar.caption(tr("logged_in_viewer", lang, name=escape_markdown(person.name)
                              or tr("unnamed_person", lang)))
    if st.sidebar.button(tr("logout", lang), key="logout"):
        if person.can_edit:
            audit.record("sign_out", person.name, replica=this_replica())
        for key in (EDITOR_KEY, RESULT_KEY, REVIEW_KEY, PROVIDER_SIGNED_IN_KEY):
            st.session_state.pop(key, None)
        if person.by_provider:
            st.logout()  # the browser leaves for the provider's sign-out, then comes back
        else:
            st.rerun()


def _options(ctx: PageContext, data: bytes, file_name: str) -> ImportOptions:
    lang = ctx.lang
    sheet = None
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        sheets = sheet_names(data)
        if len(sheets) > 1:
            sheet = st.selectbox(tr("opt_sheet", lang), sheets, key="opt_sheet")
    period_text = st.text_input(tr("opt_period", lang), key="opt_period").strip() or None
    source_text = st.text_input(tr("opt_source", lang), key="opt_source",
                                help=tr("opt_source_help", lang)).strip() or None
    left, right = st.columns(2)
    allow_new = left.checkbox(tr("opt_allow_new", lang), key="opt_allow_new")
    domains = ctx.tables["domains"].sort_values("sort_order")
    names = dict(zip(domains["domain_id"], domains[col("name", lang)],
                     strict=True))
    domain = left.selectbox(tr("opt_domain", lang), list(names), format_func=names.get,
                            key="opt_domain", disabled=not allow_new)
    convert = right.checkbox(tr("opt_convert", lang), key="opt_convert")
    replace_conflicts = right.checkbox(tr("opt_replace", lang), key="opt_replace")
    return ImportOptions(period=period_text, allow_new=allow_new,
                         domain=domain if allow_new else None, convert_units=convert,
                         replace_conflicts=replace_conflicts, sheet=sheet,
                         editor=current_editor() or "editor", source=source_text)


def _column_roles(ctx: PageContext, preview: Preview | None) -> dict[str, str]:
    """Selectors for columns the import could not recognise (from the last preview)."""
    if preview is None or preview.result is None or not preview.result.layout.unrecognised:
        return {}
    st.markdown(f"**{tr('map_title', ctx.lang)}**  \n{tr('map_help', ctx.lang)}")
    roles = {}
    for column in preview.result.layout.unrecognised:
        roles[column] = st.selectbox(escape_markdown(column), COLUMN_ROLES,
                                     index=COLUMN_ROLES.index("ignore"),
                                     format_func=lambda r: tr(f"role_{r}", ctx.lang),
                                     key=f"map_{column}")
    return roles


def _run_preview(ctx: PageContext, data: bytes, file_name: str, options: ImportOptions) -> None:
    with st.status(tr("preview_running", ctx.lang), expanded=True) as status:
        bar = st.progress(0.0)

        def progress(fraction: float, message: str) -> None:
            bar.progress(min(fraction, 1.0), text=message)

        preview = preview_import(data, file_name, options, progress=progress)
        status.update(label=tr("preview_done", ctx.lang), state="complete", expanded=False)
    st.session_state[RESULT_KEY] = {"preview": preview, "file": file_name, "options": options}


def _issues_frame(preview: Preview, lang: str) -> pd.DataFrame:
    rows = [{tr("issue_row", lang): issue.row, tr("issue_column", lang): issue.column or "",
             tr("issue_value", lang): issue.value, tr("issue_problem", lang): issue.message(lang)}
            for issue in preview.errors]
    return pd.DataFrame(rows)


def _render_derived(ctx: PageContext, preview: Preview) -> None:
    """The derived figures a publish would add, change or remove, and those it would refuse."""
    lang = ctx.lang
    if len(preview.derived_changes):
        st.markdown(f"**{tr('derived_changes_title', lang)}**")
        st.dataframe(present_derived_changes(preview.derived_changes, preview.result.tables, lang),
                     hide_index=True, width="stretch", key="import_derived")
    if len(preview.new_refusals):
        st.warning(tr("derived_refused_title", lang, count=len(preview.new_refusals)),
                   icon=":material/block:")
        names = preview.result.tables["indicators"].set_index("indicator_id")[
            col("name", lang)]
        st.dataframe(pd.DataFrame({
            tr("issue_indicator", lang): preview.new_refusals["indicator_id"].map(names).fillna(
                preview.new_refusals["indicator_id"]),
            tr("issue_period", lang): preview.new_refusals["period"],
            tr("issue_problem", lang): preview.new_refusals[
                col("reason", lang)],
        }), hide_index=True, width="stretch", key="import_refusals")
    failed = preview.failed_checks
    if len(failed) and failed["new"].any():
        st.warning(tr("checks_failing_title", lang), icon=":material/rule:")
        st.dataframe(pd.DataFrame({
            tr("issue_problem", lang): failed.loc[failed["new"],
                                                  col("name", lang)],
            header("working", lang): failed.loc[failed["new"], "worked"],
        }), hide_index=True, width="stretch", key="import_checks")


def _render_report(ctx: PageContext, stored: dict, data: bytes,
                   act: Callable[[], None] | None = None) -> None:
    """The preview of an import (new, changed, conflicting figures, derived changes, failed
    checks), then `act` (for an approver: approve or reject) or the editor's publish button."""
    lang, preview = ctx.lang, stored["preview"]
    if preview.refused is not None:
        reason = in_lang((preview.refused.reason_zh, preview.refused.reason_en), lang)
        st.error(tr("refused", lang, reason=escape_markdown(reason)), icon=":material/block:")
        return
    result = preview.result
    layout = result.layout
    st.caption(tr("layout_line", lang, shape=tr(f"shape_{layout.shape}", lang),
                  encoding=result.encoding, unit=layout.unit_note or "—",
                  period=layout.title_period or "—"))
    counts = result.counts()
    columns = st.columns(5)
    for column, key in zip(columns, ("new", "changed", "unchanged", "conflicting"), strict=False):
        column.metric(tr(f"count_{key}", lang), counts[key])
    columns[4].metric(tr("count_skipped", lang), result.resolution.skipped)
    created = [*result.resolution.new_indicators.values(), *result.resolution.new_areas.values(),
               *result.resolution.new_industries.values()]
    if created:
        st.info(tr("new_items", lang, items=escape_markdown("、".join(i["name_zh"]
                                                                    for i in created))))
    if preview.errors:
        st.error(tr("report_errors", lang, count=f"{preview.problem_count:,}"),
                 icon=":material/error:")
        st.dataframe(_issues_frame(preview, lang), hide_index=True, width="stretch",
                     key="import_issues")
        return
    if result.diff is not None and len(result.diff):
        st.markdown(f"**{tr('diff_title', lang)}**")
        shown = present_diff(result.diff.head(DIFF_ROWS_SHOWN), result.tables, lang)
        st.dataframe(shown, hide_index=True, width="stretch", key="import_diff")
    if not result.changes_anything:
        st.info(tr("report_nothing", lang))
        return
    _render_derived(ctx, preview)
    st.success(tr("report_ok", lang), icon=":material/check_circle:")
    if act is not None:
        act()
    elif four_eyes():
        if st.button(tr("submit_button", lang), type="primary", key="publish"):
            _submit(ctx, stored, data)
    elif st.button(tr("publish_button", lang), type="primary", key="publish"):
        _publish(ctx, stored, data)


def four_eyes() -> bool:
    """Whether a publish needs a second person (XHDASH_FOUR_EYES; auto: approvers exist)."""
    return approval.four_eyes_on(approval.approvers(editors_file())
                                 | provider_approvers(editors_file()))


def is_approver() -> bool:
    """Whether the signed-in editor may approve: `[approvers]`, or the provider's approver role."""
    identity = current_identity()
    return identity is not None and identity.can_approve


def _submit(ctx: PageContext, stored: dict, data: bytes) -> None:
    """Four eyes: keep the publish as a pending request; readers see nothing new."""
    editor = current_editor() or "editor"
    request = approval.submit(data, stored["file"], stored["options"], editor,
                              stored["preview"].summary())
    audit.record("submit", editor, f"{request.file_name} — {request.summary}",
                 replica=this_replica())
    st.session_state.pop(RESULT_KEY, None)
    st.session_state["published_message"] = tr("submitted", ctx.lang)
    st.rerun()


def _publish(ctx: PageContext, stored: dict, data: bytes) -> None:
    try:
        outcome = publish_preview(stored["preview"], data, stored["options"],
                                  current_editor() or "editor")
    except StoreChanged:
        st.warning(tr("store_changed", ctx.lang))
        st.session_state.pop(RESULT_KEY, None)
        return
    except StoreBusy as busy:
        st.warning(str(busy))
        return
    st.session_state.pop(RESULT_KEY, None)
    if outcome.manifest is None:
        st.info(tr("report_nothing", ctx.lang))
        return
    manifest = outcome.manifest
    audit.record("publish", manifest.editor, f"{manifest.version_id}: {manifest.file_name} — "
                 f"{manifest.summary}", replica=this_replica())
    st.session_state["published_message"] = tr("published", ctx.lang,
                                               version=outcome.manifest.version_id)
    st.rerun()


def store_is_writable(lang: str) -> bool:
    """False, with the reason shown, when the store is on a filesystem this page cannot write."""
    problem = writable_store_problem()
    if problem:
        st.warning(problem, icon=":material/lock:")
        return False
    return True


def render_import(ctx: PageContext) -> None:
    lang = ctx.lang
    if message := st.session_state.pop("published_message", None):
        st.success(message, icon=":material/check_circle:")
    st.subheader(tr("upload_title", lang))
    upload = st.file_uploader(tr("upload_label", lang), type=["csv", "txt", "xlsx", "xls"],
                              help=tr("upload_help", lang), key="upload")
    if upload is None:
        st.session_state.pop(RESULT_KEY, None)
        return
    data = upload.getvalue()
    options = _options(ctx, data, upload.name)
    stored = st.session_state.get(RESULT_KEY)
    if stored and stored["file"] != upload.name:
        stored = None
    options = replace(options, column_roles=_column_roles(ctx, stored["preview"] if stored
                                                          else None))
    if st.button(tr("preview_button", lang), key="preview"):
        _run_preview(ctx, data, upload.name, options)
        stored = st.session_state[RESULT_KEY]
    if stored and stored["options"] == options:
        _render_report(ctx, stored, data)


def _version_action(manifest, lang: str) -> str:
    if manifest.action == "restore":
        return tr("version_action_restore", lang, version=manifest.restored_from)
    key = f"version_action_{manifest.action}"
    return tr(key, lang) if manifest.action in ("initialise", "publish", "migrate") else \
        manifest.action


def _version_editor(manifest, lang: str) -> str:
    """Who published: the dashboard itself for the shipped data's version 0, else the editor."""
    return tr("version_shipped_editor", lang) if manifest.is_shipped else manifest.editor


def _version_file(manifest, lang: str) -> str:
    return tr("version_shipped_file", lang) if manifest.is_shipped else manifest.file_name


def render_versions(ctx: PageContext) -> None:
    """The history from the Delta log (who published which file, who rolled back to what) and a
    rollback, which is a restore: a new version equal to the one chosen."""
    lang = ctx.lang
    st.subheader(tr("versions_title", lang))
    manifests, current = store_versions()
    if not manifests:
        st.caption(tr("versions_none", lang))
        return
    frame = pd.DataFrame([{
        header("version", lang): f"{m.version_id}" + (f"（{tr('current_mark', lang)}）"
                                                      if m.version_id == current else ""),
        header("time", lang): shown_time(m), tr("version_action", lang): _version_action(m, lang),
        header("editor", lang): _version_editor(m, lang),
        tr("version_approved_by", lang): m.approved_by, header("file", lang): _version_file(m, lang),
        header("figures", lang): m.rows.get("observations", 0),
        tr("version_summary", lang): m.summary,
        "SHA-256": m.file_sha256[:12],
    } for m in reversed(manifests)])
    st.dataframe(frame, hide_index=True, width="stretch", key="versions_table")
    ids = [m.version_id for m in reversed(manifests) if m.version_id != current]
    if not ids:
        return
    left, right = st.columns([2, 1])
    target = left.selectbox(tr("rollback_pick", lang), ids, key="rollback_target")
    confirmed = right.checkbox(tr("rollback_confirm", lang), key="rollback_confirm")
    if right.button(tr("rollback_button", lang), disabled=not confirmed, key="rollback"):
        try:
            made = roll_back(target, current_editor() or "editor")
        except (StoreBusy, UnknownVersion) as error:
            st.warning(str(error))
            return
        audit.record("rollback", current_editor() or "editor",
                     f"{target} → {made.version_id}", replica=this_replica())
        st.session_state["published_message"] = tr("rolled_back_as", lang, version=target,
                                                   new=made.version_id)
        st.rerun()


def render_audit(ctx: PageContext) -> None:
    """For editors: the audit trail of every replica, newest first, and its CSV."""
    lang = ctx.lang
    st.subheader(tr("audit_title", lang))
    st.caption(tr("audit_caption", lang))
    events = audit.read_events()
    if not len(events):
        st.caption(tr("audit_none", lang))
        return
    shown = audit.present_events(events, lang)
    st.dataframe(shown.head(AUDIT_ROWS_SHOWN), hide_index=True, width="stretch",
                 key="audit_table")
    st.download_button(tr("audit_download", lang), lambda: to_csv_bytes(shown),
                       file_name="xhdash-audit.csv", mime="text/csv", key="audit_csv",
                       on_click="ignore", icon=":material/download:", wrap=True)


def _decide(ctx: PageContext, request: approval.Request) -> None:
    """The approver's note and the two buttons, under the same preview the editor saw."""
    lang, approver = ctx.lang, current_editor() or ""
    note = st.text_input(tr("approval_note", lang), key=f"note_{request.request_id}")
    left, right = st.columns(2)
    try:
        if left.button(tr("approve_button", lang), type="primary", key="approve"):
            manifest = approval.approve(request.request_id, approver, note)
            version = manifest.version_id if manifest is not None else "—"
            audit.record("approve", approver, f"{request.editor}: {request.file_name} → {version}"
                         + (f" — {note}" if note else ""), replica=this_replica())
            st.session_state["published_message"] = tr("approved_as", lang, version=version)
            st.session_state.pop(REVIEW_KEY, None)
            st.rerun()
        if right.button(tr("reject_button", lang), key="reject", disabled=not note.strip()):
            approval.reject(request.request_id, approver, note)
            audit.record("reject", approver, f"{request.editor}: {request.file_name} — {note}",
                         replica=this_replica())
            st.session_state["published_message"] = tr("rejected_note", lang)
            st.session_state.pop(REVIEW_KEY, None)
            st.rerun()
    except approval.ApprovalError as refused:
        st.warning(in_lang((refused.reason_zh, refused.reason_en), lang))
    except (StoreChanged, StoreBusy):
        st.warning(tr("store_changed", lang))
        st.session_state.pop(REVIEW_KEY, None)


def render_approvals(ctx: PageContext) -> None:
    """Requests waiting for a second pair of eyes: an approver previews and decides another
    editor's; every editor sees each request's state and note."""
    lang, editor = ctx.lang, current_editor()
    every = approval.requests()
    if not every and not four_eyes():
        return
    st.subheader(tr("approvals_title", lang))
    waiting = approval.pending_for(editor or "") if is_approver() else []
    if waiting:
        labels = {r.request_id: f"{r.file_name} · {r.editor} · {audit.beijing_time(r.at)}"
                  for r in waiting}
        chosen = st.selectbox(tr("approval_pick", lang), list(labels), format_func=labels.get,
                              key="approval_pick")
        request = next(r for r in waiting if r.request_id == chosen)
        review = st.session_state.get(REVIEW_KEY)
        if not review or review["id"] != chosen:
            data, options = approval.request_file(chosen)
            preview = preview_import(data, request.file_name, options)
            review = {"id": chosen, "preview": preview, "file": request.file_name,
                      "options": options, "data": data}
            st.session_state[REVIEW_KEY] = review
        _render_report(ctx, review, review["data"], act=lambda: _decide(ctx, request))
    elif is_approver():
        st.caption(tr("approvals_none", lang))
    if every:
        st.dataframe(pd.DataFrame([{
            header("time", lang): audit.beijing_time(r.at),
            tr("approval_state", lang): tr(f"approval_{r.state}", lang),
            header("editor", lang): r.editor, header("file", lang): r.file_name,
            tr("version_approved_by", lang): r.decided_by,
            tr("approval_note", lang): r.note,
            header("version", lang): "" if r.version is None else str(r.version),
        } for r in every]), hide_index=True, width="stretch", key="approvals_table")
