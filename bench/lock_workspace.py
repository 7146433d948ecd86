#!/usr/bin/env python3
"""Time `roost lock` on a 40-root project over the synthetic 300-package universe
(../shared/tools/synthetic-wheelhouse: markers, extras, backtracking traps), served over
loopback by `python3 -m http.server`.

    python3 bench/lock_workspace.py BUILD/roost [RUNS] [GENERATOR ARGS...]

Prints the cold run (empty cache) and the median / best of RUNS warm runs (cache kept, uv.lock
deleted before each run so every run resolves), plus a no-change rerun (the lock is kept) and
`--check`. Issue 5's targets: warm <= 50 ms on the default universe; a 2,000-package universe
with deep backtracking in <= 1 s, e.g.
    python3 bench/lock_workspace.py BUILD/roost 5 --packages 2000 --roots 200 \
        --backtrack-fraction 0.4 --max-depth 12
Generator arguments after RUNS replace the defaults (--packages 300 --roots 40).
Skips, saying so, when ../shared is not there.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "..", "shared", "tools", "synthetic-wheelhouse")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd, cwd):
    start = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stderr}")
    return elapsed, r.stderr


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    roost = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    universe = sys.argv[3:] or ["--packages", "300", "--roots", "40"]
    if not os.path.exists(GENERATOR):
        print(f"SKIP: {GENERATOR} not found (needs ../shared)")
        return
    work = tempfile.mkdtemp(prefix="roost-lock-bench-")
    try:
        house = os.path.join(work, "house")
        subprocess.run([sys.executable, GENERATOR, "--out", house, *universe], check=True,
                       capture_output=True)
        roots = [l.strip() for l in open(os.path.join(house, "roots.txt")) if l.strip()]
        project = os.path.join(work, "project")
        os.makedirs(project)
        deps = "".join(f"    {r!r},\n".replace("'", '"') if '"' not in r else f"    '{r}',\n"
                       for r in roots)
        with open(os.path.join(project, "pyproject.toml"), "w") as f:
            f.write(f'[project]\nname = "bench"\nversion = "0.1.0"\n'
                    f'requires-python = ">=3.11"\ndependencies = [\n{deps}]\n')
        port = free_port()
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                                   "127.0.0.1", "--directory", house],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            time.sleep(0.5)
            cmd = [roost, "lock", "--index-url", f"http://127.0.0.1:{port}/simple",
                   "--cache-dir", os.path.join(work, "cache")]
            cold, err = timed(cmd, project)
            print(f"cold (empty cache): {cold:.1f} ms  [{err.strip().splitlines()[0]}]")
            offline = []
            for _ in range(runs):
                os.remove(os.path.join(project, "uv.lock"))
                offline.append(timed(cmd + ["--offline"], project)[0])
            print(f"warm offline (cache only, no revalidation): median {statistics.median(offline):.1f} ms, best {min(offline):.1f} ms")
            warm = []
            for _ in range(runs):
                os.remove(os.path.join(project, "uv.lock"))
                ms, err = timed(cmd, project)
                warm.append(ms)
            print(f"warm ({runs} runs, resolves each time): median {statistics.median(warm):.1f} "
                  f"ms, best {min(warm):.1f} ms  [{err.strip().splitlines()[0]}]")
            same = [timed(cmd, project)[0] for _ in range(runs)]
            print(f"no change (lock kept): median {statistics.median(same):.1f} ms, "
                  f"best {min(same):.1f} ms")
            check = [timed(cmd + ["--check"], project)[0] for _ in range(runs)]
            print(f"--check (lock fresh): median {statistics.median(check):.1f} ms, "
                  f"best {min(check):.1f} ms")
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
