#include "cli/project_environment.h"

#include "cli/app.h"
#include "cli/cache_dir.h"
#include "python/discovery.h"
#include "python/probe.h"
#include "python/request.h"
#include "python/venv.h"

namespace roost::cli {
namespace fs = std::filesystem;

namespace {

// What discovery reads from the process environment, read here at the edge.
python::DiscoveryInputs discovery_inputs(const fs::path& root) {
  python::DiscoveryInputs in;
  in.path_env = environment_variable("PATH").value_or("");
  std::optional<std::string> home = environment_variable("HOME");
  if (home) in.home = fs::path(*home);
  in.pyenv_version = environment_variable("PYENV_VERSION");
  if (auto pyenv = environment_variable("PYENV_ROOT")) {
    in.pyenv_root = fs::path(*pyenv);
  } else if (home) {
    in.pyenv_root = fs::path(*home) / ".pyenv";
  }
  std::error_code ec;
  in.cwd = fs::current_path(ec);
  in.project_dir = root;
  return in;
}

}  // namespace

Result<ProjectEnvironment> project_environment(Output& output, const fs::path& root,
                                               const std::optional<std::string>& python_flag,
                                               const std::string& requires_python,
                                               const cache::Cache* cache) {
  fs::path venv_root = root / ".venv";
  std::optional<python::PythonRequest> request;
  if (python_flag) {
    ROOST_TRY(python::PythonRequest parsed, python::PythonRequest::parse(*python_flag));
    request = std::move(parsed);
  }
  std::optional<pep440::SpecifierSet> rp;
  if (!requires_python.empty()) {
    ROOST_TRY(pep440::SpecifierSet parsed, pep440::SpecifierSet::parse(requires_python));
    rp = std::move(parsed);
  }
  python::ProbeOptions probe{.cache = cache};
  // The fast path: a venv that fits is used as it is, and its interpreter's probe is cached.
  Result<python::VenvInfo> existing = python::read_venv(venv_root);
  if (existing.ok() && !request && python::venv_fits(*existing, request, rp)) {
    ROOST_TRY(python::Interpreter py, python::probe_interpreter(existing->scheme.python, probe));
    return ProjectEnvironment{venv_root, std::move(py), existing->scheme};
  }
  python::DiscoveryInputs in = discovery_inputs(root);
  in.requires_python = rp;
  ROOST_TRY(python::FoundInterpreter found, python::find_interpreter(request, in, probe));
  python::VenvOptions options{
      .roost_version = kRoostVersion, .request = request, .requires_python = rp};
  ROOST_TRY(python::VenvResult made, python::create_venv(venv_root, found.interpreter, options));
  if (made.outcome != python::VenvOutcome::kKept) {
    std::string impl =
        found.interpreter.is_cpython() ? "CPython" : found.interpreter.implementation_name;
    output.info("Using " + impl + " " + found.interpreter.version_text() +
                " interpreter at: " + found.interpreter.base_executable.string() + "\n");
    output.info("Creating virtual environment at: .venv\n");
  }
  if (made.outcome == python::VenvOutcome::kKept) {
    ROOST_TRY(python::Interpreter py, python::probe_interpreter(made.venv.scheme.python, probe));
    return ProjectEnvironment{venv_root, std::move(py), made.venv.scheme};
  }
  // A venv made just now from `found`: its interpreter is found's, re-rooted, without a probe,
  // and so is the cached answer the next command will look for.
  if (cache) {
    python::remember_venv_probe(found.interpreter.path, made.venv.scheme.python, venv_root, *cache);
  }
  return ProjectEnvironment{venv_root, python::venv_interpreter(found.interpreter, made.venv),
                            made.venv.scheme};
}

Result<python::Interpreter> project_interpreter(const fs::path& root, const cache::Cache* cache) {
  python::ProbeOptions probe{.cache = cache};
  Result<python::VenvInfo> existing = python::read_venv(root / ".venv");
  if (existing.ok() && existing->interpreter_exists()) {
    return python::probe_interpreter(existing->scheme.python, probe);
  }
  ROOST_TRY(python::FoundInterpreter found,
            python::find_interpreter(std::nullopt, discovery_inputs(root), probe));
  return std::move(found.interpreter);
}

}  // namespace roost::cli
