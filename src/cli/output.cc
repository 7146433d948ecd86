// Terminal output with optional ANSI colors.
#include "cli/output.h"

#include <unistd.h>

namespace roost::cli {
namespace {

constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kReset = "\x1b[0m";

std::string label(bool color, std::string_view ansi, std::string_view word) {
  if (!color) return std::string(word);
  return std::string(ansi) + std::string(word) + std::string(kReset);
}

}  // namespace

Output::Output(const GlobalOptions& options, bool no_color_env) : quiet_(options.quiet) {
  switch (options.color) {
    case ColorChoice::kAlways:
      color_ = true;
      break;
    case ColorChoice::kNever:
      color_ = false;
      break;
    case ColorChoice::kAuto:
      color_ = !no_color_env && ::isatty(STDERR_FILENO) == 1;
      break;
  }
}

void Output::out(std::string_view text) const {
  std::fwrite(text.data(), 1, text.size(), stdout);
}

void Output::info(std::string_view text) const {
  if (quiet_) return;
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void Output::error(const Error& error) const {
  std::string text = label(color_, kRed, "error") + ": " + error.render() + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

void Output::warn(std::string_view message) {
  if (quiet_) return;
  std::string text = label(color_, kYellow, "warning") + ": " + std::string(message) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
}

std::string count_text(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string elapsed_since(std::chrono::steady_clock::time_point start) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  if (us >= 1000000) {
    int64_t centis = us / 10000 % 100;
    return std::to_string(us / 1000000) + (centis < 10 ? ".0" : ".") + std::to_string(centis) + "s";
  }
  return std::to_string(us / 1000) + "ms";
}

}  // namespace roost::cli
