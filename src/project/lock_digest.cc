// uv.lock without what a freshness check does not read (see lock_digest.h).
#include "project/lock_digest.h"

#include <cstring>

#include "base/fs.h"
#include "lock/read_lock.h"

namespace roost::project {
namespace {

bool starts_with(std::string_view line, std::string_view prefix) {
  return line.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string without_distributions(std::string_view text) {
  std::string out;
  out.reserve(text.size() / 4);
  bool in_array = false;       // inside a dropped multi-line array, until its `]` line
  bool in_table = false;       // inside a dropped [package.*-dependencies] table
  bool immutable = false;      // the current [[package]] comes from a registry or git
  bool local_archive = false;  // ... from a local wheel or sdist: its hash is checked
  size_t at = 0;
  while (at < text.size()) {
    const char* nl =
        static_cast<const char*>(std::memchr(text.data() + at, '\n', text.size() - at));
    size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
    std::string_view line = text.substr(at, end - at);
    bool drop = false;
    if (in_array) {
      drop = true;
      if (line == "]") in_array = false;
    } else if (!line.empty() && line.front() == '[') {
      // A header ends a dropped table. The edges of a registry or git package are never
      // followed (uv does not look past immutable packages), so its optional and dev
      // dependency tables go too.
      if (line == "[[package]]") immutable = local_archive = false;
      in_table = immutable && (line == "[package.optional-dependencies]" ||
                               line == "[package.dev-dependencies]");
      drop = in_table;
    } else if (in_table) {
      drop = true;
    } else if (starts_with(line, "source = { registry = ") ||
               starts_with(line, "source = { git = ")) {
      immutable = true;
    } else if (starts_with(line, "source = { path = ")) {
      local_archive = true;
    } else if (local_archive &&
               (starts_with(line, "sdist = ") || starts_with(line, "wheels = ["))) {
      // kept whole
    } else if (starts_with(line, "sdist = ")) {
      drop = true;
    } else if (starts_with(line, "wheels = [") ||
               (immutable && (starts_with(line, "dependencies = [") ||
                              starts_with(line, "resolution-markers = [")))) {
      drop = true;
      in_array = line.back() != ']';
    }
    // A dropped line keeps its line break, so line numbers stay those of the file.
    if (!drop) out.append(line);
    if (nl) out += '\n';
    at = end + 1;
  }
  return out;
}

Result<lock::Lockfile> parse_lock_digest(std::string_view text, std::string_view file) {
  Result<lock::Lockfile> lock = lock::parse_lock(without_distributions(text), file);
  if (lock.ok()) return lock;
  return lock::parse_lock(text, file);
}

Result<lock::Lockfile> read_lock_digest(const std::filesystem::path& path) {
  ROOST_TRY(std::string text, read_file(path));
  return parse_lock_digest(text, path.string());
}

}  // namespace roost::project
