#!/usr/bin/env python3
"""Times `roost sync` and `roost run` on the synthetic universe (../shared/tools/synthetic-
wheelhouse, 300 packages, 40 roots) served over loopback, side by side with this machine's pip
(and Debian's PDM / Poetry when installed), all from the same local index.

    python3 bench/sync.py BUILD/roost [RUNS] [PEERS]

PEERS: which of pip,pdm,poetry to time beside roost (comma-separated; default all of them).

Prints, as medians of RUNS:
  - roost sync into a fresh venv with a warm cache (the lock exists; .venv deleted each time);
  - `cp -al` of the site-packages that sync produced (issue 6: sync <= 1.5x this);
  - pip install of the same pinned set into a fresh venv, warm pip cache (sync >= 20x faster);
  - PDM / Poetry installs of the same set when `pdm` / `poetry` are on PATH;
  - a no-op roost sync (<= 10 ms) and `roost run -- python -c pass` against bare python (<= +5 ms).
Skips, saying so, when ../shared is not there.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from benchlib import GENERATOR, median_text, served, synthetic_project, timed


def measure_pdm(work, index, pinned):
    """`pdm install` of the pinned set into a fresh .venv, after a first install filled PDM's cache."""
    d = os.path.join(work, "pdm")
    os.makedirs(d)
    deps = "".join(f'    "{n}=={v}",\n' for n, v in pinned)
    with open(os.path.join(d, "pyproject.toml"), "w") as f:
        f.write(f'[project]\nname = "bench"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
                f'dependencies = [\n{deps}]\n\n[[tool.pdm.source]]\nname = "pypi"\n'
                f'url = "{index}"\nverify_ssl = false\n')
    # A config file of its own: PDM 2.2 ignores PDM_CHECK_UPDATE and asks pypi.org after
    # installing (an error offline), and check_update cannot be set per project.
    env = dict(os.environ, PDM_CACHE_DIR=os.path.join(work, "pdmcache"), PDM_IGNORE_SAVED_PYTHON="1",
               PDM_CONFIG_FILE=os.path.join(work, "pdm-config.toml"))
    timed(["pdm", "config", "check_update", "false"], d, env)
    timed(["pdm", "config", "--local", "python.use_venv", "true"], d, env)
    timed(["pdm", "lock"], d, env)
    timed(["pdm", "install", "--no-self"], d, env)
    shutil.rmtree(os.path.join(d, ".venv"), ignore_errors=True)
    # PDM keeps the deleted venv's python in .pdm.toml and fails on it: forget it (untimed).
    for saved in (".pdm.toml", ".pdm-python"):
        if os.path.exists(os.path.join(d, saved)):
            os.remove(os.path.join(d, saved))
    timed(["pdm", "config", "--local", "python.use_venv", "true"], d, env)
    return timed(["pdm", "install", "--no-self"], d, env)[0]


