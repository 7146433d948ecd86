#!/usr/bin/env python3
"""Builds a small PEP 503 index of real, importable wheels for end-to-end tests.

    make_index.py OUTDIR NAME==VERSION[:dep1,dep2;marker...][!ATTACK] ...

Each argument becomes OUTDIR/files/<name>-<version>-py3-none-any.whl: a package `<name>` whose
__init__.py sets VERSION, a console script `<name>-hello` printing "hello from <name> <version>",
METADATA with the given Requires-Dist entries (comma-separated), and a correct RECORD; beside it
the PEP 658 metadata file, and OUTDIR/simple/<name>/index.html listing every version with its
sha256. Stdlib only.

`!backend` makes the wheel a PEP 517 build backend instead (the module `<name>`, see BACKEND:
it builds wheels and PEP 660 editables of a tree from its static [project] table), and `!sdist`
publishes `<name>-<version>.tar.gz` only: an sdist whose pyproject builds with the backend
`tinybuild` (so the index must also hold `tinybuild==...!backend`); `!bare-sdist` is the same
without PEP 658 metadata (its PKG-INFO is 2.1: only a build tells its requirements).
`!sdist+other+more` adds build requirements beyond tinybuild to the sdist's [build-system].

`NAME==VERSION@2024-01-01T00:00:00Z` gives the files that PEP 700 upload time on the JSON page
(OUTDIR/simple/<name>/index.json, beside index.html; tests/e2e/tools/index_server.py --json serves
it to clients asking for JSON).

An `!ATTACK` suffix makes a malicious wheel, listed correctly in RECORD so that only the attack
itself can be refused: `traversal` (an entry ../../../escaped.txt), `absolute` (/tmp/...),
`symlink` (a symlink entry pointing at /etc/passwd), `badhash` (RECORD's hash of one file lies).
"""
import base64
import io
import tarfile
import hashlib
import json
import os
import re
import sys
import zipfile


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


# A PEP 517 backend (PEP 660 editables too) for trees with a static [project] table and the
# package in <module>/ or src/<module>/. `[tool.tinybuild] extra-requires` is what
# get_requires_for_build_* answers; `fail = true` makes builds print and raise; a field listed in
# [project].dynamic (version, dependencies) is read from [tool.tinybuild]. Regular wheels
# carry <module>/_tinybuild.py (BUILT = True, BUILT_BY = tinybuild's version, CONFIG = the
# config_settings); editables a _<module>_editable.pth.
BACKEND = r'''
import base64, hashlib, os, tomllib, zipfile

def _config():
    with open("pyproject.toml", "rb") as f:
        data = tomllib.load(f)
    project, tool = dict(data["project"]), data.get("tool", {}).get("tinybuild", {})
    for key in project.get("dynamic", []):  # a dynamic field's value comes from [tool.tinybuild]
        project[key] = tool[key]
    return project, tool

def get_requires_for_build_wheel(config_settings=None):
    return list(_config()[1].get("extra-requires", []))

get_requires_for_build_editable = get_requires_for_build_wheel

def _digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()

def _write(directory, files):
    project, tool = _config()
    if tool.get("fail"):
        print("tinybuild: compiling", project["name"])
        raise RuntimeError("tinybuild was told to fail")
    module = project["name"].replace("-", "_")
    dist = f"{module}-{project['version']}"
    meta = f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    meta += "".join(f"Requires-Dist: {d}\n" for d in project.get("dependencies", []))
    files[f"{dist}.dist-info/METADATA"] = meta.encode()
    files[f"{dist}.dist-info/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: tinybuild\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = "".join(f"{p},{_digest(d)},{len(d)}\n" for p, d in files.items())
    files[f"{dist}.dist-info/RECORD"] = (record + f"{dist}.dist-info/RECORD,,\n").encode()
    name = f"{dist}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, name), "w") as z:
        for p, d in files.items():
            z.writestr(p, d)
    return name

def _package_root(module):
    return "src" if os.path.isdir(os.path.join("src", module)) else "."

def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    module = _config()[0]["name"].replace("-", "_")
    root = _package_root(module)
    files = {}
    for dirpath, dirs, names in os.walk(os.path.join(root, module)):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for n in names:
            path = os.path.join(dirpath, n)
            with open(path, "rb") as f:
                files[os.path.relpath(path, root)] = f.read()
    # Which tinybuild built it, with which PEP 517 config_settings.
    files[f"{module}/_tinybuild.py"] = (
        f"BUILT = True\nBUILT_BY = {VERSION!r}\nCONFIG = {config_settings!r}\n".encode())
    return _write(wheel_directory, files)

def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    module = _config()[0]["name"].replace("-", "_")
    root = os.path.abspath(_package_root(module))
    return _write(wheel_directory, {f"_{module}_editable.pth": (root + "\n").encode()})
'''


