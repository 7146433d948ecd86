// Interpreter discovery (discovery.h): the request, then the candidates in order, each probed
// (cached) and kept when it fits; a miss explains what was found instead.
#include "python/discovery.h"

#include <climits>
#include <cstdlib>
#include <set>
#include <system_error>
#include <vector>

#include "python/pyenv_shim.h"
#include "python/python_version_file.h"
#include "python/search_path.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxListed = 8;  // found / skipped interpreters named in a not-found error

fs::path resolve_request_path(const fs::path& path, const DiscoveryInputs& inputs) {
  std::string text = path.string();
  fs::path out = path;
  if (inputs.home && (text == "~" || text.starts_with("~/"))) {
    out = *inputs.home / (text.size() > 2 ? text.substr(2) : std::string());
  }
  if (out.is_relative()) out = inputs.cwd / out;
  return out.lexically_normal();
}

// bin/python3 or bin/python of a venv or installation prefix.
std::optional<fs::path> interpreter_in_dir(const fs::path& dir) {
  for (const char* name : {"bin/python3", "bin/python"}) {
    if (is_executable_file(dir / name)) return dir / name;
  }
  return std::nullopt;
}

std::string join_listed(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < kMaxListed; ++i) {
    out += (i ? std::string(separator) : "") + items[i];
  }
  if (items.size() > kMaxListed) {
    out += std::string(separator) + "and " + std::to_string(items.size() - kMaxListed) + " more";
  }
  return out;
}

// The candidates tried so far: each file is probed once, and what did not fit is remembered for
// the error message.
class Search {
 public:
  Search(const PythonRequest& request, const DiscoveryInputs& inputs, const ProbeOptions& probe)
      : request_(request), inputs_(inputs), probe_(probe) {}

  std::optional<Interpreter> try_candidate(const fs::path& path) {
    // A venv's python, /usr/bin/python3 and /usr/bin/python3.11 are often one file: its version
    // is the same through every link, so one probe answers for all of them.
    // Only a successful probe counts: a broken venv link must not hide its base interpreter.
    char resolved[PATH_MAX];
    std::string real = ::realpath(path.c_str(), resolved) != nullptr ? resolved : path.string();
    if (tried_.count(real)) return std::nullopt;
    // A pyenv shim is probed as the interpreter pyenv would pick, which can be cached.
    fs::path probed = path;
    if (inputs_.pyenv_root && is_shims_dir(path.parent_path())) {
      PyenvSelection selection{*inputs_.pyenv_root, inputs_.pyenv_version, inputs_.cwd};
      if (std::optional<fs::path> real_python = resolve_pyenv_shim(path, selection)) {
        probed = std::move(*real_python);
      }
    }
    Result<Interpreter> py = probe_interpreter(probed, probe_);
    if (!py.ok()) {
      skipped_.push_back(py.error().message());
      return std::nullopt;
    }
    tried_.insert(real);
    // A shim's answer is the interpreter it ran: no need to probe that one again from pyenv.
    if (::realpath(py->sys_executable.c_str(), resolved) != nullptr) tried_.insert(resolved);
    if (fits(*py)) return std::move(py).value();
    found_.push_back(py->version_text() + " at " + path.string());
    return std::nullopt;
  }

  bool fits(const Interpreter& py) const {
    if (!request_.matches(py)) return false;
    return !inputs_.requires_python ||
           satisfies_requires_python(py.version, *inputs_.requires_python);
  }

  Error not_found(const std::vector<std::string>& sources,
                  const std::optional<fs::path>& request_file) const {
    std::string message = "No interpreter found for " + request_.describe();
    if (request_file) message += " (from " + request_file->string() + ")";
    if (inputs_.requires_python) {
      message += " satisfying requires-python `" + inputs_.requires_python->to_string() + "`";
    }
    std::string where;
    for (size_t i = 0; i < sources.size(); ++i) {
      where += (i == 0 ? "" : i + 1 == sources.size() ? " or " : ", ") + sources[i];
    }
    message += " in " + where;
    message += found_.empty() ? "; no other interpreters were found"
                              : "; found " + join_listed(found_, ", ");
    Error error = make_error(ErrorKind::kNotFound, std::move(message));
    if (skipped_.empty()) return error;
    return std::move(error).with_hint("skipped: " + join_listed(skipped_, "; "));
  }

 private:
  const PythonRequest& request_;
  const DiscoveryInputs& inputs_;
  const ProbeOptions& probe_;
  std::set<std::string> tried_;
  std::vector<std::string> found_;
  std::vector<std::string> skipped_;
};

