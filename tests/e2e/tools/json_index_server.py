#!/usr/bin/env python3
"""`python3 -m http.server`, plus PEP 691 content negotiation: a directory request that accepts
`application/vnd.pypi.simple.v1+json` gets the directory's index.json (make_index.py writes it)
instead of its index.html. Prints http.server's "Serving HTTP on ... port N" line.

    json_index_server.py DIRECTORY
"""
import functools
import http.server
import os
import sys

JSON = "application/vnd.pypi.simple.v1+json"


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        page = os.path.join(path, "index.json")
        if (JSON in self.headers.get("Accept", "") and self.path.split("?")[0].endswith("/")
                and os.path.isfile(page)):
            f = open(page, "rb")
            self.send_response(200)
            self.send_header("Content-Type", JSON)
            self.send_header("Content-Length", str(os.fstat(f.fileno()).st_size))
            self.end_headers()
            return f
        return super().send_head()


if __name__ == "__main__":
    handler = functools.partial(Handler, directory=sys.argv[1])
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        print(f"Serving HTTP on 127.0.0.1 port {server.server_address[1]} "
              f"(http://127.0.0.1:{server.server_address[1]}/) ...", flush=True)
        server.serve_forever()
