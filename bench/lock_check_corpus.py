#!/usr/bin/env python3
"""Times a no-change `roost lock --check` (whole process) on every corpus workspace in
../shared/conformance/uv-workspaces (issue 5's target: <= 10 ms each).

    python3 bench/lock_check_corpus.py BUILD/roost [RUNS]

Each workspace is copied to a temp dir; the median of RUNS runs is printed per workspace with
the exit code (1 = roost judged the lock stale or unverifiable: those are listed, not hidden),
then the slowest median and how many met the target. Skips when ../shared is not there.
"""
import os
import shutil
import statistics
import sys
import tempfile

from benchlib import SHARED, timed

CORPUS = os.path.join(SHARED, "conformance", "uv-workspaces")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    roost = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    if not os.path.isdir(CORPUS):
        print(f"SKIP: {CORPUS} not found (needs ../shared)")
        return
    work = tempfile.mkdtemp(prefix="roost-check-bench-")
    results = []
    try:
        locks = sorted(os.path.relpath(root, CORPUS) for root, _, files in os.walk(CORPUS)
                       if "uv.lock" in files)
        for name in locks:
            src = os.path.join(CORPUS, name)
            dst = os.path.join(work, name.replace(os.sep, "__"))
            shutil.copytree(src, dst)
            for root, dirs, files in os.walk(dst):
                os.chmod(root, 0o755)
                for f in files:
                    os.chmod(os.path.join(root, f), 0o644)
            cmd = [roost, "lock", "--check", "--offline", "--no-cache"]
            times, code = [], 0
            for _ in range(runs):
                ms, r = timed(cmd, dst, check=False)
                times.append(ms)
                code = r.returncode
            size = os.path.getsize(os.path.join(src, "uv.lock"))
            results.append((name, statistics.median(times), code, size))
            print(f"{statistics.median(times):7.1f} ms  exit {code}  {size / 1e6:6.2f} MB  {name}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    fresh = [r for r in results if r[2] == 0]
    print(f"\n{len(results)} workspaces; {len(fresh)} judged fresh (exit 0)")
    if fresh:
        slowest = max(fresh, key=lambda r: r[1])
        within = sum(1 for r in fresh if r[1] <= 10.0)
        print(f"fresh ones: slowest median {slowest[1]:.1f} ms ({slowest[0]}), "
              f"{within}/{len(fresh)} within 10 ms")
    for name, ms, code, _ in results:
        if code != 0:
            print(f"  exit {code}: {name}")


if __name__ == "__main__":
    main()
