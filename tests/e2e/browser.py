"""A headless Chromium driven over the DevTools protocol, with aiohttp's websocket client (already a dependency
of textual-serve): open a page, click, type, press keys, read every request the page made, take screenshots.

Real time, not virtual time: ``--virtual-time-budget`` fires before a textual-serve app has drawn anything.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-features=Translate,OptimizationHints,MediaRouter", "--remote-debugging-port=0",
]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Browser:
    """One Chromium process with a fresh profile, and one page in it."""

    def __init__(self, width: int = 1200, height: int = 800) -> None:
        binary = chromium()
        assert binary, "no chromium (.ci/run installs Debian's chromium)"
        self.profile = Path(tempfile.mkdtemp(prefix="wargame-chromium-"))
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        self.requests: list[str] = []
        self._ids = itertools.count(1)
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._reader: asyncio.Task[None] | None = None

    async def start(self) -> None:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        self._session = aiohttp.ClientSession()
        async with self._session.get(f"http://127.0.0.1:{port}/json/list") as response:
            targets = await response.json()
        page = next(t for t in targets if t["type"] == "page")
        self._ws = await self._session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        await self.send("Network.enable")
        await self.send("Page.enable")

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            data = json.loads(message.data)
            if "id" in data and data["id"] in self._pending:
                self._pending.pop(data["id"]).set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.requests.append(data["params"]["url"])

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        assert self._ws is not None
        ident = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        await self._ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        result = await asyncio.wait_for(future, 30)
        assert "error" not in result, result
        return dict(result.get("result", {}))

    async def open(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def click(self, x: int, y: int) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    async def type(self, text: str) -> None:
        await self.send("Input.insertText", text=text)

    async def key(self, key: str) -> None:
        codes = {"Enter": (13, "\r"), "Escape": (27, ""), "Tab": (9, "\t")}
        code, text = codes[key] if key in codes else (ord(key.upper()), key)
        params = {"key": key, "code": key if key in codes else f"Key{key.upper()}", "windowsVirtualKeyCode": code}
        await self.send("Input.dispatchKeyEvent", type="keyDown", text=text, **params)
        await self.send("Input.dispatchKeyEvent", type="keyUp", **params)

    async def text(self) -> str:
        """What the terminal in the page shows (xterm.js keeps its rows in the DOM for screen readers)."""
        result = await self.send("Runtime.evaluate", expression="""
            (() => { const t = document.querySelector('.xterm-accessibility-tree') || document.querySelector('.xterm-rows');
                     return t ? t.innerText : document.body.innerText; })()""", returnByValue=True)
        return str(result["result"].get("value", ""))

    async def screenshot(self, target: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png")
        target.write_bytes(base64.b64decode(result["data"]))

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._session is not None:
            await self._session.close()
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
