// CLI11 wiring: global options, the command tree, and the dispatch to handlers. Handlers live in
// one file per command (debug/eval_command.cc, ...); this file only connects them.
#include "cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "cli/command.h"
#include "cli/output.h"

namespace roost::cli {
namespace {

void add_global_options(CLI::App& app, GlobalOptions& globals) {
  // Global options are accepted before or after the subcommand (`roost -q debug eval`,
  // `roost debug eval -q`), as in uv.
  app.option_defaults()->always_capture_default(false);
  app.add_flag("-q,--quiet", globals.quiet, "Print only what was asked for")->configurable(false);
  app.add_flag("-v,--verbose", globals.verbose, "Say more about what happens (repeatable)");
  app.add_option("--color", globals.color, "Color output: auto, always or never")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, ColorChoice>{{"auto", ColorChoice::kAuto},
                                             {"always", ColorChoice::kAlways},
                                             {"never", ColorChoice::kNever}},
          CLI::ignore_case));
  app.add_option("--directory", globals.directory, "Change to this directory before running");
  app.add_option("--project", globals.project, "Discover the project from this directory");
  app.add_flag("--no-config", globals.no_config,
               "Ignore uv's configuration files (uv.toml, [tool.uv] settings)");
  app.add_option("--config-file", globals.config_file,
                 "Read settings from this uv.toml instead of the discovered ones");
}

// The first word that is not an option (or an option's value): the command the user meant.
std::string first_command_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--color" || arg == "--directory" || arg == "--project" || arg == "--config-file") {
      ++i;
      continue;
    }
    if (!arg.empty() && arg[0] != '-') return std::string(arg);
  }
  return "";
}

// The top-level words each register_*_commands adds.
struct CommandGroup {
  std::vector<std::string_view> words;
  void (*add)(CLI::App&, Handler&);
};
const CommandGroup kCommandGroups[] = {
    {{"workspace"}, register_workspace_commands}, {{"list"}, register_list_commands},
    {{"debug"}, register_debug_commands},         {{"cache"}, register_cache_commands},
    {{"lock"}, register_lock_commands},           {{"pip"}, register_pip_commands},
    {{"sync", "run"}, register_sync_commands},
};

bool is_command(CLI::App& app, const std::string& word) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->check_name(word)) return true;
  }
  return false;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"roost: a fast workspace manager for Python (uv- and dg-compatible)", "roost"};
  app.set_version_flag("-V,--version", std::string("roost ") + kRoostVersion);
  app.require_subcommand(1);
  app.fallthrough();
  GlobalOptions globals;
  add_global_options(app, globals);

  Handler handler;
  // Building CLI11's tree for every command costs about half a millisecond, a tenth of a
  // no-change `roost lock --check`; a command word the table knows gets only its own group.
  // Anything else (no word, `--help`, a typo) gets the whole tree, for the help and the error.
  std::string word = first_command_word(argc, argv);
  bool registered = false;
  for (const CommandGroup& group : kCommandGroups) {
    if (std::find(group.words.begin(), group.words.end(), word) != group.words.end()) {
      group.add(app, handler);
      registered = true;
    }
  }
  if (!registered) {
    for (const CommandGroup& group : kCommandGroups) group.add(app, handler);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() != 0 && !word.empty() && !is_command(app, word)) {
      std::fprintf(
          stderr,
          "error: unrecognized command `%s`\nhint: run `roost --help` to see the commands\n",
          word.c_str());
      return kExitError;
    }
    // --help and --version land here too, with exit code 0.
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitError;
  }

  if (!globals.directory.empty() && ::chdir(globals.directory.c_str()) != 0) {
    Output output(globals, std::getenv("NO_COLOR") != nullptr);
    output.error(make_error(ErrorKind::kUsage, "cannot change to directory " + globals.directory));
    return kExitError;
  }
  const char* no_color = std::getenv("NO_COLOR");
  Output output(globals, no_color != nullptr && *no_color != '\0');
  return handler ? handler(output, globals) : kExitError;
}

}  // namespace roost::cli
