// Fuzzes markers: parsing never crashes; the as-written and canonical forms parse back to the
// same function; and and_ / or_ / not_ of two markers (the input split in two) agree with
// evaluation in a fixed set of environments.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pep508/marker.h"

namespace {

using roost::pep508::Marker;
using roost::pep508::MarkerEnvironment;
using roost::pep508::PreparedEnvironment;

std::vector<PreparedEnvironment> environments() {
  std::vector<PreparedEnvironment> out;
  for (const char* python : {"2.7.18", "3.8", "3.8.1rc1", "3.12.1", "3.13.0"}) {
    for (const char* platform : {"linux", "win32"}) {
      MarkerEnvironment env;
      std::string full(python);
      env.values = {{"python_full_version", full},
                    {"implementation_name", "cpython"},
                    {"implementation_version", full},
                    {"os_name", std::string(platform) == "win32" ? "nt" : "posix"},
                    {"platform_machine", "x86_64"},
                    {"platform_release", "22.1.0"},
                    {"platform_system", "Linux"},
                    {"platform_version", "#1"},
                    {"platform_python_implementation", "CPython"},
                    {"sys_platform", platform},
                    {"extra", std::string(platform) == "win32" ? "test" : ""}};
      env.extras = std::set<std::string>{"a"};
      env.dependency_groups = std::set<std::string>{};
      out.emplace_back(env);
    }
  }
  return out;
}

// The result, or nullopt when evaluation reports an error (undefined comparisons).
std::optional<bool> eval(const Marker& m, const PreparedEnvironment& env) {
  auto r = m.evaluate(env);
  if (!r) return std::nullopt;
  return *r;
}

Marker reparse(const std::string& text) {
  auto m = Marker::parse(text.empty() ? "python_version >= '0'" : text);
  if (!m) std::abort();
  return *m;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<PreparedEnvironment> kEnvironments = environments();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t split = text.find('\x1f');
  auto a = Marker::parse(text.substr(0, split));
  if (!a) return 0;
  if (!(reparse(a->as_written()) == *a)) std::abort();
  Marker canonical = reparse(a->to_string());
  if (canonical.to_string() != a->to_string()) std::abort();
  Marker b = Marker::always_true();
  if (split != std::string_view::npos) {
    auto parsed = Marker::parse(text.substr(split + 1));
    if (!parsed) return 0;
    b = *parsed;
  }
  Marker both = a->and_(b);
  Marker either = a->or_(b);
  Marker not_a = a->not_();
  if (both.is_false() != a->is_disjoint(b)) std::abort();
  // Post and local versions are left out of the environments, where the canonical text of a few
  // reversed comparisons is approximate (src/pep508/README.md).
  for (const PreparedEnvironment& env : kEnvironments) {
    auto x = eval(*a, env);
    auto y = eval(b, env);
    if (!x || !y) continue;
    if (eval(both, env) != (*x && *y)) std::abort();
    if (eval(either, env) != (*x || *y)) std::abort();
    if (eval(not_a, env) != !*x) std::abort();
    if (eval(canonical, env) != *x) std::abort();
  }
  return 0;
}
