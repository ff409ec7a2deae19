"""Plain HTTP GETs as a browser makes them around a session: the page, host config, downloads.

Blocking `http.client` calls run in a small thread pool so that the sessions' event loop never
waits on them; each session keeps its own cookies (the proxy's sticky cookie among them).
"""

from __future__ import annotations

import asyncio
import gzip
import http.client
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

HTTP_THREADS = 16
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) xhdash-loadtest"
_POOL = ThreadPoolExecutor(max_workers=HTTP_THREADS, thread_name_prefix="loadtest-http")


@dataclass
class HttpAnswer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, last value wins


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def take_cookies(set_cookie_values: list[str], cookies: dict[str, str]) -> None:
    """Keep each `Set-Cookie`'s name=value, as a browser does (attributes ignored)."""
    for value in set_cookie_values:
        pair = value.split(";", 1)[0]
        if "=" in pair:
            name, _, content = pair.partition("=")
            cookies[name.strip()] = content.strip()


def get_blocking(url: str, cookies: dict[str, str], timeout_s: float) -> HttpAnswer:
    """GET `url` with the session's cookies; cookies set by the answer are kept."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=timeout_s)
    try:
        path = parts.path or "/"
        connection.request("GET", f"{path}?{parts.query}" if parts.query else path, headers={
            "User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Cookie": cookie_header(cookies),
        })
        response = connection.getresponse()
        body = response.read()
        take_cookies(response.headers.get_all("Set-Cookie") or [], cookies)
        headers = {name.lower(): value for name, value in response.getheaders()}
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return HttpAnswer(response.status, body, headers)
    finally:
        connection.close()


async def get(url: str, cookies: dict[str, str], timeout_s: float = 60.0) -> HttpAnswer:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_POOL, get_blocking, url, cookies, timeout_s)
