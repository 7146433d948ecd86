// Test projects (see projects.h).
#include "build/testing/projects.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "base/fs.h"

namespace roost::build::testing {
namespace fs = std::filesystem;

void write_text(const fs::path& path, std::string_view text, unsigned mode) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  EXPECT_TRUE(write_file_atomic(path, text, mode).ok()) << path;
  ::chmod(path.c_str(), mode);
}

std::string backend_source(const BackendOptions& o) {
  std::string flags = "FAIL = " + std::string(o.fail ? "True" : "False") +
                      "\nEDITABLE = " + (o.editable ? "True" : "False") +
                      "\nPREPARE = " + (o.prepare ? "True" : "False") +
                      "\nREQUIRES = " + o.requirements +
                      "\nSLEEP = " + std::to_string(o.sleep_seconds) + "\n";
  return "# A PEP 517 backend for roost's tests: one pure-Python wheel, no dependencies.\n"
         "import base64, hashlib, os, sys, time, zipfile\n" +
         flags + R"PY(
NAME, VERSION = "mypkg", "0.1.0"
DIST = NAME + "-" + VERSION
INFO = DIST + ".dist-info"


def _metadata():
    return "Metadata-Version: 2.1\nName: %s\nVersion: %s\nRequires-Dist: attrs\n" % (NAME, VERSION)


def _wheel(directory, files):
    print("building", NAME, "into", directory)
    print("a warning on stderr", file=sys.stderr)
    time.sleep(SLEEP)
    if FAIL:
        print("compiling foo")
        raise RuntimeError("boom: the compiler is missing")
    files[INFO + "/METADATA"] = _metadata()
    files[INFO + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: mybackend\nRoot-Is-Purelib: true\n"
                              "Tag: py3-none-any\n")
    record = []
    for name, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append("%s,sha256=%s,%d" % (name, digest, len(data)))
    files[INFO + "/RECORD"] = "\n".join(record + [INFO + "/RECORD,,"]) + "\n"
    wheel = DIST + "-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(directory, wheel), "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return wheel


def get_requires_for_build_wheel(config_settings=None):
    return REQUIRES


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    files = {NAME + "/_config.py": "CONFIG = %r\n" % (config_settings,)}
    for root, _, names in os.walk(os.path.join("src", NAME)):
        for n in names:
            if n.endswith(".py"):
                path = os.path.join(root, n)
                with open(path) as f:
                    files[os.path.relpath(path, "src").replace(os.sep, "/")] = f.read()
    return _wheel(wheel_directory, files)


if PREPARE:
    def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
        os.makedirs(os.path.join(metadata_directory, INFO))
        with open(os.path.join(metadata_directory, INFO, "METADATA"), "w") as f:
            f.write(_metadata())
        return INFO

if EDITABLE:
    def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
        return _wheel(wheel_directory, {"_" + NAME + ".pth": os.path.abspath("src") + "\n"})
)PY";
}

void write_backend_project(const fs::path& dir, const BackendOptions& options) {
  write_text(dir / "pyproject.toml",
             "[build-system]\n"
             "requires = []\n"
             "build-backend = \"mybackend\"\n"
             "backend-path = [\".\"]\n"
             "\n"
             "[project]\n"
             "name = \"mypkg\"\n"
             "version = \"0.1.0\"\n");
  write_text(dir / "mybackend.py", backend_source(options));
  write_text(dir / "src/mypkg/__init__.py", "X = 1\n");
}

void write_hatch_src_project(const fs::path& dir) {
  write_text(dir / "pyproject.toml",
             "[build-system]\n"
             "requires = [\"hatchling\"]\n"
             "build-backend = \"hatchling.build\"\n"
             "\n"
             "[project]\n"
             "name = \"demo-pkg\"\n"
             "version = \"1.2.3\"\n"
             "description = \"A demo package\"\n"
             "requires-python = \">=3.8\"\n"
             "dependencies = [\"attrs>=21\"]\n"
             "\n"
             "[project.optional-dependencies]\n"
             "cli = [\"click>=8; python_version >= '3.8'\"]\n"
             "\n"
             "[project.scripts]\n"
             "demo-cli = \"demo_pkg.cli:main\"\n"
             "\n"
             "[project.entry-points.\"demo.plugins\"]\n"
             "basic = \"demo_pkg:X\"\n");
  write_text(dir / "src/demo_pkg/__init__.py", "X = 1\n");
  write_text(dir / "src/demo_pkg/cli.py", "def main():\n    print('hello from demo-pkg')\n");
}

void write_flat_setuptools_project(const fs::path& dir) {
  write_text(dir / "pyproject.toml",
             "[build-system]\n"
             "requires = [\"setuptools>=61\"]\n"
             "build-backend = \"setuptools.build_meta\"\n"
             "\n"
             "[project]\n"
             "name = \"flat-pkg\"\n"
             "version = \"0.3\"\n"
             "dynamic = []\n"
             "\n"
             "[project.scripts]\n"
             "flat-run = \"flat_pkg:main\"\n");
  write_text(dir / "setup.py",
             "# legacy tools want one\nfrom setuptools import setup\n\nsetup()\n");
  write_text(dir / "flat_pkg/__init__.py",
             "X = \"flat\"\n\n\ndef main():\n    print('flat main')\n");
}

std::optional<fs::path> system_python() {
  struct stat st {};
  if (::stat("/usr/bin/python3", &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return fs::path("/usr/bin/python3");
}

}  // namespace roost::build::testing
