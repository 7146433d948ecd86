// The hook shim's source (protocol in hook_shim.h). Kept to the standard library of Python 3.8+,
// since it runs in whatever interpreter the build environment has.
#include "build/hook_shim.h"

namespace roost::build {

const std::string_view kHookShim =
    R"PY(# roost PEP 517 / PEP 660 hook shim, protocol 1 (src/build/hook_shim.h)
import importlib
import os
import sys
import traceback
import zipfile

os.dup2(1, 2)  # one ordered stream for the caller

# sys.path[0] is this file's scratch directory; the backend must not import from it.
if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
    del sys.path[0]


def print_backend_traceback():
    """The current exception's traceback without the shim's own frames."""
    kind, value, tb = sys.exc_info()
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    traceback.print_exception(kind, value, tb)


class HookError(Exception):
    def __init__(self, kind, message):
        Exception.__init__(self, message)
        self.kind = kind
        self.message = message


def read_request(path):
    request = {"backend-path": [], "config": {}}
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if not line:
                continue
            key, _, value = line.partition(" ")
            if key == "backend-path":
                request["backend-path"].append(value)
            elif key == "config":
                name, _, setting = value.partition("=")
                old = request["config"].get(name)
                if old is None:
                    request["config"][name] = setting
                elif isinstance(old, list):
                    old.append(setting)
                else:
                    request["config"][name] = [old, setting]
            else:
                request[key] = value
    return request


def write_answer(path, lines):
    temp = path + ".tmp"
    with open(temp, "w", encoding="utf-8") as f:
        for line in lines:
            f.write(" ".join(str(line).splitlines()) + "\n")
    os.replace(temp, path)


def within(path, directory):
    path = os.path.normcase(os.path.realpath(path))
    directory = os.path.normcase(os.path.realpath(directory))
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def load_backend(spec, backend_path):
    module_name, _, object_path = spec.partition(":")
    module_name = module_name.strip()
    sys.path[:0] = backend_path
    try:
        backend = importlib.import_module(module_name)
    except BaseException:
        print_backend_traceback()
        raise HookError("backend-unavailable",
                        "the build backend `%s` could not be imported" % spec)
    if backend_path:
        origin = getattr(backend, "__file__", None) or ""
        if not any(within(origin, d) for d in backend_path):
            raise HookError("backend-path", "the build backend `%s` was loaded from %s, not from "
                            "its backend-path (%s)" % (spec, origin, ", ".join(backend_path)))
    try:
        for part in object_path.strip().split(".") if object_path.strip() else []:
            backend = getattr(backend, part)
    except AttributeError:
        print_backend_traceback()
        raise HookError("backend-unavailable",
                        "the build backend `%s` could not be imported" % spec)
    return backend


def require_hook(backend, spec, name):
    hook = getattr(backend, name, None)
    if hook is None:
        if name == "build_editable":
            raise HookError("hook-missing", "the build backend `%s` does not support editable "
                            "installs (PEP 660)" % spec)
        raise HookError("hook-missing", "the build backend `%s` has no `%s` hook" % (spec, name))
    return hook


def basename(value, name):
    if not isinstance(value, str) or not value or os.sep in value or "/" in value:
        raise HookError("bad-return", "the build backend's `%s` returned %r, not a file name"
                        % (name, value))
    return value


def metadata_from_wheel(wheel, output_dir):
    with zipfile.ZipFile(wheel) as archive:
        infos = {n.split("/")[0] for n in archive.namelist() if n.split("/")[0].endswith(".dist-info")}
        if len(infos) != 1:
            raise HookError("bad-return", "the wheel %s has %d .dist-info directories"
                            % (os.path.basename(wheel), len(infos)))
        info = infos.pop()
        for name in archive.namelist():
            if name.startswith(info + "/") and not name.endswith("/"):
                archive.extract(name, output_dir)
    return info


def run(request):
    spec = request["backend"]
    hook_name = request["hook"]
    out = request.get("output-dir")
    config = request["config"] or None
    backend = load_backend(spec, request["backend-path"])
    kind = "editable" if hook_name.endswith("_editable") else "wheel"
    try:
        if hook_name.startswith("get_requires_for_build_"):
            hook = getattr(backend, hook_name, None)
            if hook is None:
                return []
            requires = hook(config)
            if not isinstance(requires, (list, tuple)) or not all(isinstance(r, str) for r in requires):
                raise HookError("bad-return", "the build backend's `%s` returned %r, not a list "
                                "of requirement strings" % (hook_name, requires))
            return list(requires)
        if hook_name.startswith("prepare_metadata_for_build_"):
            hook = getattr(backend, hook_name, None)
            if hook is not None:
                return [basename(hook(out, config), hook_name)]
            build = require_hook(backend, spec, "build_" + kind)
            wheel_dir = os.path.join(out, ".roost-wheel")
            os.makedirs(wheel_dir)
            wheel = basename(build(wheel_dir, config, None), "build_" + kind)
            return [metadata_from_wheel(os.path.join(wheel_dir, wheel), out)]
        if hook_name in ("build_wheel", "build_editable"):
            hook = require_hook(backend, spec, hook_name)
            return [basename(hook(out, config, None), hook_name)]
    except HookError:
        raise
    except BaseException:
        print_backend_traceback()
        raise HookError("hook-failed", "the build backend's `%s` raised an error" % hook_name)
    raise HookError("hook-missing", "roost asked for an unknown hook `%s`" % hook_name)


def main():
    request = read_request(sys.argv[1])
    try:
        values = run(request)
    except HookError as e:
        sys.stdout.flush()
        write_answer(sys.argv[2], ["error " + e.kind, "message " + e.message])
        return
    sys.stdout.flush()
    write_answer(sys.argv[2], ["ok"] + ["value " + v for v in values])


main()
)PY";

}  // namespace roost::build
