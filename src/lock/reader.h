// Internal to src/lock/: typed reads over a parsed uv.lock (src/toml/ values) that fail with
// the first error, pointing at the text: `uv.lock:12:7: `package[3].version` must be a string,
// found an integer`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "lock/lockfile.h"
#include "toml/value.h"

namespace roost::lock::detail {

// Where a value sits, for messages: `package[3].wheels[0].size`. Built on the stack while the
// reader descends and turned into text only when an error needs it (reading a large lock makes
// hundreds of thousands of these).
class KeyPath {
 public:
  KeyPath() = default;  // the document's root
  KeyPath child(std::string_view key) const { return KeyPath(this, key, kNoIndex); }
  KeyPath at(size_t index) const { return KeyPath(this, {}, index); }
  bool is_root() const { return parent_ == nullptr; }
  // "package[3].source"; "the top-level table" for the root.
  std::string str() const;

 private:
  static constexpr size_t kNoIndex = static_cast<size_t>(-1);
  KeyPath(const KeyPath* parent, std::string_view key, size_t index)
      : parent_(parent), key_(key), index_(index) {}
  void append_to(std::string& out) const;

  const KeyPath* parent_ = nullptr;
  std::string_view key_;
  size_t index_ = kNoIndex;
};

// What the readers share: the text (for spans and the one comment uv writes), the file name,
// and the typed reads. Every read either fills its output or returns an Error with a span.
class Reader {
 public:
  Reader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  // A kParse error whose span covers `range` (its first line).
  Error error(toml::SourceRange range, std::string message) const;
  // "`path` must be <what>, found <type>".
  Error type_error(const toml::Value& value, const KeyPath& path, std::string_view what) const;
  // "unknown key `k` in `path`", with a hint: roost refuses keys it cannot keep.
  Error unknown_key(const toml::Entry& entry, const KeyPath& table) const;
  // "missing `key` in `path`", at the table.
  Error missing(toml::SourceRange table, const KeyPath& path, std::string_view key) const;

  Result<const toml::Table*> table(const toml::Value& value, const KeyPath& path) const;
  Result<const toml::Array*> array(const toml::Value& value, const KeyPath& path) const;
  Result<void> text(const toml::Value& value, const KeyPath& path, std::string& out) const;
  // Like text(), for a key that is left out when empty: an empty string is an error (it could
  // not be written back).
  Result<void> optional_text(const toml::Value& value, const KeyPath& path, std::string& out) const;
  // A package, extra or group name. uv normalises names when it reads them (`Foo_Bar` ->
  // `foo-bar`), so this does too; a string that is no valid name is an error.
  Result<void> name(const toml::Value& value, const KeyPath& path, std::string& out) const;
  // A table key that is a name (an extra, a group, a package).
  Result<void> key_name(const toml::Entry& entry, const KeyPath& table, std::string& out) const;
  Result<void> size(const toml::Value& value, const KeyPath& path,
                    std::optional<uint64_t>& out) const;
  Result<void> text_array(const toml::Value& value, const KeyPath& path,
                          std::vector<std::string>& out) const;
  Result<void> name_array(const toml::Value& value, const KeyPath& path,
                          std::vector<std::string>& out) const;
  // The `# ...` comment after `value` on its line, verbatim; empty when there is none.
  std::string trailing_comment(const toml::Value& value) const;

 private:
  std::string_view text_;
  std::string_view file_;
};

// `name` in backquotes for messages.
std::string quoted(std::string_view name);

// read_package.cc: one `[[package]]` table; the requirement lists of the metadata and manifest;
// a conflict item (also used by requirements).
Result<void> read_package(const Reader& r, const toml::Value& value, const KeyPath& path,
                          Package& out);
Result<void> read_requirements(const Reader& r, const toml::Value& value, const KeyPath& path,
                               std::vector<Requirement>& out);
// A table of dependency groups: name -> requirements.
Result<void> read_requirement_groups(const Reader& r, const toml::Value& value, const KeyPath& path,
                                     std::vector<RequirementGroup>& out);
Result<void> read_conflict_item(const Reader& r, const toml::Value& value, const KeyPath& path,
                                ConflictItem& out);

}  // namespace roost::lock::detail
