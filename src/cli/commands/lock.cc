// `roost lock`: resolve the whole workspace and write uv.lock (project/lock_workspace.h), from
// any directory of the workspace. Output as uv's: `Resolved N packages in X ms`, then the
// changes (`Updated a v1 -> v2`, `Added b v1`, `Removed c v1`).
#include <CLI/CLI.hpp>
#include <chrono>

#include "cli/app.h"
#include "cli/cache_dir.h"
#include "cli/command.h"
#include "cli/index_session.h"
#include "cli/isolated_projects.h"
#include "cli/lock_step.h"
#include "cli/metadata_builds.h"
#include "cli/project_discovery.h"
#include "cli/uv_settings.h"
#include "project/exclude_newer_settings.h"
#include "project/lock_workspace.h"
#include "project/source_builds.h"
#include "resolve/python/index_source.h"

namespace roost::cli {
namespace {

void print_changes(Output& output, const project::LockReport& report, bool dry_run) {
  for (const project::LockChange& c : report.changes) {
    if (c.before.empty()) {
      output.info(std::string(dry_run ? "Would add " : "Added ") + c.name + " v" + c.after + "\n");
    } else if (c.after.empty()) {
      output.info(std::string(dry_run ? "Would remove " : "Removed ") + c.name + " v" + c.before +
                  "\n");
    } else {
      output.info(std::string(dry_run ? "Would update " : "Updated ") + c.name + " v" + c.before +
                  " -> v" + c.after + "\n");
    }
  }
}

}  // namespace

int lock_step(Output& output, const GlobalOptions& globals, const workspace::Workspace& workspace,
              const LockOptions& options, std::optional<lock::Lockfile>* lock_out) {
  auto start = std::chrono::steady_clock::now();
  const workspace::Workspace* ws = &workspace;
  // Settled (settled_lock_options): `prerelease` / `resolution` of uv's configuration are the
  // defaults the flags override, so a lock made under them stays fresh.
  const ResolverFlags& flags = options.resolver;
  Result<resolve::python::ResolveOptions> resolve = resolve_options(flags);
  if (!resolve) return output.error(resolve.error()), kExitError;

  project::LockRequest request;
  request.mode = options.frozen    ? project::LockMode::kFrozen
                 : options.check   ? project::LockMode::kCheck
                 : options.dry_run ? project::LockMode::kDryRun
                                   : project::LockMode::kWrite;
  request.resolve = std::move(resolve).value();
  request.want_lock = lock_out != nullptr;
  Result<resolve::python::ExcludeNewer> exclude_newer = project::exclude_newer_rules(
      options.config.get(), {flags.exclude_newer, flags.exclude_newer_packages});
  if (!exclude_newer) return output.error(exclude_newer.error()), kExitError;
  request.exclude_newer = std::move(exclude_newer).value();
  // The network stack is opened only when a resolution is needed; the freshness check is local.
  std::unique_ptr<IndexSession> session;
  std::unique_ptr<resolve::python::IndexPackageSource> source;
  std::filesystem::path cwd = discovery_options(globals).start;
  if (request.mode != project::LockMode::kFrozen) {
    Result<std::vector<std::string>> urls =
        IndexSession::configured_index_urls(options.index, cwd, &*ws, current_project(*ws));
    if (!urls) return output.error(urls.error()), kExitError;
    request.index_urls = std::move(urls).value();
  }
  // Members and path sources with dynamic metadata: their backend's answer, from the cache when
  // it is there (no interpreter needed), else built with the workspace's interpreter.
  std::optional<cache::Cache> metadata_cache;
  if (!options.index.no_cache) {
    request.cached_metadata =
        [&](const std::filesystem::path& tree) -> Result<std::optional<std::string>> {
      if (!metadata_cache) {
        ROOST_TRY(metadata_cache, cache::Cache::open(cache::default_cache_dir(
                                      cache_dir_inputs(options.index.cache_dir))));
      }
      return project::cached_metadata(tree, *metadata_cache);
    };
  }
  std::optional<python::Interpreter> interpreter;
  project::OpenSources open = [&]() -> Result<project::ResolveSources> {
    ROOST_TRY(session, IndexSession::open(options.index, cwd, &*ws, current_project(*ws)));
    source = std::make_unique<resolve::python::IndexPackageSource>(session->client());
    project::ResolveSources sources{source.get(), session->source_fetch()};
    ROOST_TRY(BuildSettings builds, build_settings(options.config.get(), ws));
    attach_metadata_builds(*session, ws->root, interpreter, sources.fetch, *source,
                           std::move(builds));
    return sources;
  };
  Result<project::LockReport> report = project::lock_workspace(*ws, open, request);
  if (!report) {
    if (report.error().kind() == ErrorKind::kUnsatisfiable) {
      output.error(
          Error(ErrorKind::kUnsatisfiable,
                "No solution found when resolving dependencies:\n" + report.error().message()));
      return kExitFailure;
    }
    return output.error(report.error()), kExitError;
  }
  for (const std::string& w : report->warnings) output.warn(w);
  for (const std::string& n : report->notes) output.info(n + "\n");
  if (report->stale) {
    output.error(Error(ErrorKind::kUsage,
                       "The lockfile at `uv.lock` needs to be updated, but `--locked` was "
                       "provided: " +
                           report->stale_reason)
                     .with_hint("To update the lockfile, run `roost lock`."));
    return kExitFailure;
  }
  output.info("Resolved " + count_text(report->packages, "package") + " in " +
              elapsed_since(start) + "\n");
  print_changes(output, *report, request.mode == project::LockMode::kDryRun);
  if (lock_out) *lock_out = std::move(report->lock);
  if (request.mode == project::LockMode::kDryRun && !report->changed && report->resolved) {
    output.info("No lockfile changes detected\n");
  }
  return kExitOk;
}

namespace {

int settle_and_lock(Output& output, const GlobalOptions& globals, const workspace::Workspace& ws,
                    const LockOptions& options) {
  Result<LockOptions> settled = settled_lock_options(globals, ws, options);
  if (!settled) return output.error(settled.error()), kExitError;
  print_config_warnings(*settled->config, output);
  return lock_step(output, globals, ws, *settled);
}

int run_lock(Output& output, const GlobalOptions& globals, const LockOptions& options) {
  Result<workspace::Workspace> ws = discover_project_or_dg_workspace(globals, output);
  if (!ws) return output.error(ws.error()), kExitError;
  if (ws->kind == workspace::WorkspaceKind::kIsolated) {
    // A dg workspace's root: each project keeps its own uv.lock.
    return for_each_isolated_project(
        output, globals, *ws, {},
        [&](const GlobalOptions& inside, const workspace::Workspace& project) {
          return settle_and_lock(output, inside, project, options);
        });
  }
  return settle_and_lock(output, globals, *ws, options);
}

}  // namespace

Result<LockOptions> settled_lock_options(const GlobalOptions& globals,
                                         const workspace::Workspace& ws, LockOptions o) {
  if (o.config) return o;
  ROOST_TRY(project::UvConfig config, load_uv_config(globals, &ws));
  ROOST_CHECK(settle_index_options(config, o.index));
  ROOST_CHECK(settle_resolver_flags(config, o.resolver));
  o.check = o.check || env_flag("UV_LOCKED");
  o.frozen = o.frozen || env_flag("UV_FROZEN");
  o.config = std::make_shared<const project::UvConfig>(std::move(config));
  return o;
}

void register_lock_commands(CLI::App& app, Handler& chosen) {
  auto options = std::make_shared<LockOptions>();
  CLI::App* cmd = app.add_subcommand(
      "lock", "Resolve the workspace and write uv.lock (kept as it is while it still fits)");
  cmd->add_flag("--check,--locked", options->check,
                "Fail (exit 1) if uv.lock needs to change, instead of writing it");
  cmd->add_flag("--frozen,--check-exists", options->frozen,
                "Only check that uv.lock exists; do not resolve");
  cmd->add_flag("--dry-run", options->dry_run, "Resolve and show the changes; write nothing");
  add_resolver_flags(cmd, options->resolver, false);
  add_index_options(cmd, options->index);
  cmd->callback([&chosen, options] {
    chosen = [options](Output& output, const GlobalOptions& globals) {
      return run_lock(output, globals, *options);
    };
  });
}

}  // namespace roost::cli
