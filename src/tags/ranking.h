// Tag priority lookup for choosing among many wheels: rank(tag) is the tag's position in a
// supported-tags list (lower is better; the first occurrence wins), and best_rank(set) is the
// best rank of any tag in a wheel's compressed tag set, as create_compatible_tags_selector does.
//
//   TagRanking ranking(supported_tags(py, platforms));
//   std::optional<uint32_t> r = ranking.best_rank(wheel.tags);  // nullopt: incompatible
//
// Lookups allocate nothing: each component string is mapped to a small id once, and the three
// ids (21 bits each: far more distinct names than any tag list has) form one integer key.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tags/tag.h"

namespace roost::tags {

class TagRanking {
 public:
  TagRanking() = default;
  explicit TagRanking(std::span<const Tag> best_first);

  std::optional<uint32_t> rank(const Tag& tag) const;
  // Components must be lowercase (as Tag and TagSet store them).
  std::optional<uint32_t> rank(std::string_view interpreter, std::string_view abi,
                               std::string_view platform) const;
  std::optional<uint32_t> best_rank(const TagSet& set) const;

  size_t size() const { return ranks_.size(); }

  // The indices of the compatible sets, best first; equal ranks keep their input order.
  std::vector<size_t> select(std::span<const TagSet> candidates) const;

 private:
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using IdMap = std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>>;

  static uint32_t intern(IdMap& ids, const std::string& s);
  static std::optional<uint32_t> find(const IdMap& ids, std::string_view s);
  static uint64_t key(uint32_t i, uint32_t a, uint32_t p) {
    return (static_cast<uint64_t>(i) << 42) | (static_cast<uint64_t>(a) << 21) | p;
  }

  IdMap interpreters_;
  IdMap abis_;
  IdMap platforms_;
  std::unordered_map<uint64_t, uint32_t> ranks_;
};

}  // namespace roost::tags
