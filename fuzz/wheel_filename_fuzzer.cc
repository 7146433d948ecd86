// Fuzzes wheel and sdist filename parsing and compressed tag sets. Whatever parses must print to
// its canonical filename, which parses back (with validate_order) to an equal value; the tag
// ranking must agree with TagSet membership.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tags/compatible.h"
#include "tags/filename.h"
#include "tags/ranking.h"
#include "tags/tag.h"

namespace {

using namespace roost::tags;

void require(bool condition) {
  if (!condition) std::abort();
}

const TagRanking& ranking() {
  static const TagRanking r = [] {
    std::vector<std::string> platforms =
        linux_platforms("x86_64", LibcVersion{2, 28}, std::nullopt);
    return TagRanking(supported_tags(Interpreter::cpython(3, 12), platforms));
  }();
  return r;
}

void check_tags(const TagSet& set) {
  auto again = TagSet::parse(set.to_string(), {.validate_order = true});
  require(again.ok());
  require(*again == set);
  auto best = ranking().best_rank(set);
  if (set.size() <= 64) {
    std::optional<uint32_t> slow;
    for (const Tag& t : set.expand()) {
      require(set.contains(t));
      auto r = ranking().rank(t);
      if (r && (!slow || *r < *slow)) slow = r;
    }
    require(slow == best);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto wheel = WheelFilename::parse(text, {.validate_order = (data[0] & 4) != 0});
      if (!wheel) return 0;
      std::string canonical = wheel->to_string();
      auto again = WheelFilename::parse(canonical, {.validate_order = true});
      require(again.ok());
      require(again->name == wheel->name);
      require(again->version == wheel->version);
      require(again->build == wheel->build);
      require(again->tags == wheel->tags);
      require(again->to_string() == canonical);
      check_tags(wheel->tags);
      break;
    }
    case 1: {
      auto sdist = SdistFilename::parse(text, (data[0] & 4) != 0);
      if (!sdist) return 0;
      auto again = SdistFilename::parse(sdist->to_string());
      require(again.ok());
      require(again->name == sdist->name);
      require(again->version == sdist->version);
      require(again->format == sdist->format);
      break;
    }
    case 2: {
      auto set = TagSet::parse(text, {.validate_order = (data[0] & 4) != 0, .limit = 1 << 16});
      if (set) check_tags(*set);
      break;
    }
  }
  return 0;
}
