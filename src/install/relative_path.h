// Checks on the relative paths a wheel carries (zip entry names, RECORD rows). They become file
// names under an install directory, so anything that could name a place outside it, or name one
// file two ways, is refused before it reaches the file system.
//
//   if (auto why = unsafe_path_reason(entry.name, /*allow_directory=*/true)) refuse(*why);
#pragma once

#include <optional>
#include <string_view>

namespace roost::install {

// Why `path` is not a plain relative "/"-separated path, or nullopt when it is one. Refused: an
// empty path, invalid UTF-8, a NUL or other control character, a leading "/" (absolute), a drive
// letter ("C:"), a backslash (a separator on Windows, so "..\x" would climb there), and empty,
// "." or ".." components (".." escapes; "a//b" and "./a" would name a file two ways). With
// `allow_directory`, one trailing "/" (a zip's directory entry) is accepted.
std::optional<std::string_view> unsafe_path_reason(std::string_view path,
                                                   bool allow_directory = false);

// Whether `name` is usable as one file name in a directory (a console script's name): non-empty,
// not "." or "..", no "/", "\", NUL or control characters, valid UTF-8.
bool is_plain_file_name(std::string_view name);

}  // namespace roost::install
