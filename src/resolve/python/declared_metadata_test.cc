#include "resolve/python/declared_metadata.h"

#include <gtest/gtest.h>

#include "resolve/python/test_source.h"

namespace roost::resolve::python {
namespace {

using test_universe::Release;
using test_universe::TestSource;

// The declared requirements replace the index's, for the version named or for every version.
TEST(DeclaredMetadata, ReplacesWhatTheIndexSays) {
  TestSource s;
  s.add("a", "1.0", Release{.requires_dist = {"b"}});
  s.add("a", "2.0", Release{.requires_dist = {"b"}});
  s.add("b", "1.0");
  s.add("c", "1.0");
  s.add("d", "1.0");
  DeclaredMetadataSource every(s, {{.name = "a", .requires_dist = {"c"}}});
  Result<Resolution> r = resolve(test_universe::inputs({"a"}), {}, every);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(test_universe::pins(*r), "a==2.0 c==1.0");

  DeclaredMetadataSource one(s, {{.name = "a", .version = "1.0", .requires_dist = {"d"}}});
  Result<Resolution> pinned = resolve(test_universe::inputs({"a<2"}), {}, one);
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(test_universe::pins(*pinned), "a==1.0 d==1.0");
  Result<Resolution> other = resolve(test_universe::inputs({"a>=2"}), {}, one);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(test_universe::pins(*other), "a==2.0 b==1.0");  // 2.0 keeps the index's metadata
}

}  // namespace
}  // namespace roost::resolve::python
