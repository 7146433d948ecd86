#!/usr/bin/env python3
"""Times index metadata fetching through the real binary (issue 4's speed targets).

Generates a PEP 503 index of N projects (one wheel each, with a PEP 658 `.metadata` file and
`data-core-metadata` hashes), serves it on 127.0.0.1 with nginx (a production-grade server; the
Python fallback tops out near 700 requests/s, slower than roost asks), then times
`roost debug index P1 ... PN --metadata` with an empty cache (cold: N pages + N metadata files
over the network) and again with the cache warm and within max-age (no request at all).
Usage: bench/index_metadata.py [ROOST] [PROJECTS] [RUNS]
"""
import hashlib
import http.server
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connection reuse, as a real index allows

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the listen backlog: 5 (the default) drops SYNs under 32 connects


def make_index(root, count):
    for i in range(count):
        name = f"pkg{i:04d}"
        meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0.0\nRequires-Dist: six\n".encode()
        wheel = f"{name}-1.0.0-py3-none-any.whl"
        files = os.path.join(root, "files")
        os.makedirs(files, exist_ok=True)
        with open(os.path.join(files, wheel), "wb") as f:
            f.write(b"wheel bytes " + name.encode())
        with open(os.path.join(files, wheel + ".metadata"), "wb") as f:
            f.write(meta)
        page = os.path.join(root, "simple", name)
        os.makedirs(page, exist_ok=True)
        with open(os.path.join(page, "index.html"), "w") as f:
            f.write(f'<a href="../../files/{wheel}" data-core-metadata="sha256='
                    f'{hashlib.sha256(meta).hexdigest()}">{wheel}</a>\n')


NGINX_CONF = """
worker_processes 2;
daemon off;
pid {root}/nginx.pid;
error_log {root}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {root}/tmp-body;
    proxy_temp_path {root}/tmp-proxy;
    fastcgi_temp_path {root}/tmp-fastcgi;
    uwsgi_temp_path {root}/tmp-uwsgi;
    scgi_temp_path {root}/tmp-scgi;
    types {{ text/html html; }}
    default_type application/octet-stream;
    keepalive_requests 10000;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        add_header Cache-Control "max-age=600";
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root):
    """nginx when installed (`scripts/install-deps bench`), else Python's threading server."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx:
        port = free_port()
        os.chmod(root, 0o755)  # nginx workers may run as another user
        conf = os.path.join(root, "nginx.conf")
        with open(conf, "w") as f:
            f.write(NGINX_CONF.format(root=root, port=port))
        proc = subprocess.Popen([nginx, "-c", conf], stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                return f"http://127.0.0.1:{port}/simple", "nginx", proc.terminate
            except OSError:
                time.sleep(0.05)
        proc.terminate()
    handler = lambda *a, **k: Handler(*a, directory=root, **k)
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/simple", "python http.server", server.shutdown


def main():
    roost = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/roost")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    with tempfile.TemporaryDirectory() as tmp:
        make_index(tmp, count)
        url, server_name, stop = start_server(tmp)
        names = [f"pkg{i:04d}" for i in range(count)]
        cache = os.path.join(tmp, "cache")
        cmd = [roost, "debug", "index", *names, "--metadata", "--index-url", url, "--cache-dir", cache]
        if os.environ.get("NO_CACHE"):
            cmd = [roost, "debug", "index", *names, "--metadata", "--index-url", url, "--no-cache"]
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            start = time.perf_counter()
            out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            cold.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            warm.append((time.perf_counter() - start) * 1000)
        lines = out.stdout.decode().count("metadata-bytes=")
        print(f"{count} projects, {lines} metadata files checked, served by {server_name}")
        print(f"cold cache: median {statistics.median(cold):7.1f} ms  best {min(cold):7.1f} ms  (target <= 300 ms)")
        print(f"warm cache: median {statistics.median(warm):7.1f} ms  best {min(warm):7.1f} ms  (target <= 30 ms)")
        stop()


if __name__ == "__main__":
    main()
