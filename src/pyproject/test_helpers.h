// Helpers shared by the pyproject/ tests: parse and return the rendered first error, or all of
// them, so tests compare what a user reads, word for word.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "pyproject/pyproject.h"

namespace roost::pyproject::testing {

inline constexpr std::string_view kFile = "pkg/pyproject.toml";

// Parses and fails the test on error (showing the rendered error).
inline PyProject parse_ok(std::string_view text) {
  Result<PyProject> parsed = parse_pyproject(text, kFile);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().render());
  if (!parsed.ok()) return PyProject{};
  return std::move(parsed).value();
}

// The rendered first error ("" and a test failure when the text parses).
inline std::string first_error(std::string_view text) {
  Result<PyProject> parsed = parse_pyproject(text, kFile);
  EXPECT_FALSE(parsed.ok()) << "expected an error for:\n" << text;
  return parsed.ok() ? std::string() : parsed.error().render();
}

// Every error of check_pyproject(), rendered, in order.
inline std::vector<std::string> all_errors(std::string_view text) {
  std::vector<std::string> out;
  for (const Error& e : check_pyproject(text, kFile).errors) out.push_back(e.render());
  return out;
}

inline std::vector<std::string> warnings_of(const PyProject& p) {
  std::vector<std::string> out;
  for (const Warning& w : p.warnings) out.push_back(w.render());
  return out;
}

}  // namespace roost::pyproject::testing
