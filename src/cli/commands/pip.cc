// `roost pip compile`: resolve requirements (arguments, requirement files, `-r FILE`) for one
// environment (--python-version / --python-platform) or for all of them (--universal), and print
// them pinned, pip-tools style: `name==version` (with `; marker` when universal).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "base/fs.h"
#include "cli/app.h"
#include "cli/command.h"
#include "cli/index_session.h"
#include "cli/metadata_builds.h"
#include "cli/project_discovery.h"
#include "cli/resolver_flags.h"
#include "cli/uv_settings.h"
#include "project/exclude_newer_settings.h"
#include "resolve/python/dependency_rules.h"
#include "resolve/python/exclude_newer.h"
#include "resolve/python/index_source.h"
#include "resolve/python/resolver.h"
#include "resolve/python/target.h"

namespace roost::cli {
namespace {

struct CompileOptions {
  std::vector<std::string> inputs;        // requirement strings or files
  std::vector<std::string> requirements;  // -r FILE
  std::optional<std::string> python_version;
  std::optional<std::string> python_platform;
  bool universal = false;
  std::optional<std::string> output_file;
  bool no_header = false;
  std::vector<std::string> constraints;  // -c FILE: versions narrowed, never added
  std::vector<std::string> overrides;    // --override FILE: requirements replaced
  ResolverFlags resolver;
  IndexOptions index;
};

// A requirements file: one requirement per line, `#` comments, `-r other.txt` includes,
// backslash continuations. Option lines (`--index-url ...`) are not supported yet.
Result<void> read_requirements(const std::filesystem::path& path,
                               std::vector<resolve::python::Requirement>& out, int depth = 0) {
  if (depth > 10)
    return Error(ErrorKind::kUsage, "requirement files include each other: " + path.string());
  ROOST_TRY(std::string text, read_file(path));
  std::string logical;
  int line_no = 0, start_line = 0;
  auto flush = [&]() -> Result<void> {
    std::string line = logical;
    logical.clear();
    size_t hash = line.find(" #");
    if (line.starts_with("#")) hash = 0;
    if (hash != std::string::npos) line.erase(hash);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    line.erase(0, first);
    if (line.starts_with("-r ") || line.starts_with("--requirement ")) {
      std::string rest = line.substr(line.find(' ') + 1);
      rest.erase(0, rest.find_first_not_of(' '));
      return read_requirements(path.parent_path() / rest, out, depth + 1);
    }
    if (line.starts_with("-")) {
      return Error(ErrorKind::kUsage, path.string() + ":" + std::to_string(start_line) +
                                          ": option lines are not supported yet: " + line);
    }
    Result<pep508::Requirement> req = pep508::Requirement::parse(line);
    if (!req) {
      return std::move(req).error().with_context("in " + path.string() + ":" +
                                                 std::to_string(start_line));
    }
    out.push_back({std::move(req).value(), std::nullopt});
    return {};
  };
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (logical.empty()) start_line = line_no;
    if (!line.empty() && line.back() == '\\') {
      logical += line.substr(0, line.size() - 1);
      continue;
    }
    logical += line;
    ROOST_CHECK(flush());
  }
  return {};
}

std::string command_line(const CompileOptions& o) {
  std::string text = "roost pip compile";
  for (const std::string& i : o.inputs) text += " " + i;
  for (const std::string& r : o.requirements) text += " -r " + r;
  if (o.universal) text += " --universal";
  if (o.python_version) text += " --python-version " + *o.python_version;
  if (o.python_platform) text += " --python-platform " + *o.python_platform;
  return text;
}

// Where each package is needed when universal: the union, over the edges reaching it, of the
// parent's condition and the edge's marker (the root's condition is "always").
std::vector<pep508::Marker> reach(const resolve::python::Resolution& r) {
  std::vector<pep508::Marker> where(r.packages.size(), pep508::Marker::always_false());
  for (const resolve::python::Edge& e : r.roots) where[e.target] = where[e.target].or_(e.marker);
  for (size_t round = 0; round <= r.packages.size(); ++round) {
    bool changed = false;
    for (size_t i = 0; i < r.packages.size(); ++i) {
      const resolve::python::ResolvedPackage& p = r.packages[i];
      auto spread = [&](const std::vector<resolve::python::Edge>& edges) {
        for (const resolve::python::Edge& e : edges) {
          pep508::Marker more = where[e.target].or_(where[i].and_(e.marker));
          if (!(more == where[e.target])) where[e.target] = more, changed = true;
        }
      };
      spread(p.dependencies);
      for (const auto& [extra, edges] : p.optional_dependencies) spread(edges);
    }
    if (!changed) break;
  }
  return where;
}

int run_compile(Output& output, const GlobalOptions& globals, const CompileOptions& given) {
  // uv's environment variables and configuration files (from the working directory up).
  CompileOptions o = given;
  Result<project::UvConfig> config = load_uv_config(globals, nullptr);
  if (!config) return output.error(config.error()), kExitError;
  print_config_warnings(*config, output);
  if (Result<void> r = settle_index_options(*config, o.index); !r) {
    return output.error(r.error()), kExitError;
  }
  if (Result<void> r = settle_resolver_flags(*config, o.resolver); !r) {
    return output.error(r.error()), kExitError;
  }
  auto start = std::chrono::steady_clock::now();
  resolve::python::ResolveInput input;
  std::filesystem::path cwd = discovery_options(globals).start;
  for (const std::string& item : o.inputs) {
    std::filesystem::path as_path = cwd / item;
    std::error_code ec;
    if (std::filesystem::is_regular_file(as_path, ec)) {
      Result<void> read = read_requirements(as_path, input.requirements);
      if (!read) return output.error(read.error()), kExitError;
      continue;
    }
    Result<pep508::Requirement> req = pep508::Requirement::parse(item);
    if (!req) return output.error(req.error()), kExitError;
    input.requirements.push_back({std::move(req).value(), std::nullopt});
  }
  for (const std::string& file : o.requirements) {
    Result<void> read = read_requirements(cwd / file, input.requirements);
    if (!read) return output.error(read.error()), kExitError;
  }
  if (input.requirements.empty()) {
    output.error(Error(ErrorKind::kUsage, "no requirements given (arguments or -r FILE)"));
    return kExitError;
  }
  Result<resolve::python::ResolveOptions> options = resolve_options(o.resolver);
  if (!options) return output.error(options.error()), kExitError;
  std::string python = o.python_version.value_or("3.12");
  if (o.universal) {
    if (o.python_platform) {
      output.error(Error(ErrorKind::kUsage,
                         "--universal resolves for every platform; it cannot "
                         "be combined with --python-platform"));
      return kExitError;
    }
    auto floor = pep440::SpecifierSet::parse(">=" + python);
    if (!floor) return output.error(floor.error()), kExitError;
    options->requires_python = pep440::VersionRanges::from(*floor);
  } else {
    std::optional<std::string_view> platform;
    if (o.python_platform) platform = *o.python_platform;
    Result<resolve::python::TargetEnvironment> target =
        resolve::python::target_environment(python, platform);
    if (!target) return output.error(target.error()), kExitError;
    options->target = std::move(target).value();
  }
  Result<std::unique_ptr<IndexSession>> session =
      IndexSession::open(o.index, cwd, nullptr, nullptr);
  if (!session) return output.error(session.error()), kExitError;
  resolve::python::IndexPackageSource source((*session)->client());
  std::optional<python::Interpreter> interpreter;
  project::SourceFetch fetch = (*session)->source_fetch();
  attach_metadata_builds(**session, cwd, interpreter, fetch, source);
  // -c / --override files: uv's constraints and overrides (dependency_rules.h).
  resolve::python::DependencyRules rules;
  for (auto [files, into] :
       {std::pair{&o.constraints, &rules.constraints}, std::pair{&o.overrides, &rules.overrides}}) {
    for (const std::string& file : *files) {
      std::vector<resolve::python::Requirement> listed;
      if (Result<void> read = read_requirements(cwd / file, listed); !read) {
        return output.error(read.error()), kExitError;
      }
      for (resolve::python::Requirement& r : listed) {
        (*into)[r.requirement.name.str()].push_back(std::move(r.requirement));
      }
    }
  }
  resolve::python::apply_to_input(rules, input);
  Result<resolve::python::ExcludeNewer> exclude_newer = project::exclude_newer_rules(
      &*config, {o.resolver.exclude_newer, o.resolver.exclude_newer_packages});
  if (!exclude_newer) return output.error(exclude_newer.error()), kExitError;
  resolve::python::PackageSource* packages = &source;
  std::optional<resolve::python::ExcludeNewerSource> cooled;
  if (!exclude_newer->empty()) {
    packages = &cooled.emplace(source, std::move(exclude_newer).value(),
                               std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
  }
  std::optional<resolve::python::DependencyRulesSource> ruled;
  if (!rules.empty()) packages = &ruled.emplace(*packages, rules);
  Result<resolve::python::Resolution> r = resolve::python::resolve(input, *options, *packages);
  if (!r) {
    if (r.error().kind() == ErrorKind::kUnsatisfiable) {
      output.error(Error(ErrorKind::kUnsatisfiable,
                         "No solution found when resolving dependencies:\n" + r.error().message()));
      return kExitFailure;
    }
    return output.error(r.error()), kExitError;
  }
  std::vector<pep508::Marker> where;
  if (o.universal) where = reach(*r);
  std::string text;
  if (!o.no_header) {
    text += "# This file was autogenerated by roost via the following command:\n#    " +
            command_line(o) + "\n";
  }
  for (size_t i = 0; i < r->packages.size(); ++i) {
    const resolve::python::ResolvedPackage& p = r->packages[i];
    text += p.name + "==" + p.version.to_string();
    if (o.universal) {
      std::string m = where[i].simplify_python(options->requires_python).to_string();
      if (!m.empty()) text += " ; " + m;
    }
    text += "\n";
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  output.info("Resolved " + std::to_string(r->packages.size()) + " package" +
              (r->packages.size() == 1 ? "" : "s") + " in " + std::to_string(ms) + "ms\n");
  if (o.output_file) {
    Result<void> written = write_file_atomic(cwd / *o.output_file, text);
    if (!written) return output.error(written.error()), kExitError;
  }
  output.out(text);
  return kExitOk;
}

}  // namespace

void register_pip_commands(CLI::App& app, Handler& chosen) {
  CLI::App* pip = app.add_subcommand("pip", "pip-compatible commands");
  pip->require_subcommand(1);
  auto o = std::make_shared<CompileOptions>();
  CLI::App* cmd =
      pip->add_subcommand("compile", "Resolve requirements and print them pinned (name==version)");
  cmd->add_option("inputs", o->inputs, "Requirements, or requirement files (requirements.in)");
  cmd->add_option("-r,--requirement", o->requirements, "A requirements file (repeatable)");
  cmd->add_option("-c,--constraint", o->constraints,
                  "A constraints file: versions it allows, for packages something requires");
  cmd->add_option("--override", o->overrides,
                  "An overrides file: requirements that replace any on the same package");
  cmd->add_option("--python-version,-p", o->python_version,
                  "The Python to resolve for, e.g. 3.12 (default 3.12; the lower bound when "
                  "--universal)");
  cmd->add_option("--python-platform", o->python_platform,
                  "The platform to resolve for (linux, macos, windows, "
                  "x86_64-unknown-linux-gnu, x86_64-manylinux_2_28, aarch64-apple-darwin, ...)");
  cmd->add_flag("--universal", o->universal,
                "One resolution for every platform and Python (markers on the output lines)");
  cmd->add_option("-o,--output-file", o->output_file, "Also write the result to this file");
  cmd->add_flag("--no-header", o->no_header, "Leave out the header comment");
  add_resolver_flags(cmd, o->resolver, true);
  add_index_options(cmd, o->index);
  cmd->callback([&chosen, o] {
    chosen = [o](Output& output, const GlobalOptions& globals) {
      return run_compile(output, globals, *o);
    };
  });
}

}  // namespace roost::cli
