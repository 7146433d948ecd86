// direct_url.json (PEP 610, the "recording the direct URL origin of installed distributions"
// spec): how a distribution installed from a URL, a VCS or a local directory was obtained.
//
//   ROOST_TRY(DirectUrl d, DirectUrl::parse(text));
//   if (auto* vcs = std::get_if<VcsInfo>(&d.info)) use(vcs->commit_id);
//   std::string json = d.to_json();
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "base/result.h"

namespace roost::metadata {

struct DirInfo {
  bool editable = false;
  bool operator==(const DirInfo&) const = default;
};

struct VcsInfo {
  std::string vcs;  // "git", "hg", "bzr", "svn" (the spec leaves the set open)
  std::string commit_id;
  std::optional<std::string> requested_revision;
  bool operator==(const VcsInfo&) const = default;
};

struct ArchiveInfo {
  // Algorithm -> lowercase hex digest. The deprecated "hash" key ("sha256=<hex>") is read into
  // this map when "hashes" is absent, and must agree with it otherwise.
  std::map<std::string, std::string> hashes;
  bool operator==(const ArchiveInfo&) const = default;
};

struct DirectUrl {
  std::string url;
  std::variant<DirInfo, VcsInfo, ArchiveInfo> info;
  std::optional<std::string> subdirectory;

  // Errors (kParse) name the file and the key: invalid JSON (with line and column), a missing
  // or mistyped key, not exactly one of dir_info / vcs_info / archive_info, dir_info with a URL
  // that is not file://, a hash that is not hex of the right length, an absolute subdirectory.
  static Result<DirectUrl> parse(std::string_view json_text,
                                 std::string_view what = "direct_url.json");

  // Checks what parse() checks, for a DirectUrl built in code.
  Result<void> validate(std::string_view what = "direct_url.json") const;

  // Compact JSON with sorted keys. Credentials in the URL are removed unless they are the
  // spec's allowed forms ("git@", "${VAR}" or "${USER}:${PASSWORD}"), as PEP 610 requires.
  std::string to_json(bool strip_credentials = true) const;

  bool operator==(const DirectUrl&) const = default;
};

// The URL with any "user:password@" removed, except the forms PEP 610 allows to be recorded.
std::string strip_url_credentials(std::string_view url);

}  // namespace roost::metadata
