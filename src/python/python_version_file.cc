// Finding and reading `.python-version` (python_version_file.h).
#include "python/python_version_file.h"

#include "base/fs.h"

namespace roost::python {
namespace fs = std::filesystem;

Result<std::optional<PythonRequest>> parse_python_version_file(std::string_view text,
                                                               const fs::path& path) {
  while (!text.empty()) {
    size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    size_t start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos || line[start] == '#') continue;
    Result<PythonRequest> request = PythonRequest::parse(line);
    if (!request.ok())
      return std::move(request).error().with_context("while reading " + path.string());
    if (request->kind == RequestKind::kPath && request->path.is_relative() &&
        !request->path.string().starts_with("~")) {
      request->path = (path.parent_path() / request->path).lexically_normal();
    }
    return std::optional<PythonRequest>(std::move(request).value());
  }
  return std::optional<PythonRequest>();
}

Result<std::optional<PythonVersionFile>> find_python_version_file(const fs::path& start) {
  fs::path dir = start.lexically_normal();
  while (true) {
    fs::path candidate = dir / ".python-version";
    // An unreadable file (EACCES in a parent's directory, a directory named .python-version)
    // counts as absent: a stranger's folder above the project must not break discovery.
    Result<std::optional<std::string>> text = read_file_if_exists(candidate.c_str());
    if (text.ok() && text->has_value()) {
      ROOST_TRY(std::optional<PythonRequest> request, parse_python_version_file(**text, candidate));
      if (request) return std::optional<PythonVersionFile>(PythonVersionFile{candidate, *request});
    }
    fs::path parent = dir.parent_path();
    if (parent == dir || parent.empty()) return std::optional<PythonVersionFile>();
    dir = std::move(parent);
  }
}

}  // namespace roost::python
