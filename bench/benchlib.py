"""What the whole-command benchmarks share: timing a command, a synthetic universe written as a
one-project workspace (../shared/tools/synthetic-wheelhouse), and serving an index over loopback.
"""
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(HERE, "..", "..", "shared")
GENERATOR = os.path.join(SHARED, "tools", "synthetic-wheelhouse")
INDEX_SERVER = os.path.join(HERE, "..", "tests", "e2e", "tools", "index_server.py")


def timed(cmd, cwd, env=None, check=True):
    """(milliseconds, CompletedProcess) of one run; a failure ends the benchmark when `check`."""
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    ms = (time.perf_counter() - start) * 1000
    if check and r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr[-3000:]}")
    return ms, r


def median_text(xs):
    return f"median {statistics.median(xs):.1f} ms, best {min(xs):.1f} ms"


def synthetic_project(work, generator_args):
    """Generates the universe into work/house and a project depending on its roots into
    work/project; returns (house, project)."""
    house = os.path.join(work, "house")
    subprocess.run([sys.executable, GENERATOR, "--out", house, *generator_args], check=True,
                   capture_output=True)
    roots = [l.strip() for l in open(os.path.join(house, "roots.txt")) if l.strip()]
    project = os.path.join(work, "project")
    os.makedirs(project)
    deps = "".join(f'    "{r}",\n' if '"' not in r else f"    '{r}',\n" for r in roots)
    with open(os.path.join(project, "pyproject.toml"), "w") as f:
        f.write(f'[project]\nname = "bench"\nversion = "0.1.0"\n'
                f'requires-python = ">=3.11"\ndependencies = [\n{deps}]\n')
    return house, project


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(argv, url, settle):
    """Runs a server `argv` for the block, `settle` seconds after starting it; yields `url`."""
    server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(settle)
        yield url
    finally:
        server.terminate()
        server.wait()


@contextlib.contextmanager
def served(directory, max_age=None):
    """tests/e2e/tools/index_server.py (http.server with a listen backlog that does not drop
    parallel connections) on a free loopback port; yields the base URL. `max_age`: the
    `Cache-Control: max-age` every response carries (PyPI sends 600 for its pages)."""
    port = free_port()
    extra = ["--max-age", str(max_age)] if max_age is not None else []
    with running([sys.executable, INDEX_SERVER, "--port", str(port), *extra, directory],
                 f"http://127.0.0.1:{port}", 0.5) as url:
        yield url


@contextlib.contextmanager
def served_by_nginx(directory):
    """nginx (when installed) serving `directory` on a free loopback port, without Cache-Control:
    every cached page must be revalidated, by a server fast enough that the client is measured.
    Yields the base URL, or None without nginx."""
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx is None:
        yield None
        return
    port = free_port()
    prefix = tempfile.mkdtemp(prefix="roost-bench-nginx-")
    os.makedirs(os.path.join(prefix, "logs"))
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        # As root nginx's workers would drop to `nobody`, who cannot read the bench's 0700 dirs.
        user = "user root;\n" if os.geteuid() == 0 else ""
        f.write(f"""{user}worker_processes 1;
daemon off;
error_log {prefix}/logs/error.log;
pid {prefix}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body;
  proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi;
  uwsgi_temp_path {prefix}/uwsgi;
  scgi_temp_path {prefix}/scgi;
  types {{ text/html html; }}
  default_type application/octet-stream;
  server {{ listen 127.0.0.1:{port} backlog=1024; root {os.path.abspath(directory)}; index index.html; }}
}}
""")
    try:
        with running([nginx, "-c", conf, "-p", prefix], f"http://127.0.0.1:{port}", 0.3) as url:
            yield url
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
