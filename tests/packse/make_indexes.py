#!/usr/bin/env python3
"""Turn packse scenario files into one local package index per scenario.

Usage:
    make_indexes.py OUT [--scenarios DIR] [--outcomes FILE] [--only GLOB]

For every scenario TOML under DIR (default: tests/data/packse/uv-test-scenarios,
the uv copy, whose package names are unprefixed) this writes
OUT/<category>__<file stem>/:

    files/<wheel or sdist>            real archives (see build_wheel / build_sdist)
    files/<file>.metadata             PEP 658 core metadata of each wheel and sdist
    simple/index.html                 PEP 503 root page
    simple/<normalized name>/index.html
                                      PEP 503 project page: href="../../files/<file>#sha256=..",
                                      data-requires-python, data-yanked,
                                      data-core-metadata="sha256=.."
    scenario.json                     root, environment, resolver_options, expected
                                      (defaults filled in), the uv test kind, and uv's
                                      recorded outcome for this file (or null)

The directory uses the file stem, not the scenario's `name`: in the uv copy the
two differ for 28 files (e.g. fork/basic.toml is named "fork-basic", and
tag_and_markers/virtual-package-marker-priorities.toml is named
"virtual-package-extra-priorities", the name of another file). uv's outcomes are
keyed by file path as well.

Stdlib only (Python 3.11 for tomllib); the output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import base64
import fnmatch
import gzip
import hashlib
import html
import io
import json
import re
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "packse"
DEFAULT_SCENARIOS = DATA / "uv-test-scenarios"
DEFAULT_OUTCOMES = DATA / "uv-scenario-outcomes.json"

DEFAULT_REQUIRES_PYTHON = ">=3.12"  # packse's default for root and every version
DEFAULT_PYTHON = "3.12"
ZIP_DATE = (2024, 3, 24, 0, 0, 0)
TAR_MTIME = 1711238400  # the same instant

BACKEND = '''\
"""In-tree PEP 517 backend of a packse test sdist: builds a py3-none-any wheel
from PKG-INFO and the module directory, with the standard library only."""
import base64, hashlib, os, zipfile

def _meta():
    with open("PKG-INFO", encoding="utf-8") as f:
        text = f.read()
    fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    return text, fields["Name"], fields["Version"]

def get_requires_for_build_wheel(config_settings=None):
    return []

def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    text, name, version = _meta()
    dist = name.replace("-", "_")
    files = {dist + "/__init__.py": open(dist + "/__init__.py", "rb").read(),
             f"{dist}-{version}.dist-info/METADATA": text.encode(),
             f"{dist}-{version}.dist-info/WHEEL":
                 b"Wheel-Version: 1.0\\nGenerator: packse-sdist\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"}
    record = f"{dist}-{version}.dist-info/RECORD"
    lines = [f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}"
             for p, d in files.items()] + [record + ",,"]
    files[record] = ("\\n".join(lines) + "\\n").encode()
    wheel = f"{dist}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
    return wheel
'''


def normalize(name: str) -> str:
    """PEP 503 normalized project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def dist_name(name: str) -> str:
    """The name as spelled in wheel and sdist file names and module names."""
    return re.sub(r"[-_.]+", "_", name).lower()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_extra(requirement: str, extra: str) -> str:
    """`c>=1 ; sys_platform == 'linux'` under extra x -> `c>=1 ; (sys_platform == 'linux') and extra == "x"`."""
    req, sep, marker = requirement.partition(";")
    extra_marker = f'extra == "{extra}"'
    if sep and marker.strip():
        return f"{req.strip()} ; ({marker.strip()}) and {extra_marker}"
    return f"{req.strip()} ; {extra_marker}"


def core_metadata(name: str, version: str, info: dict) -> str:
    lines = ["Metadata-Version: 2.2", f"Name: {name}", f"Version: {version}"]
    if info["requires_python"]:
        lines.append(f"Requires-Python: {info['requires_python']}")
    lines += [f"Requires-Dist: {r}" for r in info["requires"]]
    for extra, reqs in info["extras"].items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f"Requires-Dist: {with_extra(r, extra)}" for r in reqs]
    return "\n".join(lines) + "\n"


