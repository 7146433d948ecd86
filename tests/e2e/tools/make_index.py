#!/usr/bin/env python3
"""Builds a small PEP 503 index of real, importable wheels for end-to-end tests.

    make_index.py OUTDIR NAME==VERSION[:dep1,dep2;marker...][!ATTACK] ...

Each argument becomes OUTDIR/files/<name>-<version>-py3-none-any.whl: a package `<name>` whose
__init__.py sets VERSION, a console script `<name>-hello` printing "hello from <name> <version>",
METADATA with the given Requires-Dist entries (comma-separated), and a correct RECORD; beside it
the PEP 658 metadata file, and OUTDIR/simple/<name>/index.html listing every version with its
sha256. Stdlib only.

An `!ATTACK` suffix makes a malicious wheel, listed correctly in RECORD so that only the attack
itself can be refused: `traversal` (an entry ../../../escaped.txt), `absolute` (/tmp/...),
`symlink` (a symlink entry pointing at /etc/passwd), `badhash` (RECORD's hash of one file lies).
"""
import base64
import hashlib
import os
import sys
import zipfile


def record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build(out, spec, pages):
    spec, _, attack = spec.partition("!")
    head, _, deps = spec.partition(":")
    name, _, version = head.partition("==")
    module = name.replace("-", "_")
    dist = f"{module}-{version}"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    for dep in filter(None, deps.split(",")):
        metadata += f"Requires-Dist: {dep}\n"
    files = {
        f"{module}/__init__.py": f'VERSION = "{version}"\n\ndef hello():\n    print("hello from {name} {version}")\n',
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


if __name__ == "__main__":
    main()
