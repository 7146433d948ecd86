// exclude-newer rules from flags and [tool.uv], and their record in uv.lock (see the header).
#include "project/exclude_newer_settings.h"

#include <algorithm>

namespace roost::project {
namespace {

using resolve::python::ExcludeNewer;
using resolve::python::ExcludeNewerValue;

// uv 0.12's placeholder for a relative global value, with its comment.
constexpr const char* kPlaceholder = "0001-01-01T00:00:00Z";
constexpr const char* kPlaceholderComment =
    "# This has no effect and is included for backwards compatibility when using relative "
    "exclude-newer values.";

Result<ExcludeNewerValue> raw_value(const UvConfig& config, const ConfigLevel& level,
                                    const pyproject::RawValue& v, std::string_view key) {
  if (const bool* b = std::get_if<bool>(&v.value); b && !*b) return ExcludeNewerValue::disabled();
  const std::string* text = std::get_if<std::string>(&v.value);
  if (text == nullptr) {
    return config.error_at(level, v,
                           "`" + std::string(key) + "` must be a timestamp, a span or `false`");
  }
  Result<ExcludeNewerValue> parsed = ExcludeNewerValue::parse(*text);
  if (!parsed.ok()) return config.error_at(level, v, parsed.error().message());
  return parsed;
}

Result<pep508::PackageName> package_name(std::string_view text, std::string_view where) {
  Result<pep508::PackageName> name = pep508::PackageName::parse(text);
  if (!name.ok()) {
    return Error(ErrorKind::kUsage,
                 std::string(where) + ": `" + std::string(text) + "` is not a package name");
  }
  return name;
}

// The lock entry of one package's value (a span's timestamp: what it gives at `now_ms`).
lock::ExcludeNewerPackage entry(const std::string& name, const ExcludeNewerValue& v,
                                int64_t now_ms = 0) {
  lock::ExcludeNewerPackage e{.name = name};
  if (v.is_disabled()) {
    e.disabled = true;
  } else if (v.is_relative()) {
    e.timestamp = resolve::python::timestamp_text(*v.cutoff_ms(now_ms));
    e.span = v.span_text();
  } else {
    e.timestamp = v.timestamp_text();
  }
  return e;
}

bool same_entry(const lock::ExcludeNewerPackage& locked, const lock::ExcludeNewerPackage& now) {
  if (locked.disabled || now.disabled) return locked.disabled == now.disabled;
  if (!now.span.empty()) return locked.span == now.span;
  return locked.span.empty() && locked.timestamp == now.timestamp;
}

}  // namespace

Result<ExcludeNewer> exclude_newer_rules(const UvConfig* config, const ExcludeNewerFlags& flags) {
  ExcludeNewer rules;
  if (config != nullptr) {
    if (auto [v, level] = config->setting("exclude-newer"); v != nullptr) {
      ROOST_TRY(ExcludeNewerValue value, raw_value(*config, *level, *v, "exclude-newer"));
      if (value.is_disabled()) {
        return config->error_at(*level, *v, "`exclude-newer` must be a timestamp or a span");
      }
      rules.global = std::move(value);
    }
    // Tables of every level, merged: a package's value from the first level naming it.
    for (const auto& [v, level] : config->all("exclude-newer-package")) {
      const auto* table = std::get_if<pyproject::RawValue::Table>(&v->value);
      if (table == nullptr) {
        return config->error_at(*level, *v,
                                "`exclude-newer-package` must be a table of package names to "
                                "timestamps, spans or `false`");
      }
      for (const pyproject::RawEntry& e : *table) {
        ROOST_TRY(pep508::PackageName name, package_name(e.key, level->source->path()));
        ROOST_TRY(ExcludeNewerValue value, raw_value(*config, *level, e.value, e.key));
        rules.packages.emplace(name.str(), std::move(value));
      }
    }
  }
  if (flags.global) {
    ROOST_TRY(ExcludeNewerValue value, ExcludeNewerValue::parse(*flags.global));
    rules.global = std::move(value);
  }
  for (const std::string& written : flags.packages) {
    size_t eq = written.find('=');
    if (eq == std::string::npos) {
      return Error(ErrorKind::kUsage,
                   "--exclude-newer-package " + written + ": expected NAME=VALUE");
    }
    ROOST_TRY(pep508::PackageName name,
              package_name(written.substr(0, eq), "--exclude-newer-package"));
    std::string text = written.substr(eq + 1);
    ExcludeNewerValue value = ExcludeNewerValue::disabled();
    if (text != "false") {
      ROOST_TRY(value, ExcludeNewerValue::parse(text));
    }
    rules.packages.insert_or_assign(name.str(), std::move(value));
  }
  return rules;
}

void record_exclude_newer(const ExcludeNewer& rules, lock::Options& options,
                          const lock::Options* existing, int64_t now_ms) {
  options.exclude_newer.clear();
  options.exclude_newer_comment.clear();
  options.exclude_newer_span.clear();
  options.exclude_newer_package.clear();
  if (rules.global && rules.global->is_relative()) {
    options.exclude_newer = kPlaceholder;
    options.exclude_newer_comment = kPlaceholderComment;
    options.exclude_newer_span = rules.global->span_text();
  } else if (rules.global) {
    options.exclude_newer = rules.global->timestamp_text();
  }
  std::vector<std::string> names;
  if (existing != nullptr) {
    for (const lock::ExcludeNewerPackage& p : existing->exclude_newer_package) {
      if (rules.packages.count(p.name)) names.push_back(p.name);
    }
  }
  for (const auto& [name, value] : rules.packages) {  // std::map: by name
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  for (const std::string& name : names) {
    lock::ExcludeNewerPackage e = entry(name, rules.packages.at(name), now_ms);
    if (existing != nullptr && !e.span.empty()) {
      for (const lock::ExcludeNewerPackage& was : existing->exclude_newer_package) {
        if (was.name == name && was.span == e.span) e.timestamp = was.timestamp;
      }
    }
    options.exclude_newer_package.push_back(std::move(e));
  }
}

std::vector<std::string> exclude_newer_span_changes(const lock::Options& locked,
                                                    const ExcludeNewer& rules) {
  std::vector<std::string> out;
  auto said = [](const std::string& from, const std::string& to) {
    return "Resolving despite existing lockfile due to change of exclude newer span from `" + from +
           "` to `" + to + "`";
  };
  std::string now = rules.global ? rules.global->span_text() : "";
  if (!locked.exclude_newer_span.empty() && !now.empty() && locked.exclude_newer_span != now) {
    out.push_back(said(locked.exclude_newer_span, now));
  }
  for (const lock::ExcludeNewerPackage& was : locked.exclude_newer_package) {
    auto it = rules.packages.find(was.name);
    if (was.span.empty() || it == rules.packages.end() || !it->second.is_relative()) continue;
    if (it->second.span_text() != was.span) {
      out.push_back(said(was.span, it->second.span_text()) + " for package `" + was.name + "`");
    }
  }
  return out;
}

bool records_exclude_newer(const lock::Options& options, const ExcludeNewer& rules) {
  if (!rules.global) {
    if (!options.exclude_newer.empty() || !options.exclude_newer_span.empty()) return false;
  } else if (rules.global->is_relative()) {
    if (options.exclude_newer_span != rules.global->span_text()) return false;
  } else if (!options.exclude_newer_span.empty() ||
             options.exclude_newer != rules.global->timestamp_text()) {
    return false;
  }
  if (options.exclude_newer_package.size() != rules.packages.size()) return false;
  for (const lock::ExcludeNewerPackage& locked : options.exclude_newer_package) {
    auto it = rules.packages.find(locked.name);
    if (it == rules.packages.end() || !same_entry(locked, entry(it->first, it->second))) {
      return false;
    }
  }
  return true;
}

}  // namespace roost::project
