#!/usr/bin/env python3
"""Times workspace discovery through the real binary (issue 3's targets).

Generates a 1,000-member workspace and a 100-member one under a temp dir, then times
`roost workspace list` at the 1,000-member root and `roost workspace dir` from inside a member of
the 100-member workspace (discovery from a member directory). Prints the median of N runs.
Usage: bench/workspace_discovery.py [ROOST] [RUNS]
"""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time


def make_workspace(root, count):
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "pyproject.toml"), "w") as f:
        f.write('[project]\nname = "root"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
                'dependencies = ["member-0000"]\n'
                '[tool.uv.workspace]\nmembers = ["packages/*"]\n'
                '[tool.uv.sources]\nmember-0000 = { workspace = true }\n')
    for i in range(count):
        d = os.path.join(root, "packages", f"member-{i:04d}")
        os.makedirs(os.path.join(d, "src", f"member_{i:04d}"), exist_ok=True)
        deps = f'"member-{i + 1:04d}", "requests>=2.31"' if i + 1 < count else '"requests>=2.31"'
        with open(os.path.join(d, "pyproject.toml"), "w") as f:
            f.write(f'[project]\nname = "member-{i:04d}"\nversion = "0.1.0"\n'
                    f'requires-python = ">=3.10"\ndependencies = [{deps}]\n'
                    '[dependency-groups]\ndev = ["pytest>=8"]\n'
                    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n'
                    f'[tool.uv.sources]\nmember-{i + 1:04d} = {{ workspace = true }}\n')


def median_ms(cmd, cwd, runs):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)  # warm the page cache
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def median_cpu_ms(cmd, cwd, runs):
    """User + system CPU time of the child, every thread included: steadier than wall-clock time
    on a shared VM, where a second vCPU may wake late or not at all."""
    samples = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        samples.append(cpu * 1000)
    return statistics.median(samples), min(samples)


def main():
    roost = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/roost")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big")
        small = os.path.join(tmp, "small")
        make_workspace(big, 1000)
        make_workspace(small, 100)
        med, best = median_ms([roost, "workspace", "list"], big, runs)
        print(f"workspace list, 1,000 members:         median {med:6.2f} ms  best {best:6.2f} ms  (target <= 20 ms)")
        med, best = median_cpu_ms([roost, "workspace", "list"], big, runs)
        print(f"  its CPU time (user + sys):           median {med:6.2f} ms  best {best:6.2f} ms")
        member = os.path.join(small, "packages", "member-0050", "src", "member_0050")
        med, best = median_ms([roost, "workspace", "dir"], member, runs)
        print(f"discovery from a member, 100 members:  median {med:6.2f} ms  best {best:6.2f} ms  (target <= 5 ms)")
        # Startup alone: what every roost command pays before doing anything (shared libraries
        # mapped by the loader are most of it; libcurl is dlopen'ed for that reason).
        med, best = median_ms([roost, "--version"], member, runs)
        print(f"startup (roost --version):             median {med:6.2f} ms  best {best:6.2f} ms")
        med, best = median_ms(["/bin/true"], member, runs)
        print(f"process spawn baseline (/bin/true):    median {med:6.2f} ms  best {best:6.2f} ms")


if __name__ == "__main__":
    main()
