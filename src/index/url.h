// URL helpers for index pages: RFC 3986 §5.2 reference resolution (with remove_dot_segments),
// percent-decoding and fragment splitting. Pure string work; no networking, no normalisation
// beyond what §5.2 asks for (hosts are not lowercased, percent-escapes are kept as written).
//
//   ROOST_TRY(std::string u, resolve_url("https://pypi.org/simple/a/", "../../files/a-1.tar.gz"));
//   // u == "https://pypi.org/files/a-1.tar.gz"
//   std::string frag;
//   strip_fragment("https://x/a.whl#sha256=ab", &frag);  // "https://x/a.whl", frag == "sha256=ab"
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace roost::index {

// Resolves `reference` against the absolute URL `base`. kParse errors when the base has no scheme,
// when either contains ASCII control characters or spaces, or when an http(s) result has no host.
Result<std::string> resolve_url(std::string_view base, std::string_view reference);

// Decodes %XX escapes; a '%' not followed by two hex digits is kept as written ('+' is not a
// space in URL paths, so it is kept too).
std::string percent_decode(std::string_view text);

// The file a URL names: its last path segment, without query or fragment, percent-decoded
// ("https://f/x/a-1.0%2Bcpu-py3-none-any.whl#sha256=.." -> "a-1.0+cpu-py3-none-any.whl");
// empty when the path ends in "/".
std::string url_filename(std::string_view url);

// "file:///abs/path" for an absolute path, every byte outside RFC 3986's unreserved set and "/"
// percent-encoded ("/a b" -> "file:///a%20b"); a trailing "/" is kept.
std::string file_url_from_path(std::string_view absolute_path);

// Returns `url` without its fragment; stores the fragment (without '#') in *fragment_out when it
// is non-null (empty when there is none).
std::string strip_fragment(std::string_view url, std::string* fragment_out);

}  // namespace roost::index
