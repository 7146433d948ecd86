#!/usr/bin/env python3
"""`python3 -m http.server` for test and benchmark indexes, with two changes:

- a listen backlog of 1024 instead of socketserver's 5: a client opening dozens of connections
  at once (as roost's parallel index requests do) otherwise has SYNs dropped and waits a second
  for each retransmission, which measures the test server, not the client;
- with --max-age N, `Cache-Control: max-age=N` on every response, as PyPI sends (600) for its
  pages;
- with --json, PEP 691 content negotiation: a directory request that accepts
  `application/vnd.pypi.simple.v1+json` gets the directory's index.json (make_index.py writes
  it, with PEP 700 upload times) instead of its index.html.

Prints http.server's "Serving HTTP on 127.0.0.1 port N ..." line.

    index_server.py [--json] [--max-age N] [--port N] DIRECTORY
"""
import argparse
import functools
import http.server
import os

JSON = "application/vnd.pypi.simple.v1+json"


class Handler(http.server.SimpleHTTPRequestHandler):
    serve_json = False
    max_age = None

    def end_headers(self):
        if self.max_age is not None:
            self.send_header("Cache-Control", f"max-age={self.max_age}")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        page = os.path.join(path, "index.json")
        if (self.serve_json and JSON in self.headers.get("Accept", "")
                and self.path.split("?")[0].endswith("/") and os.path.isfile(page)):
            f = open(page, "rb")
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
            self.end_headers()
            return f
        return super().send_head()

    def log_message(self, format, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--max-age", type=int)
    parser.add_argument("directory")
    args = parser.parse_args()
    Handler.serve_json = args.json
    Handler.max_age = args.max_age
    handler = functools.partial(Handler, directory=args.directory)
    with Server(("127.0.0.1", args.port), handler) as server:
        port = server.server_address[1]
        print(f"Serving HTTP on 127.0.0.1 port {port} (http://127.0.0.1:{port}/) ...", flush=True)
        server.serve_forever()


if __name__ == "__main__":
    main()
