#include "tags/ranking.h"

#include <gtest/gtest.h>

#include "tags/compatible.h"

namespace roost::tags {
namespace {

using Strings = std::vector<std::string>;

TagSet set(std::string_view text) {
  return TagSet::parse(text).value();
}

TEST(TagRanking, RanksAreListPositionsAndTheFirstOccurrenceWins) {
  std::vector<Tag> tags = {Tag("cp311", "cp311", "linux_x86_64"),
                           Tag("cp311", "abi3", "linux_x86_64"),
                           Tag("cp311", "cp311", "linux_x86_64"), Tag("py3", "none", "any")};
  TagRanking ranking(tags);
  EXPECT_EQ(ranking.size(), 3u);
  EXPECT_EQ(ranking.rank(Tag("cp311", "cp311", "linux_x86_64")), 0u);
  EXPECT_EQ(ranking.rank(Tag("cp311", "abi3", "linux_x86_64")), 1u);
  EXPECT_EQ(ranking.rank(Tag("py3", "none", "any")), 3u);
  EXPECT_EQ(ranking.rank("PY3", "none", "any"), std::nullopt);  // components are lowercase
  EXPECT_EQ(ranking.rank(Tag("py3", "none", "linux_x86_64")),
            std::nullopt);  // known parts, unknown tag
  EXPECT_EQ(ranking.rank(Tag("py2", "none", "any")), std::nullopt);
}

TEST(TagRanking, BestRankOfASetIsItsBestMember) {
  Strings plats = {"manylinux_2_17_x86_64", "manylinux2014_x86_64"};
  TagRanking ranking(supported_tags(Interpreter::cpython(3, 11), plats));
  EXPECT_EQ(ranking.best_rank(set("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64")), 0u);
  EXPECT_EQ(ranking.best_rank(set("cp311-cp311-manylinux2014_x86_64")), 1u);
  EXPECT_EQ(ranking.best_rank(set("cp37-abi3-manylinux2014_x86_64")),
            ranking.rank(Tag("cp37", "abi3", "manylinux2014_x86_64")));
  EXPECT_EQ(ranking.best_rank(set("cp312-cp312-manylinux2014_x86_64")), std::nullopt);
  EXPECT_EQ(ranking.best_rank(set("cp311-cp311-win_amd64")), std::nullopt);
  auto pure = ranking.best_rank(set("py2.py3-none-any"));
  ASSERT_TRUE(pure.has_value());
  // The list ends cp311-none-any, py311-none-any, py3-none-any, py310-none-any .. py30-none-any.
  EXPECT_EQ(*pure, ranking.size() - 12);
}

TEST(TagRanking, SelectOrdersCompatibleCandidatesBestFirstAndStable) {
  Strings plats = {"win_amd64"};
  TagRanking ranking(supported_tags(Interpreter::cpython(3, 12), plats));
  std::vector<TagSet> wheels = {set("py3-none-any"), set("cp312-cp312-win_amd64"),
                                set("cp311-cp311-win_amd64"), set("py2.py3-none-any"),
                                set("cp312-abi3-win_amd64")};
  EXPECT_EQ(ranking.select(wheels), (std::vector<size_t>{1, 4, 0, 3}));
}

TEST(TagRanking, EmptyRankingMatchesNothing) {
  TagRanking ranking;
  EXPECT_EQ(ranking.best_rank(set("py3-none-any")), std::nullopt);
  EXPECT_TRUE(ranking.select(std::vector<TagSet>{set("py3-none-any")}).empty());
}

}  // namespace
}  // namespace roost::tags
