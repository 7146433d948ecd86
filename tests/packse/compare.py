"""Compare roost's results with uv's recorded outcome (tests/data/packse/uv-scenario-outcomes.json).

Each function returns a list of one-line problems; an empty list means "same as uv".
Markers are compared semantically through a markers.MarkerOracle.
"""

from __future__ import annotations

import re
import tomllib

from markers import MarkerOracle, specifier_to_marker


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# --- pip compile output ---------------------------------------------------------------

def parse_compile_output(stdout: str) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """`name==version [; marker]` lines -> [(name, version, marker)], plus lines not understood."""
    pins, odd = [], []
    for line in stdout.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or line[0].isspace():
            continue
        req, _, marker = line.partition(";")
        name, sep, version = req.partition("==")
        if not sep or not name.strip() or not version.strip():
            odd.append(line)
            continue
        version = version.strip().split()[0]  # drop a trailing `\` or hash options
        pins.append((normalize(name.strip()), version, marker.strip() or None))
    return pins, odd


def compare_pins(want: list[tuple[str, str, str | None]], got: list[tuple[str, str, str | None]],
                 oracle: MarkerOracle) -> list[str]:
    problems = []
    left = list(got)
    for name, version, marker in want:
        match = next((g for g in left if g[0] == name and g[1] == version and oracle.equivalent(marker, g[2])), None)
        if match is None:
            same_name = [f"{g[0]}=={g[1]}" + (f" ; {g[2]}" if g[2] else "") for g in left if g[0] == name]
            where = f" (got {', '.join(same_name)})" if same_name else ""
            problems.append(f"missing {name}=={version}" + (f" ; {marker}" if marker else "") + where)
        else:
            left.remove(match)
    problems += [f"unexpected {g[0]}=={g[1]}" + (f" ; {g[2]}" if g[2] else "")
                 for g in left if not any(p.startswith(f"missing {g[0]}==") for p in problems)]
    return problems


def expected_pins(outcome: dict) -> list[tuple[str, str, str | None]]:
    if outcome["kind"] == "install":
        return [(normalize(n), v, None) for n, v in outcome["installed"].items()]
    return [(normalize(c["name"]), c["version"], c.get("marker")) for c in outcome["compiled"]]


# --- uv.lock ---------------------------------------------------------------------------

def _source_kind(source) -> str:
    if isinstance(source, str):
        return source
    if isinstance(source, dict) and source:
        key = next(iter(source))
        return key if key == "registry" else f"{key}={source[key]}"
    return repr(source)


def _wheel_tag(entry: dict) -> str:
    location = entry.get("url") or entry.get("path") or entry.get("filename") or ""
    filename = location.rsplit("/", 1)[-1].split("#", 1)[0]
    if filename.endswith(".whl"):
        filename = filename[:-4]
    return "-".join(filename.split("-")[-3:])


def summarize_lock(text: str) -> dict:
    """A uv.lock in the shape of the outcomes' "lock" summary."""
    lock = tomllib.loads(text)

    def deps(items):
        return [{k: v for k, v in d.items() if k in ("name", "extra", "marker", "version")} for d in items]

    packages = []
    for p in lock.get("package", []):
        wheels = p.get("wheels", [])
        packages.append({
            "name": p.get("name"), "version": p.get("version"),
            "source": _source_kind(p.get("source")),
            "resolution_markers": p.get("resolution-markers", []),
            "dependencies": deps(p.get("dependencies", [])),
            "optional_dependencies": {e: deps(v) for e, v in p.get("optional-dependencies", {}).items()},
            "has_sdist": "sdist" in p, "wheel_count": len(wheels),
            "wheel_tags": [_wheel_tag(w) for w in wheels],
        })
    return {"version": lock.get("version"), "requires_python": lock.get("requires-python"),
            "resolution_markers": lock.get("resolution-markers", []),
            "supported_markers": lock.get("supported-markers", []),
            "required_markers": lock.get("required-markers", []), "packages": packages}


