// `roost debug ...`: tools for checking roost's internals from outside.
#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/debug/eval_command.h"
#include "cli/debug/index_command.h"
#include "cli/debug/lock_roundtrip_command.h"

namespace roost::cli {

void register_debug_commands(CLI::App& app, Handler& chosen) {
  CLI::App* debug = app.add_subcommand("debug", "Tools for checking roost's internals");
  debug->require_subcommand(1);
  debug
      ->add_subcommand("eval",
                       "Answer JSON requests on stdin (one per line) about versions, specifiers, "
                       "requirements, markers, names and wheel filenames")
      ->callback([&chosen] {
        chosen = [](Output& output, const GlobalOptions&) {
          return debug_eval_command(output, std::cin);
        };
      });

  auto index = std::make_shared<IndexCommandOptions>();
  CLI::App* cmd = debug->add_subcommand(
      "index",
      "List the distributions the indexes offer for a project (version, file, "
      "requires-python, yanked, hash, metadata, index)");
  cmd->add_option("names", index->names, "The projects")->required();
  add_index_options(cmd, index->index);
  cmd->add_flag(
      "--metadata", index->metadata,
      "Also fetch each wheel's metadata (PEP 658 with its hash checked, else HTTP range requests)");
  cmd->callback([&chosen, index] {
    chosen = [index](Output& output, const GlobalOptions& globals) {
      return debug_index_command(output, globals, *index);
    };
  });

  auto lock_file = std::make_shared<std::string>();
  CLI::App* roundtrip = debug->add_subcommand(
      "lock-roundtrip",
      "Read a uv.lock and print it as roost writes it (identical to the input for any lock uv "
      "wrote)");
  roundtrip->add_option("file", *lock_file, "The lockfile")->required();
  roundtrip->callback([&chosen, lock_file] {
    chosen = [lock_file](Output& output, const GlobalOptions&) {
      return debug_lock_roundtrip_command(output, *lock_file);
    };
  });
}

}  // namespace roost::cli