def build_sdist(out, name, version, deps, pages, serve_metadata=True, build_requires=()):
    module = name.replace("-", "_")
    build_list = ", ".join(f'"{r}"' for r in ("tinybuild", *build_requires))
    top = f"{module}-{version}"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {d}\n" for d in deps)
    dep_list = ", ".join(f'"{d}"' for d in deps)
    files = {
        "PKG-INFO": metadata,
        "pyproject.toml": f'[project]\nname = "{name}"\nversion = "{version}"\ndependencies = [{dep_list}]\n\n'
                          f'[build-system]\nrequires = [{build_list}]\nbuild-backend = "tinybuild"\n',
        f"{module}/__init__.py": f'VERSION = "{version}"\n',
    }
    filename = f"{top}.tar.gz"
    path = os.path.join(out, "files", filename)
    with tarfile.open(path, "w:gz") as t:
        for p, d in files.items():
            info = tarfile.TarInfo(f"{top}/{p}")
            info.size = len(d.encode())
            t.addfile(info, io.BytesIO(d.encode()))
    sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    if not serve_metadata:
        pages.setdefault(name, []).append(f'<a href="../../files/{filename}#sha256={sha}">{filename}</a>')
        return
    with open(path + ".metadata", "w") as f:
        f.write(metadata)
    meta_sha = hashlib.sha256(metadata.encode()).hexdigest()
    pages.setdefault(name, []).append(
        f'<a href="../../files/{filename}#sha256={sha}" data-core-metadata="sha256={meta_sha}">{filename}</a>')


UPLOAD_TIMES = {}  # filename prefix "<name>-<version>" -> PEP 700 upload-time


def build(out, spec, pages):
    uploaded = re.search(r"@(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)", spec)
    if uploaded:
        spec = spec.replace(uploaded.group(0), "")
    spec, _, attack = spec.partition("!")
    head, _, deps = spec.partition(":")
    name, _, version = head.partition("==")
    if uploaded:
        UPLOAD_TIMES[(name, version)] = uploaded.group(1)
    attack, *build_requires = attack.split("+")
    if attack in ("sdist", "bare-sdist"):
        return build_sdist(out, name, version, list(filter(None, deps.split(","))), pages,
                           serve_metadata=attack == "sdist", build_requires=build_requires)
    module = name.replace("-", "_")
    dist = f"{module}-{version}"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    for dep in filter(None, deps.split(",")):
        metadata += f"Requires-Dist: {dep}\n"
    init = f'VERSION = "{version}"\n\ndef hello():\n    print("hello from {name} {version}")\n'
    if attack == "backend":
        init += BACKEND
    files = {
        f"{module}/__init__.py": init,
        f"{dist}.dist-info/METADATA": metadata,
        f"{dist}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: make_index\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}.dist-info/entry_points.txt": f"[console_scripts]\n{name}-hello = {module}:hello\n",
    }
    if attack == "traversal":
        files["../../../escaped.txt"] = "escaped\n"
    elif attack == "absolute":
        files["/tmp/roost-e2e-absolute.txt"] = "escaped\n"
    record = "".join(f"{p},{record_hash(d.encode())},{len(d.encode())}\n" for p, d in files.items())
    if attack == "badhash":
        record = record.replace(record_hash(files[f"{module}/__init__.py"].encode()),
                                record_hash(b"something else"))
    record += f"{dist}.dist-info/RECORD,,\n"
    files[f"{dist}.dist-info/RECORD"] = record
    filename = f"{dist}-py3-none-any.whl"
    path = os.path.join(out, "files", filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for p, d in files.items():
            z.writestr(p, d)
        if attack == "symlink":
            link = zipfile.ZipInfo(f"{module}/passwd")
            link.external_attr = (0o120777 << 16)
            z.writestr(link, "/etc/passwd")
    with open(path + ".metadata", "w") as f:
        f.write(metadata)
    wheel_sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
    meta_sha = hashlib.sha256(metadata.encode()).hexdigest()
    pages.setdefault(name, []).append(
        f'<a href="../../files/{filename}#sha256={wheel_sha}" '
        f'data-core-metadata="sha256={meta_sha}">{filename}</a>')


ANCHOR = re.compile(r'<a href="([^"#]+)#sha256=([0-9a-f]+)"(?: data-core-metadata="sha256=([0-9a-f]+)")?>([^<]+)</a>')


def json_page(name, links):
    """The PEP 691 page of the same files, with PEP 700 upload times where the spec gave one."""
    files = []
    for link in links:
        href, sha, meta_sha, filename = ANCHOR.match(link).groups()
        entry = {"filename": filename, "url": href, "hashes": {"sha256": sha}}
        if meta_sha:
            entry["core-metadata"] = {"sha256": meta_sha}
        for (n, v), when in UPLOAD_TIMES.items():
            if n == name and filename.startswith(f"{n.replace('-', '_')}-{v}"):
                entry["upload-time"] = when
        files.append(entry)
    return {"meta": {"api-version": "1.1"}, "name": name, "files": files}


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "files"), exist_ok=True)
    pages = {}
    for spec in sys.argv[2:]:
        build(out, spec, pages)
    for name, links in pages.items():
        d = os.path.join(out, "simple", name)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "index.html"), "w") as f:
            f.write("<html><body>\n" + "\n".join(links) + "\n</body></html>\n")
        # Served only by index_server.py --json, to clients that ask for JSON.
        with open(os.path.join(d, "index.json"), "w") as f:
            json.dump(json_page(name, links), f)


if __name__ == "__main__":
    main()
