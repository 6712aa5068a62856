"""A minimal Streamlit client that speaks the browser's websocket protocol, for load tests.

One ``Session`` is one visitor: it connects to ``/_stcore/stream``, asks for a page (with a
query string, like a link), sends widget changes as the browser does (a ``BackMsg`` with
``rerun_script``), waits for ``script_finished``, and re-runs fragments on the timers the
server asks for (``auto_rerun``), as the browser's timer would. It renders nothing, so many
of them fit on one machine; what they cost is the server's work, which is what is measured.
"""
from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.streamlit_private import trigger_id, trigger_value


def run_coroutine(coroutine):
    """Run ``coroutine`` to its end in a thread of its own and return its result.

    ``asyncio.run`` refuses to start in a thread whose event loop is running, and the browser
    tests' Playwright keeps one running in pytest's thread once they have run.
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@dataclass
class RunResult:
    seconds: float
    widgets: dict = field(default_factory=dict)   # user key -> element proto
    texts: list = field(default_factory=list)     # markdown texts
    plain: list = field(default_factory=list)     # st.text texts
    metrics: dict = field(default_factory=dict)   # metric label -> shown value
    exceptions: list = field(default_factory=list)  # exception elements' messages (tracebacks)
    errors: list = field(default_factory=list)      # st.error texts
    fragments: list = field(default_factory=list)   # ids of the timed fragments this run registered
    page: str | None = None                         # the page the server ran (its url path; "" for home)
    finished_at: float = 0.0                        # when its end was read (time.perf_counter)
    trace: list = field(default_factory=list)       # its messages in order: starts, page switches, early ends, elements


FRAGMENT_SILENCE = 5.0   # seconds without an answer to a fragment rerun: the fragment is gone


class Session:
    """One visitor's tab. Everything the server sends is read by one reader task, as a browser does: a run the
    server starts by itself (the class bell reruns every student of a class when the teacher moves it) updates
    the page and is seen by the watchers like any other; a request's answer is the first run that starts after it
    was sent and finishes."""

    def __init__(self, base_url: str, page: str, query: str = "", headers: dict | None = None):
        self.url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.headers = dict(headers or {})   # sent with the websocket's opening request (e.g. a forged address)
        self.origin = base_url
        self.page, self.query = page, query
        self.ws = None
        self.widgets: dict = {}
        self.fragment_of: dict[str, str] = {}   # widget key -> the fragment it was drawn in ("" for none)
        self.fragments: dict[str, float] = {}   # fragment id -> interval (seconds)
        self._ticks: list[asyncio.Task] = []
        self._lock = asyncio.Lock()
        self.tick_times: list[float] = []
        self.silences = 0   # fragment reruns the server never answered (it no longer held the fragment)
        self.watchers: list = []   # callables that see every run's result (e.g. a move arriving, whatever asked for it)
        self.unasked = 0    # runs the server started by itself (no request of this tab's was waiting for them)
        self.last: RunResult | None = None   # the last run that finished
        self.running_since: float | None = None   # when the run on its way started (None: the page is idle)
        self.replies: asyncio.Queue = asyncio.Queue()   # answers that are not runs (e.g. a file uploader's addresses)
        self._reader: asyncio.Task | None = None
        self._started = 0   # runs started so far (each "new_session" message)
        self._waiting: list[tuple[int, asyncio.Future]] = []   # (runs started when the request went, its answer)

    async def connect(self) -> RunResult:
        """Check health like a browser (that response sets the visitor's cookie), then open the websocket."""
        cookie = await asyncio.get_running_loop().run_in_executor(None, self._page_cookie)
        headers = ({"Cookie": cookie} if cookie else {}) | self.headers
        self.ws = await websockets.connect(self.url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
                                           open_timeout=30, additional_headers=headers)
        self._reader = asyncio.create_task(self._read_forever())
        return await self.rerun()

    def _page_cookie(self) -> str:
        with urllib.request.urlopen(f"{self.origin}/_stcore/health", timeout=30) as response:
            cookies = [value.split(";", 1)[0] for name, value in response.getheaders() if name.lower() == "set-cookie"]
        return "; ".join(cookies)

    async def rerun(self, states: list[WidgetState] = (), fragment: str = "", auto: bool = True,
                    prepare=None) -> RunResult | None:
        """Send one rerun request and wait for its run to finish.

        ``prepare()``, if given, makes ``(states, fragment)`` once this session's earlier request has been answered
        (a browser's event is made from the page it shows now), or returns None: nothing to send.

        A fragment the server no longer holds gets no answer at all (Streamlit logs "does not
        exist anymore"); after a few seconds of silence the page is rerun whole, which
        registers its fragments again.
        """
        async with self._lock:
            if prepare is not None:
                made = prepare()
                if made is None:
                    return None
                states, fragment = made
            message = BackMsg()
            request = message.rerun_script
            request.page_name, request.query_string = self.page, self.query
            if fragment:
                request.fragment_id, request.is_auto_rerun = fragment, auto
            request.widget_states.widgets.extend(states)
            started = time.perf_counter()
            try:
                result = await self._ask(message, FRAGMENT_SILENCE if fragment else 60)
            except TimeoutError:
                if not fragment:
                    raise
                self.silences += 1
                self.fragments.pop(fragment, None)
                request.ClearField("fragment_id")
                request.is_auto_rerun = False
                request.page_name = self.page
                result = await self._ask(message, 60)
            result.seconds = time.perf_counter() - started
        return result

    async def _ask(self, message: BackMsg, timeout: float) -> RunResult:
        answer = asyncio.get_running_loop().create_future()
        waiting = (self._started, answer)
        self._waiting.append(waiting)
        try:
            await self.ws.send(message.SerializeToString())
            return await asyncio.wait_for(asyncio.shield(answer), timeout)
        finally:
            if waiting in self._waiting:
                self._waiting.remove(waiting)

    def _moved_to(self, result: RunResult) -> None:
        """The server switched this tab to another page (st.switch_page): like a browser, it now asks for that
        page, and holds only that page's elements and timed fragments."""
        self.page = result.page
        self.widgets = dict(result.widgets)
        self.fragment_of = {key: self.fragment_of.get(key, "") for key in result.widgets}
        self.fragments = {f: self.fragments[f] for f in result.fragments if f in self.fragments}

    async def _read_forever(self) -> None:
        """Read every message; a run (from its first "new_session" to a "script_finished" that is not a rerun's)
        becomes one RunResult, given to the request waiting for it (if any) and to every watcher."""
        result, last_start = RunResult(0.0), 0
        try:
            while True:
                forward = ForwardMsg()
                forward.ParseFromString(await self.ws.recv())
                kind = forward.WhichOneof("type")
                if kind == "new_session":
                    self._started += 1
                    last_start = self._started
                    self.running_since = self.running_since or time.perf_counter()
                    result.trace.append("start" + (" (fragment)" if forward.metadata.run.fragment_ids else ""))
                elif kind == "script_finished":
                    result.trace.append(ForwardMsg.ScriptFinishedStatus.Name(forward.script_finished))
                    if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        continue  # the page asked for a rerun (st.rerun, a page switch): that run's own end follows
                    self.running_since = None
                    self._finished(result, last_start)
                    result = RunResult(0.0)
                elif kind == "file_urls_response":
                    self.replies.put_nowait(forward)
                else:
                    self._take(forward, kind, result)
        except Exception as exc:  # noqa: BLE001  (the connection closed: nothing more will be answered)
            for _, answer in self._waiting:
                if not answer.done():
                    answer.set_exception(ConnectionError(f"the server's connection closed: {exc!r}"))

    def _finished(self, result: RunResult, last_start: int) -> None:
        result.finished_at = time.perf_counter()
        self.last = result
        if result.page is not None and result.page != self.page:
            self._moved_to(result)
        answered = [answer for sent_at, answer in self._waiting if sent_at < last_start and not answer.done()]
        if not answered:
            self.unasked += 1
        for answer in answered:
            answer.set_result(result)
        for watcher in self.watchers:
            watcher(result)

    def _take(self, forward: ForwardMsg, kind: str, result: RunResult) -> None:
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            name = element.WhichOneof("type")
            proto = getattr(element, name)
            if getattr(proto, "id", ""):
                key = proto.id.split("-", 2)[-1]
                result.widgets[key] = proto
                self.widgets[key] = proto
                self.fragment_of[key] = forward.delta.fragment_id
            if name == "markdown":
                result.texts.append(proto.body)
            elif name == "text":
                result.plain.append(proto.body)
            elif name == "metric":
                result.metrics[proto.label] = proto.body
            elif name == "exception":
                result.exceptions.append(f"{proto.type}: {proto.message}")
            elif name == "alert" and proto.format == proto.ERROR:
                result.errors.append(proto.body)
        elif kind == "navigation":
            paths = {page.page_script_hash: page.url_pathname for page in forward.navigation.app_pages}
            result.page = paths.get(forward.navigation.page_script_hash, result.page)
            result.trace.append(f"page {result.page}")
        elif kind == "auto_rerun":
            self.fragments[forward.auto_rerun.fragment_id] = forward.auto_rerun.interval
            result.fragments.append(forward.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            self.fragments.clear()

    async def click(self, key: str) -> RunResult:
        return await self.rerun([WidgetState(id=self.widgets[key].id, trigger_value=True)])

    async def trigger(self, key: str, event: str, value) -> RunResult | None:
        """What a components-v2 element's ``setTriggerValue(event, value)`` sends (a live view's drag ending), made
        from the page as it is when the request goes (None: the element is no longer on it)."""
        def made():
            if key not in self.widgets:
                return None
            state = WidgetState(id=trigger_id(self.widgets[key].id))
            state.json_trigger_value = trigger_value(event, value)
            return [state], self.fragment_of.get(key, "")

        return await self.rerun(fragment="", auto=False, prepare=made)

    def live_data(self, key: str) -> dict:
        """The data a components-v2 element was last given."""
        data = json.loads(self.widgets[key].json)
        return data[0] if isinstance(data, list) else data

    async def set_slider(self, key: str, value: float) -> RunResult:
        state = WidgetState(id=self.widgets[key].id)
        state.double_array_value.data.extend([value])
        return await self.rerun([state])

    async def keep_ticking(self, seconds: float, on_result=None) -> None:
        """Re-run the page's fragments on their timers, as a browser tab would, for ``seconds``.

        ``on_result(result)``, if given, sees every tick's result; when it returns True the page has
        changed (the caller updated ``page`` and ``fragments``) and the timers start again.
        """
        deadline = time.perf_counter() + seconds
        due: dict[str, float] = {}
        while time.perf_counter() < deadline:
            now = time.perf_counter()
            for fragment, interval in list(self.fragments.items()):
                due.setdefault(fragment, now + interval)
            for fragment in [f for f in due if f not in self.fragments]:
                del due[fragment]
            for fragment in [f for f, when in due.items() if when <= now]:
                if fragment not in self.fragments:
                    continue
                due[fragment] = now + self.fragments[fragment]
                result = await self.rerun(fragment=fragment)
                self.tick_times.append(result.seconds)
                if on_result is not None and on_result(result):
                    due.clear()
                    break
            upcoming = min(due.values(), default=now + 0.1)
            await asyncio.sleep(max(0.0, min(upcoming, deadline) - time.perf_counter()))

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
