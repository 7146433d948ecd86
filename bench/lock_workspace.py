#!/usr/bin/env python3
"""Time `roost lock` on a 40-root project over the synthetic 300-package universe
(../shared/tools/synthetic-wheelhouse: markers, extras, backtracking traps), served over
loopback by `python3 -m http.server`.

    python3 bench/lock_workspace.py BUILD/roost [RUNS] [GENERATOR ARGS...]

Prints the cold run (empty cache) and the median / best of RUNS warm runs (cache kept, uv.lock
deleted before each run so every run resolves): offline, revalidating every page (the server
sends no Cache-Control), and with pages served `max-age=600` as PyPI does; plus a no-change rerun
(the lock is kept) and `--check`. Issue 5's targets: warm <= 50 ms on the default universe; a 2,000-package universe
with deep backtracking in <= 1 s, e.g.
    python3 bench/lock_workspace.py BUILD/roost 5 --packages 2000 --roots 200 \
        --backtrack-fraction 0.4 --max-depth 12
Generator arguments after RUNS replace the defaults (--packages 300 --roots 40).
Skips, saying so, when ../shared is not there.
"""
import os
import shutil
import sys
import tempfile

from benchlib import GENERATOR, median_text, served, served_by_nginx, synthetic_project, timed


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
        house, project = synthetic_project(work, universe)

        def lock_cmd(base, cache):
            return [roost, "lock", "--index-url", f"{base}/simple",
                    "--cache-dir", os.path.join(work, cache)]

        def resolving_runs(cmd):
            """RUNS timings of `cmd` with uv.lock deleted first, so each run resolves."""
            out = []
            for _ in range(runs):
                os.remove(os.path.join(project, "uv.lock"))
                out.append(timed(cmd, project)[0])
            return out

        with served(house) as base:
            cmd = lock_cmd(base, "cache")
            cold, r = timed(cmd, project)
            print(f"cold (empty cache): {cold:.1f} ms  [{r.stderr.strip().splitlines()[0]}]")
            offline = resolving_runs(cmd + ["--offline"])
            print(f"warm offline (cache only, no revalidation): {median_text(offline)}")
            warm = resolving_runs(cmd)
            print("warm, revalidating every page against index_server.py (Python): "
                  f"{median_text(warm)}")
            same = [timed(cmd, project)[0] for _ in range(runs)]
            print(f"no change (lock kept): {median_text(same)}")
            check = [timed(cmd + ["--check"], project)[0] for _ in range(runs)]
            print(f"--check (lock fresh): {median_text(check)}")
        # The same index as PyPI serves its pages: with `Cache-Control: max-age=600`, a warm
        # cache needs no revalidation for ten minutes.
        with served(house, max_age=600) as base:
            cmd = lock_cmd(base, "cache-max-age")
            timed(cmd, project)  # fills this cache
            print(f"warm, pages with max-age=600 as PyPI's: {median_text(resolving_runs(cmd))}")
        with served_by_nginx(house) as base:
            if base is None:
                print("warm, revalidating against nginx: SKIP (nginx is not installed)")
            else:
                cmd = lock_cmd(base, "cache-nginx")
                timed(cmd, project)  # fills this cache
                print("warm, revalidating every page against nginx: "
                      f"{median_text(resolving_runs(cmd))}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