Result<FoundInterpreter> find_at_path(FoundInterpreter found, const DiscoveryInputs& inputs,
                                      const ProbeOptions& probe) {
  fs::path path = resolve_request_path(found.request.path, inputs);
  std::error_code ec;
  fs::path executable = path;
  if (fs::is_directory(path, ec)) {
    std::optional<fs::path> inside = interpreter_in_dir(path);
    if (!inside) {
      return make_error(ErrorKind::kNotFound, "No interpreter found in " + path.string() +
                                                  ": it has no bin/python3 or bin/python");
    }
    executable = *inside;
  } else if (!fs::exists(path, ec)) {
    return make_error(ErrorKind::kNotFound,
                      "No interpreter found at " + path.string() + ": no such file or directory");
  }
  ROOST_TRY(found.interpreter, probe_interpreter(executable, probe));
  if (inputs.requires_python &&
      !satisfies_requires_python(found.interpreter.version, *inputs.requires_python)) {
    return make_error(ErrorKind::kUsage, "The interpreter at " + executable.string() +
                                             " is Python " + found.interpreter.version_text() +
                                             ", which does not satisfy requires-python `" +
                                             inputs.requires_python->to_string() + "`");
  }
  found.source = InterpreterSource::kExplicitPath;
  return found;
}

}  // namespace

std::string_view to_string(InterpreterSource source) {
  switch (source) {
    case InterpreterSource::kExplicitPath:
      return "the requested path";
    case InterpreterSource::kVirtualEnv:
      return "the virtual environment";
    case InterpreterSource::kSearchPath:
      return "PATH";
    case InterpreterSource::kPyenv:
      return "pyenv versions";
  }
  return "";
}

Result<FoundInterpreter> find_interpreter(const std::optional<PythonRequest>& request,
                                          const DiscoveryInputs& inputs,
                                          const ProbeOptions& probe) {
  FoundInterpreter found;
  // 1. The request: --python, else the nearest .python-version, else any interpreter.
  if (request) {
    found.request = *request;
  } else if (inputs.project_dir) {
    ROOST_TRY(std::optional<PythonVersionFile> pin, find_python_version_file(*inputs.project_dir));
    if (pin) {
      found.request = std::move(pin->request);
      found.request_file = std::move(pin->path);
    }
  }
  if (found.request.kind == RequestKind::kPath)
    return find_at_path(std::move(found), inputs, probe);

  Search search(found.request, inputs, probe);
  std::vector<std::string> sources;
  auto done = [&](Interpreter py, InterpreterSource source) {
    found.interpreter = std::move(py);
    found.source = source;
    return found;
  };
  bool by_name = found.request.kind == RequestKind::kExecutableName;

  // 2. The project's (or the active) virtual environment.
  if (inputs.venv && !by_name) {
    sources.push_back("the virtual environment at " + inputs.venv->string());
    if (std::optional<fs::path> exe = interpreter_in_dir(*inputs.venv)) {
      if (auto py = search.try_candidate(*exe))
        return done(std::move(*py), InterpreterSource::kVirtualEnv);
    }
  }

  // 3. PATH, directory by directory: the fixed names, then (for a constrained search) any other
  // python3.N there.
  sources.push_back("PATH");
  std::vector<std::string> names =
      by_name ? std::vector<std::string>{found.request.name} : executable_names(found.request);
  uint64_t major = found.request.kind == RequestKind::kVersion ? found.request.version[0] : 3;
  for (const fs::path& dir : search_path_dirs(inputs.path_env)) {
    fs::path base = dir.is_relative() ? inputs.cwd / dir : dir;
    for (const std::string& name : names) {
      fs::path candidate = base / name;
      if (!is_executable_file(candidate)) continue;
      if (auto py = search.try_candidate(candidate))
        return done(std::move(*py), InterpreterSource::kSearchPath);
    }
    // Any python3.N is a fallback for a constraint python3 / python did not meet; a bare
    // request keeps PATH's order of python3 / python, as uv does.
    if (by_name || is_shims_dir(base)) continue;
    if (found.request.is_any() && !inputs.requires_python) continue;
    for (const fs::path& candidate : versioned_executables(base, major, names)) {
      if (auto py = search.try_candidate(candidate))
        return done(std::move(*py), InterpreterSource::kSearchPath);
    }
  }

  // 4. pyenv's installed versions, newest first.
  if (inputs.pyenv_root && !by_name) {
    sources.push_back("pyenv versions");
    for (const fs::path& candidate : pyenv_interpreters(*inputs.pyenv_root)) {
      if (auto py = search.try_candidate(candidate))
        return done(std::move(*py), InterpreterSource::kPyenv);
    }
  }
  return search.not_found(sources, found.request_file);
}

}  // namespace roost::python
