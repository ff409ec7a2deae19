"""One Chromium per process for chart images, started on first use and reused.

Kaleido 1.x drives Chromium (Debian's /usr/bin/chromium) over the DevTools protocol. Starting
it costs seconds; a warm render well under one. The browser lives in a daemon thread running
its own event loop, opened once (`render_image` starts it) and closed at exit. Each render
waits with a timeout, so a hung or crashed browser is an error (and the next call starts a
fresh one), never a request that waits for ever; renders are serialised by a lock.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from typing import Any

from xhdash.meaning.plain import xml_safe

START_TIMEOUT = 60.0
RENDER_TIMEOUT = 60.0
CLOSE_TIMEOUT = 10.0


class ImageRenderError(RuntimeError):
    """Chromium could not start or could not render an image."""


class _Browser:
    """A Kaleido instance on an event loop of its own thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="xhdash-kaleido",
                                       daemon=True)
        self.thread.start()
        try:
            self.kaleido = self._wait(self._open(), START_TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise

    @staticmethod
    async def _open():
        import kaleido  # imported here: the dashboard needs it only when an image is asked for

        browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT, mathjax=False)
        await browser.open()
        return browser

    def _wait(self, coroutine, timeout: float):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def alive(self) -> bool:
        return self.thread.is_alive() and not self.loop.is_closed()

    def render(self, figure: dict[str, Any], opts: dict[str, Any]) -> bytes:
        return self._wait(self.kaleido.calc_fig(figure, opts=opts), RENDER_TIMEOUT + 5)

    def close(self) -> None:
        try:
            self._wait(self.kaleido.close(), CLOSE_TIMEOUT)
        except Exception:  # noqa: BLE001 - closing a broken browser: nothing more to do
            pass
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(CLOSE_TIMEOUT)


_lock = threading.Lock()
_browser: _Browser | None = None
_starts = 0  # how many browsers this process has started (1 when all goes well)


def browser_starts() -> int:
    """How many times this process has started Chromium for images."""
    return _starts


def _running_browser() -> _Browser:
    global _browser, _starts
    if _browser is None or not _browser.alive():
        try:
            _browser = _Browser()
        except Exception as error:
            raise ImageRenderError(str(error) or type(error).__name__) from error
        _starts += 1
        if _starts == 1:
            atexit.register(close_image_server)
    return _browser


def render_image(figure: dict[str, Any], fmt: str, width: int, height: int,
                 scale: float) -> bytes:
    """PNG or SVG bytes of a Plotly figure (as a dict), by the process's one Chromium."""
    global _browser
    figure = xml_safe(figure)  # U+FFFE in a footer made plotly.js fail (Error 525; issue 21)
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _lock:
        browser = _running_browser()
        try:
            return browser.render(figure, opts)
        except Exception as error:
            browser.close()  # a browser that failed once is not trusted with the next image
            _browser = None
            raise ImageRenderError(str(error) or type(error).__name__) from error


def close_image_server() -> None:
    """Close the process's Chromium, if one is open (at exit, and in tests)."""
    global _browser
    with _lock:
        if _browser is not None:
            _browser.close()
            _browser = None
