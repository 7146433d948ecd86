// Wheel compatibility tags (PEP 425 / the platform compatibility tags spec): one
// interpreter-abi-platform triple, and compressed tag sets such as "py2.py3-none-any".
//
//   ROOST_TRY(TagSet set, TagSet::parse("py2.py3-none-any"));
//   set.expand();       // {py2-none-any, py3-none-any}
//   set.to_string();    // "py2.py3-none-any"
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace roost::tags {

// Components are stored lowercase (as packaging.tags.Tag does), so spellings that differ only in
// case compare equal.
class Tag {
 public:
  Tag(std::string_view interpreter, std::string_view abi, std::string_view platform);

  // One uncompressed tag "cp311-cp311-manylinux_2_17_x86_64"; a compressed set is an error.
  static Result<Tag> parse(std::string_view text);

  const std::string& interpreter() const { return interpreter_; }
  const std::string& abi() const { return abi_; }
  const std::string& platform() const { return platform_; }

  std::string to_string() const;  // "interpreter-abi-platform"
  size_t hash() const;

  auto operator<=>(const Tag&) const = default;

 private:
  std::string interpreter_;
  std::string abi_;
  std::string platform_;
};

struct ParseTagOptions {
  // PEP 425 asks for the members of a compressed component to be sorted ("py2.py3", never
  // "py3.py2"); packaging accepts unsorted ones unless asked to check.
  bool validate_order = false;
  // A cap on the size of the expanded set (the product of the component sizes), so a hostile
  // filename cannot make us build millions of tags.
  std::optional<size_t> limit;
};

// A compressed tag set: every combination of the three member lists. Members are lowercase,
// sorted and de-duplicated, so to_string() is the canonical compressed spelling.
class TagSet {
 public:
  static Result<TagSet> parse(std::string_view text, const ParseTagOptions& options = {});
  // The smallest compressed set equal to `tags`; an error unless `tags` holds every combination
  // of its interpreters, abis and platforms (or is empty).
  static Result<TagSet> compress(const std::vector<Tag>& tags);

  const std::vector<std::string>& interpreters() const { return interpreters_; }
  const std::vector<std::string>& abis() const { return abis_; }
  const std::vector<std::string>& platforms() const { return platforms_; }

  size_t size() const { return interpreters_.size() * abis_.size() * platforms_.size(); }
  bool contains(const Tag& tag) const;
  std::vector<Tag> expand() const;  // sorted
  std::string to_string() const;    // "py2.py3-none-any"

  auto operator<=>(const TagSet&) const = default;

 private:
  friend Result<TagSet> parse_tag_set_in(std::string_view source, size_t offset, size_t length,
                                         const ParseTagOptions& options, std::string_view what,
                                         int line_number);
  std::vector<std::string> interpreters_;
  std::vector<std::string> abis_;
  std::vector<std::string> platforms_;
};

// packaging.tags.parse_tag: the expanded, sorted, de-duplicated tags of a (compressed) tag.
Result<std::vector<Tag>> parse_tag(std::string_view text, const ParseTagOptions& options = {});

// For parsers of larger texts (wheel filenames, WHEEL files): parses the tag at bytes
// [offset, offset + length) of `source`; error messages start with `what` ("invalid wheel filename
// 'x.whl': invalid tag 'y'") and their columns and caret refer to `source`.
Result<TagSet> parse_tag_set_in(std::string_view source, size_t offset, size_t length,
                                const ParseTagOptions& options, std::string_view what,
                                int line_number = 1);

}  // namespace roost::tags

template <>
struct std::hash<roost::tags::Tag> {
  size_t operator()(const roost::tags::Tag& t) const { return t.hash(); }
};
