// The activation scripts written into a venv's bin/: `activate` (bash, zsh, other POSIX shells),
// `activate.fish`, `activate.csh` and `activate.nu`. Each sets VIRTUAL_ENV and
// VIRTUAL_ENV_PROMPT, puts the venv's bin first on PATH, sets aside PYTHONHOME, prefixes the
// prompt with "(<prompt>) " unless VIRTUAL_ENV_DISABLE_PROMPT is set, and defines `deactivate`,
// which undoes all of it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace roost::python {

struct ActivationScript {
  std::string file_name;  // "activate", "activate.fish", ...
  std::string text;
};

// The scripts for a venv at `venv` (its final, absolute path: the scripts name it literally) and
// the prompt shown while it is active.
std::vector<ActivationScript> activation_scripts(const std::filesystem::path& venv,
                                                 std::string_view prompt);

// Quoting for each shell's single-quoted strings, exposed for tests.
std::string sh_quote(std::string_view text);    // 'it'\''s'
std::string fish_quote(std::string_view text);  // 'it\'s'
std::string csh_quote(std::string_view text);   // 'it'\''s', and ! as \!
std::string nu_quote(std::string_view text);    // "it's \"q\""

}  // namespace roost::python