def _dep_text(d: dict) -> str:
    extra = f"[{','.join(d['extra'])}]" if d.get("extra") else ""
    version = f"=={d['version']}" if d.get("version") else ""
    return f"{d['name']}{extra}{version}" + (f" ; {d['marker']}" if d.get("marker") else "")


def _compare_deps(where: str, want: list[dict], got: list[dict], oracle: MarkerOracle) -> list[str]:
    problems = []
    left = list(got)
    for w in want:
        def same(g):
            return (normalize(g["name"]) == normalize(w["name"])
                    and sorted(map(normalize, g.get("extra", []))) == sorted(map(normalize, w.get("extra", [])))
                    and g.get("version") == w.get("version")
                    and oracle.equivalent(w.get("marker"), g.get("marker")))
        match = next((g for g in left if same(g)), None)
        if match is None:
            problems.append(f"{where}: missing dependency {_dep_text(w)}")
        else:
            left.remove(match)
    problems += [f"{where}: unexpected dependency {_dep_text(g)}" for g in left]
    return problems


def _fmt_markers(markers: list[str]) -> str:
    return "[" + ", ".join(markers) + "]"


def compare_lock(want: dict, got: dict, oracle: MarkerOracle) -> list[str]:
    problems = []
    if got["version"] != want["version"]:
        problems.append(f"lock version {got['version']}, uv wrote {want['version']}")
    if not oracle.equivalent(specifier_to_marker(want["requires_python"]), specifier_to_marker(got["requires_python"] or "")):
        problems.append(f"requires-python {got['requires_python']!r}, uv: {want['requires_python']!r}")
    for key in ("resolution_markers", "supported_markers", "required_markers"):
        if not oracle.same_set(want[key], got[key]):
            problems.append(f"{key.replace('_', '-')} {_fmt_markers(got[key])}, uv: {_fmt_markers(want[key])}")

    got_by_key = {(normalize(p["name"]), p["version"]): p for p in got["packages"]}
    want_keys = {(normalize(p["name"]), p["version"]) for p in want["packages"]}
    for w in want["packages"]:
        key = (normalize(w["name"]), w["version"])
        g = got_by_key.get(key)
        where = f"{w['name']}=={w['version']}"
        if g is None:
            others = [f"{p['name']}=={p['version']}" for p in got["packages"] if normalize(p["name"]) == key[0]]
            problems.append(f"missing package {where}" + (f" (got {', '.join(others)})" if others else ""))
            continue
        source = _source_kind(w["source"])
        if g["source"] != source:
            problems.append(f"{where}: source {g['source']}, uv: {source}")
        if not oracle.same_set(w["resolution_markers"], g["resolution_markers"]):
            problems.append(f"{where}: resolution-markers {_fmt_markers(g['resolution_markers'])}, "
                            f"uv: {_fmt_markers(w['resolution_markers'])}")
        problems += _compare_deps(where, w["dependencies"], g["dependencies"], oracle)
        want_opt = {normalize(e): v for e, v in w["optional_dependencies"].items()}
        got_opt = {normalize(e): v for e, v in g["optional_dependencies"].items()}
        for extra in sorted(want_opt.keys() | got_opt.keys()):
            problems += _compare_deps(f"{where}[{extra}]", want_opt.get(extra, []), got_opt.get(extra, []), oracle)
        if g["has_sdist"] != w["has_sdist"]:
            problems.append(f"{where}: sdist {'present' if g['has_sdist'] else 'absent'}, uv: "
                            f"{'present' if w['has_sdist'] else 'absent'}")
        if sorted(g["wheel_tags"]) != sorted(w["wheel_tags"]) or g["wheel_count"] != w["wheel_count"]:
            problems.append(f"{where}: wheels {sorted(g['wheel_tags'])}, uv: {sorted(w['wheel_tags'])}")
    for p in got["packages"]:
        if (normalize(p["name"]), p["version"]) not in want_keys:
            problems.append(f"unexpected package {p['name']}=={p['version']}")
    return problems
