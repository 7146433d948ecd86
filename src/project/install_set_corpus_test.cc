// install_set() over every uv.lock of ../shared/conformance/uv-workspaces, for CPython 3.12 on
// manylinux_2_36 x86_64 (another Python where the lock's requires-python excludes 3.12, Windows
// where the lock cannot be installed on Linux): uv's default selection and "everything"
// (--all-packages --all-groups
// --all-extras), checked for invariants (a file for every archive, a tree for every source
// tree, no name twice, every selected member present). Prints the counts. Skips, visibly, where
// ../shared is not beside the checkout.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lock/read_lock.h"
#include "pep440/specifier.h"
#include "project/install_set.h"
#include "project/install_set_test_support.h"
#include "tags/filename.h"
#include "workspace/workspace.h"

namespace roost::project {
namespace {

namespace fs = std::filesystem;
using namespace testing;  // NOLINT(google-build-using-namespace): the test helpers

const fs::path kCorpus = fs::path(ROOST_SOURCE_DIR "/../shared/conformance/uv-workspaces");

// Locks that cannot be installed on Linux, by path under the corpus, checked on Windows instead.
// Each one must say why.
const std::map<std::string, std::string> kWindowsOnly = {
    {"DoctorReid__ZenlessZoneZero-OneDragon__uv-toml-2025-06/uv.lock",
     "the project depends on onnxruntime-directml without a marker, and it has only win_amd64 "
     "wheels"},
};

std::vector<fs::path> corpus_locks() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus))
    if (entry.is_regular_file() && entry.path().filename() == "uv.lock")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// The root's `tool.uv.default-groups`, when the workspace beside the lock can be read.
DefaultGroups default_groups_of(const fs::path& lock) {
  DefaultGroups out;
  auto ws = workspace::discover_uv_workspace({.start = fs::canonical(lock.parent_path())});
  if (!ws.ok() || !ws->root_pyproject || !ws->root_pyproject->tool_uv) return out;
  const auto& configured = ws->root_pyproject->tool_uv->default_groups;
  if (!configured) return out;
  out.all = configured->all;
  out.groups.clear();
  for (const auto& g : configured->groups) out.groups.push_back(g.str());
  return out;
}

// 3.12, else the first later (then earlier) minor the lock's requires-python admits, with its
// first admitted patch release: {minor, micro}.
std::pair<int, int> python_version(const lock::Lockfile& lock) {
  Result<pep440::SpecifierSet> range = pep440::SpecifierSet::parse(lock.requires_python);
  if (!range.ok()) return {12, 4};
  for (uint64_t minor : {12, 13, 14, 11, 10})
    for (uint64_t micro = 0; micro < 30; ++micro)
      if (range->contains(pep440::Version::from_release({3, minor, micro})))
        return {static_cast<int>(minor), static_cast<int>(micro)};
  return {12, 4};
}

// The lock's root project (source "."), which uv treats as the current project there.
std::optional<std::string> root_project(const lock::Lockfile& lock) {
  for (const lock::Package& p : lock.packages) {
    bool tree = p.source.kind == lock::SourceKind::kEditable ||
                p.source.kind == lock::SourceKind::kVirtual ||
                p.source.kind == lock::SourceKind::kDirectory;
    if (tree && p.source.location == ".") return p.name;
  }
  return std::nullopt;
}

