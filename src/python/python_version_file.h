// `.python-version` files (pyenv's and uv's pin): the first line that is neither blank nor a `#`
// comment is a Python request (request.h).
//
//   ROOST_TRY(auto pin, find_python_version_file(project_dir));
//   if (pin) use(pin->request);  // pin->path says where it came from
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

#include "base/result.h"
#include "python/request.h"

namespace roost::python {

struct PythonVersionFile {
  std::filesystem::path path;
  PythonRequest request;
};

// The request in a file's text; nullopt when it holds only blanks and comments. A line that is
// not a valid request is kUsage, with the file named in the context.
Result<std::optional<PythonRequest>> parse_python_version_file(std::string_view text,
                                                               const std::filesystem::path& path);

// The nearest `.python-version` in `start` or one of its parents (up to the file-system root),
// skipping files with no request in them, as uv does. nullopt when there is none. A request is
// relative to the file's directory when it is a relative path ("./.venv/bin/python").
Result<std::optional<PythonVersionFile>> find_python_version_file(
    const std::filesystem::path& start);

}  // namespace roost::python
