// How a command plugs into the CLI: it adds its CLI11 subcommand and, when chosen, fills the
// handler that app.cc runs once global options are known.
#pragma once

#include <functional>

#include "cli/output.h"

namespace CLI {
class App;
}

namespace roost::cli {

using Handler = std::function<int(Output&, const GlobalOptions&)>;

void register_debug_commands(CLI::App& app, Handler& chosen);
void register_workspace_commands(CLI::App& app, Handler& chosen);
void register_list_commands(CLI::App& app, Handler& chosen);
void register_cache_commands(CLI::App& app, Handler& chosen);
void register_lock_commands(CLI::App& app, Handler& chosen);
void register_pip_commands(CLI::App& app, Handler& chosen);
void register_sync_commands(CLI::App& app, Handler& chosen);

}  // namespace roost::cli
