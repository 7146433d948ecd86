#include "project/requires_python.h"

#include <gtest/gtest.h>

namespace roost::project {
namespace {

pep440::SpecifierSet spec(const char* text) {
  Result<pep440::SpecifierSet> s = pep440::SpecifierSet::parse(text);
  EXPECT_TRUE(s.ok()) << text;
  return s.ok() ? *s : pep440::SpecifierSet();
}

std::string intersect(std::vector<std::pair<std::string, std::string>> members) {
  std::vector<pep440::SpecifierSet> sets;
  sets.reserve(members.size());
  for (const auto& m : members) sets.push_back(spec(m.second.c_str()));
  std::vector<std::pair<std::string, const pep440::SpecifierSet*>> sources;
  for (size_t i = 0; i < members.size(); ++i) sources.emplace_back(members[i].first, &sets[i]);
  Result<WorkspacePython> py = workspace_requires_python(sources);
  return py.ok() ? py->text : "error: " + py.error().message();
}

TEST(RequiresPython, IntersectionWrittenAsUvWritesIt) {
  EXPECT_EQ(intersect({{"a", ">=3.10"}}), ">=3.10");
  EXPECT_EQ(intersect({{"a", ">=3.10"}, {"b", ">=3.11,<3.14"}}), ">=3.11, <3.14");
  EXPECT_EQ(intersect({{"a", "<3.14,>=3.11"}}), ">=3.11, <3.14");
  EXPECT_EQ(intersect({{"a", "==3.13.*"}}), "==3.13.*");
  EXPECT_EQ(intersect({{"a", ">=3.11.9,<=3.11.12"}}), ">=3.11.9, <=3.11.12");
  // Trailing zeros keep their spelling, as uv's versions do.
  EXPECT_EQ(intersect({{"a", ">=3.12.0,<3.15"}}), ">=3.12.0, <3.15");
  EXPECT_EQ(intersect({{"a", "~=3.12.0"}}), ">=3.12.0, <3.13");
  EXPECT_EQ(intersect({}), "");
}

TEST(RequiresPython, ConflictIsUvsError) {
  EXPECT_EQ(intersect({{"project", ">=3.12"}, {"child", "==3.10"}}),
            "error: Found conflicting Python requirements:\n- child: ==3.10\n- project: >=3.12");
  EXPECT_EQ(intersect({{"a", "<3.10,>=3.9"}, {"b", ">=3.11"}}),
            "error: Found conflicting Python requirements:\n- a: >=3.9, <3.10\n- b: >=3.11");
}

TEST(RequiresPython, SameRangeComparesReleasesNotText) {
  EXPECT_TRUE(same_requires_python(">=3.10", ">=3.10.0"));
  EXPECT_TRUE(same_requires_python(">=3.11, <3.14", "<3.14,>=3.11"));
  EXPECT_TRUE(same_requires_python("==3.12.*", ">=3.12, <3.13"));
  EXPECT_FALSE(same_requires_python(">=3.10", ">=3.11"));
  EXPECT_FALSE(same_requires_python(">=3.10", ">=3.10, <4"));
}

TEST(RequiresPython, SpecifiersSortedByVersion) {
  EXPECT_EQ(uv_specifiers_text(spec("<10.0.0,>=8.2.3"), ","), ">=8.2.3,<10.0.0");
  EXPECT_EQ(uv_specifiers_text(spec(">=1.19.0, <3"), ","), ">=1.19.0,<3");
  EXPECT_EQ(uv_specifiers_text(spec("~=2.2"), ","), "~=2.2");
  EXPECT_EQ(uv_specifiers_text(spec(">=5.29.6,!=6.30.*,!=6.33.0.*"), ","),
            ">=5.29.6,!=6.30.*,!=6.33.0.*");
}

}  // namespace
}  // namespace roost::project
