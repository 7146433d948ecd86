// Internal to src/lock/: TOML strings and keys spelled the way uv's writer (the `toml_writer`
// crate, which toml_edit also uses) spells them, so rewritten lockfiles match uv's byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace roost::lock::detail {

// The first form that needs no escapes, in toml_writer's order of preference: "basic", 'literal',
// """multi-line basic""", '''multi-line literal''', else an escaped basic string (multi-line
// when the value has a newline). Escapes: \b \t \n \f \r \" \\ and \uXXXX for other controls.
void append_toml_string(std::string& out, std::string_view value);

// A bare key when it is only [A-Za-z0-9_-] (and not empty), else "quoted" or 'literal'.
void append_toml_key(std::string& out, std::string_view key);

}  // namespace roost::lock::detail
