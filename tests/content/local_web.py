"""A real HTTP server on 127.0.0.1 for the fetcher's tests: real sockets, no mocks.

    with LocalWeb() as web:
        web.url("/og")            -> "http://127.0.0.1:<port>/og"
        web.requests              -> [(path, Host header), ...] in arrival order

Routes:
    /og             an article page with OpenGraph and Twitter tags (relative og:image)
    /plain          no OpenGraph: <title>, meta description, windows-1252 text
    /gzip           the /og page, gzip-compressed
    /deflate        the /og page, deflate-compressed (with the zlib wrapper)
    /huge           a page of 20 MB (the head first, then padding)
    /bomb           a gzip bomb: ~50 KB on the wire, 50 MB when decompressed
    /slow           headers at once, then one byte every 50 ms (for 10 s at most)
    /image          a PNG (not a web page)
    /echo-host      a page whose <title> is the Host header it received
    /status/<n>     an empty answer with status n
    /redirect?to=X  302 to X (any address: the fetcher must refuse the bad ones)
    /chain/<n>      n redirects in a row, then /og
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import ssl
import threading
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

OG_PAGE = b"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Plain title of the article</title>
<meta property="og:title" content="Our new plant opens &amp; hires 200 people">
<meta property="og:description" content="  The plant in
  Eindhoven opens in May.  ">
<meta property="og:image" content="/images/plant.jpg">
<meta property="og:site_name" content="Acme News">
<meta name="twitter:title" content="Twitter title (not used: OpenGraph comes first)">
</head><body><p>Article text.</p></body></html>
"""

PLAIN_PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Caf\u00e9 menu \u2013 spring</title>
<meta name="description" content="Cr\u00e8me br\u00fbl\u00e9e is back.">
</head><body>No OpenGraph here.</body></html>
""".encode("cp1252")

HUGE_SIZE = 20 * 2**20
BOMB_SIZE = 50 * 2**20
_PADDING = b"<!-- " + b"x" * 65_000 + b" -->\n"


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * BOMB_SIZE, compresslevel=9)


def tls_contexts(hostname: str, folder: Path) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A throw-away certificate authority and a certificate for `hostname` signed by it:
    (the server's context, a client context that trusts only that authority)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    def build(subject: str, issuer: str, key, signer, *, ca: bool) -> x509.Certificate:
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(subject))
            .issuer_name(name(issuer))
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(hours=1))
            .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        )
        if ca:
            builder = builder.add_extension(
                x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                critical=True,
            ).add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
        else:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False
            ).add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()),
                critical=False,
            )
        return builder.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = build("Local test CA", "Local test CA", ca_key, ca_key, ca=True)
    key = ec.generate_private_key(ec.SECP256R1())
    cert = build(hostname, "Local test CA", key, ca_key, ca=False)
    pem = serialization.Encoding.PEM
    (folder / "cert.pem").write_bytes(cert.public_bytes(pem) + ca.public_bytes(pem))
    (folder / "key.pem").write_bytes(
        key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    client = ssl.create_default_context(cadata=ca.public_bytes(pem).decode())
    return server, client


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


class LocalWeb:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[tuple[str, str]] = []
        self.sni: list[str | None] = []  # server names the TLS clients asked for
        self.scheme = "https" if tls else "http"
        self.stop = threading.Event()
        web = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                web.requests.append((self.path, self.headers.get("Host", "")))
                # The fetcher hangs up on huge and slow pages: that is what it should do.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    web.route(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls:
            tls.sni_callback = lambda _sock, name, _ctx: self.sni.append(name)
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str, host: str = "") -> str:
        return f"{self.scheme}://{host or '127.0.0.1'}:{self.port}{path}"

    def __enter__(self) -> LocalWeb:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()

    def paths(self) -> list[str]:
        return [path for path, _host in self.requests]

    # --- routes -----------------------------------------------------------------------------

    def route(self, h: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(h.path)
        path = parts.path
        html = "text/html; charset=utf-8"
        if path == "/og":
            self.send(h, 200, OG_PAGE, html)
        elif path == "/plain":
            self.send(h, 200, PLAIN_PAGE, "text/html")
        elif path == "/gzip":
            self.send(h, 200, gzip.compress(OG_PAGE), html, {"Content-Encoding": "gzip"})
        elif path == "/deflate":
            self.send(h, 200, zlib.compress(OG_PAGE), html, {"Content-Encoding": "deflate"})
        elif path == "/bomb":
            self.send(h, 200, _bomb(), html, {"Content-Encoding": "gzip"})
        elif path == "/huge":
            self.huge(h)
        elif path == "/slow":
            self.slow(h)
        elif path == "/image":
            self.send(h, 200, PNG, "image/png")
        elif path == "/echo-host":
            host = h.headers.get("Host", "")
            self.send(h, 200, f"<title>{host}</title>".encode(), html)
        elif path.startswith("/status/"):
            self.send(h, int(path.rsplit("/", 1)[1]), b"", html)
        elif path == "/redirect":
            to = parse_qs(parts.query).get("to", ["/og"])[0]
            self.send(h, 302, b"", html, {"Location": to})
        elif path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[1])
            self.send(h, 302, b"", html, {"Location": f"/chain/{n - 1}" if n > 1 else "/og"})
        else:
            self.send(h, 404, b"not here", "text/plain")

    @staticmethod
    def send(
        h: BaseHTTPRequestHandler,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
    ) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)

    def huge(self, h: BaseHTTPRequestHandler) -> None:
        head = OG_PAGE.split(b"<body>")[0] + b"<body>\n"
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(HUGE_SIZE))
        h.end_headers()
        h.wfile.write(head)
        sent = len(head)
        while sent < HUGE_SIZE and not self.stop.is_set():
            chunk = _PADDING[: HUGE_SIZE - sent]
            h.wfile.write(chunk)
            sent += len(chunk)

    def slow(self, h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", "1000000")
        h.end_headers()
        h.wfile.write(b"<html><head>")
        h.wfile.flush()
        # Each byte comes well within any per-read timeout; only an overall deadline ends it.
        # (After 10 s the server gives up, so that a broken deadline fails a test, not hangs.)
        for _ in range(200):
            if self.stop.wait(0.05):
                return
            h.wfile.write(b" ")
            h.wfile.flush()
