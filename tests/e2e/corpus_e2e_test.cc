// `roost workspace list --paths` (and `roost list projects` for dg workspaces) on every real
// repository of ../shared/conformance/uv-workspaces, compared with the member lists uv computes
// (manifest.json). Skips, visibly, where ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "roost_runner.h"

namespace roost::e2e {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus =
    fs::path(ROOST_SOURCE_DIR) / ".." / "shared" / "conformance" / "uv-workspaces";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(CorpusE2E, MemberListsMatchUv) {
  if (!fs::exists(kCorpus / "manifest.json")) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << kCorpus << " (it lives in ../shared)";
  }
  nlohmann::json manifest = nlohmann::json::parse(std::ifstream(kCorpus / "manifest.json"));
  int checked = 0;
  for (const nlohmann::json& repo : manifest["repos"]) {
    const std::string id = repo["id"];
    fs::path root = fs::canonical(kCorpus / id / repo["workspace_root"].get<std::string>());
    std::vector<std::string> expected;
    SubprocessResult r;
    // A directory that is both a uv project and a dg workspace (ESS-Graz__sywi-data-platform) is
    // a dg workspace to roost: its members are the dg projects, as `roost workspace metadata`
    // reports them (a deliberate difference from uv, which sees the single project).
    bool dg_workspace = repo["category"] == "dg-workspace";
    if (!dg_workspace) {
      for (const nlohmann::json& m : repo["members"]) {
        expected.push_back((root / m["path"].get<std::string>()).lexically_normal().string());
        if (expected.back().size() > 1 && expected.back().back() == '/') expected.back().pop_back();
      }
      r = run_roost({"--directory", root.string(), "workspace", "list", "--paths"});
    } else {
      ASSERT_TRUE(repo.contains("dg")) << id;
      for (const nlohmann::json& config : repo["dg"]) {
        if (config["directory_type"] != "workspace") continue;
        for (const nlohmann::json& p : config["projects"]) expected.push_back(p["path"]);
      }
      r = run_roost({"--directory", root.string(), "list", "projects"});
    }
    EXPECT_EQ(r.exit_code, 0) << id << ": " << r.stderr_data;
    std::vector<std::string> got = lines_of(r.stdout_data);
    std::sort(expected.begin(), expected.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, expected) << id;
    ++checked;
  }
  EXPECT_EQ(checked, manifest["repos"].size());
  std::printf("checked the member lists of %d repositories\n", checked);
}

}  // namespace
}  // namespace roost::e2e
