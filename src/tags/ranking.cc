// TagRanking: interned component ids and a packed-key rank map (see ranking.h).
#include "tags/ranking.h"

#include <algorithm>
#include <limits>

namespace roost::tags {

TagRanking::TagRanking(std::span<const Tag> best_first) {
  ranks_.reserve(best_first.size());
  for (size_t rank = 0; rank < best_first.size(); ++rank) {
    const Tag& t = best_first[rank];
    uint64_t k = key(intern(interpreters_, t.interpreter()), intern(abis_, t.abi()),
                     intern(platforms_, t.platform()));
    ranks_.try_emplace(k, static_cast<uint32_t>(rank));  // a repeated tag keeps its first rank
  }
}

uint32_t TagRanking::intern(IdMap& ids, const std::string& s) {
  auto [it, inserted] = ids.try_emplace(s, static_cast<uint32_t>(ids.size()));
  return it->second;
}

std::optional<uint32_t> TagRanking::find(const IdMap& ids, std::string_view s) {
  auto it = ids.find(s);
  if (it == ids.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> TagRanking::rank(const Tag& tag) const {
  return rank(tag.interpreter(), tag.abi(), tag.platform());
}

std::optional<uint32_t> TagRanking::rank(std::string_view interpreter, std::string_view abi,
                                         std::string_view platform) const {
  auto i = find(interpreters_, interpreter);
  if (!i) return std::nullopt;
  auto a = find(abis_, abi);
  if (!a) return std::nullopt;
  auto p = find(platforms_, platform);
  if (!p) return std::nullopt;
  auto it = ranks_.find(key(*i, *a, *p));
  if (it == ranks_.end()) return std::nullopt;
  return it->second;
}

std::optional<uint32_t> TagRanking::best_rank(const TagSet& set) const {
  // Nested lookups instead of collected id lists keep this allocation-free; sets rarely have
  // more than two members per component, so repeated inner lookups cost little.
  std::optional<uint32_t> best;
  for (const std::string& interpreter : set.interpreters()) {
    auto i = find(interpreters_, interpreter);
    if (!i) continue;
    for (const std::string& abi : set.abis()) {
      auto a = find(abis_, abi);
      if (!a) continue;
      for (const std::string& platform : set.platforms()) {
        auto p = find(platforms_, platform);
        if (!p) continue;
        auto it = ranks_.find(key(*i, *a, *p));
        if (it != ranks_.end() && (!best || it->second < *best)) best = it->second;
      }
    }
  }
  return best;
}

std::vector<size_t> TagRanking::select(std::span<const TagSet> candidates) const {
  std::vector<std::pair<uint32_t, size_t>> ranked;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (auto r = best_rank(candidates[i])) ranked.emplace_back(*r, i);
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<size_t> out;
  out.reserve(ranked.size());
  for (const auto& [rank, index] : ranked) out.push_back(index);
  return out;
}

}  // namespace roost::tags
