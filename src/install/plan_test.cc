#include "install/plan.h"

#include <gtest/gtest.h>

namespace roost::install {
namespace {

pep508::PackageName name(const std::string& text) {
  return *pep508::PackageName::parse(text);
}

InstalledDistribution have(const std::string& n, const std::string& v,
                           std::optional<metadata::DirectUrl> url = std::nullopt) {
  InstalledDistribution d{name(n), *pep440::Version::parse(v),
                          "/site/" + n + "-" + v + ".dist-info"};
  d.direct_url = std::move(url);
  return d;
}

WantedDist want(const std::string& n, const std::string& v, DistSource source = {}) {
  return {name(n), *pep440::Version::parse(v), std::move(source)};
}

std::vector<std::string> names(const std::vector<InstalledDistribution>& ds) {
  std::vector<std::string> out;
  for (const auto& d : ds) out.push_back(d.name.str() + " " + d.version.to_string());
  return out;
}
std::vector<std::string> names(const std::vector<WantedDist>& ws) {
  std::vector<std::string> out;
  for (const auto& w : ws) out.push_back(w.name.str() + " " + w.version.to_string());
  return out;
}
std::vector<std::string> reasons(const std::vector<Reinstall>& rs) {
  std::vector<std::string> out;
  for (const auto& r : rs) out.push_back(r.wanted.name.str() + ": " + r.reason);
  return out;
}

metadata::DirectUrl dir_url(const std::string& url, bool editable) {
  return {url, metadata::DirInfo{editable}};
}

TEST(PlanInstall, KeepsInstallsReinstallsAndFindsExtraneous) {
  auto plan = plan_install({have("a", "1.0"), have("b", "1.0"), have("c", "2.0"), have("x", "1")},
                           {want("b", "1.0"), want("a", "1.0"), want("c", "2.1"), want("d", "3")});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(names(plan->keep), (std::vector<std::string>{"a 1.0", "b 1.0"}));
  EXPECT_EQ(names(plan->install), (std::vector<std::string>{"d 3"}));
  EXPECT_EQ(reasons(plan->reinstall), (std::vector<std::string>{"c: 2.0 is installed"}));
  EXPECT_EQ(names(plan->reinstall[0].installed), (std::vector<std::string>{"c 2.0"}));
  EXPECT_EQ(names(plan->extraneous), (std::vector<std::string>{"x 1"}));
}

TEST(PlanInstall, AnInstallWithoutRecordIsReinstalled) {
  InstalledDistribution broken = have("a", "1.0");
  broken.has_record = false;  // killed before RECORD, which is written last
  auto plan = plan_install({broken}, {want("a", "1.0")});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->keep.empty());
  EXPECT_EQ(reasons(plan->reinstall),
            (std::vector<std::string>{"a: its install did not finish (no RECORD)"}));
}

TEST(PlanInstall, VersionsCompareByValue) {
  auto plan = plan_install({have("a", "1.0")}, {want("a", "1.0.0")});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->keep.size(), 1u);
}

TEST(PlanInstall, SourcesMustMatch) {
  DistSource editable{DistSource::Kind::kDirectory, "file:///src/a", "", true};
  DistSource archive{DistSource::Kind::kArchive, "https://x/a-1.0-py3-none-any.whl"};
  DistSource git{DistSource::Kind::kVcs, "https://github.com/o/a", "abc123"};
  auto plan = plan_install(
      {have("same-editable", "1.0", dir_url("file:///src/a/", true)),
       have("now-editable", "1.0", dir_url("file:///src/a", false)), have("from-registry", "1.0"),
       have("to-registry", "1.0",
            metadata::DirectUrl{"https://x/a-1.0-py3-none-any.whl", metadata::ArchiveInfo{}}),
       have("same-archive", "1.0",
            metadata::DirectUrl{"https://x/a-1.0-py3-none-any.whl", metadata::ArchiveInfo{}}),
       have("git-moved", "1.0",
            metadata::DirectUrl{"https://github.com/o/a", metadata::VcsInfo{"git", "old999"}}),
       have("git-same", "1.0",
            metadata::DirectUrl{"https://github.com/o/a", metadata::VcsInfo{"git", "abc123"}})},
      {want("same-editable", "1.0", editable), want("now-editable", "1.0", editable),
       want("from-registry", "1.0", archive), want("to-registry", "1.0"),
       want("same-archive", "1.0", archive), want("git-moved", "1.0", git),
       want("git-same", "1.0", git)});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(names(plan->keep),
            (std::vector<std::string>{"git-same 1.0", "same-archive 1.0", "same-editable 1.0"}));
  EXPECT_EQ(
      reasons(plan->reinstall),
      (std::vector<std::string>{"from-registry: installed from a registry",
                                "git-moved: installed from https://github.com/o/a@old999",
                                "now-editable: installed from file:///src/a",
                                "to-registry: installed from https://x/a-1.0-py3-none-any.whl"}));
}

TEST(PlanInstall, ReinstallOptionsAndDuplicates) {
  auto plan = plan_install({have("a", "1.0"), have("b", "1.0"), have("c", "1.0"), have("c", "2.0")},
                           {want("a", "1.0"), want("b", "1.0"), want("c", "2.0")},
                           {.reinstall = {name("b")}});
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(names(plan->keep), (std::vector<std::string>{"a 1.0"}));
  EXPECT_EQ(reasons(plan->reinstall),
            (std::vector<std::string>{"b: asked to reinstall", "c: installed 2 times"}));
  EXPECT_EQ(names(plan->reinstall[1].installed), (std::vector<std::string>{"c 1.0", "c 2.0"}));

  auto all = plan_install({have("a", "1.0")}, {want("a", "1.0")}, {.reinstall_all = true});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->reinstall.size(), 1u);

  auto twice = plan_install({}, {want("a", "1.0"), want("a", "2.0")});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().kind(), ErrorKind::kUsage);
}

TEST(PlanInstall, EmptyInputs) {
  auto plan = plan_install({}, {});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->keep.empty() && plan->install.empty() && plan->reinstall.empty() &&
              plan->extraneous.empty());
  auto fresh = plan_install({}, {want("a", "1")});
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(names(fresh->install), (std::vector<std::string>{"a 1"}));
  auto clean = plan_install({have("a", "1")}, {});
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(names(clean->extraneous), (std::vector<std::string>{"a 1"}));
}

TEST(DistSource, FromDirectUrl) {
  EXPECT_EQ(DistSource::of(std::nullopt).kind, DistSource::Kind::kRegistry);
  DistSource d = DistSource::of(dir_url("file:///p", true));
  EXPECT_EQ(d.kind, DistSource::Kind::kDirectory);
  EXPECT_TRUE(d.editable);
  DistSource v = DistSource::of(metadata::DirectUrl{"https://g/r", metadata::VcsInfo{"git", "c1"}});
  EXPECT_EQ(v.kind, DistSource::Kind::kVcs);
  EXPECT_EQ(v.commit, "c1");
}

}  // namespace
}  // namespace roost::install
