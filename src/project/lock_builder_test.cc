// build_lock's fork markers, as uv's simplified_universal_markers writes them: the forks' own
// markers once each when they are pairwise disjoint (so forks that differ only in their choice
// of conflicting extras write nothing), else with their conflict markers.
#include "project/lock_builder.h"

#include <gtest/gtest.h>

namespace roost::project {
namespace {

using resolve::python::Resolution;
using resolve::python::ResolvedPackage;

pep508::Marker m(std::string_view text) {
  return pep508::Marker::parse(text).value();
}

LoweredWorkspace workspace() {
  LoweredWorkspace w;
  w.requires_python_text = ">=3.10";
  w.requires_python = pep440::VersionRanges::from(pep440::SpecifierSet::parse(">=3.10").value());
  return w;
}

// Two versions of `lib`, each in some of the forks.
Resolution two_versions(std::vector<pep508::Marker> forks, std::vector<pep508::Marker> choices,
                        std::vector<size_t> first, std::vector<size_t> second) {
  Resolution r;
  r.forks = std::move(forks);
  r.fork_conflicts = std::move(choices);
  for (const auto& [version, in] : {std::pair{"1.0", first}, std::pair{"2.0", second}}) {
    ResolvedPackage p;
    p.name = "lib";
    p.version = pep440::Version::parse(version).value();
    p.index_url = "https://example.org/simple";
    p.forks = in;
    r.packages.push_back(std::move(p));
  }
  return r;
}

const std::string kA = "'extra-1-p-a' in extras and 'extra-1-p-b' not in extras";
const std::string kB = "'extra-1-p-a' not in extras and 'extra-1-p-b' in extras";
const std::string kNone = "'extra-1-p-a' not in extras and 'extra-1-p-b' not in extras";

TEST(LockBuilderTest, ForksThatDifferOnlyInTheirConflictChoiceWriteNoMarkers) {
  Resolution r = two_versions(
      {pep508::Marker::always_true(), pep508::Marker::always_true(), pep508::Marker::always_true()},
      {m(kB), m(kA), m(kNone)}, {1}, {0});
  lock::Lockfile lock = build_lock(workspace(), {}, r);
  EXPECT_TRUE(lock.resolution_markers.empty());
  EXPECT_TRUE(lock.packages[0].resolution_markers.empty());
}

TEST(LockBuilderTest, DisjointForkMarkersAreWrittenOnceEach) {
  Resolution r = two_versions(
      {m("sys_platform == 'linux'"), m("sys_platform == 'linux'"), m("sys_platform == 'darwin'")},
      {m(kA), m(kB), m(kA)}, {0, 2}, {1});
  lock::Lockfile lock = build_lock(workspace(), {}, r);
  EXPECT_EQ(lock.resolution_markers,
            (std::vector<std::string>{"sys_platform == 'linux'", "sys_platform == 'darwin'"}));
  EXPECT_EQ(lock.packages[0].resolution_markers,
            (std::vector<std::string>{"sys_platform == 'linux'", "sys_platform == 'darwin'"}));
  EXPECT_EQ(lock.packages[1].resolution_markers,
            (std::vector<std::string>{"sys_platform == 'linux'"}));
}

TEST(LockBuilderTest, OverlappingForkMarkersAreWrittenWithTheirConflictMarkers) {
  Resolution r = two_versions(
      {m("python_version >= '3.12'"), m("python_version < '3.12'"), pep508::Marker::always_true()},
      {m(kA), m(kA), m(kB)}, {0, 1}, {2});
  lock::Lockfile lock = build_lock(workspace(), {}, r);
  EXPECT_EQ(lock.resolution_markers,
            (std::vector<std::string>{
                "python_full_version >= '3.12' and extra == 'extra-1-p-a' and extra != "
                "'extra-1-p-b'",
                "python_full_version < '3.12' and extra == 'extra-1-p-a' and extra != "
                "'extra-1-p-b'",
                "extra != 'extra-1-p-a' and extra == 'extra-1-p-b'"}));
}

TEST(LockBuilderTest, OneForkIsWrittenWhenItIsNotEverything) {
  Resolution r;
  r.forks = {m("sys_platform == 'linux'")};
  lock::Lockfile lock = build_lock(workspace(), {}, r);
  EXPECT_EQ(lock.resolution_markers, std::vector<std::string>{"sys_platform == 'linux'"});
  r.forks = {pep508::Marker::always_true()};
  EXPECT_TRUE(build_lock(workspace(), {}, r).resolution_markers.empty());
}

}  // namespace
}  // namespace roost::project
