#!/usr/bin/env python3
"""Run the packse resolver scenarios through roost and compare with uv's recorded outcomes.

Usage:
    run_scenarios.py ROOST_BINARY [--scenarios DIR] [--outcomes FILE] [--only GLOB]...
                     [--report FILE] [--expect-pass FILE] [--jobs N] [--keep DIR] [-v]

Builds one local index per scenario (make_indexes.py) in a temporary directory,
then runs every scenario uv has a generated test for, the way uv's test did:

  lock     pyproject.toml = the outcome's pyproject_toml;
           `roost lock --index-url file://<scenario>/simple`; uv.lock is compared
           with the outcome's lock summary.
  install  requirements.in = the requirement strings of uv's `pip install` args;
  compile  requirements.in = the outcome's requirements_in;
           `roost pip compile requirements.in --index-url ... --python-version X.Y`
           (+ --universal, --prerelease, --resolution, --python-platform,
           --no-binary, --only-binary as uv got them); the `name==version [; marker]`
           lines on stdout are compared with what uv installed / compiled.

The exit code must match uv's (0, or 1 for "no solution"; then stderr must
explain). Scenarios uv does not test (testgen.disable) are listed and skipped.

--expect-pass FILE lists scenario paths ("fork/basic.toml") that must pass: the
script fails if any of them does not (a regression gate) and lists passing
scenarios missing from FILE so it can be extended. Without it the exit code is 0
whatever the results. --report FILE writes the table and the misses as markdown.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare  # noqa: E402
import make_indexes  # noqa: E402
from markers import MarkerOracle  # noqa: E402

TIMEOUT = 20  # seconds per roost run
VALUE_FLAGS = ("--no-binary", "--only-binary", "--prerelease", "--python-platform", "--python-version",
               "--resolution")


class Result:
    def __init__(self, scenario: dict, ok: bool, reason: str = "", details: list[str] | None = None):
        self.scenario, self.ok, self.reason, self.details = scenario, ok, reason, details or []
        self.path, self.category = scenario["path"], scenario["category"]
        self.kind = (scenario["uv_outcome"] or {}).get("kind", scenario["kind"])


def split_args(args: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """uv's extra CLI args -> ({--flag: [values]}, requirement strings)."""
    flags: dict[str, list[str]] = defaultdict(list)
    reqs = []
    i = 0
    while i < len(args):
        arg = args[i]
        name, eq, value = arg.partition("=")
        if name in VALUE_FLAGS:
            if not eq:
                i += 1
                value = args[i]
            flags[name].append(value)
        elif arg.startswith("--"):
            flags[arg].append("")
        else:
            reqs.append(arg)
        i += 1
    return flags, reqs


def flag_args(flags: dict[str, list[str]]) -> list[str]:
    return [f"{name}={v}" if v else name for name, values in flags.items() for v in values]


def resolver_flags(scenario: dict, flags: dict[str, list[str]]) -> dict[str, list[str]]:
    """Add what resolver_options ask for and uv's args do not already say."""
    ro = scenario["resolver_options"]
    if ro["prereleases"] and "--prerelease" not in flags:
        flags["--prerelease"].append("allow")
    if ro["resolution"] and "--resolution" not in flags:
        flags["--resolution"].append(ro["resolution"])
    return flags


def run(cmd: list[str], cwd: Path, env: dict[str, str], verbose: bool) -> subprocess.CompletedProcess | str:
    if verbose:
        print(f"+ (cd {cwd} && {' '.join(cmd)})", file=sys.stderr)
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"timed out after {TIMEOUT} s"
    except OSError as e:
        return f"cannot run roost: {e}"


def first_line(text: str) -> str:
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[0][:160] if lines else "(no output)"


def check_exit(proc, expected: int) -> str | None:
    """Why the exit status is wrong, or None."""
    if isinstance(proc, str):
        return proc
    if proc.returncode != expected:
        what = "succeeded" if proc.returncode == 0 else f"exit {proc.returncode}: {first_line(proc.stderr)}"
        return f"{what} (uv: exit {expected})"
    if expected == 1 and sum(c.isalpha() for c in proc.stderr) < 10:
        return "exit 1 without an explanation on stderr"
    return None


