"""A real HTTP server on 127.0.0.1 that serves feed files the way feed hosts do.

    with FeedServer() as server:
        url = server.serve("/blog/feed/", DATA / "company_blog_rss2.xml")
        ...
        server.requests  # every request: (path, headers as a dict with lower-case names)

It honours conditional requests: each served file gets an ETag and a Last-Modified, and a request
with a matching If-None-Match (or, without one, an If-Modified-Since not older than the file)
gets 304. It can also misbehave per path: `fail(path, 500)`, `hang(path)` (answers nothing
until the server stops, so the client's timeout fires) and `garbage(path)`.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

DATA = Path(__file__).parent / "data"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/xml"
    etag: str = ""
    last_modified: str = ""
    status: int = 200
    hang: bool = False


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append((self.path, headers))
                route = server.routes.get(self.path)
                if route is None:
                    self._answer(404, b"not found", "text/plain")
                    return
                if route.hang:
                    server._release.wait()  # until the server stops: the client gives up first
                    return
                if route.status != 200:
                    self._answer(route.status, b"<h1>Internal Server Error</h1>", "text/html")
                    return
                if self._not_modified(route, headers):
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return
                self._answer(200, route.body, route.content_type, route)

            def _not_modified(self, route: Route, headers: dict[str, str]) -> bool:
                if "if-none-match" in headers:
                    return route.etag in [t.strip() for t in headers["if-none-match"].split(",")]
                if "if-modified-since" in headers and route.last_modified:
                    try:
                        since = parsedate_to_datetime(headers["if-modified-since"])
                    except (TypeError, ValueError):
                        return False
                    return parsedate_to_datetime(route.last_modified) <= since
                return False

            def _answer(
                self, status: int, body: bytes, content_type: str, route: Route | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if route is not None and route.etag:
                    self.send_header("ETag", route.etag)
                if route is not None and route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass  # quiet test output

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def serve(
        self,
        path: str,
        content: Path | bytes,
        *,
        content_type: str = "application/rss+xml; charset=utf-8",
        last_modified: str = "Thu, 03 Dec 2026 09:15:00 GMT",
        etag: bool = True,
    ) -> str:
        """Serve a file (or bytes) at `path` with validators; returns the full URL."""
        body = content.read_bytes() if isinstance(content, Path) else content
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"' if etag else ""
        self.routes[path] = Route(body=body, content_type=content_type, etag=tag,
                                  last_modified=last_modified)  # fmt: skip
        return self.url(path)

    def fail(self, path: str, status: int = 500) -> str:
        self.routes[path] = Route(status=status)
        return self.url(path)

    def hang(self, path: str) -> str:
        self.routes[path] = Route(hang=True)
        return self.url(path)

    def garbage(self, path: str) -> str:
        noise = bytes((i * 7919 + 13) % 256 for i in range(4096))
        self.routes[path] = Route(body=noise, content_type="application/octet-stream")
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> FeedServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
