"""Bytes on the wire for one student: a first visit of Home and then Knobs, in a fresh Chromium context.

    python scripts/wire_bytes.py                  # direct, nginx without gzip, nginx with deploy/'s gzip
    python scripts/wire_bytes.py --json

One `streamlit run app.py` of this tree; in front of it, for the nginx set-ups, a real nginx (not a test
dependency: `apt-get install nginx`) started from deploy/nginx.conf.template with one replica, as
deploy/replicas.sh writes it, once as it is and once with its gzip lines taken out. For each set-up a fresh
browser context opens Home, waits until it is ready (scripts/page_speed.py's test: script finished, nothing
stale, figures drawn), clicks Knobs in the sidebar and waits again. Counted from Chromium's own network
events (CDP): every HTTP response's bytes as transferred (``Network.loadingFinished``'s
``encodedDataLength``: headers and body, compressed if it was), and the websocket's messages (their
payloads, as Chromium hands them over: uncompressed). Behind nginx, what nginx itself sent is counted too
(its log's ``$bytes_sent``), the websocket included: that is the real size on the wire. The server's
websocket compression (``server.enableWebsocketCompression``) is as .streamlit/config.toml sets it, or
``--ws-compression on|off``.
"""
from __future__ import annotations

import argparse
import base64
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE))

from scripts.page_speed import FINISHED_RUNS_JS, LOAD_JS, VIEWPORT, click, load, server_of  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,  # noqa: E402
)

TEMPLATE = HERE / "deploy" / "nginx.conf.template"
GZIP_LINE = re.compile(r"^\s*gzip\w*\s.*$\n", re.MULTILINE)


def nginx_config(run: Path, port: int, upstream_port: int, gzip: bool) -> str:
    """deploy/nginx.conf.template filled in as deploy/replicas.sh does (one replica); without gzip if asked."""
    text = TEMPLATE.read_text().replace("__RUN__", str(run)).replace("__PORT__", f"127.0.0.1:{port}")
    text = text.replace("__SERVERS__", f"        server 127.0.0.1:{upstream_port};")
    # what nginx itself sent, per request (the websocket's line comes when it closes): the bytes on the wire
    text = text.replace("access_log off;", f"log_format sent '$bytes_sent $request_uri';\n    access_log {run}/sent.log sent;")
    return text if gzip else GZIP_LINE.sub("", text)


class Nginx:
    """nginx in front of ``upstream_port``, in its own folder, stopped by its own pid file."""

    def __init__(self, upstream_port: int, gzip: bool, log_dir: Path):
        self.binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self.run = Path(tempfile.mkdtemp(prefix="nginx-", dir=log_dir))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.conf = self.run / "nginx.conf"
        self.conf.write_text(nginx_config(self.run, self.port, upstream_port, gzip))
        subprocess.run([self.binary, "-p", str(self.run), "-c", str(self.conf), "-e", str(self.run / "error.log")],
                       check=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise TimeoutError("nginx did not answer")

    def stop(self) -> None:
        subprocess.run([self.binary, "-p", str(self.run), "-c", str(self.conf), "-e", str(self.run / "error.log"),
                        "-s", "quit"], check=False)
        pid = self.run / "nginx.pid"
        deadline = time.monotonic() + 20
        while pid.exists() and time.monotonic() < deadline:   # gone once its last line is written
            time.sleep(0.1)

    def sent(self) -> dict:
        """Bytes nginx sent: all of it, and the websocket's part (``/_stcore/stream``)."""
        lines = [line.split(" ", 1) for line in (self.run / "sent.log").read_text().splitlines() if line]
        return {"nginx_sent_bytes": sum(int(n) for n, _ in lines),
                "nginx_websocket_bytes": sum(int(n) for n, uri in lines if uri.startswith("/_stcore/stream"))}


def student_visit(browser, url: str) -> dict:
    """A fresh context: Home, then Knobs from the sidebar; the bytes Chromium received."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(FINISHED_RUNS_JS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    http = {"bytes": 0, "requests": 0, "largest": (0, "")}
    websocket = {"bytes": 0, "messages": 0}
    urls = {}

    def response(event):
        urls[event["requestId"]] = event["response"]["url"]

    def finished(event):
        size = int(event["encodedDataLength"])
        http["bytes"] += size
        http["requests"] += 1
        if size > http["largest"][0]:
            http["largest"] = (size, urls.get(event["requestId"], "?").rsplit("/", 1)[-1])

    def frame(event):
        payload = event["response"]["payloadData"]
        websocket["bytes"] += len(base64.b64decode(payload)) if event["response"]["opcode"] == 2 else len(payload)
        websocket["messages"] += 1

    cdp.on("Network.responseReceived", response)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.webSocketFrameReceived", frame)
    try:
        page.goto(url, wait_until="commit")
        page.evaluate(LOAD_JS, 60_000)
        click(page, "/knobs", 60_000)
        page.wait_for_timeout(500)   # the last responses' loadingFinished events
    finally:
        context.close()
    return {"http_bytes": http["bytes"], "http_requests": http["requests"], "largest": list(http["largest"]),
            "websocket_bytes": websocket["bytes"], "websocket_messages": websocket["messages"],
            "total_bytes": http["bytes"] + websocket["bytes"]}


def measure(setups: list[str], ws_compression: str, log_dir: Path) -> dict:
    from playwright.sync_api import sync_playwright

    results = {"load": [load()], "websocket_compression": ws_compression}
    extra = () if ws_compression == "config" else \
        ("--server.enableWebsocketCompression", "true" if ws_compression == "on" else "false")
    server = server_of(HERE, "app.py", log_dir, extra=extra)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            student_visit(browser, server.url)   # the server's first visitor fills its caches; not counted
            for setup in setups:
                proxy = Nginx(server.port, gzip=setup == "nginx-gzip", log_dir=log_dir) if setup != "direct" else None
                try:
                    results[setup] = student_visit(browser, proxy.url if proxy else server.url)
                finally:
                    if proxy:
                        proxy.stop()
                if proxy:
                    results[setup].update(proxy.sent())
            browser.close()
    finally:
        server.stop()
    results["load"].append(load())
    return results


def counted(row: dict, name: str) -> str:
    return f"{row[name]:,}" if name in row else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--setups", default="direct,nginx-plain,nginx-gzip")
    parser.add_argument("--ws-compression", choices=("config", "on", "off"), default="config",
                        help="the server's websocket compression (default: as .streamlit/config.toml says)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        result = measure(args.setups.split(","), args.ws_compression, Path(logs))
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(f"load before: {result['load'][0]}; websocket compression: {args.ws_compression}")
    print("bytes Chromium received (HTTP as transferred; websocket: message payloads), and what nginx sent")
    print(f"{'set-up':12} {'HTTP':>11} {'requests':>9} {'websocket':>10} {'total':>11} {'nginx sent':>11} "
          f"{'(websocket)':>11}   largest response")
    for setup in args.setups.split(","):
        r = result[setup]
        print(f"{setup:12} {r['http_bytes']:>11,} {r['http_requests']:>9} {r['websocket_bytes']:>10,} "
              f"{r['total_bytes']:>11,} {counted(r, 'nginx_sent_bytes'):>11} {counted(r, 'nginx_websocket_bytes'):>11}   "
              f"{r['largest'][1]} ({r['largest'][0]:,})")
    print(f"load after: {result['load'][1]}")


if __name__ == "__main__":
    main()
