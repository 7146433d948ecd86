// `roost sync` and `roost run`: lock if needed (as `roost lock`), make `<root>/.venv` hold the
// install set of uv.lock for the selected members, extras and groups (project/install_set.h,
// project/sync_environment.h), and for `run`, exec the command inside it. Output as uv's:
// `Installed N packages in X ms` with ` + name==version` / ` - name==version` lines, or
// `Audited N packages in X ms` when nothing changed.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstring>

#include "cli/app.h"
#include "cli/cache_dir.h"
#include "cli/command.h"
#include "cli/isolated_projects.h"
#include "cli/lock_step.h"
#include "cli/project_discovery.h"
#include "cli/project_environment.h"
#include "cli/run_fingerprint.h"
#include "cli/uv_settings.h"
#include "install/link.h"
#include "lock/read_lock.h"
#include "project/install_set.h"
#include "project/overlay_environment.h"
#include "project/sync_environment.h"

namespace roost::cli {
namespace {

struct SyncFlags {
  LockOptions lock;
  std::optional<std::string> python;
  std::vector<std::string> packages;
  bool all_packages = false;
  std::vector<std::string> extras;
  bool all_extras = false;
  std::vector<std::string> groups, only_groups, no_groups;
  bool all_groups = false, no_dev = false, no_default_groups = false;
  bool no_install_project = false, no_install_workspace = false;
  std::vector<std::string> no_install_packages;
  bool inexact = false;
  bool reinstall = false;
  std::vector<std::string> reinstall_packages;
  std::string link_mode;  // clone (also when empty), hardlink, copy or symlink
  bool compile_bytecode = false;
  bool no_sync = false;              // run only
  std::vector<std::string> with;     // run only: --with requirements
  std::vector<std::string> command;  // run only
};

Result<std::vector<pep508::PackageName>> names(const std::vector<std::string>& texts) {
  std::vector<pep508::PackageName> out;
  for (const std::string& t : texts) {
    ROOST_TRY(pep508::PackageName n, pep508::PackageName::parse(t));
    out.push_back(std::move(n));
  }
  return out;
}

project::InstallSelection selection_of(const SyncFlags& f) {
  project::InstallSelection s;
  s.packages = f.packages;
  s.all_packages = f.all_packages;
  s.extras = f.extras;
  s.all_extras = f.all_extras;
  s.groups = f.groups;
  s.only_groups = f.only_groups;
  s.no_groups = f.no_groups;
  s.dev = f.no_dev ? project::DevFlag::kNoDev : project::DevFlag::kNone;
  s.all_groups = f.all_groups;
  s.no_default_groups = f.no_default_groups;
  s.no_install_project = f.no_install_project;
  s.no_install_workspace = f.no_install_workspace;
  s.no_install_packages = f.no_install_packages;
  return s;
}

// Which members and groups a command selects by default: the member discovery started in (none
// at a virtual root) and the root's `tool.uv.default-groups`.
project::InstallTarget target_of(const workspace::Workspace& ws) {
  project::InstallTarget t;
  t.workspace_root = ws.root;
  const workspace::Member* current = current_project(ws);
  if (current && current->pyproject && current->pyproject->project) {
    t.current_project = current->pyproject->project->name.str();
  }
  if (ws.root_pyproject && ws.root_pyproject->tool_uv &&
      ws.root_pyproject->tool_uv->default_groups) {
    const pyproject::DefaultGroups& d = *ws.root_pyproject->tool_uv->default_groups;
    t.default_groups.all = d.all;
    t.default_groups.groups.clear();
    for (const pep508::GroupName& g : d.groups) t.default_groups.groups.push_back(g.str());
  }
  return t;
}

void print_changes(Output& output, const project::SyncReport& r,
                   std::chrono::steady_clock::time_point start) {
  if (!r.uninstalled.empty()) {
    output.info("Uninstalled " + count_text(r.uninstalled.size(), "package") + " in " +
                elapsed_since(start) + "\n");
  }
  if (!r.installed.empty()) {
    output.info("Installed " + count_text(r.installed.size(), "package") + " in " +
                elapsed_since(start) + "\n");
  }
  if (!r.changed()) {
    output.info("Audited " + count_text(r.wanted, "package") + " in " + elapsed_since(start) +
                "\n");
    return;
  }
  // By name; a reinstall shows its removal first, as uv does.
  size_t u = 0, i = 0;
  while (u < r.uninstalled.size() || i < r.installed.size()) {
    bool take_removed = i == r.installed.size() ||
                        (u < r.uninstalled.size() && r.uninstalled[u].name <= r.installed[i].name);
    const project::SyncChange& c = take_removed ? r.uninstalled[u++] : r.installed[i++];
    output.info(std::string(take_removed ? " - " : " + ") + c.name + "==" + c.version + "\n");
  }
}

// Lock (unless --frozen), then bring the environment to the lock's install set. On success
// `env_out` is the environment.
// The flags completed from uv's environment variables and configuration (uv_settings.h);
// flags already settled come back as they are.
Result<SyncFlags> settled(const GlobalOptions& globals, const workspace::Workspace& ws,
                          SyncFlags f) {
  if (f.lock.config) return f;
  ROOST_TRY(LockOptions lock, settled_lock_options(globals, ws, std::move(f.lock)));
  f.lock = std::move(lock);
  ROOST_CHECK(
      settle_environment_settings(*f.lock.config, {&f.link_mode, &f.compile_bytecode, &f.python}));
  return f;
}

int sync_project(Output& output, const GlobalOptions& globals, const workspace::Workspace& ws,
                 const SyncFlags& given, bool exact, ProjectEnvironment* env_out) {
  bool settling = !given.lock.config;
  Result<SyncFlags> settled_flags = settled(globals, ws, given);
  if (!settled_flags) return output.error(settled_flags.error()), kExitError;
  const SyncFlags& flags = *settled_flags;
  if (settling) {
    print_config_warnings(*flags.lock.config, output);
  }
  std::optional<lock::Lockfile> locked;
  if (!flags.lock.frozen) {
    int code = lock_step(output, globals, ws, flags.lock, &locked);
    if (code != kExitOk) return code;
  }
  auto start = std::chrono::steady_clock::now();
  Result<lock::Lockfile> lock =
      locked ? Result<lock::Lockfile>(std::move(*locked)) : lock::read_lock(ws.root / "uv.lock");
  if (!lock) return output.error(lock.error()), kExitError;

  Result<std::unique_ptr<IndexSession>> session = IndexSession::open(
      flags.lock.index, discovery_options(globals).start, &ws, current_project(ws));
  if (!session) return output.error(session.error()), kExitError;
  project::SourceFetch fetch = (*session)->source_fetch();

  Result<ProjectEnvironment> env =
      project_environment(output, ws.root, flags.python, lock->requires_python, fetch.cache);
  if (!env) return output.error(env.error()), kExitError;

  Result<std::vector<tags::Tag>> tags = env->interpreter.compatible_tags();
  if (!tags) return output.error(tags.error()), kExitError;
  Result<std::vector<project::InstallItem>> items = project::install_set(
      *lock, target_of(ws), selection_of(flags), env->interpreter.marker_environment(), *tags);
  if (!items) return output.error(items.error()), kExitError;

  project::SyncOptions options;
  options.exact = exact;
  options.plan.reinstall_all = flags.reinstall;
  Result<std::vector<pep508::PackageName>> reinstall = names(flags.reinstall_packages);
  if (!reinstall) return output.error(reinstall.error()), kExitError;
  options.plan.reinstall = std::move(reinstall).value();
  std::optional<install::LinkMode> mode = install::parse_link_mode(flags.link_mode);
  if (!mode) {
    output.error(Error(ErrorKind::kUsage,
                       "--link-mode must be clone, hardlink, copy or symlink; "
                       "not `" +
                           flags.link_mode + "`"));
    return kExitError;
  }
  options.link_mode = *mode;
  options.compile_bytecode = flags.compile_bytecode;
  project::BuildTools builds{.interpreter = &env->interpreter,
                             .client = &(*session)->client(),
                             .fetch = fetch,
                             .roost_version = std::string(kRoostVersion)};
  Result<BuildSettings> build_config = build_settings(flags.lock.config.get(), &ws);
  if (!build_config) return output.error(build_config.error()), kExitError;
  apply_build_settings(*build_config, builds);
  options.builds = &builds;
  project::SyncEnvironment target{ws.root, env->root, env->scheme};
  Result<project::SyncReport> report = project::sync_environment(*items, target, fetch, options);
  if (!report) return output.error(report.error()), kExitError;
  for (const std::string& w : report->warnings) output.warn(w);
  print_changes(output, *report, start);
  *env_out = std::move(env).value();
  return kExitOk;
}

int run_sync(Output& output, const GlobalOptions& globals, const SyncFlags& flags) {
  Result<workspace::Workspace> ws = discover_project_or_dg_workspace(globals, output);
  if (!ws) return output.error(ws.error()), kExitError;
  if (ws->kind == workspace::WorkspaceKind::kIsolated) {
    // A dg workspace's root: each project (or each named by --package) into its own .venv.
    SyncFlags each = flags;
    each.packages.clear();
    return for_each_isolated_project(
        output, globals, *ws, flags.packages,
        [&](const GlobalOptions& inside, const workspace::Workspace& project) {
          ProjectEnvironment env;
          return sync_project(output, inside, project, each, !flags.inexact, &env);
        });
  }
  ProjectEnvironment env;
  return sync_project(output, globals, *ws, flags, !flags.inexact, &env);
}

// Replaces this process with `command` inside the environment (`scripts` first on PATH, in
// order): signals reach the command directly and its exit status is ours.
int exec_in(Output& output, const std::filesystem::path& venv,
            const std::vector<std::filesystem::path>& scripts,
            const std::vector<std::string>& command) {
  if (command.empty()) {
    output.error(Error(ErrorKind::kUsage, "roost run needs a command: roost run -- CMD [ARGS...]"));
    return kExitError;
  }
  std::string path;
  for (const std::filesystem::path& dir : scripts) path += dir.string() + ":";
  path += environment_variable("PATH").value_or("/usr/bin:/bin");
  ::setenv("VIRTUAL_ENV", venv.c_str(), 1);
  ::setenv("PATH", path.c_str(), 1);
  ::unsetenv("PYTHONHOME");
  std::vector<char*> argv;
  for (const std::string& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  output.error(
      Error(ErrorKind::kNotFound, "cannot run `" + command[0] + "`: " + std::strerror(errno)));
  return errno == ENOENT ? 127 : 126;
}

// Everything but the command that could change what a run syncs, for the fingerprint's key.
std::string flags_text(const GlobalOptions& globals, const SyncFlags& f) {
  std::string out = globals.project + '\n' + f.python.value_or("") + '\n' + f.link_mode + '\n';
  auto add = [&](const std::vector<std::string>& list) {
    for (const std::string& s : list) out += s + '\x1f';
    out += '\n';
  };
  add(f.packages), add(f.extras), add(f.groups), add(f.only_groups), add(f.no_groups);
  add(f.no_install_packages), add(f.reinstall_packages), add(f.lock.resolver.upgrade_packages);
  add(f.lock.index.indexes), add(f.lock.index.extra_index_urls), add(f.lock.index.find_links);
  add(f.lock.resolver.exclude_newer_packages);
  for (bool b : {f.all_packages, f.all_extras, f.all_groups, f.no_dev, f.no_default_groups,
                 f.no_install_project, f.no_install_workspace, f.reinstall, f.compile_bytecode,
                 f.lock.check, f.lock.frozen, f.lock.resolver.upgrade, f.lock.index.no_index,
                 f.lock.index.offline, f.lock.index.no_cache}) {
    out += b ? '1' : '0';
  }
  out += '\n' + f.lock.index.default_index.value_or("") + '\n' +
         f.lock.index.cache_dir.value_or("") + '\n' + f.lock.resolver.prerelease + '\n' +
         f.lock.resolver.resolution + '\n' + f.lock.resolver.exclude_newer.value_or("") + '\n';
  return out;
}

// `--with`: the extra requirements in a cached overlay over the project's environment.
Result<project::CachedEnvironment> with_overlay(const GlobalOptions& globals,
                                                const workspace::Workspace& ws,
                                                const SyncFlags& flags,
                                                const ProjectEnvironment& env) {
  ROOST_TRY(std::unique_ptr<IndexSession> session,
            IndexSession::open(flags.lock.index, discovery_options(globals).start, &ws,
                               current_project(ws)));
  project::BuildTools tools{.interpreter = &env.interpreter,
                            .client = &session->client(),
                            .fetch = session->source_fetch(),
                            .roost_version = std::string(kRoostVersion)};
  return project::overlay_environment(flags.with, env.scheme, tools);
}

int run_run(Output& output, const GlobalOptions& globals, const SyncFlags& given) {
  SyncFlags flags = given;
  flags.no_sync = flags.no_sync || env_flag("UV_NO_SYNC");
  // The fast path: nothing that could change the environment changed since the last run with
  // these flags (and UV_* variables) from this directory.
  std::optional<RunFingerprint> fingerprint;
  std::filesystem::path cwd = discovery_options(globals).start;
  if (!flags.no_sync && !flags.lock.index.no_cache && !env_flag("UV_NO_CACHE") &&
      flags.with.empty()) {
    std::filesystem::path cache_root =
        cache::default_cache_dir(cache_dir_inputs(flags.lock.index.cache_dir));
    if (!cache_root.empty()) {
      fingerprint = run_fingerprint(cache_root, cwd,
                                    flags_text(globals, flags) + settings_environment_text());
      if (std::optional<RunTarget> target = fresh_run_target(*fingerprint)) {
        return exec_in(output, target->venv, {target->scripts}, flags.command);
      }
    }
  }
  Result<workspace::Workspace> ws = discover_project_or_dg_workspace(globals, output);
  if (!ws) return output.error(ws.error()), kExitError;
  if (ws->kind == workspace::WorkspaceKind::kIsolated) {
    // A dg workspace's root: `--package NAME` names the project to run in (uv's flag, dg's
    // projects); the rest goes as if run from that project's directory.
    if (flags.packages.size() != 1) {
      return output.error(needs_one_project("run")), kExitError;
    }
    Result<IsolatedProject> project = find_isolated_project(*ws, flags.packages.front());
    if (!project) return output.error(project.error()), kExitError;
    GlobalOptions inside = globals;
    inside.project = project->dir.string();
    SyncFlags in_project = flags;
    in_project.packages.clear();
    return run_run(output, inside, in_project);
  }
  Result<SyncFlags> settled_flags = settled(globals, *ws, std::move(flags));
  if (!settled_flags) return output.error(settled_flags.error()), kExitError;
  flags = std::move(settled_flags).value();
  print_config_warnings(*flags.lock.config, output);
  ProjectEnvironment env;
  if (flags.no_sync) {
    Result<lock::Lockfile> lock = lock::read_lock(ws->root / "uv.lock");
    std::string rp = lock.ok() ? lock->requires_python : "";
    // The cache holds the interpreter's probe: without it every run would start Python twice.
    std::optional<cache::Cache> cache;
    if (!flags.lock.index.no_cache) {
      auto opened = cache::Cache::open(
          cache::default_cache_dir(cache_dir_inputs(flags.lock.index.cache_dir)));
      if (opened.ok()) cache = std::move(opened).value();
    }
    Result<ProjectEnvironment> found =
        project_environment(output, ws->root, flags.python, rp, cache ? &*cache : nullptr);
    if (!found) return output.error(found.error()), kExitError;
    env = std::move(found).value();
  } else {
    int code = sync_project(output, globals, *ws, flags, false, &env);
    if (code != kExitOk) return code;
    if (fingerprint) {
      record_run_fingerprint(*fingerprint, *ws, cwd, {env.root, env.scheme.scripts},
                             env.scheme.purelib, settings_files(*flags.lock.config, ws->root));
    }
  }
  if (flags.with.empty()) return exec_in(output, env.root, {env.scheme.scripts}, flags.command);
  auto start = std::chrono::steady_clock::now();
  Result<project::CachedEnvironment> overlay = with_overlay(globals, *ws, flags, env);
  if (!overlay) return output.error(overlay.error()), kExitError;
  if (overlay->created) {
    output.info("Installed " + count_text(overlay->pins.size(), "package") + " in " +
                elapsed_since(start) + "\n");
    for (const std::string& pin : overlay->pins) output.info(" + " + pin + "\n");
  }
  return exec_in(output, overlay->root, {overlay->python.parent_path(), env.scheme.scripts},
                 flags.command);
}

void add_sync_flags(CLI::App* cmd, SyncFlags& f) {
  cmd->add_flag("--locked", f.lock.check, "Fail if uv.lock needs to change");
  cmd->add_flag("--frozen", f.lock.frozen, "Use uv.lock as it is, without checking it");
  cmd->add_option("--python,-p", f.python, "The interpreter to create the environment with");
  cmd->add_option("--package", f.packages, "Sync this workspace member (repeatable)");
  cmd->add_flag("--all-packages", f.all_packages, "Sync every workspace member");
  cmd->add_option("--extra", f.extras, "Include this optional dependency group (repeatable)");
  cmd->add_flag("--all-extras", f.all_extras, "Include every optional dependency group");
  cmd->add_option("--group", f.groups, "Include this dependency group (repeatable)");
  cmd->add_option("--only-group", f.only_groups, "Install only this dependency group");
  cmd->add_option("--no-group", f.no_groups, "Leave out this dependency group");
  cmd->add_flag("--all-groups", f.all_groups, "Include every dependency group");
  cmd->add_flag("--no-dev", f.no_dev, "Leave out the dev group");
  cmd->add_flag("--no-default-groups", f.no_default_groups, "Leave out the default groups");
  cmd->add_flag("--no-install-project", f.no_install_project, "Do not install the project");
  cmd->add_flag("--no-install-workspace", f.no_install_workspace,
                "Do not install any workspace member");
  cmd->add_option("--no-install-package", f.no_install_packages, "Do not install this package");
  cmd->add_flag("--reinstall", f.reinstall, "Reinstall every package");
  cmd->add_option("--reinstall-package", f.reinstall_packages, "Reinstall this package");
  cmd->add_option("--link-mode", f.link_mode, "clone (default), hardlink, copy or symlink");
  cmd->add_flag("--compile-bytecode", f.compile_bytecode,
                "Byte-compile the installed packages after installing them");
  add_resolver_flags(cmd, f.lock.resolver, false);
  add_index_options(cmd, f.lock.index);
}

}  // namespace

void register_sync_commands(CLI::App& app, Handler& chosen) {
  auto sync = std::make_shared<SyncFlags>();
  CLI::App* cmd = app.add_subcommand("sync", "Make .venv hold exactly what uv.lock says");
  add_sync_flags(cmd, *sync);
  cmd->add_flag("--inexact", sync->inexact, "Keep packages that uv.lock does not list");
  cmd->callback([&chosen, sync] {
    chosen = [sync](Output& output, const GlobalOptions& globals) {
      return run_sync(output, globals, *sync);
    };
  });

  auto run = std::make_shared<SyncFlags>();
  CLI::App* run_cmd = app.add_subcommand("run", "Run a command in the workspace's environment");
  add_sync_flags(run_cmd, *run);
  run_cmd->add_flag("--no-sync", run->no_sync, "Run without locking or syncing first");
  run_cmd->add_option("--with", run->with,
                      "Run with this requirement too, installed in a cached environment "
                      "layered over the project's (repeatable)");
  // Everything from the first argument that is not one of ours (or after `--`) is the command.
  // Not falling through to the parent: the command's words must stay here, not be taken as
  // roost's own (global options go before `run`).
  // The program fills this one positional; with prefix_command(), every later word (options
  // included, in order) is left in remaining() rather than parsed as roost's. After `--`,
  // CLI11 keeps the `--` itself there too.
  auto program = std::make_shared<std::string>();
  run_cmd->add_option("command", *program, "The command to run, then its arguments");
  run_cmd->prefix_command();
  run_cmd->fallthrough(false);
  run_cmd->callback([&chosen, run, run_cmd, program] {
    std::vector<std::string> rest = run_cmd->remaining();
    if (!rest.empty() && rest.front() == "--") rest.erase(rest.begin());
    run->command.clear();
    if (!program->empty()) run->command.push_back(*program);
    for (std::string& word : rest) run->command.push_back(std::move(word));
    chosen = [run](Output& output, const GlobalOptions& globals) {
      return run_run(output, globals, *run);
    };
  });
}

}  // namespace roost::cli