def run_lock(scenario: dict, roost: str, work: Path, env: dict[str, str], oracle: MarkerOracle, verbose: bool) -> Result:
    outcome = scenario["uv_outcome"]
    (work / "pyproject.toml").write_text(outcome["pyproject_toml"], encoding="utf-8")
    flags = resolver_flags(scenario, split_args(outcome.get("args") or [])[0])
    cmd = [roost, "--color", "never", "lock", "--index-url", f"file://{scenario['dir']}/simple", *flag_args(flags)]
    proc = run(cmd, work, env, verbose)
    if (why := check_exit(proc, outcome["exit_code"])) is not None:
        return Result(scenario, False, why)
    if outcome["exit_code"] != 0:
        return Result(scenario, True)
    lock_file = work / "uv.lock"
    if not lock_file.exists():
        return Result(scenario, False, "exit 0 but no uv.lock written")
    if outcome["lock"] is None:  # uv's test snapshots no lock here; success is all we know
        return Result(scenario, True)
    try:
        got = compare.summarize_lock(lock_file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        return Result(scenario, False, f"uv.lock is not valid TOML: {e}")
    problems = compare.compare_lock(outcome["lock"], got, oracle)
    return Result(scenario, not problems, problems[0] if problems else "", problems)


def run_pip_compile(scenario: dict, roost: str, work: Path, env: dict[str, str], oracle: MarkerOracle,
                    verbose: bool) -> Result:
    outcome = scenario["uv_outcome"]
    flags, reqs = split_args(outcome.get("args") or [])
    if outcome["kind"] == "compile":
        reqs = outcome["requirements_in"]
    flags = resolver_flags(scenario, flags)
    ro = scenario["resolver_options"]
    if "--python-version" not in flags:
        flags["--python-version"].append(ro["python"] or outcome["python"])
    if ro["universal"] and "--universal" not in flags:
        flags["--universal"].append("")
    if ro["python_platform"] and "--python-platform" not in flags:
        flags["--python-platform"].append(ro["python_platform"])
    elif outcome["kind"] == "install" and "--python-platform" not in flags:
        # uv installed into a real interpreter on x86_64 Linux, whose wheel tags it checked.
        flags["--python-platform"].append("x86_64-unknown-linux-gnu")
    for option, flag in (("no_binary", "--no-binary"), ("no_build", "--only-binary")):
        for package in ro[option]:
            if package not in flags.get(flag, []):
                flags[flag].append(package)
    (work / "requirements.in").write_text("\n".join(reqs) + "\n", encoding="utf-8")
    cmd = [roost, "--color", "never", "pip", "compile", "requirements.in",
           "--index-url", f"file://{scenario['dir']}/simple", *flag_args(flags)]
    proc = run(cmd, work, env, verbose)
    expected_exit = 0 if outcome["success"] else 1
    if (why := check_exit(proc, expected_exit)) is not None:
        return Result(scenario, False, why)
    if expected_exit != 0:
        return Result(scenario, True)
    pins, odd = compare.parse_compile_output(proc.stdout)
    problems = [f"cannot read output line {line!r}" for line in odd]
    problems += compare.compare_pins(compare.expected_pins(outcome), pins, oracle)
    return Result(scenario, not problems, problems[0] if problems else "", problems)


def run_one(scenario: dict, roost: str, root: Path, env: dict[str, str], oracle: MarkerOracle, verbose: bool) -> Result:
    work = root / "work" / Path(scenario["dir"]).name
    work.mkdir(parents=True)
    runner = run_lock if scenario["uv_outcome"]["kind"] == "lock" else run_pip_compile
    try:
        return runner(scenario, roost, work, env, oracle, verbose)
    except Exception as e:  # a harness bug must not hide the other results
        return Result(scenario, False, f"harness error: {type(e).__name__}: {e}")


def read_list(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def table(results: list[Result]) -> list[tuple[str, int, int]]:
    by_cat: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_cat[r.category].append(r)
    rows = [(cat, sum(r.ok for r in rs), len(rs)) for cat, rs in sorted(by_cat.items())]
    rows.append(("total", sum(r.ok for r in results), len(results)))
    return rows


def write_report(path: Path, rows, results: list[Result], skipped: list[dict], seconds: float) -> None:
    out = ["# packse scenarios: roost vs uv", "",
           f"{rows[-1][1]} of {rows[-1][2]} scenarios pass ({seconds:.1f} s).", "",
           "| category | passed | total |", "| --- | ---: | ---: |"]
    out += [f"| {'**total**' if c == 'total' else c} | {p} | {t} |" for c, p, t in rows]
    out += ["", "## Misses", ""]
    for r in sorted((r for r in results if not r.ok), key=lambda r: r.path):
        out.append(f"* `{r.path}` ({r.kind}): {r.reason}")
        out += [f"  * {d}" for d in r.details[1:10]]
        if len(r.details) > 10:
            out.append(f"  * ... {len(r.details) - 10} more")
    out += ["", "## Not run (no uv test: testgen.disable)", ""]
    out += [f"* `{s['path']}`" for s in skipped]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("roost")
    ap.add_argument("--scenarios", type=Path, default=make_indexes.DEFAULT_SCENARIOS)
    ap.add_argument("--outcomes", type=Path, default=make_indexes.DEFAULT_OUTCOMES)
    ap.add_argument("--only", action="append", help="scenario path or name glob (repeatable)")
    ap.add_argument("--report", type=Path)
    ap.add_argument("--expect-pass", type=Path)
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--keep", type=Path, help="build indexes and work dirs in this (new) directory and keep them")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every roost command")
    args = ap.parse_args()

    roost = str(Path(args.roost).resolve())
    if not os.access(roost, os.X_OK):
        print(f"error: {args.roost} is not an executable", file=sys.stderr)
        return 2
    start = time.monotonic()
    if args.keep:
        root = args.keep.resolve()
        if root.exists() and any(root.iterdir()):
            print(f"error: --keep {args.keep} must be absent or empty", file=sys.stderr)
            return 2
        root.mkdir(parents=True, exist_ok=True)
    else:
        root = Path(tempfile.mkdtemp(prefix="roost-packse-"))
    try:
        scenarios = make_indexes.build_all(args.scenarios, args.outcomes, root / "indexes", args.only)
        built = time.monotonic() - start
        skipped = [s for s in scenarios if s["uv_outcome"] is None]
        runnable = [s for s in scenarios if s["uv_outcome"] is not None]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("UV_", "ROOST_", "PIP_"))}
        env.update(ROOST_CACHE_DIR=str(root / "cache"), NO_COLOR="1")
        oracle = MarkerOracle(roost)
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
            results = list(pool.map(lambda s: run_one(s, roost, root, env, oracle, args.verbose), runnable))
        oracle.close()
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    seconds = time.monotonic() - start

    rows = table(results)
    width = max(len(c) for c, _, _ in rows)
    print(f"{'category':<{width}}  passed / total")
    for cat, passed, total in rows:
        print(f"{cat:<{width}}  {passed:>6} / {total}")
    failures = sorted((r for r in results if not r.ok), key=lambda r: r.path)
    if failures:
        print(f"\n{len(failures)} failing:")
        for r in failures:
            more = f" (+{len(r.details) - 1} more)" if len(r.details) > 1 else ""
            print(f"  FAIL {r.path} [{r.kind}]: {r.reason}{more}")
    if skipped:
        print(f"\nskipped (uv has no test for them): {', '.join(s['path'] for s in skipped)}")
    if oracle.broken:
        print(f"\nwarning: markers compared as text only: {oracle.broken}")
    print(f"\nindexes built in {built:.1f} s; {len(results)} scenarios run in {seconds - built:.1f} s")
    if args.report:
        write_report(args.report, rows, results, skipped, seconds)

    if not args.expect_pass:
        return 0
    expected = read_list(args.expect_pass)
    passed = {r.path for r in results if r.ok}
    known = {s["path"] for s in scenarios}
    ran = {r.path for r in results}
    unknown = [p for p in expected if p not in known and not args.only]
    regressions = [p for p in expected if p in ran and p not in passed]
    new = sorted(passed - set(expected))
    for p in unknown:
        print(f"warning: {args.expect_pass} names an unknown scenario {p}")
    if new:
        print(f"\nnewly passing (add to {args.expect_pass}):")
        print("\n".join(f"  {p}" for p in new))
    if regressions:
        print(f"\nREGRESSION: {len(regressions)} scenario(s) listed in {args.expect_pass} fail:")
        print("\n".join(f"  {p}" for p in regressions))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