def expand_tag(tag: str) -> list[str]:
    """PEP 425 compressed tag set -> every tag it stands for."""
    py, abi, plat = tag.split("-")
    return [f"{p}-{a}-{x}" for p in py.split(".") for a in abi.split(".") for x in plat.split(".")]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for path, data in members.items():
            zi = zipfile.ZipInfo(path, ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return buf.getvalue()


def targz_bytes(members: dict[str, bytes]) -> bytes:
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path, data in members.items():
            ti = tarfile.TarInfo(path)
            ti.size, ti.mtime, ti.mode = len(data), TAR_MTIME, 0o644
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = ""
            tar.addfile(ti, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw.getvalue())
    return out.getvalue()


def module_source(name: str, version: str) -> bytes:
    return f'"""packse test package {name} {version}."""\n__version__ = "{version}"\n'.encode()


def build_wheel(name: str, version: str, tag: str, metadata: str) -> tuple[str, bytes]:
    dist = dist_name(name)
    info_dir = f"{dist}-{version}.dist-info"
    wheel_file = "Wheel-Version: 1.0\nGenerator: roost-packse-make-indexes\nRoot-Is-Purelib: true\n"
    wheel_file += "".join(f"Tag: {t}\n" for t in expand_tag(tag))
    members = {
        f"{dist}/__init__.py": module_source(name, version),
        f"{info_dir}/METADATA": metadata.encode(),
        f"{info_dir}/WHEEL": wheel_file.encode(),
    }
    record = [f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b'=').decode()},{len(d)}"
              for p, d in members.items()]
    record.append(f"{info_dir}/RECORD,,")
    members[f"{info_dir}/RECORD"] = ("\n".join(record) + "\n").encode()
    return f"{dist}-{version}-{tag}.whl", zip_bytes(members)


def toml_str(s: str) -> str:
    return json.dumps(s)  # a JSON string of printable text is a valid TOML basic string


def build_sdist(name: str, version: str, info: dict, metadata: str) -> tuple[str, bytes]:
    dist = dist_name(name)
    top = f"{dist}-{version}"
    pyproject = ["[build-system]", "requires = []", 'build-backend = "_packse_backend"',
                 'backend-path = ["."]', "", "[project]", f"name = {toml_str(name)}",
                 f"version = {toml_str(version)}"]
    if info["requires_python"]:
        pyproject.append(f"requires-python = {toml_str(info['requires_python'])}")
    pyproject.append("dependencies = [" + ", ".join(map(toml_str, info["requires"])) + "]")
    if info["extras"]:
        pyproject += ["", "[project.optional-dependencies]"]
        pyproject += [f"{toml_str(e)} = [" + ", ".join(map(toml_str, r)) + "]" for e, r in info["extras"].items()]
    members = {
        f"{top}/PKG-INFO": metadata.encode(),
        f"{top}/pyproject.toml": ("\n".join(pyproject) + "\n").encode(),
        f"{top}/_packse_backend.py": BACKEND.encode(),
        f"{top}/{dist}/__init__.py": module_source(name, version),
    }
    return f"{top}.tar.gz", targz_bytes(members)


def version_info(raw: dict) -> dict:
    return {
        "requires": list(raw.get("requires", [])),
        "extras": dict(raw.get("extras", {})),
        "requires_python": raw.get("requires_python", DEFAULT_REQUIRES_PYTHON),
        "sdist": raw.get("sdist", True),
        "wheel": raw.get("wheel", True),
        "wheel_tags": list(raw.get("wheel_tags", [])) or ["py3-none-any"],
        "yanked": raw.get("yanked", False),
    }


def uv_kind(scenario: dict) -> str:
    """How uv turns the scenario into a test (see tests/data/packse/README.md)."""
    ro = scenario.get("resolver_options", {})
    kind = scenario.get("testgen", {}).get("kind")
    if kind:
        return kind
    if ro.get("universal"):
        return "lock"
    return "compile" if ro.get("python") else "install"


def page(title: str, links: list[str]) -> str:
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta name=\"pypi:repository-version\" content=\"1.0\">\n"
            f"<title>{html.escape(title)}</title>\n</head>\n<body>\n<h1>{html.escape(title)}</h1>\n"
            + "".join(link + "<br>\n" for link in links) + "</body>\n</html>\n")


