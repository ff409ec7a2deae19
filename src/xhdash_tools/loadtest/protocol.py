"""The messages a browser sends over `/_stcore/stream`, and what the server's answers say.

Streamlit's frontend sends a `rerun_script` BackMsg to open a page, to switch pages and after a
widget changes; the server answers with ForwardMsgs: `new_session` when a run starts, `delta`s
(elements), `page_info_changed` (the query string), `navigation`, and `script_finished`. A
deferred download (`st.download_button` given a callable) is a `backend_operation_request`
answered by a `backend_operation_response` holding the file's `/media/…` address. A button's
click is a `trigger_value` sent with one run; a form sends its widgets' values with its submit
button's trigger.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

RUN_DONE = frozenset({ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR})
BROWSER_TIMEZONE = "Asia/Shanghai"
BROWSER_TIMEZONE_OFFSET = -480  # minutes, as JavaScript's getTimezoneOffset() gives it
BROWSER_LOCALE = "zh-CN"


@dataclass(frozen=True)
class Problem:
    """Something a viewer would see as broken; `kind` is one of the report's error kinds."""

    kind: str  # exception | error_message | filter_not_applied | download_failed | disconnect
    detail: str


def build_rerun(*, query_string: str, page_script_hash: str, page_name: str,
                widgets: Iterable[WidgetState], cached_hashes: Iterable[str], url: str) -> bytes:
    """A `rerun_script` BackMsg as the frontend sends it (its ClientState)."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query_string
    state.page_script_hash = page_script_hash
    state.page_name = page_name
    state.widget_states.widgets.extend(widgets)
    state.cached_message_hashes.extend(cached_hashes)
    info = state.context_info
    info.timezone = BROWSER_TIMEZONE
    info.timezone_offset = BROWSER_TIMEZONE_OFFSET
    info.locale = BROWSER_LOCALE
    info.url = url
    info.is_embedded = False
    info.color_scheme = "light"
    return message.SerializeToString()


def build_file_request(session_id: str, file_id: str) -> tuple[str, bytes]:
    """A deferred download's request (what a click on such a button sends): (request id, bytes)."""
    request_id = str(uuid.uuid4())
    message = BackMsg()
    request = message.backend_operation_request
    request.request_id = request_id
    request.session_id = session_id
    request.deferred_file.file_id = file_id
    return request_id, message.SerializeToString()


def build_string_array_state(widget_id: str, values: Iterable[str]) -> WidgetState:
    """A multiselect's value as the frontend reports it: the chosen options' labels."""
    state = WidgetState(id=widget_id)
    state.string_array_value.data.extend(values)
    return state


def build_string_state(widget_id: str, value: str) -> WidgetState:
    """A text input's value as the frontend reports it."""
    return WidgetState(id=widget_id, string_value=value)


def build_trigger_state(widget_id: str) -> WidgetState:
    """A click on a button (or a form's submit button): true for the one run that follows."""
    return WidgetState(id=widget_id, trigger_value=True)


def read_forward(data: bytes) -> ForwardMsg:
    message = ForwardMsg()
    message.ParseFromString(data)
    return message


def find_problem(element: Element) -> Problem | None:
    """An exception box or an error alert in a page is what a viewer sees as a failure."""
    kind = element.WhichOneof("type")
    if kind == "exception":
        shown = element.exception
        return Problem("exception", f"{shown.type}: {shown.message}"[:300])
    if kind == "alert" and element.alert.format == Alert.ERROR:
        return Problem("error_message", element.alert.body[:300])
    return None


def widget_key_matches(widget_id: str, key: str) -> bool:
    """Streamlit appends a widget's user key to its id (`$$ID-<hash>-<key>`)."""
    return widget_id.endswith(f"-{key}")


def find_element(elements: Iterable[Element], element_type: str, key: str) -> Element | None:
    """The first element of this type whose widget id carries this user key."""
    for element in elements:
        if element.WhichOneof("type") == element_type and widget_key_matches(
                getattr(element, element_type).id, key):
            return element
    return None


def form_elements(elements: Iterable[Element], element_type: str, form_id: str) -> list[Element]:
    """The elements of this type inside the form `form_id`, in page order."""
    return [element for element in elements if element.WhichOneof("type") == element_type
            and getattr(element, element_type).form_id == form_id]
