// Printing for people: the only place (with the command handlers) that writes to the terminal.
// Honors --quiet, --verbose, --color auto|always|never and the NO_COLOR convention.
#pragma once

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "base/reporter.h"
#include "base/result.h"

namespace roost::cli {

enum class ColorChoice { kAuto, kAlways, kNever };

struct GlobalOptions {
  bool quiet = false;
  int verbose = 0;
  ColorChoice color = ColorChoice::kAuto;
  std::string directory;                   // --directory: chdir before anything else
  std::string project;                     // --project: where discovery starts
  bool no_config = false;                  // --no-config: no uv.toml / [tool.uv] settings
  std::optional<std::string> config_file;  // --config-file: this uv.toml instead
};

class Output : public Reporter {
 public:
  // `no_color_env`: whether NO_COLOR is set (read by the caller, at the edge).
  Output(const GlobalOptions& options, bool no_color_env);

  void out(std::string_view text) const;   // stdout, always (data the user asked for)
  void info(std::string_view text) const;  // stderr, unless --quiet
  void error(const Error& error) const;    // stderr: "error: ..." with span, context and hint

  void warn(std::string_view message) override;
  void progress(const ProgressEvent&) override {}

  bool color() const { return color_; }

 private:
  bool quiet_;
  bool color_;
};

// uv's wording for counts and durations in progress lines: "1 package", "5 packages"; "13ms",
// "1.25s".
std::string count_text(size_t n, const char* word);
std::string elapsed_since(std::chrono::steady_clock::time_point start);

}  // namespace roost::cli