def write_scenario(path: Path, rel: str, outcome: dict | None, out: Path) -> dict:
    scenario = tomllib.loads(path.read_text(encoding="utf-8"))
    files, simple = out / "files", out / "simple"
    files.mkdir(parents=True)
    simple.mkdir()
    projects = []
    for name, package in scenario.get("packages", {}).items():
        links = []
        for version, raw in package.get("versions", {}).items():
            info = version_info(raw)
            metadata = core_metadata(name, version, info)
            dists = []
            if info["sdist"]:
                dists.append(build_sdist(name, version, info, metadata))
            if info["wheel"]:
                dists += [build_wheel(name, version, tag, metadata) for tag in info["wheel_tags"]]
            meta_bytes = metadata.encode()
            for filename, data in dists:
                if (files / filename).exists():
                    raise ValueError(f"{rel}: two distributions named {filename}")
                (files / filename).write_bytes(data)
                (files / (filename + ".metadata")).write_bytes(meta_bytes)
                attrs = f'href="../../files/{html.escape(filename)}#sha256={sha256(data)}"'
                if info["requires_python"]:
                    attrs += f' data-requires-python="{html.escape(info["requires_python"])}"'
                if info["yanked"]:
                    attrs += ' data-yanked=""'
                attrs += f' data-core-metadata="sha256={sha256(meta_bytes)}"'
                attrs += f' data-dist-info-metadata="sha256={sha256(meta_bytes)}"'
                links.append(f"<a {attrs}>{html.escape(filename)}</a>")
        project_dir = simple / normalize(name)
        project_dir.mkdir(parents=True)
        (project_dir / "index.html").write_text(page(f"Links for {name}", links), encoding="utf-8")
        projects.append(normalize(name))
    root_links = [f'<a href="{p}/">{p}</a>' for p in sorted(projects)]
    (simple / "index.html").write_text(page("Simple index", root_links), encoding="utf-8")

    root = scenario.get("root", {})
    env = scenario.get("environment", {})
    ro = scenario.get("resolver_options", {})
    expected = scenario["expected"]
    manifest = {
        "name": scenario["name"],
        "path": rel,
        "category": rel.split("/")[0],
        "kind": uv_kind(scenario),
        "testgen": scenario.get("testgen", {}),
        "root": {"requires": root.get("requires", []),
                 "requires_python": root.get("requires_python", DEFAULT_REQUIRES_PYTHON)},
        "environment": {"python": env.get("python", DEFAULT_PYTHON),
                        "additional_python": env.get("additional_python", [])},
        "resolver_options": {
            "python": ro.get("python"), "python_platform": ro.get("python_platform"),
            "universal": ro.get("universal", False), "prereleases": ro.get("prereleases", False),
            "no_build": ro.get("no_build", []), "no_binary": ro.get("no_binary", []),
            "required_environments": ro.get("required_environments"),
            "resolution": ro.get("resolution"),
        },
        "expected": {"satisfiable": expected["satisfiable"], "packages": expected.get("packages", {}),
                     "explanation": expected.get("explanation")},
        "uv_outcome": outcome,
    }
    (out / "scenario.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def build_all(scenarios: Path, outcomes_file: Path, out: Path, only: list[str] | None = None) -> list[dict]:
    """Write every (matching) scenario under `out`; return their scenario.json contents."""
    outcomes = {t["scenario"]: t for t in json.loads(outcomes_file.read_text(encoding="utf-8"))["tests"]}
    manifests = []
    for path in sorted(scenarios.glob("*/*.toml")):
        rel = path.relative_to(scenarios).as_posix()
        if only and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(path.stem, g) for g in only):
            continue
        target = out / f"{path.parent.name}__{path.stem}"
        manifest = write_scenario(path, rel, outcomes.get(rel), target)
        manifest["dir"] = str(target)
        manifests.append(manifest)
    return manifests


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output directory (must not exist or be empty)")
    ap.add_argument("--scenarios", type=Path, default=DEFAULT_SCENARIOS)
    ap.add_argument("--outcomes", type=Path, default=DEFAULT_OUTCOMES)
    ap.add_argument("--only", action="append", help="scenario path or stem glob (repeatable)")
    args = ap.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        print(f"error: {args.out} is not empty", file=sys.stderr)
        return 2
    manifests = build_all(args.scenarios, args.outcomes, args.out, args.only)
    n_files = sum(1 for _ in args.out.glob("*/files/*") if not _.name.endswith(".metadata"))
    print(f"wrote {len(manifests)} scenario indexes with {n_files} distributions to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
