#!/usr/bin/env python3
"""A small HTTP/1.1 server that injects faults, for roost's transport tests (stdlib only).

Binds 127.0.0.1 on a free port and prints that port as the first stdout line. An optional first
argument is a directory served under /files/. Paths:
  /ok/<name>          200 "ok <name>\n"
  /flaky/<id>?fail=N  500 the first N (default 2) times per id, then 200 "attempts=<k>"
  /truncated/<id>     Content-Length larger than the body, then the connection is closed
  /count/<id>         how many requests /flaky, /truncated or /ratelimit saw for <id>
  /slow?s=S           waits S seconds (default 3) before answering 200
  /held/<id>?s=S      waits S seconds (default 0.5) while counted as in progress, then 200
  /max-held           the most /held requests seen in progress at once (then resets it)
  /redirect-loop      302 to itself
  /redirect/<n>       302 chain of n hops ending at /ok/redirected
  /ratelimit/<id>     429 with Retry-After: 1 the first time per id, then 200
  /gzip               a gzip-encoded body with Content-Encoding: gzip
  /auth               401 unless Basic credentials user:pass are given
  /headers            the request headers as a JSON object (names lowercased)
  /range              100 bytes "0123456789" * 10; honours "Range: bytes=a-b" with 206
  /peer               the client's source port, to observe connection reuse
  /files/<name>       a file from the directory given as argv[1]; honours "Range: bytes=a-b",
                      "bytes=a-" and "bytes=-n" with 206 + Content-Range (416 when unsatisfiable);
                      ?norange=1 ignores Range and sends 200 with the whole file
"""
import os
import base64
import gzip
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

COUNTS = {}
LOCK = threading.Lock()
RANGE_BODY = b"0123456789" * 10
FILES_DIR = None


HELD = {"now": 0, "max": 0}


def hit(key):
    with LOCK:
        COUNTS[key] = COUNTS.get(key, 0) + 1
        return COUNTS[key]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so clients can reuse connections

    def log_message(self, *args):  # tests read stdout; keep it to the port line
        pass

    def send(self, status, body=b"", headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        head, arg = parts[0], "/".join(parts[1:])
        if head == "ok":
            self.send(200, f"ok {arg}\n", [("Content-Type", "text/plain")])
        elif head == "flaky":
            n = hit(url.path)
            if n <= int(query.get("fail", ["2"])[0]):
                self.send(500, "try again\n")
            else:
                self.send(200, f"attempts={n}")
        elif head == "count":
            with LOCK:
                total = sum(v for k, v in COUNTS.items() if k.split("/")[-1] == arg)
            self.send(200, str(total))
        elif head == "truncated":
            hit(url.path)
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"only ten b")
            self.wfile.flush()
            self.close_connection = True
        elif head == "held":
            with LOCK:
                HELD["now"] += 1
                HELD["max"] = max(HELD["max"], HELD["now"])
            time.sleep(float(query.get("s", ["0.5"])[0]))
            with LOCK:
                HELD["now"] -= 1
            self.send(200, "held\n")
        elif head == "max-held":
            with LOCK:
                most, HELD["max"] = HELD["max"], 0
            self.send(200, str(most))
        elif head == "slow":
            time.sleep(float(query.get("s", ["3"])[0]))
            self.send(200, "slow\n")
        elif head == "redirect-loop":
            self.send(302, "", [("Location", "/redirect-loop")])
        elif head == "redirect":
            n = int(arg)
            self.send(302, "", [("Location", f"/redirect/{n - 1}" if n > 1 else "/ok/redirected")])
        elif head == "ratelimit":
            if hit(url.path) == 1:
                self.send(429, "slow down\n", [("Retry-After", "1")])
            else:
                self.send(200, "thanks\n")
        elif head == "gzip":
            self.send(200, gzip.compress(b"hello gzip\n" * 100), [("Content-Encoding", "gzip")])
        elif head == "auth":
            want = "Basic " + base64.b64encode(b"user:pass").decode()
            if self.headers.get("Authorization") == want:
                self.send(200, "authorized\n")
            else:
                self.send(401, "who are you\n", [("WWW-Authenticate", 'Basic realm="roost"')])
        elif head == "headers":
            body = json.dumps({k.lower(): v for k, v in self.headers.items()})
            self.send(200, body, [("Content-Type", "application/json")])
        elif head == "range":
            m = re.fullmatch(r"bytes=(\d+)-(\d+)", self.headers.get("Range", ""))
            if m:
                a, b = int(m.group(1)), min(int(m.group(2)), len(RANGE_BODY) - 1)
                self.send(206, RANGE_BODY[a:b + 1],
                          [("Content-Range", f"bytes {a}-{b}/{len(RANGE_BODY)}")])
            else:
                self.send(200, RANGE_BODY, [("Accept-Ranges", "bytes")])
        elif head == "files":
            self.serve_file(arg, query)
        elif head == "peer":
            self.send(200, str(self.client_address[1]))
        else:
            self.send(404, "not found\n")


    def serve_file(self, name, query):
        if FILES_DIR is None or "/" in name or name.startswith("."):
            self.send(404, "not found\n")
            return
        try:
            with open(os.path.join(FILES_DIR, name), "rb") as f:
                body = f.read()
        except OSError:
            self.send(404, "not found\n")
            return
        m = re.fullmatch(r"bytes=(\d*)-(\d*)", self.headers.get("Range", ""))
        if not m or query.get("norange") or not (m.group(1) or m.group(2)):
            self.send(200, body, [("Accept-Ranges", "bytes")])
            return
        size = len(body)
        if m.group(1):
            a = int(m.group(1))
            b = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
        else:
            a, b = max(size - int(m.group(2)), 0), size - 1
        if a >= size or a > b:
            self.send(416, "", [("Content-Range", f"bytes */{size}")])
            return
        self.send(206, body[a:b + 1], [("Content-Range", f"bytes {a}-{b}/{size}")])


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 makes bursts of connects wait for SYN retries


def main():
    global FILES_DIR
    if len(sys.argv) > 1:
        FILES_DIR = sys.argv[1]
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
