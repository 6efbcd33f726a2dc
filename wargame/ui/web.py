"""Seats in a browser: textual-serve runs one ``wargame join`` process per browser tab.

What we change from textual-serve's :class:`~textual_serve.server.Server`:

- **Our own page template** (``templates/app_index.html``): the stock one links
  web fonts from the internet; ours loads only the script, stylesheet and fonts
  textual-serve ships, from this host, so a seat works with no internet at all.
- **A code in the link.** ``/?code=CODE`` (what the sheet's QR codes hold) opens
  the websocket at ``/ws/CODE``, and the seat process gets the code in its
  environment (``WARGAME_SEAT_CODE``), never on a command line; the seat still
  checks it like a typed one. Without it the seat asks for the code.
- **No access log**: a request line would hold that code.
- **Loopback by default** (:data:`DEFAULT_HOST`); :func:`exposed` says when an
  address opens the seats to the network, so the command line can warn.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiohttp_jinja2
import textual_serve
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

CODE_ENV = "WARGAME_SEAT_CODE"
DEFAULT_HOST = "127.0.0.1"
TEMPLATES = Path(__file__).parent / "templates"

log = logging.getLogger("wargame.ui.web")


def exposed(host: str) -> bool:
    """Whether binding ``host`` lets other machines reach the seats (anything but a loopback address)."""
    if host == "localhost":
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:
        return True  # a host name: whatever it resolves to, assume the network


def seat_command(save: Path) -> str:
    """The shell command textual-serve runs for each browser tab."""
    return " ".join(shlex.quote(part) for part in (sys.executable, "-m", "wargame", "join", str(save.resolve())))


class _SeatService(AppService):
    """One browser tab's seat process, given the code from the link (if any) in its environment."""

    def __init__(self, *args: Any, code: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.code = code

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment.pop(CODE_ENV, None)
        if self.code:
            environment[CODE_ENV] = self.code
        return environment


class SeatServer(Server):
    """textual-serve with our page, a code in the link, and no access log."""

    def __init__(self, save: Path, title: str, host: str = DEFAULT_HOST, port: int = 8000) -> None:
        super().__init__(seat_command(save), host=host, port=port, title=title,
                         templates_path=TEMPLATES, statics_path=Path(textual_serve.__file__).parent / "static")

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{code}", self.handle_websocket, name="seat_websocket")
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, its addresses taken from the request (``--host 0.0.0.0`` is no address a browser can load from)."""
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        code = request.query.get("code", "").strip()
        if code:
            websocket += "/" + quote(code, safe="")
        return {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": websocket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, with the seat service that carries the code."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        service: AppService | None = None
        try:
            await websocket.prepare(request)
            service = _SeatService(
                self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str, close=websocket.close,
                download_manager=self.download_manager, debug=self.debug, code=request.match_info.get("code"),
            )
            await service.start(width, height)
            try:
                await self._process_messages(websocket, service)
            finally:
                await service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:  # pragma: no cover - logged as textual-serve does
            log.exception(error)
        finally:
            if service is not None:
                await service.stop()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: the host command prints its own lines."""

    def serve(self, debug: bool = False) -> None:
        """Serve until interrupted (Ctrl+C or SIGTERM), with no access log."""
        self.debug = debug
        logging.basicConfig(level=logging.WARNING)
        web.run_app(self._make_app(), host=self.host, port=self.port, access_log=None, print=lambda *args: None)
