"""What the whole-command benchmarks share: timing a command, a synthetic universe written as a
one-project workspace (../shared/tools/synthetic-wheelhouse), and serving an index over loopback.
"""
import contextlib
import os
import socket
import statistics
import subprocess
import sys
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


@contextlib.contextmanager
def served(directory, max_age=None):
    """tests/e2e/tools/index_server.py (http.server with a listen backlog that does not drop
    parallel connections) on a free loopback port; yields the base URL. `max_age`: the
    `Cache-Control: max-age` every response carries (PyPI sends 600 for its pages)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    extra = ["--max-age", str(max_age)] if max_age is not None else []
    server = subprocess.Popen([sys.executable, INDEX_SERVER, "--port", str(port), *extra, directory],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()