def measure_poetry(work, index, pinned):
    """`poetry install --no-root` of the pinned set into a fresh in-project venv, warm cache."""
    d = os.path.join(work, "poetry")
    os.makedirs(d)
    deps = "".join(f'{n} = "=={v}"\n' for n, v in pinned)
    with open(os.path.join(d, "pyproject.toml"), "w") as f:
        f.write('[tool.poetry]\nname = "bench"\nversion = "0.1.0"\ndescription = ""\n'
                'authors = ["bench <b@example.com>"]\n\n[tool.poetry.dependencies]\n'
                f'python = "^3.11"\n{deps}\n[[tool.poetry.source]]\nname = "local"\n'
                f'url = "{index}"\ndefault = true\n\n[build-system]\n'
                'requires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n')
    env = dict(os.environ, POETRY_CACHE_DIR=os.path.join(work, "poetrycache"),
               POETRY_VIRTUALENVS_IN_PROJECT="true", POETRY_NO_INTERACTION="1")
    timed(["poetry", "lock", "--no-update"], d, env)
    timed(["poetry", "install", "--no-root"], d, env)
    shutil.rmtree(os.path.join(d, ".venv"), ignore_errors=True)
    return timed(["poetry", "install", "--no-root"], d, env)[0]


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    roost = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    peers = set((sys.argv[3] if len(sys.argv) > 3 else "pip,pdm,poetry").split(","))
    if not os.path.exists(GENERATOR):
        print(f"SKIP: {GENERATOR} not found (needs ../shared)")
        return
    work = tempfile.mkdtemp(prefix="roost-sync-bench-")
    try:
        house, project = synthetic_project(work, ["--packages", "300", "--roots", "40"])
        with served(house) as base:
            measure_all(roost, runs, work, project, f"{base}/simple", peers)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def measure_all(roost, runs, work, project, index, peers):
    flags = ["--index-url", index, "--cache-dir", os.path.join(work, "cache")]
    venv = os.path.join(project, ".venv")

    ms, r = timed([roost, "sync", *flags], project)
    installed = [l[3:] for l in r.stderr.splitlines() if l.startswith(" + ")]
    print(f"roost sync, cold cache (lock + download + install): {ms:.1f} ms, "
          f"{len(installed)} packages")
    fresh = []
    for _ in range(runs):
        shutil.rmtree(venv)
        fresh.append(timed([roost, "sync", *flags], project)[0])
    print(f"roost sync into a fresh venv, warm cache: {median_text(fresh)}")

    site = subprocess.run([os.path.join(venv, "bin", "python"), "-c",
                           "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    copies = []
    for i in range(runs):
        dest = os.path.join(work, f"copy{i}")
        copies.append(timed(["cp", "-al", site, dest], work)[0])
    print(f"cp -al of that site-packages: {median_text(copies)}  "
          f"(sync / cp -al = {statistics.median(fresh) / statistics.median(copies):.2f}x)")

    noop = [timed([roost, "sync", *flags], project)[0] for _ in range(runs * 4)]
    print(f"no-op roost sync: {median_text(noop)}")
    py = os.path.join(venv, "bin", "python")
    bare = [timed([py, "-c", "pass"], project)[0] for _ in range(runs * 4)]
    run = [timed([roost, "run", *flags, "--", "python", "-c", "pass"], project)[0]
           for _ in range(runs * 4)]
    print(f"python -c pass: {median_text(bare)}; roost run -- python -c pass: {median_text(run)} "
          f"(+{statistics.median(run) - statistics.median(bare):.1f} ms)")

    pins = os.path.join(work, "pins.txt")
    with open(pins, "w") as f:
        f.write("\n".join(p for p in installed if not p.startswith("bench==")) + "\n")
    pinned = [p.split("==") for p in installed if not p.startswith("bench==")]
    if "pip" in peers:
        measure_pip(runs, work, index, pins, fresh)
    for tool, measure in (("pdm", measure_pdm), ("poetry", measure_poetry)):
        if tool not in peers:
            continue
        if not shutil.which(tool):
            print(f"{tool}: not installed (apt-get install python3-{tool})")
            continue
        try:
            ms = measure(work, index, pinned)
            print(f"{tool} install of the same pins into a fresh venv, warm cache: {ms:.1f} ms "
                  f"({tool} / roost sync = {ms / statistics.median(fresh):.1f}x)")
        except SystemExit as e:
            print(f"{tool}: failed: {str(e)[:400]}")


def measure_pip(runs, work, index, pins, fresh):
    """pip install --no-deps of the pinned list into a fresh venv; the first run fills the cache."""
    pip_venv = os.path.join(work, "pipvenv")
    pip_env = dict(os.environ, PIP_CACHE_DIR=os.path.join(work, "pipcache"),
                   PIP_DISABLE_PIP_VERSION_CHECK="1")
    pip_times = []
    for i in range(max(2, runs // 2) + 1):
        shutil.rmtree(pip_venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", pip_venv], check=True)
        ms, _ = timed([os.path.join(pip_venv, "bin", "pip"), "install", "-q", "--no-deps",
                       "--index-url", index, "-r", pins], work, pip_env)
        if i > 0:  # the first run fills pip's cache
            pip_times.append(ms)
    print(f"pip install of the same pins into a fresh venv, warm pip cache: "
          f"{median_text(pip_times)}  (pip / roost sync = "
          f"{statistics.median(pip_times) / statistics.median(fresh):.1f}x)")


if __name__ == "__main__":
    main()
