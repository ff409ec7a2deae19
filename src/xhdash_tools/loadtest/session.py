"""One browser-like session over `/_stcore/stream`: the server cannot tell it from a browser.

It does what Streamlit's frontend does: GETs the page (cookies: the XSRF cookie, a proxy's
sticky cookie), opens the WebSocket with the same subprotocols, sends `rerun_script` with the
query string, the page and the widget states it holds, keeps the ForwardMsg cache (and reports
its hashes, so the server sends references for elements it already has), and fetches
deferred downloads through a backend operation and then `/media/…`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from xhdash_tools.loadtest import http
from xhdash_tools.loadtest.protocol import (
    RUN_DONE,
    Problem,
    build_file_request,
    build_rerun,
    build_string_array_state,
    build_string_state,
    build_trigger_state,
    find_element,
    find_problem,
    form_elements,
    read_forward,
)

STEP_TIMEOUT_S = 90.0  # one page run or download; beyond it the session counts as lost
XSRF_COOKIE = "_streamlit_xsrf"
REPLICA_HEADER = "x-xhdash-replica"  # set by deploy/'s proxy: which replica answered
DEFAULT_MAX_MESSAGE_AGE = 2


class SessionLost(Exception):
    """The WebSocket closed, or the server did not answer in time."""


@dataclass
class RunResult:
    seconds: float
    problems: list[Problem]
    query_string: str
    elements: list[Element] = field(repr=False)


class Session:
    """A browser tab on the dashboard, without the browser."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.cookies: dict[str, str] = {}
        self.replica: str | None = None
        self.session_id = ""
        self.last_download_url: str | None = None  # the address of the last file fetched
        self.pages: dict[str, str] = {}  # url path ("" for the default page) -> script hash
        self.page_hash = ""
        self.query_string = ""
        self.widgets: dict[str, WidgetState] = {}
        self._elements: dict[tuple[int, ...], Element] = {}
        self._problems: list[Problem] = []
        self._cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash -> (message, run last used)
        self._max_age = DEFAULT_MAX_MESSAGE_AGE
        self._runs = 0
        self._run_done: asyncio.Future | None = None
        self._operations: dict[str, asyncio.Future] = {}
        self._socket = None
        self._receiver: asyncio.Task | None = None

    # -- what a user does -------------------------------------------------------------
    async def open(self, path: str = "/", query: str = "") -> RunResult:
        """Load the page at `path` (a new tab): HTML, host config, WebSocket, first run."""
        page = await http.get(f"{self.base_url}{path}" + (f"?{query}" if query else ""),
                              self.cookies)
        if page.status != 200:
            raise SessionLost(f"GET {path} answered {page.status}")
        self.replica = page.headers.get(REPLICA_HEADER, self.replica)
        await http.get(f"{self.base_url}/_stcore/host-config", self.cookies)
        await self._connect(existing_session="")
        self.query_string = query
        return await self._rerun(page_hash="", page_name=path.strip("/"))

    async def switch_page(self, url_path: str) -> RunResult:
        """A click on a page in the sidebar: the query string is dropped, the widgets kept."""
        if url_path not in self.pages:
            raise SessionLost(f"no page {url_path!r} in the navigation")
        self.query_string = ""
        return await self._rerun(page_hash=self.pages[url_path], page_name="")

    async def choose(self, key: str, labels: list[str]) -> RunResult:
        """Pick `labels` in the multiselect whose key is `key` (a sidebar filter)."""
        element = find_element(self._elements.values(), "multiselect", key)
        if element is None:
            raise SessionLost(f"no multiselect {key!r} on the page")
        widget_id = element.multiselect.id
        self.widgets[widget_id] = build_string_array_state(widget_id, labels)
        return await self._rerun(page_hash=self.page_hash, page_name="")

    async def submit_form(self, form_id: str, texts: list[str]) -> RunResult:
        """Type `texts` into the text inputs of form `form_id`, in page order, and press its
        submit button (the frontend sends the form's values with the button's trigger)."""
        inputs = form_elements(self._elements.values(), "text_input", form_id)
        submits = [element for element in form_elements(self._elements.values(), "button",
                                                        form_id)
                   if element.button.is_form_submitter]
        if len(inputs) != len(texts) or not submits:
            raise SessionLost(f"form {form_id!r} has {len(inputs)} text inputs and "
                              f"{len(submits)} submit buttons")
        for element, text in zip(inputs, texts, strict=True):
            widget_id = element.text_input.id
            self.widgets[widget_id] = build_string_state(widget_id, text)
        return await self._press(submits[0].button.id)

    async def click(self, key: str) -> RunResult:
        """Press the button whose key is `key`."""
        element = find_element(self._elements.values(), "button", key)
        if element is None:
            raise SessionLost(f"no button {key!r} on the page")
        return await self._press(element.button.id)

    async def _press(self, button_id: str) -> RunResult:
        """One run with the button's trigger; the frontend forgets a trigger after sending it."""
        self.widgets[button_id] = build_trigger_state(button_id)
        try:
            return await self._rerun(page_hash=self.page_hash, page_name="")
        finally:
            self.widgets.pop(button_id, None)

    async def rerun(self) -> RunResult:
        return await self._rerun(page_hash=self.page_hash, page_name="")

    async def download(self, key: str) -> bytes:
        """Click the download button whose key is `key` and fetch the file it names."""
        element = find_element(self._elements.values(), "download_button", key)
        if element is None:
            raise LookupError(f"no download button {key!r} on the page")
        button = element.download_button
        url = button.url
        if button.HasField("deferred_file_id"):
            request_id, message = build_file_request(self.session_id, button.deferred_file_id)
            answer = asyncio.get_running_loop().create_future()
            self._operations[request_id] = answer
            await self._send(message)
            response = await self._wait(answer)
            if response.error_msg:
                raise LookupError(f"the server refused the file: {response.error_msg}")
            url = response.deferred_file.url
        self.last_download_url = self._absolute(url)
        fetched = await http.get(self.last_download_url, self.cookies)
        if fetched.status != 200:
            raise LookupError(f"GET {url} answered {fetched.status}")
        return fetched.body

    async def reconnect(self) -> RunResult:
        """After the socket dropped: reconnect as the frontend does (it polls the health check
        and host config, then opens a socket with the same cookies and the old session id) and
        ask for a run with the page, query string and widgets it holds."""
        await self.close()
        for path in ("/_stcore/health", "/_stcore/host-config"):
            answer = await http.get(f"{self.base_url}{path}", self.cookies)
            if answer.status != 200:
                raise SessionLost(f"GET {path} answered {answer.status}")
            self.replica = answer.headers.get(REPLICA_HEADER, self.replica)
        await self._connect(existing_session=self.session_id)
        return await self._rerun(page_hash=self.page_hash, page_name="")

    async def wait_lost(self, seconds: float) -> bool:
        """Whether the server closes this session's socket within `seconds`."""
        if self._receiver is None:
            return True
        try:
            await asyncio.wait_for(asyncio.shield(self._receiver), seconds)
        except TimeoutError:
            return False
        return True

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._receiver is not None:
            await asyncio.gather(self._receiver, return_exceptions=True)
        self._socket = self._receiver = None

    @property
    def connected(self) -> bool:
        """Whether the WebSocket is open (the server has not closed it)."""
        return self._receiver is not None and not self._receiver.done()

    @property
    def elements(self) -> list[Element]:
        return list(self._elements.values())

    # -- the protocol -----------------------------------------------------------------
    def _absolute(self, url: str) -> str:
        return url if "://" in url else f"{self.base_url}/{url.lstrip('/')}"

    async def _connect(self, existing_session: str) -> None:
        parts = urlsplit(self.base_url)
        token = self.cookies.get(XSRF_COOKIE, "PLACEHOLDER_AUTH_TOKEN")
        protocols = ["streamlit", token] + ([existing_session] if existing_session else [])
        headers = {"User-Agent": http.USER_AGENT}
        if self.cookies:
            headers["Cookie"] = http.cookie_header(self.cookies)
        self._socket = await asyncio.wait_for(websockets.connect(
            f"ws://{parts.netloc}{parts.path.rstrip('/')}/_stcore/stream",
            subprotocols=protocols, additional_headers=headers, origin=self.base_url,
            max_size=None, open_timeout=STEP_TIMEOUT_S), STEP_TIMEOUT_S)
        replica = self._socket.response.headers.get(REPLICA_HEADER)
        self.replica = replica or self.replica
        self._receiver = asyncio.create_task(self._receive(self._socket))

    async def _send(self, data: bytes) -> None:
        if self._socket is None:
            raise SessionLost("not connected")
        try:
            await self._socket.send(data)
        except websockets.ConnectionClosed as closed:
            raise SessionLost(f"socket closed: {closed}") from closed

    async def _wait(self, future: asyncio.Future):
        try:
            return await asyncio.wait_for(future, STEP_TIMEOUT_S)
        except TimeoutError:
            raise SessionLost(f"no answer within {STEP_TIMEOUT_S:.0f} s") from None

    async def _rerun(self, page_hash: str, page_name: str) -> RunResult:
        self._run_done = asyncio.get_running_loop().create_future()
        started = time.perf_counter()
        await self._send(build_rerun(
            query_string=self.query_string, page_script_hash=page_hash, page_name=page_name,
            widgets=self.widgets.values(), cached_hashes=list(self._cache),
            url=f"{self.base_url}/{page_name}"))
        await self._wait(self._run_done)
        return RunResult(time.perf_counter() - started, list(self._problems), self.query_string,
                         self.elements)

    async def _receive(self, socket) -> None:
        try:
            async for data in socket:
                self._handle(read_forward(data))
        except websockets.ConnectionClosed:
            pass
        finally:
            lost = SessionLost("the server closed the WebSocket")
            for future in [self._run_done, *self._operations.values()]:
                if future is not None and not future.done():
                    future.set_exception(lost)
            self._operations.clear()

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            self._handle_reference(message)
        elif kind == "new_session":
            self._start_run(message)
        elif kind == "delta":
            self._handle_delta(message)
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash
                          for page in message.navigation.app_pages}
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "page_not_found":
            self._problems.append(Problem("error_message",
                                          f"page not found: {message.page_not_found.page_name}"))
        elif kind == "session_event" and message.session_event.HasField(
                "script_compilation_exception"):
            shown = message.session_event.script_compilation_exception
            self._problems.append(Problem("exception", f"{shown.type}: {shown.message}"))
        elif kind == "script_finished":
            self._finish_run(message.script_finished)
        elif kind == "backend_operation_response":
            answer = self._operations.pop(message.backend_operation_response.request_id, None)
            if answer is not None and not answer.done():
                answer.set_result(message.backend_operation_response)

    def _start_run(self, message: ForwardMsg) -> None:
        session = message.new_session
        if session.HasField("initialize"):
            self.session_id = session.initialize.session_id
        if session.config.max_cached_message_age:
            self._max_age = session.config.max_cached_message_age
        self.page_hash = session.page_script_hash or self.page_hash
        self._runs += 1
        self._elements = {}
        self._problems = []

    def _handle_delta(self, message: ForwardMsg) -> None:
        if message.metadata.cacheable:
            self._cache[message.hash] = (message, self._runs)
        if message.delta.WhichOneof("type") != "new_element":
            return
        element = message.delta.new_element
        self._elements[tuple(message.metadata.delta_path)] = element
        problem = find_problem(element)
        if problem is not None:
            self._problems.append(problem)

    def _handle_reference(self, message: ForwardMsg) -> None:
        cached = self._cache.get(message.ref_hash)
        if cached is None:
            self._problems.append(Problem("exception", f"unknown cached message {message.ref_hash}"))
            return
        original = ForwardMsg()
        original.CopyFrom(cached[0])
        original.metadata.CopyFrom(message.metadata)
        self._cache[message.ref_hash] = (cached[0], self._runs)
        self._handle_delta(original)

    def _finish_run(self, status: int) -> None:
        if status not in RUN_DONE:
            return  # ended early for a rerun: the next run follows by itself
        if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR and not self._problems:
            self._problems.append(Problem("exception", "the script failed to compile"))
        self._cache = {key: (message, used) for key, (message, used) in self._cache.items()
                       if self._runs - used <= self._max_age}
        if self._run_done is not None and not self._run_done.done():
            self._run_done.set_result(None)