void check_invariants(const std::string& rel, const lock::Lockfile& lock,
                      const std::vector<InstallItem>& items, bool all_members) {
  std::set<std::string> seen;
  for (const InstallItem& item : items) {
    EXPECT_TRUE(seen.insert(item.name).second) << rel << ": `" << item.name << "` twice";
    switch (item.kind) {
      case InstallItem::Kind::kEditable:
      case InstallItem::Kind::kDirectory:
        EXPECT_TRUE(item.source_tree.is_absolute()) << rel << ": " << item.name;
        EXPECT_FALSE(item.file) << rel << ": " << item.name;
        break;
      case InstallItem::Kind::kGit:
        EXPECT_FALSE(item.file) << rel << ": " << item.name;
        break;
      case InstallItem::Kind::kSdist:
        if (item.source.kind == lock::SourceKind::kRegistry) {
          EXPECT_TRUE(item.file) << rel << ": " << item.name;
        }
        break;
      default: {
        ASSERT_TRUE(item.file) << rel << ": " << item.name;
        std::string location = item.file->location;
        std::string filename = location.substr(location.find_last_of('/') + 1);
        EXPECT_TRUE(filename.size() > 4 && filename.substr(filename.size() - 4) == ".whl")
            << rel << ": " << item.name << " " << location;
      }
    }
  }
  EXPECT_TRUE(std::is_sorted(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.name < b.name;
  })) << rel;
  if (!all_members) return;
  for (const std::string& member : lock.manifest.members) {
    auto p = std::find_if(lock.packages.begin(), lock.packages.end(),
                          [&](const lock::Package& p) { return p.name == member; });
    if (p == lock.packages.end() || p->source.kind == lock::SourceKind::kVirtual) continue;
    EXPECT_TRUE(seen.count(member)) << rel << ": member `" << member << "` not installed";
  }
}

TEST(InstallSetCorpus, DefaultAndEverythingSelectionsHoldTheInvariants) {
  if (!fs::is_directory(kCorpus)) {
    GTEST_SKIP() << "the uv-workspaces corpus is not at " << kCorpus << " (it lives in ../shared)";
  }
  int locks = 0, sets = 0;
  size_t items_total = 0;
  for (const fs::path& path : corpus_locks()) {
    const std::string rel = fs::relative(path, kCorpus).generic_string();
    Result<lock::Lockfile> lock = lock::read_lock(path);
    ASSERT_TRUE(lock.ok()) << lock.error().render();
    ++locks;
    const auto [minor, micro] = python_version(*lock);
    const bool windows = kWindowsOnly.count(rel) > 0;
    const pep508::MarkerEnvironment env = cpython_env(windows ? "win32" : "linux", minor, micro);
    const std::vector<tags::Tag> tags =
        windows ? cpython_tags({.os = tags::Os::kWindows, .arch = "x86_64"}, minor)
                : manylinux_tags(minor);
    InstallTarget target{.workspace_root = fs::canonical(path.parent_path()),
                         .current_project = root_project(*lock),
                         .default_groups = default_groups_of(path)};
    std::vector<std::pair<std::string, InstallSelection>> selections = {
        {"default", {}},
        {"everything", {.all_packages = true, .all_extras = true, .all_groups = true}},
        {"all packages", {.all_packages = true}},
    };
    std::string counts;
    for (const auto& [label, selection] : selections) {
      Result<std::vector<InstallItem>> items = install_set(*lock, target, selection, env, tags);
      if (!items.ok()) {
        // Extras or groups the lock declares as conflicting cannot all be installed together;
        // uv refuses them the same way.
        bool conflicting = items.error().kind() == ErrorKind::kUsage &&
                           items.error().message().find("conflict") != std::string::npos;
        EXPECT_TRUE(conflicting) << rel << " (" << label << "): " << items.error().render();
        counts += " " + label + ": refused (" + items.error().message().substr(0, 60) + "...)";
        continue;
      }
      ++sets;
      items_total += items->size();
      check_invariants(rel, *lock, *items, selection.all_packages || !target.current_project);
      counts += " " + label + ": " + std::to_string(items->size());
    }
    std::cout << "[ install  ] " << rel << " (3." << minor << "." << micro
              << (windows ? ", Windows" : "") << "):" << counts << "\n";
  }
  std::cout << "[ install  ] " << locks << " locks, " << sets << " install sets, " << items_total
            << " items\n";
  EXPECT_GT(locks, 10);
}

}  // namespace
}  // namespace roost::project
