// Running and caching interpreter probes (probe.h).
#include "python/probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <string_view>

#include "base/fs.h"
#include "base/subprocess.h"
#include "python/probe_output.h"
#include "python/probe_script.h"

namespace roost::python {
namespace fs = std::filesystem;

namespace {

// One field of the key: a file's identity, or "-" when it does not exist.
std::string stat_stamp(const char* path) {
  struct stat st {};
  if (::stat(path, &st) != 0) return "-";
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino) + ":" +
         std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec);
}

// The key as one line: fields joined by NUL, then \, newline and NUL escaped.
std::string escape_key(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\0')
      out += "\\0";
    else
      out.push_back(c);
  }
  return out;
}

// A pyenv shim and friends: "#!" scripts choose their interpreter on each run.
bool is_script(const fs::path& resolved) {
  int fd = ::open(resolved.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char head[2] = {};
  ssize_t got = ::read(fd, head, sizeof head);
  ::close(fd);
  return got == 2 && head[0] == '#' && head[1] == '!';
}

Result<void> check_executable(const fs::path& executable) {
  struct stat st {};
  if (::stat(executable.c_str(), &st) != 0) {
    return make_error(ErrorKind::kNotFound,
                      "no interpreter at " + executable.string() + ": " + errno_message(errno));
  }
  if (!S_ISREG(st.st_mode) || ::access(executable.c_str(), X_OK) != 0) {
    return make_error(ErrorKind::kNotFound,
                      "no interpreter at " + executable.string() + ": not an executable file");
  }
  return ok();
}

std::string first_line(std::string_view text) {
  size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "";
  text = text.substr(start);
  text = text.substr(0, text.find('\n'));
  constexpr size_t kMax = 200;
  return std::string(text.substr(0, kMax)) + (text.size() > kMax ? "..." : "");
}

Result<std::string> run_probe(const fs::path& executable, const ProbeOptions& options) {
  if (options.spawn_count) options.spawn_count->fetch_add(1);
  // -I: ignore PYTHON* variables and the user site; -S: no site.py (the script finds a venv
  // itself); -B: write no bytecode.
  SubprocessOptions run{
      .argv = {executable.string(), "-I", "-S", "-B", "-c", std::string(kProbeScript)},
      .timeout_ms = options.timeout_ms};
  ROOST_TRY(SubprocessResult result, run_subprocess(run));
  std::string failure;
  if (result.timed_out) {
    failure = "it did not answer within " + std::to_string(options.timeout_ms) + " ms";
  } else if (result.signal != 0) {
    failure = "it was killed by signal " + std::to_string(result.signal);
  } else if (result.exit_code != 0) {
    failure = "it exited with code " + std::to_string(result.exit_code);
  }
  if (!failure.empty()) {
    std::string detail = first_line(result.stderr_data);
    return make_error(ErrorKind::kSubprocess, "cannot query the interpreter at " +
                                                  executable.string() + ": " + failure +
                                                  (detail.empty() ? "" : ": " + detail));
  }
  return std::move(result.stdout_data);
}

std::optional<Interpreter> read_cached(const cache::Cache& cache, const std::string& key,
                                       const fs::path& executable) {
  Result<std::optional<std::string>> entry = cache.read_entry(cache::Bucket::kInterpreters, key);
  if (!entry.ok() || !entry->has_value()) return std::nullopt;
  std::string_view text = **entry;
  size_t newline = text.find('\n');
  // The file name is only a hash of the key: the full key on the first line guards collisions.
  if (newline == std::string_view::npos || text.substr(0, newline) != escape_key(key)) {
    return std::nullopt;
  }
  Result<Interpreter> py = parse_probe_output(text.substr(newline + 1), executable);
  if (!py.ok()) return std::nullopt;  // an older or damaged entry: probe again
  return std::move(py).value();
}

void write_cached(const cache::Cache& cache, const std::string& key, std::string_view output) {
  // A failed write only costs a probe next time.
  (void)cache.write_entry(cache::Bucket::kInterpreters, key,
                          escape_key(key) + "\n" + std::string(output));
}

}  // namespace

std::optional<std::string> probe_cache_key(const fs::path& executable) {
  char resolved[PATH_MAX];
  if (::realpath(executable.c_str(), resolved) == nullptr) return std::nullopt;
  std::string file = stat_stamp(resolved);
  if (file == "-") return std::nullopt;
  fs::path dir = executable.parent_path();
  std::string key = std::string(kProbeHeader);
  for (const std::string& field :
       {executable.string(), std::string(resolved), file, stat_stamp((dir / "pyvenv.cfg").c_str()),
        stat_stamp((dir.parent_path() / "pyvenv.cfg").c_str())}) {
    key.push_back('\0');
    key += field;
  }
  return key;
}

void remember_venv_probe(const fs::path& base, const fs::path& venv_python,
                         const fs::path& venv_root, const cache::Cache& cache) {
  std::optional<std::string> base_key = probe_cache_key(base.lexically_normal());
  std::optional<std::string> venv_key = probe_cache_key(venv_python.lexically_normal());
  if (!base_key || !venv_key) return;
  Result<std::optional<std::string>> entry =
      cache.read_entry(cache::Bucket::kInterpreters, *base_key);
  if (!entry.ok() || !*entry) return;
  std::string_view text = **entry;
  size_t newline = text.find('\n');
  if (newline == std::string_view::npos || text.substr(0, newline) != escape_key(*base_key)) {
    return;
  }
  // Paths with a backslash or a line break would need the probe's escaping: leave them to it.
  for (const fs::path* p : {&venv_python, &venv_root}) {
    if (p->string().find_first_of("\\\n\r") != std::string::npos) return;
  }
  std::string output;
  for (std::string_view rest = text.substr(newline + 1); !rest.empty();) {
    size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    if (line.starts_with("executable=")) {
      output += "executable=" + venv_python.lexically_normal().string();
    } else if (line.starts_with("prefix=")) {
      output += "prefix=" + venv_root.lexically_normal().string();
    } else {
      output += line;
    }
    output += '\n';
  }
  write_cached(cache, *venv_key, output);
}

Result<Interpreter> probe_interpreter(const fs::path& executable, const ProbeOptions& options) {
  if (!executable.is_absolute()) {
    return make_error(ErrorKind::kUsage,
                      "an interpreter to probe needs an absolute path, not " + executable.string());
  }
  fs::path path = executable.lexically_normal();
  std::optional<std::string> key = options.cache ? probe_cache_key(path) : std::nullopt;
  if (key) {
    if (std::optional<Interpreter> hit = read_cached(*options.cache, *key, path)) return *hit;
  }
  ROOST_CHECK(check_executable(path));
  ROOST_TRY(std::string output, run_probe(path, options));
  ROOST_TRY(Interpreter py, parse_probe_output(output, path));
  if (key) {
    char resolved[PATH_MAX];
    bool script = ::realpath(path.c_str(), resolved) != nullptr && is_script(resolved);
    if (!script) {
      write_cached(*options.cache, *key, output);
    } else if (py.sys_executable.is_absolute() && py.sys_executable != path) {
      std::optional<std::string> real_key = probe_cache_key(py.sys_executable);
      if (real_key && ::realpath(py.sys_executable.c_str(), resolved) != nullptr &&
          !is_script(resolved)) {
        write_cached(*options.cache, *real_key, output);
      }
    }
  }
  return py;
}

}  // namespace roost::python
