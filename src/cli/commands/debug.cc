// `roost debug ...`: tools for checking roost's internals from outside.
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/command.h"
#include "cli/debug/eval_command.h"

namespace roost::cli {

void register_debug_commands(CLI::App& app, Handler& chosen) {
  CLI::App* debug = app.add_subcommand("debug", "Tools for checking roost's internals");
  debug->require_subcommand(1);
  debug->add_subcommand("eval",
                        "Answer JSON requests on stdin (one per line) about versions, specifiers, "
                        "requirements, markers, names and wheel filenames")
      ->callback([&chosen] {
        chosen = [](Output& output, const GlobalOptions&) { return debug_eval_command(output, std::cin); };
      });
}

}  // namespace roost::cli
